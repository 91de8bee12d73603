//! A sweep does not start new plans while abandoned stages still fill its cores
//! (src/solve/cores.rs). A test binary of its own, because the stall it sets holds for
//! the whole process.

use rotaplan::domain::Term;
use rotaplan::solve::{overrunning, stall_stage_for_tests, STALL_BEYOND_GRACE};
use rotaplan::sweep::{parse_scenario, run_sweep, SweepOptions};
use std::time::Instant;

const TWO_SEEDS: &str = r#"
name = "overrun"
[base]
generate = { schools = 10 }
[solve]
time_limit = 2
[grid]
seeds = [1, 2]
"#;

#[test]
fn a_sweep_waits_for_its_abandoned_stages() {
    let scenario = parse_scenario(TWO_SEEDS, std::path::Path::new("overrun.toml")).expect("scenario");
    // The watchdog's grace: 5 s + 2% of the limit.
    let (limit, grace) = (2.0, 5.0 + 0.02 * 2.0);
    stall_stage_for_tests(Some(Term::Balance));
    let started = Instant::now();
    let r = run_sweep(&scenario, &SweepOptions { jobs: 1, ..Default::default() }).expect("sweep");
    let took = started.elapsed().as_secs_f64();
    // Each variant's balance stage is abandoned at its own deadline and grace (at least
    // 5 s), and its thread sleeps on for the whole limit, its grace and
    // `STALL_BEYOND_GRACE`. On one job the second variant starts only once the first one's
    // thread has ended: the first stall, then at least the second grace. Without the wait
    // it would start as soon as the first plan is back, and the sweep would take two
    // graces and a few seconds (about 12 s).
    let waited = (limit + grace) + STALL_BEYOND_GRACE + 5.0;
    assert!(took >= waited, "took {took:.1} s, expected at least {waited:.1} s");
    // The second variant's stage is still sleeping.
    assert!(overrunning() >= 1);
    stall_stage_for_tests(None);
    assert_eq!(r.rows.len(), 2);
    for row in &r.rows {
        assert_eq!(row.status, "time_limit", "variant {}: {}", row.variant, row.reason);
        // The stall was reached and the stage abandoned after its grace.
        assert!(row.timings.wall_seconds >= 5.0, "variant {}: {:?}", row.variant, row.timings);
        let o = row.outcome.as_ref().expect("a plan");
        assert!(o.checker_agrees, "variant {}: {:?}", row.variant, o);
    }
}
