//! What each subcommand does: read inputs, call the library, print or write results.

mod check;
mod compare;
mod evaluate;
mod generate;
mod merge;
mod plan;
mod sweep;
mod validate;

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
    match cli.command {
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
                core: true,
                heuristics: true,
            };
            plan::run(&dir, policy.as_deref(), &out, opts, xlsx.as_deref(), &report)
        }
        Command::Check { dir, plan, policy, format } => check::run(&dir, &plan, policy.as_deref(), format),
        Command::Sweep { file, jobs, out, shard, report } => {
            sweep::run(&file, jobs, out.as_deref(), shard.as_deref(), &report)
        }
        Command::Merge { dirs, out } => merge::run(&dirs, &out),
        Command::Compare { dir, rules, out, time_limit, format, report } => {
            compare::run(&dir, &rules, out.as_deref(), time_limit, format, &report)
        }
    }
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
    let v = crate::validate::validate_dir(dir, policy);
    match (v.county, v.policy) {
        (Some(c), Some(p)) if !v.findings.has_errors() => Ok((c, p)),
        _ => Err(InvalidInput(v.findings).into()),
    }
}
