//! Reading one CSV file of the data contract: decoding, header, and typed cells that
//! report every problem with its file, line and column instead of stopping.

use super::aliases;
pub use super::decode::decode;
use crate::findings::{Finding, Findings};
use std::collections::HashMap;
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
    pub records: Vec<(u64, csv::StringRecord)>,
    /// Rows that were not blank, including malformed ones left out of `records`.
    data_rows: usize,
}

/// Reads `path` as the contract file `file` with the given columns. Returns `None` when
/// the file cannot be used at all; problems are pushed into `findings`.
pub fn read_table(path: &Path, file: &str, spec: &[ColumnSpec], findings: &mut Findings) -> Option<Table> {
    if path.is_dir() {
        findings.push(Finding::error(
            "E101",
            file,
            format!("{file} is a folder, not a file"),
            format!("put the CSV file {file} here in place of the folder"),
        ));
        return None;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            findings.push(Finding::error(
                "E101",
                file,
                format!("cannot read {file}: {e}"),
                "check that you may read the file and that no other program holds it open",
            ));
            return None;
        }
    };
    let text = decode(&bytes, file, findings)?;
    parse_table(&text, file, spec, findings)
}

/// Parses CSV text (already decoded) against the column spec.
pub fn parse_table(text: &str, file: &str, spec: &[ColumnSpec], findings: &mut Findings) -> Option<Table> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(text.as_bytes());
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
                findings.push(
                    Finding::error(
                        "E103",
                        file,
                        "the file is empty: no header row",
                        "add the header row of the data contract",
                    )
                    .at_line(1),
                );
                return None;
            }
        }
    };
    let header_line = header.position().map_or(1, |p| p.line());
    let columns = map_header(&header, header_line, file, spec, findings)?;
    let width = header.len();
    // Cells past the last named column are ignored, so a row may stop there.
    let needed = header.iter().enumerate().filter(|(_, h)| !h.trim().is_empty()).last().map_or(0, |(i, _)| i + 1);
    let mut records = Vec::new();
    let mut data_rows = 0;
    for row in rows {
        match row {
            Ok(r) => {
                if is_blank(&r) {
                    continue; // a blank line, or a row a spreadsheet left as ",,,"
                }
                data_rows += 1;
                let line = r.position().map_or(0, |p| p.line());
                let extra_cells_empty = r.iter().skip(width).all(|c| c.trim().is_empty());
                if r.len() < needed || !extra_cells_empty {
                    findings.push(wrong_cell_count(file, line, &r, if r.len() < needed { needed } else { width }));
                    continue;
                }
                records.push((line, r));
            }
            Err(e) => findings.push(csv_error(file, &e)),
        }
    }
    Some(Table { file: file.to_string(), columns, records, data_rows })
}

fn is_blank(r: &csv::StringRecord) -> bool {
    r.iter().all(|c| c.trim().is_empty())
}

/// E103 for a row whose cells do not line up with the header.
fn wrong_cell_count(file: &str, line: u64, r: &csv::StringRecord, width: usize) -> Finding {
    if r.iter().any(|c| c.contains('\n')) {
        Finding::error(
            "E103",
            file,
            "a quote (\") on this line is never closed, so the lines after it were read as part of this row",
            "delete the stray quote, or close it; quotes go around a whole cell, e.g. \"Lin, Feng\"",
        )
        .at_line(line)
    } else {
        Finding::error(
            "E103",
            file,
            format!("this row has {} cells but the header has {width}", r.len()),
            "check for a stray comma or a missing cell; put a cell that contains a comma in quotes",
        )
        .at_line(line)
    }
}

fn csv_error(file: &str, e: &csv::Error) -> Finding {
    let line = e.position().map_or(1, |p| p.line());
    Finding::error("E103", file, format!("malformed CSV: {e}"), "check the quoting on this line").at_line(line)
}

/// Maps the header's cells to contract columns: the contract's own names (any case) or a
/// bureau's name for them ([`aliases`]). Unknown columns are W106; a column named twice
/// (perhaps once in English and once in Chinese) is E105; a missing required one is E104.
fn map_header(
    header: &csv::StringRecord,
    line: u64,
    file: &str,
    spec: &[ColumnSpec],
    findings: &mut Findings,
) -> Option<HashMap<&'static str, usize>> {
    let mut columns = HashMap::new();
    let mut by_alias = false;
    for (i, raw) in header.iter().enumerate() {
        let name = raw.trim().to_lowercase();
        let alias = aliases::column_for(raw, spec);
        by_alias |= alias.is_some();
        match spec.iter().find(|c| c.name == name).map(|c| c.name).or(alias) {
            Some(col) => match columns.get(col) {
                Some(&first) => {
                    let other = if name == col {
                        String::new()
                    } else {
                        format!("; \"{}\" is another name for it", raw.trim())
                    };
                    findings.push(
                        Finding::error(
                            "E105",
                            file,
                            format!("column \"{col}\" appears twice (columns {} and {}{other})", first + 1, i + 1),
                            "delete one of the two columns",
                        )
                        .at_cell(line, i + 1, col),
                    )
                }
                None => {
                    columns.insert(col, i);
                }
            },
            None if name.is_empty() => {}
            None => findings.push(unknown_column(raw.trim(), &name, spec, file).at_cell(line, i + 1, raw.trim())),
        }
    }
    let mut complete = true;
    for c in spec.iter().filter(|c| c.required && !columns.contains_key(c.name)) {
        complete = false;
        // A header in Chinese is told the Chinese name too.
        let named = match aliases::local_name(c.name, spec).filter(|_| by_alias) {
            Some(local) => format!("\"{local}\" (or \"{}\")", c.name),
            None => format!("\"{}\"", c.name),
        };
        findings.push(
            Finding::error(
                "E104",
                file,
                format!("required column \"{}\" is missing", c.name),
                format!("add a column named {named} to the header row"),
            )
            .at_line(line)
            .at_field(c.name),
        );
    }
    complete.then_some(columns)
}

/// W106, suggesting the contract column (or the bureau's name for it) a misspelt header
/// most likely means.
fn unknown_column(raw: &str, name: &str, spec: &[ColumnSpec], file: &str) -> Finding {
    let fix = if !name.is_ascii() {
        match aliases::closest(raw, spec) {
            Some((alias, c)) => {
                format!(
                    "if it means \"{c}\", rename it to \"{alias}\" or \"{c}\"; otherwise this warning can be ignored"
                )
            }
            None => "if it is one of the data contract's columns, rename it to the contract's name (see the \
                     README) or to the name bureaus use (docs/reports.md); otherwise this warning can be ignored"
                .to_string(),
        }
    } else {
        match closest_column(name, spec) {
            Some(c) => {
                format!("if it means \"{c}\", rename it to exactly \"{c}\"; otherwise this warning can be ignored")
            }
            None => format!(
                "if it is a misspelling, rename it to one of: {}; otherwise this warning can be ignored",
                spec.iter().map(|c| c.name).collect::<Vec<_>>().join(", ")
            ),
        }
    };
    Finding::error("W106", file, format!("unknown column \"{raw}\" is ignored"), fix)
}

/// The contract column a header most likely means: the same words with other separators,
/// or at most two letters different.
fn closest_column(name: &str, spec: &[ColumnSpec]) -> Option<&'static str> {
    let normalised: String = name.chars().map(|c| if c == ' ' || c == '-' || c == '.' { '_' } else { c }).collect();
    spec.iter()
        .map(|c| (c.name, if c.name == normalised { 0 } else { edit_distance(c.name, name) }))
        .filter(|&(_, d)| d <= 2)
        .min_by_key(|&(_, d)| d)
        .map(|(c, _)| c)
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Places `f` at `line`, in the cell of column `col` when the file has that column.
fn at_column(f: Finding, line: u64, column: Option<usize>, col: &str) -> Finding {
    match column {
        Some(c) => f.at_cell(line, c, col),
        None => f.at_line(line).at_field(col),
    }
}

impl Table {
    /// 1-based column number of a contract column (0 when the file lacks it).
    pub fn column_number(&self, col: &str) -> usize {
        self.columns.get(col).map_or(0, |i| i + 1)
    }

    /// Places a finding about the cell of column `col` on `line`.
    pub fn locate(&self, f: Finding, line: u64, col: &str) -> Finding {
        at_column(f, line, self.columns.get(col).map(|i| i + 1), col)
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
        }
    }

    /// Typed access to one record's cells; problems go into `findings`.
    pub fn row<'a>(&'a self, index: usize, findings: &'a mut Findings) -> Row<'a> {
        let (line, record) = &self.records[index];
        Row { table: self, line: *line, record, findings, ok: true }
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
}

impl RowSources {
    /// Places `f` at item `index`, in the cell of column `col` when the file has it.
    pub fn locate(&self, f: Finding, index: usize, col: &str) -> Finding {
        match self.lines.get(index) {
            Some(&line) => at_column(f, line, self.columns.get(col).copied(), col),
            None => f.at_field(col),
        }
    }
}

/// One record of a [`Table`], with cell parsers that record problems and go on.
pub struct Row<'a> {
    table: &'a Table,
    pub line: u64,
    record: &'a csv::StringRecord,
    findings: &'a mut Findings,
    /// False once any cell of this row was invalid.
    pub ok: bool,
}

impl Row<'_> {
    /// Raw trimmed cell, `None` if the column is absent or the cell empty.
    pub fn cell(&self, col: &str) -> Option<&str> {
        let i = *self.table.columns.get(col)?;
        let v = self.record.get(i)?.trim();
        (!v.is_empty()).then_some(v)
    }

    /// Records a finding about the cell in `col`; marks the row invalid when it is an error.
    pub fn problem(&mut self, code: &'static str, col: &str, message: String, fix: String) {
        let f = self.table.locate(Finding::error(code, &self.table.file, message, fix), self.line, col);
        self.ok &= !f.is_error();
        self.findings.push(f);
    }

    /// A warning about this row that is not tied to one cell.
    pub fn findings(&mut self) -> &mut Findings {
        self.findings
    }

    /// A required text cell.
    pub fn text(&mut self, col: &str) -> Option<String> {
        match self.cell(col) {
            Some(v) => Some(v.to_string()),
            None => {
                self.problem("E110", col, format!("{col} is empty"), format!("fill in {col}; it is required"));
                None
            }
        }
    }

    /// A cell parsed by `parse`; empty gives `default` (or E110 when `default` is `None`).
    pub fn value<T>(
        &mut self,
        col: &str,
        parse: impl Fn(&str) -> Option<T>,
        expected: &str,
        default: Option<T>,
    ) -> Option<T> {
        let Some(raw) = self.cell(col).map(str::to_string) else {
            if default.is_none() {
                self.problem("E110", col, format!("{col} is empty"), format!("fill in {col}, one of: {expected}"));
            }
            return default;
        };
        let parsed = parse(&raw);
        if parsed.is_none() {
            self.problem("E111", col, format!("\"{raw}\" is not a valid {col}"), format!("use one of: {expected}"));
        }
        parsed
    }

    /// A boolean cell; empty means `default`.
    pub fn flag(&mut self, col: &str, default: bool) -> Option<bool> {
        let Some(raw) = self.cell(col).map(str::to_string) else {
            return Some(default);
        };
        let parsed = crate::domain::parse_bool(&raw);
        if parsed.is_none() {
            self.problem(
                "E113",
                col,
                format!("\"{raw}\" is not a yes/no value"),
                format!("write true or false (yes/no and 1/0 work too); leave it empty for {default}"),
            );
        }
        parsed.or(Some(default))
    }

    /// A number in `[lo, hi]`; `None` when empty (E110 if `required`) or invalid.
    pub fn number(&mut self, col: &str, lo: f64, hi: f64, required: bool) -> Option<f64> {
        self.checked_number(col, required, |v| v >= lo && v <= hi, &format!("from {lo} to {hi}"))
    }

    /// A number in `(0, hi]`, such as a pay; `None` when empty (E110 if `required`) or invalid.
    pub fn positive(&mut self, col: &str, hi: f64, required: bool) -> Option<f64> {
        self.checked_number(col, required, |v| v > 0.0 && v <= hi, &format!("more than 0 and at most {hi}"))
    }

    fn checked_number(&mut self, col: &str, required: bool, ok: impl Fn(f64) -> bool, range: &str) -> Option<f64> {
        let Some(raw) = self.cell(col).map(str::to_string) else {
            if required {
                self.problem("E110", col, format!("{col} is empty"), format!("fill in {col}, a number {range}"));
            }
            return None;
        };
        let v = match raw.parse::<f64>() {
            Ok(v) if v.is_finite() => v,
            _ => {
                self.problem(
                    "E112",
                    col,
                    format!("\"{raw}\" is not a number"),
                    "write a plain number such as 1200 or 3.5, without units, spaces or thousands separators".into(),
                );
                return None;
            }
        };
        if !ok(v) {
            self.problem("E114", col, format!("{col} = {raw} is impossible"), format!("{col} must be {range}"));
            return None;
        }
        Some(v)
    }

    /// A whole number in `[lo, hi]` (a spreadsheet's `12.0` is accepted as 12).
    pub fn whole(&mut self, col: &str, lo: u32, hi: u32, required: bool) -> Option<u32> {
        let raw = self.cell(col).map(str::to_string);
        let v = self.number(col, lo as f64, hi as f64, required)?;
        if v.fract() != 0.0 {
            let raw = raw.unwrap_or_default();
            self.problem(
                "E112",
                col,
                format!("\"{raw}\" is not a whole number"),
                format!("{col} is a count: write a whole number from {lo} to {hi}"),
            );
            return None;
        }
        Some(v as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &[ColumnSpec] = &[req("school_id"), req("students"), opt("name")];

    #[test]
    fn misspelt_header_gets_a_suggestion() {
        assert_eq!(closest_column("school id", SPEC), Some("school_id"));
        assert_eq!(closest_column("studnets", SPEC), Some("students"));
        assert_eq!(closest_column("principal", SPEC), None);
    }

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
