//! What a user sees at a given time: for generated counties, each objective term's value,
//! its gap to the bound the run proved, and its distance from the best known value (kept
//! in `benches/data/best-known.json`), at several time limits; with the run's status,
//! wall time and peak memory.
//!
//! `cargo bench --bench anytime`. Each plan runs as its own `rotaplan plan` process, so
//! that its peak memory (`process_peak_memory_mb`, Linux's `VmHWM`) is its own and an
//! abandoned stage cannot slow the next run. The grid is set by environment variables:
//! `ROTAPLAN_BENCH_SCHOOLS` (default `100,200,400`), `ROTAPLAN_BENCH_SEEDS` (`1,2,3`),
//! `ROTAPLAN_BENCH_BUDGETS` (seconds, `10,30,60,300`). The whole default grid takes about
//! four hours on a 2-core machine; docs/performance.md says which part each table ran.
//! `ROTAPLAN_BENCH_RECORD=1` writes back any run lexicographically better than the best
//! known (a long run, e.g. `ROTAPLAN_BENCH_BUDGETS=3600`, is how the file is filled).
//! Results are also written to `target/anytime-bench.json`. A best-known value may be
//! `null` where no run has proved or found one worth keeping. A run that ends without a
//! plan (the first stage unfinished at a short limit) is a row of its own, `no plan`.

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const TERMS: [&str; 5] = ["violations", "shortage", "balance", "moves", "distance"];
const BEST_KNOWN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/data/best-known.json");

fn list(var: &str, default: &str) -> Vec<u64> {
    let text = std::env::var(var).unwrap_or_else(|_| default.to_string());
    text.split(',').filter_map(|s| s.trim().parse().ok()).collect()
}

/// Runs rotaplan; its error message when it fails.
fn rotaplan(args: &[&str]) -> Result<(), String> {
    let out = Command::new(env!("CARGO_BIN_EXE_rotaplan")).args(args).output().expect("run rotaplan");
    match out.status.success() {
        true => Ok(()),
        false => Err(String::from_utf8_lossy(&out.stderr).trim().to_string()),
    }
}

/// The generated county of `schools` and `seed` under target/, written afresh by every
/// bench run (0.1 s at 400 schools): a county cached by an older generator
/// would be measured against best-known values that are not its own.
fn county(work: &Path, schools: u64, seed: u64) -> PathBuf {
    let dir = work.join(format!("county-{schools}-{seed}"));
    let (n, s) = (schools.to_string(), seed.to_string());
    let made = rotaplan(&["generate", "--schools", &n, "--seed", &s, "--out", dir.to_str().unwrap()]);
    made.unwrap_or_else(|e| panic!("generate {schools} schools, seed {seed}: {e}"));
    dir
}

/// Whether `a` is lexicographically better than `b` (relative tolerance 1e-6 per term; an
/// unknown value of `b` is beaten by any).
fn better(a: &[f64], b: &[Option<f64>]) -> bool {
    for (x, y) in a.iter().zip(b) {
        let Some(y) = y else { return true };
        let tol = 1e-6 * x.abs().max(y.abs()).max(1.0);
        if x < &(y - tol) {
            return true;
        }
        if x > &(y + tol) {
            return false;
        }
    }
    false
}

fn main() {
    let work = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/anytime-bench");
    std::fs::create_dir_all(&work).unwrap();
    let mut best: BTreeMap<String, Vec<Option<f64>>> =
        std::fs::read(BEST_KNOWN).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
    let record = std::env::var_os("ROTAPLAN_BENCH_RECORD").is_some();
    let mut results = Vec::new();
    println!("county     budget  status       wall    MB  | term: value (gap to own bound, vs best known)");
    for schools in list("ROTAPLAN_BENCH_SCHOOLS", "100,200,400") {
        for seed in list("ROTAPLAN_BENCH_SEEDS", "1,2,3") {
            let dir = county(&work, schools, seed);
            let key = format!("{schools}-{seed}");
            for budget in list("ROTAPLAN_BENCH_BUDGETS", "10,30,60,300") {
                let out = work.join(format!("plan-{key}-{budget}"));
                let started = Instant::now();
                let limit = budget.to_string();
                let ran =
                    rotaplan(&["plan", dir.to_str().unwrap(), "--out", out.to_str().unwrap(), "--time-limit", &limit]);
                let wall = started.elapsed().as_secs_f64();
                if let Err(message) = ran {
                    // No plan within the limit (the first stage still running): a result too.
                    println!("{key:<10} {budget:>5} s  no plan     {wall:>6.1}         | {message}");
                    results.push(json!({ "county": key, "budget": budget, "status": "no_plan", "wall_seconds": wall, "error": message }));
                    continue;
                }
                let summary: Value = serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
                let row = report(&key, budget, wall, &summary, best.get(&key));
                let values: Vec<f64> = TERMS.iter().map(|t| summary["objective"][t].as_f64().unwrap()).collect();
                if record && best.get(&key).is_none_or(|b| better(&values, b)) {
                    best.insert(key.clone(), values.into_iter().map(Some).collect());
                }
                results.push(row);
            }
        }
    }
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/anytime-bench.json");
    std::fs::write(&target, serde_json::to_vec_pretty(&results).unwrap()).unwrap();
    if record {
        std::fs::write(BEST_KNOWN, serde_json::to_vec_pretty(&best).unwrap()).unwrap();
    }
}

/// Prints one run's line and returns it as JSON.
fn report(key: &str, budget: u64, wall: f64, s: &Value, best: Option<&Vec<Option<f64>>>) -> Value {
    let status = s["status"].as_str().unwrap_or("?");
    let mb = s["process_peak_memory_mb"].as_f64().unwrap_or(f64::NAN);
    let mut line = format!("{key:<10} {budget:>5} s  {status:<11} {wall:>6.1} {mb:>6.0}  |");
    let mut terms = Vec::new();
    for stage in s["stages"].as_array().unwrap() {
        let term = stage["term"].as_str().unwrap();
        let value = stage["value"].as_f64().unwrap();
        let gap = stage["gap"].as_f64();
        let at = TERMS.iter().position(|t| *t == term).unwrap();
        let vs_best = best.and_then(|b| b[at]).map(|b| (value - b) / b.abs().max(1e-9));
        let pct = |x: Option<f64>| x.map_or("-".to_string(), |x| format!("{:.2}%", 100.0 * x));
        line.push_str(&format!(" {term} {value:.4} ({}, {})", pct(gap), pct(vs_best)));
        terms.push(json!({
            "term": term, "value": value, "bound": stage["bound"], "gap": gap, "vs_best_known": vs_best,
            "seconds": stage["seconds"], "status": stage["status"], "proof": stage["proof"],
        }));
    }
    println!("{line}");
    json!({ "county": key, "budget": budget, "status": status, "wall_seconds": wall, "peak_memory_mb": mb, "terms": terms })
}
