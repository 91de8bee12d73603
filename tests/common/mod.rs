//! Small counties built in code, and the rule that every plan a test makes is re-checked
//! by the independent checker.
#![allow(dead_code)]

pub mod browser;

use rotaplan::check::{check_plan, Breach};
use rotaplan::domain::*;
use rotaplan::planner::{make_plan, PlanResult};
use rotaplan::rules::Rule;
use rotaplan::solve::SolveOptions;
use std::collections::{BTreeMap, HashMap};

pub fn school(id: &str, locale: Locale, students: u32, quota: u32, pos: (f64, f64)) -> School {
    School {
        id: id.into(),
        name: id.into(),
        stage: Stage::Primary,
        campus: None,
        locale,
        weak: false,
        teaching_point: false,
        students,
        staff_quota: Some(quota),
        position: Some(pos),
        facilities: Facilities::default(),
    }
}

pub fn teacher(id: &str, school: usize, subject: Subject, years: u32) -> Teacher {
    Teacher {
        id: id.into(),
        name: id.into(),
        school,
        subject,
        title: Title::Second,
        degree: Degree::Bachelor,
        backbone: Backbone::None,
        years_at_school: years,
        age: 40,
        gender: Gender::F,
        monthly_pay: 6000.0,
        exempt: false,
        cycle: Default::default(),
    }
}

pub fn demand(rows: &[(usize, Subject, u32)]) -> Demand {
    Demand { posts: rows.iter().map(|&(s, k, p)| ((s, k), p)).collect::<HashMap<_, _>>() }
}

/// The built-in national policy with the pay band opened, the backbone share off and the
/// indicator spreads free (`[balance] no_worse = false`), so that a hand-built county's
/// optimum can be proven by hand (tests/never_mislead.rs sets no_worse where it is studied).
pub fn simple_policy() -> Policy {
    let mut p = rotaplan::io::load_policy(None).expect("built-in policy");
    p.pay.tolerance = 1.0;
    p.exchange.backbone_share = 0.0;
    p.balance.no_worse = false;
    p
}

/// Plans, then insists that no hard rule is broken and that the independent checker
/// measures each unmet rule, place by place, as the solver's slack does: the same amount
/// (the pay band, a relaxation in the aggregated model, at most the slack).
pub fn plan_checked(county: &County, policy: &Policy) -> PlanResult {
    let result = make_plan(county, policy, &SolveOptions::default()).expect("plan");
    let breaches = check_plan(county, policy, &result.plan);
    let hard: Vec<_> = breaches.iter().filter(|b| !b.rule.is_elastic()).collect();
    assert!(hard.is_empty(), "hard rules broken: {hard:#?}");
    assert_same_amounts(&breaches, &result);
    assert!(result.summary.checker_agrees, "summary says the checker disagrees: {:#?}", result.summary.violations);
    result
}

/// Each (rule, school, subject) the checker finds unmet against the solver's slack there.
pub fn assert_same_amounts(breaches: &[Breach], result: &PlanResult) {
    type Key = (Rule, Option<usize>, Option<Subject>, Option<(Stage, usize)>);
    let mut checker: BTreeMap<Key, f64> = BTreeMap::new();
    for b in breaches {
        *checker.entry((b.rule, b.school, b.subject, b.indicator)).or_default() += b.amount;
    }
    let mut solver: BTreeMap<Key, f64> = BTreeMap::new();
    for g in &result.solver_slacks {
        *solver.entry((g.rule, g.school, g.subject, g.indicator)).or_default() += g.amount;
    }
    let keys: std::collections::BTreeSet<Key> = checker.keys().chain(solver.keys()).copied().collect();
    for key in keys {
        let (c, s) = (checker.get(&key).copied().unwrap_or(0.0), solver.get(&key).copied().unwrap_or(0.0));
        // The rows bounding earlier terms allow 1e-6 relative each (docs/model.md).
        let close = (c - s).abs() <= 1e-5 * s.abs().max(1.0);
        let relaxed = key.0 == Rule::PayBand && result.summary.pay_relaxation_tight && c <= s + 1e-6;
        assert!(close || relaxed, "{key:?}: the checker measures {c}, the solver's slack is {s}");
    }
}

/// The three-school county of the pinned test: an urban school with a spare English and a
/// spare music teacher; two rural schools, one short of English, one of music.
pub fn three_schools() -> County {
    use Subject::*;
    let schools = vec![
        school("U", Locale::Urban, 190, 12, (0.0, 0.0)),
        school("R1", Locale::Rural, 60, 4, (10.0, 0.0)),
        school("R2", Locale::Rural, 60, 4, (0.0, 20.0)),
    ];
    let mut teachers = Vec::new();
    let u = [Chinese, Chinese, Chinese, Math, Math, Math, English, English, Music, Music, Pe, Pe];
    for (i, k) in u.iter().enumerate() {
        // The second English and second music teacher are new at the school (2 years).
        let years = if i == 7 || i == 9 { 2 } else { 8 };
        teachers.push(teacher(&format!("U{i:02}"), 0, *k, years));
    }
    for (s, prefix) in [(1, "A"), (2, "B")] {
        for (i, k) in [Chinese, Math, Pe].iter().enumerate() {
            teachers.push(teacher(&format!("{prefix}{i}"), s, *k, 3));
        }
    }
    let d = demand(&[
        (0, Chinese, 3),
        (0, Math, 3),
        (0, English, 1),
        (0, Music, 1),
        (0, Pe, 2),
        (1, Chinese, 1),
        (1, Math, 1),
        (1, English, 1),
        (1, Pe, 1),
        (2, Chinese, 1),
        (2, Math, 1),
        (2, Music, 1),
        (2, Pe, 1),
    ]);
    County { schools, teachers, demand: Some(d), ..Default::default() }
}

/// An urban school whose one eligible class, two Chinese teachers at 9,000 (longest
/// tenure) and 5,000 a month, may send one to the rural school R, whose pay band (10%)
/// the senior breaks and the junior does not. Everyone else is too new to be eligible.
pub fn pay_naming_county() -> County {
    use Subject::*;
    let schools = vec![school("U", Locale::Urban, 190, 12, (0.0, 0.0)), school("R", Locale::Rural, 40, 3, (10.0, 0.0))];
    let mut teachers = vec![teacher("U_senior", 0, Chinese, 20), teacher("U_junior", 0, Chinese, 7)];
    teachers[0].monthly_pay = 9000.0;
    teachers[1].monthly_pay = 5000.0;
    for (i, k) in [Math, Math, English, English, Pe, Pe, Music, Art].iter().enumerate() {
        teachers.push(teacher(&format!("U{i}"), 0, *k, 2));
    }
    teachers.push(teacher("R0", 1, Math, 3));
    teachers.push(teacher("R1", 1, Pe, 3));
    let d = demand(&[
        (0, Chinese, 1),
        (0, Math, 2),
        (0, English, 2),
        (0, Pe, 2),
        (1, Chinese, 1),
        (1, Math, 1),
        (1, Pe, 1),
    ]);
    County { schools, teachers, demand: Some(d), ..Default::default() }
}

/// The teacher with `id`.
pub fn index(county: &County, id: &str) -> usize {
    county.teachers.iter().position(|t| t.id == id).expect(id)
}

/// A plan of one move: teacher `id` from their school to school `to`.
pub fn one_move(county: &County, id: &str, to: usize, kind: MoveKind, term_years: u32) -> Plan {
    let teacher = index(county, id);
    let m = Move { teacher, from: county.teachers[teacher].school, to, kind, term_years, reasons: vec![] };
    Plan { moves: vec![m], placements: vec![] }
}

/// The summary.json of the plan written to `dir`.
pub fn summary(dir: &std::path::Path) -> serde_json::Value {
    let path = dir.join("summary.json");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
