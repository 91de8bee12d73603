//! One record of a [`Table`] and its typed cell parsers (text, enum values, flags,
//! numbers in a range, whole numbers), each recording a problem at its cell and going on.

use super::{dates, Table};
use crate::cli::Lang;
use crate::findings::{cut, quoted, Finding, Findings, Text};
use crate::io::columns::accepted_words;

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
    pub fn problem(&mut self, col: &str, text: Text) {
        let f = self.table.locate(Finding::new(&self.table.file, text), self.line, col);
        self.ok &= !f.is_error();
        self.findings.push(f);
    }

    /// A message about column `col`, naming it as the user's header does.
    pub fn text(&self, key: &'static str, col: &str) -> Text {
        let (en, zh) = self.table.column_words(col);
        Text::new(key).both("col", en, zh)
    }

    /// A warning about this row that is not tied to one cell.
    pub fn findings(&mut self) -> &mut Findings {
        self.findings
    }

    /// A required text cell.
    pub fn required(&mut self, col: &str) -> Option<String> {
        match self.cell(col) {
            Some(v) => Some(v.to_string()),
            None => {
                let t = self.text("E110.required", col);
                self.problem(col, t);
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
        let zh = accepted_words(col, Lang::Zh).map_or_else(|| expected.to_string(), |w| w.join("、"));
        let Some(raw) = self.cell(col).map(str::to_string) else {
            if default.is_none() {
                let t = self.text("E110.word", col).both("expected", expected, zh);
                self.problem(col, t);
            }
            return default;
        };
        let parsed = parse(&raw);
        if parsed.is_none() {
            let key = match (col, raw.trim()) {
                ("locale", "城镇") => "E111.chengzhen",
                ("level", v) if NINE_YEAR.contains(&v.to_lowercase().as_str()) => "E111.nine_year",
                _ => "E111",
            };
            let t = self.text(key, col).arg("v", quoted(&raw)).both("expected", expected, zh);
            self.problem(col, t);
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
            let t = self.text("E113", col).arg("v", quoted(&raw)).both(
                "default",
                default.to_string(),
                if default { "是" } else { "否" },
            );
            self.problem(col, t);
        }
        parsed.or(Some(default))
    }

    /// A number in `[lo, hi]`; `None` when empty (E110 if `required`) or invalid.
    pub fn number(&mut self, col: &str, lo: f64, hi: f64, required: bool) -> Option<f64> {
        let range = (format!("from {lo} to {hi}"), format!("{lo} 至 {hi}"));
        self.checked_number(col, required, |v| v >= lo && v <= hi, range)
    }

    /// A number in `(0, hi]`, such as a pay; `None` when empty (E110 if `required`) or invalid.
    pub fn positive(&mut self, col: &str, hi: f64, required: bool) -> Option<f64> {
        let range = (format!("more than 0 and at most {hi}"), format!("大于 0、不超过 {hi}"));
        self.checked_number(col, required, |v| v > 0.0 && v <= hi, range)
    }

    fn checked_number(
        &mut self,
        col: &str,
        required: bool,
        ok: impl Fn(f64) -> bool,
        (range, range_zh): (String, String),
    ) -> Option<f64> {
        let Some(raw) = self.cell(col).map(str::to_string) else {
            if required {
                let t = self.text("E110.number", col).both("range", range, range_zh);
                self.problem(col, t);
            }
            return None;
        };
        let v = match raw.parse::<f64>() {
            Ok(v) if v.is_finite() => v,
            _ if dates::is_date_text(&raw) => {
                let t = self.text("E115.text", col).arg("v", quoted(&raw)).both("range", range, range_zh);
                self.problem(col, t);
                return None;
            }
            _ => {
                let t = self.text("E112.number", col).arg("v", quoted(&raw));
                self.problem(col, t);
                return None;
            }
        };
        if !ok(v) {
            let t = match dates::serial_date(v) {
                Some(date) => self.text("E115.serial", col).arg("date", date),
                None => self.text("E114.range", col),
            };
            self.problem(col, t.arg("v", cut(&raw)).both("range", range, range_zh));
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
            let t = self.text("E112.whole", col).arg("v", quoted(&raw)).arg("lo", lo).arg("hi", hi);
            self.problem(col, t);
            return None;
        }
        Some(v as u32)
    }
}

/// What bureaus write for a nine-year school in the stage column.
const NINE_YEAR: [&str; 5] = ["九年一贯制", "九年制", "一贯制", "nine-year", "nine_year"];
