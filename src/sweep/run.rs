//! Solving the variants of a scenario in parallel: rayon spreads the variants over `jobs`
//! threads and each solve uses one HiGHS thread, so `jobs` is the number of cores used
//! (stages abandoned at their time limit included: `crate::solve::reserve`).
//! A variant that fails (bad transform, solver error, even a panic) becomes a row with
//! its reason, and the sweep goes on.

use super::grid::Variant;
use super::results::{Outcome, Row, Timings, STATUS_ERROR};
use super::scenario::{Base, Scenario, E_VARIANT};
use super::shard::Shard;
use super::variant::{build, resolve};
use crate::domain::County;
use crate::findings::{Finding, Findings, InvalidInput};
use crate::planner::{make_plan, PlanResult};
use crate::report::i18n::say;
use crate::solve::{SolveOptions, Status};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

/// How a sweep runs; none of it changes the rows.
#[derive(Debug, Clone, Copy)]
pub struct SweepOptions {
    /// Variants solved at once (threads).
    pub jobs: usize,
    pub shard: Shard,
    /// Show a progress bar on stderr (only drawn when stderr is a terminal).
    pub progress: bool,
}

impl Default for SweepOptions {
    fn default() -> Self {
        SweepOptions { jobs: 1, shard: Shard::WHOLE, progress: false }
    }
}

/// The rows of one run (all variants, or one shard's), in variant order.
#[derive(Debug, Clone)]
pub struct SweepResults {
    pub scenario: String,
    pub fingerprint: String,
    /// Variants in the whole sweep, whichever shard ran.
    pub variants: usize,
    pub shard: Shard,
    /// Grid keys, the parameter columns.
    pub parameters: Vec<String>,
    pub rows: Vec<Row>,
}

/// Most variant errors listed when a scenario cannot be resolved.
const MAX_LISTED: usize = 20;

/// Solves the shard's variants of `scenario`. Every variant's policy and transforms are
/// resolved before anything is solved: a mistyped key stops the sweep at once.
pub fn run_sweep(scenario: &Scenario, opts: &SweepOptions) -> Result<SweepResults> {
    anyhow::ensure!(opts.jobs >= 1, say("--jobs must be at least 1".into(), "--jobs 至少为 1".into()));
    let variants: Vec<Variant> = opts.shard.indices(scenario.grid.len()).map(|i| scenario.grid.variant(i)).collect();
    check_all(scenario, &variants)?;
    let base = load_base(scenario)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs)
        .build()
        .with_context(|| say("cannot start threads".into(), "无法启动线程".into()))?;
    let bar = progress_bar(variants.len(), opts.progress);
    let rows: Vec<Row> = pool.install(|| {
        variants
            .par_iter()
            .with_max_len(1)
            .map(|v| {
                // A core of the `jobs`, once abandoned stages no longer fill them (solve::cores).
                let core = crate::solve::reserve(opts.jobs);
                let row = solve_variant(scenario, v, base.as_ref());
                drop(core);
                bar.inc(1);
                row
            })
            .collect()
    });
    bar.finish_and_clear();
    Ok(SweepResults {
        scenario: scenario.name.clone(),
        fingerprint: scenario.fingerprint.clone(),
        variants: scenario.grid.len(),
        shard: opts.shard,
        parameters: scenario.grid.params.iter().map(|p| p.key.clone()).collect(),
        rows,
    })
}

/// Resolves every variant's policy and transforms once, keeping only the problems (the
/// first few variants'): a million resolved policies would not fit in memory, and
/// resolving again in [`solve_variant`] costs microseconds next to a solve.
fn check_all(scenario: &Scenario, variants: &[Variant]) -> Result<()> {
    let mut findings = Findings::default();
    let mut seen = std::collections::BTreeSet::new();
    for v in variants {
        let Err(errs) = resolve(scenario, v) else { continue };
        for m in errs.into_iter().filter(|m| seen.insert(m.clone())).take(MAX_LISTED) {
            let (i, d) = (v.index, describe(scenario, v));
            let what = say(format!("variant {i} ({d}): {m}"), format!("变体 {i}（{d}）：{m}"));
            let fix = say("correct the key or value in the scenario file".into(), "请改正情景文件中的键或值".into());
            findings.push(Finding::error(E_VARIANT, &scenario.file.display().to_string(), what, fix));
        }
        if findings.items.len() >= MAX_LISTED {
            break;
        }
    }
    if findings.has_errors() {
        return Err(InvalidInput(findings).into());
    }
    Ok(())
}

/// `seed 3, policy.exchange.share = 0.15`, for messages.
fn describe(scenario: &Scenario, v: &Variant) -> String {
    let mut parts = vec![say(format!("seed {}", v.seed), format!("种子 {}", v.seed))];
    for (p, x) in scenario.grid.params.iter().zip(&v.values) {
        parts.push(format!("{} = {}", p.key, super::grid::cell(x)));
    }
    parts.join(&say(", ".into(), "，".into()))
}

/// The base county of a directory, read and checked once for all variants.
fn load_base(scenario: &Scenario) -> Result<Option<County>> {
    let Base::Dir(dir) = &scenario.base else { return Ok(None) };
    let (county, findings) = crate::io::load_county(dir);
    match county {
        Some(c) if !findings.has_errors() => Ok(Some(c)),
        _ => {
            let dir = dir.display();
            Err(anyhow::Error::new(InvalidInput(findings))
                .context(say(format!("base county {dir}"), format!("基础县域 {dir}"))))
        }
    }
}

/// One variant, from the base county to its row.
fn solve_variant(scenario: &Scenario, v: &Variant, base: Option<&County>) -> Row {
    let started = Instant::now();
    let opts = SolveOptions {
        time_limit: scenario.time_limit,
        gap: scenario.gap,
        node_limit: scenario.node_limit,
        threads: 1,
        export_model: None,
        formulation: scenario.formulation,
        core: true,
        heuristics: true,
        second_thread: false,
    };
    let attempt = catch_unwind(AssertUnwindSafe(|| -> Result<PlanResult> {
        let resolved = resolve(scenario, v).map_err(|errs| anyhow::anyhow!(errs.join("; ")))?;
        let (county, policy) = build(scenario, &resolved, base, v.seed, &scenario.transforms)?;
        // The county as it stands in the year planned, under the variant's own policy (where
        // a teacher away counts is a policy key), as `plan` sees it.
        let county = crate::validate::in_year(county, &policy, None);
        make_plan(&county, &policy, &opts)
    }));
    let mut row = Row {
        variant: v.index,
        seed: v.seed,
        parameters: scenario.grid.params.iter().map(|p| p.key.clone()).zip(v.values.iter().cloned()).collect(),
        status: STATUS_ERROR.into(),
        reason: String::new(),
        outcome: None,
        timings: Timings::default(),
    };
    match attempt {
        Ok(Ok(result)) => {
            let s = &result.summary;
            row.status = s.status.as_str().into();
            row.reason = reasons(s.status, s.checker_agrees, scenario.time_limit);
            row.outcome = Some(Outcome::of(s));
            row.timings.build_seconds = s.build_seconds;
            row.timings.solve_seconds = s.solve_seconds;
        }
        Ok(Err(e)) => row.reason = format!("{e:#}"),
        Err(panic) => {
            let what =
                panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned());
            row.reason = format!("internal error, please report it: {}", what.unwrap_or_else(|| "a panic".into()));
        }
    }
    row.timings.wall_seconds = started.elapsed().as_secs_f64();
    row
}

fn reasons(status: Status, checker_agrees: bool, time_limit: f64) -> String {
    let mut r = Vec::new();
    match status {
        Status::TimeLimit => {
            r.push(format!("the time limit ({time_limit} s) stopped a stage before its proof; see the gaps"))
        }
        Status::WorkLimit => r.push("the node limit stopped a stage before its proof; see the gaps".to_string()),
        Status::Infeasible => r.push("no plan exists".to_string()),
        Status::Optimal | Status::Feasible => {}
    }
    if !checker_agrees {
        r.push("the independent checker and the solver disagree on the unmet rules; please report it".into());
    }
    r.join("; ")
}

fn progress_bar(len: usize, wanted: bool) -> ProgressBar {
    let target = if wanted && std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(len as u64), target);
    let template = crate::report::i18n::pick(
        crate::report::i18n::current(),
        "{elapsed_precise} [{bar:30}] {pos}/{len} variants, eta {eta} {msg}",
        "{elapsed_precise} [{bar:30}] {pos}/{len} 个变体，预计还需 {eta} {msg}",
    );
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
