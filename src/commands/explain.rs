//! `rotaplan explain`: why a plan treats the asked teachers, schools and hires as it does
//! ([`crate::explain`]), and with `--cost` what the other decision about each teacher
//! would cost.

use crate::cli::{ExplainArgs, Format, Lang};
use crate::domain::{County, Plan, Policy};
use crate::explain::{self, render, Asked, Context, Cost, Proof};
use crate::findings::InvalidInput;
use crate::io::write_atomic;
use crate::report::i18n::{self, pick};
use crate::report::sheet::{self, Cell};
use crate::solve::SolveOptions;
use anyhow::{bail, Result};
use std::path::Path;
use std::process::ExitCode;

pub fn run(args: &ExplainArgs) -> Result<ExitCode> {
    let lang = i18n::current();
    if args.format == Format::Csv {
        bail!(pick(lang, "explain writes --format table or json", "explain 只支持 --format table 或 json"));
    }
    let (county, policy) = super::load_inputs(&args.dir, args.policy.as_deref())?;
    let plan = crate::io::load_plan(&args.plan, &county).map_err(InvalidInput)?;
    let asked = match explain::resolve(&county, &args.ids) {
        Ok(asked) => asked,
        Err(unknown) => {
            eprintln!("{}", unknown_ids(lang, &unknown));
            return Ok(ExitCode::from(super::EXIT_INVALID));
        }
    };
    let ctx = Context::new(&county, &policy, &plan);
    let explanations = explain::explain(&ctx, &asked);
    let costs: Vec<Option<Cost>> = if args.cost {
        let proof = plan_proof(&args.plan);
        let opts = SolveOptions { time_limit: args.time_limit, node_limit: args.node_limit, ..SolveOptions::default() };
        asked.iter().map(|a| cost_of(&county, &policy, &plan, &proof, *a, &opts)).collect::<Result<_>>()?
    } else {
        vec![None; asked.len()]
    };
    // The text of each explanation, as the console, the workbook and the report give it.
    let texts: Vec<(String, String)> = explanations
        .iter()
        .zip(&costs)
        .map(|(e, c)| {
            let mut text = render::explanation(lang, e);
            if let Some(c) = c {
                text.push_str(&render::cost(lang, c));
            }
            (e.id().to_string(), text)
        })
        .collect();
    write_exports(args, &texts, lang)?;
    match args.format {
        Format::Json => {
            let mut out = Vec::new();
            for (e, c) in explanations.iter().zip(&costs) {
                let mut v = serde_json::to_value(e)?;
                if let Some(c) = c {
                    v["cost"] = serde_json::to_value(c)?;
                }
                out.push(v);
            }
            println!("{}", serde_json::to_string_pretty(&serde_json::json!({ "explanations": out }))?);
        }
        _ => texts.iter().for_each(|(_, text)| print!("{text}")),
    }
    Ok(ExitCode::SUCCESS)
}

/// `--xlsx` and `--report`: one row per id asked with its text, both rendered before
/// either is written.
fn write_exports(args: &ExplainArgs, texts: &[(String, String)], lang: Lang) -> Result<()> {
    super::plan::output_file("--xlsx", args.xlsx.as_deref())?;
    super::plan::output_file("--report", args.report.as_deref())?;
    let book = match &args.xlsx {
        Some(_) => {
            let (id, text) = pick(lang, ("id", "explanation"), ("编号", "说明"));
            let rows: Vec<Vec<Cell>> =
                texts.iter().map(|(i, t)| vec![sheet::text(i), sheet::text(t.trim_end())]).collect();
            let mut book = rust_xlsxwriter::Workbook::new();
            sheet::write(&mut book, pick(lang, "explanations", "解释说明"), &[id, text], &rows)?;
            Some(book.save_to_buffer()?)
        }
        None => None,
    };
    let html = args.report.as_ref().map(|_| crate::report::html::explanations_report(texts, lang));
    if let (Some(path), Some(bytes)) = (&args.xlsx, &book) {
        write_atomic(path, bytes)?;
    }
    if let (Some(path), Some(html)) = (&args.report, &html) {
        write_atomic(path, html.as_bytes())?;
    }
    Ok(())
}

/// The counterfactual of a teacher (schools and hires have none).
fn cost_of(
    county: &County,
    policy: &Policy,
    plan: &Plan,
    proof: &Proof,
    asked: Asked,
    opts: &SolveOptions,
) -> Result<Option<Cost>> {
    match asked {
        Asked::Teacher(t) => explain::counterfactual(county, policy, plan, proof.clone(), t, opts).map(Some),
        Asked::School(_) | Asked::Hire(_) => Ok(None),
    }
}

/// The status and gap summary.json gives a plan directory; unknown for a workbook or a
/// plan made by hand.
fn plan_proof(path: &Path) -> Proof {
    let summary = std::fs::read(path.join("summary.json")).ok();
    let Some(v) = summary.and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok()) else {
        return Proof::default();
    };
    Proof { status: v["status"].as_str().map(str::to_string), gap: v["mip_gap"].as_f64() }
}

/// Every id that names no teacher, school or hire, and the fix.
fn unknown_ids(lang: Lang, unknown: &[String]) -> String {
    match lang {
        Lang::En => format!(
            "error: unknown id(s): {}. Give a teacher_id of teachers.csv, a school_id of schools.csv or a hire_id of new_hires.csv of this county, spelt exactly as there.",
            unknown.join(", ")
        ),
        Lang::Zh => format!(
            "错误：未知编号：{}。请填写本县 teachers.csv 中的教师编号、schools.csv 中的学校代码或 new_hires.csv 中的新教师编号，须与文件中完全一致。",
            unknown.join("、")
        ),
    }
}
