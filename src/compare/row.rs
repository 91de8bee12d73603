//! One row of the comparison: what a rule's plan does to the county, in the numbers
//! policy staff ask about (moves, unfilled posts, quotas, CVs, pay, travel, time).

use super::score::{hard_breaches, score_plan, Scores};
use super::verdict::Verdict;
use super::{Rule, RuleRun, RunSummary};
use crate::check::check_plan;
use crate::domain::{staff_after, County, Locale, Policy, QuotaScope, Stage};
use crate::metrics::{evaluate, Evaluation};
use crate::rules;
use crate::solve::Status;
use serde::Serialize;

/// Unfilled subject posts after the plan. A rural weak school counts in both `rural` and
/// `weak`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Unfilled {
    pub total: u32,
    pub rural: u32,
    pub weak: u32,
}

/// The CV of one 2017 indicator in one stage, against the stage's limit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CvCell {
    pub stage: String,
    pub key: &'static str,
    pub cv: Option<f64>,
    pub threshold: Option<f64>,
    pub pass: Option<bool>,
}

/// The state of the county an evaluation describes, as the table shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlook {
    pub unfilled: Unfilled,
    /// The seven 2017 indicators of each stage, primary first.
    pub cvs: Vec<CvCell>,
    pub cvs_passing: usize,
    pub cvs_assessed: usize,
    /// Largest gap between a school's mean pay and the county mean, as a share of the mean.
    pub pay_gap: Option<f64>,
    /// Schools whose mean pay is outside the rule's pay band.
    pub schools_outside_pay_band: usize,
}

/// One rule's plan, measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub rule: String,
    pub file: String,
    /// `optimise`, `seniority`, `lottery`, `greedy-priority`, or `plan` for a plan made
    /// elsewhere (`compare --plan`).
    pub allocator: &'static str,
    pub status: Status,
    pub objective_order: Vec<&'static str>,
    /// The plan's objective terms under its own policy, by the common yardstick.
    pub scores: Scores,
    pub exchanges: usize,
    pub backbone_exchanges: usize,
    /// Exchanges the exchange quota asks for, and backbone exchanges the share asks for
    /// among those made.
    pub exchange_needed: usize,
    pub backbone_needed: usize,
    /// Both the exchange quota and the backbone share are met.
    pub quotas_met: bool,
    pub hires_placed: usize,
    /// Elastic policy rules the plan does not meet (checker breaches).
    pub rule_breaches: usize,
    /// Hard rules broken: always 0 for rotaplan's own rules.
    pub hard_breaches: usize,
    #[serde(flatten)]
    pub after: Outlook,
    /// Mean km per exchange (`None` without exchanges or without distances).
    pub mean_distance_km: Option<f64>,
    /// Wall-clock seconds to make the plan (model build and solve for optimising rules).
    pub seconds: f64,
    /// Against each baseline on this rule's own objective (optimising rules only).
    pub verdicts: Vec<Verdict>,
}

/// Measures one rule's plan under its own policy.
pub fn build(county: &County, rule: &Rule, run: &RuleRun) -> Row {
    let policy = &rule.policy;
    let plan = &run.plan;
    let breaches = check_plan(county, policy, plan);
    let hard = hard_breaches(&breaches);
    let quota_missed = breaches
        .iter()
        .any(|b| matches!(b.rule, crate::rules::Rule::ExchangeQuota | crate::rules::Rule::BackboneShare));
    let backbone_exchanges =
        plan.moves.iter().filter(|m| rules::counts_as_backbone(&county.teachers[m.teacher], policy)).count();
    let scores = score_plan(county, policy, plan);
    let after = evaluate(county, policy, &staff_after(county, policy, plan));
    Row {
        rule: rule.name.clone(),
        file: rule.file.clone(),
        allocator: match &run.summary {
            RunSummary::Baseline(b) => b.allocator,
            RunSummary::Optimiser(_) => policy.allocator.rule.name(),
        },
        status: run.status,
        objective_order: policy.objective.order.iter().map(|t| t.name()).collect(),
        scores,
        exchanges: plan.moves.len(),
        backbone_exchanges,
        exchange_needed: exchange_needed(county, policy),
        backbone_needed: rules::backbone_needed(plan.moves.len(), policy),
        quotas_met: !quota_missed,
        hires_placed: plan.placements.len(),
        rule_breaches: breaches.len() - hard,
        hard_breaches: hard,
        after: outlook(county, &after),
        mean_distance_km: (!plan.moves.is_empty() && county.has_distances())
            .then(|| scores.distance / plan.moves.len() as f64),
        seconds: run.seconds,
        verdicts: Vec::new(),
    }
}

/// The table's view of an evaluation.
pub fn outlook(county: &County, e: &Evaluation) -> Outlook {
    let rural = e.subjects.locale(Locale::Rural).map_or(0, |l| l.total.shortage);
    let weak =
        county.schools.iter().zip(&e.subjects.schools).filter(|(s, _)| s.weak).map(|(_, g)| g.total.shortage).sum();
    let mut cvs = Vec::new();
    for stage in &e.stages {
        for ind in stage.indicators.iter().filter(|i| i.threshold.is_some()) {
            cvs.push(CvCell {
                stage: stage.stage.name().to_string(),
                key: ind.key,
                cv: ind.cv,
                threshold: ind.threshold,
                pass: ind.pass,
            });
        }
    }
    Outlook {
        unfilled: Unfilled { total: e.subjects.total.shortage, rural, weak },
        cvs_passing: e.stages.iter().map(|s| s.cvs_passing).sum(),
        cvs_assessed: e.stages.iter().map(|s| s.cvs_assessed).sum(),
        cvs,
        pay_gap: e.pay.schools.iter().filter_map(|s| s.deviation_share).map(f64::abs).reduce(f64::max),
        schools_outside_pay_band: e.pay.schools_outside_tolerance.len(),
    }
}

impl Outlook {
    /// The CV cell of one indicator in one stage.
    pub fn cv(&self, stage: Stage, key: &str) -> Option<&CvCell> {
        self.cvs.iter().find(|c| c.stage == stage.name() && c.key == key)
    }
}

/// Exchanges the quota asks for: `ceil(share × eligible)`, county-wide or added over the
/// sending schools.
fn exchange_needed(county: &County, policy: &Policy) -> usize {
    let eligible: Vec<usize> =
        county.teachers.iter().filter(|t| rules::is_eligible(county, t, policy)).map(|t| t.school).collect();
    match policy.exchange.scope {
        QuotaScope::County => rules::quota_needed(eligible.len(), policy),
        QuotaScope::School => (0..county.schools.len())
            .map(|s| rules::quota_needed(eligible.iter().filter(|&&e| e == s).count(), policy))
            .sum(),
    }
}
