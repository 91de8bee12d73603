//! A stage solved first on its core: the columns its LP relaxation or its start use
//! (docs/model.md, "Core of a stage").
//!
//! The stage's LP relaxation is solved on the whole model; its value `z_lp` is a lower
//! bound on the stage's optimum. The integer columns that are zero in the LP optimum are
//! then held at zero, and the much smaller MIP left, the tight core, is solved within half
//! the time left. If its plan is within the stage's gap of `z_lp`, it is within that gap
//! of the whole stage's optimum too, and the stage is done. If not, the columns the start
//! uses are freed as well (the core, which the start satisfies) and it is solved from the
//! better of the start and the tight core's plan; then the core is widened
//! once by the held columns of zero reduced cost (the LP's other optima) and solved again
//! from that plan. If that does not prove it either, every held column that could take
//! part in a better plan is freed (reduced-cost fixing keeps the rest at zero, exactly)
//! and the stage is solved from the best plan found. The first two terms of the default
//! order, violations and priority-weighted shortage, usually have an LP bound equal to
//! their optimum; that is where the core is used.

use super::raw;
use anyhow::{Context, Result};
use highs::{HighsModelStatus, HighsSolutionStatus, SolvedModel};
use highs_sys::HighsInt;
use serde::Serialize;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

/// A widened core at most this many times the core: at 400 schools (seed 2) the shortage
/// core of 11,977 columns widened to 144,397 of 326,216, whose MIP overran its stage until
/// the watchdog abandoned it (peak 3.4 GB with the model loaded again).
const WIDEN_AT_MOST: usize = 4;

/// How a stage's optimum (within the gap) was proved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Proof {
    /// HiGHS's branch and bound on the whole stage.
    Search,
    /// The core's plan lies within the gap of the whole stage's LP bound.
    CoreLpBound,
    /// The widened core's plan does.
    WidenedCoreLpBound,
    /// HiGHS's branch and bound on the stage, with the columns that reduced-cost fixing
    /// rules out held at zero.
    SearchAfterFixing,
    /// Nothing: the stage overran the time limit and was abandoned (`watchdog.rs`); its
    /// bound is the one that needs no solve (the columns' own, or the exchange quota's).
    Abandoned,
    /// Nothing: no time was left for the stage; its bound is the one that needs no solve.
    NotRun,
    /// The start already reaches the least value the columns' own bounds allow (a start
    /// plan kept whole by `changes`), so the stage needs no solve.
    ColumnBounds,
    /// The stage's LP relaxation, solved beside the search (`relaxation.rs`), gives the
    /// bound, higher than the search's.
    LpRelaxation,
    /// The moves the exchange quota asks for, less the violations the earlier stages
    /// allow (`Model::exchanges_asked`), higher than the search's bound.
    ExchangeQuota,
}

impl Proof {
    /// The name summary.json uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Proof::Search => "search",
            Proof::CoreLpBound => "core_lp_bound",
            Proof::WidenedCoreLpBound => "widened_core_lp_bound",
            Proof::SearchAfterFixing => "search_after_fixing",
            Proof::Abandoned => "abandoned",
            Proof::NotRun => "not_run",
            Proof::ColumnBounds => "column_bounds",
            Proof::LpRelaxation => "lp_relaxation",
            Proof::ExchangeQuota => "exchange_quota",
        }
    }
}

/// A stage solved through its core.
pub(super) struct StageSolve {
    pub(super) solved: SolvedModel,
    pub(super) proof: Proof,
    /// A lower bound on the whole stage's optimum: the LP bound of the core route, or
    /// HiGHS's dual bound (`-inf` when it proved none).
    pub(super) bound: f64,
    /// The columns held at zero, to free after the stage.
    pub(super) core: Option<Core>,
    /// The time limit ended the stage before its optimum was proved.
    pub(super) out_of_time: bool,
}

/// Whether HiGHS holds a feasible plan.
pub(super) fn found_plan(solved: &SolvedModel) -> bool {
    solved.primal_solution_status() == HighsSolutionStatus::Feasible
}

/// When a stage's solve ends, and the flag that stops it sooner: the watchdog sets it when
/// it abandons the stage, and HiGHS then stops at its next interrupt check instead of
/// running on beside the next stage with its model in memory.
#[derive(Clone, Copy)]
pub(super) struct Until<'a> {
    pub(super) deadline: Instant,
    pub(super) stop: &'a AtomicBool,
}

/// Branch and bound on the loaded model from `plan`, until `until`.
fn search(mut model: highs::Model, plan: Option<&[f64]>, until: Until<'_>, stage: &str) -> Result<SolvedModel> {
    raw::zero_clocks(&mut model)?;
    model.set_option("time_limit", seconds_left(until.deadline));
    if let Some(p) = plan {
        model.set_solution(Some(p), None, None, None);
    }
    raw::solve_interruptible(model, until.stop).with_context(|| format!("in stage {stage}"))
}

/// A stage solved by branch and bound on the whole model, without a core.
pub(super) fn search_whole(
    model: highs::Model,
    start: Option<&[f64]>,
    until: Until<'_>,
    stage: &str,
) -> Result<StageSolve> {
    let solved = search(model, start, until, stage)?;
    let bound = dual_bound(&solved);
    Ok(StageSolve { solved, proof: Proof::Search, bound, core: None, out_of_time: false })
}

/// HiGHS's proven lower bound on the stage's objective, `-inf` if it has none.
fn dual_bound(solved: &SolvedModel) -> f64 {
    match solved.double_info_value(c"mip_dual_bound") {
        Ok(b) if b.is_finite() => b,
        _ => f64::NEG_INFINITY,
    }
}

fn seconds_left(deadline: Instant) -> f64 {
    deadline.saturating_duration_since(Instant::now()).as_secs_f64().max(0.01)
}

/// Solves one stage through its core (module doc). With `searched_beside` (a search on
/// the whole model runs beside this one), reduced-cost fixing that would free most of the
/// model is not tried: the stage then ends with its plan so far and the LP bound.
pub(super) fn solve(
    mut model: highs::Model,
    start: Option<&[f64]>,
    copy: Option<&raw::Lp>,
    gap: f64,
    until: Until<'_>,
    stage: &str,
    searched_beside: bool,
) -> Result<StageSolve> {
    let run = |m: highs::Model, plan: Option<&[f64]>| search(m, plan, until, stage);
    let Some(mut core) = restrict(&mut model, start, copy, until)? else {
        return search_whole(model, start, until, stage);
    };
    let mut plan = start.map(<[f64]>::to_vec);
    let mut best = None;
    let mut proof = Proof::CoreLpBound;
    let mut tight = core.hold_start(&mut model)?;
    let mut solved = if tight { tight_search(model, until, stage)? } else { run(model, start)? };
    loop {
        if found_plan(&solved) {
            let value = solved.objective_value();
            let core_gap = core.gap(value);
            log(stage, &core, tight, value, core_gap);
            if solved.status() == HighsModelStatus::Optimal && core_gap <= gap {
                let bound = core.lp_bound;
                return Ok(StageSolve { solved, proof, bound, core: Some(core), out_of_time: false });
            }
            if best.is_none_or(|b| value < b) {
                plan = Some(solved.get_solution().columns().to_vec());
                best = Some(value);
            }
        }
        if Instant::now() >= until.deadline {
            // Out of time: the last solve's plan, bounded by the whole stage's LP bound.
            // (Had it found none while an earlier one did, the stage keeps its start;
            // HiGHS accepts a feasible start before it searches, so this does not happen
            // in practice.)
            let bound = core.lp_bound;
            return Ok(StageSolve { solved, proof, bound, core: Some(core), out_of_time: true });
        }
        let widens = proof == Proof::CoreLpBound && core.widened().is_some();
        if searched_beside && !tight && !widens && !core.fixing_keeps_half(best) {
            // Branch and bound on most of the model, a second copy of it beside the
            // search's (400 schools, seed 2: peak 2.5 GB) within a stage the whole LP
            // already took much of. The plan so far stands, bounded by the LP.
            let bound = core.lp_bound;
            return Ok(StageSolve { solved, proof, bound, core: Some(core), out_of_time: true });
        }
        let mut model: highs::Model = solved.into();
        if tight {
            core.free_start(&mut model)?;
            tight = false;
            solved = run(model, plan.as_deref())?;
            continue;
        }
        if proof == Proof::CoreLpBound && core.widen(&mut model)? {
            proof = Proof::WidenedCoreLpBound;
            solved = run(model, plan.as_deref())?;
            continue;
        }
        core.release_improving(&mut model, best)?;
        let solved = run(model, plan.as_deref())?;
        let bound = dual_bound(&solved).max(core.lp_bound);
        let proof = Proof::SearchAfterFixing;
        return Ok(StageSolve { solved, proof, bound, core: Some(core), out_of_time: false });
    }
}

/// Branch and bound on the tight core (module doc), with no start (the start uses columns
/// it holds), within half the time left: the rest is the core's with the start.
fn tight_search(model: highs::Model, until: Until<'_>, stage: &str) -> Result<SolvedModel> {
    let now = Instant::now();
    let deadline = now + until.deadline.saturating_duration_since(now) / 2;
    search(model, None, Until { deadline, ..until }, stage)
}

fn log(stage: &str, core: &Core, tight: bool, value: f64, gap: f64) {
    if std::env::var_os("ROTAPLAN_CORE_LOG").is_some() {
        let (kept, which) = if tight { (core.kept - core.start_cols.len(), "tight core") } else { (core.kept, "core") };
        eprintln!(
            "stage {stage}: {which} {kept} of {} columns (LP {:.2} s, bound {:.6}): plan {value:.6}, gap {gap:.2e}",
            core.total, core.lp_seconds, core.lp_bound
        );
    }
}

/// Integer columns held at zero for the core, and the whole stage's LP bound.
pub(super) struct Core {
    cols: Vec<HighsInt>,
    upper: Vec<f64>,
    /// The integer columns zero in the LP optimum that the start uses, with their upper
    /// bounds: held for the tight core only.
    start_cols: Vec<HighsInt>,
    start_upper: Vec<f64>,
    /// Their reduced costs in the LP optimum (each column is at its lower bound 0 there).
    reduced: Vec<f64>,
    /// Value of the whole stage's LP relaxation: a lower bound on its optimum.
    lp_bound: f64,
    /// Columns left free, of all columns.
    kept: usize,
    total: usize,
    lp_seconds: f64,
}

/// Solves the LP relaxation of the loaded stage and holds at zero every integer column
/// that is zero in its optimum and in `start` (those `start` uses are listed apart, for
/// the tight core). `None` when the LP did not solve to optimality by `until`, or the core
/// would not be smaller (nothing changed then).
fn restrict(
    model: &mut highs::Model,
    start: Option<&[f64]>,
    copy: Option<&raw::Lp>,
    until: Until<'_>,
) -> Result<Option<Core>> {
    let started = Instant::now();
    let n = raw::num_cols(model);
    if n == 0 || start.is_some_and(|s| s.len() != n) {
        return Ok(None);
    }
    let integrality = raw::integrality(model)?;
    let (lower, upper) = raw::col_bounds(model)?;
    let priced = start.filter(|_| n >= super::relaxation::PRICED_FROM);
    let Some(lp) = relax(model, priced, copy, &integrality, until)? else { return Ok(None) };
    if !lp.objective.is_finite() {
        return Ok(None);
    }
    let in_start = |j: usize| start.is_some_and(|s| s[j].abs() > 1e-6);
    let (start_cols, held): (Vec<HighsInt>, Vec<HighsInt>) = (0..n)
        .filter(|&j| integrality[j] == raw::INTEGER && lower[j] == 0.0 && upper[j] > 0.0 && lp.values[j].abs() <= 1e-6)
        .map(|j| j as HighsInt)
        .partition(|&j| in_start(j as usize));
    // A core that keeps most of the model saves nothing and costs a second solve.
    if held.len() * 2 < n {
        return Ok(None);
    }
    let core = Core {
        start_upper: start_cols.iter().map(|&j| upper[j as usize]).collect(),
        start_cols,
        upper: held.iter().map(|&j| upper[j as usize]).collect(),
        reduced: held.iter().map(|&j| lp.reduced[j as usize]).collect(),
        kept: n - held.len(),
        total: n,
        cols: held,
        lp_bound: lp.objective,
        lp_seconds: started.elapsed().as_secs_f64(),
    };
    apply(model, &core.cols, &vec![0.0; core.cols.len()], &vec![0.0; core.cols.len()])?;
    Ok(Some(core))
}

/// The stage's LP optimum: by pricing from `priced_from`, a plan of the stage
/// (`relaxation/pricing.rs`: at 200 schools the shortage LP in 1.7-2.6 s where dual
/// simplex on the whole model took 5-10 s), over `copy` (the model as read for the search
/// beside the core) when there is one; else solved whole in place, its integrality
/// restored after.
fn relax(
    model: &mut highs::Model,
    priced_from: Option<&[f64]>,
    copy: Option<&raw::Lp>,
    integrality: &[HighsInt],
    until: Until<'_>,
) -> Result<Option<raw::LpOptimum>> {
    let n = integrality.len();
    if let Some(start) = priced_from {
        let read;
        let lp = match copy {
            Some(lp) => lp,
            None => {
                read = raw::lp(model)?;
                &read
            }
        };
        return Ok(super::relaxation::priced_optimum(lp, start, until.deadline, until.stop));
    }
    raw::set_integrality(model, 0, &vec![raw::CONTINUOUS; n])?;
    model.set_option("time_limit", seconds_left(until.deadline));
    let lp = raw::solve_lp(model, until.stop);
    raw::set_integrality(model, 0, integrality)?;
    lp
}

impl Core {
    /// Holds at zero the columns only the start uses (the tight core); whether there are any.
    fn hold_start(&self, model: &mut highs::Model) -> Result<bool> {
        let zeros = vec![0.0; self.start_cols.len()];
        apply(model, &self.start_cols, &zeros, &zeros)?;
        Ok(!self.start_cols.is_empty())
    }

    /// Frees the columns only the start uses again: the core, which the start satisfies.
    fn free_start(&self, model: &mut highs::Model) -> Result<()> {
        apply(model, &self.start_cols, &vec![0.0; self.start_cols.len()], &self.start_upper)
    }

    /// Relative gap between a plan of value `value` and the whole stage's LP bound, as
    /// HiGHS measures gaps (relative to the plan's value).
    fn gap(&self, value: f64) -> f64 {
        let diff = (value - self.lp_bound).max(0.0);
        if diff <= 1e-9 {
            0.0
        } else {
            diff / value.abs().max(1e-9)
        }
    }

    /// Frees the columns held at zero that could take part in a plan better than the
    /// core's, of value `incumbent`; returns how many. A column `j` at its lower bound 0 in
    /// the LP optimum with reduced cost `d_j` adds at least `d_j x_j` to the LP bound, so
    /// with `d_j > incumbent - lp_bound` every plan where it is positive is worse than the
    /// incumbent and it stays at zero (reduced-cost fixing; exact). With no incumbent,
    /// every held column is freed.
    fn release_improving(&self, model: &mut highs::Model, incumbent: Option<f64>) -> Result<usize> {
        let (cols, upper): (Vec<HighsInt>, Vec<f64>) =
            self.improving(incumbent).map(|i| (self.cols[i], self.upper[i])).unzip();
        apply(model, &cols, &vec![0.0; cols.len()], &upper)?;
        Ok(cols.len())
    }

    /// The held columns (indices into `cols`) that could take part in a plan better than
    /// `incumbent` (all of them without one): reduced cost within `incumbent − z_lp`.
    fn improving(&self, incumbent: Option<f64>) -> impl Iterator<Item = usize> + '_ {
        let room = incumbent.map(|z| (z - self.lp_bound).max(0.0) + 1e-6 * z.abs().max(1.0));
        (0..self.cols.len()).filter(move |&i| room.is_none_or(|r| self.reduced[i] <= r))
    }

    /// Whether the model after reduced-cost fixing from `incumbent` keeps at most half its
    /// columns held.
    fn fixing_keeps_half(&self, incumbent: Option<f64>) -> bool {
        (self.kept + self.improving(incumbent).count()) * 2 <= self.total
    }

    /// The held columns of zero reduced cost (indices into `cols`), if freeing them keeps
    /// the core under half the model and at most [`WIDEN_AT_MOST`] times its size.
    fn widened(&self) -> Option<Vec<usize>> {
        let zero: Vec<usize> = (0..self.cols.len()).filter(|&i| self.reduced[i] <= 1e-7).collect();
        let widened = self.kept + zero.len();
        (!zero.is_empty() && widened * 2 <= self.total && widened <= WIDEN_AT_MOST * self.kept).then_some(zero)
    }

    /// Frees the held columns of zero reduced cost ([`Core::widened`]); whether it did.
    fn widen(&mut self, model: &mut highs::Model) -> Result<bool> {
        let Some(zero) = self.widened() else { return Ok(false) };
        let cols: Vec<HighsInt> = zero.iter().map(|&i| self.cols[i]).collect();
        let upper: Vec<f64> = zero.iter().map(|&i| self.upper[i]).collect();
        apply(model, &cols, &vec![0.0; cols.len()], &upper)?;
        self.kept += zero.len();
        // Those columns stay in the list: `release` puts every held bound back.
        Ok(true)
    }

    /// Frees every column held at zero.
    pub(super) fn release(self, model: &mut highs::Model) -> Result<()> {
        self.free_start(model)?;
        apply(model, &self.cols, &vec![0.0; self.cols.len()], &self.upper)
    }
}

fn apply(model: &mut highs::Model, cols: &[HighsInt], lower: &[f64], upper: &[f64]) -> Result<()> {
    raw::set_bounds(model, cols, lower, upper)
}

#[cfg(test)]
mod tests {
    use super::*;
    use highs::{ColProblem, RowProblem, Sense};
    use std::time::Duration;

    /// max Σ v_i x_i over 40 binaries with three knapsack rows of pseudo-random weights:
    /// its root leaves a gap that only branching closes.
    fn knapsacks() -> highs::Model {
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) % 97 + 3) as f64
        };
        let n = 40;
        let mut problem = RowProblem::default();
        let x: Vec<_> = (0..n).map(|_| problem.add_integer_column(-next(), 0.0..=1.0)).collect();
        for _ in 0..3 {
            let weights: Vec<f64> = (0..n).map(|_| next()).collect();
            let capacity = 0.3 * weights.iter().sum::<f64>();
            problem.add_row(..=capacity, x.iter().zip(&weights).map(|(&c, &w)| (c, w)));
        }
        let mut model = problem.try_optimise(Sense::Minimise).expect("a model");
        model.make_quiet();
        model.set_option("threads", 1);
        model
    }

    /// A stage's search stops at HiGHS's first interrupt check once its flag is set (an
    /// abandoned stage), where the same search left alone proves its optimum.
    #[test]
    fn an_abandoned_search_stops_at_the_first_interrupt_check() {
        let deadline = Instant::now() + Duration::from_secs(60);
        let alone = AtomicBool::new(false);
        let solved = search(knapsacks(), None, Until { deadline, stop: &alone }, "test").expect("solved");
        assert_eq!(solved.status(), HighsModelStatus::Optimal);
        let abandoned = AtomicBool::new(true);
        let stopped = search(knapsacks(), None, Until { deadline, stop: &abandoned }, "test").expect("returned");
        assert_eq!(stopped.status(), HighsModelStatus::ReachedInterrupt);
    }

    /// A quiet one-thread model of binaries with `costs` and one row `lower ≤ Σ a_j x_j ≤
    /// upper` over `entries` `(j, a_j)`.
    fn binaries(costs: &[f64], lower: f64, upper: f64, entries: &[(usize, f64)]) -> highs::Model {
        let mut problem = RowProblem::default();
        let x: Vec<_> = costs.iter().map(|&c| problem.add_integer_column(c, 0.0..=1.0)).collect();
        problem.add_row(lower..=upper, entries.iter().map(|&(j, a)| (x[j], a)));
        let mut model = problem.try_optimise(Sense::Minimise).expect("a model");
        model.make_quiet();
        model.set_option("threads", 1);
        model
    }

    /// The assignment MIP of `n` workers and jobs with costs `(3i + 7j) mod 11`; column
    /// `n i + j` gives worker `i` job `j`.
    fn assignment(n: usize) -> highs::Model {
        let mut problem = ColProblem::default();
        let rows: Vec<_> = (0..2 * n).map(|_| problem.add_row(1.0..=1.0)).collect();
        for i in 0..n {
            for j in 0..n {
                let cost = ((3 * i + 7 * j) % 11) as f64;
                problem.add_integer_column(cost, 0.0..=1.0, [(rows[i], 1.0), (rows[n + j], 1.0)]);
            }
        }
        let mut model = highs::Model::try_new(problem).expect("a model");
        model.make_quiet();
        model.set_option("threads", 1);
        model
    }

    /// The LP optimum by pricing from a plan (worker `i` to job `i`) is the whole LP's:
    /// the same value, every row met, and no column at zero with a negative reduced cost
    /// (what reduced-cost fixing relies on).
    #[test]
    fn the_core_lp_by_pricing_is_the_whole_lps_optimum() {
        let n = 40;
        let (deadline, stop) = (Instant::now() + Duration::from_secs(60), AtomicBool::new(false));
        let until = Until { deadline, stop: &stop };
        let start: Vec<f64> = (0..n * n).map(|c| if c / n == c % n { 1.0 } else { 0.0 }).collect();
        let mut model = assignment(n);
        let integrality = raw::integrality(&mut model).expect("integrality");
        let whole = relax(&mut model, None, None, &integrality, until).expect("solved").expect("optimal");
        let priced = relax(&mut model, Some(&start), None, &integrality, until).expect("solved").expect("optimal");
        let identity: f64 = (0..n).map(|i| ((10 * i) % 11) as f64).sum();
        assert!(priced.objective < identity - 1.0, "{} against the start's {identity}", priced.objective);
        assert!((priced.objective - whole.objective).abs() < 1e-6, "{} against {}", priced.objective, whole.objective);
        for i in 0..n {
            let worker: f64 = (0..n).map(|j| priced.values[n * i + j]).sum();
            let job: f64 = (0..n).map(|j| priced.values[n * j + i]).sum();
            assert!((worker - 1.0).abs() < 1e-6 && (job - 1.0).abs() < 1e-6, "row {i}: {worker}, {job}");
        }
        let cost: f64 = (0..n * n).map(|c| ((3 * (c / n) + 7 * (c % n)) % 11) as f64 * priced.values[c]).sum();
        assert!((cost - priced.objective).abs() < 1e-6);
        for c in (0..n * n).filter(|&c| priced.values[c].abs() <= 1e-9) {
            assert!(priced.reduced[c] >= -1e-7, "column {c}: reduced cost {}", priced.reduced[c]);
        }
        assert_eq!(raw::integrality(&mut model).expect("integrality"), integrality);
    }

    fn solve_from(model: highs::Model, start: &[f64]) -> StageSolve {
        let (deadline, stop) = (Instant::now() + Duration::from_secs(60), AtomicBool::new(false));
        solve(model, Some(start), None, 1e-4, Until { deadline, stop: &stop }, "test", false).expect("solved")
    }

    /// `min Σ (j+1) x_j` over ten binaries with `Σ x_j ≥ 1`, from a start that uses `x_5`:
    /// the tight core (the LP's support, `x_0`) proves the optimum at the LP bound without
    /// the start's column, and every held column is free again after the stage.
    #[test]
    fn the_tight_core_proves_the_lp_bound_without_the_start_columns() {
        let costs: Vec<f64> = (1..=10).map(f64::from).collect();
        let model = binaries(&costs, 1.0, f64::INFINITY, &(0..10).map(|j| (j, 1.0)).collect::<Vec<_>>());
        let mut start = vec![0.0; 10];
        start[5] = 1.0;
        let stage = solve_from(model, &start);
        assert_eq!(stage.proof, Proof::CoreLpBound);
        assert!((stage.solved.objective_value() - 1.0).abs() < 1e-9);
        assert!((stage.bound - 1.0).abs() < 1e-9);
        let mut model: highs::Model = stage.solved.into();
        // Proven on the tight core: the start's column was still held at zero.
        assert_eq!(raw::col_bounds(&mut model).expect("bounds").1[5], 0.0);
        stage.core.expect("a core").release(&mut model).expect("released");
        assert_eq!(raw::col_bounds(&mut model).expect("bounds"), (vec![0.0; 10], vec![1.0; 10]));
    }

    /// `2 x_0 + 2 x_1 + 3 x_2 = 3` has one integer plan, `x_2 = 1`, outside the LP's
    /// support (`x_0`, `x_1`): the tight core is infeasible and the core with the start's
    /// column finds and proves it (six more binaries in no row make the core worth it).
    #[test]
    fn an_infeasible_tight_core_falls_back_to_the_core_with_the_start() {
        let costs = [1.0, 1.0, 10.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0];
        let model = binaries(&costs, 3.0, 3.0, &[(0, 2.0), (1, 2.0), (2, 3.0)]);
        let mut start = vec![0.0; costs.len()];
        start[2] = 1.0;
        let stage = solve_from(model, &start);
        assert_eq!(stage.solved.status(), HighsModelStatus::Optimal);
        assert!((stage.solved.objective_value() - 10.0).abs() < 1e-9);
        assert!((stage.bound - 10.0).abs() < 1e-6, "bound {}", stage.bound);
        assert_eq!(stage.proof, Proof::SearchAfterFixing);
    }
}
