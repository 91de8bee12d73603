//! The primal heuristics (src/solve/heuristics/): the neighbourhood search that improves
//! the start of the balance, moves and distance stages. Its plans pass the independent
//! checker, never worsen the stage's term, keep every earlier term within the bound the
//! stage loop put on it, and are the same on every run and thread count under a node
//! limit (a work budget), so that these tests do not depend on the machine's speed.

use rotaplan::check::check_plan;
use rotaplan::domain::{County, Policy, Term};
use rotaplan::generate::{generate, GenerateOptions};
use rotaplan::planner::{make_plan, PlanResult};
use rotaplan::solve::{SolveOptions, StageResult};

/// Few nodes per HiGHS search: the searched stages end by the work budget, so that what
/// the heuristics found shows.
fn work_budget() -> SolveOptions {
    SolveOptions { time_limit: 600.0, node_limit: Some(1), ..Default::default() }
}

fn checked(county: &County, policy: &Policy, r: PlanResult) -> PlanResult {
    assert!(r.summary.checker_agrees, "{:#?}", r.summary.violations);
    let breaches = check_plan(county, policy, &r.plan);
    let structural: Vec<_> = breaches.iter().filter(|b| !b.rule.is_elastic()).collect();
    assert!(structural.is_empty(), "{structural:#?}");
    r
}

fn stage(r: &PlanResult, term: Term) -> &StageResult {
    r.summary.stages.iter().find(|s| s.term == term).expect("every term has a stage")
}

/// Each stage ends no worse than it started, and the plan as written keeps every term
/// within the bound the stage loop put on it for the later stages (docs/model.md, "The
/// stage loop").
fn within_bounds(policy: &Policy, r: &PlanResult) {
    for s in &r.summary.stages {
        if let Some(start) = s.start {
            assert!(s.reached <= start + 1e-9 * start.abs().max(1.0), "{s:?}");
        }
        let tolerance = policy.objective.tolerance.of(s.term);
        let upper = s.reached.max(s.bound + tolerance.allowance(s.bound));
        let value = r.summary.objective[s.term.name()];
        // The row's documented slack, 1e-6 relative, and HiGHS's feasibility tolerance.
        let slack = 1e-6 * upper.abs().max(1.0) + 1e-6;
        assert!(value <= upper + slack, "{} {value} above {upper}", s.term.name());
    }
}

#[test]
fn heuristic_plans_pass_the_checker_and_never_worsen_a_term() {
    let county = generate(&GenerateOptions { schools: 25, seed: 2 });
    let policy = rotaplan::io::load_policy(None).unwrap();
    let with = checked(&county, &policy, make_plan(&county, &policy, &work_budget()).unwrap());
    within_bounds(&policy, &with);
    let without_opts = SolveOptions { heuristics: false, ..work_budget() };
    let without = checked(&county, &policy, make_plan(&county, &policy, &without_opts).unwrap());
    within_bounds(&policy, &without);
    // The first searched stage starts from the same plan either way; the heuristics end it
    // at least as well as one node of branch and bound does.
    let (b_with, b_without) = (stage(&with, Term::Balance), stage(&without, Term::Balance));
    assert_eq!(b_with.start, b_without.start);
    // Within the 1e-6 the rows bounding earlier terms allow.
    assert!(b_with.reached <= b_without.reached * (1.0 + 1e-6) + 1e-9, "{b_with:?} vs {b_without:?}");
}

#[test]
fn under_a_node_limit_the_heuristics_give_the_same_plan_every_time() {
    let county = generate(&GenerateOptions { schools: 25, seed: 2 });
    let policy = rotaplan::io::load_policy(None).unwrap();
    let one = checked(&county, &policy, make_plan(&county, &policy, &work_budget()).unwrap());
    let again = checked(&county, &policy, make_plan(&county, &policy, &work_budget()).unwrap());
    let two_threads = SolveOptions { threads: 2, ..work_budget() };
    let two = checked(&county, &policy, make_plan(&county, &policy, &two_threads).unwrap());
    for other in [&again, &two] {
        assert_eq!(other.plan, one.plan);
        assert_eq!(other.summary.objective, one.summary.objective);
    }
}

#[test]
fn the_distance_stage_keeps_the_earlier_terms_when_its_start_is_rerouted() {
    // Distance before moves: the transportation neighbourhood runs with only the earlier
    // terms' rows holding moves free, and the plan must keep them.
    let county = generate(&GenerateOptions { schools: 30, seed: 6 });
    let mut policy = rotaplan::io::load_policy(None).unwrap();
    policy.objective.order = vec![Term::Violations, Term::Shortage, Term::Balance, Term::Distance, Term::Moves];
    let r = checked(&county, &policy, make_plan(&county, &policy, &work_budget()).unwrap());
    within_bounds(&policy, &r);
    let distance = stage(&r, Term::Distance);
    assert!(distance.reached <= distance.start.unwrap() + 1e-9, "{distance:?}");
}
