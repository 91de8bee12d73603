//! The policy: every number a county or province may set, read from a TOML file in
//! `models/`. Local rules are parameters here, never constants in code.
//!
//! The TOML file is the policy's own wire format, so this one domain type carries serde
//! derives (a separate mirror type would repeat every field). Unknown keys are rejected
//! by serde; [`Policy::range_errors`] rejects values outside their valid range.
//!
//! This file holds the types and their accessors; the range checks are in `ranges`, the
//! serde forms of backbone levels and subjects in `wire`.
//!
//! ## Reference
//! 2014 MOE/MOF/MOHRSS opinion on county teacher exchange; 2014 unified staffing
//! standard; 2017 quality-balance evaluation method; 2012 basic-balance method.

mod cycle;
mod ranges;
mod wire;

pub use cycle::{CountsAt, CyclePolicy};

use super::enums::{Backbone, Locale, Stage, Subject};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use wire::{backbone_name, subject_names};

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
    /// The `[balance]` table: whether the plan may make a teacher indicator less balanced.
    #[serde(default)]
    pub balance: Balance,
    /// Who makes the plan: the optimiser (default, no `[allocator]` table) or a baseline
    /// rule bureaus use today, so that `rotaplan compare` can set them side by side.
    #[serde(default)]
    pub allocator: Allocator,
    /// The `[cycle]` table: where a teacher on exchange counts, the cool-off, and how a
    /// horizon advances the county.
    #[serde(default)]
    pub cycle: CyclePolicy,
}

/// The `[balance]` table (rule C017, docs/model.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Balance {
    /// No teacher indicator's spread over a stage's schools (the linear proxy of its CV)
    /// may rise above its value before the plan; elastic, reported as a violation where the
    /// quotas force it. Default true.
    #[serde(default = "yes")]
    pub no_worse: bool,
}

fn yes() -> bool {
    true
}

impl Default for Balance {
    fn default() -> Self {
        Balance { no_worse: true }
    }
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
    /// Rows of moves.csv and hires.csv added or removed relative to the plan the bureau
    /// starts from (`plan --start`); a term only when there is one.
    Changes,
}

impl Term {
    pub const ALL: [Term; 6] =
        [Term::Violations, Term::Shortage, Term::Balance, Term::Moves, Term::Distance, Term::Changes];
    /// The terms every plan has, whatever it started from (comparisons score these).
    pub const OF_EVERY_PLAN: [Term; 5] = [Term::Violations, Term::Shortage, Term::Balance, Term::Moves, Term::Distance];

    pub fn name(self) -> &'static str {
        match self {
            Term::Violations => "violations",
            Term::Shortage => "shortage",
            Term::Balance => "balance",
            Term::Moves => "moves",
            Term::Distance => "distance",
            Term::Changes => "changes",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// The order of the terms. `changes` may be left out: with a start plan it then comes
    /// right after `violations`, so that the bureau's edits weigh more than optimisation.
    pub order: Vec<Term>,
    /// How much each term may give up, once proved, so that the later terms can do
    /// better (`[objective.tolerance]`; docs/model.md, "Objective"). Zero everywhere is
    /// the strict lexicographic order.
    #[serde(default)]
    pub tolerance: Tolerances,
}

impl Objective {
    /// The terms minimised, in order: `changes` only with a start plan (after `violations`
    /// unless the policy places it), every other term as the policy orders them.
    pub fn stages(&self, with_start: bool) -> Vec<Term> {
        let mut order: Vec<Term> = self.order.iter().copied().filter(|&t| t != Term::Changes).collect();
        if with_start {
            let at = match self.order.iter().position(|&t| t == Term::Changes) {
                Some(k) => k,
                None => order.iter().position(|&t| t == Term::Violations).map_or(0, |k| k + 1),
            };
            order.insert(at.min(order.len()), Term::Changes);
        }
        order
    }
}

/// The allowed degradation of each term, as hierarchical solvers name it (Gurobi's
/// `ObjNRelTol`/`ObjNAbsTol`): once a term's optimum is proved within its tolerance, the
/// later stages keep it at most `max(absolute, relative * |bound|)` above its proven
/// bound; a term cut short by the time limit is kept at the value it reached.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Tolerances {
    pub violations: Tolerance,
    pub shortage: Tolerance,
    pub balance: Tolerance,
    pub moves: Tolerance,
    pub distance: Tolerance,
    pub changes: Tolerance,
}

/// One term's allowed degradation: relative to its proven bound, and absolute in the
/// term's own unit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Tolerance {
    pub relative: f64,
    pub absolute: f64,
}

impl Tolerance {
    /// How far above `bound` the term may end: `max(absolute, relative * |bound|)`.
    pub fn allowance(&self, bound: f64) -> f64 {
        self.absolute.max(self.relative * bound.abs())
    }
}

impl Tolerances {
    pub fn of(&self, term: Term) -> Tolerance {
        match term {
            Term::Violations => self.violations,
            Term::Shortage => self.shortage,
            Term::Balance => self.balance,
            Term::Moves => self.moves,
            Term::Distance => self.distance,
            Term::Changes => self.changes,
        }
    }
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
}
