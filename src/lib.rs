//! # rotaplan: teacher rotation optimisation for county education bureaus
//!
//! rotaplan turns a county's data (schools, teachers, new hires) and a policy file into
//! an optimal, explained plan: which teachers are exchanged to another school for a term,
//! where the new hires go, and which subject gaps stay open; and it evaluates a county
//! against the national balance indicators before and after a plan.
//!
//! ## Crate map
//! Dependencies point one way: [`domain`] (plain types) <- [`io`] / [`validate`] /
//! `metrics` / `model` <- `solve` <- `sweep` / `compare` <- `report` / `cli`.
//!
//! - [`domain`]: schools, teachers, hires, policy, plans.
//! - [`findings`]: coded problems with file, line, column and fix.
//! - [`io`]: CSV/TOML readers and writers (atomic).
//! - [`validate`]: `rotaplan validate`.
//! - [`generate`]: synthetic counties for demos, tests and benches.
//!
//! The optimisation model is written out in `docs/model.md`.

pub mod args;
pub mod baselines;
pub mod check;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod domain;
pub mod explain;
pub mod findings;
pub mod generate;
pub mod horizon;
pub mod io;
pub mod metrics;
pub mod model;
pub mod planner;
pub mod report;
pub mod rules;
pub mod solve;
pub mod staffing;
pub mod sweep;
pub mod validate;
