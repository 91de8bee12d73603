//! The stage loop's primal heuristics (docs/model.md, "Primal heuristics" and "A search
//! beside the core"): the start plan completed, a searched stage's start improved before
//! its branch and bound, and a core stage's search on the second thread.

use super::{heuristics, raw, relaxation, watchdog, worse, CountStage, StageLoop, START_SHARE};
use crate::domain::Term;
use anyhow::Result;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Share of the time limit the plan's last completion may use ([`StageLoop::tighten`]): an
/// LP in practice, every decision held (0.03 s at 200 schools, 0.06 s at 400).
const TIGHTEN_SHARE: f64 = 0.02;
/// Seconds the plan's last completion may use at least: a short limit's 2% would not load
/// the model.
const TIGHTEN_LEAST: f64 = 0.5;

/// Plans of a search offered to the caller at most, the last first (each costs a naming,
/// `planner`): at 200 schools a search's last plan broke the pay relaxation where an
/// earlier one may not.
const ACCEPTANCE_TRIES: usize = 4;

impl StageLoop<'_> {
    /// With a start plan (`plan --start`), the loop begins from it: its decisions held,
    /// every other column completed at its least by a sub-MIP (`heuristics::complete`,
    /// within [`START_SHARE`] of the limit), and the result kept as the plan where the
    /// caller accepts it. A start that breaks a hard rule of the model (one its rows do
    /// not show, such as a sending school left without a subject) has no completion: the
    /// loop then begins without it, and the `changes` stage finds the nearest plan.
    ///
    /// Without a start plan the loop begins from the plan that exchanges nobody
    /// (`model::exchange_nobody`: every hire placed, an LP to complete), so that a plan
    /// stands whatever happens to the first stage, and a large model's first LP is priced
    /// from it (200 schools: the violations stage in 3.7-4.3 s against 7-8 s). Only a
    /// teacher locked to go leaves a sub-MIP to solve; if that finds nothing in time, the
    /// loop begins without a plan.
    pub(super) fn begin_at_start(&mut self) -> Result<()> {
        let columns = crate::model::start_columns(self.inst, self.model)
            .unwrap_or_else(|| crate::model::exchange_nobody(self.inst, self.model));
        let mut incumbent = self.col_lower.clone();
        for &(j, v) in &columns.held {
            incumbent[j] = v;
        }
        let lp = raw::lp(self.highs()?)?;
        let seconds = START_SHARE * self.limit;
        if let Some(cols) = self.completed(lp, incumbent, columns.free, seconds)? {
            if (self.acceptance.accept)(self.model, &cols) {
                self.plan = Some(cols);
            }
        }
        Ok(())
    }

    /// The plan as written: its decisions (who goes where, which hire where) held and every
    /// other column at its least for them ([`Self::completed`]), kept when no term is worse
    /// and the caller accepts it (the planner names its teachers against its own pay
    /// slacks). A stage minimises its own term only, so a later stage's plan may leave an
    /// earlier term's columns above what its decisions need (the demo county's 2028 in a
    /// horizon: a C017 slack of 0.0008 declared where the checker measured no breach); the
    /// slacks, deviations and unfilled posts that the summary reads off the columns are then
    /// what the decisions make them. It runs after the time limit, as the naming does, for
    /// at most [`TIGHTEN_SHARE`] of the limit (at least [`TIGHTEN_LEAST`]) and the
    /// watchdog's grace; the plan stands as it is when it does not end by then, when HiGHS
    /// fails, when the last stage was abandoned with the HiGHS model (not loaded again for
    /// this), and when the loop stopped for a refinement.
    pub(super) fn tighten(&mut self) {
        let (Some(plan), Some(highs), false) = (self.plan.clone(), self.highs.as_mut(), self.stop) else { return };
        let seconds = (TIGHTEN_SHARE * self.limit).max(TIGHTEN_LEAST);
        let completed = raw::lp(highs).and_then(|lp| self.completed(lp, plan.clone(), Vec::new(), seconds));
        let cols = match completed {
            Ok(Some(cols)) => cols,
            Ok(None) => return,
            Err(e) => {
                if std::env::var_os("ROTAPLAN_HEURISTIC_LOG").is_some() {
                    eprintln!("heuristic: the plan's last completion failed, the plan stands: {e:#}");
                }
                return;
            }
        };
        let no_worse = Term::ALL.iter().all(|&t| !worse(self.value(t, &cols), self.value(t, &plan)));
        if no_worse && (self.acceptance.accept)(self.model, &cols) {
            self.plan = Some(cols);
        }
    }

    /// The plan of the loaded model `lp` that holds `incumbent`'s decisions but `free` and
    /// is least in every term over the other columns (`heuristics::complete`), within
    /// `seconds` and the run's gap, on a thread the watchdog may abandon.
    fn completed(
        &self,
        mut lp: raw::Lp,
        incumbent: Vec<f64>,
        free: Vec<usize>,
        seconds: f64,
    ) -> Result<Option<Vec<f64>>> {
        anyhow::ensure!(lp.cost.len() == self.col_lower.len(), "internal error: a completion with extra columns");
        lp.cost = vec![0.0; self.col_lower.len()];
        for (coeffs, _) in &self.terms {
            lp.cost.iter_mut().zip(coeffs).for_each(|(c, a)| *c += a);
        }
        let until = Instant::now() + Duration::from_secs_f64(seconds);
        let (nodes, threads, gap) = (self.sub_mip_nodes(), self.opts.threads, self.opts.gap);
        let cancelled = Default::default();
        let limits = heuristics::Limits { deadline: until, nodes, threads, gap, cancelled, incumbent: None };
        let cancel = std::sync::Arc::clone(&limits.cancelled);
        let layout = std::sync::Arc::clone(&self.layout);
        let work = move || heuristics::complete(&lp, &layout, &free, &incumbent, &limits);
        let wait = until + watchdog::grace(self.limit);
        // SAFETY: `work` owns everything it captures and returns owned plain values
        // (watchdog.rs).
        let Some(outcome) = (unsafe { watchdog::within_or_cancel(wait, &cancel, work)? }) else { return Ok(None) };
        outcome
    }

    /// Whether a core stage given `budget` seconds may end before its core's proof: the
    /// core's LP over the whole model takes about as long as the violations stage's whole
    /// core solve did (200 schools: 3.9-6.2 s against 4.9-5.8 s), so a budget under twice
    /// that is at risk (docs/model.md, "A search beside the core"). Without a violations
    /// stage before it, always; and a stage stalled for the tests, whose core never ends.
    pub(super) fn core_at_risk(&self, term: Term, budget: f64) -> bool {
        let first = self.stages.iter().find(|s| s.term == Term::Violations);
        crate::solve::stalled_for_tests(term) || first.is_none_or(|v| budget < 2.0 * v.seconds)
    }

    /// The primal heuristics' search from `start` on a thread of its own beside a core
    /// solve, until `until` (`heuristics::spawn`).
    pub(super) fn search_beside(
        &self,
        term: Term,
        lp: &std::sync::Arc<raw::Lp>,
        start: Vec<f64>,
        until: Instant,
    ) -> Option<heuristics::Beside> {
        let families = heuristics::families(&self.layout, term);
        let limits = self.search_limits(term, until);
        heuristics::spawn(std::sync::Arc::clone(lp), start, families, std::sync::Arc::clone(&self.layout), limits)
    }

    /// Limits of the heuristics' search in stage `term` until `until`: its nodes per
    /// sub-MIP (the run's `--node-limit` when smaller) and the stage's gap.
    pub(super) fn search_limits(&self, term: Term, until: Instant) -> heuristics::Limits {
        let nodes = self.sub_mip_nodes();
        let gap = self.opts.gap.max(self.tolerances.of(term).relative).max(0.0);
        let cancelled = Default::default();
        heuristics::Limits { deadline: until, nodes, threads: self.opts.threads, gap, cancelled, incumbent: None }
    }

    /// Nodes of one sub-MIP: the heuristics' own limit, or the run's `--node-limit` when
    /// smaller.
    fn sub_mip_nodes(&self) -> u64 {
        self.opts.node_limit.map_or(heuristics::NODES, |n| n.min(heuristics::NODES))
    }

    /// The LP-guided sub-MIP that follows a searched stage's relaxation on the second
    /// thread (`heuristics/guided.rs`), from `start` until `until`, and the plans it trades
    /// with the search: shared but for a work budget (`--node-limit`), whose plans must
    /// not depend on when each thread got where.
    pub(super) fn guided(
        &self,
        term: Term,
        lp: &Arc<raw::Lp>,
        start: &[f64],
        until: Instant,
    ) -> (Arc<heuristics::Incumbent>, relaxation::Guidance) {
        let shared = self.opts.node_limit.is_none();
        let incumbent = Arc::new(heuristics::Incumbent::new(lp, start.to_vec(), shared));
        let limits = heuristics::Limits {
            // One sub-MIP, ended by the stage's deadline or the run's work budget.
            nodes: self.opts.node_limit.unwrap_or(u64::MAX),
            incumbent: None,
            ..self.search_limits(term, until)
        };
        let (lp, layout, offered) = (Arc::clone(lp), Arc::clone(&self.layout), Arc::clone(&incumbent));
        let then: relaxation::Then = Box::new(move |optimum, cancelled| {
            let limits = heuristics::Limits { cancelled, ..limits };
            heuristics::guided(&lp, &layout, optimum, &offered, &limits).ok().flatten()
        });
        let told = Arc::clone(&incumbent);
        let each_round: relaxation::EachRound = Box::new(move |value, order, values| told.guide(value, order, values));
        (incumbent, relaxation::Guidance { each_round, then })
    }

    /// The plan of column values `cols` becomes the plan when it is better on the stage's
    /// term than the plan so far and the caller accepts it: the plan of a search beside
    /// a core solve, or of the LP-guided sub-MIP beside a search.
    pub(super) fn keep_if_better(&mut self, term: Term, cols: Vec<f64>) {
        let value = self.value(term, &cols);
        let better = self.plan.as_ref().is_none_or(|p| {
            let now = self.value(term, p);
            value < now - 1e-9 * now.abs().max(1.0)
        });
        if better && (self.acceptance.accept)(self.model, &cols) {
            self.plan = Some(cols);
        }
    }

    /// The primal heuristics' search from `start` until `until` (`heuristics/mod.rs`), on a
    /// thread the watchdog may abandon: the improved start, which is also the plan from
    /// now on where the caller accepts it (the start when the search was abandoned).
    pub(super) fn improve_start(
        &mut self,
        term: Term,
        lp: &std::sync::Arc<raw::Lp>,
        start: Vec<f64>,
        counts: Option<&CountStage>,
        (until, incumbent): (Instant, Option<Arc<heuristics::Incumbent>>),
    ) -> Result<Vec<f64>> {
        let lp = std::sync::Arc::clone(lp);
        let families = heuristics::families(&self.layout, term);
        let layout = std::sync::Arc::clone(&self.layout);
        let limits = heuristics::Limits { incumbent, ..self.search_limits(term, until) };
        let cancel = std::sync::Arc::clone(&limits.cancelled);
        let from = start.clone();
        let work = move || heuristics::search(&lp, from, &families, &layout, &limits);
        let wait = until + watchdog::grace(self.limit);
        // SAFETY: `work` owns everything it captures (plain data and a shared read-only
        // layout) and returns owned plain values (watchdog.rs).
        let Some(outcome) = (unsafe { watchdog::within_or_cancel(wait, &cancel, work)? }) else { return Ok(start) };
        let searched = outcome?;
        if searched.improved > 0 {
            // Kept only where the caller accepts it (the planner: its teachers can be
            // named within the pay slack), else the latest earlier plan it accepts, if
            // any; HiGHS starts from the search's plan either way.
            let candidates = std::iter::once(&searched.plan).chain(searched.earlier.iter().rev());
            for plan in candidates.take(ACCEPTANCE_TRIES) {
                let cols = self.plan_columns(plan, counts);
                if (self.acceptance.accept)(self.model, &cols) {
                    self.plan = Some(cols);
                    break;
                }
            }
        }
        Ok(searched.plan)
    }
}
