//! Where a finding is, as the user finds it: the Excel column letter and row of a cell, in
//! the sheet (`[book.xlsx]教师名册!I12`) or the CSV file (`teachers.csv:12 column I`, or
//! `teachers.csv 第12行 I列`), with the column's header as the user's file has it.

use super::Finding;
use crate::cli::Lang;

/// Excel's letters for a 1-based column number: 1 is A, 26 is Z, 27 is AA.
pub fn column_letters(mut n: usize) -> String {
    let mut letters = Vec::new();
    while n > 0 {
        let d = (n - 1) % 26;
        letters.push(b'A' + d as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A sheet of a workbook as the readers name it, `book.xlsx[sheet]`, split in two.
fn book_and_sheet(file: &str) -> Option<(&str, &str)> {
    let inner = file.strip_suffix(']')?;
    let open = inner.find('[')?;
    Some((&inner[..open], &inner[open + 1..]))
}

/// Whether `file` is a table (a CSV file or a sheet), where columns are Excel's.
fn is_table(file: &str) -> bool {
    book_and_sheet(file).is_some() || file.to_ascii_lowercase().ends_with(".csv")
}

/// The place of `f` in `lang`, with the header (or column name) in brackets when known.
pub fn location(f: &Finding, lang: Lang) -> String {
    let mut loc = cell(f, lang);
    if let Some(name) = f.header.as_ref().or(f.field.as_ref()) {
        loc.push_str(&format!(" ({name})"));
    }
    loc
}

fn cell(f: &Finding, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let Some(line) = f.line else { return f.file.clone() };
    if let Some((book, sheet)) = book_and_sheet(&f.file) {
        return match (f.column, zh) {
            (Some(c), _) => format!("[{book}]{sheet}!{}{line}", column_letters(c)),
            (None, false) => format!("[{book}]{sheet} row {line}"),
            (None, true) => format!("[{book}]{sheet} 第{line}行"),
        };
    }
    match (f.column, is_table(&f.file), zh) {
        (Some(c), true, false) => format!("{}:{line} column {}", f.file, column_letters(c)),
        (Some(c), true, true) => format!("{} 第{line}行 {}列", f.file, column_letters(c)),
        (Some(c), false, false) => format!("{}:{line}:{c}", f.file),
        (Some(c), false, true) => format!("{} 第{line}行第{c}列", f.file),
        (None, _, false) => format!("{}:{line}", f.file),
        (None, _, true) => format!("{} 第{line}行", f.file),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::{Finding, Text};

    #[test]
    fn letters_as_excel_has_them() {
        let got: Vec<String> = [1, 9, 26, 27, 52, 53, 702, 703].into_iter().map(column_letters).collect();
        assert_eq!(got, ["A", "I", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn places_in_a_csv_file_a_sheet_and_a_policy_file() {
        let t = || Text::new("E110.required").arg("col", "年龄");
        let mut f = Finding::new("teachers.csv", t()).at_cell(12, 9, "age");
        f.header = Some("年龄".into());
        assert_eq!(location(&f, Lang::En), "teachers.csv:12 column I (年龄)");
        assert_eq!(location(&f, Lang::Zh), "teachers.csv 第12行 I列 (年龄)");
        f.file = "县数据.xlsx[教师名册]".into();
        assert_eq!(location(&f, Lang::Zh), "[县数据.xlsx]教师名册!I12 (年龄)");
        let p = Finding::new("policy.toml", t()).at_cell(3, 5, "exchange.share");
        assert_eq!(location(&p, Lang::En), "policy.toml:3:5 (exchange.share)");
    }
}
