//! The demo county under the 54 what-ifs of `scenarios/demo-what-if.toml`, on two jobs.

use rotaplan::sweep::{load_scenario, run_sweep, Shard, SweepOptions};

/// One shard (6 of the 54 variants, every ninth) planned with all five terms within the
/// scenario's 20 s each, and re-checked by the independent checker; a variant cut by the
/// time says so.
#[test]
fn demo_county_sweep_runs_all_five_terms() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/demo-what-if.toml");
    let s = load_scenario(&file).expect("scenario");
    assert!(s.grid.len() >= 50, "{} variants", s.grid.len());
    let shard = Shard::parse("1/9").unwrap();
    let r = run_sweep(&s, &SweepOptions { jobs: 2, shard, ..Default::default() }).expect("sweep");
    assert_eq!(r.rows.len(), 6);
    for row in &r.rows {
        assert!(matches!(row.status.as_str(), "optimal" | "time_limit"), "variant {}: {}", row.variant, row.reason);
        let outcome = row.outcome.as_ref().expect("a plan");
        assert!(outcome.checker_agrees, "variant {}", row.variant);
        let terms: Vec<&str> = outcome.objective.keys().copied().collect();
        assert_eq!(terms, ["balance", "distance", "moves", "shortage", "violations"], "variant {}", row.variant);
    }
}
