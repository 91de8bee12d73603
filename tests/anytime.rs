//! The anytime stage loop (src/solve/stages.rs): a stage cut short keeps a plan at least
//! as good as its start, records a proven bound below its value, and the later stages
//! still run; tolerances trade an earlier term for the later ones within their bound.
//! Cut short by a node limit (a work budget), so that the tests do not depend on the
//! machine's speed.

use rotaplan::check::check_plan;
use rotaplan::domain::{Policy, Term};
use rotaplan::generate::{generate, GenerateOptions};
use rotaplan::planner::{make_plan, PlanResult};
use rotaplan::solve::{Proof, SolveOptions, StageResult, Status};

fn distance_before_moves() -> Policy {
    let mut policy = rotaplan::io::load_policy(None).unwrap();
    policy.objective.order = vec![Term::Violations, Term::Shortage, Term::Balance, Term::Distance, Term::Moves];
    policy
}

/// The independent checker finds no structural breach and agrees with the summary.
fn checked(county: &rotaplan::domain::County, policy: &Policy, r: PlanResult) -> PlanResult {
    assert!(r.summary.checker_agrees, "{:#?}", r.summary.violations);
    let breaches = check_plan(county, policy, &r.plan);
    let structural: Vec<_> = breaches.iter().filter(|b| !b.rule.is_elastic()).collect();
    assert!(structural.is_empty(), "{structural:#?}");
    let measured: f64 = breaches.iter().map(|b| b.amount).sum();
    let declared = r.summary.objective["violations"];
    assert!((measured - declared).abs() <= 1e-4 * declared.max(1.0), "checker {measured} vs solver {declared}");
    r
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// Every stage's gap is its value against its bound, its bound is below its value, and
/// the plan it ended with is no worse than the one it started from.
fn consistent(stages: &[StageResult]) {
    for s in stages {
        assert!(s.bound <= s.value + 1e-9, "{s:?}");
        let gap = if s.value - s.bound <= 1e-9 { 0.0 } else { (s.value - s.bound) / s.value.abs().max(1e-9) };
        assert!((s.gap - gap).abs() <= 1e-12, "{s:?}");
        if let Some(start) = s.start {
            assert!(s.reached <= start + 1e-9 * start.abs().max(1.0), "{s:?}");
        }
        assert!(s.budget_seconds > 0.0 && !matches!(s.proof, Proof::NotRun | Proof::Abandoned), "{s:?}");
    }
}

#[test]
fn a_stage_cut_short_keeps_its_plan_and_the_later_stages_still_run() {
    let county = generate(&GenerateOptions { schools: 45, seed: 2 });
    let policy = distance_before_moves();
    let full = make_plan(&county, &policy, &SolveOptions { time_limit: 600.0, ..Default::default() }).unwrap();
    let full = checked(&county, &policy, full);
    assert_eq!(full.summary.status, Status::Optimal);

    // Branch and bound alone: the primal heuristics (tests/heuristics.rs) finish this
    // county's stages before one node would cut them short.
    let cut_opts = SolveOptions { time_limit: 600.0, node_limit: Some(1), heuristics: false, ..Default::default() };
    let cut = checked(&county, &policy, make_plan(&county, &policy, &cut_opts).unwrap());
    let s = &cut.summary;
    assert_eq!(s.status, Status::WorkLimit);
    let terms: Vec<Term> = s.stages.iter().map(|st| st.term).collect();
    assert_eq!(terms, policy.objective.order, "every stage runs, in the policy's order");
    consistent(&s.stages);

    // The distance stage was cut by the node limit: its bound is proven, below its value
    // by more than a proof's gap, and below the optimum the full solve proved (the earlier terms were
    // proven in both), while its value is a real plan's, so not below that optimum.
    let distance = &s.stages[3];
    assert_eq!((distance.term, distance.status), (Term::Distance, Status::WorkLimit), "{distance:?}");
    assert!(distance.gap > rotaplan::solve::PROOF_GAP, "{distance:?}");
    let best = full.summary.objective["distance"];
    assert!(distance.bound <= best * (1.0 + 1e-4), "bound {} above the optimum {best}", distance.bound);
    assert!(distance.value >= best * (1.0 - 1e-4), "value {} below the optimum {best}", distance.value);
    assert!(close(distance.value, s.objective["distance"]));
    // Moves ran after it, and was proven given the distance reached.
    let moves = &s.stages[4];
    assert_eq!((moves.term, moves.status), (Term::Moves, Status::Optimal), "{moves:?}");
    assert!(moves.start.is_some() && moves.seconds > 0.0);
    for t in ["violations", "shortage"] {
        assert!(close(s.objective[t], full.summary.objective[t]), "{t}");
    }

    // A work budget gives the same plan on 1 and 2 solver threads.
    let two = make_plan(&county, &policy, &SolveOptions { threads: 2, ..cut_opts.clone() }).unwrap();
    let two = checked(&county, &policy, two);
    assert_eq!(two.plan, cut.plan);
    assert_eq!(two.summary.objective, cut.summary.objective);
    let bounds = |r: &PlanResult| r.summary.stages.iter().map(|s| (s.term, s.bound.to_bits())).collect::<Vec<_>>();
    assert_eq!(bounds(&two), bounds(&cut));
}

#[test]
fn a_tolerance_on_balance_is_kept_and_never_costs_the_later_terms() {
    let county = generate(&GenerateOptions { schools: 30, seed: 1 });
    let strict_policy = rotaplan::io::load_policy(None).unwrap();
    let mut loose_policy = strict_policy.clone();
    loose_policy.objective.tolerance.balance.relative = 0.05;
    let opts = SolveOptions { time_limit: 600.0, ..Default::default() };
    let strict = checked(&county, &strict_policy, make_plan(&county, &strict_policy, &opts).unwrap());
    let loose = checked(&county, &loose_policy, make_plan(&county, &loose_policy, &opts).unwrap());
    assert_eq!((strict.summary.status, loose.summary.status), (Status::Optimal, Status::Optimal));
    consistent(&loose.summary.stages);

    let balance = loose.summary.stages.iter().find(|s| s.term == Term::Balance).unwrap();
    // Within its tolerance of its proven bound, and the bound is the strict optimum's.
    assert!(balance.value <= balance.bound * 1.05 + 1e-6, "{balance:?}");
    assert!(balance.bound <= strict.summary.objective["balance"] * (1.0 + 1e-4), "{balance:?}");
    // The later terms can only gain from the room given.
    let (s, l) = (&strict.summary.objective, &loose.summary.objective);
    assert!(l["moves"] <= s["moves"] + 1e-6, "moves {} vs strict {}", l["moves"], s["moves"]);
    for t in ["violations", "shortage"] {
        assert!(close(l[t], s[t]), "{t}");
    }
}
