//! Pay: the county's mean monthly pay, means by locale and by title, and each school's
//! deviation from the county mean.
//!
//! All means are teacher-weighted: the mean of `Staff::monthly_pay` over the staff in the
//! group (after a plan, an exchanged teacher's pay includes the receiving school's
//! allowance, and placed hires count at their starting pay). A school's deviation is its
//! mean minus the county mean, and as a share of the county mean; it is within tolerance
//! when that share's absolute value is at most `pay.tolerance` of the policy.
//!
//! ## Reference
//! Teachers Law (equal pay for equal work); Compulsory Education Law art. 31.

use crate::domain::{County, Locale, Policy, Staff, Title};
use serde::Serialize;

/// Mean pay of a group of teachers (a locale or a title).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PayGroup {
    /// The locale or title name of the data contract.
    pub group: &'static str,
    pub teachers: usize,
    /// Mean monthly pay (yuan).
    pub mean: f64,
    /// `(mean - county mean) / county mean`.
    pub deviation_share: f64,
}

/// One school's mean pay against the county's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchoolPay {
    pub school_id: String,
    pub teachers: usize,
    /// `None` for a school without teachers.
    pub mean: Option<f64>,
    /// `mean - county mean` (yuan).
    pub deviation: Option<f64>,
    /// `deviation / county mean`.
    pub deviation_share: Option<f64>,
    /// `|deviation_share| <= pay.tolerance`.
    pub within_tolerance: Option<bool>,
}

/// The pay section of an evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PayReport {
    pub teachers: usize,
    /// Mean monthly pay over all teachers; `None` without teachers.
    pub county_mean: Option<f64>,
    /// `pay.tolerance` of the policy.
    pub tolerance: f64,
    /// Locales with teachers, in the order urban, town, rural.
    pub by_locale: Vec<PayGroup>,
    /// Titles held by some teacher, low to high.
    pub by_title: Vec<PayGroup>,
    /// One entry per school, in county order.
    pub schools: Vec<SchoolPay>,
    /// Schools whose mean pay is outside the tolerance, in county order.
    pub schools_outside_tolerance: Vec<String>,
}

impl PayReport {
    /// Mean pay at the schools of one locale.
    pub fn locale(&self, locale: Locale) -> Option<&PayGroup> {
        self.by_locale.iter().find(|g| g.group == locale.name())
    }

    /// Mean pay of the teachers with one title.
    pub fn title(&self, title: Title) -> Option<&PayGroup> {
        self.by_title.iter().find(|g| g.group == title.name())
    }
}

/// Sum and count of pay, per group index.
fn sums(groups: usize, items: impl Iterator<Item = (usize, f64)>) -> Vec<(f64, usize)> {
    let mut acc = vec![(0.0, 0usize); groups];
    for (g, pay) in items {
        acc[g].0 += pay;
        acc[g].1 += 1;
    }
    acc
}

fn groups<T: Copy>(all: &[T], name: impl Fn(T) -> &'static str, acc: &[(f64, usize)], county: f64) -> Vec<PayGroup> {
    all.iter()
        .zip(acc)
        .filter(|(_, (_, n))| *n > 0)
        .map(|(&g, &(sum, n))| {
            let mean = sum / n as f64;
            PayGroup { group: name(g), teachers: n, mean, deviation_share: (mean - county) / county }
        })
        .collect()
}

/// Pay means and deviations for `staff` in `county`.
pub fn pay_report(county: &County, policy: &Policy, staff: &[Staff]) -> PayReport {
    let n = county.schools.len();
    let staff: Vec<&Staff> = staff.iter().filter(|s| s.school < n).collect();
    let tolerance = policy.pay.tolerance;
    let county_mean =
        (!staff.is_empty()).then(|| staff.iter().map(|s| s.monthly_pay).sum::<f64>() / staff.len() as f64);
    let locale_of = |s: &Staff| Locale::ALL.iter().position(|&l| l == county.schools[s.school].locale).unwrap_or(0);
    let title_of = |s: &Staff| Title::ALL.iter().position(|&t| t == s.title).unwrap_or(0);
    let by_school = sums(n, staff.iter().map(|s| (s.school, s.monthly_pay)));
    let (by_locale, by_title) = match county_mean {
        Some(c) => (
            groups(Locale::ALL, Locale::name, &sums(3, staff.iter().map(|s| (locale_of(s), s.monthly_pay))), c),
            groups(
                Title::ALL,
                Title::name,
                &sums(Title::ALL.len(), staff.iter().map(|s| (title_of(s), s.monthly_pay))),
                c,
            ),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let schools: Vec<SchoolPay> = county
        .schools
        .iter()
        .zip(&by_school)
        .map(|(school, &(sum, teachers))| {
            let mean = (teachers > 0).then(|| sum / teachers as f64);
            let deviation = mean.zip(county_mean).map(|(m, c)| m - c);
            let deviation_share = deviation.zip(county_mean).map(|(d, c)| d / c);
            SchoolPay {
                school_id: school.id.clone(),
                teachers,
                mean,
                deviation,
                deviation_share,
                within_tolerance: deviation_share.map(|s| s.abs() <= tolerance + 1e-12),
            }
        })
        .collect();
    let schools_outside_tolerance =
        schools.iter().filter(|s| s.within_tolerance == Some(false)).map(|s| s.school_id.clone()).collect();
    PayReport { teachers: staff.len(), county_mean, tolerance, by_locale, by_title, schools, schools_outside_tolerance }
}
