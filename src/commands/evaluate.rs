//! `rotaplan evaluate`: the national balance indicators of a county, before and (with
//! `--plan`) after a plan, as a table, JSON or CSV.

use crate::cli::Format;
use crate::domain::{staff_after, staff_before};
use crate::findings::InvalidInput;
use crate::io::load_plan;
use crate::metrics::evaluate;
use crate::report::evaluation;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn run(dir: &Path, plan: Option<&Path>, policy: Option<&Path>, format: Format) -> Result<ExitCode> {
    let (county, policy) = super::load_inputs(dir, policy)?;
    let before = evaluate(&county, &policy, &staff_before(&county));
    let after = match plan {
        None => None,
        Some(plan_dir) => {
            let plan = load_plan(plan_dir, &county).map_err(InvalidInput)?;
            Some(evaluate(&county, &policy, &staff_after(&county, &policy, &plan)))
        }
    };
    let text = match format {
        Format::Table => evaluation::table(&before, after.as_ref()),
        Format::Csv => evaluation::csv(&before, after.as_ref()),
        Format::Json => {
            let mut json = evaluation::json(&before, after.as_ref()).context("cannot write the evaluation as JSON")?;
            json.push('\n');
            json
        }
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        // A reader that stops early (`| head`) is not a failure of the evaluation.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e).context("cannot write to standard output"),
        _ => Ok(ExitCode::SUCCESS),
    }
}
