use crate::cli::Format;
use crate::findings::{Findings, Severity};
use crate::validate::validate_dir;
use anyhow::Result;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn run(dir: &Path, policy: Option<&Path>, format: Format) -> Result<ExitCode> {
    let v = validate_dir(dir, policy);
    let f = &v.findings;
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            let json = serde_json::json!({
                "valid": !f.has_errors(),
                "errors": f.errors(),
                "warnings": f.warnings(),
                "findings": f.items,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
        }
        Format::Csv => out.write_all(&findings_csv(f)?)?,
        Format::Table => {
            for finding in &f.items {
                writeln!(out, "{finding}")?;
            }
            let verdict = if f.has_errors() { "the data is invalid" } else { "the data is valid" };
            writeln!(out, "{} error(s), {} warning(s): {verdict}.", f.errors(), f.warnings())?;
        }
    }
    Ok(ExitCode::from(if f.has_errors() { super::EXIT_INVALID } else { 0 }))
}

/// The findings as CSV, one row each: code,severity,file,line,column,field,message,fix.
fn findings_csv(findings: &Findings) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["code", "severity", "file", "line", "column", "field", "message", "fix"])?;
    for f in &findings.items {
        let severity = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        w.write_record([
            f.code,
            severity,
            &f.file,
            &f.line.map(|l| l.to_string()).unwrap_or_default(),
            &f.column.map(|c| c.to_string()).unwrap_or_default(),
            f.field.as_deref().unwrap_or_default(),
            &f.message,
            &f.fix,
        ])?;
    }
    Ok(w.into_inner()?)
}
