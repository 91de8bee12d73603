//! Re-planning from an edited plan (`plan --start`): the `changes` term keeps the bureau's
//! rows as far as the rules allow, rows that break a hard rule are set aside with why, and
//! the term's value is the row count of the two plans' difference.

mod common;

use common::*;
use rotaplan::check::check_plan;
use rotaplan::domain::*;
use rotaplan::planner::{make_plan_from, PlanResult};
use rotaplan::rules::{changes, Rule, StartPlan};
use rotaplan::solve::SolveOptions;

fn at(county: &County, id: &str) -> usize {
    county.schools.iter().position(|s| s.id == id).expect(id)
}

fn who(county: &County, id: &str) -> usize {
    county.teachers.iter().position(|t| t.id == id).expect(id)
}

/// A plan of the given moves (teacher id, school id) and placements (hire id, school id).
fn plan_of(county: &County, moves: &[(&str, &str)], hires: &[(&str, &str)]) -> Plan {
    let moves = moves
        .iter()
        .map(|&(t, s)| {
            let teacher = who(county, t);
            Move {
                teacher,
                from: county.teachers[teacher].school,
                to: at(county, s),
                kind: MoveKind::Exchange,
                term_years: 1,
                reasons: vec![],
            }
        })
        .collect();
    let placements = hires
        .iter()
        .map(|&(h, s)| Placement {
            hire: county.new_hires.iter().position(|x| x.id == h).expect(h),
            school: at(county, s),
            reasons: vec![],
        })
        .collect();
    Plan { moves, placements }
}

fn rows(county: &County, plan: &Plan) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = plan
        .moves
        .iter()
        .map(|m| (county.teachers[m.teacher].id.clone(), county.schools[m.to].id.clone()))
        .chain(
            plan.placements.iter().map(|p| (county.new_hires[p.hire].id.clone(), county.schools[p.school].id.clone())),
        )
        .collect();
    rows.sort();
    rows
}

/// Plans from `start` and re-checks the plan: no hard rule broken, the checker's amounts
/// equal to the solver's slacks, and the `changes` term equal to the rows counted from
/// the two plans.
fn replan(county: &County, policy: &Policy, start: &Plan) -> (StartPlan, PlanResult) {
    let start = StartPlan::of(county, policy, start);
    let r = make_plan_from(county, policy, &SolveOptions::default(), Some(&start)).expect("plan");
    let breaches = check_plan(county, policy, &r.plan);
    assert!(breaches.iter().all(|b| b.rule.is_elastic()), "hard rules broken: {breaches:#?}");
    assert_same_amounts(&breaches, &r);
    let counted = changes(&start.kept, &r.plan) as f64;
    assert_eq!(r.summary.objective["changes"], counted, "the changes term against the rows counted");
    assert_eq!(r.summary.start.as_ref().expect("a start summary").changes as f64, counted);
    (start, r)
}

/// The optimum sends U06 (English) to R1 and U08 (music) to R2. The bureau sends U06 to R2
/// instead and adds U00 (Chinese) to R1: an unfilled post more, yet no rule broken, so the
/// re-plan keeps both edits and changes nothing else.
#[test]
fn a_plan_with_two_hand_edits_that_break_no_rule_is_kept_whole() {
    let mut county = three_schools();
    county.schools[2].staff_quota = Some(6);
    let policy = simple_policy();
    let free = plan_checked(&county, &policy);
    let optimum = vec![("U06".to_string(), "R1".to_string()), ("U08".to_string(), "R2".to_string())];
    assert_eq!(rows(&county, &free.plan), optimum);
    let edited = plan_of(&county, &[("U06", "R2"), ("U08", "R2"), ("U00", "R1")], &[]);
    let breaches = check_plan(&county, &policy, &edited);
    assert!(breaches.is_empty(), "the edits break no rule: {breaches:#?}");
    let (_, r) = replan(&county, &policy, &edited);
    assert_eq!(rows(&county, &r.plan), rows(&county, &edited));
    assert_eq!(r.summary.objective["changes"], 0.0);
    assert!(r.summary.objective["shortage"] > free.summary.objective["shortage"], "the bureau's edits cost a post");
    assert_eq!(r.summary.objective_order, ["violations", "changes", "shortage", "balance", "moves", "distance"]);
    assert_eq!(r.summary.status, rotaplan::solve::Status::Optimal);
}

/// An empty start under a quota of one exchange: the rules need one row, and the
/// `changes` term, ranked above shortage, allows no second one (the free optimum has two).
#[test]
fn the_rules_come_first_and_then_the_fewest_changes() {
    let county = three_schools();
    let policy = simple_policy();
    let (_, r) = replan(&county, &policy, &Plan::default());
    assert_eq!(r.summary.objective["violations"], 0.0);
    assert_eq!(r.plan.moves.len(), 1, "{:?}", rows(&county, &r.plan));
    assert_eq!(r.summary.objective["changes"], 1.0);
}

/// A policy that ranks shortage before changes gets the free optimum's shortage, at the
/// price of two rows added to the empty start.
#[test]
fn a_policy_may_rank_changes_later() {
    let county = three_schools();
    let mut policy = simple_policy();
    policy.objective.order = vec![Term::Violations, Term::Shortage, Term::Changes, Term::Balance, Term::Moves];
    let free = plan_checked(&county, &policy);
    let (_, r) = replan(&county, &policy, &Plan::default());
    assert_eq!(r.summary.objective["shortage"], free.summary.objective["shortage"]);
    assert_eq!(r.summary.objective["changes"], 2.0);
    assert_eq!(r.summary.objective_order, ["violations", "shortage", "changes", "balance", "moves"]);
}

/// Rows no plan may keep are set aside, each with the rule it breaks, and the rest kept.
#[test]
fn rows_that_break_a_hard_rule_are_set_aside_with_the_rule() {
    let mut county = three_schools();
    let u06 = who(&county, "U06");
    county.locks = vec![Lock { who: Locked::Teacher(u06), word: LockWord::NotTo, school: Some(1), line: 2 }];
    let policy = simple_policy();
    // U07 has 2 years at U (ineligible); A0 teaches at rural R1 (not a sending school);
    // U06 is locked out of R1; U08 appears twice.
    let start = plan_of(&county, &[("U08", "R2"), ("U07", "R1"), ("A0", "R2"), ("U06", "R1"), ("U08", "R1")], &[]);
    let (start, r) = replan(&county, &policy, &start);
    let aside: Vec<(&str, Rule)> = start.set_aside.iter().map(|a| (a.id.as_str(), a.rule)).collect();
    assert_eq!(
        aside,
        [("U07", Rule::Eligibility), ("A0", Rule::Eligibility), ("U06", Rule::Lock), ("U08", Rule::DuplicateMove)]
    );
    assert!(start.set_aside.iter().all(|a| !a.reason.is_empty()));
    assert_eq!(rows(&county, &start.kept), [("U08".to_string(), "R2".to_string())]);
    assert!(rows(&county, &r.plan).contains(&("U08".to_string(), "R2".to_string())));
    assert_eq!(r.summary.start.as_ref().unwrap().rows, 5);
}

/// Interchangeable hires (same subject, degree and pay) stay where the start put them,
/// though the aggregated model only counts them per school.
#[test]
fn interchangeable_hires_stay_where_the_start_placed_them() {
    let mut county = three_schools();
    for s in &mut county.schools {
        s.staff_quota = Some(20);
    }
    let hire = |id: &str| NewHire {
        id: id.into(),
        subject: Subject::English,
        degree: Degree::Bachelor,
        gender: None,
        monthly_pay: None,
    };
    county.new_hires = vec![hire("H0"), hire("H1")];
    let policy = simple_policy();
    let start = plan_of(&county, &[("U08", "R2")], &[("H0", "R2"), ("H1", "R1")]);
    let (_, r) = replan(&county, &policy, &start);
    assert_eq!(rows(&county, &r.plan), rows(&county, &start));
    assert_eq!(r.summary.objective["changes"], 0.0);
}
