//! Teachers and new hires: subjects with the rural structural shortage, ages, tenure,
//! titles, degrees, backbone levels, pay and exemptions.

use super::{between, id_width, pick};
use crate::domain::{Backbone, Degree, Gender, Locale, NewHire, Policy, School, Stage, Subject, Teacher, Title};
use crate::staffing::{split_by_shares, staff_quota};
use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Share of new hires in the teaching force (about 3%).
const HIRE_SHARE: f64 = 0.032;

/// The teachers of every school, in school order.
pub(super) fn teachers(rng: &mut ChaCha8Rng, schools: &[School], policy: &Policy) -> Vec<Teacher> {
    let mut teachers = Vec::new();
    for (index, school) in schools.iter().enumerate() {
        let mut subjects = subjects(rng, school, policy);
        subjects.shuffle(rng);
        for subject in subjects {
            teachers.push(teacher(rng, index, school, subject, policy));
        }
    }
    let width = id_width(teachers.len(), 5);
    for (i, t) in teachers.iter_mut().enumerate() {
        t.id = format!("T{:0width$}", i + 1);
    }
    teachers
}

/// How many teachers a school has, and their subjects. Urban schools are a little above
/// their staff quota, town schools near it, rural schools and weak schools well below
/// (vacancies of 20-34%: the posts that new hires and exchanged teachers fill). Subjects
/// follow the curriculum shares, with English, PE, music, art and IT scaled down in rural
/// schools (the structural shortage) and slightly up in urban ones, and a little noise.
fn subjects(rng: &mut ChaCha8Rng, school: &School, policy: &Policy) -> Vec<Subject> {
    let quota = staff_quota(school, policy) as f64;
    let mut factor = match school.locale {
        Locale::Urban => between(rng, 1.02, 1.10),
        Locale::Town => between(rng, 0.93, 1.01),
        Locale::Rural if school.teaching_point => between(rng, 0.72, 0.95),
        Locale::Rural => between(rng, 0.66, 0.80),
    };
    if school.weak {
        factor -= 0.05;
    }
    let mut n = (quota * factor).round() as u32;
    if school.students > 0 {
        n = n.max(1);
    }
    let mut shares = [0.0; Subject::COUNT];
    for &k in Subject::ALL {
        let share = policy.curriculum_share(school.stage, k) * supply_factor(school.locale, school.stage, k);
        shares[k.index()] = share * between(rng, 0.85, 1.15);
    }
    let total: f64 = shares.iter().sum();
    if total <= 0.0 {
        return vec![Subject::Chinese; n as usize];
    }
    let posts = split_by_shares(n, |k| shares[k.index()] / total);
    Subject::ALL.iter().flat_map(|&k| std::iter::repeat_n(k, posts[k.index()] as usize)).collect()
}

/// Supply of a subject's teachers relative to the curriculum share, by locale.
fn supply_factor(locale: Locale, stage: Stage, subject: Subject) -> f64 {
    let shortage = matches!(subject, Subject::English | Subject::Pe | Subject::Music | Subject::Art | Subject::It);
    match (locale, subject) {
        _ if !shortage => 1.0,
        (Locale::Urban, _) => 1.12,
        (Locale::Town, _) => 0.92,
        (Locale::Rural, Subject::English) if stage == Stage::Junior => 0.7,
        (Locale::Rural, Subject::English) => 0.5,
        (Locale::Rural, Subject::Pe) => 0.55,
        (Locale::Rural, Subject::It) => 0.3,
        (Locale::Rural, _) => 0.4,
    }
}

/// One teacher of `school` teaching `subject`.
fn teacher(rng: &mut ChaCha8Rng, school_index: usize, school: &School, subject: Subject, policy: &Policy) -> Teacher {
    let locale = school.locale;
    let mut p_female = match (locale, school.stage) {
        (Locale::Urban, Stage::Primary) => 0.80,
        (Locale::Urban, Stage::Junior) => 0.65,
        (Locale::Town, Stage::Primary) => 0.70,
        (Locale::Town, Stage::Junior) => 0.55,
        (Locale::Rural, Stage::Primary) => 0.55,
        (Locale::Rural, Stage::Junior) => 0.45,
    };
    if subject == Subject::Pe {
        p_female *= 0.5;
    }
    let gender = if rng.gen_bool(p_female) { Gender::F } else { Gender::M };
    // Age bands 22-29, 30-39, 40-49, 50-60: rural schools have more young and old teachers.
    let bands = match locale {
        Locale::Urban => [0.15, 0.33, 0.33, 0.19],
        Locale::Town => [0.18, 0.30, 0.30, 0.22],
        Locale::Rural => [0.25, 0.20, 0.25, 0.30],
    };
    let band = pick(rng, &[(0u32, bands[0]), (1, bands[1]), (2, bands[2]), (3, bands[3])], 1);
    let age = match band {
        0 => rng.gen_range(22..=29),
        1 => rng.gen_range(30..=39),
        2 => rng.gen_range(40..=49),
        _ => rng.gen_range(50..=60),
    };
    let career = age - 22;
    let years_at_school = if rng.gen_bool(0.25) { career } else { rng.gen_range(0..=career) };
    let title = title(rng, locale, career);
    let degree = degree(rng, locale, school.stage, age);
    let backbone = backbone(rng, locale, title, career);
    let base = match title {
        Title::None => 4500.0,
        Title::Third => 4800.0,
        Title::Second => 5200.0,
        Title::First => 5900.0,
        Title::Senior => 6800.0,
        Title::Professor => 8000.0,
    };
    let pay = base + 30.0 * career as f64 + policy.allowance(locale, school.weak) + between(rng, -150.0, 150.0);
    let e = &policy.eligibility;
    let exempt_age = match gender {
        Gender::M => e.exempt_age_men,
        Gender::F => e.exempt_age_women,
    };
    let personal = if gender == Gender::F && age < 36 { 0.05 } else { 0.02 };
    let exempt = age >= exempt_age || rng.gen_bool(personal);
    Teacher {
        id: String::new(),
        name: name(rng),
        school: school_index,
        subject,
        title,
        degree,
        backbone,
        years_at_school,
        age,
        gender,
        monthly_pay: pay.round().max(1.0),
        exempt,
        cycle: Default::default(),
    }
}

/// Title by years of service; senior titles mostly in urban schools.
fn title(rng: &mut ChaCha8Rng, locale: Locale, career: u32) -> Title {
    let senior = match locale {
        Locale::Urban => 0.30,
        Locale::Town => 0.18,
        Locale::Rural => 0.08,
    };
    match career {
        0 => Title::None,
        1..=3 => pick(rng, &[(Title::None, 0.15), (Title::Third, 0.25), (Title::Second, 0.60)], Title::Second),
        4..=10 => pick(rng, &[(Title::Second, 0.55), (Title::First, 0.45)], Title::Second),
        _ => {
            let senior = if career >= 20 { senior } else { senior * 0.6 };
            let professor = if locale == Locale::Urban && career >= 22 { 0.015 } else { 0.0 };
            let rest = 1.0 - senior - professor;
            pick(
                rng,
                &[
                    (Title::Professor, professor),
                    (Title::Senior, senior),
                    (Title::First, rest * 0.75),
                    (Title::Second, rest * 0.25),
                ],
                Title::First,
            )
        }
    }
}

/// Highest degree: urban and junior teachers hold higher degrees; older teachers lower ones.
fn degree(rng: &mut ChaCha8Rng, locale: Locale, stage: Stage, age: u32) -> Degree {
    use Degree::*;
    let weights: [(Degree, f64); 4] = match (locale, stage) {
        (Locale::Urban, Stage::Primary) => [(Master, 0.10), (Bachelor, 0.78), (Associate, 0.12), (Secondary, 0.0)],
        (Locale::Urban, Stage::Junior) => [(Master, 0.15), (Bachelor, 0.83), (Associate, 0.02), (Secondary, 0.0)],
        (Locale::Town, Stage::Primary) => [(Master, 0.03), (Bachelor, 0.65), (Associate, 0.29), (Secondary, 0.03)],
        (Locale::Town, Stage::Junior) => [(Master, 0.05), (Bachelor, 0.85), (Associate, 0.10), (Secondary, 0.0)],
        (Locale::Rural, Stage::Primary) => [(Master, 0.0), (Bachelor, 0.45), (Associate, 0.43), (Secondary, 0.12)],
        (Locale::Rural, Stage::Junior) => [(Master, 0.0), (Bachelor, 0.72), (Associate, 0.26), (Secondary, 0.02)],
    };
    let d = pick(rng, &weights, Bachelor);
    if age >= 48 && d > Secondary && rng.gen_bool(0.3) {
        match d {
            Doctor => Master,
            Master => Bachelor,
            Bachelor => Associate,
            _ => Secondary,
        }
    } else {
        d
    }
}

/// Backbone level: county level and up mostly among first and senior titles in urban
/// schools; school-level backbone teachers everywhere.
fn backbone(rng: &mut ChaCha8Rng, locale: Locale, title: Title, career: u32) -> Backbone {
    let l = match locale {
        Locale::Urban => 0,
        Locale::Town => 1,
        Locale::Rural => 2,
    };
    let p_county = match title {
        Title::Senior | Title::Professor => [0.55, 0.45, 0.35][l],
        Title::First => [0.25, 0.14, 0.06][l],
        Title::Second => [0.05, 0.03, 0.01][l],
        _ => 0.0,
    };
    if career >= 5 && rng.gen_bool(p_county) {
        let province = if l == 0 { 0.07 } else { 0.02 };
        pick(
            rng,
            &[(Backbone::County, 0.70 - province), (Backbone::City, 0.30), (Backbone::Province, province)],
            Backbone::County,
        )
    } else if career >= 3 && rng.gen_bool(0.12) {
        Backbone::School
    } else {
        Backbone::None
    }
}

/// This year's new hires, about 3% of the teachers, skewed towards the shortage subjects.
pub(super) fn new_hires(rng: &mut ChaCha8Rng, n_teachers: usize, policy: &Policy) -> Vec<NewHire> {
    let count = if n_teachers == 0 { 0 } else { ((n_teachers as f64 * HIRE_SHARE).round() as usize).max(1) };
    let width = id_width(count, 4);
    let subjects = [
        (Subject::English, 0.15),
        (Subject::Pe, 0.14),
        (Subject::Music, 0.09),
        (Subject::Art, 0.09),
        (Subject::It, 0.05),
        (Subject::Chinese, 0.14),
        (Subject::Math, 0.12),
        (Subject::Science, 0.07),
        (Subject::Morality, 0.04),
        (Subject::HistoryGeography, 0.04),
        (Subject::Labour, 0.04),
        (Subject::Other, 0.03),
    ];
    (0..count)
        .map(|i| {
            let subject = pick(rng, &subjects, Subject::Chinese);
            let degree = pick(
                rng,
                &[(Degree::Bachelor, 0.80), (Degree::Master, 0.10), (Degree::Associate, 0.10)],
                Degree::Bachelor,
            );
            let gender = if rng.gen_bool(0.65) { Gender::F } else { Gender::M };
            let extra = match degree {
                Degree::Master | Degree::Doctor => 300.0,
                Degree::Bachelor => 0.0,
                _ => -200.0,
            };
            NewHire {
                id: format!("H{:0width$}", i + 1),
                subject,
                degree,
                gender: Some(gender),
                monthly_pay: Some((policy.pay.new_hire_monthly_pay + extra).round().max(1.0)),
            }
        })
        .collect()
}

/// A simple pinyin name.
fn name(rng: &mut ChaCha8Rng) -> String {
    const SURNAMES: [&str; 24] = [
        "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu",
        "Guo", "He", "Gao", "Lin", "Luo", "Zheng", "Liang", "Xie", "Song",
    ];
    const GIVEN: [&str; 32] = [
        "Fang", "Wei", "Min", "Jing", "Li", "Qiang", "Lei", "Jun", "Yang", "Yong", "Yan", "Jie", "Juan", "Tao", "Ming",
        "Chao", "Xiu", "Xia", "Ping", "Gang", "Hui", "Hua", "Dan", "Ling", "Bo", "Hong", "Yu", "Ting", "Xin", "Rui",
        "Hao", "Qing",
    ];
    let s = SURNAMES[rng.gen_range(0..SURNAMES.len())];
    let g = GIVEN[rng.gen_range(0..GIVEN.len())];
    format!("{s} {g}")
}
