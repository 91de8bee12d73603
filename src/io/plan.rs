//! Plan files: moves.csv and hires.csv, read by `check` and `evaluate`, written by `plan`;
//! or the same tables as the sheets of a plan workbook (`plan --xlsx`, perhaps edited by
//! hand in Excel: rows deleted, a school changed), read through the same table parser.

use super::table::{opt, read_table, req, ColumnSpec, Row, Table};
use super::xlsx::{is_workbook, Workbook};
use crate::domain::{County, Move, MoveKind, Placement, Plan};
use crate::findings::{quoted, Finding, Findings, Text};
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

/// Reads a plan (a plan directory, or a plan workbook by its ending) against the county it
/// was made for. Unknown ids are E150; files that run.json does not vouch for (two runs
/// mixed, or edited since) are E151. A missing hires.csv (or sheet) means no hires placed.
pub fn load_plan(path: &Path, county: &County) -> Result<Plan, Findings> {
    let mut findings = Findings::default();
    let (moves, hires) =
        if is_workbook(path) { workbook_tables(path, &mut findings) } else { dir_tables(path, &mut findings)? };
    let mut plan = Plan::default();
    let ids = Ids::of(county);
    if let Some(t) = moves {
        plan.moves = read_moves(&t, &ids, &mut findings);
    }
    if let Some(t) = hires {
        plan.placements = read_hires(&t, &ids, &mut findings);
    }
    if findings.has_errors() {
        findings.summarise();
        Err(findings)
    } else {
        Ok(plan)
    }
}

/// The tables of a plan directory; E151 (and nothing else) when run.json disowns a file.
fn dir_tables(dir: &Path, findings: &mut Findings) -> Result<(Option<Table>, Option<Table>), Findings> {
    let mixed = super::plan_dir::verify(dir);
    if !mixed.is_empty() {
        mixed.into_iter().for_each(|f| findings.push(f));
        return Err(std::mem::take(findings));
    }
    let moves_path = dir.join("moves.csv");
    let moves = if moves_path.exists() {
        read_table(&moves_path, "moves.csv", MOVE_COLUMNS, findings)
    } else {
        findings.push(Finding::new("moves.csv", Text::new("E100.moves").arg("dir", dir.display())));
        None
    };
    let hires_path = dir.join("hires.csv");
    let hires = hires_path.exists().then(|| read_table(&hires_path, "hires.csv", HIRE_COLUMNS, findings)).flatten();
    Ok((moves, hires))
}

/// The moves and hires sheets of a plan workbook.
fn workbook_tables(path: &Path, findings: &mut Findings) -> (Option<Table>, Option<Table>) {
    let Some(book) = Workbook::open_with(path, super::aliases::plan_sheet_role, findings) else { return (None, None) };
    if !book.has("moves") {
        let text = Text::new("E100.moves_sheet").arg("book", book.name()).arg("sheets", book.list());
        findings.push(Finding::new(book.name(), text));
    }
    (book.table("moves", MOVE_COLUMNS, false, findings), book.table("hires", HIRE_COLUMNS, false, findings))
}

/// The county's ids, to look the plan's up.
struct Ids<'a> {
    schools: HashMap<&'a str, usize>,
    teachers: HashMap<&'a str, usize>,
    hires: HashMap<&'a str, usize>,
}

impl<'a> Ids<'a> {
    fn of(county: &'a County) -> Self {
        let index = |ids: Vec<&'a str>| ids.into_iter().enumerate().map(|(i, id)| (id, i)).collect();
        Ids {
            schools: index(county.schools.iter().map(|s| s.id.as_str()).collect()),
            teachers: index(county.teachers.iter().map(|t| t.id.as_str()).collect()),
            hires: index(county.new_hires.iter().map(|h| h.id.as_str()).collect()),
        }
    }
}

/// The id in `col`, found in `map`; E150 (`key`) when it is not there.
fn lookup(row: &mut Row<'_>, col: &str, map: &HashMap<&str, usize>, key: &'static str) -> Option<usize> {
    let id = row.required(col)?;
    let found = map.get(id.as_str()).copied();
    if found.is_none() {
        row.problem(col, Text::new(key).arg("v", quoted(&id)));
    }
    found
}

fn read_moves(t: &Table, ids: &Ids<'_>, findings: &mut Findings) -> Vec<Move> {
    let mut moves = Vec::new();
    for i in 0..t.records.len() {
        let mut row = t.row(i, findings);
        let teacher = lookup(&mut row, "teacher_id", &ids.teachers, "E150.teacher");
        let from = lookup(&mut row, "from_school", &ids.schools, "E150.school");
        let to = lookup(&mut row, "to_school", &ids.schools, "E150.school");
        let kind = row.value("kind", MoveKind::parse, "exchange, transfer, extension", None);
        let term_years = row.whole("term_years", 0, 50, false).unwrap_or(0);
        let reasons = row.cell("reasons").map(split_reasons).unwrap_or_default();
        if let (true, Some(teacher), Some(from), Some(to), Some(kind)) = (row.ok, teacher, from, to, kind) {
            moves.push(Move { teacher, from, to, kind, term_years, reasons });
        }
    }
    moves
}

fn read_hires(t: &Table, ids: &Ids<'_>, findings: &mut Findings) -> Vec<Placement> {
    let mut placements = Vec::new();
    for i in 0..t.records.len() {
        let mut row = t.row(i, findings);
        let hire = lookup(&mut row, "hire_id", &ids.hires, "E150.hire");
        let school = lookup(&mut row, "school_id", &ids.schools, "E150.school");
        let reasons = row.cell("reasons").map(split_reasons).unwrap_or_default();
        if let (true, Some(hire), Some(school)) = (row.ok, hire, school) {
            placements.push(Placement { hire, school, reasons });
        }
    }
    placements
}

fn split_reasons(text: &str) -> Vec<String> {
    text.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}
