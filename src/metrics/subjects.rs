//! Subject posts: demand, teachers present, shortage and surplus per school and subject,
//! with totals by locale and for the county.
//!
//! Demand is [`staffing::subject_demand`] (demand.csv, else the staff quota split by the
//! curriculum shares); presence is [`staffing::present_by_subject`]. Shortage is
//! `max(demand - present, 0)` and surplus `max(present - demand, 0)` at each school;
//! totals add the schools' shortages and surpluses, so a surplus at one school does not
//! cancel a shortage at another.

use super::by_name;
use crate::domain::{County, Locale, Policy, Staff, Subject};
use crate::staffing;
use serde::Serialize;

/// Posts needed and filled, for one subject or added over several.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PostGap {
    pub demand: u32,
    pub present: u32,
    /// Unfilled posts.
    pub shortage: u32,
    /// Teachers beyond the posts.
    pub surplus: u32,
}

impl PostGap {
    /// The gap at one school for one subject.
    pub fn new(demand: u32, present: u32) -> Self {
        PostGap { demand, present, shortage: demand.saturating_sub(present), surplus: present.saturating_sub(demand) }
    }

    fn add(&mut self, other: PostGap) {
        self.demand += other.demand;
        self.present += other.present;
        self.shortage += other.shortage;
        self.surplus += other.surplus;
    }

    fn is_empty(&self) -> bool {
        self.demand == 0 && self.present == 0
    }
}

/// One subject's gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SubjectGap {
    #[serde(serialize_with = "by_name")]
    pub subject: Subject,
    #[serde(flatten)]
    pub gap: PostGap,
}

/// A school's subjects with demand or teachers, in contract order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchoolSubjects {
    pub school_id: String,
    pub subjects: Vec<SubjectGap>,
    pub total: PostGap,
}

/// The subjects of one locale's schools (both stages).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocaleSubjects {
    #[serde(serialize_with = "by_name")]
    pub locale: Locale,
    pub subjects: Vec<SubjectGap>,
    pub total: PostGap,
}

/// Subject posts of the whole county.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubjectGaps {
    /// One entry per school, in county order.
    pub schools: Vec<SchoolSubjects>,
    /// One entry per locale with schools, in the order urban, town, rural.
    pub by_locale: Vec<LocaleSubjects>,
    /// County totals per subject with demand or teachers.
    pub county: Vec<SubjectGap>,
    pub total: PostGap,
}

impl SubjectGaps {
    /// The county total of one subject.
    pub fn subject(&self, subject: Subject) -> Option<&SubjectGap> {
        self.county.iter().find(|g| g.subject == subject)
    }

    /// The totals of one locale.
    pub fn locale(&self, locale: Locale) -> Option<&LocaleSubjects> {
        self.by_locale.iter().find(|l| l.locale == locale)
    }
}

/// Per-subject gaps from a table of gaps, keeping subjects with demand or teachers.
fn listed(gaps: &[PostGap; Subject::COUNT]) -> Vec<SubjectGap> {
    Subject::ALL
        .iter()
        .zip(gaps)
        .filter(|(_, g)| !g.is_empty())
        .map(|(&subject, &gap)| SubjectGap { subject, gap })
        .collect()
}

fn total(gaps: &[PostGap; Subject::COUNT]) -> PostGap {
    let mut t = PostGap::default();
    gaps.iter().for_each(|g| t.add(*g));
    t
}

/// Demand, presence and gaps for every school and subject.
pub fn subject_gaps(county: &County, policy: &Policy, staff: &[Staff]) -> SubjectGaps {
    let n = county.schools.len();
    let demand = staffing::subject_demand(county, policy);
    let present = staffing::present_by_subject(n, staff.iter().filter(|s| s.school < n).map(|s| (s.school, s.subject)));
    let mut by_locale = [[PostGap::default(); Subject::COUNT]; 3];
    let mut county_gaps = [PostGap::default(); Subject::COUNT];
    let mut schools = Vec::with_capacity(n);
    for (i, school) in county.schools.iter().enumerate() {
        let gaps: [PostGap; Subject::COUNT] = std::array::from_fn(|k| PostGap::new(demand[i][k], present[i][k]));
        let l = Locale::ALL.iter().position(|&l| l == school.locale).unwrap_or(0);
        for (k, g) in gaps.iter().enumerate() {
            by_locale[l][k].add(*g);
            county_gaps[k].add(*g);
        }
        schools.push(SchoolSubjects { school_id: school.id.clone(), subjects: listed(&gaps), total: total(&gaps) });
    }
    let by_locale = Locale::ALL
        .iter()
        .zip(&by_locale)
        .filter(|(l, _)| county.schools.iter().any(|s| s.locale == **l))
        .map(|(&locale, gaps)| LocaleSubjects { locale, subjects: listed(gaps), total: total(gaps) })
        .collect();
    SubjectGaps { schools, by_locale, county: listed(&county_gaps), total: total(&county_gaps) }
}
