//! One year of a horizon passes: the plan's exchanges join the record, placed hires join
//! the staff, everyone is a year older and a year longer at their school, teachers at the
//! policy's retirement ages leave, their posts are refilled by next year's hires (with the
//! hires of hires_by_year.csv, or the policy's `hires_per_year`), and enrolment follows
//! enrolment.csv where it projects a school's year, else the policy's growth rate of the
//! school's locale.
//!
//! The county is kept as read (every teacher at their home school, [`home_view`]); the
//! next year's view is made from it.

use crate::domain::cycle::{home_view, record_after};
use crate::domain::{Backbone, County, Degree, Gender, Locale, NewHire, Plan, Policy, Subject, Teacher, Title};

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
    let mut hires: Vec<(Subject, Degree)> = Vec::new();
    if policy.cycle.replace_retirements {
        hires.extend(retired.iter().map(|t| (t.subject, Degree::Bachelor)));
    }
    hires.extend(projected_hires(&county, policy, year + 1));
    county.new_hires = name_hires(&hires, year + 1);
    for s in &mut county.schools {
        let growth = match s.locale {
            Locale::Urban => policy.cycle.growth_urban,
            Locale::Town => policy.cycle.growth_town,
            Locale::Rural => policy.cycle.growth_rural,
        };
        s.students = (s.students as f64 * (1.0 + growth)).round().max(0.0) as u32;
    }
    enrol(&mut county, year + 1);
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

/// Enrolment of school year `year` where enrolment.csv projects it (over the growth rate).
pub fn enrol(county: &mut County, year: u32) {
    let projected = &county.cycle.projection.enrolment;
    for (i, s) in county.schools.iter_mut().enumerate() {
        if let Some(&students) = projected.get(&(i, year)) {
            s.students = students;
        }
    }
}

/// The hires of school year `year` besides the replacements: hires_by_year.csv's rows of
/// the year when the county has that file, else the policy's `hires_per_year`.
fn projected_hires(county: &County, policy: &Policy, year: u32) -> Vec<(Subject, Degree)> {
    let rows = &county.cycle.projection.hires;
    let counts: Vec<(Subject, Degree, u32)> = if rows.is_empty() {
        policy.cycle.hires_per_year.iter().map(|(&k, &n)| (k, Degree::Bachelor, n)).collect()
    } else {
        rows.iter().filter(|r| r.year == year).map(|r| (r.subject, r.degree, r.count)).collect()
    };
    counts.into_iter().flat_map(|(k, d, n)| std::iter::repeat_n((k, d), n as usize)).collect()
}

/// New hires of the subjects and degrees given, named by the year and their order
/// (`H2027-001`): first the replacements of retired teachers (bachelor), then the projected.
fn name_hires(hires: &[(Subject, Degree)], year: u32) -> Vec<NewHire> {
    hires
        .iter()
        .enumerate()
        .map(|(i, &(subject, degree))| NewHire {
            id: format!("H{year}-{:03}", i + 1),
            subject,
            degree,
            gender: None,
            monthly_pay: None,
        })
        .collect()
}
