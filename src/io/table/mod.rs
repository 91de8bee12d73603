//! Reading one CSV file of the data contract: decoding hand-off, the header, and the
//! [`Table`] of records with their lines. Problems are reported with their file, line and
//! column instead of stopping. The header's mapping to contract columns is in `header`;
//! the typed cell parsers of a [`Row`] are in `cells`.

mod cells;
mod dates;
mod excel;
mod header;

pub use super::decode::decode;
use crate::findings::{Finding, Findings, Text};
use crate::report::i18n::{
    files::os_error_in,
    Lang::{En, Zh},
};
pub use cells::Row;
use header::map_header;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// A column the contract knows, and whether a file must have it.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    pub name: &'static str,
    pub required: bool,
}

pub const fn req(name: &'static str) -> ColumnSpec {
    ColumnSpec { name, required: true }
}
pub const fn opt(name: &'static str) -> ColumnSpec {
    ColumnSpec { name, required: false }
}

/// A parsed CSV file: header positions and the records with their line numbers.
pub struct Table {
    pub file: String,
    columns: HashMap<&'static str, usize>,
    /// The header of each contract column as the file has it (`年龄`, `age`).
    headers: HashMap<&'static str, String>,
    pub records: Vec<(u64, csv::StringRecord)>,
    /// Indices of records rejected whole (a control character in a cell): their items
    /// are left out, but their ids still count as present.
    rejected: HashSet<usize>,
    /// Rows that were not blank, including malformed ones left out of `records`.
    data_rows: usize,
}

/// Reads `path` as the contract file `file` with the given columns. Returns `None` when
/// the file cannot be used at all; problems are pushed into `findings`.
pub fn read_table(path: &Path, file: &str, spec: &[ColumnSpec], findings: &mut Findings) -> Option<Table> {
    if path.is_dir() {
        findings.push(Finding::new(file, Text::new("E101.folder").arg("file", file)));
        return None;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            findings.push(Finding::new(
                file,
                Text::new("E101.read").arg("file", file).both("error", os_error_in(En, &e), os_error_in(Zh, &e)),
            ));
            return None;
        }
    };
    let text = decode(&bytes, file, findings)?;
    parse_table(&text, file, spec, findings)
}

/// Parses CSV text (already decoded) against the column spec: any line breaks, and a
/// semicolon or tab separator when the header says so (W108).
pub fn parse_table(text: &str, file: &str, spec: &[ColumnSpec], findings: &mut Findings) -> Option<Table> {
    let text = excel::unify_line_breaks(text);
    let separator = match excel::other_separator(&text, file, spec) {
        Some((separator, warning)) => {
            findings.push(warning);
            separator
        }
        None => b',',
    };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(separator).flexible(true).has_headers(false).from_reader(text.as_bytes());
    parse_records(reader.records(), file, spec, findings)
}

/// Reads records (each with its line in its position) against the column spec: the
/// common path of CSV files and workbook sheets, so both give the same findings.
pub fn parse_records(
    mut rows: impl Iterator<Item = csv::Result<csv::StringRecord>>,
    file: &str,
    spec: &[ColumnSpec],
    findings: &mut Findings,
) -> Option<Table> {
    let header = loop {
        match rows.next() {
            Some(Ok(h)) if is_blank(&h) => continue,
            Some(Ok(h)) => break h,
            Some(Err(e)) => {
                findings.push(csv_error(file, &e));
                return None;
            }
            None => {
                findings.push(Finding::new(file, Text::new("E103.empty")).at_line(1));
                return None;
            }
        }
    };
    let header_line = header.position().map_or(1, |p| p.line());
    let columns = map_header(&header, header_line, file, spec, findings)?;
    let mut positions: Vec<(usize, &'static str)> = columns.iter().map(|(&col, &i)| (i, col)).collect();
    positions.sort_unstable();
    let headers =
        columns.iter().map(|(&col, &i)| (col, header.get(i).unwrap_or_default().trim().to_string())).collect();
    let mut table =
        Table { file: file.to_string(), columns, headers, records: Vec::new(), rejected: HashSet::new(), data_rows: 0 };
    for row in rows {
        match row {
            // A blank line, or a row a spreadsheet left as ",,,".
            Ok(r) if is_blank(&r) => {}
            Ok(r) => table.add_row(r, &header, &positions, spec, findings),
            Err(e) => findings.push(csv_error(file, &e)),
        }
    }
    Some(table)
}

fn is_blank(r: &csv::StringRecord) -> bool {
    r.iter().all(|c| c.trim().is_empty())
}

/// E103 for a row whose cells do not line up with the header.
fn wrong_cell_count(file: &str, line: u64, r: &csv::StringRecord, width: usize) -> Finding {
    if r.iter().any(|c| c.contains('\n')) {
        Finding::new(file, Text::new("E103.quote")).at_line(line)
    } else {
        Finding::new(file, Text::new("E103.cells").arg("n", r.len()).arg("width", width)).at_line(line)
    }
}

fn csv_error(file: &str, e: &csv::Error) -> Finding {
    let line = e.position().map_or(1, |p| p.line());
    Finding::new(file, Text::new("E103.csv").arg("error", e)).at_line(line)
}

/// Places `f` at `line`, in the cell of column `col` when the file has that column, under
/// the file's own `header` for it.
fn at_column(f: Finding, line: u64, column: Option<usize>, col: &str, header: Option<&String>) -> Finding {
    let f = f.with_header(header.filter(|h| !h.is_empty() && *h != col).map(String::as_str));
    match column {
        Some(c) => f.at_cell(line, c, col),
        None => f.at_line(line).at_field(col),
    }
}

/// How messages name column `col` of a file whose header for it is `header`: as the file
/// does, and in Chinese by the name bureaus use when the file has the contract's name.
fn words_for(col: &str, header: Option<&String>) -> (String, String) {
    let own = header.filter(|h| !h.is_empty()).cloned().unwrap_or_else(|| col.to_string());
    let zh = if own.is_ascii() { crate::io::aliases::any_local_name(col).map(str::to_string) } else { None };
    (own.clone(), zh.unwrap_or(own))
}

impl Table {
    /// Adds a data row, unless it repeats the header (W109) or its cells do not line up
    /// with the header (E103); a row with a control character (E116) is added as rejected.
    fn add_row(
        &mut self,
        r: csv::StringRecord,
        header: &csv::StringRecord,
        positions: &excel::Positions,
        spec: &[ColumnSpec],
        findings: &mut Findings,
    ) {
        let line = r.position().map_or(0, |p| p.line());
        if excel::repeats_header(&r, positions, spec) {
            findings.push(excel::repeated_header(&self.file, line));
            return;
        }
        self.data_rows += 1;
        let width = header.len();
        // Cells past the last named column are ignored, so a row may stop there.
        let needed = header.iter().enumerate().filter(|(_, h)| !h.trim().is_empty()).last().map_or(0, |(i, _)| i + 1);
        let extra_cells_empty = r.iter().skip(width).all(|c| c.trim().is_empty());
        if r.len() < needed || !extra_cells_empty {
            findings.push(wrong_cell_count(&self.file, line, &r, if r.len() < needed { needed } else { width }));
            return;
        }
        let before = findings.items.len();
        if !excel::free_of_invisible(&r, line, positions, &self.file, findings) {
            self.rejected.insert(self.records.len());
        }
        let r = excel::compatibility_forms(r, line, positions, &self.file, findings);
        for f in &mut findings.items[before..] {
            let own = f
                .field
                .as_deref()
                .and_then(|col| self.headers.get(col))
                .filter(|h| Some(h.as_str()) != f.field.as_deref());
            f.header = own.cloned();
        }
        self.records.push((line, r));
    }

    /// 1-based column number of a contract column (0 when the file lacks it).
    pub fn column_number(&self, col: &str) -> usize {
        self.columns.get(col).map_or(0, |i| i + 1)
    }

    /// Places a finding about the cell of column `col` on `line`.
    pub fn locate(&self, f: Finding, line: u64, col: &str) -> Finding {
        at_column(f, line, self.columns.get(col).map(|i| i + 1), col, self.headers.get(col))
    }

    /// How messages name column `col`, in English and Chinese ([`words_for`]).
    pub fn column_words(&self, col: &str) -> (String, String) {
        words_for(col, self.headers.get(col))
    }

    /// True when the file has a header and nothing else.
    pub fn has_no_rows(&self) -> bool {
        self.data_rows == 0
    }

    /// Where the rows of this file are, for findings made after reading (see [`RowSources`]).
    pub fn sources(&self) -> RowSources {
        RowSources {
            file: self.file.clone(),
            lines: Vec::new(),
            columns: self.columns.iter().map(|(&k, &i)| (k, i + 1)).collect(),
            headers: self.headers.clone(),
        }
    }

    /// Typed access to one record's cells; problems go into `findings`.
    pub fn row<'a>(&'a self, index: usize, findings: &'a mut Findings) -> Row<'a> {
        let (line, record) = &self.records[index];
        Row { table: self, line: *line, record, findings, ok: !self.rejected.contains(&index) }
    }
}

/// Where the items read from one file came from: the line of each (in the order of the
/// domain list they went into) and the file's columns, so that checks made after reading
/// can still say `teachers.csv:20:12`.
#[derive(Debug, Clone, Default)]
pub struct RowSources {
    pub file: String,
    /// Line of each item, parallel to the domain list (e.g. `County::teachers`).
    pub lines: Vec<u64>,
    /// 1-based column number of each contract column present in the file.
    pub columns: HashMap<&'static str, usize>,
    /// The file's own header of each contract column.
    pub headers: HashMap<&'static str, String>,
}

impl RowSources {
    /// Places `f` at item `index`, in the cell of column `col` when the file has it.
    pub fn locate(&self, f: Finding, index: usize, col: &str) -> Finding {
        match self.lines.get(index) {
            Some(&line) => at_column(f, line, self.columns.get(col).copied(), col, self.headers.get(col)),
            None => f.at_field(col),
        }
    }

    /// How messages name column `col`, in English and Chinese.
    pub fn column_words(&self, col: &str) -> (String, String) {
        words_for(col, self.headers.get(col))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &[ColumnSpec] = &[req("school_id"), req("students"), opt("name")];

    #[test]
    fn trailing_empty_cells_are_ignored() {
        let mut f = Findings::default();
        let t = parse_table("school_id,students,\nS1,10,,,\n,,,\nS2,5\n", "s.csv", SPEC, &mut f).unwrap();
        assert!(f.items.is_empty(), "{f:?}");
        assert_eq!(t.records.len(), 2);
        assert_eq!(t.records[1].0, 4);
    }

    #[test]
    fn unclosed_quote_is_explained() {
        let mut f = Findings::default();
        parse_table("school_id,students\n\"S1,10\nS2,5\n", "s.csv", SPEC, &mut f).unwrap();
        assert_eq!(f.items[0].code, "E103");
        assert!(f.items[0].message.contains("never closed"), "{}", f.items[0].message);
    }

    #[test]
    fn chinese_headers_are_aliases() {
        let mut f = Findings::default();
        let schools = &[req("school_id"), opt("name"), req("level"), req("students")];
        let t = parse_table("学校代码,在校生数（人）,校名,学段\nS1,10,一小,小学\n", "s.csv", schools, &mut f).unwrap();
        assert!(f.items.is_empty(), "{f:?}");
        assert_eq!((t.column_number("school_id"), t.column_number("students"), t.column_number("name")), (1, 2, 3));
        parse_table("school_id,学校代码,students\nS1,S1,1\n", "s.csv", SPEC, &mut f);
        assert_eq!(f.items[0].code, "E105");
        assert!(f.items[0].message.contains("\"学校代码\" is another name"), "{}", f.items[0].message);
    }

    #[test]
    fn missing_column_is_named_in_the_headers_language() {
        let mut f = Findings::default();
        assert!(parse_table("学校代码\nS1\n", "s.csv", SPEC, &mut f).is_none());
        assert_eq!(f.items[0].fix, "add a column named \"在校生数\" (or \"students\") to the header row");
    }
}
