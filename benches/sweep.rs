//! Sweep throughput (variants solved per second) on 1 and 2 jobs, and the speed-up.
//!
//! 32 variants, each a synthetic 10-school county (`generate`, seeds 1-32) planned with
//! one HiGHS thread: small enough for a few minutes on a laptop, and the same work per
//! job count. Run with `cargo bench --bench sweep`; numbers are in docs/sweeps.md.

use criterion::{black_box, Criterion, Throughput};
use rotaplan::sweep::{parse_scenario, run_sweep, Scenario, SweepOptions};
use std::path::{Path, PathBuf};
use std::time::Duration;

const SCENARIO: &str = r#"
name = "bench"
[base]
generate = { schools = 10 }
[solve]
time_limit = 60
[[transform]]
kind = "enrolment"
locale = "town"
change = 0.15
[grid]
seeds = { from = 1, to = 32 }
"#;

const JOBS: [usize; 2] = [1, 2];

fn scenario() -> Scenario {
    match parse_scenario(SCENARIO, Path::new("bench.toml")) {
        Ok(s) => s,
        Err(e) => panic!("the bench scenario does not parse: {e:#}"),
    }
}

fn bench(c: &mut Criterion) {
    let s = scenario();
    let mut group = c.benchmark_group("sweep");
    group.sample_size(10).measurement_time(Duration::from_secs(75)).warm_up_time(Duration::from_secs(1));
    group.throughput(Throughput::Elements(s.grid.len() as u64));
    for jobs in JOBS {
        group.bench_function(format!("jobs-{jobs}"), |b| {
            b.iter(|| {
                let r = run_sweep(&s, &SweepOptions { jobs, ..Default::default() });
                black_box(r.map(|r| r.rows.len()).unwrap_or(0))
            })
        });
    }
    group.finish();
}

/// Mean seconds of one sweep, from criterion's saved estimate.
fn mean_seconds(jobs: usize) -> Option<f64> {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    let path = target.join(format!("criterion/sweep/jobs-{jobs}/new/estimates.json"));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    Some(json["mean"]["point_estimate"].as_f64()? / 1e9)
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
    let variants = scenario().grid.len() as f64;
    if let (Some(one), Some(two)) = (mean_seconds(1), mean_seconds(2)) {
        println!(
            "sweep of {variants} variants: 1 job {one:.2} s ({:.2} variants/s), 2 jobs {two:.2} s ({:.2} variants/s), \
             speed-up {:.2}x",
            variants / one,
            variants / two,
            one / two
        );
    }
}
