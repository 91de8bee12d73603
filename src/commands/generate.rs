use crate::generate::{generate, GenerateOptions};
use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;

pub fn run(schools: usize, seed: u64, out: &Path) -> Result<ExitCode> {
    anyhow::ensure!(schools >= 2, "--schools must be at least 2 (got {schools})");
    let county = generate(&GenerateOptions { schools, seed });
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
