//! One record of a [`Table`] and its typed cell parsers (text, enum values, flags,
//! numbers in a range, whole numbers), each recording a problem at its cell and going on.

use super::{dates, Table};
use crate::findings::{cut, quoted, Finding, Findings};

/// One record of a [`Table`], with cell parsers that record problems and go on.
pub struct Row<'a> {
    pub(super) table: &'a Table,
    pub line: u64,
    pub(super) record: &'a csv::StringRecord,
    pub(super) findings: &'a mut Findings,
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
            self.problem(
                "E111",
                col,
                format!("{} is not a valid {col}", quoted(&raw)),
                format!("use one of: {expected}"),
            );
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
                format!("{} is not a yes/no value", quoted(&raw)),
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
            _ if dates::is_date_text(&raw) => {
                let message = format!("{} is a date, not a number", quoted(&raw));
                self.problem("E115", col, message, as_number(col, range));
                return None;
            }
            _ => {
                self.problem(
                    "E112",
                    col,
                    format!("{} is not a number", quoted(&raw)),
                    "write a plain number such as 1200 or 3.5, without units, spaces or thousands separators".into(),
                );
                return None;
            }
        };
        if !ok(v) {
            match dates::serial_date(v) {
                Some(date) => self.problem(
                    "E115",
                    col,
                    format!(
                        "{col} = {} is impossible: it is how Excel stores the date {date}, so the cell is probably \
                         formatted as a date",
                        cut(&raw)
                    ),
                    as_number(col, range),
                ),
                None => self.problem(
                    "E114",
                    col,
                    format!("{col} = {} is impossible", cut(&raw)),
                    format!("{col} must be {range}"),
                ),
            }
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
                format!("{} is not a whole number", quoted(&raw)),
                format!("{col} is a count: write a whole number from {lo} to {hi}"),
            );
            return None;
        }
        Some(v as u32)
    }
}

/// The fix for a date in a number column (E115).
fn as_number(col: &str, range: &str) -> String {
    format!(
        "{col} is a number {range}, not a date: format the column as Number (Excel: Format Cells > Number; \
         WPS: 设置单元格格式 > 数值) and type {col} again"
    )
}
