//! One neighbourhood's sub-MIP as a model of its own.
//!
//! Holding a decision column at the incumbent's value `x̄_j` turns its entries into
//! constants: each row `l_i ≤ Σ_j a_ij x_j ≤ u_i` becomes
//!
//! ```text
//! l_i − Σ_{j held} a_ij x̄_j  ≤  Σ_{j free} a_ij x_j  ≤  u_i − Σ_{j held} a_ij x̄_j
//! ```
//!
//! and a row left with no free column holds already (the incumbent satisfies it). The
//! sub-model has the free columns only, so HiGHS's presolve works on a few thousand
//! columns instead of the whole county's (0.3 s a sub-MIP at 100 schools, 1.5 s at 200,
//! when the held columns were only fixed by their bounds in the stage's own model). Its
//! plans are the stage model's plans that agree with `x̄` on the held columns, exactly.

use super::Neighbourhood;
use crate::solve::{core, raw, raw::Lp};
use anyhow::{anyhow, Context, Result};
use highs::{ColProblem, Row};
use std::sync::atomic::AtomicBool;

/// Options of one sub-MIP.
pub(super) struct SubOptions<'a> {
    pub(super) seconds: f64,
    pub(super) nodes: u64,
    pub(super) threads: u32,
    pub(super) gap: f64,
    /// Stops the sub-MIP at HiGHS's next interrupt check once set.
    pub(super) cancelled: &'a AtomicBool,
    /// Also stops the sub-MIP once set: for the search's, a better plan handed over by the
    /// LP-guided sub-MIP; for the LP-guided sub-MIP's, its stall behind the search's plan.
    pub(super) overtaken: Option<&'a AtomicBool>,
    /// Given each improving plan of the stage (the incumbent with the sub-MIP's columns
    /// as HiGHS found them) as soon as HiGHS finds it, if set.
    pub(super) improving: Option<&'a (dyn Fn(Vec<f64>) + Sync)>,
}

/// The stage's plan that solves the neighbourhood's sub-MIP from `incumbent`, if HiGHS
/// finds one (it is at least as good: the incumbent is its start).
pub(super) fn solve(
    lp: &Lp,
    kept: &[bool],
    nb: &Neighbourhood,
    incumbent: &[f64],
    opts: &SubOptions<'_>,
) -> Result<Option<Vec<f64>>> {
    let (problem, cols) = sub_problem(lp, kept, nb, incumbent);
    let mut model = highs::Model::try_new(problem).map_err(|e| anyhow!("HiGHS refused a sub-MIP: {e:?}"))?;
    model.make_quiet();
    if std::env::var_os("ROTAPLAN_SOLVER_LOG").is_some() {
        model.set_option("output_flag", true);
        model.set_option("log_to_console", true);
    }
    model.set_option("threads", opts.threads.max(1) as i32);
    model.set_option("random_seed", 0);
    model.set_option("time_limit", opts.seconds.max(0.01));
    model.set_option("mip_max_nodes", opts.nodes.min(i32::MAX as u64) as i32);
    model.set_option("mip_rel_gap", opts.gap);
    let start: Vec<f64> = cols.iter().map(|&j| incumbent[j]).collect();
    model.set_solution(Some(&start), None, None, None);
    let plan_of = |values: &[f64]| {
        let mut plan = incumbent.to_vec();
        for (&j, &v) in cols.iter().zip(values) {
            plan[j] = v;
        }
        plan
    };
    let hand_over = |values: &[f64]| {
        if let Some(improving) = opts.improving {
            improving(plan_of(values));
        }
    };
    let watcher = opts.improving.map(|_| &hand_over as raw::Improving<'_>);
    let stops: Vec<&AtomicBool> = std::iter::once(opts.cancelled).chain(opts.overtaken).collect();
    let solved = raw::solve_watching(model, &stops, watcher).context("in a heuristic sub-MIP")?;
    if !core::found_plan(&solved) {
        return Ok(None);
    }
    Ok(Some(plan_of(solved.get_solution().columns())))
}

/// The sub-model (module doc) and, per its column, the stage model's column. `kept[j]`
/// says whether column `j` stays free; held sums become rows over their free columns.
fn sub_problem(lp: &Lp, kept: &[bool], nb: &Neighbourhood, incumbent: &[f64]) -> (ColProblem, Vec<usize>) {
    let m = lp.row_lower.len();
    let mut shift = vec![0.0; m];
    let mut used = vec![false; m];
    for (j, &keep) in kept.iter().enumerate() {
        for e in lp.start[j]..lp.start[j + 1] {
            if keep {
                used[lp.index[e]] = true;
            } else {
                shift[lp.index[e]] += lp.value[e] * incumbent[j].round();
            }
        }
    }
    let mut problem = ColProblem::default();
    let rows: Vec<Option<Row>> = (0..m)
        .map(|i| used[i].then(|| problem.add_row(lp.row_lower[i] - shift[i]..=lp.row_upper[i] - shift[i])))
        .collect();
    let mut held_rows = vec![Vec::new(); kept.len()];
    for sum in &nb.held_sums {
        let rhs: f64 = sum.iter().filter(|&&j| !kept[j]).map(|&j| incumbent[j].round()).sum();
        let total: f64 = sum.iter().map(|&j| incumbent[j].round()).sum();
        let row = problem.add_row(total - rhs..=total - rhs);
        for &j in sum.iter().filter(|&&j| kept[j]) {
            held_rows[j].push(row);
        }
    }
    let mut cols = Vec::new();
    for (j, _) in kept.iter().enumerate().filter(|(_, &k)| k) {
        let entries = (lp.start[j]..lp.start[j + 1]).filter_map(|e| rows[lp.index[e]].map(|r| (r, lp.value[e])));
        let factors: Vec<(Row, f64)> = entries.chain(held_rows[j].iter().map(|&r| (r, 1.0))).collect();
        let integer = lp.integrality[j] == crate::solve::raw::INTEGER;
        problem.add_column_with_integrality(lp.cost[j], lp.col_lower[j]..=lp.col_upper[j], factors, integer);
        cols.push(j);
    }
    (problem, cols)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::heuristics::cost;
    use crate::solve::relaxation::tests::assignment;
    use std::sync::Mutex;

    /// The assignment LP of 12 and the whole plan that gives worker i job i + 1, far from
    /// the least cost.
    fn shifted() -> (Lp, Vec<f64>) {
        let n = 12;
        let start = (0..n * n).map(|c| if (c / n + 1) % n == c % n { 1.0 } else { 0.0 }).collect();
        (assignment(n), start)
    }

    fn options<'a>(
        cancelled: &'a AtomicBool,
        overtaken: Option<&'a AtomicBool>,
        improving: Option<&'a (dyn Fn(Vec<f64>) + Sync)>,
    ) -> SubOptions<'a> {
        SubOptions { seconds: 30.0, nodes: u64::MAX, threads: 1, gap: 0.0, cancelled, overtaken, improving }
    }

    /// Whether `plan` satisfies every row of `lp`.
    fn holds_every_row(lp: &Lp, plan: &[f64]) -> bool {
        let mut activity = vec![0.0; lp.row_lower.len()];
        for (j, &x) in plan.iter().enumerate() {
            for e in lp.start[j]..lp.start[j + 1] {
                activity[lp.index[e]] += lp.value[e] * x;
            }
        }
        activity.iter().enumerate().all(|(i, &a)| a >= lp.row_lower[i] - 1e-6 && a <= lp.row_upper[i] + 1e-6)
    }

    fn everything_free(lp: &Lp) -> (Vec<bool>, Neighbourhood) {
        let n = lp.cost.len();
        (vec![true; n], Neighbourhood { free: (0..n).collect(), held_sums: Vec::new() })
    }

    /// Each plan HiGHS finds on the way is handed over as it is found, as a plan of the
    /// whole stage: no worse than the start, each better than the one before, the last
    /// one the sub-MIP's own.
    #[test]
    fn improving_plans_are_handed_over_as_they_are_found() {
        let (lp, start) = shifted();
        let n = 12;
        let handed = Mutex::new(Vec::new());
        let improving = |plan: Vec<f64>| {
            assert!(holds_every_row(&lp, &plan), "a handed-over plan breaks a row of the stage");
            handed.lock().unwrap().push(cost(&lp, &plan));
        };
        let cancelled = AtomicBool::new(false);
        // Workers 0-7 free to trade the jobs they hold, the others held: the sub-model's
        // columns are not the stage's.
        let free: Vec<usize> = (0..8 * n).collect();
        let kept: Vec<bool> = (0..n * n).map(|c| c < 8 * n).collect();
        let nb = Neighbourhood { free, held_sums: Vec::new() };
        let plan =
            solve(&lp, &kept, &nb, &start, &options(&cancelled, None, Some(&improving))).unwrap().expect("a plan");
        assert!(holds_every_row(&lp, &plan));
        assert!((8 * n..n * n).all(|c| plan[c] == start[c]), "a held column moved");
        let handed = handed.into_inner().unwrap();
        assert!(!handed.is_empty(), "no plan handed over");
        assert!(handed.iter().all(|&v| v <= cost(&lp, &start) + 1e-9), "{handed:?}");
        assert!(handed.windows(2).all(|w| w[1] < w[0]), "{handed:?}");
        assert!((handed[handed.len() - 1] - cost(&lp, &plan)).abs() < 1e-9, "{handed:?}");
        assert!(cost(&lp, &plan) < cost(&lp, &start));
    }

    /// A sub-MIP whose `overtaken` flag is set stops at once, with no plan better than its
    /// start.
    #[test]
    fn an_overtaken_sub_mip_stops() {
        let (lp, start) = shifted();
        let (cancelled, overtaken) = (AtomicBool::new(false), AtomicBool::new(true));
        let (kept, nb) = everything_free(&lp);
        let plan = solve(&lp, &kept, &nb, &start, &options(&cancelled, Some(&overtaken), None)).unwrap();
        assert!(plan.is_none_or(|p| cost(&lp, &p) >= cost(&lp, &start) - 1e-9));
    }
}
