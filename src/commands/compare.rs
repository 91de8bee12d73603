//! `rotaplan compare DIR --rules FILE... [--out DIR]`: every rule's plan on one county,
//! checked, evaluated and scored side by side (see [`crate::compare`]).

use crate::cli::{Format, ReportArgs};
use crate::compare::{self, render, Comparison, Rule, RuleRun};
use crate::domain::{County, Policy};
use crate::findings::{Findings, InvalidInput};
use crate::io::atomic::write_atomic;
use crate::io::plan::{hires_csv, moves_csv};
use crate::report::i18n::say;
use crate::solve::SolveOptions;
use anyhow::{bail, ensure, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Runs the rules on the county in `dir`, adds the plans given with `--plan`, prints the
/// comparison in `format` and, with `out`, writes one plan directory per rule and
/// comparison.csv / comparison.json; with `--report`, the comparison as a self-contained
/// HTML page (said where on standard error, as standard output is the comparison).
pub fn run(
    (dir, rules, plans): (&Path, &[PathBuf], &[PathBuf]),
    out: Option<&Path>,
    time_limit: f64,
    format: Format,
    report: &ReportArgs,
) -> Result<ExitCode> {
    super::words::check_time_limit(time_limit)?;
    ensure!(
        !rules.is_empty(),
        say(
            "give at least one rule file with --rules, e.g. models/national-2014.toml".into(),
            "请用 --rules 至少给出一个规则文件，例如 models/national-2014.toml".into(),
        )
    );
    // Say so before the rules run, not after.
    super::plan::output_file("--report", report.report.as_deref())?;
    let (county, _) = super::load_inputs(dir, Some(&rules[0]))?;
    let mut rules = load_rules(rules)?;
    let given = load_plans(plans, &county, &rules[0].policy)?;
    let made = rules.len();
    rules.extend(given.iter().map(|(rule, _)| rule.clone()));
    check_names(&rules)?;
    if let Some(out) = out {
        let ours: Vec<&Path> = report.report.as_deref().into_iter().collect();
        for rule in &rules[..made] {
            crate::io::plan_dir::prepare_out("--out", &out.join(slug(&rule.name)), &ours, false)?;
        }
    }
    let opts = SolveOptions { time_limit, ..SolveOptions::default() };
    let mut runs = compare::run_rules(&county, &rules[..made], &opts)?;
    runs.extend(given.into_iter().map(|(_, run)| run));
    let comparison = compare::compare(&county, &rules, &runs);
    let html = report.report.as_ref().map(|_| crate::report::html::compare_report(&comparison, report.lang));
    if let Some(out) = out {
        write_outputs(out, &county, &rules[..made], &runs[..made], &comparison)?;
    }
    if let (Some(path), Some(html)) = (&report.report, &html) {
        write_atomic(path, html.as_bytes()).with_context(|| super::words::cannot_write_report(path))?;
        eprintln!("{}", super::words::report_written(report.lang, path));
    }
    let bytes = match format {
        Format::Table => render::table(&comparison, true, report.lang).into_bytes(),
        Format::Csv => render::csv(&comparison),
        Format::Json => render::json(&comparison),
    };
    std::io::stdout().write_all(&bytes)?;
    Ok(ExitCode::SUCCESS)
}

/// Reads every rule file, reporting the problems of all of them at once.
fn load_rules(paths: &[PathBuf]) -> Result<Vec<Rule>> {
    let mut findings = Findings::default();
    let mut rules = Vec::new();
    for path in paths {
        match crate::io::load_policy(Some(path)) {
            Ok(policy) => rules.push(Rule { name: policy.name.clone(), file: path.display().to_string(), policy }),
            Err(f) => findings.extend(f),
        }
    }
    if findings.has_errors() {
        return Err(InvalidInput(findings).into());
    }
    Ok(rules)
}

/// Reads every plan given with `--plan` (a plan folder or workbook), reporting the problems
/// of all of them at once; each becomes a row named after its file, measured under
/// `policy`.
fn load_plans(paths: &[PathBuf], county: &County, policy: &Policy) -> Result<Vec<(Rule, RuleRun)>> {
    let mut findings = Findings::default();
    let mut given = Vec::new();
    for path in paths {
        match crate::io::load_plan(path, county) {
            Ok(plan) => {
                let name = path.file_stem().map_or("plan".into(), |s| s.to_string_lossy().into_owned());
                given.push(compare::given_plan(county, &name, &path.display().to_string(), policy, plan));
            }
            Err(f) => findings.extend(f),
        }
    }
    if findings.has_errors() {
        return Err(InvalidInput(findings).into());
    }
    Ok(given)
}

/// Rule names (and given plans' file names) must differ, as they name the rows and the
/// plan directories.
fn check_names(rules: &[Rule]) -> Result<()> {
    for (i, r) in rules.iter().enumerate() {
        if let Some(other) = rules[..i].iter().find(|o| slug(&o.name) == slug(&r.name)) {
            let (a, b, name) = (&other.file, &r.file, &r.name);
            bail!(say(
                format!(
                    "{a} and {b} are both named \"{name}\"; give each rule its own `name` (and each plan its own \
                     file name), which labels its row and its plan directory"
                ),
                format!(
                    "{a} 和 {b} 的名称都是“{name}”；请给每个规则文件不同的 `name`（给每个方案不同的文件名），\
                     它用作表格中的行名和方案文件夹名"
                ),
            ));
        }
    }
    Ok(())
}

/// A rule name as a directory name: letters, digits, `-` and `_` kept, anything else `_`.
fn slug(name: &str) -> String {
    let s: String = name.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    if s.is_empty() {
        "rule".into()
    } else {
        s
    }
}

/// Writes each rule's plan directory (replaced as a whole, see [`crate::io::plan_dir`]),
/// then comparison.csv and comparison.json, each atomically.
fn write_outputs(out: &Path, county: &County, rules: &[Rule], runs: &[RuleRun], c: &Comparison) -> Result<()> {
    for (rule, run) in rules.iter().zip(runs) {
        let (moves, hires) = (moves_csv(county, &run.plan), hires_csv(county, &run.plan));
        crate::io::plan_dir::write_plan(&out.join(slug(&rule.name)), &moves, &hires, &run.summary)?;
    }
    let files = [(out.join("comparison.csv"), render::csv(c)), (out.join("comparison.json"), render::json(c))];
    crate::io::atomic::write_all_atomic(&files)
}
