//! Synthetic counties (being written).
use crate::domain::County;

/// Size and seed of a synthetic county.
#[derive(Debug, Clone, Copy)]
pub struct GenerateOptions {
    /// Number of school rows (a nine-year campus is two rows).
    pub schools: usize,
    pub seed: u64,
}

pub fn generate(_opts: &GenerateOptions) -> County {
    County::default()
}
