//! A stage solved first on its core: the columns its LP relaxation or its start use
//! (docs/model.md, "Core of a stage").
//!
//! The stage's LP relaxation is solved on the whole model; its value `z_lp` is a lower
//! bound on the stage's optimum. The integer columns that are zero both in the LP optimum
//! and in the start are then held at zero, and the much smaller MIP left, the core, is
//! solved. If the core's plan is within the stage's gap of `z_lp`, it is within that gap
//! of the whole stage's optimum too, and the stage is done. If not, the core is widened
//! once by the held columns of zero reduced cost (the LP's other optima) and solved again
//! from that plan. If that does not prove it either, every held column that could take
//! part in a better plan is freed (reduced-cost fixing keeps the rest at zero, exactly)
//! and the stage is solved from the best plan found. The first two terms of the default
//! order, violations and priority-weighted shortage, usually have an LP bound equal to
//! their optimum; that is where the core is used.

use super::ensure_ok;
use anyhow::{anyhow, Result};
use highs::{HighsModelStatus, HighsSolutionStatus, SolvedModel};
use highs_sys::HighsInt;
use serde::Serialize;
use std::time::Instant;

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
    /// Nothing: the stage overran the time limit and was abandoned (`watchdog.rs`).
    Abandoned,
}

/// A stage solved through its core.
pub(super) struct StageSolve {
    pub(super) solved: SolvedModel,
    /// The gap to report: the core's plan against the whole stage's LP bound, or HiGHS's.
    pub(super) gap: f64,
    pub(super) proof: Proof,
    /// The columns held at zero, to free after the stage.
    pub(super) core: Option<Core>,
    /// The time limit ended the stage before its optimum was proved.
    pub(super) out_of_time: bool,
}

/// Whether HiGHS holds a feasible plan.
pub(super) fn found_plan(solved: &SolvedModel) -> bool {
    solved.primal_solution_status() == HighsSolutionStatus::Feasible
}

/// Branch and bound on the loaded model from `plan`, until `deadline`.
fn search(mut model: highs::Model, plan: Option<&[f64]>, deadline: Instant, stage: &str) -> Result<SolvedModel> {
    model.set_option("time_limit", seconds_left(deadline));
    if let Some(p) = plan {
        model.set_solution(Some(p), None, None, None);
    }
    model.try_solve().map_err(|e| anyhow!("HiGHS failed in stage {stage}: {e:?}"))
}

/// A stage solved by branch and bound on the whole model, without a core.
pub(super) fn search_whole(
    model: highs::Model,
    start: Option<&[f64]>,
    deadline: Instant,
    stage: &str,
) -> Result<StageSolve> {
    let solved = search(model, start, deadline, stage)?;
    let gap = solved.mip_gap();
    Ok(StageSolve { solved, gap, proof: Proof::Search, core: None, out_of_time: false })
}

fn seconds_left(deadline: Instant) -> f64 {
    deadline.saturating_duration_since(Instant::now()).as_secs_f64().max(0.01)
}

/// Solves one stage through its core (module doc).
pub(super) fn solve(
    mut model: highs::Model,
    start: Option<&[f64]>,
    gap: f64,
    deadline: Instant,
    stage: &str,
) -> Result<StageSolve> {
    let run = |m: highs::Model, plan: Option<&[f64]>| search(m, plan, deadline, stage);
    let Some(mut core) = restrict(&mut model, start, seconds_left(deadline))? else {
        return search_whole(model, start, deadline, stage);
    };
    let mut plan = start.map(<[f64]>::to_vec);
    let mut best = None;
    let mut proof = Proof::CoreLpBound;
    let mut solved = run(model, start)?;
    loop {
        if found_plan(&solved) {
            let value = solved.objective_value();
            let core_gap = core.gap(value);
            log(stage, &core, value, core_gap);
            if solved.status() == HighsModelStatus::Optimal && core_gap <= gap {
                return Ok(StageSolve { solved, gap: core_gap, proof, core: Some(core), out_of_time: false });
            }
            if best.is_none_or(|b| value < b) {
                plan = Some(solved.get_solution().columns().to_vec());
                best = Some(value);
            }
        }
        if Instant::now() >= deadline {
            // Out of time: the last solve's plan, with its gap to the whole stage's LP
            // bound. (Had it found none while an earlier one did, that plan is lost with
            // the stage, which then reports the time limit; HiGHS accepts a feasible start
            // before it searches, so this does not happen in practice.)
            let gap = if found_plan(&solved) { core.gap(solved.objective_value()) } else { f64::INFINITY };
            return Ok(StageSolve { solved, gap, proof, core: Some(core), out_of_time: true });
        }
        let mut model: highs::Model = solved.into();
        if proof == Proof::CoreLpBound && core.widen(&mut model)? {
            proof = Proof::WidenedCoreLpBound;
            solved = run(model, plan.as_deref())?;
            continue;
        }
        core.release_improving(&mut model, best)?;
        let solved = run(model, plan.as_deref())?;
        let gap = solved.mip_gap();
        return Ok(StageSolve { solved, gap, proof: Proof::SearchAfterFixing, core: Some(core), out_of_time: false });
    }
}

fn log(stage: &str, core: &Core, value: f64, gap: f64) {
    if std::env::var_os("ROTAPLAN_CORE_LOG").is_some() {
        eprintln!(
            "stage {stage}: core {} of {} columns (LP {:.2} s, bound {:.6}): plan {value:.6}, gap {gap:.2e}",
            core.kept, core.total, core.lp_seconds, core.lp_bound
        );
    }
}

/// Integer columns held at zero for the core, and the whole stage's LP bound.
pub(super) struct Core {
    cols: Vec<HighsInt>,
    upper: Vec<f64>,
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
/// that is zero in its optimum and in `start`. `None` when the LP did not solve to
/// optimality within `time_limit`, or the core would not be smaller (nothing changed then).
fn restrict(model: &mut highs::Model, start: Option<&[f64]>, time_limit: f64) -> Result<Option<Core>> {
    let started = Instant::now();
    let ptr = model.as_mut_ptr();
    // SAFETY: a live model pointer.
    let n = unsafe { highs_sys::Highs_getNumCol(ptr) } as usize;
    if n == 0 || start.is_some_and(|s| s.len() != n) {
        return Ok(None);
    }
    let mut integrality = vec![0 as HighsInt; n];
    for (j, kind) in integrality.iter_mut().enumerate() {
        // SAFETY: `j < n`, and `kind` is a valid out-pointer.
        ensure_ok(unsafe { highs_sys::Highs_getColIntegrality(ptr, j as HighsInt, kind) }, "read integrality")?;
    }
    let (mut lower, mut upper) = (vec![0.0; n], vec![0.0; n]);
    let (mut num_col, mut num_nz) = (0 as HighsInt, 0 as HighsInt);
    // SAFETY: the bound arrays have `n` entries; costs and the matrix are not asked for.
    ensure_ok(
        unsafe {
            highs_sys::Highs_getColsByRange(
                ptr,
                0,
                (n - 1) as HighsInt,
                &mut num_col,
                std::ptr::null_mut(),
                lower.as_mut_ptr(),
                upper.as_mut_ptr(),
                &mut num_nz,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        },
        "read the column bounds",
    )?;

    let continuous = vec![0 as HighsInt; n];
    // SAFETY: `n` entries for the columns 0..n.
    ensure_ok(
        unsafe { highs_sys::Highs_changeColsIntegralityByRange(ptr, 0, (n - 1) as HighsInt, continuous.as_ptr()) },
        "relax integrality",
    )?;
    model.set_option("time_limit", time_limit.max(0.01));
    // HiGHS's run clock adds up over runs, and the LP solvers check it against the limit:
    // zero it, or the earlier stages' time would be counted against this LP.
    // SAFETY: a live model pointer.
    ensure_ok(unsafe { highs_sys::Highs_zeroAllClocks(ptr) }, "reset the clocks")?;
    // SAFETY: as above.
    let run = unsafe { highs_sys::Highs_run(ptr) };
    // SAFETY: as above.
    let status = unsafe { highs_sys::Highs_getModelStatus(ptr) };
    let (mut lp, mut reduced) = (vec![0.0; n], vec![0.0; n]);
    let mut lp_bound = f64::NAN;
    if run >= 0 && status == highs_sys::kHighsModelStatusOptimal as HighsInt {
        // SAFETY: `n` column values; duals and rows are not asked for.
        ensure_ok(
            unsafe {
                highs_sys::Highs_getSolution(
                    ptr,
                    lp.as_mut_ptr(),
                    reduced.as_mut_ptr(),
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                )
            },
            "read the LP relaxation",
        )?;
        // SAFETY: a live model pointer.
        lp_bound = unsafe { highs_sys::Highs_getObjectiveValue(ptr) };
    }
    // Drop the fractional LP solution: HiGHS would otherwise take it as a partial start of
    // the MIP and spend a sub-MIP completing it.
    // SAFETY: a live model pointer.
    ensure_ok(unsafe { highs_sys::Highs_clearSolver(ptr) }, "clear the LP solution")?;
    // SAFETY: `n` entries for the columns 0..n: the integrality read above.
    ensure_ok(
        unsafe { highs_sys::Highs_changeColsIntegralityByRange(ptr, 0, (n - 1) as HighsInt, integrality.as_ptr()) },
        "restore integrality",
    )?;
    if !lp_bound.is_finite() {
        return Ok(None);
    }
    let used = |j: usize| lp[j].abs() > 1e-6 || start.is_some_and(|s| s[j].abs() > 1e-6);
    let held: Vec<HighsInt> = (0..n)
        .filter(|&j| {
            integrality[j] == highs_sys::kHighsVarTypeInteger as HighsInt
                && lower[j] == 0.0
                && upper[j] > 0.0
                && !used(j)
        })
        .map(|j| j as HighsInt)
        .collect();
    // A core that keeps most of the model saves nothing and costs a second solve.
    if held.len() * 2 < n {
        return Ok(None);
    }
    let core = Core {
        upper: held.iter().map(|&j| upper[j as usize]).collect(),
        reduced: held.iter().map(|&j| reduced[j as usize]).collect(),
        kept: n - held.len(),
        total: n,
        cols: held,
        lp_bound,
        lp_seconds: started.elapsed().as_secs_f64(),
    };
    apply(model, &core.cols, &vec![0.0; core.cols.len()], &vec![0.0; core.cols.len()])?;
    Ok(Some(core))
}

impl Core {
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
        let room = incumbent.map(|z| (z - self.lp_bound).max(0.0) + 1e-6 * z.abs().max(1.0));
        let (cols, upper): (Vec<HighsInt>, Vec<f64>) = self
            .cols
            .iter()
            .zip(&self.upper)
            .zip(&self.reduced)
            .filter(|(_, &d)| room.is_none_or(|r| d <= r))
            .map(|((&j, &u), _)| (j, u))
            .unzip();
        apply(model, &cols, &vec![0.0; cols.len()], &upper)?;
        Ok(cols.len())
    }

    /// Frees the held columns of zero reduced cost, if the core stays under half the
    /// model; whether it did.
    fn widen(&mut self, model: &mut highs::Model) -> Result<bool> {
        let zero: Vec<usize> = (0..self.cols.len()).filter(|&i| self.reduced[i] <= 1e-7).collect();
        if zero.is_empty() || (self.kept + zero.len()) * 2 > self.total {
            return Ok(false);
        }
        let cols: Vec<HighsInt> = zero.iter().map(|&i| self.cols[i]).collect();
        let upper: Vec<f64> = zero.iter().map(|&i| self.upper[i]).collect();
        apply(model, &cols, &vec![0.0; cols.len()], &upper)?;
        self.kept += zero.len();
        // Those columns stay in the list: `release` puts every held bound back.
        Ok(true)
    }

    /// Frees every column held at zero.
    pub(super) fn release(self, model: &mut highs::Model) -> Result<()> {
        apply(model, &self.cols, &vec![0.0; self.cols.len()], &self.upper)
    }
}

fn apply(model: &mut highs::Model, cols: &[HighsInt], lower: &[f64], upper: &[f64]) -> Result<()> {
    if cols.is_empty() {
        return Ok(());
    }
    // SAFETY: `cols.len()` entries in each array, valid column indices.
    ensure_ok(
        unsafe {
            highs_sys::Highs_changeColsBoundsBySet(
                model.as_mut_ptr(),
                cols.len() as HighsInt,
                cols.as_ptr(),
                lower.as_ptr(),
                upper.as_ptr(),
            )
        },
        "change column bounds",
    )
}
