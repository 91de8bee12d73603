//! Indicators whose CV a plan raises, each with the rule that allowed or forced it: a plan
//! never makes an official indicator worse without saying so.

use super::Evaluation;
use crate::check::{indicator_spreads, Violation};
use crate::domain::{County, Plan, Policy, Stage};
use crate::report::i18n::say;
use crate::rules::{Rule, INDICATORS};
use serde::Serialize;

/// One indicator of one stage whose CV is higher after the plan than before it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorseIndicator {
    #[serde(serialize_with = "super::by_name")]
    pub stage: Stage,
    pub indicator: &'static str,
    pub cv_before: f64,
    pub cv_after: f64,
    /// The rule that forced it, or why no rule held it.
    pub why: String,
}

/// Every indicator of [`super::KEYS`] whose CV rises, in stage and key order.
pub fn worse_indicators(
    county: &County,
    policy: &Policy,
    plan: &Plan,
    (before, after): (&Evaluation, &Evaluation),
    violations: &[Violation],
) -> Vec<WorseIndicator> {
    let spreads = indicator_spreads(county, policy, plan);
    let mut out = Vec::new();
    for &stage in Stage::ALL {
        for key in super::KEYS {
            let (Some(cv0), Some(cv1)) = (before.cv(stage, key), after.cv(stage, key)) else { continue };
            if cv1 <= cv0 + 1e-9 {
                continue;
            }
            let teacher = INDICATORS.iter().position(|&k| k == key);
            let spread = teacher.and_then(|j| spreads.iter().find(|s| s.0 == stage && s.1 == j));
            let why = why_worse(policy, stage, key, spread.map(|s| (s.2, s.3)), violations);
            out.push(WorseIndicator { stage, indicator: key, cv_before: cv0, cv_after: cv1, why });
        }
    }
    out
}

fn why_worse(policy: &Policy, stage: Stage, key: &str, spread: Option<(f64, f64)>, violations: &[Violation]) -> String {
    let place = format!("{}:{key}", stage.name());
    let Some((s0, s1)) = spread else {
        return say(
            "no rule of the policy bounds this indicator; the moves and placements that meet the quotas and fill posts change it".into(),
            "政策中没有约束该指标的规则；为满足比例要求和补缺岗而做的交流和分配改变了它".into(),
        );
    };
    if let Some(v) =
        violations.iter().find(|v| v.rule == Rule::IndicatorBalance && v.indicator.as_deref() == Some(&place))
    {
        let (code, key, why) = (v.code, v.rule.key(), v.why.as_deref().unwrap_or(&v.message));
        return say(format!("rule {code} ({key}) gave way: {why}"), format!("规则 {code}（{key}）让步：{why}"));
    }
    if !policy.balance.no_worse {
        return say(
            "the policy allows it ([balance] no_worse = false)".into(),
            "政策允许（[balance] no_worse = false）".into(),
        );
    }
    let code = Rule::IndicatorBalance.code();
    say(
        format!("rule {code} holds: the indicator's mean absolute deviation, the linear proxy the model bounds, did not rise ({s0:.4} -> {s1:.4}); the CV weighs large deviations more"),
        format!("规则 {code} 已满足：模型约束的线性近似量（平均绝对偏差）没有上升（{s0:.4} -> {s1:.4}）；差异系数对大的偏差更敏感"),
    )
}
