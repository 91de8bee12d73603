use crate::cli::Format;
use crate::findings::{place::column_letters, Findings, Severity};
use crate::report::i18n::{self, pick, Lang};
use crate::validate::validate_dir;
use anyhow::Result;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn run(dir: &Path, policy: Option<&Path>, format: Format) -> Result<ExitCode> {
    let lang = i18n::current();
    let v = validate_dir(dir, policy);
    let f = &v.findings;
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            let items: Vec<serde_json::Value> = f.items.iter().map(|x| json_item(x, lang)).collect();
            let json = serde_json::json!({
                "valid": !f.has_errors(),
                "errors": f.errors(),
                "warnings": f.warnings(),
                "findings": items,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
        }
        Format::Csv => out.write_all(&findings_csv(f, lang)?)?,
        Format::Table => {
            for finding in &f.items {
                writeln!(out, "{}", finding.render(lang))?;
            }
            writeln!(out, "{}", verdict(f, lang))?;
        }
    }
    Ok(ExitCode::from(if f.has_errors() { super::EXIT_INVALID } else { 0 }))
}

/// The last line of `validate`: how many errors and warnings, and whether the data is valid.
fn verdict(f: &Findings, lang: Lang) -> String {
    let (e, w) = (f.errors(), f.warnings());
    match (lang, f.has_errors()) {
        (Lang::En, true) => format!("{e} error(s), {w} warning(s): the data is invalid."),
        (Lang::En, false) => format!("{e} error(s), {w} warning(s): the data is valid."),
        (Lang::Zh, true) => format!("{e} 处错误，{w} 处警告：数据无效。"),
        (Lang::Zh, false) => format!("{e} 处错误，{w} 处警告：数据有效。"),
    }
}

/// A finding as JSON, its message and fix in `lang`, with the column's letter and header.
fn json_item(f: &crate::findings::Finding, lang: Lang) -> serde_json::Value {
    let mut v = serde_json::to_value(f).unwrap_or_default();
    let (message, fix) = f.words(lang);
    v["message"] = message.into();
    v["fix"] = fix.into();
    if let Some(c) = f.column {
        v["column_letter"] = column_letters(c).into();
    }
    v
}

/// The findings as CSV, one row each: code,severity,file,line,column,field,header,message,fix
/// (the column as Excel's letter; message and fix in `lang`).
fn findings_csv(findings: &Findings, lang: Lang) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["code", "severity", "file", "line", "column", "field", "header", "message", "fix"])?;
    for f in &findings.items {
        let severity = match f.severity {
            Severity::Error => pick(lang, "error", "错误"),
            Severity::Warning => pick(lang, "warning", "警告"),
        };
        let (message, fix) = f.words(lang);
        w.write_record([
            f.code,
            severity,
            &f.file,
            &f.line.map(|l| l.to_string()).unwrap_or_default(),
            &f.column.map(column_letters).unwrap_or_default(),
            f.field.as_deref().unwrap_or_default(),
            f.header.as_deref().unwrap_or_default(),
            &message,
            &fix,
        ])?;
    }
    Ok(w.into_inner()?)
}
