use crate::cli::Format;
use crate::validate::validate_dir;
use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;

pub fn run(dir: &Path, policy: Option<&Path>, format: Format) -> Result<ExitCode> {
    let v = validate_dir(dir, policy);
    let f = &v.findings;
    match format {
        Format::Json => {
            let out = serde_json::json!({
                "valid": !f.has_errors(),
                "errors": f.errors(),
                "warnings": f.warnings(),
                "findings": f.items,
            });
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
        Format::Table | Format::Csv => {
            for finding in &f.items {
                println!("{finding}");
            }
            let verdict = if f.has_errors() { "the data is invalid" } else { "the data is valid" };
            println!("{} error(s), {} warning(s): {verdict}.", f.errors(), f.warnings());
        }
    }
    Ok(ExitCode::from(if f.has_errors() { super::EXIT_INVALID } else { 0 }))
}
