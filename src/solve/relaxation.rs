//! A stage's LP relaxation, solved beside its search for a proven bound
//! (docs/model.md, "Bounds beside the search").
//!
//! On a large county the primal heuristics (`heuristics/`) use a searched stage's whole
//! share of the time, and branch and bound never reaches the end of its root node: the
//! stage would end with a plan and no bound. The stage's model with every column made
//! continuous is a relaxation of it (the same rows, the earlier terms' caps included), so
//! its optimum `z_lp` is a lower bound on the stage's optimum:
//!
//! ```text
//! z_lp = min { c·x : l ≤ A x ≤ u, x_lower ≤ x ≤ x_upper }  ≤  min { c·x : ..., x_j ∈ ℤ (j ∈ I) }
//! ```
//!
//! It is solved on a thread of its own, on a copy of the model, until the stage's
//! deadline or until the stage stops waiting for it (a search that proved its stage
//! early): on a large model with a start by pricing from that start (`pricing.rs`), whose
//! every round proves a bound, else whole. The bound changes no plan; on a large model
//! whose pricing reached the LP's optimum, the thread then goes on with the work the stage
//! hands it ([`Then`]: the LP-guided sub-MIP, `heuristics/guided.rs`). HiGHS reports the LP's
//! optimum within its tolerances; the bound kept is `z_lp` lowered by [`SAFETY`] of its
//! size, so that a rounding error in the last digits never claims more than was proved.

mod pricing;

pub(super) use pricing::optimum as priced_optimum;

use super::background::Background;
use super::raw::{self, Lp};
use crate::domain::Term;
use highs::{ColProblem, HighsModelStatus, Sense};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Instant;

/// Relative margin taken off the LP's optimum before it is reported as a bound.
const SAFETY: f64 = 1e-7;

/// A relaxation being solved: [`Background::wait`] gives what it proved and found by
/// then, and once it is dropped the solve stops at HiGHS's next interrupt check.
pub(super) type Pending = Background<Relaxed>;

/// What the second thread of a searched stage proved and found.
pub(super) struct Relaxed {
    /// The relaxation's bound, if one was proved.
    pub(super) bound: Option<f64>,
    /// The plan of the work after the LP's optimum ([`Then`]), if it found one.
    pub(super) plan: Option<Vec<f64>>,
}

/// Work for the rest of the stage once the LP's optimum is known (the LP-guided sub-MIP,
/// `heuristics/guided.rs`), given that optimum and the flag that stops it; its plan, if
/// it found one.
pub(super) type Then = Box<dyn FnOnce(&raw::LpOptimum, Arc<AtomicBool>) -> Option<Vec<f64>> + Send>;

/// Told of each pricing round that has not reached the LP's optimum: the restricted LP's
/// value and its columns' values, the `k`-th for the model's column `order[k]`
/// (`pricing.rs`). The search takes its positive columns as a neighbourhood while the
/// rounds go on (`heuristics/guided.rs`).
pub(super) type EachRound = Box<dyn FnMut(f64, &[usize], &[f64]) + Send>;

/// What the stage hands the second thread besides its bound: what it does with each
/// pricing round and once the LP's optimum is known.
pub(super) struct Guidance {
    pub(super) each_round: EachRound,
    pub(super) then: Then,
}

/// HiGHS's LP method for a term's relaxation: interior point for balance, whose
/// relaxation simplex solved in no less than four minutes at 200 schools where interior
/// point and crossover took under one, and for moves (11-13 s against simplex's 15-35 s
/// at 200 schools; docs/performance.md); HiGHS's own choice, simplex, for distance.
pub(super) fn method(term: Term) -> &'static str {
    match term {
        Term::Balance | Term::Moves => "ipm",
        _ => "choose",
    }
}

/// From this many columns on, a stage with a start solves its relaxation by pricing
/// (`pricing.rs`): at 100 schools (about 45,000 columns) and 200 (92,000) the whole LP
/// took 2-37 s, its pricing rounds from the start a fraction of that (docs/performance.md).
pub(super) const PRICED_FROM: usize = 20_000;

/// Whether a stage with a start solves its relaxation by pricing (and then runs [`Then`]).
pub(super) fn priced(lp: &Lp) -> bool {
    lp.cost.len() >= PRICED_FROM
}

/// Starts solving `lp`'s relaxation on a thread of its own, to stop at `deadline`: by
/// pricing from `start` (a plan of it) on a large model, else whole by `method`; on a
/// large model `guidance` is told of each round and, once pricing reached the LP's
/// optimum, its `then` follows on the same thread.
/// `None` when no thread can be started (the stage then reports the search's bound alone).
pub(super) fn spawn(
    lp: Arc<Lp>,
    method: &'static str,
    start: Option<Vec<f64>>,
    deadline: Instant,
    guidance: Option<Guidance>,
) -> Option<Pending> {
    let seconds = deadline.saturating_duration_since(Instant::now()).as_secs_f64();
    Background::spawn("rotaplan-bound", move |stop| match start {
        Some(start) if priced(&lp) => {
            let (each_round, then) = guidance.map(|g| (g.each_round, g.then)).unzip();
            let (bound, optimum) = pricing::bound_and_optimum(&lp, &start, deadline, &stop, each_round);
            drop(start); // `then` has its own copy; this one is not needed for the rest of the stage.
            let plan = then.zip(optimum).and_then(|(then, optimum)| then(&optimum, stop));
            Relaxed { bound, plan }
        }
        _ => Relaxed { bound: solve(&lp, method, seconds, &stop), plan: None },
    })
}

/// The relaxation's optimum, lowered by [`SAFETY`], if HiGHS proves it within `seconds`
/// and before `stop` is set.
fn solve(lp: &Lp, method: &str, seconds: f64, stop: &AtomicBool) -> Option<f64> {
    if seconds <= 0.0 {
        return None;
    }
    let began = Instant::now();
    let mut model = continuous(lp, 0..lp.cost.len(), method)?;
    model.set_option("time_limit", seconds.max(0.01));
    let solved = raw::solve_interruptible(model, stop).ok()?;
    let value = (solved.status() == HighsModelStatus::Optimal).then(|| solved.objective_value());
    log(solved.status(), solved.objective_value(), began.elapsed().as_secs_f64());
    value.map(|z| z - SAFETY * z.abs().max(1.0))
}

/// The LP of `lp`'s rows over the columns `cols` (in that order), every column continuous,
/// solved by `method` on one thread.
fn continuous(lp: &Lp, cols: impl Iterator<Item = usize>, method: &str) -> Option<highs::Model> {
    let mut problem = ColProblem::default();
    let rows: Vec<_> = lp.row_lower.iter().zip(&lp.row_upper).map(|(&l, &u)| problem.add_row(l..=u)).collect();
    for j in cols {
        let entries = (lp.start[j]..lp.start[j + 1]).map(|e| (rows[lp.index[e]], lp.value[e]));
        problem.add_column(lp.cost[j], lp.col_lower[j]..=lp.col_upper[j], entries);
    }
    let mut model = highs::Model::try_new(problem).ok()?;
    model.make_quiet();
    model.set_sense(Sense::Minimise);
    model.set_option("threads", 1);
    model.set_option("random_seed", 0);
    model.set_option("solver", method);
    if std::env::var_os("ROTAPLAN_SOLVER_LOG").is_some() {
        model.set_option("output_flag", true);
        model.set_option("log_to_console", true);
    }
    Some(model)
}

fn log(status: HighsModelStatus, value: f64, seconds: f64) {
    if std::env::var_os("ROTAPLAN_HEURISTIC_LOG").is_some() {
        eprintln!("relaxation: {status:?} {value} in {seconds:.2} s");
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::solve::raw::INTEGER;
    use std::time::Duration;

    /// min x + y subject to 2x + 2y ≥ 3, x, y ∈ {0, 1, 2}: the integer optimum is 2, the
    /// relaxation's 1.5.
    fn two_columns() -> Lp {
        Lp {
            cost: vec![1.0, 1.0],
            col_lower: vec![0.0, 0.0],
            col_upper: vec![2.0, 2.0],
            integrality: vec![INTEGER, INTEGER],
            start: vec![0, 1, 2],
            index: vec![0, 0],
            value: vec![2.0, 2.0],
            row_lower: vec![3.0],
            row_upper: vec![f64::INFINITY],
        }
    }

    #[test]
    fn the_bound_is_the_relaxations_optimum_below_the_integer_one() {
        let deadline = Instant::now() + Duration::from_secs(30);
        let pending = spawn(Arc::new(two_columns()), "choose", None, deadline, None).expect("a thread");
        let bound = pending.wait(deadline).and_then(|r| r.bound).expect("proved");
        assert!(bound <= 1.5 && bound > 1.5 - 1e-6, "{bound}");
    }

    #[test]
    fn no_time_gives_no_bound() {
        assert_eq!(solve(&two_columns(), "choose", 0.0, &AtomicBool::new(false)), None);
    }

    /// An assignment LP of `n` workers and jobs with costs `(3i + 7j) mod 11`, which
    /// presolve does not solve alone; column `n i + j` gives worker `i` job `j`.
    pub(in crate::solve) fn assignment(n: usize) -> Lp {
        let (mut start, mut index, mut value, mut cost) = (vec![0], Vec::new(), Vec::new(), Vec::new());
        for i in 0..n {
            for j in 0..n {
                index.extend([i, n + j]);
                value.extend([1.0, 1.0]);
                start.push(index.len());
                cost.push(((3 * i + 7 * j) % 11) as f64);
            }
        }
        Lp {
            col_lower: vec![0.0; n * n],
            col_upper: vec![1.0; n * n],
            integrality: vec![INTEGER; n * n],
            cost,
            start,
            index,
            value,
            row_lower: vec![1.0; 2 * n],
            row_upper: vec![1.0; 2 * n],
        }
    }

    /// The same relaxation gives its bound when nobody stopped it, and none once stopped:
    /// interior point checks the flag at every iteration.
    #[test]
    fn a_stopped_relaxation_proves_nothing() {
        let lp = assignment(40);
        assert!(solve(&lp, "ipm", 30.0, &AtomicBool::new(false)).is_some());
        assert_eq!(solve(&lp, "ipm", 30.0, &AtomicBool::new(true)), None);
    }
}
