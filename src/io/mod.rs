//! File formats in and out: CSV data directories, policy TOML, plan directories.
//! Each reader turns wire rows into domain types and reports every problem it meets.

pub mod atomic;
pub mod county;
pub mod plan;
pub mod policy;
pub mod table;
pub mod write_county;

pub use atomic::write_atomic;
pub use county::load_county;
pub use plan::load_plan;
pub use policy::load_policy;
