//! A plan never declares more unmet rules than the violations stage proved necessary, at
//! any time limit: the naming of interchangeable classes is checked before a stage's plan
//! is kept (src/planner.rs), and a first plan whose naming breaks a pay band beyond the
//! model's slack sends the model to refinement while there is time.

mod common;

use common::*;
use rotaplan::check::check_plan;
use rotaplan::domain::*;
use rotaplan::generate::{generate, GenerateOptions};
use rotaplan::planner::{make_plan, PlanResult};
use rotaplan::rules::Rule;
use rotaplan::solve::{SolveOptions, Status};

/// The checker's total of unmet rules against the violations stage's proven value.
fn assert_declared_is_the_optimum(county: &County, policy: &Policy, r: &PlanResult, what: &str) {
    let breaches = check_plan(county, policy, &r.plan);
    assert!(breaches.iter().all(|b| b.rule.is_elastic()), "{what}: hard rules broken: {breaches:#?}");
    let declared: f64 = r.summary.violations.iter().map(|v| v.amount).sum();
    let measured: f64 = breaches.iter().map(|b| b.amount).sum();
    assert!((declared - measured).abs() < 1e-9, "{what}: the summary declares what the checker measures");
    let stage = r.summary.stages.iter().find(|s| s.term == Term::Violations).expect("violations stage");
    assert_eq!(stage.status, Status::Optimal, "{what}: the violations stage of a small county is proven");
    assert!(
        declared <= stage.reached + 1e-6 * stage.reached.max(1.0),
        "{what}: declares {declared} unmet where the violations stage proved {}",
        stage.reached
    );
    assert!(r.summary.pay_relaxation_tight, "{what}");
}

/// A 3% pay band binds on generated counties; at a short limit and at the default, the
/// written plan breaks the rules by exactly the proven least.
#[test]
fn declared_violations_equal_the_violations_optimum() {
    let mut policy = rotaplan::io::load_policy(None).unwrap();
    policy.pay.tolerance = 0.03;
    for seed in [1, 2, 3] {
        let county = generate(&GenerateOptions { schools: 12, seed });
        for limit in [3.0, 60.0] {
            let r = make_plan(&county, &policy, &SolveOptions { time_limit: limit, ..Default::default() }).unwrap();
            assert_declared_is_the_optimum(&county, &policy, &r, &format!("seed {seed}, {limit} s"));
        }
    }
}

/// The class {senior at 9,000, junior at 5,000} may send one teacher to R, whose band the
/// senior breaks: with almost no time the naming still sends the junior.
#[test]
fn pay_naming_holds_under_a_tiny_time_limit() {
    let county = pay_naming_county();
    let mut policy = simple_policy();
    policy.pay.tolerance = 0.10;
    let r = make_plan(&county, &policy, &SolveOptions { time_limit: 0.05, ..Default::default() }).unwrap();
    assert_declared_is_the_optimum(&county, &policy, &r, "0.05 s");
    let sent: Vec<&str> = r.plan.moves.iter().map(|m| county.teachers[m.teacher].id.as_str()).collect();
    assert_eq!(sent, ["U_junior"]);
}

/// The three-school county with backbone teachers at every school, the urban one the
/// poorest in them per student (3 for 190 students; 2 for 60 at each rural school). A 100%
/// backbone share makes the one exchange the quota asks a backbone teacher, which takes
/// the urban school further below the county value and a rural one further above.
fn backbone_county() -> County {
    let mut county = three_schools();
    for id in ["U00", "U01", "U03", "A0", "A1", "B0", "B1"] {
        county.teachers.iter_mut().find(|t| t.id == id).expect(id).backbone = Backbone::County;
    }
    county
}

/// sum_s P_s |100 c_s / P_s - mean| / (P mean0), computed here from the counts by hand.
fn spread(counts: [f64; 3]) -> f64 {
    let students = [190.0, 60.0, 60.0];
    let mean0 = 100.0 * 7.0 / 310.0;
    let mean = 100.0 * counts.iter().sum::<f64>() / 310.0;
    (0..3).map(|s| students[s] * (100.0 * counts[s] / students[s] - mean).abs()).sum::<f64>() / (310.0 * mean0)
}

#[test]
fn quotas_that_force_a_worse_backbone_spread_are_reported() {
    let county = backbone_county();
    let mut policy = simple_policy();
    policy.exchange.backbone_share = 1.0;
    // No PE, music or art coverage to compete with the backbone teacher's exchange.
    policy.staffing.coverage_subjects.clear();
    policy.balance.no_worse = true;
    assert!(rotaplan::io::load_policy(None).unwrap().balance.no_worse, "no_worse is the national default");
    let r = plan_checked(&county, &policy);
    assert_eq!(r.plan.moves.len(), 1);
    assert!(county.teachers[r.plan.moves[0].teacher].backbone == Backbone::County);
    let v: Vec<_> = r.summary.violations.iter().filter(|v| v.rule == Rule::IndicatorBalance).collect();
    assert_eq!(v.len(), 1, "{:#?}", r.summary.violations);
    assert_eq!(v[0].indicator.as_deref(), Some("primary:backbone_per_100"));
    let expected = spread([2.0, 3.0, 2.0]) - spread([3.0, 2.0, 2.0]);
    assert!((v[0].amount - expected).abs() < 1e-9, "{} against {expected}", v[0].amount);
    let why = v[0].why.as_deref().unwrap();
    assert!(why.contains("proven, and this plan attains it"), "{why}");
    // The backbone share itself holds: breaking it would cost a whole teacher.
    assert!(r.summary.violations.iter().all(|v| v.rule != Rule::BackboneShare));
    let worse: Vec<_> = r.summary.worse_indicators.iter().map(|w| (w.stage, w.indicator)).collect();
    assert!(worse.contains(&(Stage::Primary, "backbone_per_100")), "{worse:?}");
    let w = r.summary.worse_indicators.iter().find(|w| w.indicator == "backbone_per_100").unwrap();
    assert!(w.cv_after > w.cv_before && w.why.starts_with("rule C017 (indicator_balance) gave way"), "{w:?}");
}

/// With `no_worse = false` the rule is gone from the model and the checker, and the worse
/// CV is still listed, saying the policy allows it.
#[test]
fn a_policy_without_no_worse_still_lists_the_worse_indicator() {
    let county = backbone_county();
    let mut policy = simple_policy();
    policy.exchange.backbone_share = 1.0;
    // No PE, music or art coverage to compete with the backbone teacher's exchange.
    policy.staffing.coverage_subjects.clear();
    policy.balance.no_worse = false;
    let r = plan_checked(&county, &policy);
    assert!(r.summary.violations.iter().all(|v| v.rule != Rule::IndicatorBalance));
    let w = r.summary.worse_indicators.iter().find(|w| w.indicator == "backbone_per_100").expect("listed");
    assert_eq!(w.why, "the policy allows it ([balance] no_worse = false)");
}
