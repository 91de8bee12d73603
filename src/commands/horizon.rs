//! `rotaplan horizon DIR --years K`: plans K consecutive school years (src/horizon) and
//! prints the per-year table, CSV or JSON; with `--out`, writes each year's county and
//! plan and the table as horizon.csv and horizon.json.

use crate::cli::{Format, ReportArgs};
use crate::domain::Stage;
use crate::horizon::{output, run_horizon, YearRun};
use crate::io::write_atomic;
use crate::planner::write_plan_dir;
use crate::report::html::horizon::horizon_report;
use crate::report::i18n::files::cannot_write;
use crate::report::i18n::say;
use crate::solve::SolveOptions;
use anyhow::{bail, ensure, Context, Result};
use std::path::Path;
use std::process::ExitCode;

/// Most years a horizon plans.
const MAX_YEARS: u32 = 30;

pub fn run(
    dir: &Path,
    (policy, year): (Option<&Path>, Option<u32>),
    years: u32,
    out: Option<&Path>,
    opts: SolveOptions,
    (format, report): (Format, &ReportArgs),
) -> Result<ExitCode> {
    ensure!(
        (1..=MAX_YEARS).contains(&years),
        say(
            format!("--years must be from 1 to {MAX_YEARS} (got {years})"),
            format!("--years 必须在 1 到 {MAX_YEARS} 之间（实际为 {years}）")
        )
    );
    super::words::check_solve_options(&opts)?;
    if let Some(out) = out {
        let empty = std::fs::read_dir(out).map(|mut d| d.next().is_none()).unwrap_or(true);
        let o = out.display();
        ensure!(
            empty,
            say(
                format!("--out {o} holds files; give a new or empty folder"),
                format!("--out {o} 中已有文件；请给出一个新的或空的文件夹")
            )
        );
    }
    let (county, policy) = super::load_inputs_in(dir, policy, year)?;
    let Some(first) = county.cycle.year else {
        bail!(say(
            "the county has no exchanges.csv to tell the year: give the first school year with --year, such as --year 2026"
                .into(),
            "县域数据中没有 exchanges.csv，无法确定学年：请用 --year 给出第一个学年，如 --year 2026".into()
        ))
    };
    let mut write_year = |run: &YearRun| -> Result<()> {
        let Some(out) = out else { return Ok(()) };
        let at = out.join(run.row.year.to_string());
        let home = crate::domain::cycle::home_view(&run.county, &policy);
        crate::io::write_county::write_county(&at.join("county"), &home)?;
        write_plan_dir(&at.join("plan"), &run.county, &run.result)
    };
    let rows = run_horizon(&county, &policy, (first, years), &opts, &mut write_year)?;
    if let Some(path) = &report.report {
        let cv_max: Vec<(Stage, f64)> = Stage::ALL.iter().map(|&g| (g, policy.cv_max(g))).collect();
        let html = horizon_report(&rows, &cv_max, report.lang);
        write_atomic(path, html.as_bytes()).with_context(|| super::words::cannot_write_report(path))?;
        eprintln!("{}", super::words::report_written(report.lang, path));
    }
    if let Some(out) = out {
        write_atomic(&out.join("horizon.csv"), &output::csv(&rows))
            .with_context(|| cannot_write(&out.join("horizon.csv")))?;
        write_atomic(&out.join("horizon.json"), output::json(&rows).as_bytes())
            .with_context(|| cannot_write(&out.join("horizon.json")))?;
    }
    match format {
        Format::Table => print!("{}", output::table(&rows)),
        Format::Csv => print!("{}", String::from_utf8_lossy(&output::csv(&rows))),
        Format::Json => print!("{}", output::json(&rows)),
    }
    Ok(ExitCode::SUCCESS)
}
