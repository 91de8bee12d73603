//! The policy: every number a county or province may set, read from a TOML file in
//! `models/`. Local rules are parameters here, never constants in code.
//!
//! The TOML file is the policy's own wire format, so this one domain type carries serde
//! derives (a separate mirror type would repeat every field). Unknown keys are rejected
//! by serde; [`Policy::range_errors`] rejects values outside their valid range.
//!
//! ## Reference
//! 2014 MOE/MOF/MOHRSS opinion on county teacher exchange; 2014 unified staffing
//! standard; 2017 quality-balance evaluation method; 2012 basic-balance method.

use super::enums::{Backbone, Locale, Stage, Subject};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub eligibility: Eligibility,
    pub exchange: Exchange,
    pub staffing: Staffing,
    pub curriculum: Curriculum,
    pub evaluation: Evaluation,
    pub pay: Pay,
    pub priority: Priority,
    pub objective: Objective,
    /// Who makes the plan: the optimiser (default, no `[allocator]` table) or a baseline
    /// rule bureaus use today, so that `rotaplan compare` can set them side by side.
    #[serde(default)]
    pub allocator: Allocator,
}

/// The `[allocator]` table of a rule file: which allocation rule makes the plan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allocator {
    #[serde(default)]
    pub rule: AllocationRule,
    /// Seed of the lottery's draws: the same seed always gives the same plan.
    #[serde(default)]
    pub seed: u64,
}

/// An allocation rule: the optimisation model, or one of the administrative rules without
/// optimisation (`src/baselines/`, described in `docs/compare.md`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AllocationRule {
    /// The lexicographic MILP of `docs/model.md`.
    #[default]
    Optimise,
    /// Longest-serving eligible teachers to the nearest school short in their subject.
    Seniority,
    /// Seeded random eligible teachers to random schools short in their subject.
    Lottery,
    /// The highest-priority shortage first, filled by the nearest eligible teacher.
    GreedyPriority,
}

impl AllocationRule {
    pub fn name(self) -> &'static str {
        match self {
            AllocationRule::Optimise => "optimise",
            AllocationRule::Seniority => "seniority",
            AllocationRule::Lottery => "lottery",
            AllocationRule::GreedyPriority => "greedy-priority",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    /// Consecutive years at the current school before a teacher must exchange.
    pub min_years_at_school: u32,
    /// Men of this age and over are exempt (以上 includes the number itself).
    pub exempt_age_men: u32,
    /// Women of this age and over are exempt.
    pub exempt_age_women: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuotaScope {
    /// 10% of all eligible teachers of sending schools, county-wide (2017 evaluation).
    County,
    /// 10% of each sending school's eligible teachers.
    School,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exchange {
    /// Minimum share of sending schools' eligible teachers exchanged each year.
    pub share: f64,
    pub scope: QuotaScope,
    /// Minimum share of backbone teachers among those exchanged.
    pub backbone_share: f64,
    /// Lowest backbone level that counts for `backbone_share`.
    #[serde(with = "backbone_name")]
    pub backbone_min_level: Backbone,
    pub term_years: u32,
    /// Farthest a teacher is sent (km); ignored where no distance is known.
    pub max_distance_km: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Staffing {
    pub students_per_teacher_primary: f64,
    pub students_per_teacher_junior: f64,
    /// Posts a receiving school may go above its staff quota.
    pub quota_tolerance: u32,
    /// Subjects every school with demand for them must have taught (PE, music, art).
    #[serde(with = "subject_names")]
    pub coverage_subjects: Vec<Subject>,
}

/// Shares of teaching posts by subject, per stage (weekly periods of the curriculum plan).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Curriculum {
    pub primary: BTreeMap<String, f64>,
    pub junior: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    pub cv_max_primary: f64,
    pub cv_max_junior: f64,
    pub basic_cv_mean_max_primary: f64,
    pub basic_cv_mean_max_junior: f64,
    /// Teaching points with fewer students are left out of the CV.
    pub teaching_point_min_students: u32,
    /// Minimums a school must meet out of seven (six).
    pub minimums_required: u32,
    /// Indicators not met must still reach this share of the minimum (0.85).
    pub minimum_floor_share: f64,
    pub minimums: Minimums,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Minimums {
    pub primary: BTreeMap<String, f64>,
    pub junior: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pay {
    /// Each school's mean pay after the plan stays within this share of the county mean.
    pub tolerance: f64,
    pub new_hire_monthly_pay: f64,
    pub allowance_urban: f64,
    pub allowance_town: f64,
    pub allowance_rural: f64,
    /// Added to the locale allowance at weak schools.
    pub allowance_weak: f64,
    /// Monthly budget for the allowances exchanged teachers receive; absent: no budget.
    #[serde(default)]
    pub allowance_budget_monthly: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    pub urban: f64,
    pub town: f64,
    pub rural: f64,
    /// Added to the locale weight at weak schools.
    pub weak_bonus: f64,
}

/// Objective terms, minimised lexicographically in the order given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Term {
    Violations,
    Shortage,
    Balance,
    Moves,
    Distance,
}

impl Term {
    pub const ALL: [Term; 5] = [Term::Violations, Term::Shortage, Term::Balance, Term::Moves, Term::Distance];

    pub fn name(self) -> &'static str {
        match self {
            Term::Violations => "violations",
            Term::Shortage => "shortage",
            Term::Balance => "balance",
            Term::Moves => "moves",
            Term::Distance => "distance",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub order: Vec<Term>,
}

/// The seven 2017 indicator keys with minimums, in the official order.
pub const MINIMUM_KEYS: [&str; 7] = [
    "degree_per_100",
    "backbone_per_100",
    "pe_arts_per_100",
    "floor_area",
    "sports_area",
    "equipment",
    "multimedia_per_100",
];

impl Policy {
    pub fn students_per_teacher(&self, stage: Stage) -> f64 {
        match stage {
            Stage::Primary => self.staffing.students_per_teacher_primary,
            Stage::Junior => self.staffing.students_per_teacher_junior,
        }
    }

    pub fn cv_max(&self, stage: Stage) -> f64 {
        match stage {
            Stage::Primary => self.evaluation.cv_max_primary,
            Stage::Junior => self.evaluation.cv_max_junior,
        }
    }

    pub fn basic_cv_mean_max(&self, stage: Stage) -> f64 {
        match stage {
            Stage::Primary => self.evaluation.basic_cv_mean_max_primary,
            Stage::Junior => self.evaluation.basic_cv_mean_max_junior,
        }
    }

    /// Curriculum share of a subject in a stage (0 when the file leaves it out).
    pub fn curriculum_share(&self, stage: Stage, subject: Subject) -> f64 {
        let shares = match stage {
            Stage::Primary => &self.curriculum.primary,
            Stage::Junior => &self.curriculum.junior,
        };
        shares.get(subject.name()).copied().unwrap_or(0.0)
    }

    /// 2017 minimum of an indicator for a stage.
    pub fn minimum(&self, stage: Stage, key: &str) -> Option<f64> {
        let m = match stage {
            Stage::Primary => &self.evaluation.minimums.primary,
            Stage::Junior => &self.evaluation.minimums.junior,
        };
        m.get(key).copied()
    }

    /// Monthly allowance paid at a school (locale plus weak), which an exchanged teacher receives.
    pub fn allowance(&self, locale: Locale, weak: bool) -> f64 {
        let base = match locale {
            Locale::Urban => self.pay.allowance_urban,
            Locale::Town => self.pay.allowance_town,
            Locale::Rural => self.pay.allowance_rural,
        };
        base + if weak { self.pay.allowance_weak } else { 0.0 }
    }

    /// Priority weight of a school's unfilled posts: rural and weak schools weigh most.
    pub fn priority_weight(&self, locale: Locale, weak: bool) -> f64 {
        let base = match locale {
            Locale::Urban => self.priority.urban,
            Locale::Town => self.priority.town,
            Locale::Rural => self.priority.rural,
        };
        base + if weak { self.priority.weak_bonus } else { 0.0 }
    }

    /// Every value outside its valid range, as (key, message naming the range).
    pub fn range_errors(&self) -> Vec<(String, String)> {
        let mut errs = Vec::new();
        let e = &self.eligibility;
        check(&mut errs, "eligibility.min_years_at_school", e.min_years_at_school as f64, 0.0, 40.0);
        check(&mut errs, "eligibility.exempt_age_men", e.exempt_age_men as f64, 18.0, 70.0);
        check(&mut errs, "eligibility.exempt_age_women", e.exempt_age_women as f64, 18.0, 70.0);
        let x = &self.exchange;
        check(&mut errs, "exchange.share", x.share, 0.0, 1.0);
        check(&mut errs, "exchange.backbone_share", x.backbone_share, 0.0, 1.0);
        check(&mut errs, "exchange.term_years", x.term_years as f64, 1.0, 10.0);
        check(&mut errs, "exchange.max_distance_km", x.max_distance_km, 0.0, 1000.0);
        let s = &self.staffing;
        check(&mut errs, "staffing.students_per_teacher_primary", s.students_per_teacher_primary, 1.0, 100.0);
        check(&mut errs, "staffing.students_per_teacher_junior", s.students_per_teacher_junior, 1.0, 100.0);
        check(&mut errs, "staffing.quota_tolerance", s.quota_tolerance as f64, 0.0, 100.0);
        for (stage, shares) in [("primary", &self.curriculum.primary), ("junior", &self.curriculum.junior)] {
            for (subject, &share) in shares {
                let key = format!("curriculum.{stage}.{subject}");
                if Subject::parse(subject).is_none() {
                    errs.push((key.clone(), format!("{key}: unknown subject; use one of: {}", Subject::expected())));
                }
                check(&mut errs, &key, share, 0.0, 1.0);
            }
            let total: f64 = shares.values().sum();
            if (total - 1.0).abs() > 0.005 {
                let key = format!("curriculum.{stage}");
                errs.push((
                    key.clone(),
                    format!("{key}: shares add up to {total:.3}; they must add up to 1 (within 0.005)"),
                ));
            }
        }
        let v = &self.evaluation;
        check(&mut errs, "evaluation.cv_max_primary", v.cv_max_primary, 0.0, 5.0);
        check(&mut errs, "evaluation.cv_max_junior", v.cv_max_junior, 0.0, 5.0);
        check(&mut errs, "evaluation.basic_cv_mean_max_primary", v.basic_cv_mean_max_primary, 0.0, 5.0);
        check(&mut errs, "evaluation.basic_cv_mean_max_junior", v.basic_cv_mean_max_junior, 0.0, 5.0);
        check(&mut errs, "evaluation.teaching_point_min_students", v.teaching_point_min_students as f64, 0.0, 10000.0);
        check(&mut errs, "evaluation.minimums_required", v.minimums_required as f64, 0.0, 7.0);
        check(&mut errs, "evaluation.minimum_floor_share", v.minimum_floor_share, 0.0, 1.0);
        for (stage, mins) in [("primary", &v.minimums.primary), ("junior", &v.minimums.junior)] {
            for (k, &m) in mins {
                let key = format!("evaluation.minimums.{stage}.{k}");
                if !MINIMUM_KEYS.contains(&k.as_str()) {
                    errs.push((
                        key.clone(),
                        format!("{key}: unknown indicator; use one of: {}", MINIMUM_KEYS.join(", ")),
                    ));
                }
                check(&mut errs, &key, m, 0.0, 1e7);
            }
        }
        let p = &self.pay;
        check(&mut errs, "pay.tolerance", p.tolerance, 0.0, 1.0);
        check(&mut errs, "pay.new_hire_monthly_pay", p.new_hire_monthly_pay, 1.0, 1e6);
        for (key, a) in [
            ("pay.allowance_urban", p.allowance_urban),
            ("pay.allowance_town", p.allowance_town),
            ("pay.allowance_rural", p.allowance_rural),
            ("pay.allowance_weak", p.allowance_weak),
        ] {
            check(&mut errs, key, a, 0.0, 1e5);
        }
        if let Some(b) = p.allowance_budget_monthly {
            check(&mut errs, "pay.allowance_budget_monthly", b, 0.0, 1e9);
        }
        let w = &self.priority;
        for (key, value) in [("priority.urban", w.urban), ("priority.town", w.town), ("priority.rural", w.rural)] {
            check(&mut errs, key, value, 0.01, 1000.0);
        }
        check(&mut errs, "priority.weak_bonus", w.weak_bonus, 0.0, 1000.0);
        let order = &self.objective.order;
        if order.first() != Some(&Term::Violations) {
            errs.push((
                "objective.order".into(),
                "objective.order must start with \"violations\": policy rules come first".into(),
            ));
        }
        for (i, t) in order.iter().enumerate() {
            if order[..i].contains(t) {
                errs.push(("objective.order".into(), format!("objective.order names \"{}\" twice", t.name())));
            }
        }
        errs
    }
}

/// Records `key` when `value` lies outside `[lo, hi]`, naming the range.
fn check(errs: &mut Vec<(String, String)>, key: &str, value: f64, lo: f64, hi: f64) {
    if !(value >= lo && value <= hi) {
        errs.push((key.to_string(), format!("{key} = {value} is outside its valid range {lo} to {hi}")));
    }
}

mod backbone_name {
    use super::Backbone;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};
    pub fn serialize<S: Serializer>(b: &Backbone, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(b.name())
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Backbone, D::Error> {
        let text = String::deserialize(d)?;
        Backbone::parse(&text).ok_or_else(|| {
            D::Error::custom(format!("unknown backbone level \"{text}\"; use one of: {}", Backbone::expected()))
        })
    }
}

mod subject_names {
    use super::Subject;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};
    pub fn serialize<S: Serializer>(v: &[Subject], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|x| x.name()))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Subject>, D::Error> {
        let names = Vec::<String>::deserialize(d)?;
        names
            .iter()
            .map(|n| {
                Subject::parse(n).ok_or_else(|| {
                    D::Error::custom(format!("unknown subject \"{n}\"; use one of: {}", Subject::expected()))
                })
            })
            .collect()
    }
}
