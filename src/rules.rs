//! The exchange rules of the 2014 opinion as plain predicates on domain data.
//!
//! Both the optimisation model and the independent plan checker ask these questions;
//! neither reads the other's internals.
//!
//! ## Reference
//! 2014 MOE/MOF/MOHRSS opinion on county teacher exchange; local eligibility rules
//! (Henan: 6 years; Dalian: 9).

use crate::domain::{County, Gender, Policy, Teacher};

/// Exempt by age: men at or over `exempt_age_men`, women at or over `exempt_age_women`
/// (以上 includes the number itself).
pub fn exempt_by_age(teacher: &Teacher, policy: &Policy) -> bool {
    let limit = match teacher.gender {
        Gender::M => policy.eligibility.exempt_age_men,
        Gender::F => policy.eligibility.exempt_age_women,
    };
    teacher.age >= limit
}

/// Why a teacher is not due to exchange this year, or `None` when they are.
pub fn ineligibility(county: &County, teacher: &Teacher, policy: &Policy) -> Option<String> {
    let school = &county.schools[teacher.school];
    if !school.is_sending() {
        return Some(format!(
            "school {} is not an urban or town school of good standing (it does not send)",
            school.id
        ));
    }
    if teacher.exempt {
        return Some("marked exempt".into());
    }
    if exempt_by_age(teacher, policy) {
        return Some(format!("exempt by age ({})", teacher.age));
    }
    let min = policy.eligibility.min_years_at_school;
    if teacher.years_at_school < min {
        return Some(format!("{} years at school, fewer than {min}", teacher.years_at_school));
    }
    None
}

/// Eligible for exchange: at a sending school, not exempt, long enough at the school.
pub fn is_eligible(county: &County, teacher: &Teacher, policy: &Policy) -> bool {
    ineligibility(county, teacher, policy).is_none()
}

/// Counts for the backbone share: backbone at or above the policy's minimum level.
pub fn counts_as_backbone(teacher: &Teacher, policy: &Policy) -> bool {
    teacher.backbone >= policy.exchange.backbone_min_level && teacher.backbone > crate::domain::Backbone::None
}

/// Why `to` cannot receive a teacher from `from`, or `None` when it can: same stage,
/// another site, a rural or weak school, within the distance cap where a distance is known.
pub fn destination_problem(county: &County, from: usize, to: usize, policy: &Policy) -> Option<String> {
    let (a, b) = (&county.schools[from], &county.schools[to]);
    if from == to || a.same_campus(b) {
        return Some(format!("{} is on the same site as {}", b.id, a.id));
    }
    if a.stage != b.stage {
        return Some(format!("{} is a {} school, {} a {} school", b.id, b.stage, a.id, a.stage));
    }
    if !b.is_receiving() {
        return Some(format!("{} is neither rural nor weak, so it does not receive exchanged teachers", b.id));
    }
    if let Some(km) = county.distance_km(from, to) {
        if km > policy.exchange.max_distance_km + 1e-9 {
            return Some(format!(
                "{} is {km:.1} km from {}, beyond the {} km cap",
                b.id, a.id, policy.exchange.max_distance_km
            ));
        }
    }
    None
}

/// Number of exchanges the quota asks of `eligible` teachers: ceil(share x eligible).
pub fn quota_needed(eligible: usize, policy: &Policy) -> usize {
    (eligible as f64 * policy.exchange.share - 1e-9).ceil().max(0.0) as usize
}

/// Backbone exchanges needed among `exchanged`: ceil(backbone_share x exchanged).
pub fn backbone_needed(exchanged: usize, policy: &Policy) -> usize {
    (exchanged as f64 * policy.exchange.backbone_share - 1e-9).ceil().max(0.0) as usize
}

/// County mean monthly pay before any plan: the fixed reference of the equal-pay rule
/// (fixed, so the rule stays linear in the plan).
pub fn reference_pay(county: &County) -> f64 {
    if county.teachers.is_empty() {
        return 0.0;
    }
    county.teachers.iter().map(|t| t.monthly_pay).sum::<f64>() / county.teachers.len() as f64
}
