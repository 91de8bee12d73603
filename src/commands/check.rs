use crate::check::{check_plan, Violation};
use crate::cli::{Format, Lang};
use crate::findings::InvalidInput;
use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;

pub fn run(
    dir: &Path,
    plan_dir: &Path,
    (policy, year): (Option<&Path>, Option<u32>),
    format: Format,
) -> Result<ExitCode> {
    let (county, policy) = super::load_inputs_in(dir, policy, year)?;
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
            let lang = crate::report::i18n::current();
            for b in &breaches {
                let sep = crate::report::i18n::pick(lang, ": ", "：");
                println!("[{}] {}{sep}{}", b.code, b.rule.title(lang), b.message);
            }
            let (moves, hires, n) = (plan.moves.len(), plan.placements.len(), breaches.len());
            println!(
                "{}",
                match (lang, breaches.is_empty()) {
                    (Lang::En, true) => format!("{moves} move(s), {hires} placement(s) checked: every rule is met."),
                    (Lang::En, false) => format!("{moves} move(s), {hires} placement(s) checked: {n} rule(s) broken."),
                    (Lang::Zh, true) => format!("已检查 {moves} 人交流、{hires} 名新教师分配：全部规则均满足。"),
                    (Lang::Zh, false) => format!("已检查 {moves} 人交流、{hires} 名新教师分配：{n} 条规则未满足。"),
                }
            );
        }
    }
    Ok(ExitCode::from(if breaches.is_empty() { 0 } else { super::EXIT_FAILED }))
}
