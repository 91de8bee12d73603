//! Primal heuristics: a large neighbourhood search that improves a stage's start before
//! its branch and bound (docs/model.md, "Primal heuristics").
//!
//! On a large county HiGHS proves a near-optimal bound for the balance, moves and distance
//! stages long before it finds a plan that good (docs/performance.md). The search here
//! reads the stage's own HiGHS model (every row, the earlier terms' bounds included), so
//! every plan it keeps satisfies all of them. Given the incumbent `x̄` and a neighbourhood
//! `N` (decision columns `F` left free, sums `Σ_{j∈H} x_j` held), it solves the sub-MIP
//!
//! ```text
//! min c·x   subject to the stage's rows,   x_j = x̄_j (j ∉ F, j a decision),
//!                                          Σ_{j∈H} x_j = Σ_{j∈H} x̄_j (each held sum H)
//! ```
//!
//! as a model of its own (`submip.rs`) from `x̄`, which is feasible for it, and keeps its
//! plan `x` when `c·x < c·x̄`: the plan never gets worse on the stage's term. The families
//! of neighbourhoods (`neighbourhoods.rs`) take turns in blocks of [`BLOCK`], in a fixed
//! order, until every neighbourhood has been explored once since the last improvement,
//! [`MAX_CYCLES`] times the neighbourhoods have been explored, or the stage's time is
//! spent; branch and bound then starts from the result. Each sub-MIP is ended by its node
//! limit ([`NODES`], or the run's `--node-limit` when smaller) or its proof, so with a
//! node limit and time to spare the search is the same on every machine and for any
//! thread count; only the time limit can cut it short.

mod guided;
mod neighbourhoods;
mod submip;

pub(super) use guided::{guided, Incumbent};
pub(super) use neighbourhoods::{Layout, Neighbourhood};

use super::background::Background;
use super::raw;
use crate::domain::Term;
use anyhow::Result;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;
use submip::SubOptions;

/// Branch-and-bound nodes of one sub-MIP.
pub(super) const NODES: u64 = 200;

/// Neighbourhoods a family contributes before the next family's turn.
const BLOCK: usize = 8;

/// Sub-MIPs of one search at most, as a multiple of the neighbourhoods.
const MAX_CYCLES: usize = 10;

/// A plan improves on another when its value is lower by this share of it (at least 1).
const IMPROVES: f64 = 1e-6;

/// Whether the value `v` improves on `on` (by [`IMPROVES`]).
fn improves(v: f64, on: f64) -> bool {
    v < on - IMPROVES * on.abs().max(1.0)
}

/// `lp`'s objective at `x`.
fn cost(lp: &raw::Lp, x: &[f64]) -> f64 {
    lp.cost.iter().zip(x).map(|(c, v)| c * v).sum()
}

/// The neighbourhood families of a stage (module doc): for distance the transportation
/// neighbourhood, then subjects and regions for every searched stage.
pub(super) fn families(layout: &Layout, term: Term) -> Vec<Vec<Neighbourhood>> {
    let mut families = Vec::new();
    if term == Term::Distance {
        families.push(vec![layout.transportation()]);
    }
    families.push(layout.subjects());
    families.push(layout.regions());
    families.retain(|f| !f.is_empty());
    families
}

/// The order of exploration: blocks of [`BLOCK`] neighbourhoods from each family in turn,
/// each family resuming where its last block ended.
struct Schedule {
    cursors: Vec<usize>,
    family: usize,
    in_block: usize,
}

impl Schedule {
    fn next<'a>(&mut self, families: &'a [Vec<Neighbourhood>]) -> &'a Neighbourhood {
        let f = &families[self.family];
        let nb = &f[self.cursors[self.family] % f.len()];
        self.cursors[self.family] += 1;
        self.in_block += 1;
        if self.in_block >= BLOCK.min(f.len()) {
            self.in_block = 0;
            self.family = (self.family + 1) % families.len();
        }
        nb
    }
}

/// Limits of one search.
pub(super) struct Limits {
    pub(super) deadline: Instant,
    /// Nodes per sub-MIP.
    pub(super) nodes: u64,
    pub(super) threads: u32,
    /// Relative gap at which a sub-MIP stops (the stage's).
    pub(super) gap: f64,
    /// Set when nobody waits for the search any more: it stops, within its sub-MIP at
    /// HiGHS's next interrupt check.
    pub(super) cancelled: Arc<AtomicBool>,
    /// The plans traded with the LP-guided sub-MIP beside the search (`guided.rs`), when
    /// they are shared.
    pub(super) incumbent: Option<Arc<Incumbent>>,
}

impl Limits {
    /// The options of one sub-MIP given `seconds`.
    fn sub_options(&self, seconds: f64) -> SubOptions<'_> {
        let cancelled = &self.cancelled;
        SubOptions {
            seconds,
            nodes: self.nodes,
            threads: self.threads,
            gap: self.gap,
            cancelled,
            overtaken: None,
            improving: None,
        }
    }
}

/// A search's plan and what it did.
pub(super) struct Searched {
    pub(super) plan: Vec<f64>,
    pub(super) explored: usize,
    pub(super) improved: usize,
    /// Earlier plans of the search, oldest first: the plan after its 1st, 2nd, 4th, 8th, …
    /// improvement (the last one excepted), for a caller that does not accept the last
    /// (its teachers cannot be named within the pay relaxation).
    pub(super) earlier: Vec<Vec<f64>>,
}

/// The plan of the model `lp` that agrees with `incumbent` on every decision column but
/// `free` and is least in `lp`'s costs over the other columns, if there is one: the start
/// plan of `plan --start` completed with its slacks, totals and deviations, and the plan
/// written with them at their least (`StageLoop::tighten`).
pub(super) fn complete(
    lp: &raw::Lp,
    layout: &Layout,
    free: &[usize],
    incumbent: &[f64],
    limits: &Limits,
) -> Result<Option<Vec<f64>>> {
    let mut kept = vec![true; lp.cost.len()];
    for &j in &layout.decisions {
        kept[j] = false;
    }
    for &j in free {
        kept[j] = true;
    }
    let nb = Neighbourhood { free: free.to_vec(), held_sums: Vec::new() };
    let seconds = limits.deadline.saturating_duration_since(Instant::now()).as_secs_f64();
    let began = Instant::now();
    let plan = submip::solve(lp, &kept, &nb, incumbent, &limits.sub_options(seconds))?;
    if std::env::var_os("ROTAPLAN_HEURISTIC_LOG").is_some() {
        let value = plan.as_ref().map(|p| format!("{:.6}", cost(lp, p)));
        eprintln!(
            "heuristic: plan completed ({} free, {:.2} s): {}",
            free.len(),
            began.elapsed().as_secs_f64(),
            value.as_deref().unwrap_or("no plan")
        );
    }
    Ok(plan)
}

/// Improves `start`, a plan of the stage model `lp` (module doc).
pub(super) fn search(
    lp: &raw::Lp,
    start: Vec<f64>,
    families: &[Vec<Neighbourhood>],
    layout: &Layout,
    limits: &Limits,
) -> Result<Searched> {
    let mut best = Searched { plan: start, explored: 0, improved: 0, earlier: Vec::new() };
    let mut best_value = cost(lp, &best.plan);
    let total: usize = families.iter().map(Vec::len).sum();
    let mut schedule = Schedule { cursors: vec![0; families.len()], family: 0, in_block: 0 };
    let mut kept = vec![true; lp.cost.len()];
    let mut since_improved = 0;
    let shared = limits.incumbent.as_deref().filter(|i| i.shared());
    let mut guide_seen = 0;
    while since_improved < total && best.explored < MAX_CYCLES * total {
        let seconds = limits.deadline.saturating_duration_since(Instant::now()).as_secs_f64();
        if seconds <= 0.0 || limits.cancelled.load(Ordering::Relaxed) {
            break;
        }
        if let Some((v, plan)) = shared.and_then(|i| i.search_turn(best_value)) {
            log_taken(best_value, v);
            best.keep(plan);
            (best_value, since_improved) = (v, 0);
        }
        let guided = shared.and_then(|i| i.guide_below(best_value, guide_seen));
        let pointed;
        let nb = match guided {
            Some((round, ref used)) => {
                guide_seen = round;
                let mut inside = vec![false; lp.cost.len()];
                used.iter().for_each(|&j| inside[j] = true);
                let free = guided::used_by(layout, &best.plan, |j| inside[j]);
                pointed = Neighbourhood { free, held_sums: Vec::new() };
                &pointed
            }
            None => schedule.next(families),
        };
        let began = Instant::now();
        for &j in &layout.decisions {
            kept[j] = false;
        }
        for &j in &nb.free {
            kept[j] = true;
        }
        let overtaken = shared.map(|i| &i.overtaken);
        let plan = submip::solve(lp, &kept, nb, &best.plan, &SubOptions { overtaken, ..limits.sub_options(seconds) })?;
        best.explored += 1;
        since_improved += 1;
        let Some(plan) = plan else { continue };
        let v = cost(lp, &plan);
        log(best.explored, nb, best_value, v, began.elapsed().as_secs_f64());
        if improves(v, best_value) {
            if let Some(incumbent) = shared {
                incumbent.offer_from_search(v, &plan);
            }
            best.keep(plan);
            (best_value, since_improved) = (v, 0);
        }
    }
    if let Some(incumbent) = shared {
        incumbent.close();
    }
    Ok(best)
}

impl Searched {
    /// `plan` becomes the search's plan, the one before it kept among the earlier ones
    /// after the 1st, 2nd, 4th, … improvement.
    fn keep(&mut self, plan: Vec<f64>) {
        if self.improved > 0 && self.improved.is_power_of_two() {
            self.earlier.push(std::mem::replace(&mut self.plan, plan));
        } else {
            self.plan = plan;
        }
        self.improved += 1;
    }
}

/// A search running on a thread of its own beside a stage's core solve.
pub(super) type Beside = Background<Result<Searched>>;

/// Starts [`search`] from `start` on a thread of its own, stopped once its handle is
/// dropped; `None` when no thread can be started (the stage then runs its core solve alone).
pub(super) fn spawn(
    lp: Arc<raw::Lp>,
    start: Vec<f64>,
    families: Vec<Vec<Neighbourhood>>,
    layout: Arc<Layout>,
    limits: Limits,
) -> Option<Beside> {
    Background::spawn("rotaplan-search", move |cancelled| {
        search(&lp, start, &families, &layout, &Limits { cancelled, ..limits })
    })
}

fn log_taken(from: f64, to: f64) {
    if std::env::var_os("ROTAPLAN_HEURISTIC_LOG").is_some() {
        eprintln!("heuristic: the LP-guided sub-MIP's plan taken: {from:.6} -> {to:.6}");
    }
}

fn log(explored: usize, nb: &Neighbourhood, from: f64, to: f64, seconds: f64) {
    if std::env::var_os("ROTAPLAN_HEURISTIC_LOG").is_some() {
        eprintln!(
            "heuristic: neighbourhood {explored} ({} free, {} held sums, {seconds:.2} s): {from:.6} -> {to:.6}",
            nb.free.len(),
            nb.held_sums.len()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::raw::{Lp, INTEGER};
    use std::time::Duration;

    /// A minute, the heuristics' own nodes per sub-MIP, one thread, no gap.
    fn a_minute() -> Limits {
        Limits {
            deadline: Instant::now() + Duration::from_secs(60),
            nodes: NODES,
            threads: 1,
            gap: 0.0,
            cancelled: Default::default(),
            incumbent: None,
        }
    }

    /// `min Σ x_j` over nine binaries with no other row than `Σ x_j ≥ 0`, from all ones, one
    /// neighbourhood per column: each sub-MIP takes one column to zero.
    #[test]
    fn the_search_keeps_its_plans_after_the_first_second_fourth_and_eighth_improvement() {
        let n = 9;
        let lp = Lp {
            cost: vec![1.0; n],
            col_lower: vec![0.0; n],
            col_upper: vec![1.0; n],
            integrality: vec![INTEGER; n],
            start: (0..=n).collect(),
            index: vec![0; n],
            value: vec![1.0; n],
            row_lower: vec![0.0],
            row_upper: vec![f64::INFINITY],
        };
        let layout = Layout::of_decisions((0..n).collect());
        let singles = (0..n).map(|j| Neighbourhood { free: vec![j], held_sums: Vec::new() }).collect();
        let limits = a_minute();
        let searched = search(&lp, vec![1.0; n], &[singles], &layout, &limits).expect("solved");
        let ones = |x: &Vec<f64>| x.iter().sum::<f64>().round() as usize;
        assert_eq!(searched.improved, 9);
        assert_eq!(ones(&searched.plan), 0);
        assert_eq!(searched.earlier.iter().map(ones).collect::<Vec<_>>(), [8, 7, 5, 1]);
    }

    /// The plan's last completion (`StageLoop::tighten`): two binary decisions, both 1, and
    /// an elastic slack `e ≥ x_0 + x_1 − 1` left at 1.7 where they need 1. With no decision
    /// free, the completion keeps the decisions though their costs would rather have them
    /// at 0, and sets the slack at its least.
    #[test]
    fn a_completion_holds_the_decisions_and_sets_a_loose_slack_at_its_least() {
        let lp = Lp {
            cost: vec![1.0, 1.0, 1.0],
            col_lower: vec![0.0; 3],
            col_upper: vec![1.0, 1.0, f64::INFINITY],
            integrality: vec![INTEGER, INTEGER, raw::CONTINUOUS],
            start: vec![0, 1, 2, 3],
            index: vec![0, 0, 0],
            value: vec![1.0, 1.0, -1.0],
            row_lower: vec![f64::NEG_INFINITY],
            row_upper: vec![1.0],
        };
        let layout = Layout::of_decisions(vec![0, 1]);
        let limits = a_minute();
        let plan = complete(&lp, &layout, &[], &[1.0, 1.0, 1.7], &limits).unwrap().expect("a completion");
        assert_eq!(plan[..2], [1.0, 1.0]);
        assert!((plan[2] - 1.0).abs() < 1e-9, "{plan:?}");
    }
}
