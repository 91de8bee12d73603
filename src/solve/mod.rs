//! The one place that names the solver: HiGHS, through good_lp for building and its C API
//! (`raw.rs`) for the lexicographic stages.
//!
//! The objective terms are minimised in the policy's order (preemptive, not weighted) by
//! the anytime stage loop of `stages.rs`: each stage gets a share of the time limit,
//! starts from the plan so far, ends with a plan at least as good on its own term and a
//! proven bound, and bounds its term for the later stages by the value reached (or its
//! proven bound plus the term's tolerance). A limit reached (time, work) is a status per
//! term, not an error: every stage runs.

mod background;
mod core;
mod cores;
mod counts;
mod heuristics;
pub mod live;
mod raw;
mod relaxation;
mod stages;
mod watchdog;

pub use cores::{overrunning, reserve, Reservation};

use crate::domain::Term;
use crate::model::{build, Formulation, Instance, Model};
use anyhow::{bail, Result};
pub use core::Proof;
use good_lp::solvers::highs::highs;
use good_lp::{IntoAffineExpression, SolverModel, Variable};
use serde::Serialize;
pub use stages::{relative_gap, stage_budget, term_weight, Acceptance, PROOF_GAP};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

/// Limits and parallelism of a solve.
#[derive(Debug, Clone)]
pub struct SolveOptions {
    /// Wall-clock seconds for all stages together, shared out by `stage_budget`.
    pub time_limit: f64,
    /// Relative MIP gap at which a stage stops (a term's tolerance, when larger, wins).
    pub gap: f64,
    /// Branch-and-bound nodes per HiGHS search, a work budget that makes a cut-short
    /// stage end at the same point on every machine (HiGHS's `mip_max_nodes`).
    pub node_limit: Option<u64>,
    pub threads: u32,
    /// Write each stage's model here (`name.mps` gives `name.1-violations.mps`, ...).
    pub export_model: Option<PathBuf>,
    /// Aggregated classes of interchangeable teachers (default) or one binary per teacher.
    pub formulation: Formulation,
    /// Solve the violations and shortage stages on their core first (docs/model.md). Off
    /// only to compare against the whole-model solve.
    pub core: bool,
    /// Improve the start of the balance, moves and distance stages by the primal
    /// heuristics' neighbourhood search before branch and bound (docs/model.md). Off only
    /// to compare against branch and bound alone.
    pub heuristics: bool,
    /// A second thread beside each stage's search: in the balance, moves and distance
    /// stages it solves the stage's LP relaxation, for a proven bound when branch and
    /// bound proves none in the stage's time (`relaxation.rs`), and once a large stage's
    /// LP optimum is known the LP-guided sub-MIP (`heuristics/guided.rs`), whose plan the
    /// stage keeps when it is better than the search's; in the violations and shortage
    /// stages, when they have a start, it runs the primal heuristics' search beside the
    /// core solve, whose plan is kept when the core proves nothing better (`stages.rs`).
    /// Off where every core already runs a plan (sweeps, comparisons).
    pub second_thread: bool,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            time_limit: 60.0,
            gap: 1e-4,
            node_limit: None,
            threads: 1,
            export_model: None,
            formulation: Formulation::default(),
            core: true,
            heuristics: true,
            second_thread: true,
        }
    }
}

/// Outcome of a stage or of the whole solve, as formats.md names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every term proven within its tolerance (or HiGHS's default gap, 1e-4) of its bound.
    Optimal,
    /// A plan meeting every hard rule, not proven (a looser `--gap` was asked).
    Feasible,
    /// The time limit stopped a stage before its proof; every later stage still ran.
    TimeLimit,
    /// The work budget (`--node-limit`) stopped a stage before its proof.
    WorkLimit,
    /// No plan exists (cannot happen with elastic rules unless the data is empty).
    Infeasible,
}

impl Status {
    /// The name summary.json and the reports use.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::Feasible => "feasible",
            Status::TimeLimit => "time_limit",
            Status::WorkLimit => "work_limit",
            Status::Infeasible => "infeasible",
        }
    }
}

/// One lexicographic stage, and its term in the plan as written.
#[derive(Debug, Clone, Serialize)]
pub struct StageResult {
    pub term: Term,
    pub status: Status,
    /// The term's value in the plan as written.
    pub value: f64,
    /// Its value in the plan the stage started from (`None` for the first stage).
    pub start: Option<f64>,
    /// Its value in the plan the stage ended with: never above `start`.
    pub reached: f64,
    /// A proven lower bound on the term over every plan that keeps the earlier terms at
    /// most at the values the stage loop bounded them by (`null` in JSON when none).
    pub bound: f64,
    /// `(value - bound) / |value|`, HiGHS's measure (`null` when there is no bound).
    pub gap: f64,
    pub seconds: f64,
    /// Seconds the stage was given (its share of the time left).
    pub budget_seconds: f64,
    /// How the bound was proved.
    pub proof: Proof,
}

/// The solved model: column values and how good they are.
#[derive(Debug, Clone)]
pub struct Solved {
    pub status: Status,
    pub stages: Vec<StageResult>,
    /// Value of every objective term in the final plan (all terms, solved or not;
    /// `changes` only with a start plan).
    pub terms: Vec<(Term, f64)>,
    pub values: Vec<f64>,
    pub build_seconds: f64,
    pub solve_seconds: f64,
    pub n_cols: usize,
    pub n_rows: usize,
}

/// From this many columns on, the root LP of a stage searched on the whole model
/// (balance, moves, distance in the default order) is solved by interior point (IPX, then
/// crossover to a basis) instead of dual simplex; the node LPs still use dual simplex from
/// that basis. Those LPs carry the balance counts or the earlier optima and are large and
/// degenerate: on a 200-school county (90,000 columns) the balance stage's root LP took
/// 122 s by dual simplex (85,000 iterations) and 14 s by IPX, and the moves stage ended in
/// 426 s against a 1.7% gap still open after 575 s. The first stage at 400 schools took
/// 123 s with IPX and 65 s without (it now goes through its core), and on small models IPX
/// only adds its start-up and leads the search elsewhere (a 32-school county, 3,700
/// columns: 5.2 s instead of 2.4 s). Measurements: docs/performance.md.
const IPX_ROOT_MIN_COLUMNS: usize = 20_000;

/// Builds and solves the model of `inst` lexicographically.
pub fn solve(inst: &Instance<'_>, opts: &SolveOptions) -> Result<(Model, Solved)> {
    solve_accepting(inst, opts, Acceptance::any())
}

/// Like [`solve`], a stage's plan replacing the current one only where `acceptance` says.
pub fn solve_accepting(
    inst: &Instance<'_>,
    opts: &SolveOptions,
    acceptance: Acceptance<'_>,
) -> Result<(Model, Solved)> {
    let started = Instant::now();
    let (model, mut highs_model) = load(inst, opts)?;
    let index: HashMap<Variable, usize> = model.column_vars().into_iter().enumerate().map(|(i, v)| (v, i)).collect();
    let (n_cols, n_rows) = (model.n_cols(), raw::num_rows(&mut highs_model));
    let build_seconds = started.elapsed().as_secs_f64();
    // A time limit beyond a century (or infinite) is no limit.
    let limit = if opts.time_limit.is_finite() { opts.time_limit.clamp(0.0, 3e9) } else { 3e9 };
    let deadline = started + std::time::Duration::from_secs_f64(limit);
    let stage_loop = stages::StageLoop::new(inst, opts, (&model, &index), highs_model, (limit, deadline), acceptance)?;
    let stages::Finished { values, stages, rows_added } = stage_loop.run()?;
    let status = overall_status(&stages);
    let has = |t: &&Term| **t != Term::Changes || inst.start.is_some();
    let terms = Term::ALL.iter().filter(has).map(|&t| (t, evaluate(model.term(t), &index, &values))).collect();
    let solve_seconds = started.elapsed().as_secs_f64() - build_seconds;
    let n_rows = n_rows + rows_added;
    Ok((model, Solved { status, stages, terms, values, build_seconds, solve_seconds, n_cols, n_rows }))
}

/// A small MIP built with good_lp (the pay-aware naming of `model/naming.rs`), minimised by
/// HiGHS on one thread within `time_limit` seconds (what is left of the plan's limit);
/// `None` when HiGHS has no feasible solution by then.
pub fn solve_small(
    vars: good_lp::ProblemVariables,
    objective: good_lp::Expression,
    rows: Vec<good_lp::Constraint>,
    time_limit: f64,
) -> Option<impl good_lp::Solution> {
    let mut problem = vars.minimise(objective).using(highs);
    problem.set_verbose(false);
    problem = problem.set_threads(1).set_time_limit(time_limit.max(0.01));
    for row in rows {
        problem.add_constraint(row);
    }
    problem.solve().ok()
}

/// Builds the model of `inst` and loads it into HiGHS with the options of every stage.
fn load(inst: &Instance<'_>, opts: &SolveOptions) -> Result<(Model, highs::Model)> {
    let mut model = build(inst);
    let constraints = std::mem::take(&mut model.constraints);
    let vars = std::mem::take(&mut model.vars);
    let mut problem = vars.minimise(good_lp::Expression::default()).using(highs);
    for c in constraints {
        problem.add_constraint(c);
    }
    let mut highs_model =
        problem.try_into_inner().map_err(|e| anyhow::anyhow!("HiGHS could not load the model: {e}"))?;
    highs_model.make_quiet();
    // HiGHS's own log on stderr, for diagnosing slow solves (documented in the README).
    if std::env::var_os("ROTAPLAN_SOLVER_LOG").is_some() {
        highs_model.set_option("output_flag", true);
        highs_model.set_option("log_to_console", true);
    }
    highs_model.set_option("threads", opts.threads.max(1) as i32);
    highs_model.set_option("random_seed", 0);
    Ok((model, highs_model))
}

/// The options of one stage: its gap (the larger of `--gap` and the term's tolerance),
/// the work budget, and the root LP solver.
fn configure_stage(
    model: &mut highs::Model,
    opts: &SolveOptions,
    use_core: bool,
    n_cols: usize,
    tolerance: crate::domain::policy::Tolerance,
) -> Result<()> {
    model.set_option("mip_rel_gap", opts.gap.max(tolerance.relative).max(0.0));
    model.set_option("mip_abs_gap", tolerance.absolute.max(1e-6));
    let nodes = opts.node_limit.map_or(i32::MAX, |n| n.min(i32::MAX as u64) as i32);
    model.set_option("mip_max_nodes", nodes);
    // Violations and shortage: the stage's core first (docs/model.md, "Core of a stage").
    // The other stages search the whole model, from a root LP solved by interior point
    // when large.
    let root_lp = if !use_core && n_cols >= IPX_ROOT_MIN_COLUMNS { "ipx" } else { "choose" };
    model.set_option("mip_lp_solver", root_lp);
    // Last, so that an experiment can override every setting above.
    expert_options(model)
}

/// How long a stalled stage (below) sleeps beyond the time limit and its grace, in seconds.
#[doc(hidden)]
pub const STALL_BEYOND_GRACE: f64 = 10.0;

/// Stage whose solve sleeps past the time limit before it starts, to test the watchdog:
/// `Term::ALL` index plus one, 0 for none.
static STALL_FOR_TESTS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Makes every later solve in this process sleep past its time limit in `term`'s stage
/// (`None` undoes it), so that a test can see an overrunning stage abandoned. Only for
/// tests: a process running plans must not call it.
#[doc(hidden)]
pub fn stall_stage_for_tests(term: Option<Term>) {
    let at = term.map_or(0, |t| Term::ALL.iter().position(|&x| x == t).expect("a term") + 1);
    STALL_FOR_TESTS.store(at, std::sync::atomic::Ordering::SeqCst);
}

fn stalled_for_tests(term: Term) -> bool {
    let at = STALL_FOR_TESTS.load(std::sync::atomic::Ordering::SeqCst);
    at > 0 && Term::ALL[at - 1] == term
}

/// `ROTAPLAN_HIGHS_OPTIONS="name=value,..."`: HiGHS options for experiments (documented in
/// docs/performance.md). A value is tried as a bool, an integer, a float, then a string;
/// an option HiGHS refuses is an error that names it.
fn expert_options(model: &mut highs::Model) -> Result<()> {
    let Ok(spec) = std::env::var("ROTAPLAN_HIGHS_OPTIONS") else { return Ok(()) };
    for item in spec.split(',').filter(|s| !s.trim().is_empty()) {
        let Some((name, value)) = item.split_once('=') else {
            bail!("ROTAPLAN_HIGHS_OPTIONS: `{item}` is not `name=value`");
        };
        let (name, value) = (name.trim(), value.trim());
        let accepted = value.parse::<bool>().is_ok_and(|b| model.try_set_option(name, b).is_ok())
            || value.parse::<i32>().is_ok_and(|i| model.try_set_option(name, i).is_ok())
            || value.parse::<f64>().is_ok_and(|f| model.try_set_option(name, f).is_ok())
            || model.try_set_option(name, value).is_ok();
        if !accepted {
            bail!("ROTAPLAN_HIGHS_OPTIONS: HiGHS does not accept `{name}={value}` (see the HiGHS option list)");
        }
    }
    Ok(())
}

fn overall_status(stages: &[StageResult]) -> Status {
    let worst = |st: Status| stages.iter().any(|s| s.status == st);
    if worst(Status::TimeLimit) {
        Status::TimeLimit
    } else if worst(Status::WorkLimit) {
        Status::WorkLimit
    } else if stages.iter().all(|s| s.status == Status::Optimal) {
        Status::Optimal
    } else {
        Status::Feasible
    }
}

/// Dense coefficient vector of an expression over the columns, and its constant.
fn dense(expr: &good_lp::Expression, index: &HashMap<Variable, usize>, n: usize) -> (Vec<f64>, f64) {
    let mut c = vec![0.0; n];
    for (v, coef) in expr.clone().linear_coefficients() {
        c[index[&v]] += coef;
    }
    (c, expr.constant())
}

fn evaluate(expr: &good_lp::Expression, index: &HashMap<Variable, usize>, values: &[f64]) -> f64 {
    let (c, constant) = dense(expr, index, values.len());
    constant + c.iter().zip(values).map(|(a, b)| a * b).sum::<f64>()
}

/// `plan.mps` for stage 2 (shortage) becomes `plan.2-shortage.mps`.
pub fn stage_path(path: &std::path::Path, k: usize, term: Term) -> PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "model".into());
    let ext = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_else(|| "mps".into());
    path.with_file_name(format!("{stem}.{k}-{}.{ext}", term.name()))
}
