//! The `[cycle]` table: how the yearly cycle of exchange terms is counted and how a
//! horizon advances the county (docs/model.md, "The yearly cycle"). Every key has a
//! default, so a policy file without the table keeps its meaning.
//!
//! ## Reference
//! 2014 exchange opinion (terms; 人走关系留 or 人走关系走 left to localities); retirement
//! ages of the State Council's 1978 rules (men 60, women cadres 55), raised gradually from
//! 2025: an approximate default, set it locally.

use crate::domain::Subject;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a teacher on exchange counts during the term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CountsAt {
    /// The school the teacher came from and returns to.
    Home,
    /// The school where the teacher serves the term.
    Host,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CyclePolicy {
    /// Where a teacher away counts for subject posts, the teacher indicators and pay
    /// (default host: where they teach).
    pub teaching_at: CountsAt,
    /// Where a teacher away counts for the staff quota (default home: 人走关系留).
    pub post_at: CountsAt,
    /// School years after a term's last year in which the teacher is not sent again.
    pub cool_off_years: u32,
    /// Every eligible teacher rotates once within this many years of becoming eligible (or
    /// of the end of their last cool-off): a teacher in their K-th such year is due and
    /// must be among those sent (rule C021, elastic). 0 turns the rule off.
    pub rotate_within_years: u32,
    /// A teacher whose term ended last school year may be kept at the host for one more
    /// year when the plan needs them there (a decision of the model, rule C022).
    pub extend_terms: bool,
    /// Horizon: men retire in the year they reach this age, women likewise.
    pub retire_age_men: u32,
    pub retire_age_women: u32,
    /// Horizon: each retirement is replaced by a new hire of the same subject next year.
    pub replace_retirements: bool,
    /// Horizon: new hires each year by subject, besides the replacements (when the county
    /// has no hires_by_year.csv).
    #[serde(with = "super::wire::subject_counts")]
    pub hires_per_year: BTreeMap<Subject, u32>,
    /// Horizon: enrolment change per year by locale (0.02 = +2%).
    pub growth_urban: f64,
    pub growth_town: f64,
    pub growth_rural: f64,
}

impl Default for CyclePolicy {
    fn default() -> Self {
        CyclePolicy {
            teaching_at: CountsAt::Host,
            post_at: CountsAt::Home,
            cool_off_years: 3,
            rotate_within_years: 0,
            extend_terms: false,
            retire_age_men: 60,
            retire_age_women: 55,
            replace_retirements: true,
            hires_per_year: BTreeMap::new(),
            growth_urban: 0.0,
            growth_town: 0.0,
            growth_rural: 0.0,
        }
    }
}
