//! What spreadsheets, and the programs text is pasted from, do to a CSV file: forgiven
//! where the meaning is certain, named where it is not. Line breaks of any system (CRLF,
//! CR) give the same line numbers; a file separated by semicolons or tabs is read with its
//! own separator (W108); a header row repeated where sheets were pasted together is
//! skipped (W109); a control or invisible character in a cell rejects the row (E116);
//! full-width characters, as an input method's full-width mode types them, are read in
//! their NFKC form (W117), so `２５` is 25.

use super::header::names_column;
use super::ColumnSpec;
use crate::findings::{is_invisible, quoted, Finding, Findings, Text};
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// Columns of free text, kept exactly as typed: names and a plan's reasons.
const FREE_TEXT: [&str; 2] = ["name", "reasons"];

/// The text with every line break as `\n`, so that Windows (CRLF) and old Mac (CR) files
/// give the same records and line numbers as Unix ones.
pub(super) fn unify_line_breaks(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The separator of a file whose first line names no contract column when split at
/// commas but names two or more when split at semicolons or tabs, with W108 saying so.
pub(super) fn other_separator(text: &str, file: &str, spec: &[ColumnSpec]) -> Option<(u8, Finding)> {
    let (index, first) = text.split('\n').enumerate().find(|(_, l)| !l.trim().is_empty())?;
    let named = |separator: char| {
        first.split(separator).filter(|c| names_column(c.trim().trim_matches('"'), spec).is_some()).count()
    };
    if named(',') > 0 {
        return None;
    }
    let (separator, name, name_zh) = [(b';', "semicolons", "分号"), (b'\t', "tabs", "制表符")]
        .into_iter()
        .max_by_key(|&(s, _, _)| named(s as char))?;
    if named(separator as char) < 2 {
        return None;
    }
    let f = Finding::new(file, Text::new("W108").both("name", name, name_zh));
    Some((separator, f.at_line(index as u64 + 1)))
}

/// The contract columns of a file, by their position (0-based), in the order of the file.
pub(super) type Positions = [(usize, &'static str)];

/// Whether `row` repeats the header: at least two of the file's contract columns, and at
/// least half of them, hold a name of the column they are in (the header's own or another).
pub(super) fn repeats_header(row: &csv::StringRecord, positions: &Positions, spec: &[ColumnSpec]) -> bool {
    let named = positions
        .iter()
        .filter(|&&(i, col)| row.get(i).and_then(|c| names_column(c.trim_matches('\u{feff}'), spec)) == Some(col))
        .count();
    named >= 2 && named * 2 >= positions.len()
}

/// W109 for a repeated header row.
pub(super) fn repeated_header(file: &str, line: u64) -> Finding {
    Finding::new(file, Text::new("W109")).at_line(line)
}

/// E116 for each cell of a contract column holding a control or invisible character;
/// true when there is none.
pub(super) fn free_of_invisible(
    row: &csv::StringRecord,
    line: u64,
    positions: &Positions,
    file: &str,
    findings: &mut Findings,
) -> bool {
    let mut free = true;
    for &(i, col) in positions {
        let cell = row.get(i).unwrap_or_default();
        let Some((at, c)) = cell.chars().enumerate().find(|&(_, c)| is_invisible(c)) else { continue };
        free = false;
        let u = u32::from(c);
        let what = match c {
            '\0' => ("a NUL character (U+0000)".to_string(), "空字符（U+0000）".to_string()),
            c if c.is_control() => (format!("a control character (U+{u:04X})"), format!("控制字符（U+{u:04X}）")),
            _ => (format!("an invisible character (U+{u:04X})"), format!("不可见字符（U+{u:04X}）")),
        };
        let text = Text::new("E116").arg("v", quoted(cell)).both("what", what.0, what.1).arg("at", at + 1);
        findings.push(Finding::new(file, text).at_cell(line, i + 1, col));
    }
    free
}

/// The row with every cell of a contract column (free text aside) in NFKC form, and W117
/// for each cell whose value that changed, e.g. full-width `２５` read as `25`.
pub(super) fn compatibility_forms(
    row: csv::StringRecord,
    line: u64,
    positions: &Positions,
    file: &str,
    findings: &mut Findings,
) -> csv::StringRecord {
    let column_at = |i: usize| positions.iter().find(|&&(p, _)| p == i).map(|&(_, col)| col);
    let mut changed = false;
    let cells: Vec<Cow<str>> = row
        .iter()
        .enumerate()
        .map(|(i, cell)| match column_at(i).filter(|c| !cell.is_ascii() && !FREE_TEXT.contains(c)) {
            Some(col) => {
                let normal: String = cell.nfkc().collect();
                if normal.trim() != cell.trim() {
                    changed = true;
                    findings.push(full_width(cell.trim(), normal.trim(), file).at_cell(line, i + 1, col));
                }
                Cow::Owned(normal)
            }
            None => Cow::Borrowed(cell),
        })
        .collect();
    if !changed {
        return row;
    }
    let mut normal = csv::StringRecord::from(cells.iter().map(|c| c.as_ref()).collect::<Vec<_>>());
    normal.set_position(row.position().cloned());
    normal
}

/// W117 for a cell read in its NFKC form.
fn full_width(cell: &str, normal: &str, file: &str) -> Finding {
    Finding::new(file, Text::new("W117").arg("v", quoted(cell)).arg("normal", quoted(normal)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::table::{opt, req};

    const SPEC: &[ColumnSpec] = &[req("school_id"), req("students"), opt("name")];
    const POSITIONS: &Positions = &[(0, "school_id"), (1, "students"), (2, "name")];

    #[test]
    fn line_breaks_of_every_system_are_one() {
        assert_eq!(unify_line_breaks("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert!(matches!(unify_line_breaks("a\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn semicolons_and_tabs_are_found_only_where_commas_name_nothing() {
        let mut f = other_separator("\nschool_id;students;name\nS1;1;x\n", "s.csv", SPEC).unwrap();
        assert_eq!((f.0, f.1.code, f.1.line), (b';', "W108", Some(2)));
        f = other_separator("学校代码\t在校生数\n", "s.csv", SPEC).unwrap();
        assert_eq!(f.0, b'\t');
        assert!(other_separator("school_id,students;x\n", "s.csv", SPEC).is_none());
        assert!(other_separator("principal;motto\n", "s.csv", SPEC).is_none());
    }

    #[test]
    fn a_repeated_header_is_told_from_data() {
        let row = |cells: &[&str]| csv::StringRecord::from(cells.to_vec());
        assert!(repeats_header(&row(&["school_id", "students", ""]), POSITIONS, SPEC));
        assert!(repeats_header(&row(&["\u{feff}学校代码", "在校生数", "校名"]), POSITIONS, SPEC));
        assert!(!repeats_header(&row(&["S1", "students", "name"]), &POSITIONS[..2], SPEC));
        assert!(!repeats_header(&row(&["students", "school_id", "x"]), POSITIONS, SPEC));
    }

    #[test]
    fn invisible_characters_are_found_in_their_cell() {
        let mut f = Findings::default();
        let row = csv::StringRecord::from(vec!["S\u{0}1", "1", "a\u{200b}b"]);
        assert!(!free_of_invisible(&row, 7, POSITIONS, "s.csv", &mut f));
        assert_eq!(f.items[0].message, "\"S\\01\" holds a NUL character (U+0000) at character 2");
        assert_eq!((f.items[0].line, f.items[0].column), (Some(7), Some(1)));
        assert!(f.items[1].message.contains("an invisible character (U+200B)"), "{}", f.items[1].message);
        assert!(free_of_invisible(&csv::StringRecord::from(vec!["S1", "1\t"]), 7, POSITIONS, "s.csv", &mut f));
    }

    #[test]
    fn full_width_cells_are_read_in_nfkc_form_and_names_are_kept() {
        let mut f = Findings::default();
        let row = csv::StringRecord::from(vec!["Ｓ０１\u{3000}", "２５", "（小学部）"]);
        let normal = compatibility_forms(row, 3, POSITIONS, "s.csv", &mut f);
        assert_eq!(normal.iter().collect::<Vec<_>>(), ["S01 ", "25", "（小学部）"]);
        assert_eq!(f.items.len(), 2);
        assert_eq!(f.items[1].message.split(':').next(), Some("\"２５\" is read as \"25\""));
        assert!(!f.items[1].is_error());
    }
}
