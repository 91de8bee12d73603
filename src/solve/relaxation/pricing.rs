//! A large stage's LP relaxation by pricing (column generation), from the stage's start.
//!
//! Most of a large county's pair columns are zero in the LP's optimum (200 schools,
//! balance: 3,153 of 92,321 columns positive), and the whole LP is slow where a part of it
//! is fast: the balance stage's takes 18-37 s by interior point, its optimum's columns
//! alone under a second by simplex. So the LP is solved over a **restricted** set `R` of
//! columns, the others held at their lower bound 0:
//!
//! ```text
//! z_R = min { c·x : l ≤ A x ≤ u, x_lower ≤ x ≤ x_upper, x_j = 0 (j ∉ R) }
//! ```
//!
//! `R` begins as every column that is not a pair or placement at zero in the start (the
//! continuous columns, the columns with no finite upper bound or a lower bound other than
//! 0, and the start's support), so the start is a plan of it and `z_R` exists. With `y`
//! the row duals of its optimum, every column has the reduced cost `d_j = c_j − Σ_i a_ij
//! y_i`, and by Lagrangian duality every plan of the whole LP has
//!
//! ```text
//! c·x  ≥  z_R + Σ_{j ∉ R} min(0, d_j) · x_upper_j
//! ```
//!
//! (the rows priced at `y` give at least `z_R` over `R`'s columns, and a column outside `R`
//! adds `d_j x_j ≥ min(0, d_j) x_upper_j`). That bound holds after every round, so the
//! relaxation proves a bound even when it runs out of time. Each round then adds the
//! [`ROUND_SHARE`] of the columns with the most negative reduced costs to `R`, and HiGHS
//! re-solves from its basis (simplex, warm); once no column outside `R` has a negative
//! reduced cost, `z_R` is the whole LP's optimum.

use super::SAFETY;
use crate::solve::raw::{self, Lp, LpDuals, LpOptimum, CONTINUOUS};
use highs_sys::HighsInt;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

/// Columns added in a round: this share of all columns (at least [`ROUND_LEAST`]).
const ROUND_SHARE: f64 = 1.0 / 16.0;
const ROUND_LEAST: usize = 1_000;

/// A reduced cost counts as negative below this (the costs' own scale starts at 10⁻⁴).
const NEGATIVE: f64 = -1e-9;

/// The whole LP's optimum, reached by pricing from `start` by `deadline`: every column's
/// value (0 outside `R`) and reduced cost, and the objective value; `None` when the rounds
/// did not end (no column left with a negative reduced cost) in time.
pub(in crate::solve) fn optimum(lp: &Lp, start: &[f64], deadline: Instant, stop: &AtomicBool) -> Option<LpOptimum> {
    whole_optimum(lp, rounds(lp, start, deadline, stop, None))
}

/// The best bound the rounds proved by `deadline` (or until `stop` is set), lowered by
/// [`SAFETY`] (`None` when not one round ended: the restricted LP not solved in time, or
/// the start not a plan of it), and the whole LP's optimum as [`optimum`] gives it.
pub(super) fn bound_and_optimum(
    lp: &Lp,
    start: &[f64],
    deadline: Instant,
    stop: &AtomicBool,
    each_round: Option<super::EachRound>,
) -> (Option<f64>, Option<LpOptimum>) {
    let rounds = rounds(lp, start, deadline, stop, each_round);
    let best = rounds.bounds.iter().copied().reduce(f64::max);
    (best.map(|z| z - SAFETY * z.abs().max(1.0)), whole_optimum(lp, rounds))
}

/// The last round's optimum over every column of `lp`, if it is the whole LP's.
fn whole_optimum(lp: &Lp, rounds: Rounds) -> Option<LpOptimum> {
    let Rounds { last: Some(optimum), order, converged: true, .. } = rounds else {
        return None;
    };
    let mut values = vec![0.0; lp.cost.len()];
    for (&j, &v) in order.iter().zip(&optimum.values) {
        values[j] = v;
    }
    let reduced = (0..lp.cost.len()).map(|j| reduced_cost(lp, j, &optimum.duals)).collect();
    Some(LpOptimum { values, reduced, objective: optimum.objective })
}

/// What the rounds proved: each round's bound, the last round's optimum, the column of `lp`
/// behind each column of the restricted LP, and whether the last optimum is the whole LP's.
struct Rounds {
    bounds: Vec<f64>,
    last: Option<LpDuals>,
    order: Vec<usize>,
    converged: bool,
}

/// The rounds (module doc) until the whole LP's optimum, `deadline` or `stop`; each round
/// that does not reach the optimum is told to `each_round`.
fn rounds(
    lp: &Lp,
    start: &[f64],
    deadline: Instant,
    stop: &AtomicBool,
    mut each_round: Option<super::EachRound>,
) -> Rounds {
    let (n, began) = (lp.cost.len(), Instant::now());
    let mut inside: Vec<bool> = (0..n).map(|j| always_inside(lp, j) || start[j] > lp.col_lower[j] + 1e-9).collect();
    let order: Vec<usize> = (0..n).filter(|&j| inside[j]).collect();
    let mut out = Rounds { bounds: Vec::new(), last: None, order, converged: false };
    // Simplex, whose rounds go on from the last basis.
    let Some(mut model) = super::continuous(lp, out.order.iter().copied(), "simplex") else { return out };
    let per_round = ((n as f64 * ROUND_SHARE) as usize).max(ROUND_LEAST);
    loop {
        let seconds = deadline.saturating_duration_since(Instant::now()).as_secs_f64();
        if seconds <= 0.0 {
            break;
        }
        model.set_option("time_limit", seconds);
        let Ok(Some(optimum)) = raw::solve_lp_duals(&mut model, stop) else { break };
        let priced = price(lp, &inside, &optimum.duals);
        out.bounds.push(optimum.objective + priced.iter().map(|&(j, d)| d * lp.col_upper[j]).sum::<f64>());
        log(optimum.objective, out.bounds[out.bounds.len() - 1], priced.len(), began);
        out.converged = priced.is_empty();
        if let Some(told) = each_round.as_mut().filter(|_| !out.converged) {
            told(optimum.objective, &out.order, &optimum.values);
        }
        out.last = Some(optimum);
        if out.converged {
            break;
        }
        let entering = most_negative(priced, per_round);
        if add(&mut model, lp, &entering).is_err() {
            break;
        }
        entering.iter().for_each(|&j| inside[j] = true);
        out.order.extend(entering);
    }
    out
}

/// Whether column `j` is in `R` whatever the start: a column pricing cannot leave out at
/// zero (module doc).
fn always_inside(lp: &Lp, j: usize) -> bool {
    lp.integrality[j] == CONTINUOUS || lp.col_lower[j] != 0.0 || !lp.col_upper[j].is_finite()
}

/// The columns outside `R` with a negative reduced cost at the duals `y`, with that cost.
fn price(lp: &Lp, inside: &[bool], y: &[f64]) -> Vec<(usize, f64)> {
    (0..lp.cost.len())
        .filter(|&j| !inside[j])
        .map(|j| (j, reduced_cost(lp, j, y)))
        .filter(|&(_, d)| d < NEGATIVE)
        .collect()
}

/// Column `j`'s reduced cost at the row duals `y`: `c_j − Σ_i a_ij y_i`.
fn reduced_cost(lp: &Lp, j: usize, y: &[f64]) -> f64 {
    lp.cost[j] - (lp.start[j]..lp.start[j + 1]).map(|e| lp.value[e] * y[lp.index[e]]).sum::<f64>()
}

/// The `count` columns of `priced` with the most negative reduced costs, in column order
/// (ties by column, so that the rounds are the same on every run).
fn most_negative(mut priced: Vec<(usize, f64)>, count: usize) -> Vec<usize> {
    priced.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let mut cols: Vec<usize> = priced.into_iter().take(count).map(|(j, _)| j).collect();
    cols.sort_unstable();
    cols
}

/// Appends the columns `cols` of `lp` to the restricted model.
fn add(model: &mut highs::Model, lp: &Lp, cols: &[usize]) -> anyhow::Result<()> {
    let (mut starts, mut index, mut value) = (Vec::with_capacity(cols.len()), Vec::new(), Vec::new());
    for &j in cols {
        starts.push(index.len() as HighsInt);
        for e in lp.start[j]..lp.start[j + 1] {
            index.push(lp.index[e] as HighsInt);
            value.push(lp.value[e]);
        }
    }
    let pick = |v: &[f64]| cols.iter().map(|&j| v[j]).collect::<Vec<f64>>();
    let (cost, lower, upper) = (pick(&lp.cost), pick(&lp.col_lower), pick(&lp.col_upper));
    let block =
        raw::ColBlock { cost: &cost, lower: &lower, upper: &upper, starts: &starts, index: &index, value: &value };
    raw::add_cols(model, &block)
}

fn log(z: f64, bound: f64, negative: usize, began: Instant) {
    if std::env::var_os("ROTAPLAN_HEURISTIC_LOG").is_some() {
        let seconds = began.elapsed().as_secs_f64();
        eprintln!("relaxation: pricing round at {seconds:.2} s: restricted {z:.6}, bound {bound:.6}, {negative} priced below 0");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::relaxation::tests::assignment;
    use std::time::Duration;

    /// The assignment LP (40 workers and jobs) from the plan that gives worker `i` job `i`:
    /// every round's bound lies below the whole LP's optimum, the first strictly (its
    /// restricted LP is that one plan, far above the optimum), and the last is the optimum.
    #[test]
    fn pricing_bounds_every_round_and_ends_at_the_lps_optimum() {
        let n = 40;
        let lp = assignment(n);
        let whole = super::super::solve(&lp, "simplex", 30.0, &AtomicBool::new(false)).expect("solved");
        let whole = whole + SAFETY * whole.abs().max(1.0);
        let start: Vec<f64> = (0..n * n).map(|c| if c / n == c % n { 1.0 } else { 0.0 }).collect();
        let identity: f64 = (0..n).map(|i| lp.cost[i * n + i]).sum();
        let deadline = Instant::now() + Duration::from_secs(30);
        let bounds = rounds(&lp, &start, deadline, &AtomicBool::new(false), None).bounds;
        assert!(bounds.len() >= 2, "{bounds:?}");
        assert!(identity > whole + 1.0, "the start is far from the optimum: {identity} against {whole}");
        for b in &bounds {
            assert!(*b <= whole + 1e-6, "a round's bound {b} above the LP's optimum {whole}: {bounds:?}");
        }
        assert!(bounds[0] < whole - 1e-6, "{bounds:?}");
        assert!((bounds[bounds.len() - 1] - whole).abs() < 1e-6, "{bounds:?} against {whole}");
        let proved = bound_and_optimum(&lp, &start, deadline, &AtomicBool::new(false), None).0.expect("proved");
        assert!(proved <= whole && proved > whole - 1e-5, "{proved} against {whole}");
    }

    /// A start that is not a plan of the LP (no job for anyone) proves nothing: its
    /// restricted LP, the columns with no finite upper bound and none other, is infeasible.
    #[test]
    fn a_start_outside_the_lp_proves_nothing() {
        let lp = assignment(10);
        let deadline = Instant::now() + Duration::from_secs(30);
        let (bound, optimum) = bound_and_optimum(&lp, &vec![0.0; 100], deadline, &AtomicBool::new(false), None);
        assert_eq!((bound, optimum.is_none()), (None, true));
    }
}
