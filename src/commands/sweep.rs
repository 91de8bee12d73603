//! `rotaplan sweep`: every variant of a scenario file, solved in parallel, one row each.

use crate::cli::ReportArgs;
use crate::domain::Stage;
use crate::io::atomic::write_atomic;
use crate::report::html::sweep::{sweep_report, SweepInfo};
use crate::report::i18n::{self, pick, say, Lang};
use crate::sweep::output::default_dir;
use crate::sweep::variant::resolve;
use crate::sweep::Scenario;
use crate::sweep::{load_scenario, run_sweep, write_results, Shard, SweepOptions, SweepResults};
use anyhow::{ensure, Context, Result};
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
    report: &ReportArgs,
) -> Result<ExitCode> {
    // Say so before any variant runs, not after.
    super::plan::output_file("--report", report.report.as_deref())?;
    let shard = shard.map(Shard::parse).transpose()?.unwrap_or(Shard::WHOLE);
    let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    ensure!(
        (1..=MAX_JOBS).contains(&jobs),
        say(
            format!("--jobs must be from 1 to {MAX_JOBS} (got {jobs})"),
            format!("--jobs 必须在 1 到 {MAX_JOBS} 之间（实际为 {jobs}）"),
        )
    );
    let scenario = load_scenario(file)?;
    let out = out.map_or_else(|| default_dir(&scenario.name, shard), Path::to_path_buf);
    let results = run_sweep(&scenario, &SweepOptions { jobs, shard, progress: true })?;
    let html = report.report.as_ref().map(|_| sweep_report(&results, &sweep_info(&scenario), report.lang));
    write_results(&out, &results)?;
    if let (Some(path), Some(html)) = (&report.report, &html) {
        write_atomic(path, html.as_bytes()).with_context(|| super::words::cannot_write_report(path))?;
        eprintln!("{}", super::words::report_written(report.lang, path));
    }
    print!("{}", render(&results, &out, report.lang));
    Ok(ExitCode::SUCCESS)
}

/// The scenario's description and each stage's CV limit, the one of the first variant's
/// policy unless the grid varies it (then no limit line is drawn).
fn sweep_info(scenario: &Scenario) -> SweepInfo {
    let policy = (!scenario.grid.is_empty())
        .then(|| resolve(scenario, &scenario.grid.variant(1)).ok())
        .flatten()
        .map(|r| r.policy);
    let cv_max = Stage::ALL
        .iter()
        .map(|&stage| {
            let key = format!("policy.evaluation.cv_max_{}", stage.name());
            let varies = scenario.grid.params.iter().any(|p| p.key == key && p.values.len() > 1);
            (stage, policy.as_ref().filter(|_| !varies).map(|p| p.cv_max(stage)))
        })
        .collect();
    SweepInfo { description: scenario.description.clone(), cv_max }
}

/// What the sweep did, in a few lines.
fn render(r: &SweepResults, out: &Path, lang: Lang) -> String {
    let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
    for row in &r.rows {
        *by_status.entry(row.status.as_str()).or_default() += 1;
    }
    let counts: Vec<String> = by_status
        .iter()
        .map(|(s, n)| pick(lang, format!("{n} {s}"), format!("{}{n} 个", i18n::status(lang, s))))
        .collect();
    let (rows, all, shard) = (r.rows.len(), r.variants, &r.shard);
    let which = match r.shard == Shard::WHOLE {
        true => pick(lang, format!("{rows} variants"), format!("{rows} 个变体")),
        false => pick(
            lang,
            format!("{rows} of {all} variants (shard {shard})"),
            format!("{all} 个变体中的 {rows} 个（分片 {shard}）"),
        ),
    };
    let (name, counts) = (&r.scenario, counts.join(pick(lang, ", ", "，")));
    let mut text =
        pick(lang, format!("Sweep \"{name}\": {which}: {counts}.\n"), format!("情景“{name}”：{which}：{counts}。\n"));
    let disagree = r.rows.iter().filter(|row| row.outcome.as_ref().is_some_and(|o| !o.checker_agrees)).count();
    if disagree > 0 {
        text.push_str(&pick(
            lang,
            format!("The independent checker disagrees with the solver on {disagree} variant(s).\n"),
            format!("有 {disagree} 个变体的独立检查结果与求解器不一致。\n"),
        ));
    }
    let out = out.display();
    text.push_str(&pick(
        lang,
        format!("Results written to {out} (results.csv, results.json, timings.csv).\n"),
        format!("结果已写入 {out}（results.csv、results.json、timings.csv）。\n"),
    ));
    text
}
