//! File formats in and out: CSV data directories (UTF-8 or GBK, English or Chinese
//! headers), Excel workbooks, policy TOML, plan directories.
//! Each reader turns wire rows into domain types and reports every problem it meets.

pub mod aliases;
pub mod atomic;
pub mod columns;
pub mod county;
pub mod decode;
pub mod plan;
pub mod plan_dir;
pub mod policy;
pub mod record;
pub mod table;
pub mod template;
pub mod write_county;
pub mod xlsx;

pub use atomic::write_atomic;

/// FNV-1a, 64 bits: a stable hash (std's hasher may change between Rust releases), for
/// fingerprints of scenario files and of the files of a plan directory.
pub fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in parts.iter().flat_map(|p| p.iter()) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
pub use county::load_county;
pub use plan::load_plan;
pub use policy::load_policy;
