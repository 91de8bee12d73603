//! Every raw call into HiGHS's C API, each behind a safe function: the one file with
//! `unsafe` for the solver (the watchdog's thread hand-over is the other `unsafe`, and it
//! is not a solver call).
//!
//! Safety, once for the whole file: each function takes `&mut highs::Model`, whose pointer
//! is live for the borrow and used by this thread alone; every array handed to HiGHS has
//! exactly the length the call is told, and every column or row index is checked against
//! the model's size first (`check_cols`, `check_range`), so HiGHS never reads or writes
//! outside them. HiGHS returns -1 for an error, 0 for ok and 1 for a warning; an error
//! becomes an `Err` naming what was being done.

use anyhow::{bail, ensure, Context, Result};
use highs_sys::HighsInt;
use std::ffi::{c_char, c_int, c_void, CString};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// HiGHS's integrality code of an integer column.
pub(super) const INTEGER: HighsInt = highs_sys::kHighsVarTypeInteger as HighsInt;
/// HiGHS's integrality code of a continuous column.
pub(super) const CONTINUOUS: HighsInt = highs_sys::kHighsVarTypeContinuous as HighsInt;

fn ok(status: HighsInt, what: &str) -> Result<()> {
    if status < 0 {
        bail!("HiGHS could not {what}");
    }
    Ok(())
}

fn idx(i: usize) -> HighsInt {
    i as HighsInt
}

pub(super) fn num_cols(model: &mut highs::Model) -> usize {
    // SAFETY: module doc.
    unsafe { highs_sys::Highs_getNumCol(model.as_mut_ptr()) as usize }
}

pub(super) fn num_rows(model: &mut highs::Model) -> usize {
    // SAFETY: module doc.
    unsafe { highs_sys::Highs_getNumRow(model.as_mut_ptr()) as usize }
}

fn check_range(model: &mut highs::Model, first: usize, count: usize, cols: bool) -> Result<()> {
    let n = if cols { num_cols(model) } else { num_rows(model) };
    ensure!(
        first + count <= n,
        "internal error: {} {first}..{} beyond {n}",
        if cols { "columns" } else { "rows" },
        first + count
    );
    Ok(())
}

fn check_cols(model: &mut highs::Model, cols: &[HighsInt]) -> Result<()> {
    let n = num_cols(model);
    ensure!(cols.iter().all(|&j| j >= 0 && (j as usize) < n), "internal error: a column index beyond {n}");
    Ok(())
}

/// Integrality code of every column.
pub(super) fn integrality(model: &mut highs::Model) -> Result<Vec<HighsInt>> {
    let n = num_cols(model);
    let mut kinds = vec![CONTINUOUS; n];
    for (j, kind) in kinds.iter_mut().enumerate() {
        // SAFETY: module doc; `j < n`, `kind` a valid out-pointer.
        ok(unsafe { highs_sys::Highs_getColIntegrality(model.as_mut_ptr(), idx(j), kind) }, "read integrality")?;
    }
    Ok(kinds)
}

/// Sets the integrality of the columns `first..first + kinds.len()`.
pub(super) fn set_integrality(model: &mut highs::Model, first: usize, kinds: &[HighsInt]) -> Result<()> {
    if kinds.is_empty() {
        return Ok(());
    }
    check_range(model, first, kinds.len(), true)?;
    let last = idx(first + kinds.len() - 1);
    // SAFETY: module doc; `kinds` has one entry per column of the range.
    ok(
        unsafe { highs_sys::Highs_changeColsIntegralityByRange(model.as_mut_ptr(), idx(first), last, kinds.as_ptr()) },
        "change integrality",
    )
}

/// Lower and upper bounds of every column.
pub(super) fn col_bounds(model: &mut highs::Model) -> Result<(Vec<f64>, Vec<f64>)> {
    let n = num_cols(model);
    let (mut lower, mut upper) = (vec![0.0; n], vec![0.0; n]);
    if n == 0 {
        return Ok((lower, upper));
    }
    let (mut num_col, mut num_nz) = (0 as HighsInt, 0 as HighsInt);
    // SAFETY: module doc; the bound arrays have `n` entries; costs and matrix not asked for.
    let status = unsafe {
        highs_sys::Highs_getColsByRange(
            model.as_mut_ptr(),
            0,
            idx(n - 1),
            &mut num_col,
            std::ptr::null_mut(),
            lower.as_mut_ptr(),
            upper.as_mut_ptr(),
            &mut num_nz,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        )
    };
    ok(status, "read the column bounds")?;
    Ok((lower, upper))
}

/// The loaded model as plain data: columns (cost, bounds, integrality) with their entries in
/// compressed column form (column `j` has the entries `start[j]..start[j + 1]`), and the
/// rows' bounds.
pub(super) struct Lp {
    pub cost: Vec<f64>,
    pub col_lower: Vec<f64>,
    pub col_upper: Vec<f64>,
    pub integrality: Vec<HighsInt>,
    pub start: Vec<usize>,
    pub index: Vec<usize>,
    pub value: Vec<f64>,
    pub row_lower: Vec<f64>,
    pub row_upper: Vec<f64>,
}

/// Reads the whole loaded model.
pub(super) fn lp(model: &mut highs::Model) -> Result<Lp> {
    let (n, m) = (num_cols(model), num_rows(model));
    ensure!(n > 0, "internal error: an empty model");
    // SAFETY: module doc.
    let nnz = unsafe { highs_sys::Highs_getNumNz(model.as_mut_ptr()) }.max(0) as usize;
    let (mut cost, mut col_lower, mut col_upper) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    let (mut start, mut index, mut value) = (vec![0 as HighsInt; n], vec![0 as HighsInt; nnz], vec![0.0; nnz]);
    let (mut num_col, mut num_nz) = (0 as HighsInt, 0 as HighsInt);
    // SAFETY: module doc; `n` entries per column array and `nnz` (the model's count) per
    // matrix entry array.
    let status = unsafe {
        highs_sys::Highs_getColsByRange(
            model.as_mut_ptr(),
            0,
            idx(n - 1),
            &mut num_col,
            cost.as_mut_ptr(),
            col_lower.as_mut_ptr(),
            col_upper.as_mut_ptr(),
            &mut num_nz,
            start.as_mut_ptr(),
            index.as_mut_ptr(),
            value.as_mut_ptr(),
        )
    };
    ok(status, "read the model's columns")?;
    ensure!(num_nz as usize == nnz, "internal error: HiGHS counted {num_nz} entries, not {nnz}");
    let (mut row_lower, mut row_upper) = (vec![0.0; m], vec![0.0; m]);
    if m > 0 {
        let (mut num_row, mut row_nz) = (0 as HighsInt, 0 as HighsInt);
        // SAFETY: module doc; `m` entries per row array; the matrix not asked for.
        let status = unsafe {
            highs_sys::Highs_getRowsByRange(
                model.as_mut_ptr(),
                0,
                idx(m - 1),
                &mut num_row,
                row_lower.as_mut_ptr(),
                row_upper.as_mut_ptr(),
                &mut row_nz,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        };
        ok(status, "read the model's rows")?;
    }
    let mut start: Vec<usize> = start.into_iter().map(|s| s as usize).collect();
    start.push(nnz);
    Ok(Lp {
        cost,
        col_lower,
        col_upper,
        integrality: integrality(model)?,
        start,
        index: index.into_iter().map(|i| i as usize).collect(),
        value,
        row_lower,
        row_upper,
    })
}

/// Changes the bounds of the columns `cols`.
pub(super) fn set_bounds(model: &mut highs::Model, cols: &[HighsInt], lower: &[f64], upper: &[f64]) -> Result<()> {
    if cols.is_empty() {
        return Ok(());
    }
    ensure!(lower.len() == cols.len() && upper.len() == cols.len(), "internal error: bound arrays of other lengths");
    check_cols(model, cols)?;
    // SAFETY: module doc; `cols.len()` entries in each array.
    let status = unsafe {
        highs_sys::Highs_changeColsBoundsBySet(
            model.as_mut_ptr(),
            idx(cols.len()),
            cols.as_ptr(),
            lower.as_ptr(),
            upper.as_ptr(),
        )
    };
    ok(status, "change column bounds")
}

/// Sets the cost of every column (one entry per column).
pub(super) fn set_costs(model: &mut highs::Model, costs: &[f64]) -> Result<()> {
    if costs.is_empty() {
        return Ok(());
    }
    check_range(model, 0, costs.len(), true)?;
    // SAFETY: module doc; one cost per column of the range.
    let status =
        unsafe { highs_sys::Highs_changeColsCostByRange(model.as_mut_ptr(), 0, idx(costs.len() - 1), costs.as_ptr()) };
    ok(status, "change the objective")
}

/// Adds the row `Σ coeffs_j x_j <= upper` (zero coefficients left out).
pub(super) fn add_upper_row(model: &mut highs::Model, coeffs: &[f64], upper: f64) -> Result<()> {
    check_range(model, 0, coeffs.len(), true)?;
    let (cols, vals): (Vec<HighsInt>, Vec<f64>) =
        coeffs.iter().enumerate().filter(|(_, &c)| c != 0.0).map(|(i, &c)| (idx(i), c)).unzip();
    // SAFETY: module doc; index and value arrays have `cols.len()` entries.
    let status = unsafe {
        highs_sys::Highs_addRow(
            model.as_mut_ptr(),
            f64::NEG_INFINITY,
            upper,
            idx(cols.len()),
            cols.as_ptr(),
            vals.as_ptr(),
        )
    };
    ok(status, "bound an earlier term")
}

/// Appends `costs.len()` continuous columns without matrix entries.
pub(super) fn add_empty_cols(model: &mut highs::Model, costs: &[f64], lower: &[f64], upper: &[f64]) -> Result<()> {
    let n = costs.len();
    ensure!(lower.len() == n && upper.len() == n, "internal error: column arrays of other lengths");
    let starts = vec![0 as HighsInt; n];
    // SAFETY: module doc; `n` entries in each array, no matrix entries.
    let status = unsafe {
        highs_sys::Highs_addCols(
            model.as_mut_ptr(),
            idx(n),
            costs.as_ptr(),
            lower.as_ptr(),
            upper.as_ptr(),
            0,
            starts.as_ptr(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    ok(status, "add columns")
}

/// Columns in compressed form: column `j` has the entries `starts[j]..starts[j + 1]` of
/// `index`/`value` (row indices), the cost `cost[j]` and the range `lower[j]..=upper[j]`.
pub(super) struct ColBlock<'a> {
    pub cost: &'a [f64],
    pub lower: &'a [f64],
    pub upper: &'a [f64],
    pub starts: &'a [HighsInt],
    pub index: &'a [HighsInt],
    pub value: &'a [f64],
}

/// Appends the continuous columns of `block`.
pub(super) fn add_cols(model: &mut highs::Model, block: &ColBlock<'_>) -> Result<()> {
    let n = block.cost.len();
    ensure!(
        block.lower.len() == n
            && block.upper.len() == n
            && block.starts.len() == n
            && block.index.len() == block.value.len(),
        "internal error: column arrays of other lengths"
    );
    ensure!(block.starts.iter().all(|&s| s >= 0 && s as usize <= block.index.len()), "internal error: column start");
    let m = num_rows(model);
    ensure!(block.index.iter().all(|&i| i >= 0 && (i as usize) < m), "internal error: a row index beyond {m}");
    // SAFETY: module doc; `n` costs, bounds and starts, `index.len()` entries, each row
    // index checked above.
    let status = unsafe {
        highs_sys::Highs_addCols(
            model.as_mut_ptr(),
            idx(n),
            block.cost.as_ptr(),
            block.lower.as_ptr(),
            block.upper.as_ptr(),
            idx(block.index.len()),
            block.starts.as_ptr(),
            block.index.as_ptr(),
            block.value.as_ptr(),
        )
    };
    ok(status, "add columns")
}

/// Rows in compressed form: row `i` has the entries `starts[i]..starts[i + 1]` of
/// `index`/`value` and the range `lower[i]..=upper[i]`.
pub(super) struct RowBlock<'a> {
    pub lower: &'a [f64],
    pub upper: &'a [f64],
    pub starts: &'a [HighsInt],
    pub index: &'a [HighsInt],
    pub value: &'a [f64],
}

/// Appends the rows of `block`.
pub(super) fn add_rows(model: &mut highs::Model, block: &RowBlock<'_>) -> Result<()> {
    let rows = block.lower.len();
    ensure!(
        block.upper.len() == rows && block.starts.len() == rows && block.index.len() == block.value.len(),
        "internal error: row arrays of other lengths"
    );
    ensure!(block.starts.iter().all(|&s| s >= 0 && s as usize <= block.index.len()), "internal error: row start");
    check_cols(model, block.index)?;
    // SAFETY: module doc; `rows` row ranges and starts, `index.len()` entries.
    let status = unsafe {
        highs_sys::Highs_addRows(
            model.as_mut_ptr(),
            idx(rows),
            block.lower.as_ptr(),
            block.upper.as_ptr(),
            idx(block.index.len()),
            block.starts.as_ptr(),
            block.index.as_ptr(),
            block.value.as_ptr(),
        )
    };
    ok(status, "add rows")
}

/// Deletes the rows `first..first + count`.
pub(super) fn delete_rows(model: &mut highs::Model, first: usize, count: usize) -> Result<()> {
    if count == 0 {
        return Ok(());
    }
    check_range(model, first, count, false)?;
    // SAFETY: module doc; the range lies inside the model.
    let status = unsafe { highs_sys::Highs_deleteRowsByRange(model.as_mut_ptr(), idx(first), idx(first + count - 1)) };
    ok(status, "delete rows")
}

/// Deletes the columns `first..first + count`.
pub(super) fn delete_cols(model: &mut highs::Model, first: usize, count: usize) -> Result<()> {
    if count == 0 {
        return Ok(());
    }
    check_range(model, first, count, true)?;
    // SAFETY: module doc; the range lies inside the model.
    let status = unsafe { highs_sys::Highs_deleteColsByRange(model.as_mut_ptr(), idx(first), idx(first + count - 1)) };
    ok(status, "delete columns")
}

/// The LP relaxation's optimum: column values, reduced costs and objective value.
pub(super) struct LpOptimum {
    pub values: Vec<f64>,
    pub reduced: Vec<f64>,
    pub objective: f64,
}

/// Solves the loaded model as it is (the caller relaxes integrality first) and returns its
/// optimum, or `None` if HiGHS did not reach one. The run clocks are zeroed first (HiGHS
/// adds them up over runs and checks them against the time limit), and the solution is
/// cleared after, so that a later MIP does not take the fractional point as a start. It
/// stops at HiGHS's next interrupt check once `stop` is set (an abandoned stage's).
pub(super) fn solve_lp(model: &mut highs::Model, stop: &AtomicBool) -> Result<Option<LpOptimum>> {
    let n = num_cols(model);
    let solved = run_lp(model, stop)?;
    let ptr = model.as_mut_ptr();
    let mut optimum = None;
    if solved {
        let (mut values, mut reduced) = (vec![0.0; n], vec![0.0; n]);
        // SAFETY: module doc; `n` column values and duals; rows not asked for.
        let read = unsafe {
            highs_sys::Highs_getSolution(
                ptr,
                values.as_mut_ptr(),
                reduced.as_mut_ptr(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        };
        ok(read, "read the LP relaxation")?;
        // SAFETY: module doc.
        let objective = unsafe { highs_sys::Highs_getObjectiveValue(ptr) };
        optimum = Some(LpOptimum { values, reduced, objective });
    }
    // SAFETY: module doc.
    ok(unsafe { highs_sys::Highs_clearSolver(ptr) }, "clear the LP solution")?;
    Ok(optimum)
}

/// Runs the loaded model from its clocks at zero, stopped at HiGHS's next interrupt check
/// once `stop` is set; whether HiGHS reached its optimum.
fn run_lp(model: &mut highs::Model, stop: &AtomicBool) -> Result<bool> {
    zero_clocks(model)?;
    let watch = Watch { stops: &[stop], improving: None };
    start_watch(model, &watch)?;
    let ptr = model.as_mut_ptr();
    // SAFETY: module doc.
    let run = unsafe { highs_sys::Highs_run(ptr) };
    end_watch(ptr)?;
    // SAFETY: module doc.
    let status = unsafe { highs_sys::Highs_getModelStatus(ptr) };
    Ok(run >= 0 && status == highs_sys::kHighsModelStatusOptimal as HighsInt)
}

/// An LP's optimum with its row duals `y` (the reduced cost of a column `j` is
/// `c_j − Σ_i a_ij y_i`).
pub(super) struct LpDuals {
    pub objective: f64,
    pub values: Vec<f64>,
    pub duals: Vec<f64>,
}

/// Solves the loaded LP as [`solve_lp`] does but keeps HiGHS's basis, so that a run after
/// columns are added starts from it; `None` if HiGHS did not reach an optimum.
pub(super) fn solve_lp_duals(model: &mut highs::Model, stop: &AtomicBool) -> Result<Option<LpDuals>> {
    let (n, m) = (num_cols(model), num_rows(model));
    if !run_lp(model, stop)? {
        return Ok(None);
    }
    let ptr = model.as_mut_ptr();
    let (mut values, mut duals) = (vec![0.0; n], vec![0.0; m]);
    // SAFETY: module doc; `n` column values and `m` row duals; the other arrays not asked
    // for.
    let read = unsafe {
        highs_sys::Highs_getSolution(
            ptr,
            values.as_mut_ptr(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            duals.as_mut_ptr(),
        )
    };
    ok(read, "read the LP's duals")?;
    // SAFETY: module doc.
    let objective = unsafe { highs_sys::Highs_getObjectiveValue(ptr) };
    Ok(Some(LpDuals { objective, values, duals }))
}

/// Zeroes HiGHS's run clocks, which add up over runs and are checked against the time
/// limit: each run's limit then counts from its own start.
pub(super) fn zero_clocks(model: &mut highs::Model) -> Result<()> {
    // SAFETY: module doc.
    ok(unsafe { highs_sys::Highs_zeroAllClocks(model.as_mut_ptr()) }, "reset the clocks")
}

/// Writes the loaded model to `path` (MPS or LP by its extension).
/// Writes the loaded model to `path` with `offset` added to its objective (the term's
/// constant, so that the file's objective is the term's value); the offset is taken off
/// again, so the solve is unchanged.
pub(super) fn write_model(model: &mut highs::Model, path: &Path, offset: f64) -> Result<()> {
    let name = CString::new(path.to_string_lossy().as_bytes()).context("model path contains a NUL byte")?;
    // SAFETY: module doc; a NUL-terminated path.
    let status = unsafe {
        ok(highs_sys::Highs_changeObjectiveOffset(model.as_mut_ptr(), offset), "set the objective offset")?;
        let status = highs_sys::Highs_writeModel(model.as_mut_ptr(), name.as_ptr());
        ok(highs_sys::Highs_changeObjectiveOffset(model.as_mut_ptr(), 0.0), "reset the objective offset")?;
        status
    };
    ok(status, &format!("write the model to {}", path.display()))
}

/// What is done with each improving plan's column values as HiGHS finds it.
pub(super) type Improving<'a> = &'a (dyn Fn(&[f64]) + Sync);

/// What a solve's callback watches: the flags that stop it (any one set) and, for a MIP
/// whose plans are wanted as they come, what to do with each improving plan's values.
struct Watch<'a> {
    stops: &'a [&'a AtomicBool],
    improving: Option<Improving<'a>>,
}

/// HiGHS's callback for [`solve_interruptible`] and [`solve_watching`]: hands each
/// improving plan to the watcher, and asks HiGHS to stop once any of the flags is set.
unsafe extern "C" fn watch_solve(
    kind: c_int,
    _message: *const c_char,
    out: *const highs_sys::HighsCallbackDataOut,
    data_in: *mut highs_sys::HighsCallbackDataIn,
    user: *mut c_void,
) {
    // SAFETY: `user` is the `Watch` the solve borrowed for its whole run, and HiGHS calls
    // back only during it; `out` and `data_in`, when not null, are HiGHS's own, and a plan
    // it hands over has `mip_solution_size` values.
    unsafe {
        let watch = &*(user as *const Watch);
        if kind == highs_sys::kHighsCallbackMipImprovingSolution as c_int {
            let Some(improving) = watch.improving.filter(|_| !out.is_null()) else { return };
            let (values, n) = ((*out).mip_solution, (*out).mip_solution_size);
            if !values.is_null() && n > 0 {
                let plan = std::slice::from_raw_parts(values, n as usize);
                // A panic may not cross into HiGHS; the plan is then only not handed over.
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| improving(plan)));
            }
        } else if watch.stops.iter().any(|s| s.load(Ordering::Relaxed)) && !data_in.is_null() {
            (*data_in).user_interrupt = 1;
        }
    }
}

/// Solves `model` as `try_solve` does, stopped at HiGHS's next interrupt check (in its
/// branch and bound, its simplex and its interior point) once `stop` is set. The callback
/// is removed before the solved model is handed back, so HiGHS never reads `stop` after
/// this returns.
pub(super) fn solve_interruptible(model: highs::Model, stop: &AtomicBool) -> Result<highs::SolvedModel> {
    solve_watching(model, &[stop], None)
}

/// Solves `model` as [`solve_interruptible`] does, stopped once any of `stops` is set, and
/// hands the column values of each improving plan HiGHS's MIP solver finds (in presolve,
/// its heuristics or its branch and bound; the start may come first) to `improving` as it
/// finds it.
pub(super) fn solve_watching(
    mut model: highs::Model,
    stops: &[&AtomicBool],
    improving: Option<Improving<'_>>,
) -> Result<highs::SolvedModel> {
    let watch = Watch { stops, improving };
    start_watch(&mut model, &watch)?;
    let mut solved = model.try_solve().map_err(|e| anyhow::anyhow!("HiGHS failed: {e:?}"))?;
    end_watch(solved.as_mut_ptr())?;
    Ok(solved)
}

/// Sets the callback watching `watch` on `model`, for one solve; the caller removes it
/// ([`end_watch`], or on the solved model) before `watch` goes out of its borrow.
fn start_watch(model: &mut highs::Model, watch: &Watch) -> Result<()> {
    let user = watch as *const Watch as *mut c_void;
    let ptr = model.as_mut_ptr();
    // SAFETY: module doc; `user` outlives the solve (the caller removes the callback
    // before its borrow of `watch` ends, and it is removed here if it cannot start).
    unsafe {
        ok(highs_sys::Highs_setCallback(ptr, Some(watch_solve), user), "set the solve's callback")?;
        let mut kinds = vec![
            highs_sys::kHighsCallbackMipInterrupt,
            highs_sys::kHighsCallbackSimplexInterrupt,
            highs_sys::kHighsCallbackIpmInterrupt,
        ];
        if watch.improving.is_some() {
            kinds.push(highs_sys::kHighsCallbackMipImprovingSolution);
        }
        let started = kinds
            .into_iter()
            .try_for_each(|kind| ok(highs_sys::Highs_startCallback(ptr, kind), "start the solve's callback"));
        if started.is_err() {
            end_watch(ptr)?;
        }
        started
    }
}

/// Removes the callback [`start_watch`] set, from the HiGHS instance `ptr` of a model
/// or a solved model the caller holds (`as_mut_ptr`, live and used by this thread alone).
fn end_watch(ptr: *mut c_void) -> Result<()> {
    // SAFETY: module doc (the pointer of a model the caller holds); no callback, no data.
    unsafe { ok(highs_sys::Highs_setCallback(ptr, None, std::ptr::null_mut()), "remove the callback") }
}
