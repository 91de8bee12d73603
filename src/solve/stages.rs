//! The anytime stage loop: one lexicographic stage after another, each with a share of the
//! time limit, each ending with a plan at least as good as its start on its own term and
//! a proven lower bound on that term (docs/model.md, "Objective").
//!
//! A stage goes through five steps, one method each: **budget** (its share of the time
//! left, [`stage_budget`]), **start** (the plan so far), **solve** (its core or the whole
//! model, on a thread the watchdog can abandon), **bound** (HiGHS's dual bound, the core's
//! LP bound, or the columns' own bounds when nothing better was proved) and **record**
//! (value, bound, gap, seconds, proof). The stage then bounds its term for the later
//! stages by the value its plan reached, or by its proven bound plus the term's tolerance
//! when that is larger, and the next stage runs, whatever the time limit did to this one.

use super::core::{self, Proof, StageSolve};
use super::counts::CountStage;
use super::heuristics::{self, Layout};
use super::{dense, raw, relaxation, stage_path, watchdog, SolveOptions, StageResult, Status};
use crate::domain::policy::{Tolerance, Tolerances};
use crate::domain::Term;
use crate::model::{Instance, Model};
use anyhow::{bail, Context, Result};
use good_lp::Variable;
use highs::HighsModelStatus;
use std::collections::HashMap;
use std::time::{Duration, Instant};

mod search;

/// Relative gap within which HiGHS calls a stage optimal by default; a term is proven
/// when its gap is within this or its tolerance, whichever is larger.
pub const PROOF_GAP: f64 = 1e-4;

/// Weight of a term in the division of the time limit. Measured on generated counties of
/// 100-200 schools (docs/performance.md): the violations stage is proved at its LP bound
/// in a few seconds; the shortage stage too at 100 schools, but at 200 its LP over the
/// whole model alone takes 6-10 s and the core after it 1-3 s, and the unfilled posts it
/// decides come before everything after it in the policy's order, so it may use three
/// unit shares (what it does not use passes on). The balance stage is the one the
/// national indicators depend on and the one whose plans still improve with time (200
/// schools, seed 1, 60 s: 0.6169 to 0.6135 in the stage's last 12 s), where the
/// disruption stages' plans come near the best known within seconds of their start and
/// their LP bounds stay 4-30% below them whatever time they get; so it gets six units
/// and moves and distance one each (measured against 4, 1.5, 1.5 and 5,
/// 1.25, 1.25 in docs/performance.md). The price: at 200 schools the distance stage's
/// 6-7 s may end before its LP, leaving that term without a bound of its own.
pub fn term_weight(term: Term) -> f64 {
    match term {
        Term::Violations | Term::Changes => 1.0,
        Term::Shortage => 3.0,
        Term::Balance => 6.0,
        Term::Moves | Term::Distance => 1.0,
    }
}

/// Seconds given to stage `k` of `order` when `remaining` seconds are left: its weight's
/// share of the weights of the stages still to run, so that time a stage does not use
/// passes on to the later ones. A stage with no plan of a stage or of the user to start
/// from (`has_result` false: the first, from the plan that exchanges nobody) may use at
/// least four fifths of what is left: every later term is bounded by what it reaches
/// (200 schools at 10 s: the violations stage proves its optimum in 3.7-4.3 s).
pub fn stage_budget(order: &[Term], k: usize, remaining: f64, has_result: bool) -> f64 {
    let remaining = remaining.max(0.0);
    let rest: f64 = order[k..].iter().map(|&t| term_weight(t)).sum();
    let share = remaining * term_weight(order[k]) / rest;
    if has_result {
        share
    } else {
        share.max(0.8 * remaining)
    }
}

/// Share of the time limit the completion of a start plan may use at most (an LP in
/// practice: every integer column is held or follows from held ones).
const START_SHARE: f64 = 0.1;

/// Below this many seconds a stage is not started (HiGHS could not even load it).
const MIN_STAGE_SECONDS: f64 = 0.05;

/// What the stage loop keeps between stages.
pub(super) struct StageLoop<'a> {
    opts: &'a SolveOptions,
    model: &'a Model,
    index: &'a HashMap<Variable, usize>,
    order: Vec<Term>,
    tolerances: Tolerances,
    /// Each term of `Term::ALL` as dense coefficients over the columns, and its constant.
    terms: Vec<(Vec<f64>, f64)>,
    /// The columns' own bounds, as loaded (stages change them only for their duration).
    col_lower: Vec<f64>,
    col_upper: Vec<f64>,
    /// Rows of the model before any stage added its own.
    n_rows: usize,
    limit: f64,
    deadline: Instant,
    /// The loaded HiGHS model; `None` after a stage was abandoned with it, until reloaded.
    highs: Option<highs::Model>,
    /// The instance, to load the model afresh after an abandoned stage took it.
    inst: &'a Instance<'a>,
    /// The upper bounds put on earlier terms, to add again to a reloaded model.
    term_rows: Vec<(Term, f64)>,
    plan: Option<Vec<f64>>,
    stages: Vec<StageResult>,
    /// Where each decision acts, for the primal heuristics' neighbourhoods.
    layout: std::sync::Arc<Layout>,
    acceptance: Acceptance<'a>,
    /// The first stage's plan was not accepted: the later stages are not run.
    stop: bool,
}

/// What the caller asks of a stage's plan beyond being at least as good on the stage's term
/// ([`super::solve_accepting`]): the planner accepts a plan only when its named teachers
/// break no more rules than the model's slacks say.
#[derive(Clone, Copy)]
pub struct Acceptance<'a> {
    pub accept: &'a dyn Fn(&Model, &[f64]) -> bool,
    /// End the loop when the first stage's plan is not accepted (the caller will refine
    /// the model with the time left).
    pub stop_if_first_rejected: bool,
}

impl Acceptance<'_> {
    /// Every plan at least as good on its term.
    pub fn any() -> Acceptance<'static> {
        Acceptance { accept: &|_, _| true, stop_if_first_rejected: false }
    }
}

/// How one stage ended, before it is recorded.
struct Ended {
    status: Status,
    proof: Proof,
    bound: f64,
    budget: f64,
    seconds: f64,
}

impl Ended {
    /// The stage's bound raised to its LP relaxation's (`relaxation.rs`) where that is
    /// higher; the proof then names the relaxation.
    fn with_relaxation(mut self, relaxed: Option<f64>) -> Ended {
        if let Some(z) = relaxed.filter(|&z| z > self.bound) {
            self.bound = z;
            self.proof = Proof::LpRelaxation;
        }
        self
    }
}

/// What the loop leaves: the plan's column values, the stages, and the rows added.
pub(super) struct Finished {
    pub(super) values: Vec<f64>,
    pub(super) stages: Vec<StageResult>,
    pub(super) rows_added: usize,
}

impl<'a> StageLoop<'a> {
    /// A loop over `order` on the loaded `highs` model, which must end by `deadline`
    /// (`limit` seconds after the solve started).
    pub(super) fn new(
        inst: &'a Instance<'a>,
        opts: &'a SolveOptions,
        (model, index): (&'a Model, &'a HashMap<Variable, usize>),
        mut highs: highs::Model,
        (limit, deadline): (f64, Instant),
        acceptance: Acceptance<'a>,
    ) -> Result<Self> {
        let policy = inst.policy;
        let terms = Term::ALL.iter().map(|&t| dense(model.term(t), index, model.n_cols())).collect();
        let (col_lower, col_upper) = raw::col_bounds(&mut highs)?;
        Ok(StageLoop {
            opts,
            model,
            index,
            order: inst.stages(),
            tolerances: policy.objective.tolerance,
            terms,
            col_lower,
            col_upper,
            n_rows: raw::num_rows(&mut highs),
            limit,
            deadline,
            highs: Some(highs),
            inst,
            term_rows: Vec::new(),
            plan: None,
            stages: Vec::new(),
            acceptance,
            stop: false,
            layout: std::sync::Arc::new(Layout::new(inst, model, index)),
        })
    }

    /// Runs every stage of the order.
    pub(super) fn run(mut self) -> Result<Finished> {
        self.begin_at_start()?;
        for k in 0..self.order.len() {
            let term = self.order[k];
            let remaining = self.deadline.saturating_duration_since(Instant::now()).as_secs_f64();
            let start = self.plan.as_ref().map(|p| self.value(term, p));
            let budget = stage_budget(&self.order, k, remaining, self.has_result());
            super::live::stage_started(k, self.order.len(), term, start);
            let (floor, floor_proof) = self.floor(term);
            let ended = if self.stop || (budget < MIN_STAGE_SECONDS && self.has_result()) {
                self.not_run(term)
            } else if start.is_some_and(|v| v <= floor + 1e-9) {
                Ended { status: Status::Optimal, proof: floor_proof, bound: floor, budget, seconds: 0.0 }
            } else {
                self.solve_stage(k, term, budget)?
            };
            self.record(term, start, ended);
            let last = self.stages.last().expect("recorded");
            super::live::stage_ended(last.value, last.bound);
            if k + 1 < self.order.len() {
                self.bound_term(term)?;
            }
        }
        self.tighten();
        self.finish();
        let values = self.plan.context("no stage ran")?;
        Ok(Finished { values, stages: self.stages, rows_added: self.term_rows.len() })
    }

    /// The model's columns of a stage's plan `x`: the balance stage's count columns read
    /// back into the deviations they stand for, any other stage's extra columns dropped.
    fn plan_columns(&self, x: &[f64], counts: Option<&CountStage>) -> Vec<f64> {
        match counts {
            Some(c) => c.read_back(x, &self.model.balance),
            None => x[..self.col_lower.len()].to_vec(),
        }
    }

    fn term(&self, term: Term) -> &(Vec<f64>, f64) {
        &self.terms[Term::ALL.iter().position(|&t| t == term).expect("a term")]
    }

    /// The term's value in the plan of column values `plan`.
    fn value(&self, term: Term, plan: &[f64]) -> f64 {
        let (coeffs, constant) = self.term(term);
        constant + coeffs.iter().zip(plan).map(|(a, b)| a * b).sum::<f64>()
    }

    fn highs(&mut self) -> Result<&mut highs::Model> {
        if self.highs.is_none() {
            let (_, mut fresh) = super::load(self.inst, self.opts)?;
            for &(term, upper) in &self.term_rows {
                raw::add_upper_row(&mut fresh, &self.term(term).0, upper)?;
            }
            self.highs = Some(fresh);
        }
        Ok(self.highs.as_mut().expect("loaded above"))
    }

    /// A stage with no time left: the plan stands, bounded by what needs no solve.
    fn not_run(&self, term: Term) -> Ended {
        let bound = self.floor(term).0;
        Ended { status: Status::TimeLimit, proof: Proof::NotRun, bound, budget: 0.0, seconds: 0.0 }
    }

    /// Budget, start and solve of one stage; the plan is replaced only by a better one.
    fn solve_stage(&mut self, k: usize, term: Term, budget: f64) -> Result<Ended> {
        let started = Instant::now();
        let stage_deadline = (started + Duration::from_secs_f64(budget)).min(self.deadline);
        let tolerance = self.tolerances.of(term);
        let counts = self.set_objective(term)?;
        let use_core = self.opts.core && matches!(term, Term::Violations | Term::Shortage);
        let n_cols = self.col_lower.len();
        let opts = self.opts;
        let offset = self.term(term).1;
        let highs = self.highs()?;
        super::configure_stage(highs, opts, use_core, n_cols, tolerance)?;
        if let Some(path) = &opts.export_model {
            raw::write_model(highs, &stage_path(path, k + 1, term), offset)?;
        }
        let start = self.plan.as_ref().map(|v| match &counts {
            Some(c) => c.start(v, &self.model.balance, self.index),
            None => v.clone(),
        });
        // The core stages copy the model only for a search beside them; not the first stage
        // from the plan that exchanges nobody, whose core has most of the limit and whose
        // search from so far a plan slowed its core and the next stage's (200 schools: one
        // sub-MIP ran 12 s, into the shortage stage, whose core then missed its budget).
        let beside_core =
            use_core && self.has_result() && opts.heuristics && opts.second_thread && self.core_at_risk(term, budget);
        let lp = if (use_core && !beside_core) || !(opts.heuristics || opts.second_thread) {
            None
        } else {
            Some(std::sync::Arc::new(raw::lp(self.highs()?)?))
        };
        // A searched stage's second thread: its LP relaxation, then the LP-guided sub-MIP.
        let (incumbent, guidance) = match (&lp, &start) {
            (Some(lp), Some(s)) if opts.heuristics && opts.second_thread && !use_core && relaxation::priced(lp) => {
                let (incumbent, guidance) = self.guided(term, lp, s, stage_deadline);
                (Some(incumbent), Some(guidance))
            }
            _ => (None, None),
        };
        let relaxation = match &lp {
            Some(lp) if opts.second_thread && !use_core => {
                let method = relaxation::method(term);
                relaxation::spawn(std::sync::Arc::clone(lp), method, start.clone(), stage_deadline, guidance)
            }
            _ => None,
        };
        let beside = match (&lp, &start) {
            (Some(lp), Some(s)) if beside_core => self.search_beside(term, lp, s.clone(), stage_deadline),
            _ => None,
        };
        let start = match (start, &lp) {
            (Some(s), Some(lp)) if opts.heuristics && !use_core => {
                Some(self.improve_start(term, lp, s, counts.as_ref(), (stage_deadline, incumbent))?)
            }
            (other, _) => other,
        };
        // The core reads the model's copy the search beside it has, if there is one.
        let copy = lp.filter(|_| use_core);
        let highs = self.highs.take().expect("loaded above");
        let gap = opts.gap.max(tolerance.relative).max(0.0);
        let stalled = super::stalled_for_tests(term);
        let searched_beside = beside.is_some();
        let limit = self.limit;
        let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stop = std::sync::Arc::clone(&cancel);
        let work = move || {
            if stalled {
                std::thread::sleep(watchdog::grace(limit) + Duration::from_secs_f64(limit + super::STALL_BEYOND_GRACE));
            }
            let by = core::Until { deadline: stage_deadline, stop: &stop };
            if use_core {
                core::solve(highs, start.as_deref(), copy.as_deref(), gap, by, term.name(), searched_beside)
            } else {
                core::search_whole(highs, start.as_deref(), by, term.name())
            }
        };
        let until = (stage_deadline + watchdog::grace(budget)).min(self.deadline + watchdog::grace(self.limit));
        // SAFETY: `work` owns everything it captures (the HiGHS model, the start, plain
        // values, the stop flag), and returns a solved model and plain values
        // (watchdog.rs). Abandoned, it is stopped at HiGHS's next interrupt check.
        let outcome = unsafe { watchdog::within_or_cancel(until, &cancel, work)? };
        // A search that proved its stage waits for nothing beside it.
        let proved =
            matches!(&outcome, Some(Ok(o)) if !o.out_of_time && o.solved.status() == HighsModelStatus::Optimal);
        let relaxed = relaxation.and_then(|r| r.wait(if proved { Instant::now() } else { until }));
        let (relaxed, guided) = relaxed.map_or((None, None), |r| (r.bound, r.plan));
        let guided = guided.map(|plan| self.plan_columns(&plan, counts.as_ref()));
        let ended = match outcome {
            Some(outcome) => self.take_outcome(term, outcome?, counts, budget)?,
            None => {
                // Abandoned with its HiGHS model, which is loaded again for the next stage.
                self.no_plan_of_its_own(term, Status::TimeLimit)?;
                let bound = self.floor(term).0;
                Ended { status: Status::TimeLimit, proof: Proof::Abandoned, bound, budget, seconds: 0.0 }
            }
        };
        if let Some(searched) = beside.filter(|_| !proved).and_then(|b| b.wait(until)) {
            let searched = searched?;
            if searched.improved > 0 {
                self.keep_if_better(term, searched.plan[..n_cols].to_vec());
            }
        }
        if let Some(cols) = guided {
            self.keep_if_better(term, cols);
        }
        Ok(Ended { seconds: started.elapsed().as_secs_f64(), ..ended.with_relaxation(relaxed) })
    }

    /// Sets the stage's objective; the balance stage's count columns are added here.
    fn set_objective(&mut self, term: Term) -> Result<Option<CountStage>> {
        let (n_cols, n_rows) = (self.col_lower.len(), self.n_rows + self.term_rows.len());
        let (model, index) = (self.model, self.index);
        let costs = self.term(term).0.clone();
        let highs = self.highs()?;
        if term == Term::Balance && !model.balance.is_empty() {
            // The balance stage branches on each school's indicator counts: integer columns
            // and their own deviation rows, which carry the stage's objective and exist
            // only during that stage (docs/model.md).
            raw::set_costs(highs, &vec![0.0; n_cols])?;
            return Ok(Some(CountStage::add(highs, &model.balance, index, n_cols, n_rows)?));
        }
        raw::set_costs(highs, &costs)?;
        Ok(None)
    }

    /// Keeps the stage's plan if it is at least as good as the start on the stage's term.
    fn take_outcome(
        &mut self,
        term: Term,
        outcome: StageSolve,
        counts: Option<CountStage>,
        budget: f64,
    ) -> Result<Ended> {
        let StageSolve { solved, proof, bound, core: held, out_of_time } = outcome;
        let status = match solved.status() {
            _ if out_of_time => Status::TimeLimit,
            // Proven within the stage's gap: `term_status` checks it against the bound.
            HighsModelStatus::Optimal => Status::Optimal,
            HighsModelStatus::ReachedSolutionLimit | HighsModelStatus::ReachedIterationLimit => Status::WorkLimit,
            HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
                bail!("HiGHS found the {} stage infeasible; this should not happen, please report it", term.name())
            }
            // The time limit, or HiGHS stopped for a reason of its own: unproven.
            _ => Status::TimeLimit,
        };
        if core::found_plan(&solved) {
            let cols = self.plan_columns(solved.get_solution().columns(), counts.as_ref());
            let value = self.value(term, &cols);
            let start = self.plan.as_ref().map(|p| self.value(term, p));
            // The start handed back (often the heuristics' plan, already judged) is not
            // judged again: the naming check may cost a MIP.
            let unchanged = self.plan.as_ref().is_some_and(|p| p.iter().zip(&cols).all(|(a, b)| (a - b).abs() <= 1e-9));
            if !unchanged && start.is_none_or(|s| !worse(value, s)) {
                let accepted = (self.acceptance.accept)(self.model, &cols);
                if !self.has_result() {
                    // The first stage's plan stands whatever: there is nothing else to keep
                    // but the plan that exchanges nobody, and the caller refines the model
                    // where the plan's teachers cannot be named.
                    self.stop = !accepted && self.acceptance.stop_if_first_rejected;
                    self.plan = Some(cols);
                } else if accepted {
                    self.plan = Some(cols);
                }
            }
        } else {
            self.no_plan_of_its_own(term, status)?;
        }
        let mut highs: highs::Model = solved.into();
        if let Some(core) = held {
            core.release(&mut highs)?;
        }
        if let Some(c) = counts {
            c.remove(&mut highs)?;
        }
        self.highs = Some(highs);
        let (bound, proof) = higher_bound((bound, proof), self.floor(term));
        Ok(Ended { status, proof, bound, budget, seconds: 0.0 })
    }

    /// Whether the plan so far is a result: a stage's plan, or the user's start plan. Before
    /// the first stage without a start plan it is the plan that exchanges nobody
    /// (`begin_at_start`), only a start: the first stage then runs whatever its budget,
    /// with no search beside its core, and its plan stands whatever (module doc).
    fn has_result(&self) -> bool {
        self.plan.is_some() && (!self.stages.is_empty() || self.inst.start.is_some())
    }

    /// A stage that found no plan of its own: the start stands, or, for the first stage,
    /// there is nothing to write.
    fn no_plan_of_its_own(&self, term: Term, stopped_by: Status) -> Result<()> {
        if self.plan.is_some() {
            return Ok(());
        }
        match (stopped_by, self.opts.node_limit) {
            (Status::WorkLimit, Some(nodes)) => bail!(
                "no plan was found within the node limit of {nodes} (the first stage, {}, stopped without one); \
                 allow more nodes with --node-limit",
                term.name()
            ),
            _ => bail!(
                "no plan was found within the time limit of {} s (the first stage, {}, was still running); allow \
                 more time with --time-limit",
                self.limit,
                term.name()
            ),
        }
    }

    /// A lower bound on the stage's term that needs no solve, and what proves it: the
    /// columns' own bounds, or for moves the exchange quota, when higher. Every exchange
    /// the quota's rows ask for (`Model::exchanges_asked`) is a move unless a slack of
    /// those rows makes up for it; the slacks are columns of `violations`, which the
    /// earlier stages hold at most at `V`, so `moves >= asked - V`, rounded up (moves are
    /// whole). Without an earlier violations stage the quota proves nothing.
    fn floor(&self, term: Term) -> (f64, Proof) {
        let columns = self.column_bound(term);
        let violations = self.term_rows.iter().find(|(t, _)| *t == Term::Violations);
        match violations {
            Some(&(_, upper)) if term == Term::Moves && self.model.exchanges_asked > 0.0 => {
                let allowed = upper + self.term(Term::Violations).1;
                let quota = (self.model.exchanges_asked - allowed - 1e-6).ceil();
                if quota > columns {
                    (quota, Proof::ExchangeQuota)
                } else {
                    (columns, Proof::ColumnBounds)
                }
            }
            _ => (columns, Proof::ColumnBounds),
        }
    }

    /// The lowest value the term can take within the columns' bounds (every term is a sum
    /// of non-negative columns, so it is the term's constant).
    fn column_bound(&self, term: Term) -> f64 {
        let (coeffs, constant) = self.term(term);
        let sum: f64 = coeffs
            .iter()
            .enumerate()
            .filter(|(_, &c)| c != 0.0)
            .map(|(j, &c)| if c > 0.0 { c * self.col_lower[j] } else { c * self.col_upper[j] })
            .sum();
        if sum.is_finite() {
            constant + sum
        } else {
            f64::NEG_INFINITY
        }
    }

    fn record(&mut self, term: Term, start: Option<f64>, ended: Ended) {
        let plan = self.plan.as_ref().expect("a stage ran with a plan or returned an error");
        let value = self.value(term, plan);
        let bound = ended.bound.min(value);
        let status = term_status(ended.status, value, bound, self.tolerances.of(term));
        self.stages.push(StageResult {
            term,
            status,
            value,
            start,
            reached: value,
            bound,
            gap: relative_gap(value, bound),
            seconds: ended.seconds,
            budget_seconds: ended.budget,
            proof: ended.proof,
        });
    }

    /// Bounds `term` for the later stages: at most the larger of the value reached and the
    /// proven bound plus the term's tolerance (never a value no plan has reached).
    fn bound_term(&mut self, term: Term) -> Result<()> {
        let stage = self.stages.last().expect("recorded");
        let proven_room = stage.bound + self.tolerances.of(term).allowance(stage.bound);
        let at_most = stage.value.max(proven_room);
        let upper = at_most + 1e-6 * at_most.abs().max(1.0) - self.term(term).1;
        let coeffs = self.term(term).0.clone();
        raw::add_upper_row(self.highs()?, &coeffs, upper)?;
        self.term_rows.push((term, upper));
        Ok(())
    }

    /// Each stage's value and gap in the plan as written (a later stage may use a term's
    /// tolerance), and whether it is still proven within its tolerance.
    fn finish(&mut self) {
        let Some(plan) = self.plan.as_ref() else { return };
        let values: Vec<f64> = self.stages.iter().map(|s| self.value(s.term, plan)).collect();
        for (s, value) in self.stages.iter_mut().zip(values) {
            s.value = value;
            // The plan's last completion may set a term a rounding below the bound proved.
            s.bound = s.bound.min(value);
            s.gap = relative_gap(s.value, s.bound);
            s.status = term_status(s.status, s.value, s.bound, self.tolerances.of(s.term));
        }
    }
}

/// Whether `value` is worse than `than` beyond the rounding of the rows (1e-9 relative).
fn worse(value: f64, than: f64) -> bool {
    value > than + 1e-9 * than.abs().max(1.0)
}

/// The higher of a solve's bound and the stage's bound without a solve ([`StageLoop::floor`]),
/// with what proved it. The columns' own bound is no proof of its own (every solve's bound
/// is at least that); the exchange quota's names itself where it is higher by more than
/// the rows' rounding.
fn higher_bound((bound, proof): (f64, Proof), (floor, floor_proof): (f64, Proof)) -> (f64, Proof) {
    let bound = if bound.is_finite() { bound } else { f64::NEG_INFINITY };
    if floor_proof == Proof::ExchangeQuota && floor > bound + 1e-6 * floor.abs().max(1.0) {
        (floor, floor_proof)
    } else {
        (bound.max(floor), proof)
    }
}

/// Relative gap of a value to its lower bound, as HiGHS measures it (relative to the value).
pub fn relative_gap(value: f64, bound: f64) -> f64 {
    let diff = value - bound;
    if !diff.is_finite() {
        return f64::INFINITY;
    }
    if diff <= 1e-9 {
        0.0
    } else {
        diff / value.abs().max(1e-9)
    }
}

/// A term is proven (`optimal`) when its value is within its tolerance, or HiGHS's default
/// gap, of its bound. Otherwise the limit that stopped its stage stands, or, where HiGHS
/// stopped at a looser `--gap`, it is `feasible`.
fn term_status(stopped: Status, value: f64, bound: f64, tolerance: Tolerance) -> Status {
    let rel = PROOF_GAP.max(tolerance.relative);
    // The slack of the rows that bound earlier terms (1e-6 relative) counts as proven.
    if value - bound <= tolerance.absolute.max(rel * value.abs()) + 1e-6 * value.abs().max(1.0) {
        Status::Optimal
    } else if stopped == Status::Optimal {
        Status::Feasible
    } else {
        stopped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORDER: [Term; 5] = Term::OF_EVERY_PLAN;

    /// Stages that use their whole share use the whole limit, each in proportion to its
    /// weight; a stage that finishes early passes its time on to the later ones.
    #[test]
    fn the_time_limit_is_shared_by_weight_and_unused_time_passes_on() {
        let mut left = 120.0;
        let mut given = Vec::new();
        for k in 0..ORDER.len() {
            let b = stage_budget(&ORDER, k, left, true);
            given.push(b);
            left -= b;
        }
        assert!(left.abs() < 1e-9, "{given:?}");
        assert_eq!(given.iter().map(|b| (b * 1e6).round() / 1e6).collect::<Vec<_>>(), [10.0, 30.0, 60.0, 10.0, 10.0]);
        // Violations used 1 s of its 10, shortage 5 s of its 30: balance gets 6/8 of the
        // 114 s left.
        assert!((stage_budget(&ORDER, 1, 119.0, true) - 3.0 / 11.0 * 119.0).abs() < 1e-9);
        let balance = stage_budget(&ORDER, 2, 114.0, true);
        assert!((balance - 6.0 / 8.0 * 114.0).abs() < 1e-9);
        // The first stage, from the plan that exchanges nobody, may use four fifths of the
        // limit; from the user's start plan (a result) its share.
        assert_eq!(stage_budget(&ORDER, 0, 90.0, false), 72.0);
        assert!((stage_budget(&ORDER, 0, 90.0, true) - 90.0 / 12.0).abs() < 1e-9);
        assert_eq!(stage_budget(&ORDER, 4, 5.0, true), 5.0);
    }

    /// The names the console and the reports use are summary.json's.
    #[test]
    fn status_and_proof_names_are_the_json_names() {
        let json = |v: serde_json::Value| v.as_str().unwrap().to_string();
        for s in [Status::Optimal, Status::Feasible, Status::TimeLimit, Status::WorkLimit, Status::Infeasible] {
            assert_eq!(json(serde_json::to_value(s).unwrap()), s.as_str());
        }
        let proofs = [
            Proof::Search,
            Proof::CoreLpBound,
            Proof::WidenedCoreLpBound,
            Proof::SearchAfterFixing,
            Proof::Abandoned,
            Proof::NotRun,
            Proof::ColumnBounds,
            Proof::LpRelaxation,
            Proof::ExchangeQuota,
        ];
        for p in proofs {
            assert_eq!(json(serde_json::to_value(p).unwrap()), p.as_str());
        }
    }

    /// The exchange quota's bound is named where it is the higher one; the columns' own
    /// raises a bound without naming itself.
    #[test]
    fn the_stage_keeps_the_higher_bound_and_names_what_proved_it() {
        let quota = |b| (b, Proof::ExchangeQuota);
        assert_eq!(higher_bound((300.0, Proof::Search), quota(307.0)), (307.0, Proof::ExchangeQuota));
        assert_eq!(higher_bound((f64::NEG_INFINITY, Proof::Search), quota(307.0)), (307.0, Proof::ExchangeQuota));
        assert_eq!(higher_bound((f64::NAN, Proof::Search), quota(307.0)), (307.0, Proof::ExchangeQuota));
        assert_eq!(higher_bound((310.0, Proof::Search), quota(307.0)), (310.0, Proof::Search));
        // Within the rows' rounding the search keeps its own proof.
        assert_eq!(higher_bound((306.9999, Proof::Search), quota(307.0)), (307.0, Proof::Search));
        assert_eq!(higher_bound((f64::NEG_INFINITY, Proof::Search), (0.0, Proof::ColumnBounds)), (0.0, Proof::Search));
        assert_eq!(higher_bound((2.5, Proof::CoreLpBound), (0.0, Proof::ColumnBounds)), (2.5, Proof::CoreLpBound));
    }

    #[test]
    fn a_term_is_proven_only_within_its_tolerance_of_its_bound() {
        let none = Tolerance::default();
        let loose = Tolerance { relative: 0.01, absolute: 0.0 };
        assert_eq!(term_status(Status::TimeLimit, 100.0, 99.995, none), Status::Optimal);
        assert_eq!(term_status(Status::TimeLimit, 100.0, 99.0, none), Status::TimeLimit);
        assert_eq!(term_status(Status::TimeLimit, 100.0, 99.2, loose), Status::Optimal);
        assert_eq!(term_status(Status::Optimal, 100.0, 90.0, loose), Status::Feasible);
        assert_eq!(term_status(Status::WorkLimit, 100.0, 90.0, loose), Status::WorkLimit);
        assert_eq!(relative_gap(100.0, 90.0), 0.1);
        assert_eq!(relative_gap(100.0, f64::NEG_INFINITY), f64::INFINITY);
    }
}
