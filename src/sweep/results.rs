//! One row per variant, and how a row is written: a line of `results.csv`, a line of
//! `results.json` and a line of `timings.csv`. Every row has the same columns (a failed
//! variant leaves the outcome cells empty), and each row is rendered on its own, so that
//! shards can be merged by putting their lines in variant order.

use crate::domain::policy::MINIMUM_KEYS;
use crate::domain::{Locale, Stage};
pub use crate::planner::Counts;
use crate::planner::Summary;
use serde::Serialize;
use std::collections::BTreeMap;

/// Status of a variant whose county, transforms or solve failed.
pub const STATUS_ERROR: &str = "error";

/// One variant's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub variant: usize,
    pub seed: u64,
    /// The grid values of the variant, by key.
    #[serde(serialize_with = "params_json")]
    pub parameters: Vec<(String, toml::Value)>,
    /// optimal, feasible, time_limit, infeasible (as `plan` says), or error.
    pub status: String,
    /// Why the variant failed or stopped early; empty otherwise.
    pub reason: String,
    #[serde(flatten)]
    pub outcome: Option<Outcome>,
    /// Kept out of results.csv and results.json: a clock never repeats itself.
    #[serde(skip)]
    pub timings: Timings,
}

/// What a solved variant gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// Whether the independent checker found exactly the rules the solver left unmet.
    pub checker_agrees: bool,
    /// Policy rules the plan does not meet (schools and subjects counted apart), and their names.
    pub rules_unmet: usize,
    pub unmet_rules: Vec<&'static str>,
    /// Each objective term by name.
    pub objective: BTreeMap<&'static str, f64>,
    pub counts: Counts,
    /// Unfilled teaching posts before the plan, and after it by locale.
    pub unfilled_before: u32,
    pub unfilled: Unfilled,
    /// After the plan: per stage and 2017 indicator, the CV and whether it is within the limit.
    pub cv: BTreeMap<&'static str, BTreeMap<&'static str, Cv>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Unfilled {
    pub urban: u32,
    pub town: u32,
    pub rural: u32,
    pub total: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Cv {
    pub cv: Option<f64>,
    pub pass: Option<bool>,
}

/// Seconds spent on a variant (timings.csv).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Timings {
    pub build_seconds: f64,
    pub solve_seconds: f64,
    /// Everything: county, transforms, model, solve, check, metrics.
    pub wall_seconds: f64,
}

impl Outcome {
    /// The row's cells of a finished plan.
    pub fn of(s: &Summary) -> Outcome {
        let (before, after) = (&s.metrics.before, &s.metrics.after);
        let unfilled_in = |l: Locale| after.subjects.locale(l).map_or(0, |x| x.total.shortage);
        let mut unmet: Vec<&'static str> = s.violations.iter().map(|v| v.rule.key()).collect();
        unmet.sort_unstable();
        unmet.dedup();
        let cv = Stage::ALL
            .iter()
            .map(|&stage| {
                let cells = MINIMUM_KEYS
                    .iter()
                    .map(|&key| (key, Cv { cv: after.cv(stage, key), pass: after.passes(stage, key) }))
                    .collect();
                (stage.name(), cells)
            })
            .collect();
        Outcome {
            checker_agrees: s.checker_agrees,
            rules_unmet: s.violations.len(),
            unmet_rules: unmet,
            objective: s.objective.clone(),
            counts: s.counts,
            unfilled_before: before.subjects.total.shortage,
            unfilled: Unfilled {
                urban: unfilled_in(Locale::Urban),
                town: unfilled_in(Locale::Town),
                rural: unfilled_in(Locale::Rural),
                total: after.subjects.total.shortage,
            },
            cv,
        }
    }
}

fn params_json<S: serde::Serializer>(params: &[(String, toml::Value)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(params.iter().map(|(k, v)| (k, v)))
}

/// Objective terms in the order of their columns.
const TERMS: [&str; 5] = ["violations", "shortage", "balance", "moves", "distance"];

/// The CSV header for a grid with these parameter keys.
pub fn csv_header(params: &[String]) -> Vec<String> {
    let mut h: Vec<String> = ["variant", "seed"].map(String::from).to_vec();
    h.extend(params.iter().cloned());
    h.extend(["status", "reason", "checker_agrees", "rules_unmet", "unmet_rules"].map(String::from));
    h.extend(TERMS.iter().map(|t| format!("obj_{t}")));
    h.extend(["teachers", "eligible", "exchanges", "backbone_exchanges", "hires"].map(String::from));
    h.extend(
        ["unfilled_before", "unfilled_urban", "unfilled_town", "unfilled_rural", "unfilled_total"].map(String::from),
    );
    for stage in Stage::ALL {
        for key in MINIMUM_KEYS {
            h.push(format!("cv_{stage}_{key}"));
            h.push(format!("pass_{stage}_{key}"));
        }
    }
    h
}

/// The row's CSV cells, in the order of [`csv_header`].
pub fn csv_cells(row: &Row) -> Vec<String> {
    let mut c = vec![row.variant.to_string(), row.seed.to_string()];
    c.extend(row.parameters.iter().map(|(_, v)| super::grid::cell(v)));
    c.push(row.status.clone());
    c.push(one_line(&row.reason));
    let width = csv_header(&[]).len() - 4;
    let Some(o) = &row.outcome else {
        c.resize(c.len() + width, String::new());
        return c;
    };
    c.push(o.checker_agrees.to_string());
    c.push(o.rules_unmet.to_string());
    c.push(o.unmet_rules.join(";"));
    c.extend(TERMS.iter().map(|t| o.objective.get(t).map_or(String::new(), f64::to_string)));
    let n = &o.counts;
    c.extend([n.teachers, n.eligible, n.exchanges, n.backbone_exchanges, n.hires].map(|x| x.to_string()));
    let u = &o.unfilled;
    c.extend([o.unfilled_before, u.urban, u.town, u.rural, u.total].map(|x| x.to_string()));
    for stage in Stage::ALL {
        for key in MINIMUM_KEYS {
            let cell = o.cv.get(stage.name()).and_then(|m| m.get(key));
            c.push(cell.and_then(|x| x.cv).map_or(String::new(), |v| v.to_string()));
            c.push(cell.and_then(|x| x.pass).map_or(String::new(), |v| v.to_string()));
        }
    }
    c
}

/// One CSV record as bytes, newline included.
pub fn csv_record(cells: &[String]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    // Writing to memory cannot fail; an empty line would be caught by merge's checks.
    let _ = w.write_record(cells);
    w.into_inner().unwrap_or_default()
}

/// The row as one line of JSON (no newline).
pub fn json_line(row: &Row) -> String {
    let mut row = row.clone();
    row.reason = one_line(&row.reason);
    serde_json::to_string(&row).unwrap_or_else(|e| format!("{{\"variant\":{},\"error\":\"{e}\"}}", row.variant))
}

/// The row's timings.csv line, newline included.
pub fn timings_line(row: &Row) -> Vec<u8> {
    let t = &row.timings;
    format!("{},{:.3},{:.3},{:.3}\n", row.variant, t.build_seconds, t.solve_seconds, t.wall_seconds).into_bytes()
}

pub const TIMINGS_HEADER: &str = "variant,build_seconds,solve_seconds,wall_seconds\n";

/// Reasons may hold several lines (a list of findings); a row keeps them on one.
pub fn one_line(text: &str) -> String {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" | ")
}
