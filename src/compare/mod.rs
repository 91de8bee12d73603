//! Allocation rules side by side on one county: optimising policies and the baseline
//! rules bureaus use today (`rotaplan compare`).
//!
//! Each rule file is a policy. Rules run in parallel (rayon, one HiGHS thread each) and
//! come back in the order given. Every plan, optimised or not, is then
//! - checked by the independent checker under its own policy ([`crate::check`]);
//! - evaluated with the national indicators ([`crate::metrics::evaluate`]);
//! - scored on the five objective terms by one yardstick ([`score::score_plan`]).
//!
//! Every optimising rule is then judged against every baseline on its own lexicographic
//! objective ([`verdict`]), so that the table shows where optimising does not pay.
//! [`render`] turns the result into the text table, CSV and JSON. Described for policy
//! staff in `docs/compare.md`.

pub mod render;
pub mod row;
pub mod score;
pub mod verdict;

use crate::baselines;
use crate::check::{check_plan, Violation};
use crate::domain::{staff_after, staff_before, County, Plan, Policy, Term};
use crate::metrics::evaluate;
use crate::planner::{make_plan, Counts, Metrics, Summary};
use crate::rules;
use crate::solve::{SolveOptions, Status};
use anyhow::Result;
use rayon::prelude::*;
use row::{Outlook, Row};
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::Instant;

/// One rule to compare: a policy and where it came from.
#[derive(Debug, Clone)]
pub struct Rule {
    /// `name` of the policy file; labels the row and the plan directory.
    pub name: String,
    pub file: String,
    pub policy: Policy,
}

/// summary.json of a baseline plan: the optimiser's fields where they mean something.
#[derive(Debug, Clone, Serialize)]
pub struct BaselineSummary {
    pub policy: String,
    pub allocator: &'static str,
    /// The lottery's seed (other rules draw nothing).
    pub seed: Option<u64>,
    /// `feasible`: a plan meeting every hard rule, not optimised.
    pub status: Status,
    pub objective: BTreeMap<&'static str, f64>,
    pub objective_order: Vec<&'static str>,
    /// No solver, no gap.
    pub mip_gap: Option<f64>,
    pub solve_seconds: f64,
    pub counts: Counts,
    /// What the checker finds, each with why: the allocation rule does not weigh it.
    pub violations: Vec<Violation>,
    pub metrics: Metrics,
}

/// The summary written with a rule's plan.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum RunSummary {
    Optimiser(Box<Summary>),
    Baseline(Box<BaselineSummary>),
}

/// One rule's plan and how it was made.
#[derive(Debug, Clone)]
pub struct RuleRun {
    pub plan: Plan,
    pub status: Status,
    pub seconds: f64,
    pub summary: RunSummary,
}

impl RuleRun {
    pub fn is_baseline(&self) -> bool {
        matches!(self.summary, RunSummary::Baseline(_))
    }
}

/// Every rule, measured, with the county before any plan for reference.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// Before the plan (new hires not yet placed), under the first rule's policy; `None`
    /// for a comparison of no rules.
    pub before: Option<Outlook>,
    pub rows: Vec<Row>,
}

/// Makes one rule's plan: a baseline's allocation, or the optimiser's with `opts`.
pub fn run_rule(county: &County, rule: &Rule, opts: &SolveOptions) -> Result<RuleRun> {
    let started = Instant::now();
    let policy = &rule.policy;
    let Some(plan) = baselines::allocate(county, policy) else {
        // A core of this pool's threads, once abandoned stages no longer fill them
        // (solve::cores).
        let _core = crate::solve::reserve(rayon::current_num_threads());
        let result = make_plan(county, policy, opts)?;
        let (status, seconds) = (result.summary.status, result.summary.build_seconds + result.summary.solve_seconds);
        return Ok(RuleRun {
            status,
            seconds,
            summary: RunSummary::Optimiser(Box::new(result.summary)),
            plan: result.plan,
        });
    };
    let seconds = started.elapsed().as_secs_f64();
    let mut summary = baseline_summary(county, policy, &plan, seconds);
    summary.seed =
        (policy.allocator.rule == crate::domain::policy::AllocationRule::Lottery).then_some(policy.allocator.seed);
    Ok(RuleRun { plan, status: Status::Feasible, seconds, summary: RunSummary::Baseline(Box::new(summary)) })
}

/// The allocator of a row for a plan made elsewhere (`compare --plan`).
pub const GIVEN_PLAN: &str = "plan";

/// A plan made elsewhere (a plan folder or workbook, perhaps edited by hand) as a rule of
/// the comparison: measured as a baseline's plan is, under `policy` (the first rule's), by
/// the same yardstick, and judged against by every optimising rule. Its row is named
/// `name` and its allocator is [`GIVEN_PLAN`].
pub fn given_plan(county: &County, name: &str, file: &str, policy: &Policy, plan: Plan) -> (Rule, RuleRun) {
    let mut summary = baseline_summary(county, policy, &plan, 0.0);
    summary.allocator = GIVEN_PLAN;
    summary.violations.iter_mut().for_each(|v| v.why = None);
    let rule = Rule { name: name.to_string(), file: file.to_string(), policy: policy.clone() };
    (rule, RuleRun { plan, status: Status::Feasible, seconds: 0.0, summary: RunSummary::Baseline(Box::new(summary)) })
}

/// summary.json of a plan not made by the optimiser, scored by the common yardstick.
fn baseline_summary(county: &County, policy: &Policy, plan: &Plan, seconds: f64) -> BaselineSummary {
    let scores = score::score_plan(county, policy, plan);
    BaselineSummary {
        policy: policy.name.clone(),
        allocator: policy.allocator.rule.name(),
        seed: None,
        status: Status::Feasible,
        objective: Term::OF_EVERY_PLAN.iter().map(|&t| (t.name(), scores.get(t))).collect(),
        objective_order: policy.objective.order.iter().map(|t| t.name()).collect(),
        mip_gap: None,
        solve_seconds: seconds,
        counts: Counts {
            teachers: county.teachers.len(),
            eligible: county.teachers.iter().filter(|t| rules::is_eligible(county, t, policy)).count(),
            exchanges: plan.moves.len(),
            backbone_exchanges: plan
                .moves
                .iter()
                .filter(|m| rules::counts_as_backbone(&county.teachers[m.teacher], policy))
                .count(),
            hires: plan.placements.len(),
        },
        violations: check_plan(county, policy, plan)
            .iter()
            .map(|b| Violation::new(county, b, Some(baseline_why(policy))))
            .collect(),
        metrics: Metrics {
            before: evaluate(county, policy, &staff_before(county)),
            after: evaluate(county, policy, &staff_after(county, policy, plan)),
        },
    }
}

/// Makes every rule's plan in parallel; results in the order of `rules`.
pub fn run_rules(county: &County, rules: &[Rule], opts: &SolveOptions) -> Result<Vec<RuleRun>> {
    let one_thread = SolveOptions { threads: 1, second_thread: false, ..opts.clone() };
    rules.par_iter().map(|r| run_rule(county, r, &one_thread)).collect()
}

/// Measures every plan and judges every optimising rule against every baseline.
/// `rules` and `runs` are parallel (as [`run_rules`] returns them).
pub fn compare(county: &County, rules: &[Rule], runs: &[RuleRun]) -> Comparison {
    let mut rows: Vec<Row> = rules.iter().zip(runs).map(|(rule, run)| row::build(county, rule, run)).collect();
    for (i, rule) in rules.iter().enumerate() {
        if runs[i].is_baseline() {
            continue;
        }
        let own = rows[i].scores;
        let order = &rule.policy.objective.order;
        rows[i].verdicts = rules
            .iter()
            .zip(runs)
            .filter(|(_, run)| run.is_baseline())
            .map(|(base, run)| {
                let theirs = score::score_plan(county, &rule.policy, &run.plan);
                let comparable = score::hard_breaches(&check_plan(county, &rule.policy, &run.plan)) == 0;
                verdict::judge(&base.name, order, own, theirs, comparable)
            })
            .collect();
    }
    let before = rules.first().map(|r| row::outlook(county, &evaluate(county, &r.policy, &staff_before(county))));
    Comparison { before, rows }
}

/// Why a baseline plan breaks a rule: the allocation rule decides by its own criterion
/// (seniority, lottery, priority order) and does not search for a plan that meets it.
fn baseline_why(policy: &Policy) -> String {
    let rule = policy.allocator.rule.name();
    crate::report::i18n::say(
        format!("the {rule} rule allocates by its own criterion and does not search for a plan that meets this rule; `rotaplan plan` reports what the county's data allows"),
        format!("{}按自身标准分配，不寻找满足这条规则的方案；`rotaplan plan` 会报告县里的数据能做到什么", crate::report::i18n::allocator(crate::cli::Lang::Zh, rule)),
    )
}
