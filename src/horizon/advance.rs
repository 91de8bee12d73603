//! One year of a horizon passes: the plan's exchanges join the record, placed hires join
//! the staff, everyone is a year older and a year longer at their school, teachers at the
//! policy's retirement ages leave, their posts are refilled by next year's hires, and
//! enrolment moves by the policy's growth rate of the school's locale.
//!
//! The county is kept as read (every teacher at their home school, [`home_view`]); the
//! next year's view is made from it.

use crate::domain::cycle::{home_view, record_after};
use crate::domain::{Backbone, County, Degree, Gender, Locale, NewHire, Plan, Policy, Teacher, Title};

/// Age of a new hire joining the staff (a graduate's), an approximation.
const HIRE_AGE: u32 = 24;

/// What the passing of a year did: teachers retired, hires for the next year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Turnover {
    pub retirements: usize,
    pub hires_next: usize,
}

/// The county of school year `year + 1`, after `plan` was carried out in `view` (the
/// county of `year` as planned).
pub fn next_year(view: &County, policy: &Policy, plan: &Plan, year: u32) -> (County, Turnover) {
    let mut county = home_view(view, policy);
    county.cycle.record = record_after(view, plan, year);
    county.locks.clear();
    join_hires(&mut county, policy, plan);
    for t in &mut county.teachers {
        t.age += 1;
        t.years_at_school += 1;
    }
    let retired = retire(&mut county, policy);
    county.new_hires = if policy.cycle.replace_retirements { hires_for(&retired, year + 1) } else { Vec::new() };
    for s in &mut county.schools {
        let growth = match s.locale {
            Locale::Urban => policy.cycle.growth_urban,
            Locale::Town => policy.cycle.growth_town,
            Locale::Rural => policy.cycle.growth_rural,
        };
        s.students = (s.students as f64 * (1.0 + growth)).round().max(0.0) as u32;
    }
    let turnover = Turnover { retirements: retired.len(), hires_next: county.new_hires.len() };
    (county, turnover)
}

/// The hires the plan placed become teachers of their school, at their base pay plus the
/// school's allowance.
fn join_hires(county: &mut County, policy: &Policy, plan: &Plan) {
    for p in &plan.placements {
        let h = &county.new_hires[p.hire];
        let school = &county.schools[p.school];
        let pay =
            h.monthly_pay.unwrap_or(policy.pay.new_hire_monthly_pay) + policy.allowance(school.locale, school.weak);
        county.teachers.push(Teacher {
            id: h.id.clone(),
            name: h.id.clone(),
            school: p.school,
            subject: h.subject,
            title: Title::None,
            degree: h.degree,
            backbone: Backbone::None,
            years_at_school: 0,
            age: HIRE_AGE - 1,
            gender: h.gender.unwrap_or(Gender::F),
            monthly_pay: pay,
            exempt: false,
            cycle: Default::default(),
        });
    }
}

/// Removes the teachers at or over their retirement age and their terms of the record
/// (renumbering the others); returns those retired.
fn retire(county: &mut County, policy: &Policy) -> Vec<Teacher> {
    let limit = |t: &Teacher| match t.gender {
        Gender::M => policy.cycle.retire_age_men,
        Gender::F => policy.cycle.retire_age_women,
    };
    let mut new_index = vec![None; county.teachers.len()];
    let (mut kept, mut retired) = (Vec::new(), Vec::new());
    for (i, t) in std::mem::take(&mut county.teachers).into_iter().enumerate() {
        if t.age >= limit(&t) {
            retired.push(t);
        } else {
            new_index[i] = Some(kept.len());
            kept.push(t);
        }
    }
    county.teachers = kept;
    county.cycle.record.retain_mut(|term| match new_index[term.teacher] {
        Some(i) => {
            term.teacher = i;
            true
        }
        None => false,
    });
    retired
}

/// One hire per retired teacher, of their subject, with a bachelor's degree, named by the
/// year and their order (`H2027-001`).
fn hires_for(retired: &[Teacher], year: u32) -> Vec<NewHire> {
    retired
        .iter()
        .enumerate()
        .map(|(i, t)| NewHire {
            id: format!("H{year}-{:03}", i + 1),
            subject: t.subject,
            degree: Degree::Bachelor,
            gender: None,
            monthly_pay: None,
        })
        .collect()
}
