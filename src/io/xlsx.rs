//! A county as an Excel workbook: one sheet per contract file (schools, teachers,
//! new_hires, distances, demand; or the names bureaus use, 学校, 教师, 新教师, ...).
//!
//! Each sheet is turned into the records a CSV file gives, each placed at its row number,
//! and read by the same table parser ([`parse_records`]), so every finding is the one the
//! CSV would give, located as `book.xlsx[teachers]:ROW:COLUMN`. Cells become the text a
//! CSV holds: a number as its shortest exact decimal (`12.0` is `12`, so a whole-number
//! column accepts it), a boolean as `true`/`false`, an error cell as its code (`#N/A`).

use super::aliases;
use super::table::{parse_records, ColumnSpec, Table};
use super::write_county::{SCHOOL_HEADER, TEACHER_HEADER};
use crate::domain::County;
use crate::findings::{Finding, Findings, Text};
use anyhow::{anyhow, Result};
use calamine::{Data, Reader};
use rust_xlsxwriter::{Format, Workbook as XlsxBook};
use std::path::Path;

/// File endings read as a workbook.
const WORKBOOK_ENDINGS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// Whether `path` names a workbook (by its ending) rather than a county folder.
pub fn is_workbook(path: &Path) -> bool {
    let ending = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    !path.is_dir() && ending.is_some_and(|e| WORKBOOK_ENDINGS.contains(&e.as_str()))
}

/// The sheets of a workbook that hold contract files, read into records.
pub struct Workbook {
    /// The workbook's file name, as findings name it.
    name: String,
    /// Every sheet name, for messages.
    sheet_names: Vec<String>,
    /// (contract file stem, sheet name, records) of each recognised sheet.
    sheets: Vec<(&'static str, String, Vec<csv::StringRecord>)>,
}

impl Workbook {
    /// Reads the county workbook at `path`; `None` (with E100 or E101) when it cannot be used.
    pub fn open(path: &Path, findings: &mut Findings) -> Option<Workbook> {
        Workbook::open_with(path, aliases::sheet_role, findings)
    }

    /// Reads the workbook at `path`, keeping the sheets `role_of` names a role.
    pub fn open_with(
        path: &Path,
        role_of: fn(&str) -> Option<&'static str>,
        findings: &mut Findings,
    ) -> Option<Workbook> {
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        if !path.exists() {
            findings.push(Finding::new(&name, Text::new("E100.book").arg("path", path.display())));
            return None;
        }
        let mut book = match calamine::open_workbook_auto(path) {
            Ok(b) => b,
            Err(e) => {
                findings.push(Finding::new(&name, Text::new("E101.book").arg("file", &name).arg("error", e)));
                return None;
            }
        };
        let sheet_names = book.sheet_names();
        let mut sheets: Vec<(&'static str, String, Vec<csv::StringRecord>)> = Vec::new();
        for sheet in &sheet_names {
            let Some(role) = role_of(sheet) else { continue };
            if let Some((_, first, _)) = sheets.iter().find(|(r, _, _)| *r == role) {
                let local = aliases::sheet_local_name(role).unwrap_or(role);
                let text = Text::new("E105.sheets").arg("first", first).arg("sheet", sheet).both("role", role, local);
                findings.push(Finding::new(&name, text));
                continue;
            }
            match book.worksheet_range(sheet) {
                Ok(range) => sheets.push((role, sheet.clone(), records(&range))),
                Err(e) => findings.push(Finding::new(
                    &format!("{name}[{sheet}]"),
                    Text::new("E101.sheet").arg("sheet", sheet).arg("error", e),
                )),
            }
        }
        Some(Workbook { name, sheet_names, sheets })
    }

    /// The sheet holding contract file `file` (e.g. `teachers.csv`) as a table; a missing
    /// required sheet is E100.
    pub fn table(&self, file: &str, spec: &[ColumnSpec], required: bool, findings: &mut Findings) -> Option<Table> {
        let role = file.strip_suffix(".csv").unwrap_or(file);
        let Some((_, sheet, rows)) = self.sheets.iter().find(|(r, _, _)| *r == role) else {
            if required {
                let local = aliases::sheet_local_name(role).unwrap_or(role);
                let text = Text::new("E100.sheet")
                    .arg("sheet", role)
                    .arg("book", &self.name)
                    .arg("sheets", self.list())
                    .both("local", format!(" (or \"{local}\")"), "")
                    .arg("local_zh", local);
                findings.push(Finding::new(&self.name, text));
            }
            return None;
        };
        parse_records(rows.iter().cloned().map(Ok), &format!("{}[{sheet}]", self.name), spec, findings)
    }

    /// The workbook's file name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether a sheet holds `role`.
    pub fn has(&self, role: &str) -> bool {
        self.sheets.iter().any(|(r, _, _)| *r == role)
    }

    /// Every sheet name, quoted, for messages.
    pub fn list(&self) -> String {
        if self.sheet_names.is_empty() {
            return "none".into();
        }
        self.sheet_names.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ")
    }
}

/// A sheet's rows as CSV records, each positioned at its row number and padded on the left
/// so that cell `k` is in column `k`, as the user sees them in Excel. A title row above the
/// header (one cell, as bureaus often merge across the top) is left out.
fn records(range: &calamine::Range<Data>) -> Vec<csv::StringRecord> {
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut out: Vec<csv::StringRecord> = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let mut record = csv::StringRecord::new();
        (0..first_col).for_each(|_| record.push_field(""));
        row.iter().for_each(|cell| record.push_field(&cell_text(cell)));
        let mut position = csv::Position::new();
        position.set_line(u64::from(first_row) + i as u64 + 1);
        record.set_position(Some(position));
        out.push(record);
    }
    let filled = |r: &csv::StringRecord| r.iter().filter(|c| !c.trim().is_empty()).count();
    if let Some(title) = out.iter().position(|r| filled(r) > 0) {
        if filled(&out[title]) == 1 && out[title + 1..].iter().find(|r| filled(r) > 0).is_some_and(|r| filled(r) > 1) {
            out.remove(title);
        }
    }
    out
}

/// The text a CSV file would hold for this cell.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(v) => v.to_string(),
        Data::Int(v) => v.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(e) => e.to_string(),
    }
}

/// One cell to write: text, a number, a boolean or nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Bool(bool),
    Empty,
}

/// A text cell.
pub fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// A number, or an empty cell for a missing one.
pub fn number(v: Option<f64>) -> Cell {
    v.map_or(Cell::Empty, Cell::Number)
}

/// The county's schools, teachers and new hires (and distances and demand when it has
/// them) as a workbook with the contract's sheet and column names and typed cells: what a
/// bureau would hand rotaplan, and the other half of the round-trip test.
pub fn county_workbook(county: &County) -> Result<Vec<u8>> {
    let id = |i: usize| text(county.schools[i].id.clone());
    let schools = county.schools.iter().map(|s| {
        let f = &s.facilities;
        vec![
            text(s.id.clone()),
            text(s.name.clone()),
            text(s.stage.name()),
            s.campus.clone().map_or(Cell::Empty, Cell::Text),
            text(s.locale.name()),
            Cell::Bool(s.weak),
            Cell::Bool(s.teaching_point),
            Cell::Number(s.students.into()),
            number(s.staff_quota.map(f64::from)),
            number(s.position.map(|p| p.0)),
            number(s.position.map(|p| p.1)),
            number(f.floor_area_m2),
            number(f.sports_area_m2),
            number(f.equipment_yuan),
            number(f.multimedia_rooms),
        ]
    });
    // The `seeks_promotion` column only when some teacher seeks a senior title, as in CSV.
    let promotion = county.teachers.iter().any(|t| t.cycle.seeks_promotion);
    let mut teacher_header = TEACHER_HEADER.to_vec();
    if promotion {
        teacher_header.push("seeks_promotion");
    }
    let teachers = county.teachers.iter().map(|t| {
        let mut row = vec![
            text(t.id.clone()),
            text(t.name.clone()),
            id(t.school),
            text(t.subject.name()),
            text(t.title.name()),
            text(t.degree.name()),
            text(t.backbone.name()),
            Cell::Number(t.years_at_school.into()),
            Cell::Number(t.age.into()),
            text(t.gender.name()),
            Cell::Number(t.monthly_pay),
            Cell::Bool(t.exempt),
        ];
        if promotion {
            row.push(Cell::Bool(t.cycle.seeks_promotion));
        }
        row
    });
    let hires = county.new_hires.iter().map(|h| {
        vec![
            text(h.id.clone()),
            text(h.subject.name()),
            text(h.degree.name()),
            h.gender.map_or(Cell::Empty, |g| text(g.name())),
            number(h.monthly_pay),
        ]
    });
    let mut pairs: Vec<(usize, usize, f64)> =
        county.distances.road_km.iter().filter(|((a, b), _)| a < b).map(|(&(a, b), &km)| (a, b, km)).collect();
    pairs.sort_by_key(|p| (p.0, p.1));
    let mut book = XlsxBook::new();
    let bold = Format::new().set_bold();
    sheet(&mut book, "schools", &SCHOOL_HEADER, schools, &bold)?;
    sheet(&mut book, "teachers", &teacher_header, teachers, &bold)?;
    sheet(&mut book, "new_hires", &["hire_id", "subject", "degree", "gender", "monthly_pay"], hires, &bold)?;
    if !pairs.is_empty() {
        let rows = pairs.iter().map(|&(a, b, km)| vec![id(a), id(b), Cell::Number(km)]);
        sheet(&mut book, "distances", &["from_school", "to_school", "km"], rows, &bold)?;
    }
    if let Some(demand) = &county.demand {
        let mut posts: Vec<_> = demand.posts.iter().map(|(&(s, k), &p)| (s, k, p)).collect();
        posts.sort();
        let rows = posts.iter().map(|&(s, k, p)| vec![id(s), text(k.name()), Cell::Number(p.into())]);
        sheet(&mut book, "demand", &["school_id", "subject", "posts"], rows, &bold)?;
    }
    if !county.cycle.record.is_empty() {
        let rows = county.cycle.record.iter().map(|e| {
            vec![
                text(county.teachers[e.teacher].id.clone()),
                id(e.home),
                id(e.host),
                text(e.kind.name()),
                Cell::Number(e.start_year.into()),
                Cell::Number(e.term_years.into()),
                number(e.end_year.map(f64::from)),
            ]
        });
        let header = ["teacher_id", "home_school", "host_school", "kind", "start_year", "term_years", "end_year"];
        sheet(&mut book, "exchanges", &header, rows, &bold)?;
    }
    book.save_to_buffer().map_err(|e| anyhow!(crate::report::i18n::files::cannot_render_workbook(e)))
}

/// Adds a sheet: the header in bold and frozen, then one row per item.
pub fn sheet(
    book: &mut XlsxBook,
    name: &str,
    header: &[&str],
    rows: impl Iterator<Item = Vec<Cell>>,
    bold: &Format,
) -> Result<()> {
    let ws = book.add_worksheet();
    ws.set_name(name)?;
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, u16::try_from(c)?, *h, bold)?;
    }
    for (r, cells) in rows.enumerate() {
        let row = u32::try_from(r + 1)?;
        for (c, cell) in cells.into_iter().enumerate() {
            let col = u16::try_from(c)?;
            match cell {
                Cell::Text(s) if !s.is_empty() => _ = ws.write_string(row, col, s)?,
                Cell::Number(v) => _ = ws.write_number(row, col, v)?,
                Cell::Bool(b) => _ = ws.write_boolean(row, col, b)?,
                Cell::Text(_) | Cell::Empty => {}
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}
