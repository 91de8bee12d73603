use crate::findings::InvalidInput;
use crate::generate::{generate_with_policy, GenerateOptions};
use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;

/// Largest county `generate` writes (school rows), to keep a typo from filling the disk.
const MAX_SCHOOLS: usize = 20_000;

pub fn run(schools: usize, seed: u64, out: &Path) -> Result<ExitCode> {
    anyhow::ensure!(schools >= 2, "--schools must be at least 2 (got {schools})");
    anyhow::ensure!(schools <= MAX_SCHOOLS, "--schools must be at most {MAX_SCHOOLS} (got {schools})");
    for stale in ["distances.csv", "demand.csv"] {
        anyhow::ensure!(
            !out.join(stale).exists(),
            "{} already holds {stale}, which would be read with the generated county; \
             remove it or choose another --out directory",
            out.display()
        );
    }
    let policy = crate::io::load_policy(None).map_err(InvalidInput)?;
    let county = generate_with_policy(&GenerateOptions { schools, seed }, &policy);
    crate::io::write_county::write_county(out, &county)?;
    println!(
        "wrote {} schools, {} teachers, {} new hires to {}",
        county.schools.len(),
        county.teachers.len(),
        county.new_hires.len(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}
