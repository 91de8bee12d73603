//! The whole planning job as one library call: model, solve, plan, independent check,
//! explanations and the indicators before and after. `plan`, sweeps and comparisons all
//! go through [`make_plan`].

use crate::check::{check_plan, Breach, Violation};
use crate::domain::{staff_after, staff_before, County, Plan, Policy, Term};
use crate::findings::Finding;
use crate::io::plan::{hires_csv, moves_csv};
use crate::metrics::{evaluate, worse_indicators, Evaluation, WorseIndicator};
use crate::model::{
    extract_plan, name_for_pay, slack_breaches, Formulation, Instance, Model, SlackGroup, Why, WhyProof,
};
use crate::rules::{Rule, SetAside, StartPlan};
use crate::solve::{solve_accepting, Acceptance, SolveOptions, StageResult, Status};
use anyhow::Result;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;

/// A finished plan and everything known about it.
#[derive(Debug, Clone)]
pub struct PlanResult {
    pub plan: Plan,
    pub summary: Summary,
    /// The slacks the solver left positive, rule by rule and place by place: what the
    /// model believes unmet, to set against what the independent checker measures.
    pub solver_slacks: Vec<SlackGroup>,
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
    /// Only when the checker does not agree: the rules the solver's slacks left unmet, in
    /// the form of `violations` ([`solver_unmet`]), to set beside what the checker measured.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub solver_unmet: Vec<Violation>,
    /// Indicators whose CV the plan raises, each with the rule that forced or allowed it.
    pub worse_indicators: Vec<WorseIndicator>,
    /// With `plan --start`: what became of the start plan's rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<StartSummary>,
    pub metrics: Metrics,
}

/// What became of the rows of the plan the bureau started from.
#[derive(Debug, Clone, Serialize)]
pub struct StartSummary {
    /// Rows of moves.csv and hires.csv in the start plan.
    pub rows: usize,
    /// Rows no plan of the model can keep, each with the hard rule it breaks.
    pub set_aside: Vec<SetAside>,
    /// Rows added to or removed from the start's rows that could be kept, counted from the
    /// two plans (the `changes` term).
    pub changes: usize,
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
/// attains the relaxation's optimum and is optimal for the exact model too. The stage loop
/// keeps a later stage's plan only when its naming (in tenure order, or by pay within
/// 1% of the limit, 2 to 10 s) does so, so the plan never declares more unmet rules than the
/// violations stage proved; when the first stage's naming does not, the loop stops there
/// and the model is refined with the time left. Where the relaxation is not tight, those
/// schools' pay rows are made exact ([`Instance::refined`]: the teachers there become units
/// of their own, and the members of pay-diverse units who may be sent there get arrival
/// columns of their own) and the model is solved again (at most [`REFINEMENTS`] times,
/// within the one time limit; the plan whose exact violations are least is kept). If the
/// relaxation is still not tight, the plan is valid but not proven optimal: status
/// `feasible`, `pay_relaxation_tight` false, and `--formulation plain` proves optimality.
pub fn make_plan(county: &County, policy: &Policy, opts: &SolveOptions) -> Result<PlanResult> {
    make_plan_from(county, policy, opts, None)
}

/// [`make_plan`] from the bureau's start plan (`plan --start`): the `changes` term, in
/// the policy's order (right after violations unless the policy places it), keeps as many
/// of the start's rows as the terms before it allow. Rows that break a hard rule are set
/// aside before the solve and listed in the summary with the rule and why.
pub fn make_plan_from(
    county: &County,
    policy: &Policy,
    opts: &SolveOptions,
    start: Option<&StartPlan>,
) -> Result<PlanResult> {
    // `validate` places these at the cells of locks.csv; a library caller gets the lines.
    let conflicts: Vec<Finding> = crate::rules::lock_conflicts(county, policy)
        .into_iter()
        .map(|(i, text)| Finding::new("locks.csv", text).at_line(county.locks[i].line))
        .collect();
    if !conflicts.is_empty() {
        return Err(crate::findings::InvalidInput(crate::findings::Findings { items: conflicts }).into());
    }
    let started = std::time::Instant::now();
    let mut attempt = plan_with(county, policy, opts, start, &[], REFINEMENTS > 0)?;
    let mut exact_pay_schools: Vec<usize> = Vec::new();
    let mut loose = attempt.refine_at.clone();
    for refinement in 1..=REFINEMENTS {
        // The time limit is for the whole plan: a refinement gets what is left.
        let left = opts.time_limit - started.elapsed().as_secs_f64();
        if loose.is_empty() || left < 1.0 {
            break;
        }
        exact_pay_schools.extend(&loose);
        exact_pay_schools.sort_unstable();
        exact_pay_schools.dedup();
        let refined = SolveOptions { time_limit: left, ..opts.clone() };
        let Ok(next) = plan_with(county, policy, &refined, start, &exact_pay_schools, refinement < REFINEMENTS) else {
            break;
        };
        // A time limit, not a stop for refinement after the first stage.
        let timed_out = next.result.summary.status == Status::TimeLimit && !next.stopped_for_refinement;
        loose = next.refine_at.clone();
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

/// Seconds the pay-aware naming of one stage's plan gets at the least (more on long limits:
/// 1% of the limit, up to 10 s): measured at 200 schools, where the heuristics' plans move
/// teachers freely within the aggregated pay relaxation and less left them unnamed.
pub const NAMING_MIN_SECONDS: f64 = 2.0;

/// How many times the aggregated model is refined where its pay relaxation was not tight.
/// A refinement makes exact only the schools found so far, so the next solve may lean on
/// the relaxation at another small school, which its naming finds and the next refinement
/// adds (a 12-school county of `tests/never_mislead.rs` needs three).
pub const REFINEMENTS: usize = 4;

struct Attempt {
    result: PlanResult,
    /// Schools whose exact pay breach in the written plan exceeds what the relaxation allowed.
    loose_pay_schools: Vec<usize>,
    /// Those, and the schools where a stage's plan was rejected for its naming: where a
    /// refinement makes the pay rows exact.
    refine_at: Vec<usize>,
    /// Sum of the checker's breach amounts (the violations term, measured exactly).
    exact_violations: f64,
    /// The stage loop stopped after the first stage so that the model is refined.
    stopped_for_refinement: bool,
}

fn plan_with(
    county: &County,
    policy: &Policy,
    opts: &SolveOptions,
    start: Option<&StartPlan>,
    exact_pay_schools: &[usize],
    can_refine: bool,
) -> Result<Attempt> {
    let inst = Instance::refined(county, policy, opts.formulation, exact_pay_schools, start.map(|s| &s.kept));
    // The last plan the stage loop accepted: its column values, and its teachers named.
    let named: RefCell<Option<(Vec<f64>, Plan)>> = RefCell::new(None);
    let naming_seconds = (0.01 * opts.time_limit).clamp(NAMING_MIN_SECONDS, 10.0);
    // Schools where a rejected plan's naming broke the band: the model is refined there.
    let rejected: RefCell<Vec<usize>> = RefCell::new(Vec::new());
    let accept = |model: &Model, values: &[f64]| match name_within_relaxation(&inst, model, values, naming_seconds) {
        Ok(plan) => {
            *named.borrow_mut() = Some((values.to_vec(), plan));
            true
        }
        Err(loose) => {
            rejected.borrow_mut().extend(loose);
            false
        }
    };
    let acceptance = Acceptance { accept: &accept, stop_if_first_rejected: can_refine };
    let (model, solved) = solve_accepting(&inst, opts, acceptance)?;
    let solver_says = slack_breaches(&model, &solved.values);
    // The accepted plan's naming is written only when it is the loop's plan: the first
    // stage's plan stands though its naming was rejected, and the start accepted before
    // it (the plan that exchanges nobody) is then not the plan. Without an accepted plan,
    // every stage's naming broke a pay band beyond the model's slack: the tenure-named
    // plan is written and the caller refines the model.
    let named = named.into_inner().filter(|(values, _)| *values == solved.values).map(|(_, plan)| plan);
    let stopped_for_refinement = can_refine && named.is_none();
    let plan = named.unwrap_or_else(|| extract_plan(&inst, &model, &solved.values));
    let breaches = check_plan(county, policy, &plan);
    let loose_pay_schools = pay_beyond_relaxation(&breaches, &solver_says);
    let checker_agrees = agree(&breaches, &solver_says);
    let exact_violations = breaches.iter().map(|b| b.amount).sum();
    let proof = WhyProof { optimum: violations_optimum(&solved.stages), declared: exact_violations };
    let why = Why::new(&inst, &plan, proof);
    let violations: Vec<Violation> = breaches.iter().map(|b| Violation::new(county, b, Some(why.of(b)))).collect();
    let metrics = Metrics {
        before: evaluate(county, policy, &staff_before(county)),
        after: evaluate(county, policy, &staff_after(county, policy, &plan)),
    };
    let worse = worse_indicators(county, policy, &plan, (&metrics.before, &metrics.after), &violations);
    let objective = solved.terms.iter().map(|&(t, v)| (t.name(), v)).collect();
    let summary = Summary {
        policy: policy.name.clone(),
        formulation: opts.formulation,
        pay_relaxation_tight: true,
        status: solved.status,
        objective,
        objective_order: inst.stages().iter().map(|t: &Term| t.name()).collect(),
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
        solver_unmet: if checker_agrees {
            Vec::new()
        } else {
            solver_says.iter().filter(|g| g.amount > UNMET).map(|g| solver_unmet(county, g)).collect()
        },
        worse_indicators: worse,
        start: start.map(|s| StartSummary {
            rows: s.kept.moves.len() + s.kept.placements.len() + s.set_aside.len(),
            set_aside: s.set_aside.clone(),
            changes: crate::rules::changes(&s.kept, &plan),
        }),
        metrics,
    };
    let mut refine_at = rejected.into_inner();
    refine_at.extend(&loose_pay_schools);
    refine_at.sort_unstable();
    refine_at.dedup();
    let result = PlanResult { plan, summary, solver_slacks: solver_says };
    Ok(Attempt { result, loose_pay_schools, refine_at, exact_violations, stopped_for_refinement })
}

/// The process's peak resident memory in MB, from `/proc/self/status` (Linux).
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The plan of column values `values` with its teachers named so that no school's exact
/// pay-band breach exceeds the model's pay slack there: in tenure order, or else by pay
/// (src/model/naming.rs, within `seconds`); `None` when neither does.
fn name_within_relaxation(
    inst: &Instance<'_>,
    model: &Model,
    values: &[f64],
    seconds: f64,
) -> std::result::Result<Plan, Vec<usize>> {
    let (county, policy) = (inst.county, inst.policy);
    let slacks = slack_breaches(model, values);
    let plan = extract_plan(inst, model, values);
    let loose = pay_beyond_relaxation(&check_plan(county, policy, &plan), &slacks);
    if loose.is_empty() {
        return Ok(plan);
    }
    let mut allowed = vec![0.0; county.schools.len()];
    for g in slacks.iter().filter(|g| g.rule == Rule::PayBand) {
        if let Some(s) = g.school {
            allowed[s] += g.amount;
        }
    }
    let began = std::time::Instant::now();
    let renamed = name_for_pay(inst, &plan, &allowed, seconds);
    let still = renamed.as_ref().map(|p| pay_beyond_relaxation(&check_plan(county, policy, p), &slacks));
    if std::env::var_os("ROTAPLAN_CORE_LOG").is_some() {
        // (school, staff before the plan) where the relaxation was not tight.
        let at: Vec<_> = loose.iter().map(|&s| (s, inst.staff_before[s])).collect();
        let took = began.elapsed().as_secs_f64();
        eprintln!("naming: pay beyond the relaxation at {at:?}; pay-aware naming ({took:.2} of {seconds:.2} s) left {still:?}");
    }
    match (renamed, still) {
        (Some(renamed), Some(still)) if still.is_empty() => Ok(renamed),
        _ => Err(loose),
    }
}

/// The least total of unmet rules, when the violations stage proved it.
fn violations_optimum(stages: &[StageResult]) -> Option<f64> {
    stages.iter().find(|s| s.term == Term::Violations && s.status == Status::Optimal).map(|s| s.value.min(s.reached))
}

/// Schools where the named plan's exact pay-band breach exceeds the relaxed model's pay
/// slack there (where the relaxation was not tight).
fn pay_beyond_relaxation(breaches: &[Breach], slacks: &[SlackGroup]) -> Vec<usize> {
    breaches
        .iter()
        .filter(|b| b.rule == Rule::PayBand)
        .filter(|b| {
            !slacks.iter().any(|g| g.rule == Rule::PayBand && g.school == b.school && g.amount + 1e-6 >= b.amount)
        })
        .filter_map(|b| b.school)
        .collect()
}

/// The slack `g` the solver left on a rule, as the checker's breach of the same place is
/// written (`Summary::solver_unmet`).
fn solver_unmet(county: &County, g: &SlackGroup) -> Violation {
    let message = crate::report::i18n::say("the solver's slack".into(), "求解器的松弛量".into());
    let (rule, school, subject, indicator, amount) = (g.rule, g.school, g.subject, g.indicator, g.amount);
    Violation::new(county, &Breach { rule, school, subject, indicator, amount, message }, None)
}

/// An amount above which the checker's breach or the solver's slack counts as a rule unmet
/// when the two are compared.
const UNMET: f64 = 1e-4;

/// Whether the checker finds unmet exactly the rules (and places) the solver left slack on.
fn agree(breaches: &[Breach], slacks: &[SlackGroup]) -> bool {
    let mut a: Vec<_> =
        breaches.iter().filter(|b| b.amount > UNMET).map(|b| (b.rule, b.school, b.subject, b.indicator)).collect();
    let mut b: Vec<_> =
        slacks.iter().filter(|g| g.amount > UNMET).map(|g| (g.rule, g.school, g.subject, g.indicator)).collect();
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
    // With a year (an exchange record, or `plan --year`), the record for the next year.
    let record = county.cycle.year.map(|year| {
        let next = crate::domain::cycle::record_after(county, &result.plan, year);
        crate::io::record::exchanges_csv(county, &next)
    });
    crate::io::plan_dir::write_plan_with(dir, &moves, &hires, &result.summary, record.as_deref()).map(drop)
}
