//! `rotaplan evaluate` output: a table for bureau staff, CSV and JSON.
//!
//! Each function takes the evaluation before a plan and, optionally, after it; with an
//! after, every figure is shown side by side with its before.

pub use super::evaluation_table::table;
use crate::metrics::Evaluation;
use serde::Serialize;
use std::fmt::Write;

/// The evaluation (or the before/after comparison) as pretty JSON.
/// With an after, the shape of [`crate::metrics::Comparison`]: `{"before": ..., "after": ...}`.
pub fn json(before: &Evaluation, after: Option<&Evaluation>) -> Result<String, serde_json::Error> {
    /// A borrowed [`crate::metrics::Comparison`].
    #[derive(Serialize)]
    struct Pair<'a> {
        before: &'a Evaluation,
        after: &'a Evaluation,
    }
    match after {
        None => serde_json::to_string_pretty(before),
        Some(after) => serde_json::to_string_pretty(&Pair { before, after }),
    }
}

/// One row per stage and indicator, plus the 2012 mean of CVs as `basic_2012_mean_cv`:
/// `stage,indicator,threshold,county_value_before,cv_before,pass_before` and, with an
/// after, the same three columns with `_after`.
pub fn csv(before: &Evaluation, after: Option<&Evaluation>) -> String {
    let mut out = String::from("stage,indicator,threshold,county_value_before,cv_before,pass_before");
    if after.is_some() {
        out.push_str(",county_value_after,cv_after,pass_after");
    }
    out.push('\n');
    let cell = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    let flag = |p: Option<bool>| p.map(|b| b.to_string()).unwrap_or_default();
    for stage in &before.stages {
        let then = after.and_then(|a| a.stage(stage.stage));
        for ind in &stage.indicators {
            let _ = write!(out, "{},{},{}", stage.stage, ind.key, cell(ind.threshold));
            let _ = write!(out, ",{},{},{}", cell(ind.county_value), cell(ind.cv), flag(ind.pass));
            if after.is_some() {
                let a = then.and_then(|s| s.indicators.iter().find(|i| i.key == ind.key));
                let _ = write!(
                    out,
                    ",{},{},{}",
                    cell(a.and_then(|i| i.county_value)),
                    cell(a.and_then(|i| i.cv)),
                    flag(a.and_then(|i| i.pass))
                );
            }
            out.push('\n');
        }
        let b = &stage.basic_2012;
        let _ = write!(out, "{},basic_2012_mean_cv,{},,{},{}", stage.stage, b.threshold, cell(b.mean_cv), flag(b.pass));
        if after.is_some() {
            let a = then.map(|s| &s.basic_2012);
            let _ = write!(out, ",,{},{}", cell(a.and_then(|b| b.mean_cv)), flag(a.and_then(|b| b.pass)));
        }
        out.push('\n');
    }
    out
}
