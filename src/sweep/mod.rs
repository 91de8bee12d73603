//! What-if sweeps: many variants of one county and policy, solved in parallel, one row each.
//!
//! A scenario file ([`scenario`]) names a base county and policy, policy overrides, data
//! transforms ([`transforms`]: enrolment change, retirements, new hires, a school closed,
//! pay and allowance changes) and a parameter grid ([`grid`]). Each point of the grid,
//! times each seed, is a variant: its policy and transforms are resolved up front
//! ([`variant`]), so a mistyped key stops the sweep before any solve. [`run`] solves the
//! variants with rayon, one HiGHS thread per solve, and [`results`] turns each into one
//! row of `results.csv` and `results.json`. [`shard`] splits the variants over machines
//! and merges their outputs into exactly the table an unsharded run writes.
//!
//! Rows, their order and their content never depend on the number of jobs or on the
//! sharding: rows are indexed by variant and written in that order, and the clock (which
//! no two runs share) is kept apart in `timings.csv`. The format is in `docs/sweeps.md`.

pub mod grid;
pub mod output;
pub mod overrides;
pub mod results;
pub mod run;
pub mod scenario;
pub mod shard;
pub mod transforms;
pub mod variant;

pub use grid::{Grid, Param, Variant};
pub use output::{write_results, Manifest};
pub use results::{Outcome, Row, Timings};
pub use run::{run_sweep, SweepOptions, SweepResults};
pub use scenario::{load_scenario, parse_scenario, Base, Scenario};
pub use shard::{merge_dirs, Shard};
pub use transforms::Transform;
