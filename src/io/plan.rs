//! Plan files: moves.csv and hires.csv, read by `check` and `evaluate`, written by `plan`.

use super::table::{opt, read_table, req, ColumnSpec};
use crate::domain::{County, Move, MoveKind, Placement, Plan};
use crate::findings::{quoted, Finding, Findings};
use std::collections::HashMap;
use std::path::Path;

const MOVE_COLUMNS: &[ColumnSpec] =
    &[req("teacher_id"), req("from_school"), req("to_school"), req("kind"), opt("term_years"), opt("reasons")];
const HIRE_COLUMNS: &[ColumnSpec] = &[req("hire_id"), req("school_id"), opt("reasons")];

/// Renders moves.csv.
pub fn moves_csv(county: &County, plan: &Plan) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["teacher_id", "from_school", "to_school", "kind", "term_years", "reasons"]);
    for m in &plan.moves {
        let _ = w.write_record([
            county.teachers[m.teacher].id.as_str(),
            &county.schools[m.from].id,
            &county.schools[m.to].id,
            m.kind.name(),
            &m.term_years.to_string(),
            &m.reasons.join(";"),
        ]);
    }
    w.into_inner().unwrap_or_default()
}

/// Renders hires.csv.
pub fn hires_csv(county: &County, plan: &Plan) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["hire_id", "school_id", "reasons"]);
    for p in &plan.placements {
        let _ =
            w.write_record([county.new_hires[p.hire].id.as_str(), &county.schools[p.school].id, &p.reasons.join(";")]);
    }
    w.into_inner().unwrap_or_default()
}

/// Reads a plan directory against the county it was made for. Unknown ids are E150; files
/// that run.json does not vouch for (two runs mixed, or edited since) are E151.
/// A missing hires.csv means no hires placed.
pub fn load_plan(dir: &Path, county: &County) -> Result<Plan, Findings> {
    let mut findings = Findings::default();
    let mixed = super::plan_dir::verify(dir);
    if !mixed.is_empty() {
        mixed.into_iter().for_each(|f| findings.push(f));
        return Err(findings);
    }
    let schools: HashMap<&str, usize> = county.schools.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    let teachers: HashMap<&str, usize> = county.teachers.iter().enumerate().map(|(i, t)| (t.id.as_str(), i)).collect();
    let hires: HashMap<&str, usize> = county.new_hires.iter().enumerate().map(|(i, h)| (h.id.as_str(), i)).collect();
    let mut plan = Plan::default();
    let moves_path = dir.join("moves.csv");
    if !moves_path.exists() {
        findings.push(Finding::error(
            "E100",
            "moves.csv",
            format!("the plan directory {} has no moves.csv", dir.display()),
            "give a directory written by `rotaplan plan`, or add moves.csv (it may have just the header)",
        ));
    } else if let Some(t) = read_table(&moves_path, "moves.csv", MOVE_COLUMNS, &mut findings) {
        for i in 0..t.records.len() {
            let mut row = t.row(i, &mut findings);
            let lookup = |row: &mut super::table::Row<'_>, col: &str, map: &HashMap<&str, usize>, what: &str| {
                let id = row.text(col)?;
                let found = map.get(id.as_str()).copied();
                if found.is_none() {
                    row.problem(
                        "E150",
                        col,
                        format!("{what} {} is not in {what}s.csv", quoted(&id)),
                        format!("use a {what}_id from {what}s.csv; a plan only fits the county data it was made from"),
                    );
                }
                found
            };
            let teacher = lookup(&mut row, "teacher_id", &teachers, "teacher");
            let from = lookup(&mut row, "from_school", &schools, "school");
            let to = lookup(&mut row, "to_school", &schools, "school");
            let kind = row.value("kind", MoveKind::parse, "exchange, transfer", None);
            let term_years = row.whole("term_years", 0, 50, false).unwrap_or(0);
            let reasons = row.cell("reasons").map(split_reasons).unwrap_or_default();
            if let (true, Some(teacher), Some(from), Some(to), Some(kind)) = (row.ok, teacher, from, to, kind) {
                plan.moves.push(Move { teacher, from, to, kind, term_years, reasons });
            }
        }
    }
    let hires_path = dir.join("hires.csv");
    if hires_path.exists() {
        if let Some(t) = read_table(&hires_path, "hires.csv", HIRE_COLUMNS, &mut findings) {
            for i in 0..t.records.len() {
                let mut row = t.row(i, &mut findings);
                let hire = row.text("hire_id").and_then(|id| {
                    let found = hires.get(id.as_str()).copied();
                    if found.is_none() {
                        row.problem(
                            "E150",
                            "hire_id",
                            format!("new hire {} is not in new_hires.csv", quoted(&id)),
                            "use a hire_id from new_hires.csv; a plan only fits the county data it was made from"
                                .into(),
                        );
                    }
                    found
                });
                let school = row.text("school_id").and_then(|id| {
                    let found = schools.get(id.as_str()).copied();
                    if found.is_none() {
                        row.problem(
                            "E150",
                            "school_id",
                            format!("school {} is not in schools.csv", quoted(&id)),
                            "use a school_id from schools.csv; a plan only fits the county data it was made from"
                                .into(),
                        );
                    }
                    found
                });
                let reasons = row.cell("reasons").map(split_reasons).unwrap_or_default();
                if let (true, Some(hire), Some(school)) = (row.ok, hire, school) {
                    plan.placements.push(Placement { hire, school, reasons });
                }
            }
        }
    }
    if findings.has_errors() {
        findings.summarise();
        Err(findings)
    } else {
        Ok(plan)
    }
}

fn split_reasons(text: &str) -> Vec<String> {
    text.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}
