//! `rotaplan evaluate`: the national balance indicators of a county, before and (with
//! `--plan`) after a plan, as a table, JSON or CSV; with `--report`, also as an HTML page.

use crate::cli::{Format, ReportArgs};
use crate::domain::{staff_after, staff_before};
use crate::findings::InvalidInput;
use crate::io::load_plan;
use crate::metrics::evaluate;
use crate::report::evaluation;
use crate::report::html::{evaluation_report, PlanView};
use crate::report::i18n::say;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn run(
    dir: &Path,
    plan: Option<&Path>,
    policy: Option<&Path>,
    format: Format,
    report: &ReportArgs,
) -> Result<ExitCode> {
    super::plan::output_file("--report", report.report.as_deref())?;
    let (county, policy) = super::load_inputs(dir, policy)?;
    let before = evaluate(&county, &policy, &staff_before(&county));
    let planned = match plan {
        None => None,
        Some(plan_dir) => {
            let plan = load_plan(plan_dir, &county).map_err(InvalidInput)?;
            let after = evaluate(&county, &policy, &staff_after(&county, &policy, &plan));
            Some((plan, after))
        }
    };
    let after = planned.as_ref().map(|(_, a)| a);
    if let Some(path) = &report.report {
        let view = planned.as_ref().map(|(plan, after)| PlanView { plan, after, summary: None });
        let html = evaluation_report(&county, &before, view, report.lang);
        crate::io::write_atomic(path, html.as_bytes()).with_context(|| super::words::cannot_write_report(path))?;
        // Standard output carries the evaluation itself (perhaps piped as JSON or CSV).
        eprintln!("{}", super::words::report_written(report.lang, path));
    }
    let text = match format {
        Format::Table => evaluation::table(&before, after, report.lang),
        Format::Csv => evaluation::csv(&before, after),
        Format::Json => {
            let what = say("cannot write the evaluation as JSON".into(), "无法把评估结果写成 JSON".into());
            let mut json = evaluation::json(&before, after).context(what)?;
            json.push('\n');
            json
        }
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        // A reader that stops early (`| head`) is not a failure of the evaluation.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context(say("cannot write to standard output".into(), "无法写入标准输出".into()))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}
