//! Each data transform of a sweep on a small county: what it changes, what it leaves
//! alone, and that the transformed county still plans with the checker agreeing.

mod common;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rotaplan::check::check_plan;
use rotaplan::domain::{County, Gender, Locale, Policy, Subject};
use rotaplan::generate::{generate, GenerateOptions};
use rotaplan::model::Formulation;
use rotaplan::planner::make_plan;
use rotaplan::solve::{SolveOptions, Status};
use rotaplan::sweep::Transform;

/// Plans with the default (aggregated) formulation, insists the plan is proven optimal, and
/// insists that the independent checker measures each unmet rule as the solver's slack does.
fn plan_checked(county: &County, policy: &Policy) {
    let opts = SolveOptions { formulation: Formulation::Aggregated, ..Default::default() };
    let r = make_plan(county, policy, &opts).expect("plan");
    assert!(r.summary.checker_agrees, "checker and solver disagree: {:#?}", r.summary.violations);
    assert_eq!(r.summary.status, Status::Optimal);
    let breaches = check_plan(county, policy, &r.plan);
    assert!(breaches.iter().all(|b| b.rule.is_elastic()), "hard rules broken: {breaches:#?}");
    common::assert_same_amounts(&breaches, &r);
    assert_eq!(r.plan.placements.len(), county.new_hires.len(), "every hire is placed");
}

fn small() -> County {
    generate(&GenerateOptions { schools: 10, seed: 1 })
}

fn policy() -> Policy {
    rotaplan::io::load_policy(None).expect("built-in policy")
}

fn transform(text: &str) -> Transform {
    Transform::parse(&toml::from_str(text).expect("toml"), "test").expect("transform")
}

fn apply(text: &str, county: &mut County, policy: &mut Policy, seed: u64) -> anyhow::Result<()> {
    transform(text).apply(county, policy, &mut ChaCha8Rng::seed_from_u64(seed), 0)
}

/// Applies, then plans the county: the checker must agree with the solver.
fn apply_and_plan(text: &str, county: &mut County, policy: &mut Policy) {
    apply(text, county, policy, 1).expect("transform applies");
    plan_checked(county, policy);
}

#[test]
fn enrolment_changes_only_the_selected_schools() {
    let before = small();
    let (mut county, mut p) = (before.clone(), policy());
    apply_and_plan("kind = 'enrolment'\nlocale = 'town'\nchange = 0.15", &mut county, &mut p);
    for (a, b) in before.schools.iter().zip(&county.schools) {
        let expected =
            if a.locale == Locale::Town { (f64::from(a.students) * 1.15).round() as u32 } else { a.students };
        assert_eq!(b.students, expected, "{}", a.id);
    }
    assert!(before.schools.iter().any(|s| s.locale == Locale::Town));
}

#[test]
fn enrolment_scales_given_quotas_and_demand() {
    let mut county = common::three_schools();
    apply("kind = 'enrolment'\nschools = ['U']\nchange = 0.5", &mut county, &mut policy(), 1).unwrap();
    assert_eq!(county.schools[0].students, 285);
    assert_eq!(county.schools[0].staff_quota, Some(18));
    let posts = &county.demand.as_ref().unwrap().posts;
    assert_eq!(posts[&(0, Subject::Chinese)], 5, "3 x 1.5 = 4.5 rounds to 5");
    assert_eq!(posts[&(0, Subject::Pe)], 3);
    assert_eq!(posts[&(1, Subject::Chinese)], 1, "other schools keep their posts");
    assert_eq!(county.schools[1].students, 60);
}

#[test]
fn enrolment_noise_follows_the_seed() {
    let text = "kind = 'enrolment'\nchange = 0.0\nnoise = 0.1";
    let run = |seed| {
        let mut c = small();
        apply(text, &mut c, &mut policy(), seed).unwrap();
        c.schools.iter().map(|s| s.students).collect::<Vec<_>>()
    };
    assert_eq!(run(1), run(1));
    assert_ne!(run(1), run(2));
    for (s, n) in small().schools.iter().zip(run(3)) {
        let lo = (f64::from(s.students) * 0.9).floor() as u32;
        let hi = (f64::from(s.students) * 1.1).ceil() as u32;
        assert!((lo..=hi).contains(&n), "{}: {} -> {n}", s.id, s.students);
    }
}

#[test]
fn retire_by_age_and_gender() {
    let before = small();
    let (mut county, mut p) = (before.clone(), policy());
    apply_and_plan("kind = 'retire'\nage = 55", &mut county, &mut p);
    assert!(county.teachers.iter().all(|t| t.age < 55));
    assert_eq!(county.teachers.len(), before.teachers.iter().filter(|t| t.age < 55).count());
    let mut county = before.clone();
    apply("kind = 'retire'\nage = 50\ngender = 'f'", &mut county, &mut policy(), 1).unwrap();
    assert!(county.teachers.iter().all(|t| t.age < 50 || t.gender == Gender::M));
    assert!(county.teachers.iter().any(|t| t.age >= 50), "men of 50 and over stay");
}

#[test]
fn retire_a_count_takes_the_oldest() {
    let before = small();
    let run = |seed| {
        let mut c = before.clone();
        apply("kind = 'retire'\ncount = 12", &mut c, &mut policy(), seed).unwrap();
        c
    };
    let after = run(1);
    assert_eq!(after.teachers.len(), before.teachers.len() - 12);
    let kept: std::collections::HashSet<&str> = after.teachers.iter().map(|t| t.id.as_str()).collect();
    let gone: Vec<_> = before.teachers.iter().filter(|t| !kept.contains(t.id.as_str())).collect();
    let youngest_gone = gone.iter().map(|t| t.age).min().unwrap();
    assert!(after.teachers.iter().all(|t| t.age <= youngest_gone), "nobody older than a leaver stays");
    assert_eq!(run(1), after, "the same seed breaks ties the same way");
    plan_checked(&after, &policy());
}

#[test]
fn hires_frozen_or_added() {
    let before = small();
    let mut county = before.clone();
    apply("kind = 'hires'\nfreeze = true", &mut county, &mut policy(), 1).unwrap();
    assert!(county.new_hires.is_empty());
    let mut county = before.clone();
    apply("kind = 'hires'\nfreeze = ['pe', 'english']", &mut county, &mut policy(), 1).unwrap();
    assert!(county.new_hires.iter().all(|h| h.subject != Subject::Pe && h.subject != Subject::English));
    let (mut county, mut p) = (before.clone(), policy());
    let text = "kind = 'hires'\nadd = { english = 3, music = 2 }\ndegree = 'master'\nmonthly_pay = 6000.0";
    apply(text, &mut county, &mut p, 1).unwrap();
    assert_eq!(county.new_hires.len(), before.new_hires.len() + 5);
    let added = &county.new_hires[before.new_hires.len()..];
    assert_eq!(added.iter().filter(|h| h.subject == Subject::English).count(), 3);
    assert!(added.iter().all(|h| h.monthly_pay == Some(6000.0)));
    let ids: std::collections::HashSet<&str> = county.new_hires.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids.len(), county.new_hires.len(), "hire ids stay unique");
    plan_checked(&county, &p);
}

#[test]
fn close_merges_students_teachers_and_renumbers() {
    let before = small();
    let (c, into) = (before.school_index("S010").unwrap(), before.school_index("S008").unwrap());
    let (mut county, mut p) = (before.clone(), policy());
    apply_and_plan("kind = 'close'\nschool = 'S010'\ninto = 'S008'", &mut county, &mut p);
    assert_eq!(county.schools.len(), before.schools.len() - 1);
    assert!(county.school_index("S010").is_none());
    let to = county.school_index("S008").unwrap();
    assert_eq!(county.schools[to].students, before.schools[c].students + before.schools[into].students);
    assert_eq!(county.teachers.len(), before.teachers.len());
    for (a, b) in before.teachers.iter().zip(&county.teachers) {
        let expected = if a.school == c { "S008" } else { before.schools[a.school].id.as_str() };
        assert_eq!(county.schools[b.school].id, expected, "teacher {}", a.id);
        assert_eq!(a.years_at_school, b.years_at_school);
    }
    let mut county = before.clone();
    let err = apply("kind = 'close'\nschool = 'S009'\ninto = 'S008'", &mut county, &mut policy(), 1).unwrap_err();
    assert!(err.to_string().contains("stages differ"), "{err}");
    let err = apply("kind = 'close'\nschool = 'S099'\ninto = 'S008'", &mut county, &mut policy(), 1).unwrap_err();
    assert!(err.to_string().contains("S099"), "{err}");
}

#[test]
fn close_merges_demand_and_distances() {
    let mut county = common::three_schools();
    county.distances.road_km = [((0, 1), 10.0), ((1, 0), 10.0), ((0, 2), 20.0), ((2, 0), 20.0)].into_iter().collect();
    let text = "kind = 'close'\nschool = 'R1'\ninto = 'R2'\nreset_years = true";
    let mut p = common::simple_policy();
    apply(text, &mut county, &mut p, 1).unwrap();
    assert_eq!(county.schools.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["U", "R2"]);
    assert_eq!(county.schools[1].students, 120);
    assert_eq!(county.schools[1].staff_quota, Some(8));
    let posts = &county.demand.as_ref().unwrap().posts;
    assert_eq!(posts[&(1, Subject::Chinese)], 2);
    assert_eq!(posts[&(1, Subject::English)], 1);
    assert_eq!(posts[&(1, Subject::Music)], 1);
    assert!(posts.keys().all(|&(s, _)| s < 2));
    assert_eq!(county.distances.road_km.get(&(0, 1)), Some(&20.0), "U-R2 keeps its road distance");
    assert_eq!(county.distances.road_km.len(), 2);
    let moved: Vec<_> = county.teachers.iter().filter(|t| t.id.starts_with('A')).collect();
    assert!(moved.iter().all(|t| t.school == 1 && t.years_at_school == 0));
    plan_checked(&county, &p);
}

#[test]
fn pay_changes_at_the_selected_schools() {
    let before = small();
    let (mut county, mut p) = (before.clone(), policy());
    apply_and_plan("kind = 'pay'\nlocale = 'town'\nchange = 0.05\nadd = 100.0", &mut county, &mut p);
    for (a, b) in before.teachers.iter().zip(&county.teachers) {
        let town = before.schools[a.school].locale == Locale::Town;
        let expected = if town { a.monthly_pay * 1.05 + 100.0 } else { a.monthly_pay };
        assert!((b.monthly_pay - expected).abs() < 1e-9, "{}", a.id);
    }
}

#[test]
fn allowance_changes_policy_and_current_pay() {
    let before = small();
    let (mut county, mut p) = (before.clone(), policy());
    let old = p.pay.allowance_rural;
    apply_and_plan("kind = 'allowance'\nrural = 1200.0\nweak = 300.0", &mut county, &mut p);
    assert_eq!(p.pay.allowance_rural, 1200.0);
    assert_eq!(p.pay.allowance_weak, 300.0);
    let old_weak = policy().pay.allowance_weak;
    for (a, b) in before.teachers.iter().zip(&county.teachers) {
        let s = &before.schools[a.school];
        let mut delta = if s.locale == Locale::Rural { 1200.0 - old } else { 0.0 };
        if s.weak {
            delta += 300.0 - old_weak;
        }
        assert!((b.monthly_pay - a.monthly_pay - delta).abs() < 1e-9, "{}", a.id);
    }
}

#[test]
fn bad_transforms_name_the_key() {
    let err = |text: &str| Transform::parse(&toml::from_str(text).unwrap(), "transform \"x\"").unwrap_err();
    assert!(err("kind = 'grow'").contains("unknown kind \"grow\""));
    assert!(err("kind = 'enrolment'\nchnage = 0.1").contains("chnage"));
    assert!(err("kind = 'enrolment'\nchange = -2.0").contains("change = -2"));
    assert!(err("kind = 'enrolment'\nchange = 0.1\nlocale = 'suburb'").contains("locale: unknown value \"suburb\""));
    assert!(err("kind = 'retire'").contains("give age"));
    assert!(err("kind = 'hires'\nadd = { latin = 2 }").contains("add.latin"));
    assert!(err("kind = 'close'\nschool = 'A'\ninto = 'A'").contains("itself"));
    assert!(err("kind = 'allowance'\nrural = -5.0").contains("rural"));
    assert!(err("change = 0.1").contains("needs a kind"));
}
