//! `rotaplan sweep`: every variant of a scenario file, solved in parallel, one row each.

use crate::cli::ReportArgs;
use crate::sweep::output::default_dir;
use crate::sweep::{load_scenario, run_sweep, write_results, Shard, SweepOptions, SweepResults};
use anyhow::{ensure, Result};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

/// Most threads `--jobs` may ask for.
const MAX_JOBS: usize = 1024;

pub fn run(
    file: &Path,
    jobs: Option<usize>,
    out: Option<&Path>,
    shard: Option<&str>,
    _report: &ReportArgs,
) -> Result<ExitCode> {
    let shard = shard.map(Shard::parse).transpose()?.unwrap_or(Shard::WHOLE);
    let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    ensure!((1..=MAX_JOBS).contains(&jobs), "--jobs must be from 1 to {MAX_JOBS} (got {jobs})");
    let scenario = load_scenario(file)?;
    let out = out.map_or_else(|| default_dir(&scenario.name, shard), Path::to_path_buf);
    let results = run_sweep(&scenario, &SweepOptions { jobs, shard, progress: true })?;
    write_results(&out, &results)?;
    print!("{}", render(&results, &out));
    Ok(ExitCode::SUCCESS)
}

/// What the sweep did, in a few lines.
fn render(r: &SweepResults, out: &Path) -> String {
    let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
    for row in &r.rows {
        *by_status.entry(row.status.as_str()).or_default() += 1;
    }
    let counts: Vec<String> = by_status.iter().map(|(s, n)| format!("{n} {s}")).collect();
    let which = if r.shard == Shard::WHOLE {
        format!("{} variants", r.rows.len())
    } else {
        format!("{} of {} variants (shard {})", r.rows.len(), r.variants, r.shard)
    };
    let mut text = format!("Sweep \"{}\": {which}: {}.\n", r.scenario, counts.join(", "));
    let disagree = r.rows.iter().filter(|row| row.outcome.as_ref().is_some_and(|o| !o.checker_agrees)).count();
    if disagree > 0 {
        text.push_str(&format!("The independent checker disagrees with the solver on {disagree} variant(s).\n"));
    }
    text.push_str(&format!("Results written to {} (results.csv, results.json, timings.csv).\n", out.display()));
    text
}
