//! Command-line definitions (clap). Behaviour lives in [`crate::commands`].

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "rotaplan", version, about = "Teacher rotation planning for county education bureaus", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
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
        /// A plan directory (moves.csv, hires.csv) to evaluate after.
        #[arg(long)]
        plan: Option<PathBuf>,
        #[arg(long)]
        policy: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
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
        /// Solver threads.
        #[arg(long, default_value_t = 1)]
        threads: u32,
        /// Write the model that is solved (.mps or .lp).
        #[arg(long)]
        export_model: Option<PathBuf>,
    },
    /// Check a plan against every rule, independently of how it was made.
    Check {
        dir: PathBuf,
        #[arg(long)]
        plan: PathBuf,
        #[arg(long)]
        policy: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
}
