//! The loaders never panic: random bytes and random mutations of a valid county, policy
//! and plan give findings, never a crash; whatever loads is internally consistent.

use proptest::prelude::*;
use proptest::sample::Index;
use rotaplan::domain::County;
use rotaplan::findings::Findings;
use rotaplan::io::{load_county, load_plan, policy::parse_policy};
use std::path::{Path, PathBuf};

const FILES: [&str; 5] = ["schools.csv", "teachers.csv", "new_hires.csv", "distances.csv", "demand.csv"];

fn valid_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validate/valid")
}

fn valid_text(file: &str) -> String {
    std::fs::read_to_string(valid_dir().join(file)).expect("the valid fixture is readable")
}

/// A copy of the valid county in a temporary folder with `file` replaced by `bytes`.
fn county_with(file: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    for f in FILES {
        std::fs::copy(valid_dir().join(f), dir.path().join(f)).expect("copy fixture");
    }
    std::fs::write(dir.path().join(file), bytes).expect("write mutated file");
    dir
}

/// What every load must satisfy: a county only without errors, an error whenever there
/// is no county, and indices that stay inside the county's lists.
fn check_load(dir: &Path) -> Result<(), TestCaseError> {
    let (county, findings) = load_county(dir);
    match &county {
        Some(c) => {
            prop_assert!(!findings.has_errors(), "a county came back with errors: {findings:?}");
            check_consistent(c)?;
        }
        None => prop_assert!(findings.has_errors(), "no county and no error to say why"),
    }
    check_findings(&findings)?;
    // The whole validation (warnings included) runs on the same data without panicking.
    let v = rotaplan::validate::validate_dir(dir, None);
    prop_assert_eq!(v.county.is_some(), county.is_some());
    Ok(())
}

fn check_consistent(c: &County) -> Result<(), TestCaseError> {
    let n = c.schools.len();
    prop_assert!(n > 0, "a county with no schools loaded");
    for t in &c.teachers {
        prop_assert!(t.school < n, "teacher {} at school index {} of {n}", t.id, t.school);
    }
    for &(a, b) in c.distances.road_km.keys() {
        prop_assert!(a < n && b < n);
    }
    for &(s, _) in c.demand.iter().flat_map(|d| d.posts.keys()) {
        prop_assert!(s < n);
    }
    let mut ids: Vec<&str> = c.teachers.iter().map(|t| t.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    prop_assert_eq!(ids.len(), c.teachers.len(), "duplicate teacher ids loaded");
    Ok(())
}

/// Every finding names a file and says what to do; cell findings have a line.
fn check_findings(findings: &Findings) -> Result<(), TestCaseError> {
    for f in &findings.items {
        prop_assert!(!f.file.is_empty() && !f.message.is_empty() && !f.fix.is_empty(), "{f:?}");
        if f.column.is_some() {
            prop_assert!(f.line.is_some(), "a column without a line: {f:?}");
        }
        let _ = f.to_string();
    }
    Ok(())
}

/// One edit of a file's text.
#[derive(Debug, Clone)]
enum Edit {
    DeleteChar(Index),
    InsertChar(Index, char),
    ReplaceChar(Index, char),
    ReplaceCell(Index, Index, &'static str),
    DuplicateLine(Index),
    DeleteLine(Index),
    SwapLines(Index, Index),
    Truncate(Index),
}

/// Characters and cells that stress a CSV reader: separators, quotes, line ends, a BOM,
/// wide characters, and numbers at and past every limit.
const CHARS: &[char] = &[',', '"', '\n', '\r', ' ', ';', '.', '-', '0', '7', 'x', 'é', '中', '\u{feff}', '\t'];
const CELLS: &[&str] = &[
    "",
    " ",
    "\"",
    "\"\"",
    "-1",
    "0",
    "0.0",
    "12.5",
    "18",
    "70",
    "71",
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "4294967296",
    "99999999999999999999999",
    "S01",
    "S03J",
    "T001",
    "H01",
    "primary",
    "junior",
    "rural",
    "yes",
    "maybe",
    "math",
    "f",
    "中文",
    "\u{feff}",
    "a,b",
    "\"quoted, cell\"",
];

fn edit_strategy() -> impl Strategy<Value = Edit> {
    let ch = prop::sample::select(CHARS);
    let cell = prop::sample::select(CELLS);
    prop_oneof![
        any::<Index>().prop_map(Edit::DeleteChar),
        (any::<Index>(), ch.clone()).prop_map(|(i, c)| Edit::InsertChar(i, c)),
        (any::<Index>(), ch).prop_map(|(i, c)| Edit::ReplaceChar(i, c)),
        (any::<Index>(), any::<Index>(), cell).prop_map(|(l, c, v)| Edit::ReplaceCell(l, c, v)),
        any::<Index>().prop_map(Edit::DuplicateLine),
        any::<Index>().prop_map(Edit::DeleteLine),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
        any::<Index>().prop_map(Edit::Truncate),
    ]
}

fn apply(text: &str, edit: &Edit) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let at = |i: &Index, len: usize| if len == 0 { 0 } else { i.index(len) };
    match edit {
        Edit::DeleteChar(i) if !chars.is_empty() => {
            let mut c = chars;
            c.remove(at(i, c.len()));
            return c.into_iter().collect();
        }
        Edit::InsertChar(i, ch) => {
            let mut c = chars;
            let p = at(i, c.len() + 1);
            c.insert(p, *ch);
            return c.into_iter().collect();
        }
        Edit::ReplaceChar(i, ch) if !chars.is_empty() => {
            let mut c = chars;
            let p = at(i, c.len());
            c[p] = *ch;
            return c.into_iter().collect();
        }
        Edit::Truncate(i) => return chars[..at(i, chars.len() + 1)].iter().collect(),
        Edit::ReplaceCell(l, c, v) => {
            let l = at(l, lines.len());
            let mut cells: Vec<String> = lines[l].split(',').map(str::to_string).collect();
            let c = at(c, cells.len());
            cells[c] = v.to_string();
            lines[l] = cells.join(",");
        }
        Edit::DuplicateLine(l) => {
            let l = at(l, lines.len());
            lines.insert(l, lines[l].clone());
        }
        Edit::DeleteLine(l) if lines.len() > 1 => {
            lines.remove(at(l, lines.len()));
        }
        Edit::SwapLines(a, b) => {
            let (a, b) = (at(a, lines.len()), at(b, lines.len()));
            lines.swap(a, b);
        }
        _ => return text.to_string(),
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// (a) Any bytes as any one file of a county.
    #[test]
    fn random_bytes_as_a_county_file(file in prop::sample::select(FILES.to_vec()), bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let dir = county_with(file, &bytes);
        check_load(dir.path())?;
    }

    /// (a) Text made of CSV punctuation and digits after the file's real header, so that
    /// rows get past decoding and the header and reach the cell parsers.
    #[test]
    fn random_rows_under_a_valid_header(
        file in prop::sample::select(FILES.to_vec()),
        rows in "([A-Za-z0-9 ,.\"\\-]{0,30}[\r\n]{1,2}){0,12}",
    ) {
        let header = valid_text(file).lines().next().unwrap_or_default().to_string();
        let dir = county_with(file, format!("{header}\n{rows}").as_bytes());
        check_load(dir.path())?;
    }

    /// (b) Random edits of the valid county's files.
    #[test]
    fn mutated_valid_county(file in prop::sample::select(FILES.to_vec()), edits in prop::collection::vec(edit_strategy(), 1..6)) {
        let text = edits.iter().fold(valid_text(file), |t, e| apply(&t, e));
        let dir = county_with(file, text.as_bytes());
        check_load(dir.path())?;
    }

    /// (c) Any bytes, and any text, as a policy file.
    #[test]
    fn random_policy_text(bytes in prop::collection::vec(any::<u8>(), 0..400), text in any::<String>()) {
        for text in [String::from_utf8_lossy(&bytes).into_owned(), text] {
            if let Err(findings) = parse_policy(&text, "p.toml") {
                prop_assert!(findings.has_errors());
                check_findings(&findings)?;
            }
        }
    }

    /// (c) Random edits of the national policy: findings (each with a fix), never a panic.
    #[test]
    fn mutated_national_policy(edits in prop::collection::vec(edit_strategy(), 1..6)) {
        let text = edits.iter().fold(rotaplan::io::policy::NATIONAL_2014.to_string(), |t, e| apply(&t, e));
        if let Err(findings) = parse_policy(&text, "p.toml") {
            prop_assert!(findings.has_errors());
            check_findings(&findings)?;
        }
    }

    /// Plan files: random edits of a valid plan against the valid county.
    #[test]
    fn mutated_plan(edits in prop::collection::vec(edit_strategy(), 0..6), bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let (county, _) = load_county(&valid_dir());
        let county = county.expect("the valid fixture loads");
        let moves = "teacher_id,from_school,to_school,kind,term_years,reasons\nT004,S01,S05,exchange,3,shortage:pe\n";
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(dir.path().join("moves.csv"), edits.iter().fold(moves.to_string(), |t, e| apply(&t, e))).unwrap();
        std::fs::write(dir.path().join("hires.csv"), &bytes).unwrap();
        if let Ok(plan) = load_plan(dir.path(), &county) {
            for m in &plan.moves {
                prop_assert!(m.teacher < county.teachers.len() && m.from < county.schools.len() && m.to < county.schools.len());
            }
        }
    }
}
