//! Reading one CSV file of the data contract: decoding, header, and typed cells that
//! report every problem with its file, line and column instead of stopping.

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
}

/// Decodes file bytes: strips a UTF-8 byte-order mark; rejects bytes that are not UTF-8,
/// naming the line of the first bad byte.
pub fn decode(bytes: &[u8], file: &str, findings: &mut Findings) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text.to_string()),
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64;
            findings.push(
                Finding::error(
                    "E102",
                    file,
                    "the file is not valid UTF-8 text",
                    "save it from your spreadsheet as \"CSV UTF-8 (comma delimited)\"",
                )
                .at_line(line),
            );
            None
        }
    }
}

/// Reads `path` as the contract file `file` with the given columns. Returns `None` when
/// the file cannot be used at all; problems are pushed into `findings`.
pub fn read_table(path: &Path, file: &str, spec: &[ColumnSpec], findings: &mut Findings) -> Option<Table> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            findings.push(Finding::error(
                "E101",
                file,
                format!("cannot read {}: {e}", path.display()),
                "check that the file exists and can be read",
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
    let mut rows = reader.records();
    let header = match rows.next() {
        Some(Ok(h)) => h,
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
    };
    let columns = map_header(&header, file, spec, findings)?;
    let width = header.len();
    let mut records = Vec::new();
    for row in rows {
        match row {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line());
                if r.len() == 1 && r.get(0).is_some_and(|c| c.trim().is_empty()) {
                    continue; // a blank line
                }
                if r.len() != width {
                    findings.push(
                        Finding::error(
                            "E103",
                            file,
                            format!("this row has {} cells but the header has {width}", r.len()),
                            "check for a stray comma or a missing cell; quote text that contains commas",
                        )
                        .at_line(line),
                    );
                    continue;
                }
                records.push((line, r));
            }
            Err(e) => findings.push(csv_error(file, &e)),
        }
    }
    Some(Table { file: file.to_string(), columns, records })
}

fn csv_error(file: &str, e: &csv::Error) -> Finding {
    let line = e.position().map_or(1, |p| p.line());
    Finding::error("E103", file, format!("malformed CSV: {e}"), "check the quoting on this line").at_line(line)
}

fn map_header(
    header: &csv::StringRecord,
    file: &str,
    spec: &[ColumnSpec],
    findings: &mut Findings,
) -> Option<HashMap<&'static str, usize>> {
    let mut columns = HashMap::new();
    for (i, raw) in header.iter().enumerate() {
        let name = raw.trim().to_ascii_lowercase();
        match spec.iter().find(|c| c.name == name) {
            Some(c) => {
                if columns.insert(c.name, i).is_some() {
                    findings.push(
                        Finding::error(
                            "E105",
                            file,
                            format!("column \"{}\" appears twice", c.name),
                            "delete one of the two columns",
                        )
                        .at_cell(1, i + 1, c.name),
                    );
                }
            }
            None if name.is_empty() => {}
            None => findings.push(
                Finding::error(
                    "W106",
                    file,
                    format!("unknown column \"{}\" is ignored", raw.trim()),
                    format!(
                        "if it is a misspelling, rename it to one of: {}",
                        spec.iter().map(|c| c.name).collect::<Vec<_>>().join(", ")
                    ),
                )
                .at_cell(1, i + 1, raw.trim()),
            ),
        }
    }
    let mut complete = true;
    for c in spec.iter().filter(|c| c.required && !columns.contains_key(c.name)) {
        complete = false;
        findings.push(
            Finding::error(
                "E104",
                file,
                format!("required column \"{}\" is missing", c.name),
                format!("add a column named \"{}\" to the header row", c.name),
            )
            .at_line(1)
            .at_field(c.name),
        );
    }
    complete.then_some(columns)
}

impl Table {
    /// 1-based column number of a contract column (0 when the file lacks it).
    pub fn column_number(&self, col: &str) -> usize {
        self.columns.get(col).map_or(0, |i| i + 1)
    }

    /// Typed access to one record's cells; problems go into `findings`.
    pub fn row<'a>(&'a self, index: usize, findings: &'a mut Findings) -> Row<'a> {
        let (line, record) = &self.records[index];
        Row { table: self, line: *line, record, findings, ok: true }
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
        let column = self.table.columns.get(col).map_or(0, |i| i + 1);
        let f = Finding::error(code, &self.table.file, message, fix).at_cell(self.line, column, col);
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
                "use true/false, yes/no or 1/0".into(),
            );
        }
        parsed.or(Some(default))
    }

    /// A number in `[lo, hi]`; `None` when empty (E110 if `required`) or invalid.
    pub fn number(&mut self, col: &str, lo: f64, hi: f64, required: bool) -> Option<f64> {
        let Some(raw) = self.cell(col).map(str::to_string) else {
            if required {
                self.problem(
                    "E110",
                    col,
                    format!("{col} is empty"),
                    format!("fill in {col}, a number from {lo} to {hi}"),
                );
            }
            return None;
        };
        let Ok(v) = raw.parse::<f64>() else {
            self.problem(
                "E112",
                col,
                format!("\"{raw}\" is not a number"),
                "write a plain number such as 1200 or 3.5, without units or thousands separators".into(),
            );
            return None;
        };
        if !(v.is_finite() && v >= lo && v <= hi) {
            self.problem(
                "E114",
                col,
                format!("{col} = {raw} is impossible"),
                format!("{col} must be from {lo} to {hi}"),
            );
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
                format!("{col} counts something: write a whole number"),
            );
            return None;
        }
        Some(v as u32)
    }
}
