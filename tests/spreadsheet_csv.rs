//! CSV files as spreadsheets save them, through `rotaplan validate` as a user runs it:
//! UTF-8 and GBK, each with Unix (LF), Windows (CRLF) and old Mac (CR) line breaks, give
//! the same findings at the same lines; a 200,000-character cell is quoted cut; a column
//! of bad cells is summarised after 20 findings.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validate").join(name)
}

/// `rotaplan validate <county>` run in `dir`: exit code and stdout.
fn validate(dir: &Path, county: &str) -> (i32, String) {
    let out = Command::cargo_bin("rotaplan").unwrap().current_dir(dir).args(["validate", county]).output().unwrap();
    (out.status.code().expect("exit code"), String::from_utf8(out.stdout).expect("UTF-8"))
}

/// The `many-defects` county (seven errors in five files) written to `dir/county` with
/// `line_break` after every line, in GBK when `gbk`.
fn many_defects_as(dir: &Path, gbk: bool, line_break: &str) {
    let county = dir.join("county");
    std::fs::create_dir_all(&county).unwrap();
    for file in ["schools.csv", "teachers.csv", "new_hires.csv", "distances.csv", "demand.csv"] {
        let text = std::fs::read_to_string(fixture("many-defects").join(file)).unwrap().replace('\n', line_break);
        let bytes = if gbk { encoding_rs::GBK.encode(&text).0.into_owned() } else { text.into_bytes() };
        std::fs::write(county.join(file), bytes).unwrap();
    }
}

/// The findings of `many-defects` in any encoding and with any line breaks: those of the
/// fixture as it is (UTF-8, LF), at the lines a spreadsheet shows.
fn same_lines_as_utf8_with_lf(gbk: bool, line_break: &str) {
    let (_, expected) = validate(&fixture("."), "many-defects");
    for place in [
        "schools.csv:6 column F",
        "teachers.csv:14 column I",
        "teachers.csv:19 column C",
        "distances.csv:7 column A",
        "first on line 2)",
    ] {
        assert!(expected.contains(place), "{place} in\n{expected}");
    }
    let tmp = tempfile::tempdir().unwrap();
    many_defects_as(tmp.path(), gbk, line_break);
    let (status, stdout) = validate(tmp.path(), "county");
    assert_eq!(status, 2);
    assert_eq!(stdout, expected, "GBK: {gbk}, line break {line_break:?}");
}

#[test]
fn utf8_with_lf_line_breaks() {
    same_lines_as_utf8_with_lf(false, "\n");
}

#[test]
fn utf8_with_crlf_line_breaks() {
    same_lines_as_utf8_with_lf(false, "\r\n");
}

#[test]
fn utf8_with_cr_line_breaks() {
    same_lines_as_utf8_with_lf(false, "\r");
}

#[test]
fn gbk_with_lf_line_breaks() {
    same_lines_as_utf8_with_lf(true, "\n");
}

#[test]
fn gbk_with_crlf_line_breaks() {
    same_lines_as_utf8_with_lf(true, "\r\n");
}

#[test]
fn gbk_with_cr_line_breaks() {
    same_lines_as_utf8_with_lf(true, "\r");
}

/// The valid county copied to `dir/county`, with `rows` added to teachers.csv.
fn valid_county_with_teachers(dir: &Path, rows: &[String]) {
    let county = dir.join("county");
    std::fs::create_dir_all(&county).unwrap();
    for file in ["schools.csv", "teachers.csv", "new_hires.csv", "distances.csv", "demand.csv"] {
        std::fs::copy(fixture("valid").join(file), county.join(file)).unwrap();
    }
    let mut teachers = std::fs::read_to_string(county.join("teachers.csv")).unwrap();
    rows.iter().for_each(|r| teachers.push_str(&format!("{r}\n")));
    std::fs::write(county.join("teachers.csv"), teachers).unwrap();
}

#[test]
fn a_huge_cell_is_quoted_cut() {
    let tmp = tempfile::tempdir().unwrap();
    let huge = "x".repeat(200_000);
    valid_county_with_teachers(tmp.path(), &[format!("T101,林,S01,{huge},first,bachelor,none,5,40,m,6000,false")]);
    let (status, stdout) = validate(tmp.path(), "county");
    assert_eq!(status, 2);
    let cut = format!("\"{}…\" (200000 characters) is not a valid subject", "x".repeat(40));
    assert!(stdout.starts_with(&format!("error[E111] teachers.csv:22 column D (subject): {cut}\n")), "{stdout}");
    assert!(stdout.len() < 1_000, "{} bytes", stdout.len());
}

#[test]
fn more_than_twenty_findings_of_a_kind_in_a_column_are_summarised() {
    let tmp = tempfile::tempdir().unwrap();
    let rows: Vec<String> =
        (101..131).map(|i| format!("T{i},林,S01,englsh,first,bachelor,none,5,40,m,6000,false")).collect();
    valid_county_with_teachers(tmp.path(), &rows);
    let (status, stdout) = validate(tmp.path(), "county");
    assert_eq!(status, 2);
    let lines: Vec<&str> = stdout.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(lines.len(), 21, "{stdout}");
    assert!(lines[19].starts_with("error[E111] teachers.csv:41 column D (subject): \"englsh\""), "{}", lines[19]);
    assert_eq!(
        lines[20],
        "error[E111] teachers.csv:42 column D (subject): and 10 more rows like this (lines 42 to 51)"
    );
    assert!(stdout.contains("and 10 more rows like this (lines 42 to 51)\n  fix: use one of: chinese,"), "{stdout}");
    assert!(stdout.ends_with("30 error(s), 0 warning(s): the data is invalid.\n"), "{stdout}");
}
