//! The whole planning job as one library call: model, solve, plan, independent check,
//! explanations and the indicators before and after. `plan`, sweeps and comparisons all
//! go through [`make_plan`].

use crate::check::{check_plan, Breach};
use crate::domain::{staff_after, staff_before, County, Plan, Policy, Term};
use crate::io::plan::{hires_csv, moves_csv};
use crate::metrics::{evaluate, Evaluation};
use crate::model::{extract_plan, name_for_pay, slack_breaches, Formulation, Instance, Violation};
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
    /// False when, after naming the individuals of the aggregated model, the exact pay rule
    /// is broken more than the relaxation allowed: the plan is then `feasible`, not proven
    /// optimal, and `--formulation plain` proves optimality.
    pub pay_relaxation_tight: bool,
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
    /// Peak resident memory of the process so far, in MB (Linux's `VmHWM`; `null`
    /// elsewhere). For one `plan` run it is the plan's peak; a sweep shares one process.
    pub process_peak_memory_mb: Option<f64>,
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

/// Teachers, eligible teachers, exchanges (backbone among them) and placed hires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
/// The aggregated formulation treats the pay of a class of teachers as a range (a
/// relaxation); once the individuals are named, the independent checker measures the exact
/// pay rule. If it is met at least as well as the relaxation promised, the named plan
/// attains the relaxation's optimum and is optimal for the exact model too. Where it is
/// not, the teachers who can change those schools' pay become units of their own and the
/// model is solved again (at most [`REFINEMENTS`] times, within the one time limit; the plan
/// whose exact violations are least is kept). If the relaxation is still not
/// tight, the plan is valid but not proven optimal: status `feasible`,
/// `pay_relaxation_tight` false, and `--formulation plain` proves optimality.
pub fn make_plan(county: &County, policy: &Policy, opts: &SolveOptions) -> Result<PlanResult> {
    let started = std::time::Instant::now();
    let mut attempt = plan_with(county, policy, opts, &[])?;
    let mut exact_pay_schools: Vec<usize> = Vec::new();
    let mut loose = attempt.loose_pay_schools.clone();
    for _ in 0..REFINEMENTS {
        // The time limit is for the whole plan: a refinement gets what is left.
        let left = opts.time_limit - started.elapsed().as_secs_f64();
        if loose.is_empty() || left < 1.0 {
            break;
        }
        exact_pay_schools.extend(&loose);
        exact_pay_schools.sort_unstable();
        exact_pay_schools.dedup();
        let refined = SolveOptions { time_limit: left, ..opts.clone() };
        let Ok(next) = plan_with(county, policy, &refined, &exact_pay_schools) else { break };
        let timed_out = next.result.summary.status == Status::TimeLimit;
        loose = next.loose_pay_schools.clone();
        // Keep the plan that breaks the policy least, as the checker measures it exactly; a
        // refinement cut short by the time limit may still be the better plan.
        if next.exact_violations <= attempt.exact_violations + 1e-9 {
            attempt = next;
        }
        if timed_out {
            break;
        }
    }
    if !attempt.loose_pay_schools.is_empty() {
        let s = &mut attempt.result.summary;
        s.pay_relaxation_tight = false;
        if s.status == Status::Optimal {
            s.status = Status::Feasible;
        }
    }
    Ok(attempt.result)
}

/// Seconds the pay-aware naming gets at the least, within the grace the time limit already
/// allows a stage (`solve::watchdog`): without them a plan whose stages used the whole
/// limit keeps the tenure order's naming, whose exact pay the checker may reject.
pub const NAMING_MIN_SECONDS: f64 = 2.0;

/// How many times the aggregated model is refined where its pay relaxation was not tight.
pub const REFINEMENTS: usize = 2;

struct Attempt {
    result: PlanResult,
    /// Schools whose exact pay breach exceeds what the relaxation allowed.
    loose_pay_schools: Vec<usize>,
    /// Sum of the checker's breach amounts (the violations term, measured exactly).
    exact_violations: f64,
}

fn plan_with(county: &County, policy: &Policy, opts: &SolveOptions, exact_pay_schools: &[usize]) -> Result<Attempt> {
    let inst = Instance::refined(county, policy, opts.formulation, exact_pay_schools);
    let (model, solved) = solve(&inst, opts)?;
    let mut plan = extract_plan(&inst, &model, &solved.values);
    let mut breaches = check_plan(county, policy, &plan);
    let solver_says = slack_breaches(&model, &solved.values);
    let mut loose_pay_schools = pay_beyond_relaxation(county, &breaches, &solver_says);
    if !loose_pay_schools.is_empty() {
        // The tenure order broke a pay band the counts may still allow: choose the members
        // by pay before refining the model (src/model/naming.rs).
        let mut allowed = vec![0.0; county.schools.len()];
        for (rule, school, _, amount) in &solver_says {
            if let (&"pay_band", Some(s)) = (rule, school) {
                allowed[*s] += amount;
            }
        }
        // At least NAMING_MIN_SECONDS even when the stages used the whole limit: a plan
        // the checker disagrees with is worse than a second over the limit.
        let left = (opts.time_limit - solved.build_seconds - solved.solve_seconds).max(NAMING_MIN_SECONDS);
        if let Some(renamed) = name_for_pay(&inst, &plan, &allowed, left) {
            let rechecked = check_plan(county, policy, &renamed);
            if pay_beyond_relaxation(county, &rechecked, &solver_says).is_empty() {
                (plan, breaches, loose_pay_schools) = (renamed, rechecked, Vec::new());
            }
        }
    }
    let checker_agrees = agree(county, &breaches, &solver_says);
    let exact_violations = breaches.iter().map(|b| b.amount).sum();
    let violations = breaches.iter().map(|b| Violation::from_breach(&inst, b)).collect();
    let objective = solved.terms.iter().map(|&(t, v)| (t.name(), v)).collect();
    let summary = Summary {
        policy: policy.name.clone(),
        formulation: opts.formulation,
        pay_relaxation_tight: true,
        status: solved.status,
        objective,
        objective_order: policy.objective.order.iter().map(|t: &Term| t.name()).collect(),
        mip_gap: solved.stages.iter().map(|s| s.gap).fold(0.0, f64::max),
        stages: solved.stages,
        build_seconds: solved.build_seconds,
        solve_seconds: solved.solve_seconds,
        process_peak_memory_mb: peak_memory_mb(),
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
    Ok(Attempt { result: PlanResult { plan, summary }, loose_pay_schools, exact_violations })
}

/// The process's peak resident memory in MB, from `/proc/self/status` (Linux).
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Schools where the named plan's exact pay-band breach exceeds the relaxed model's pay
/// slack there (where the relaxation was not tight).
fn pay_beyond_relaxation(county: &County, breaches: &[Breach], slacks: &[SlackGroup]) -> Vec<usize> {
    breaches
        .iter()
        .filter(|b| b.rule == "pay_band")
        .filter(|b| {
            !slacks.iter().any(|(rule, school, _, amount)| {
                *rule == "pay_band"
                    && school.map(|i| county.schools[i].id.as_str()) == b.school.as_deref()
                    && *amount + 1e-6 >= b.amount
            })
        })
        .filter_map(|b| b.school.as_deref().and_then(|id| county.school_index(id)))
        .collect()
}

/// A rule the solver left unmet: (rule, school, subject, amount).
type SlackGroup = (&'static str, Option<usize>, Option<crate::domain::Subject>, f64);

fn agree(county: &County, breaches: &[Breach], slacks: &[SlackGroup]) -> bool {
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

/// Replaces the plan directory `dir` as a whole by moves.csv, hires.csv, summary.json and
/// run.json of one run, all rendered before any is written ([`crate::io::plan_dir`]).
pub fn write_plan_dir(dir: &Path, county: &County, result: &PlanResult) -> Result<()> {
    let (moves, hires) = (moves_csv(county, &result.plan), hires_csv(county, &result.plan));
    crate::io::plan_dir::write_plan(dir, &moves, &hires, &result.summary).map(drop)
}
