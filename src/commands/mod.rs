//! What each subcommand does: read inputs, call the library, print or write results.

mod check;
mod compare;
mod evaluate;
mod explain;
mod generate;
mod horizon;
mod merge;
mod plan;
mod progress;
mod sweep;
mod template;
mod validate;
mod words;

use crate::cli::{Cli, Command};
use crate::domain::{County, Policy};
use crate::findings::InvalidInput;
use crate::solve::SolveOptions;
use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;

/// Exit code for invalid input (data, policy or plan files).
pub const EXIT_INVALID: u8 = 2;
/// Exit code when a checked plan breaks a rule, or for any other failure.
pub const EXIT_FAILED: u8 = 1;

pub fn run(cli: Cli) -> Result<ExitCode> {
    let lang = cli.lang.unwrap_or_else(crate::cli::Lang::from_env);
    crate::report::i18n::set_current(lang);
    match with_lang(cli.command, lang) {
        Command::Validate { dir, policy, format } => validate::run(&dir, policy.as_deref(), format),
        Command::Generate { schools, seed, out } => generate::run(schools, seed, &out),
        Command::Evaluate { dir, plan, policy, format, report } => {
            evaluate::run(&dir, plan.as_deref(), policy.as_deref(), format, &report)
        }
        Command::Plan {
            dir,
            policy,
            out,
            time_limit,
            gap,
            node_limit,
            threads,
            export_model,
            formulation,
            xlsx,
            force,
            start,
            year,
            report,
        } => {
            let formulation = formulation.into();
            let opts = SolveOptions {
                time_limit,
                gap,
                node_limit,
                threads,
                export_model,
                formulation,
                ..SolveOptions::default()
            };
            let inputs = (policy.as_deref(), year, start.as_deref());
            plan::run(&dir, inputs, (&out, force), opts, xlsx.as_deref(), &report)
        }
        Command::Template { out } => template::run(&out, lang),
        Command::Check { dir, plan, policy, year, format } => {
            check::run(&dir, &plan, (policy.as_deref(), year), format)
        }
        Command::Explain(args) => explain::run(&args),
        Command::Sweep { file, jobs, out, shard, report } => {
            sweep::run(&file, jobs, out.as_deref(), shard.as_deref(), &report)
        }
        Command::Merge { dirs, out } => merge::run(&dirs, &out),
        Command::Horizon { dir, years, policy, year, out, time_limit, node_limit, threads, format, report } => {
            let opts = SolveOptions { time_limit, node_limit, threads, ..SolveOptions::default() };
            horizon::run(&dir, (policy.as_deref(), year), years, out.as_deref(), opts, (format, &report))
        }
        Command::Compare { dir, rules, out, plan, time_limit, format, report } => {
            compare::run((&dir, &rules, &plan), out.as_deref(), time_limit, format, &report)
        }
    }
}

/// The command with the report language set from the global `--lang`.
fn with_lang(mut command: Command, lang: crate::cli::Lang) -> Command {
    match &mut command {
        Command::Evaluate { report, .. }
        | Command::Plan { report, .. }
        | Command::Sweep { report, .. }
        | Command::Horizon { report, .. }
        | Command::Compare { report, .. } => report.lang = lang,
        _ => {}
    }
    command
}

/// The exit code `main` uses for an error: 2 for invalid input, 1 otherwise.
pub fn exit_code_of(e: &anyhow::Error) -> u8 {
    if e.downcast_ref::<InvalidInput>().is_some() {
        EXIT_INVALID
    } else {
        EXIT_FAILED
    }
}

/// Reads and validates a county and policy for the commands that need both; invalid
/// input becomes an [`InvalidInput`] error listing every problem.
pub fn load_inputs(dir: &Path, policy: Option<&Path>) -> Result<(County, Policy)> {
    load_inputs_in(dir, policy, None)
}

/// [`load_inputs`], with the county as it stands in school year `year` of its exchange
/// record (default: the year after the record's latest start).
pub fn load_inputs_in(dir: &Path, policy: Option<&Path>, year: Option<u32>) -> Result<(County, Policy)> {
    let v = crate::validate::validate_dir(dir, policy);
    match (v.county, v.policy) {
        (Some(c), Some(p)) if !v.findings.has_errors() => Ok((crate::validate::in_year(c, &p, year), p)),
        _ => Err(InvalidInput(v.findings).into()),
    }
}
