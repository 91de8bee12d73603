//! The LP-guided sub-MIP (relaxation induced neighbourhood search, Danna, Rothberg and
//! Le Pape 2005), on the second thread of a searched stage once its LP's optimum is known
//! (`relaxation.rs`).
//!
//! Most decision columns are zero in the LP's optimum `x*` and in the incumbent `x̄` alike
//! (200 schools, balance: 964 of 82,136 are positive in either). Holding those at zero
//! leaves the sub-MIP of the search's form (`submip.rs`) with `F = {j : x*_j > 0 or x̄_j >
//! 0}` free:
//!
//! ```text
//! min c·x   subject to the stage's rows,   x_j = 0 (j a decision, x*_j = x̄_j = 0)
//! ```
//!
//! The incumbent is a plan of it, so its plan is never worse; the LP's optimum points at
//! where a better one lies, which the search's neighbourhoods (subjects, regions) do not
//! see. At 200 schools (seed 1, 60 s) it took the balance stage from the search's 0.739 to
//! 0.612 in 11-12 s, where the search alone ends the stage at 0.6997
//! (docs/performance.md).
//!
//! The sub-MIP starts from the search's latest plan ([`Incumbent`]), hands each better plan
//! to the search as HiGHS finds it (its first plan at 200 schools comes after 8-9 s of its
//! root, then little more in the rest of the stage, so a plan handed over only at the end
//! left the search no time to improve on it), and is solved again from the search's plan
//! whenever that has changed since, until the stage's deadline (or sooner, once it has
//! stalled and the search is ahead: [`Incumbent::check_stale`]). A plan handed over stops
//! the search's sub-MIP of the moment ([`Incumbent::overtaken`]), which was working from a
//! worse plan; and from the sub-MIP's start no pricing round points the search at the
//! LP's columns: the sub-MIP here has them. With a work budget (`--node-limit`) nothing is shared: the
//! sub-MIP is solved once, from the stage's start, so that the plan does not depend on
//! when each thread got where; the stage keeps the better of its plan and the search's.

use super::{cost, improves, submip, Layout, Limits, Neighbourhood};
use crate::solve::raw::{Lp, LpOptimum};
use anyhow::Result;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// A column counts as used above this value (the LP's optimum is exact to HiGHS's
/// tolerances; a decision is whole).
const USED: f64 = 1e-6;

/// The least time without a better plan after which the LP-guided sub-MIP counts as
/// stalled (it counts the time its solves take to their first better plan when that is
/// longer).
const STALL_AT_LEAST: Duration = Duration::from_secs(2);

/// How often a sub-MIP waiting for a new plan of the search looks at its stop flag.
const WAIT_SLICE: Duration = Duration::from_millis(50);

/// The best plan of a stage's search and sub-MIP, shared between their threads.
pub(in crate::solve) struct Incumbent {
    state: Mutex<State>,
    changed: Condvar,
    /// Whether the search offers its plans and takes the sub-MIP's (not with a work budget).
    shared: bool,
    /// Set when the LP-guided sub-MIP hands over a plan ([`Incumbent::offer_from_guided`]);
    /// cleared when the search takes its turn ([`Incumbent::search_turn`]). It stops the
    /// search's sub-MIP of the moment, whose start is then no longer the best plan.
    pub(super) overtaken: AtomicBool,
    /// Set when the search has a better plan than the LP-guided sub-MIP's best while that
    /// has stalled ([`Incumbent::check_stale`]): the sub-MIP stops and is solved again
    /// from the search's plan.
    stale: AtomicBool,
}

struct State {
    value: f64,
    plan: Vec<f64>,
    /// Raised by every plan offered and kept.
    version: u64,
    /// The kept plan is the LP-guided sub-MIP's own: not a new start for it.
    kept_by_guided: bool,
    /// The search has ended: no new plan will come from it.
    closed: bool,
    /// The latest pricing round's restricted optimum, if better than the plan kept then.
    guide: Option<Guide>,
    /// The LP-guided sub-MIP has begun: no round guides the search any more.
    rounds_ended: bool,
    /// The LP-guided sub-MIP's solve of the moment, if one runs.
    solve: Option<GuidedSolve>,
    /// How long the last solve that found a better plan took to its first.
    last_first: Option<Duration>,
}

/// Where the LP-guided sub-MIP's solve of the moment stands, to tell when it has stalled.
struct GuidedSolve {
    began: Instant,
    /// Its best plan's value, and when it found it.
    best: f64,
    since: Instant,
    /// How long it took to its first better plan (its root, or a heuristic before the
    /// root's end), once it has one.
    first: Option<Duration>,
}

/// A pricing round's restricted optimum, for the search: its value and the decision
/// columns it uses.
struct Guide {
    round: u64,
    value: f64,
    used: Vec<usize>,
}

impl Incumbent {
    /// The stage's start, a plan of `lp`; `shared` when the search and the sub-MIP trade
    /// plans (module doc).
    pub(in crate::solve) fn new(lp: &Lp, start: Vec<f64>, shared: bool) -> Incumbent {
        let value = cost(lp, &start);
        let state = State {
            value,
            plan: start,
            version: 0,
            kept_by_guided: false,
            closed: false,
            guide: None,
            rounds_ended: false,
            solve: None,
            last_first: None,
        };
        let (overtaken, stale) = (AtomicBool::new(false), AtomicBool::new(false));
        Incumbent { state: Mutex::new(state), changed: Condvar::new(), shared, overtaken, stale }
    }

    /// Whether the search trades plans through it.
    pub(in crate::solve) fn shared(&self) -> bool {
        self.shared
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Keeps `plan` when its value is below the kept one's (by the search's own margin):
    /// the version it is kept as.
    fn keep(&self, state: &mut State, value: f64, plan: &[f64], by_guided: bool) -> Option<u64> {
        if !improves(value, state.value) {
            return None;
        }
        state.value = value;
        state.plan = plan.to_vec();
        state.version += 1;
        state.kept_by_guided = by_guided;
        self.changed.notify_all();
        Some(state.version)
    }

    /// A plan of the LP-guided sub-MIP: counted as its solve's progress (to tell when it
    /// has stalled) and, when kept, it stops the search's sub-MIP of the moment (set under
    /// the lock, so that the search's next turn, which clears it, also takes this plan).
    fn offer_from_guided(&self, value: f64, plan: &[f64]) -> Option<u64> {
        let mut state = self.state();
        if let Some(s) = state.solve.as_mut().filter(|s| improves(value, s.best)) {
            let now = Instant::now();
            s.first.get_or_insert(now - s.began);
            (s.best, s.since) = (value, now);
        }
        let version = self.keep(&mut state, value, plan, true)?;
        self.overtaken.store(true, Ordering::Relaxed);
        Some(version)
    }

    /// A plan of the search: kept if better ([`Incumbent::keep`]), then
    /// [`Incumbent::check_stale`].
    pub(super) fn offer_from_search(&self, value: f64, plan: &[f64]) -> Option<u64> {
        let mut state = self.state();
        let version = self.keep(&mut state, value, plan, false)?;
        self.check_stale(&state, value);
        Some(version)
    }

    /// The search's turn before each of its sub-MIPs, its plan of value `value`: the
    /// guided sub-MIP's plan if better, to start from; and [`Incumbent::check_stale`].
    pub(super) fn search_turn(&self, value: f64) -> Option<(f64, Vec<f64>)> {
        let state = self.state();
        self.overtaken.store(false, Ordering::Relaxed);
        let better = improves(state.value, value).then(|| (state.value, state.plan.clone()));
        self.check_stale(&state, better.as_ref().map_or(value, |b| b.0));
        better
    }

    /// Stops the LP-guided sub-MIP's solve of the moment when the search's plan of value
    /// `value` beats its best and it has found nothing better for as long as its solves
    /// take to their first better plan (at least [`STALL_AT_LEAST`]; a solve that never
    /// found one is not judged): it is then solved again from the search's plan. At 200
    /// schools one solve ran 152 s of a 300 s run from a start the search had left behind
    /// long before, for 0.6164 against the search's 0.6054.
    fn check_stale(&self, state: &State, value: f64) {
        let Some(s) = state.solve.as_ref() else { return };
        let Some(first) = s.first.or(state.last_first) else { return };
        if s.since.elapsed() >= first.max(STALL_AT_LEAST) && improves(value, s.best) {
            self.stale.store(true, Ordering::Relaxed);
        }
    }

    /// The LP-guided sub-MIP begins a solve from a plan of value `from`.
    fn begin_solve(&self, from: f64) {
        let now = Instant::now();
        self.state().solve = Some(GuidedSolve { began: now, best: from, since: now, first: None });
        self.stale.store(false, Ordering::Relaxed);
    }

    /// The LP-guided sub-MIP's solve has ended.
    fn end_solve(&self) {
        let mut state = self.state();
        if let Some(first) = state.solve.take().and_then(|s| s.first) {
            state.last_first = Some(first);
        }
    }

    /// Keeps a pricing round's restricted optimum of value `value` for the search, when
    /// shared: `order[k]` is the column of `values[k]`.
    pub(in crate::solve) fn guide(&self, value: f64, order: &[usize], values: &[f64]) {
        if !self.shared {
            return;
        }
        let used = order.iter().zip(values).filter(|&(_, &v)| v > USED).map(|(&j, _)| j).collect();
        let mut state = self.state();
        let round = state.guide.as_ref().map_or(1, |g| g.round + 1);
        state.guide = Some(Guide { round, value, used });
    }

    /// The columns of the latest round's restricted optimum, and its round, when that
    /// round is after `seen` and its value below `value` (by the search's own margin):
    /// it points at better plans than the search's. None once the LP-guided sub-MIP has
    /// begun.
    pub(super) fn guide_below(&self, value: f64, seen: u64) -> Option<(u64, Vec<usize>)> {
        let state = self.state();
        let guide =
            state.guide.as_ref().filter(|g| !state.rounds_ended && g.round > seen && improves(g.value, value))?;
        Some((guide.round, guide.used.clone()))
    }

    /// The LP's optimum is known and the LP-guided sub-MIP works on it: no earlier round
    /// points the search at the same columns any more (at 200 schools both threads spent
    /// the rest of the balance stage on nearly the same sub-MIP, 989 and 991 columns free).
    fn end_rounds(&self) {
        self.state().rounds_ended = true;
    }

    /// The search has ended: a sub-MIP waiting for its next plan stops waiting.
    pub(super) fn close(&self) {
        self.state().closed = true;
        self.changed.notify_all();
    }
}

/// The sub-MIP (module doc) from the incumbent's plan, again whenever that changed, until
/// `limits` end it: the best plan it found, if better than the stage's start.
pub(in crate::solve) fn guided(
    lp: &Lp,
    layout: &Layout,
    optimum: &LpOptimum,
    incumbent: &Incumbent,
    limits: &Limits,
) -> Result<Option<Vec<f64>>> {
    let mut found = None;
    let mut kept = vec![true; lp.cost.len()];
    let mut seen = None;
    incumbent.end_rounds();
    while let Some((from, version)) = next_start(incumbent, seen, limits) {
        seen = Some(version);
        let free = used_by(layout, &from, |j| optimum.values[j] > USED);
        for &j in &layout.decisions {
            kept[j] = false;
        }
        free.iter().for_each(|&j| kept[j] = true);
        let nb = Neighbourhood { free, held_sums: Vec::new() };
        if let Some(plan) = solve_once(lp, &kept, &nb, &from, incumbent, limits)? {
            found = Some(plan);
        }
        if !incumbent.shared {
            break;
        }
    }
    Ok(found)
}

/// One solve of the sub-MIP of `nb` from `from`: its plan, offered to the incumbent, if
/// better than `from`. Each improving plan goes to the search as HiGHS finds it (when
/// shared): the sub-MIP runs for the rest of the stage, where its last plan would come
/// too late for the search to improve on.
fn solve_once(
    lp: &Lp,
    kept: &[bool],
    nb: &Neighbourhood,
    from: &[f64],
    incumbent: &Incumbent,
    limits: &Limits,
) -> Result<Option<Vec<f64>>> {
    let (began, seconds, from_value) = (Instant::now(), seconds_left(limits), cost(lp, from));
    incumbent.begin_solve(from_value);
    let hand_over = |plan: Vec<f64>| {
        let value = cost(lp, &plan);
        if incumbent.offer_from_guided(value, &plan).is_some() {
            log_handed(value, began.elapsed().as_secs_f64());
        }
    };
    let improving = incumbent.shared.then_some(&hand_over as &(dyn Fn(Vec<f64>) + Sync));
    let overtaken = incumbent.shared.then_some(&incumbent.stale);
    let opts = submip::SubOptions { improving, overtaken, ..limits.sub_options(seconds) };
    let solved = submip::solve(lp, kept, nb, from, &opts);
    incumbent.end_solve();
    let Some(plan) = solved? else { return Ok(None) };
    let value = cost(lp, &plan);
    log(nb.free.len(), from_value, value, began.elapsed().as_secs_f64());
    incumbent.offer_from_guided(value, &plan);
    Ok(improves(value, from_value).then_some(plan))
}

/// The decisions `plan` uses or `guide` says are used: a neighbourhood pointed at by an
/// LP's optimum (module doc).
pub(super) fn used_by(layout: &Layout, plan: &[f64], guide: impl Fn(usize) -> bool) -> Vec<usize> {
    layout.decisions.iter().copied().filter(|&j| guide(j) || plan[j] > USED).collect()
}

/// The incumbent's plan and version once it differs from the version `seen` (at once the
/// first time) and is not the sub-MIP's own, waiting for the search; `None` when the search has ended with nothing new
/// since, the deadline passed or the stage stopped the work.
fn next_start(incumbent: &Incumbent, seen: Option<u64>, limits: &Limits) -> Option<(Vec<f64>, u64)> {
    let mut state = incumbent.state();
    loop {
        if seconds_left(limits) <= 0.0 || limits.cancelled.load(Ordering::Relaxed) {
            return None;
        }
        // The search's next plan, not the sub-MIP's own, is the next start.
        if seen != Some(state.version) && !state.kept_by_guided {
            return Some((state.plan.clone(), state.version));
        }
        if state.closed {
            return None;
        }
        state = match incumbent.changed.wait_timeout(state, WAIT_SLICE) {
            Ok((state, _)) => state,
            Err(poisoned) => poisoned.into_inner().0,
        };
    }
}

fn seconds_left(limits: &Limits) -> f64 {
    limits.deadline.saturating_duration_since(Instant::now()).as_secs_f64()
}

fn log_handed(value: f64, seconds: f64) {
    if std::env::var_os("ROTAPLAN_HEURISTIC_LOG").is_some() {
        eprintln!("heuristic: LP-guided sub-MIP hands over {value:.6} at {seconds:.2} s");
    }
}

fn log(free: usize, from: f64, to: f64, seconds: f64) {
    if std::env::var_os("ROTAPLAN_HEURISTIC_LOG").is_some() {
        eprintln!("heuristic: LP-guided sub-MIP ({free} free, {seconds:.2} s): {from:.6} -> {to:.6}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::relaxation::{priced_optimum, tests::assignment};
    use std::sync::atomic::AtomicBool;
    use std::sync::Arc;

    fn limits(deadline: Instant) -> Limits {
        let cancelled = Arc::new(AtomicBool::new(false));
        Limits { deadline, nodes: u64::MAX, threads: 1, gap: 0.0, cancelled, incumbent: None }
    }

    /// The plan that gives worker `i` job `i` in the assignment LP of `n`.
    fn identity(n: usize) -> Vec<f64> {
        (0..n * n).map(|c| if c / n == c % n { 1.0 } else { 0.0 }).collect()
    }

    /// The assignment LP of `n`, the identity plan, the LP's optimum priced from it, and a
    /// deadline 30 s away.
    fn pointed(n: usize) -> (Lp, Vec<f64>, LpOptimum, Instant) {
        let (lp, start) = (assignment(n), identity(n));
        let deadline = Instant::now() + Duration::from_secs(30);
        let optimum = priced_optimum(&lp, &start, deadline, &AtomicBool::new(false)).expect("the LP's optimum");
        (lp, start, optimum, deadline)
    }

    /// The assignment LP has whole optima, so the columns of its optimum hold a plan of
    /// the LP's value, far below the start's: the sub-MIP finds it, using no column that is
    /// zero in both the optimum and the start.
    #[test]
    fn the_sub_mip_finds_the_plan_its_lp_points_at() {
        let n = 12;
        let (lp, start, optimum, deadline) = pointed(n);
        assert!(cost(&lp, &start) > optimum.objective + 1.0);
        let incumbent = Incumbent::new(&lp, start.clone(), false);
        let layout = Layout::of_decisions((0..n * n).collect());
        let plan = guided(&lp, &layout, &optimum, &incumbent, &limits(deadline)).expect("solved").expect("a plan");
        assert!(
            (cost(&lp, &plan) - optimum.objective).abs() < 1e-6,
            "{} against {}",
            cost(&lp, &plan),
            optimum.objective
        );
        for (j, &x) in plan.iter().enumerate() {
            assert!(x < USED || optimum.values[j] > USED || start[j] > USED, "column {j} was held at zero");
        }
        assert_eq!(incumbent.state().value, cost(&lp, &plan));
    }

    /// Shared with a search, the sub-MIP hands its plan to the search while it runs: the
    /// incumbent holds it, the search's sub-MIP of the moment is told it is overtaken, and
    /// the rounds that pointed the search at the LP's columns point no more.
    #[test]
    fn a_shared_sub_mip_hands_its_plan_over_and_ends_the_rounds() {
        let n = 12;
        let (lp, start, optimum, deadline) = pointed(n);
        let incumbent = Incumbent::new(&lp, start.clone(), true);
        incumbent.guide(optimum.objective, &[0, 1], &[1.0, 1.0]);
        assert!(incumbent.guide_below(1e9, 0).is_some());
        // The search has ended already: the sub-MIP runs once, from the start.
        incumbent.close();
        let layout = Layout::of_decisions((0..n * n).collect());
        let plan = guided(&lp, &layout, &optimum, &incumbent, &limits(deadline)).expect("solved").expect("a plan");
        assert!(incumbent.overtaken.load(Ordering::Relaxed));
        assert_eq!(incumbent.state().value, cost(&lp, &plan));
        assert!(incumbent.guide_below(1e9, 0).is_none(), "the rounds ended with the sub-MIP's start");
    }

    /// The search's better plan stops the LP-guided sub-MIP only once that has found
    /// nothing better for as long as it took to its first better plan (at least two
    /// seconds), and only when the plan beats the sub-MIP's best; the search's turn checks
    /// it too, so a search that has stopped improving still stops a stalled solve.
    #[test]
    fn a_stalled_sub_mip_is_stopped_by_a_better_plan_of_the_search() {
        let (lp, start) = (assignment(3), identity(3));
        let v = cost(&lp, &start);
        let stale = |i: &Incumbent| i.stale.load(Ordering::Relaxed);
        let incumbent = Incumbent::new(&lp, start.clone(), true);
        incumbent.offer_from_search(v - 1.0, &start);
        assert!(!stale(&incumbent), "no sub-MIP runs");
        incumbent.begin_solve(v - 1.0);
        incumbent.offer_from_search(v - 2.0, &start);
        assert!(!stale(&incumbent), "the sub-MIP has no better plan yet");
        incumbent.offer_from_guided(v - 3.0, &start);
        incumbent.offer_from_search(v - 4.0, &start);
        assert!(!stale(&incumbent), "the sub-MIP found its plan just now");
        std::thread::sleep(STALL_AT_LEAST + Duration::from_millis(100));
        incumbent.check_stale(&incumbent.state(), v - 3.0);
        assert!(!stale(&incumbent), "not better than the sub-MIP's best");
        assert!(incumbent.search_turn(v - 4.0).is_none());
        assert!(stale(&incumbent), "the search's turn finds the sub-MIP stalled behind it");
        incumbent.end_solve();
        incumbent.begin_solve(v - 4.0);
        assert!(!stale(&incumbent), "a new solve starts afresh");
        std::thread::sleep(STALL_AT_LEAST + Duration::from_millis(100));
        incumbent.offer_from_search(v - 5.0, &start);
        assert!(stale(&incumbent), "judged by the last solve's time to its first plan");
    }

    /// A plan of the LP-guided sub-MIP stops the search's sub-MIP; the search's next turn
    /// takes the plan and clears the flag.
    #[test]
    fn the_search_takes_the_handed_over_plan_on_its_turn() {
        let (lp, start) = (assignment(3), identity(3));
        let v = cost(&lp, &start);
        let incumbent = Incumbent::new(&lp, start.clone(), true);
        assert!(incumbent.offer_from_guided(v + 1.0, &start).is_none());
        assert!(!incumbent.overtaken.load(Ordering::Relaxed), "a worse plan stops nothing");
        assert_eq!(incumbent.offer_from_guided(v - 1.0, &start), Some(1));
        assert!(incumbent.overtaken.load(Ordering::Relaxed));
        assert_eq!(incumbent.search_turn(v).map(|(w, _)| w), Some(v - 1.0));
        assert!(!incumbent.overtaken.load(Ordering::Relaxed));
        assert!(incumbent.search_turn(v - 1.0).is_none());
    }

    /// Only better plans are kept and each raises the version; a sub-MIP waiting for the
    /// search's next plan stops waiting once the search has ended with nothing new.
    #[test]
    fn the_incumbent_keeps_better_plans_and_ends_the_wait_with_the_search() {
        let (lp, start) = (assignment(3), identity(3));
        let value = cost(&lp, &start);
        let incumbent = Incumbent::new(&lp, start.clone(), true);
        let limits = limits(Instant::now() + Duration::from_secs(30));
        assert_eq!(next_start(&incumbent, None, &limits).map(|(_, v)| v), Some(0));
        assert_eq!(incumbent.offer_from_search(value + 1.0, &start), None);
        assert_eq!(incumbent.offer_from_search(value - 1.0, &start), Some(1));
        assert_eq!(incumbent.state().value, value - 1.0);
        assert_eq!(next_start(&incumbent, Some(0), &limits).map(|(_, v)| v), Some(1));
        incumbent.close();
        let began = Instant::now();
        assert!(next_start(&incumbent, Some(1), &limits).is_none());
        assert!(began.elapsed() < Duration::from_secs(5));
    }

    /// A pricing round's restricted optimum guides the search only when it is newer than
    /// the last one taken and below the search's value; its columns are those it uses.
    #[test]
    fn a_round_guides_the_search_once_and_only_below_its_value() {
        let (lp, start) = (assignment(3), identity(3));
        let incumbent = Incumbent::new(&lp, start.clone(), true);
        assert!(incumbent.guide_below(10.0, 0).is_none());
        incumbent.guide(4.0, &[7, 2, 5], &[1.0, 0.0, 0.5]);
        assert_eq!(incumbent.guide_below(10.0, 0), Some((1, vec![7, 5])));
        assert!(incumbent.guide_below(10.0, 1).is_none(), "taken already");
        assert!(incumbent.guide_below(4.0, 0).is_none(), "no better than the search's");
        incumbent.guide(3.0, &[1], &[1.0]);
        assert_eq!(incumbent.guide_below(10.0, 1), Some((2, vec![1])));
        // With a work budget nothing is shared: no round guides the search.
        let alone = Incumbent::new(&lp, start, false);
        alone.guide(3.0, &[1], &[1.0]);
        assert!(alone.guide_below(10.0, 0).is_none());
    }
}
