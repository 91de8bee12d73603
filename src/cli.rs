//! Command-line definitions (clap). Behaviour lives in [`crate::commands`].

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "rotaplan", version, about = "Teacher rotation planning for county education bureaus", long_about = None)]
pub struct Cli {
    /// Language of every message, finding and report: zh or en (default: zh when the
    /// LC_ALL, LC_MESSAGES or LANG environment variable starts with zh, else en).
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// `--formulation` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormulationArg {
    Aggregated,
    Plain,
}

impl From<FormulationArg> for crate::model::Formulation {
    fn from(f: FormulationArg) -> Self {
        match f {
            FormulationArg::Aggregated => crate::model::Formulation::Aggregated,
            FormulationArg::Plain => crate::model::Formulation::Plain,
        }
    }
}

/// Language of messages, findings and human-readable reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The language of the environment's locale: Chinese when the first of LC_ALL,
    /// LC_MESSAGES and LANG that is set (and not empty) starts with `zh`.
    pub fn from_env() -> Lang {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        match var("LC_ALL").or_else(|| var("LC_MESSAGES")).or_else(|| var("LANG")) {
            Some(v) if v.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }
}

/// The human-readable report a command can also write.
#[derive(Debug, Clone, Args, Default)]
pub struct ReportArgs {
    /// Also write a self-contained HTML report (charts, tables) to this file.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Language of the report: the global `--lang`, set by `commands::run`.
    #[arg(skip)]
    pub lang: Lang,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a county's data and policy; list every problem with where it is and how to fix it.
    Validate {
        /// County data directory (schools.csv, teachers.csv, ...).
        dir: PathBuf,
        /// Policy file (default: the built-in models/national-2014.toml).
        #[arg(long)]
        policy: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Write a synthetic county for demos, tests and benchmarks.
    Generate {
        /// Number of school rows (a nine-year campus is two rows).
        #[arg(long, default_value_t = 60)]
        schools: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output directory.
        #[arg(long)]
        out: PathBuf,
    },
    /// Evaluate the county against the national balance indicators (before and after a plan).
    Evaluate {
        dir: PathBuf,
        /// A plan to evaluate after: a plan directory (moves.csv, hires.csv) or a plan
        /// workbook (`plan --xlsx`, perhaps edited by hand).
        #[arg(long)]
        plan: Option<PathBuf>,
        #[arg(long)]
        policy: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Make an optimal exchange and new-hire plan.
    Plan {
        dir: PathBuf,
        #[arg(long)]
        policy: Option<PathBuf>,
        /// Output plan directory (moves.csv, hires.csv, summary.json).
        #[arg(long)]
        out: PathBuf,
        /// Wall-clock limit for the whole solve, in seconds.
        #[arg(long, default_value_t = 60.0)]
        time_limit: f64,
        /// Relative MIP gap at which each stage stops.
        #[arg(long, default_value_t = 1e-4)]
        gap: f64,
        /// Branch-and-bound nodes per search: a work budget that cuts stages short at the
        /// same point on every machine (the time limit still holds).
        #[arg(long)]
        node_limit: Option<u64>,
        /// Solver threads.
        #[arg(long, default_value_t = 1)]
        threads: u32,
        /// Write the model that is solved (.mps or .lp).
        #[arg(long)]
        export_model: Option<PathBuf>,
        /// How teachers become decisions: classes of interchangeable teachers (fast) or one
        /// binary per teacher (the reference model). Both give the same optimum.
        #[arg(long, value_enum, default_value = "aggregated")]
        formulation: FormulationArg,
        /// Also write the plan as an Excel workbook (moves, hires, schools, metrics).
        #[arg(long)]
        xlsx: Option<PathBuf>,
        /// Replace --out even when it is a folder with files that are not a rotaplan plan
        /// (no run.json or summary.json), such as a hand-made moves.csv.
        #[arg(long)]
        force: bool,
        /// Re-plan from this plan (a plan folder or a plan workbook, perhaps edited by
        /// hand): its rows are kept as far as the policy's terms before `changes` allow
        /// (by default only the rules' violations), and rows that break a hard rule are
        /// set aside and listed with why.
        #[arg(long)]
        start: Option<PathBuf>,
        /// School year to plan (the autumn it starts), read against exchanges.csv: who is
        /// away, who returns, who is in the cool-off. Also writes the record for the next
        /// year (exchanges.csv in --out). Default: the year after the record's latest start.
        #[arg(long)]
        year: Option<u32>,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Write a blank county workbook to fill in: the accepted sheets and headers, drop-down
    /// lists for every column with a fixed set of words, and a notes sheet.
    Template {
        /// The workbook to write (.xlsx).
        #[arg(long)]
        out: PathBuf,
    },
    /// Check a plan against every rule, independently of how it was made.
    Check {
        dir: PathBuf,
        /// A plan directory or a plan workbook (`plan --xlsx`, perhaps edited by hand).
        #[arg(long)]
        plan: PathBuf,
        #[arg(long)]
        policy: Option<PathBuf>,
        /// School year the plan is for, checked against exchanges.csv (as `plan --year`).
        #[arg(long)]
        year: Option<u32>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Explain a plan: why a teacher was or was not exchanged, what a school sent and
    /// received, where a new hire went; with --cost, what the other decision would cost.
    Explain(ExplainArgs),
    /// Solve every variant of a what-if scenario file, in parallel.
    Sweep {
        /// Scenario file (TOML), see scenarios/.
        file: PathBuf,
        /// Variants solved at once (default: the number of cores).
        #[arg(long)]
        jobs: Option<usize>,
        /// Output directory for the results table (results.csv, results.json).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Solve only shard i of n (1-based, e.g. 2/8), for runs spread over machines.
        #[arg(long)]
        shard: Option<String>,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Plan several consecutive school years, each given the earlier ones: exchanges,
    /// returns, retirements, hires, unfilled posts, CVs and the quota year by year.
    Horizon {
        /// County data directory, with exchanges.csv for the record so far.
        dir: PathBuf,
        /// Number of school years to plan.
        #[arg(long)]
        years: u32,
        #[arg(long)]
        policy: Option<PathBuf>,
        /// First school year (default: the year after the record's latest start).
        #[arg(long)]
        year: Option<u32>,
        /// Write each year's county and plan (YEAR/county, YEAR/plan) and horizon.csv/json.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Wall-clock limit of each year's solve, in seconds.
        #[arg(long, default_value_t = 60.0)]
        time_limit: f64,
        /// Branch-and-bound nodes per search of each year (same results on every machine).
        #[arg(long)]
        node_limit: Option<u64>,
        #[arg(long, default_value_t = 1)]
        threads: u32,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Also write the years as an HTML report with year-by-year charts.
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Join the outputs of sharded sweeps into the table an unsharded run writes.
    Merge {
        /// Shard output directories.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Run several allocation rules on one county and compare them side by side.
    Compare {
        dir: PathBuf,
        /// Rule files (models/*.toml): optimising policies or baseline allocators.
        #[arg(long, required = true, num_args = 1..)]
        rules: Vec<PathBuf>,
        /// Output directory: one plan per rule and the comparison table.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also compare plans made elsewhere: a plan folder or a plan workbook (`plan
        /// --xlsx`, perhaps edited by hand), each a row named after its file, scored under
        /// the first rule file's policy as the baselines are.
        #[arg(long, num_args = 1..)]
        plan: Vec<PathBuf>,
        /// Wall-clock limit for each optimising rule's solve, in seconds.
        #[arg(long, default_value_t = 60.0)]
        time_limit: f64,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        #[command(flatten)]
        report: ReportArgs,
    },
}

/// `rotaplan explain` (docs/explain.md).
#[derive(Debug, Clone, Args)]
pub struct ExplainArgs {
    /// County data directory or workbook.
    pub dir: PathBuf,
    /// A plan directory or a plan workbook (`plan --xlsx`, perhaps edited by hand).
    #[arg(long)]
    pub plan: PathBuf,
    #[arg(long)]
    pub policy: Option<PathBuf>,
    /// Teacher, school or new-hire ids, as in the county's files.
    #[arg(required = true)]
    pub ids: Vec<String>,
    /// For each teacher, solve again with the teacher locked the other way (stay for a
    /// moved teacher, go for one left at home) and report what changes in each term.
    #[arg(long)]
    pub cost: bool,
    /// Wall-clock limit of each counterfactual solve, in seconds.
    #[arg(long, default_value_t = 20.0)]
    pub time_limit: f64,
    /// Branch-and-bound nodes per search of each counterfactual solve (the same on every
    /// machine).
    #[arg(long)]
    pub node_limit: Option<u64>,
    /// table or json.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Also write the explanations as a workbook: one row per id asked, the same text.
    #[arg(long)]
    pub xlsx: Option<PathBuf>,
    /// Also write them as a self-contained HTML page.
    #[arg(long)]
    pub report: Option<PathBuf>,
}
