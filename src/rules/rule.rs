//! The one type for the policy's rules: every layer (model, checker, explanations,
//! reports, comparisons) names a rule by [`Rule`], never by a string.
//!
//! Each rule has a code (the checker's `C0xx`), a key (its name in CSV and JSON), a kind
//! (hard: no plan of the model breaks it; elastic: a slack in the violations term), a unit
//! for its amount, and words in English and Chinese. What each rule requires is computed
//! by one function of [`crate::rules`], which the model, the checker and the explanations
//! share (named in each variant's documentation).

use crate::cli::Lang;
use serde::{Deserialize, Serialize};

/// A rule of the exchange policy that a plan can break.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// C001, hard: a teacher moves at most once a year.
    DuplicateMove,
    /// C002, hard: a move starts at the teacher's own school.
    WrongOrigin,
    /// C003, hard: only teachers due to exchange are exchanged ([`super::ineligibility`]).
    Eligibility,
    /// C004, hard: same stage, another site, a rural or weak school within the distance cap
    /// ([`super::destination_problem`]).
    Destination,
    /// C005, hard: an exchange term lasts at least one year.
    Term,
    /// C006, hard: every new hire is placed exactly once.
    HirePlacement,
    /// C010, elastic: at least `share` of the eligible teachers exchanged
    /// ([`super::quota_needed`]).
    ExchangeQuota,
    /// C011, elastic: backbone teachers at least `backbone_share` of those exchanged
    /// ([`super::backbone_needed`]).
    BackboneShare,
    /// C012, elastic: no school above its staff ceiling ([`super::staff_ceiling`]).
    StaffQuota,
    /// C013, hard: a sending school keeps at least one teacher of each subject it taught
    /// ([`super::sender_keeps`]).
    SenderSubject,
    /// C014, elastic: each school's mean pay within the band around the county mean
    /// ([`super::pay_band`]).
    PayBand,
    /// C015, elastic: exchange allowances within the monthly budget.
    AllowanceBudget,
    /// C016, elastic: PE, music and art taught wherever there is demand
    /// ([`super::coverage_needed`]).
    Coverage,
    /// C017, elastic, with `[balance] no_worse`: no teacher indicator's spread over a
    /// stage's schools rises above its value before the plan ([`super::indicator_spread`]).
    IndicatorBalance,
    /// C018, hard: the bureau's locks of locks.csv hold ([`super::lock_broken`]).
    Lock,
    /// C019, hard: a teacher away on an exchange term is not sent again
    /// ([`super::cycle_problem`]).
    Away,
    /// C020, hard: a teacher back from a term is not sent again within `[cycle]
    /// cool_off_years` ([`super::cycle_problem`]).
    CoolOff,
    /// C021, elastic, with `[cycle] rotate_within_years`: every teacher due to rotate (in
    /// their K-th year of eligibility without an exchange) is exchanged
    /// ([`super::rotation_due`]).
    RotationDue,
    /// C022, hard: an extension keeps a teacher at the host of the term that ended last
    /// school year, once, where `[cycle] extend_terms` allows ([`super::extension_problem`]).
    Extension,
}

/// Whether a plan of the model may break a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A constraint of the model: only hand-made or baseline plans break it.
    Hard,
    /// A constraint with a slack; the slacks add up to the violations term.
    Elastic,
}

/// What a rule's amount counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Moves,
    Hires,
    Teachers,
    Subjects,
    /// Yuan divided by the county's mean monthly pay before the plan.
    PayEquivalents,
    /// The indicator spread of [`super::indicator_spread`] (a fraction of the mean).
    Spread,
}

impl Unit {
    /// The unit as summary.json and the console write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Moves => "moves",
            Unit::Hires => "hires",
            Unit::Teachers => "teachers",
            Unit::Subjects => "subjects",
            Unit::PayEquivalents => "teacher-equivalents of county mean pay",
            Unit::Spread => "relative mean deviation",
        }
    }

    pub fn words(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.as_str(),
            Lang::Zh => match self {
                Unit::Moves => "人次",
                Unit::Hires => "人",
                Unit::Teachers => "人",
                Unit::Subjects => "门学科",
                Unit::PayEquivalents => "人（按县均工资折算）",
                Unit::Spread => "（相对平均偏差）",
            },
        }
    }
}

impl Rule {
    /// Every rule, in code order.
    pub const ALL: [Rule; 19] = [
        Rule::DuplicateMove,
        Rule::WrongOrigin,
        Rule::Eligibility,
        Rule::Destination,
        Rule::Term,
        Rule::HirePlacement,
        Rule::ExchangeQuota,
        Rule::BackboneShare,
        Rule::StaffQuota,
        Rule::SenderSubject,
        Rule::PayBand,
        Rule::AllowanceBudget,
        Rule::Coverage,
        Rule::IndicatorBalance,
        Rule::Lock,
        Rule::Away,
        Rule::CoolOff,
        Rule::RotationDue,
        Rule::Extension,
    ];

    /// The checker's code.
    pub fn code(self) -> &'static str {
        self.spec().0
    }

    /// The rule's name in CSV and JSON (`exchange_quota`).
    pub fn key(self) -> &'static str {
        self.spec().1
    }

    pub fn kind(self) -> Kind {
        self.spec().2
    }

    pub fn is_elastic(self) -> bool {
        self.kind() == Kind::Elastic
    }

    pub fn unit(self) -> Unit {
        self.spec().3
    }

    /// The rule's name as a heading ("Exchange quota", "交流比例").
    pub fn title(self, lang: Lang) -> &'static str {
        let (en, zh) = self.spec().4;
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// The rule as the reason of a move ("exchange quota", "交流比例要求").
    pub fn as_reason(self, lang: Lang) -> String {
        match lang {
            Lang::En => self.title(Lang::En).to_lowercase(),
            Lang::Zh => format!("{}要求", self.title(Lang::Zh)),
        }
    }

    /// The rule with this key or code, if any.
    pub fn parse(text: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.key() == text || r.code() == text)
    }

    /// (code, key, kind, unit, (English, Chinese)).
    fn spec(self) -> (&'static str, &'static str, Kind, Unit, (&'static str, &'static str)) {
        use Kind::*;
        use Unit::*;
        match self {
            Rule::DuplicateMove => {
                ("C001", "duplicate_move", Hard, Moves, ("One move per teacher", "每人至多交流一次"))
            }
            Rule::WrongOrigin => ("C002", "wrong_origin", Hard, Moves, ("Origin school", "原学校")),
            Rule::Eligibility => ("C003", "eligibility", Hard, Moves, ("Eligibility", "交流资格")),
            Rule::Destination => ("C004", "destination", Hard, Moves, ("Destination", "交流去向")),
            Rule::Term => ("C005", "term", Hard, Moves, ("Term", "交流年限")),
            Rule::HirePlacement => ("C006", "hire_placement", Hard, Hires, ("Every hire placed", "新教师全部分配")),
            Rule::ExchangeQuota => ("C010", "exchange_quota", Elastic, Teachers, ("Exchange quota", "交流比例")),
            Rule::BackboneShare => ("C011", "backbone_share", Elastic, Teachers, ("Backbone share", "骨干教师比例")),
            Rule::StaffQuota => ("C012", "staff_quota", Elastic, Teachers, ("Staff quota", "编制上限")),
            Rule::SenderSubject => (
                "C013",
                "sender_subject",
                Hard,
                Subjects,
                ("Sending school keeps its subjects", "派出学校保留学科教师"),
            ),
            Rule::PayBand => ("C014", "pay_band", Elastic, PayEquivalents, ("Equal pay", "同工同酬（工资差距）")),
            Rule::AllowanceBudget => {
                ("C015", "allowance_budget", Elastic, PayEquivalents, ("Allowance budget", "补贴预算"))
            }
            Rule::Coverage => {
                ("C016", "coverage", Elastic, Subjects, ("PE, music and art taught", "开齐体育、音乐、美术课"))
            }
            Rule::IndicatorBalance => {
                ("C017", "indicator_balance", Elastic, Spread, ("Indicator no less balanced", "教师指标均衡不恶化"))
            }
            Rule::Lock => ("C018", "lock", Hard, Moves, ("Bureau's locks", "教育局锁定事项")),
            Rule::Away => ("C019", "away", Hard, Moves, ("Not sent while away", "在外交流期间不再派出")),
            Rule::CoolOff => ("C020", "cool_off", Hard, Moves, ("Cool-off after a term", "交流期满后的间隔期")),
            Rule::RotationDue => {
                ("C021", "rotation_due", Elastic, Teachers, ("Everyone rotates within K years", "应交流教师限期轮岗"))
            }
            Rule::Extension => ("C022", "extension", Hard, Moves, ("Term extension", "交流期限延长")),
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_keys_are_unique_and_parse_back() {
        for (i, a) in Rule::ALL.iter().enumerate() {
            for b in &Rule::ALL[i + 1..] {
                assert_ne!(a.code(), b.code());
                assert_ne!(a.key(), b.key());
                assert!(a.code() < b.code(), "ALL is in code order");
            }
            assert_eq!(Rule::parse(a.key()), Some(*a));
            assert_eq!(Rule::parse(a.code()), Some(*a));
            assert_eq!(serde_json::to_value(a).unwrap(), serde_json::Value::from(a.key()));
        }
        assert_eq!(Rule::parse("pay"), None);
    }

    #[test]
    fn the_elastic_rules_are_the_models_slacks() {
        let elastic: Vec<_> = Rule::ALL.into_iter().filter(|r| r.is_elastic()).map(Rule::code).collect();
        assert_eq!(elastic, ["C010", "C011", "C012", "C014", "C015", "C016", "C017", "C021"]);
    }
}
