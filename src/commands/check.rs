use crate::check::{check_plan, Violation};
use crate::cli::Format;
use crate::findings::InvalidInput;
use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;

pub fn run(dir: &Path, plan_dir: &Path, policy: Option<&Path>, format: Format) -> Result<ExitCode> {
    let (county, policy) = super::load_inputs(dir, policy)?;
    let plan = crate::io::load_plan(plan_dir, &county).map_err(InvalidInput)?;
    let breaches: Vec<Violation> =
        check_plan(&county, &policy, &plan).iter().map(|b| Violation::new(&county, b, None)).collect();
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "valid": breaches.is_empty(), "breaches": breaches }))?
        ),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["code", "rule", "school", "subject", "amount", "unit", "message"])?;
            for b in &breaches {
                w.write_record([
                    b.code,
                    b.rule.key(),
                    b.school.as_deref().unwrap_or(""),
                    b.subject.as_deref().unwrap_or(""),
                    &format!("{:.4}", b.amount),
                    b.unit,
                    &b.message,
                ])?;
            }
            print!("{}", String::from_utf8_lossy(&w.into_inner()?));
        }
        Format::Table => {
            for b in &breaches {
                println!("[{}] {}: {}", b.code, b.rule.key(), b.message);
            }
            println!(
                "{} move(s), {} placement(s) checked: {}",
                plan.moves.len(),
                plan.placements.len(),
                if breaches.is_empty() {
                    "every rule is met.".to_string()
                } else {
                    format!("{} rule(s) broken.", breaches.len())
                }
            );
        }
    }
    Ok(ExitCode::from(if breaches.is_empty() { 0 } else { super::EXIT_FAILED }))
}
