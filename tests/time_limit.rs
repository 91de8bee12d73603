//! The time limit is kept even when a stage overruns HiGHS's own clock (as the root
//! heuristics of a 400-school county did): the stage is abandoned at the limit plus a grace
//! period, and the plan of the last finished stage is kept (src/solve/watchdog.rs). A test
//! binary of its own, because the stall it sets holds for the whole process.

use rotaplan::check::check_plan;
use rotaplan::domain::Term;
use rotaplan::generate::{generate, GenerateOptions};
use rotaplan::planner::make_plan;
use rotaplan::solve::{stall_stage_for_tests, Proof, SolveOptions, Status};
use std::time::Instant;

#[test]
fn an_overrunning_stage_is_abandoned_and_the_last_plan_kept() {
    let county = generate(&GenerateOptions { schools: 12, seed: 1 });
    let policy = rotaplan::io::load_policy(None).unwrap();
    let unstalled = make_plan(&county, &policy, &SolveOptions { time_limit: 300.0, ..Default::default() }).unwrap();
    assert_eq!(unstalled.summary.status, Status::Optimal);

    stall_stage_for_tests(Some(Term::Balance));
    let limit = 8.0;
    let started = Instant::now();
    let r = make_plan(&county, &policy, &SolveOptions { time_limit: limit, ..Default::default() }).unwrap();
    let took = started.elapsed().as_secs_f64();
    stall_stage_for_tests(None);

    // Waited for the stage until the limit and its grace (5 s + 2%), not for the stall
    // (which lasts `STALL_BEYOND_GRACE` = 10 s longer).
    assert!(took >= limit + 5.0 && took < limit + 5.0 + 0.02 * limit + 5.0, "took {took} s");
    let s = &r.summary;
    assert_eq!(s.status, Status::TimeLimit);
    let stages: Vec<_> = s.stages.iter().map(|st| (st.term, st.status, st.proof)).collect();
    assert_eq!(stages.len(), 3, "{stages:?}");
    assert_eq!(stages[2], (Term::Balance, Status::TimeLimit, Proof::Abandoned));
    assert!(stages[..2].iter().all(|&(_, status, _)| status == Status::Optimal), "{stages:?}");
    // The plan kept is the shortage stage's: the same first two optima as the full solve,
    // and the checker finds no broken structural rule and agrees with the summary.
    for term in ["violations", "shortage"] {
        let (kept, full) = (s.objective[term], unstalled.summary.objective[term]);
        assert!((kept - full).abs() <= 1e-6 * full.abs().max(1.0), "{term}: {kept} vs {full}");
    }
    assert!(s.checker_agrees, "{:#?}", s.violations);
    let structural: Vec<_> = check_plan(&county, &policy, &r.plan).into_iter().filter(|b| b.code < "C010").collect();
    assert!(structural.is_empty(), "{structural:#?}");

    // With the first stage overrunning there is no plan to keep: a clear error, in time.
    // (In this same test: the stall holds for every thread of the process.)
    stall_stage_for_tests(Some(Term::Violations));
    let started = Instant::now();
    let err = make_plan(&county, &policy, &SolveOptions { time_limit: 2.0, ..Default::default() }).unwrap_err();
    let took = started.elapsed().as_secs_f64();
    stall_stage_for_tests(None);
    assert!(took < 2.0 + 5.0 + 0.04 + 5.0, "took {took} s");
    let message = format!("{err:#}");
    assert!(message.contains("violations") && message.contains("--time-limit"), "{message}");
}
