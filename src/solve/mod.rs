//! The one place that names the solver: HiGHS, through good_lp for building and its C API
//! for the lexicographic stages.
//!
//! The objective terms are minimised in the policy's order (preemptive, not weighted):
//! stage k minimises term k subject to every earlier term staying at its optimum
//! (`term_j <= best_j + 1e-6 max(1, |best_j|)`). Each stage starts from the previous
//! stage's plan, which is feasible for it. A limit reached (time, gap) is a status, not an
//! error; the plan of the last finished stage is kept.

mod core;
mod cores;
mod counts;
mod watchdog;

pub use cores::{overrunning, reserve, Reservation};

use crate::domain::Term;
use crate::model::{build, Formulation, Instance, Model};
use anyhow::{bail, Context, Result};
pub use core::Proof;
use counts::CountStage;
use good_lp::solvers::highs::highs;
use good_lp::{IntoAffineExpression, SolverModel, Variable};
use highs::HighsModelStatus;
use serde::Serialize;
use std::collections::HashMap;
use std::ffi::CString;
use std::path::PathBuf;
use std::time::Instant;

/// Limits and parallelism of a solve.
#[derive(Debug, Clone)]
pub struct SolveOptions {
    /// Wall-clock seconds for all stages together.
    pub time_limit: f64,
    /// Relative MIP gap at which a stage stops.
    pub gap: f64,
    pub threads: u32,
    /// Write each stage's model here (`name.mps` gives `name.1-violations.mps`, ...).
    pub export_model: Option<PathBuf>,
    /// Aggregated classes of interchangeable teachers (default) or one binary per teacher.
    pub formulation: Formulation,
    /// Solve the violations and shortage stages on their core first (docs/model.md). Off
    /// only to compare against the whole-model solve.
    pub core: bool,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            time_limit: 60.0,
            gap: 1e-4,
            threads: 1,
            export_model: None,
            formulation: Formulation::default(),
            core: true,
        }
    }
}

/// Outcome of a stage or of the whole solve, as formats.md names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// HiGHS proved optimality within its default gap (1e-4) at every stage.
    Optimal,
    /// A plan meeting every hard rule, not proven optimal (a looser gap was asked).
    Feasible,
    /// A time limit stopped a stage; later stages were not run.
    TimeLimit,
    /// No plan exists (cannot happen with elastic rules unless the data is empty).
    Infeasible,
}

/// One lexicographic stage.
#[derive(Debug, Clone, Serialize)]
pub struct StageResult {
    pub term: Term,
    pub status: Status,
    pub value: f64,
    /// Relative gap at the end of the stage: HiGHS's, or the core's plan against the whole
    /// stage's LP bound.
    pub mip_gap: f64,
    pub seconds: f64,
    /// How the stage's bound was proved.
    pub proof: Proof,
}

/// The solved model: column values and how good they are.
#[derive(Debug, Clone)]
pub struct Solved {
    pub status: Status,
    pub stages: Vec<StageResult>,
    /// Value of every objective term in the final plan (all terms, solved or not).
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
    let started = Instant::now();
    let mut model = build(inst);
    let index: HashMap<Variable, usize> = model.column_vars().into_iter().enumerate().map(|(i, v)| (v, i)).collect();
    let n_cols = model.n_cols();
    let constraints = std::mem::take(&mut model.constraints);
    let n_rows0 = constraints.len();
    let vars = std::mem::take(&mut model.vars);
    let mut problem = vars.minimise(good_lp::Expression::default()).using(highs);
    for c in constraints {
        problem.add_constraint(c);
    }
    let mut highs_model =
        problem.try_into_inner().map_err(|e| anyhow::anyhow!("HiGHS could not load the model: {e}"))?;
    let build_seconds = started.elapsed().as_secs_f64();
    highs_model.make_quiet();
    // HiGHS's own log on stderr, for diagnosing slow solves (documented in the README).
    if std::env::var_os("ROTAPLAN_SOLVER_LOG").is_some() {
        highs_model.set_option("output_flag", true);
        highs_model.set_option("log_to_console", true);
    }
    highs_model.set_option("threads", opts.threads.max(1) as i32);
    highs_model.set_option("random_seed", 0);
    highs_model.set_option("mip_rel_gap", opts.gap.max(0.0));

    // A time limit beyond a century (or infinite) is no limit.
    let limit = if opts.time_limit.is_finite() { opts.time_limit.clamp(0.0, 3e9) } else { 3e9 };
    let deadline = started + std::time::Duration::from_secs_f64(limit);
    let order = inst.policy.objective.order.clone();
    let mut stages = Vec::new();
    let mut values: Option<Vec<f64>> = None;
    let mut n_rows = n_rows0;
    for (k, &term) in order.iter().enumerate() {
        let remaining = opts.time_limit - started.elapsed().as_secs_f64();
        if remaining <= 0.0 && values.is_some() {
            break;
        }
        // The balance stage branches on each school's indicator counts: integer columns
        // and their own deviation rows, which carry the stage's objective and exist only
        // during that stage (docs/model.md).
        let counts = if term == Term::Balance && !model.balance.is_empty() {
            set_costs(&mut highs_model, &vec![0.0; n_cols])?;
            Some(CountStage::add(&mut highs_model, &model.balance, &index, n_cols, n_rows)?)
        } else {
            set_costs(&mut highs_model, &dense(model.term(term), &index, n_cols).0)?;
            None
        };
        highs_model.set_option("time_limit", remaining.max(0.01));
        // Violations and shortage: the stage's core first (docs/model.md, "Core of a
        // stage"), whose plan the whole stage's LP bound usually proves optimal. The other
        // stages search the whole model, from a root LP solved by interior point when large.
        let use_core = opts.core && matches!(term, Term::Violations | Term::Shortage);
        let root_lp = if !use_core && n_cols >= IPX_ROOT_MIN_COLUMNS { "ipx" } else { "choose" };
        highs_model.set_option("mip_lp_solver", root_lp);
        // Last, so that an experiment can override every setting above.
        expert_options(&mut highs_model)?;
        let start = values.as_ref().map(|v| match &counts {
            Some(c) => c.start(v, &model.balance, &index),
            None => v.clone(),
        });
        if let Some(path) = &opts.export_model {
            write_model(&mut highs_model, &stage_path(path, k + 1, term))?;
        }
        let stage_start = Instant::now();
        let (gap, name) = (opts.gap.max(0.0), term.name());
        let stalled = stalled_for_tests(term);
        let work = move || {
            if stalled {
                std::thread::sleep(
                    watchdog::grace(limit) + std::time::Duration::from_secs_f64(limit + STALL_BEYOND_GRACE),
                );
            }
            if use_core {
                core::solve(highs_model, start.as_deref(), gap, deadline, name)
            } else {
                core::search_whole(highs_model, start.as_deref(), deadline, name)
            }
        };
        // SAFETY: `work` owns everything it captures (the HiGHS model, the start, plain
        // values), and returns a solved model and plain values (watchdog.rs).
        let Some(outcome) = (unsafe { watchdog::within(deadline + watchdog::grace(limit), work)? }) else {
            // HiGHS overran its time limit: keep the last finished stage's plan.
            if values.is_none() {
                return Err(no_plan_in_time(opts.time_limit, term));
            }
            stages.push(unfinished(term, stage_start, Proof::Abandoned));
            break;
        };
        let core::StageSolve { solved, gap, proof, core: held, out_of_time } = outcome?;
        let status = if out_of_time { Status::TimeLimit } else { stage_status(solved.status(), gap) };
        let has_plan = core::found_plan(&solved);
        if status == Status::Infeasible || !has_plan {
            if values.is_none() {
                if status == Status::TimeLimit {
                    return Err(no_plan_in_time(opts.time_limit, term));
                }
                bail!(
                    "HiGHS found no plan at all (status {:?}); this should not happen, please report it",
                    solved.status()
                );
            }
            stages.push(unfinished(term, stage_start, proof));
            break;
        }
        let cols = match &counts {
            Some(c) => c.read_back(solved.get_solution().columns(), &model.balance),
            None => solved.get_solution().columns().to_vec(),
        };
        let value = evaluate(model.term(term), &index, &cols);
        stages.push(StageResult {
            term,
            status,
            value,
            mip_gap: finite_gap(gap),
            seconds: stage_start.elapsed().as_secs_f64(),
            proof,
        });
        values = Some(cols);
        highs_model = solved.into();
        if let Some(core) = held {
            core.release(&mut highs_model)?;
        }
        if let Some(c) = counts {
            c.remove(&mut highs_model)?;
        }
        if status == Status::TimeLimit {
            break;
        }
        if k + 1 < order.len() {
            let (coeffs, constant) = dense(model.term(term), &index, n_cols);
            let bound = value + 1e-6 * value.abs().max(1.0) - constant;
            add_upper_row(&mut highs_model, &coeffs, bound)?;
            n_rows += 1;
        }
    }
    let values = values.context("no stage ran")?;
    let status = overall_status(&stages, order.len());
    let terms = Term::ALL.iter().map(|&t| (t, evaluate(model.term(t), &index, &values))).collect();
    let solve_seconds = started.elapsed().as_secs_f64() - build_seconds;
    Ok((model, Solved { status, stages, terms, values, build_seconds, solve_seconds, n_cols, n_rows }))
}

/// A stage the time limit stopped before it had a plan of its own: the last finished
/// stage's plan stands.
fn unfinished(term: Term, started: Instant, proof: Proof) -> StageResult {
    StageResult {
        term,
        status: Status::TimeLimit,
        value: f64::NAN,
        mip_gap: f64::INFINITY,
        seconds: started.elapsed().as_secs_f64(),
        proof,
    }
}

fn no_plan_in_time(limit: f64, term: Term) -> anyhow::Error {
    anyhow::anyhow!(
        "no plan was found within the time limit of {limit} s (the first stage, {}, was still running); allow \
         more time with --time-limit",
        term.name()
    )
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

fn stage_status(status: HighsModelStatus, gap: f64) -> Status {
    match status {
        HighsModelStatus::Optimal if finite_gap(gap) <= 1e-4 + 1e-12 => Status::Optimal,
        HighsModelStatus::Optimal | HighsModelStatus::ObjectiveBound | HighsModelStatus::ObjectiveTarget => {
            Status::Feasible
        }
        HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => Status::Infeasible,
        _ => Status::TimeLimit,
    }
}

fn finite_gap(gap: f64) -> f64 {
    if gap.is_finite() {
        gap.max(0.0)
    } else {
        f64::INFINITY
    }
}

fn overall_status(stages: &[StageResult], planned: usize) -> Status {
    if stages.iter().any(|s| s.status == Status::TimeLimit) || stages.len() < planned {
        Status::TimeLimit
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

fn set_costs(model: &mut highs::Model, costs: &[f64]) -> Result<()> {
    if costs.is_empty() {
        return Ok(());
    }
    // SAFETY: the pointer is the live model's; `costs` has one entry per column.
    let status = unsafe {
        highs_sys::Highs_changeColsCostByRange(
            model.as_mut_ptr(),
            0,
            (costs.len() - 1) as highs_sys::HighsInt,
            costs.as_ptr(),
        )
    };
    ensure_ok(status, "change the objective")
}

fn add_upper_row(model: &mut highs::Model, coeffs: &[f64], upper: f64) -> Result<()> {
    let (idx, vals): (Vec<highs_sys::HighsInt>, Vec<f64>) =
        coeffs.iter().enumerate().filter(|(_, &c)| c != 0.0).map(|(i, &c)| (i as highs_sys::HighsInt, c)).unzip();
    // SAFETY: index and value arrays have `idx.len()` entries with valid column indices.
    let status = unsafe {
        highs_sys::Highs_addRow(
            model.as_mut_ptr(),
            f64::NEG_INFINITY,
            upper,
            idx.len() as highs_sys::HighsInt,
            idx.as_ptr(),
            vals.as_ptr(),
        )
    };
    ensure_ok(status, "fix an earlier stage's optimum")
}

fn write_model(model: &mut highs::Model, path: &std::path::Path) -> Result<()> {
    let name = CString::new(path.to_string_lossy().as_bytes()).context("model path contains a NUL byte")?;
    // SAFETY: valid model pointer and NUL-terminated path.
    let status = unsafe { highs_sys::Highs_writeModel(model.as_mut_ptr(), name.as_ptr()) };
    ensure_ok(status, &format!("write the model to {}", path.display()))
}

fn ensure_ok(status: highs_sys::HighsInt, what: &str) -> Result<()> {
    // HiGHS returns -1 for an error, 0 for ok, 1 for a warning.
    if status < 0 {
        bail!("HiGHS could not {what}");
    }
    Ok(())
}

/// `plan.mps` for stage 2 (shortage) becomes `plan.2-shortage.mps`.
pub fn stage_path(path: &std::path::Path, k: usize, term: Term) -> PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "model".into());
    let ext = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_else(|| "mps".into());
    path.with_file_name(format!("{stem}.{k}-{}.{ext}", term.name()))
}
