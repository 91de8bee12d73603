//! The whole planning job as one library call: model, solve, plan, independent check,
//! explanations and the indicators before and after. `plan`, sweeps and comparisons all
//! go through [`make_plan`].

use crate::check::{check_plan, Breach};
use crate::domain::{staff_after, staff_before, County, Plan, Policy, Term};
use crate::io::plan::{hires_csv, moves_csv};
use crate::metrics::{evaluate, Evaluation};
use crate::model::{extract_plan, slack_breaches, Formulation, Instance, Violation};
use crate::solve::{solve, SolveOptions, StageResult, Status};
use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// A finished plan and everything known about it.
#[derive(Debug, Clone)]
pub struct PlanResult {
    pub plan: Plan,
    pub summary: Summary,
}

/// summary.json (formats.md): status, objective terms, gap, times, violations, metrics.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub policy: String,
    /// `aggregated` (classes of interchangeable teachers) or `plain` (one binary per teacher).
    pub formulation: Formulation,
    /// True when the aggregated model's pay relaxation was not tight after naming and the
    /// plain model was solved instead.
    pub fallback: bool,
    pub status: Status,
    /// Each objective term by name, in the plan as written.
    pub objective: BTreeMap<&'static str, f64>,
    /// Terms in the order they were minimised.
    pub objective_order: Vec<&'static str>,
    pub stages: Vec<StageResult>,
    /// Largest relative gap over the stages.
    pub mip_gap: f64,
    pub build_seconds: f64,
    pub solve_seconds: f64,
    pub model: ModelSize,
    pub counts: Counts,
    /// Policy rules the plan does not meet, each with the amount and why.
    pub violations: Vec<Violation>,
    /// Whether the independent checker found exactly the rules the solver reported unmet.
    pub checker_agrees: bool,
    pub metrics: Metrics,
}

#[derive(Debug, Clone, Serialize)]
pub struct ModelSize {
    pub columns: usize,
    pub rows: usize,
    pub exchange_pairs: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub teachers: usize,
    pub eligible: usize,
    pub exchanges: usize,
    pub backbone_exchanges: usize,
    pub hires: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Metrics {
    pub before: Evaluation,
    pub after: Evaluation,
}

/// Makes the optimal plan for a county under a policy.
///
/// The aggregated formulation treats the pay of a class of teachers as a range; once the
/// individuals are named, the independent checker measures the exact pay rule. If it is
/// met at least as well as the relaxation promised, the plan is optimal for the exact
/// model too (the relaxation's optimum is a bound that the named plan attains); otherwise
/// the plain per-teacher model is solved instead and `fallback` says so.
pub fn make_plan(county: &County, policy: &Policy, opts: &SolveOptions) -> Result<PlanResult> {
    let first = plan_with(county, policy, opts)?;
    if opts.formulation == Formulation::Plain || first.pay_relaxation_holds {
        return Ok(first.result);
    }
    let plain = SolveOptions { formulation: Formulation::Plain, ..opts.clone() };
    let mut second = plan_with(county, policy, &plain)?.result;
    second.summary.fallback = true;
    Ok(second)
}

struct Attempt {
    result: PlanResult,
    pay_relaxation_holds: bool,
}

fn plan_with(county: &County, policy: &Policy, opts: &SolveOptions) -> Result<Attempt> {
    let inst = Instance::new(county, policy, opts.formulation);
    let (model, solved) = solve(&inst, opts)?;
    let plan = extract_plan(&inst, &model, &solved.values);
    let breaches = check_plan(county, policy, &plan);
    let solver_says = slack_breaches(&model, &solved.values);
    let checker_agrees = agree(county, &breaches, &solver_says);
    let pay_relaxation_holds = pay_within_relaxation(county, &breaches, &solver_says);
    let violations = breaches.iter().map(|b| Violation::from_breach(&inst, b)).collect();
    let objective = solved.terms.iter().map(|&(t, v)| (t.name(), v)).collect();
    let summary = Summary {
        policy: policy.name.clone(),
        formulation: opts.formulation,
        fallback: false,
        status: solved.status,
        objective,
        objective_order: policy.objective.order.iter().map(|t: &Term| t.name()).collect(),
        mip_gap: solved.stages.iter().map(|s| s.mip_gap).fold(0.0, f64::max),
        stages: solved.stages,
        build_seconds: solved.build_seconds,
        solve_seconds: solved.solve_seconds,
        model: ModelSize { columns: solved.n_cols, rows: solved.n_rows, exchange_pairs: inst.pairs.len() },
        counts: Counts {
            teachers: county.teachers.len(),
            eligible: inst.eligible.len(),
            exchanges: plan.moves.len(),
            backbone_exchanges: plan
                .moves
                .iter()
                .filter(|m| crate::rules::counts_as_backbone(&county.teachers[m.teacher], policy))
                .count(),
            hires: plan.placements.len(),
        },
        violations,
        checker_agrees,
        metrics: Metrics {
            before: evaluate(county, policy, &staff_before(county)),
            after: evaluate(county, policy, &staff_after(county, policy, &plan)),
        },
    };
    Ok(Attempt { result: PlanResult { plan, summary }, pay_relaxation_holds })
}

/// Every exact pay-band breach of the named plan is covered by the relaxed model's pay
/// slack at that school (so the violations term is what the solver proved optimal).
fn pay_within_relaxation(county: &County, breaches: &[Breach], slacks: &[SlackGroup]) -> bool {
    breaches.iter().filter(|b| b.rule == "pay_band").all(|b| {
        slacks.iter().any(|(rule, school, _, amount)| {
            *rule == "pay_band"
                && school.map(|i| county.schools[i].id.as_str()) == b.school.as_deref()
                && *amount + 1e-6 >= b.amount
        })
    })
}

/// The checker's unmet rules and the solver's positive slacks name the same (rule, school,
/// subject) set, ignoring amounts below 1e-4 (solver tolerance).
/// A rule the solver left unmet: (rule, school, subject, amount).
type SlackGroup = (&'static str, Option<usize>, Option<crate::domain::Subject>, f64);

fn agree(
    county: &County,
    breaches: &[Breach],
    slacks: &[SlackGroup],
) -> bool {
    let mut a: Vec<(String, Option<String>, Option<String>)> = breaches
        .iter()
        .filter(|b| b.amount > 1e-4)
        .map(|b| (b.rule.to_string(), b.school.clone(), b.subject.clone()))
        .collect();
    let mut b: Vec<(String, Option<String>, Option<String>)> = slacks
        .iter()
        .filter(|s| s.3 > 1e-4)
        .map(|(r, s, k, _)| (r.to_string(), s.map(|i| county.schools[i].id.clone()), k.map(|k| k.name().to_string())))
        .collect();
    a.sort();
    a.dedup();
    b.sort();
    b.dedup();
    a == b
}

/// Writes moves.csv, hires.csv and summary.json into `dir`; each file atomically, all
/// rendered before any is written.
pub fn write_plan_dir(dir: &Path, county: &County, result: &PlanResult) -> Result<()> {
    let summary = serde_json::to_vec_pretty(&result.summary)?;
    let files = [
        (dir.join("moves.csv"), moves_csv(county, &result.plan)),
        (dir.join("hires.csv"), hires_csv(county, &result.plan)),
        (dir.join("summary.json"), summary),
    ];
    crate::io::atomic::write_all_atomic(&files)
}
