//! Each school's minimums of the 2017 method, with the rule that was applied.
//!
//! - With all seven indicators known (facility data present): the school meets at least
//!   `evaluation.minimums_required` (6) of the seven minimums, and every indicator reaches
//!   at least `evaluation.minimum_floor_share` (85%) of its minimum.
//! - Without complete facility data: the three teacher indicators (degree, backbone, PE and
//!   arts), all of which must be met; the report names this rule.
//!
//! Comparisons allow a relative 1e-9, so a value equal to its minimum on paper is met
//! despite floating-point rounding.
//!
//! ## Reference
//! 2017 quality-balance method (县域义务教育优质均衡发展督导评估办法), article on school minimums.

use super::indicators::{indicator, IndicatorValues};
use crate::domain::policy::MINIMUM_KEYS;
use crate::domain::{Policy, Stage};
use serde::Serialize;

/// Relative tolerance of `value >= minimum`.
const TOLERANCE: f64 = 1e-9;

/// Which minimums rule a school was judged by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MinimumsRule {
    /// All seven indicators known: `required` of seven met, the rest at least the floor share.
    SevenIndicators,
    /// Facility data incomplete: the three teacher indicators, all met.
    TeacherIndicators,
}

impl MinimumsRule {
    /// The rule in words, e.g. "6 of 7 minimums met, the rest at least 85% of the minimum".
    pub fn describe(self, required: usize, floor_share: f64, lang: crate::cli::Lang) -> String {
        use crate::report::i18n::pick;
        let pct = floor_share * 100.0;
        match self {
            MinimumsRule::SevenIndicators => pick(
                lang,
                format!("{required} of 7 minimums met, the rest at least {pct:.0}% of the minimum"),
                format!("7 项最低标准中达到 {required} 项，其余不低于最低标准的 {pct:.0}%"),
            ),
            MinimumsRule::TeacherIndicators => pick(
                lang,
                "all 3 teacher minimums met (facility data incomplete)",
                "3 项教师指标均达到最低标准（校舍设施数据不全）",
            )
            .to_string(),
        }
    }
}

/// One indicator of one school against its minimum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MinimumCheck {
    pub key: &'static str,
    pub value: f64,
    pub minimum: f64,
    /// `value >= minimum`.
    pub met: bool,
    /// `value >= floor_share * minimum`.
    pub above_floor: bool,
}

/// A school's minimums: the rule, every indicator checked, and whether the rule is met.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchoolMinimums {
    pub rule: MinimumsRule,
    pub checks: Vec<MinimumCheck>,
    /// Minimums met.
    pub count_met: usize,
    /// Minimums that must be met under the rule.
    pub required: usize,
    /// The school meets the rule.
    pub met: bool,
}

impl SchoolMinimums {
    /// The checks not met, for a short account of why a school fails.
    pub fn not_met(&self) -> impl Iterator<Item = &MinimumCheck> {
        self.checks.iter().filter(|c| !c.met)
    }
}

fn at_least(value: f64, bound: f64) -> bool {
    value >= bound - TOLERANCE * bound.abs()
}

/// Judges one school; `None` when nothing can be checked (no students, or no minimums in
/// the policy for the indicators the school has).
pub fn school_minimums(values: &IndicatorValues, stage: Stage, policy: &Policy) -> Option<SchoolMinimums> {
    let floor_share = policy.evaluation.minimum_floor_share;
    let check = |key: &'static str| {
        let (value, minimum) = (values.get(key)?, policy.minimum(stage, key)?);
        Some(MinimumCheck {
            key,
            value,
            minimum,
            met: at_least(value, minimum),
            above_floor: at_least(value, floor_share * minimum),
        })
    };
    let all: Vec<Option<MinimumCheck>> = MINIMUM_KEYS.iter().map(|&k| check(k)).collect();
    if all.iter().all(Option::is_some) {
        let checks: Vec<MinimumCheck> = all.into_iter().flatten().collect();
        let count_met = checks.iter().filter(|c| c.met).count();
        let required = (policy.evaluation.minimums_required as usize).min(checks.len());
        let met = count_met >= required && checks.iter().all(|c| c.above_floor);
        return Some(SchoolMinimums { rule: MinimumsRule::SevenIndicators, checks, count_met, required, met });
    }
    let checks: Vec<MinimumCheck> =
        all.into_iter().flatten().filter(|c| indicator(c.key).is_some_and(|d| d.teacher)).collect();
    if checks.is_empty() {
        return None;
    }
    let count_met = checks.iter().filter(|c| c.met).count();
    let required = checks.len();
    Some(SchoolMinimums {
        rule: MinimumsRule::TeacherIndicators,
        checks,
        count_met,
        required,
        met: count_met == required,
    })
}

/// The minimums over the schools of one stage that are in the CV.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MinimumsSummary {
    /// `evaluation.minimums_required` of the policy (out of seven).
    pub required_of_seven: u32,
    /// `evaluation.minimum_floor_share` of the policy.
    pub floor_share: f64,
    /// Schools judged (in the CV, with something to check).
    pub schools_assessed: usize,
    pub schools_meeting: usize,
    /// Schools judged by the seven-indicator rule.
    pub by_seven_indicators: usize,
    /// Schools judged by the teacher-indicator rule (facility data incomplete).
    pub by_teacher_indicators: usize,
    /// Ids of the schools in the CV that do not meet their rule, in county order.
    pub failing: Vec<String>,
}

impl MinimumsSummary {
    /// Summarises `(school id, minimums)` of the stage's schools in the CV.
    pub fn new<'a>(schools: impl IntoIterator<Item = (&'a str, Option<&'a SchoolMinimums>)>, policy: &Policy) -> Self {
        let mut s = MinimumsSummary {
            required_of_seven: policy.evaluation.minimums_required,
            floor_share: policy.evaluation.minimum_floor_share,
            schools_assessed: 0,
            schools_meeting: 0,
            by_seven_indicators: 0,
            by_teacher_indicators: 0,
            failing: Vec::new(),
        };
        for (id, m) in schools {
            let Some(m) = m else { continue };
            s.schools_assessed += 1;
            match m.rule {
                MinimumsRule::SevenIndicators => s.by_seven_indicators += 1,
                MinimumsRule::TeacherIndicators => s.by_teacher_indicators += 1,
            }
            if m.met {
                s.schools_meeting += 1;
            } else {
                s.failing.push(id.to_string());
            }
        }
        s
    }
}
