//! File formats in and out: CSV data directories (UTF-8 or GBK, English or Chinese
//! headers), Excel workbooks, policy TOML, plan directories.
//! Each reader turns wire rows into domain types and reports every problem it meets.

pub mod aliases;
pub mod atomic;
pub mod county;
pub mod decode;
pub mod plan;
pub mod plan_dir;
pub mod policy;
pub mod table;
pub mod write_county;
pub mod xlsx;

pub use atomic::write_atomic;
pub use county::load_county;
pub use plan::load_plan;
pub use policy::load_policy;
