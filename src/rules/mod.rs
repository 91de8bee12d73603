//! The exchange rules of the 2014 opinion as plain predicates on domain data.
//!
//! Both the optimisation model and the independent plan checker ask these questions;
//! neither reads the other's internals.
//!
//! ## Reference
//! 2014 MOE/MOF/MOHRSS opinion on county teacher exchange; local eligibility rules
//! (Henan: 6 years; Dalian: 9).

mod locks;
mod rotation;
mod rule;
mod start;

pub use locks::{lock_broken, lock_conflicts, promised_school, TeacherLocks};
pub use rotation::{due_teachers, extension_host, extension_problem, rotation_due, years_eligible};
pub use rule::{Kind, Rule, Unit};
pub use start::{changes, SetAside, StartPlan};

use crate::domain::Teacher;
use crate::domain::{Backbone, County, Degree, Gender, Policy, School, Stage, Subject};
use crate::report::i18n::say;

/// Exempt by age: men at or over `exempt_age_men`, women at or over `exempt_age_women`
/// (以上 includes the number itself).
pub fn exempt_by_age(teacher: &Teacher, policy: &Policy) -> bool {
    let limit = match teacher.gender {
        Gender::M => policy.eligibility.exempt_age_men,
        Gender::F => policy.eligibility.exempt_age_women,
    };
    teacher.age >= limit
}

/// Why the exchange cycle keeps a teacher from being sent this year: away on a term
/// ([`Rule::Away`]) or returned within the cool-off ([`Rule::CoolOff`]); `None` otherwise.
pub fn cycle_problem(county: &County, teacher: &Teacher, policy: &Policy) -> Option<(Rule, String)> {
    let why = not_due(county, teacher, policy)?;
    let rule = match why {
        NotDue::Away { .. } => Rule::Away,
        NotDue::CoolOff { .. } => Rule::CoolOff,
        _ => return None,
    };
    Some((rule, not_due_words(county, teacher, why)))
}

/// Why a teacher is not due to exchange this year, as data: the first of the checks of
/// [`ineligibility`] that fails (the explanations word it in English and Chinese).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotDue {
    /// Their school is rural, or weak: it receives, it does not send.
    SchoolDoesNotSend,
    /// Marked exempt in teachers.csv.
    Exempt,
    /// At or over the exemption age for their gender.
    Age { age: u32, limit: u32 },
    /// Fewer years at the school than the policy's minimum.
    Tenure { years: u32, min: u32 },
    /// Away from `home` on an exchange term (rule C019) at `host` until the end of
    /// `last_year`.
    Away { home: usize, host: usize, last_year: u32 },
    /// Back from exchange after school year `returned`, within the cool-off (rule C020).
    CoolOff { returned: u32, cool_off: u32 },
}

/// Why a teacher is not due to exchange this year, or `None` when they are.
pub fn not_due(county: &County, teacher: &Teacher, policy: &Policy) -> Option<NotDue> {
    if let Some(a) = teacher.cycle.away {
        return Some(NotDue::Away { home: a.home, host: a.host, last_year: a.last_year });
    }
    if let (Some(year), Some(returned)) = (county.cycle.year, teacher.cycle.returned) {
        let cool_off = policy.cycle.cool_off_years;
        if year <= returned + cool_off {
            return Some(NotDue::CoolOff { returned, cool_off });
        }
    }
    if !county.schools[teacher.school].is_sending() {
        return Some(NotDue::SchoolDoesNotSend);
    }
    if teacher.exempt {
        return Some(NotDue::Exempt);
    }
    if exempt_by_age(teacher, policy) {
        let limit = match teacher.gender {
            Gender::M => policy.eligibility.exempt_age_men,
            Gender::F => policy.eligibility.exempt_age_women,
        };
        return Some(NotDue::Age { age: teacher.age, limit });
    }
    let min = policy.eligibility.min_years_at_school;
    (teacher.years_at_school < min).then_some(NotDue::Tenure { years: teacher.years_at_school, min })
}

/// Why a teacher is not due to exchange this year, in words, or `None` when they are.
pub fn ineligibility(county: &County, teacher: &Teacher, policy: &Policy) -> Option<String> {
    not_due(county, teacher, policy).map(|why| not_due_words(county, teacher, why))
}

/// [`NotDue`] in words, in the language of the run.
fn not_due_words(county: &County, teacher: &Teacher, why: NotDue) -> String {
    match why {
        NotDue::SchoolDoesNotSend => {
            let id = &county.schools[teacher.school].id;
            say(
                format!("school {id} is not an urban or town school of good standing (it does not send)"),
                format!("学校 {id} 不是城区或镇区的非薄弱学校（不派出教师）"),
            )
        }
        NotDue::Exempt => say("marked exempt".into(), "已标注免于交流".into()),
        NotDue::Age { age, .. } => say(format!("exempt by age ({age})"), format!("因年龄免于交流（{age} 岁）")),
        NotDue::Tenure { years, min } => {
            say(format!("{years} years at school, fewer than {min}"), format!("本校任教 {years} 年，不足 {min} 年"))
        }
        NotDue::Away { home, host, last_year } => {
            let (home, host) = (&county.schools[home].id, &county.schools[host].id);
            say(
                format!("away from {home} on exchange at {host} until the end of school year {last_year}"),
                format!("由 {home} 派出，正在 {host} 交流，任期至 {last_year} 学年结束"),
            )
        }
        NotDue::CoolOff { returned, cool_off } => say(
            format!("back from exchange after school year {returned}, within the cool-off of {cool_off} year(s)"),
            format!("{returned} 学年结束交流返回，仍在 {cool_off} 年间隔期内"),
        ),
    }
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
        return Some(say(
            format!("{} is on the same site as {}", b.id, a.id),
            format!("{} 与 {} 在同一校区", b.id, a.id),
        ));
    }
    if a.stage != b.stage {
        let zh = |s| crate::report::i18n::stage(crate::cli::Lang::Zh, s);
        return Some(say(
            format!("{} is a {} school, {} a {} school", b.id, b.stage, a.id, a.stage),
            format!("{} 是{}，{} 是{}", b.id, zh(b.stage), a.id, zh(a.stage)),
        ));
    }
    if !b.is_receiving() {
        return Some(say(
            format!("{} is neither rural nor weak, so it does not receive exchanged teachers", b.id),
            format!("{} 既不是乡村学校也不是薄弱学校，不接收交流教师", b.id),
        ));
    }
    if let Some(km) = county.distance_km(from, to) {
        let cap = policy.exchange.max_distance_km;
        if km > cap + 1e-9 {
            return Some(say(
                format!("{} is {km:.1} km from {}, beyond the {cap} km cap", b.id, a.id),
                format!("{} 距 {} {km:.1} 公里，超过 {cap} 公里的上限", b.id, a.id),
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

/// Staff ceiling of a school ([`Rule::StaffQuota`]): its quota plus the tolerance, or its
/// staff before the plan if larger (a school already over quota may not grow, but is not
/// forced to shrink).
pub fn staff_ceiling(quota: u32, staff_before: u32, policy: &Policy) -> u32 {
    (quota + policy.staffing.quota_tolerance).max(staff_before)
}

/// Whether a school must keep a teacher of a subject ([`Rule::SenderSubject`]): it sends
/// teachers and had at least one of that subject before the plan.
pub fn sender_keeps(school: &School, teachers_before: u32) -> bool {
    school.is_sending() && teachers_before >= 1
}

/// Whether a school must have a teacher of `subject` after the plan ([`Rule::Coverage`]):
/// the subject is one the policy wants taught everywhere and the school has demand for it.
pub fn coverage_needed(subject: Subject, demand: u32, policy: &Policy) -> bool {
    policy.staffing.coverage_subjects.contains(&subject) && demand >= 1
}

/// The equal-pay band ([`Rule::PayBand`]) on the total monthly pay of a school with
/// `staff` teachers: `(1 - tol) R n` to `(1 + tol) R n`, R the county mean before the plan.
pub fn pay_band(reference: f64, staff: f64, policy: &Policy) -> (f64, f64) {
    let tol = policy.pay.tolerance;
    ((1.0 - tol) * reference * staff, (1.0 + tol) * reference * staff)
}

/// County mean monthly pay before any plan: the fixed reference of the equal-pay rule
/// (fixed, so the rule stays linear in the plan).
pub fn reference_pay(county: &County) -> f64 {
    if county.teachers.is_empty() {
        return 0.0;
    }
    county.teachers.iter().map(|t| t.monthly_pay).sum::<f64>() / county.teachers.len() as f64
}

/// The three teacher indicators of the 2017 method that an exchange plan moves, per 100
/// students: teachers with the stage's degree, backbone teachers (county level and up),
/// PE and arts teachers.
pub const INDICATORS: [&str; 3] = ["degree_per_100", "backbone_per_100", "pe_arts_per_100"];

/// What one teacher adds to each of [`INDICATORS`] at a school of `stage`.
pub fn carries(stage: Stage, degree: Degree, backbone: Backbone, subject: Subject) -> [f64; 3] {
    [
        f64::from(u8::from(degree >= stage.required_degree())),
        f64::from(u8::from(backbone >= Backbone::County)),
        f64::from(u8::from(subject.is_pe_arts())),
    ]
}

/// Whether a school counts in its stage's CV (2017 method): it has students and is not a
/// teaching point below the policy's size.
pub fn in_cv(school: &School, policy: &Policy) -> bool {
    let min = policy.evaluation.teaching_point_min_students;
    school.students > 0 && !(school.teaching_point && school.students < min)
}

/// The spread of one teacher indicator over a stage's schools ([`Rule::IndicatorBalance`]),
/// the linear proxy of its CV that the balance term minimises: the student-weighted mean
/// absolute deviation of each school's value per 100 students from the stage's value,
/// relative to the stage's value before the plan, `mean0`:
/// `sum_s P_s |100 c_s / P_s - 100 C / P| / (P mean0)`, over `(students P_s, count c_s)`.
pub fn indicator_spread(schools: &[(f64, f64)], mean0: f64) -> f64 {
    let students: f64 = schools.iter().map(|s| s.0).sum();
    if students <= 0.0 || mean0 <= 0.0 {
        return 0.0;
    }
    let mean = 100.0 * schools.iter().map(|s| s.1).sum::<f64>() / students;
    schools.iter().map(|&(p, c)| p * (100.0 * c / p - mean).abs()).sum::<f64>() / (students * mean0)
}
