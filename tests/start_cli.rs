//! The edited-plan round trip on the demo county, as a bureau does it: plan with a
//! workbook, edit the workbook by hand (two teachers sent to other schools), re-plan
//! with `--start`, and check. Where the edits break no rule, the re-plan keeps both and
//! changes nothing else.

use assert_cmd::Command;
use calamine::{Data, Reader};
use rotaplan::check::check_plan;
use rotaplan::domain::{County, Plan, Policy};
use rotaplan::io::{load_county, load_plan, load_policy};
use rotaplan::rules::destination_problem;
use std::path::{Path, PathBuf};

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/demo-county")
}

fn rotaplan() -> Command {
    Command::cargo_bin("rotaplan").unwrap()
}

/// A sheet of a workbook as rows of cell texts.
fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    let text = |c: &Data| match c {
        Data::Empty => String::new(),
        Data::Float(v) => v.to_string(),
        other => other.to_string(),
    };
    range.rows().map(|r| r.iter().map(text).collect()).collect()
}

/// Writes the sheets as a new workbook, every cell as text: the edited plan.
fn write_book(path: &Path, sheets: &[(&str, &Vec<Vec<String>>)]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = book.add_worksheet().set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

/// A move that can go to another school and leave `plan` clean, after the moves
/// `done` already edited: (row, school).
fn redirect(county: &County, policy: &Policy, plan: &Plan, done: &[usize]) -> (usize, usize) {
    for i in (0..plan.moves.len()).filter(|i| !done.contains(i)) {
        let m = &plan.moves[i];
        for to in (0..county.schools.len()).filter(|&s| s != m.to) {
            if destination_problem(county, m.from, to, policy).is_some() {
                continue;
            }
            let mut p = plan.clone();
            p.moves[i].to = to;
            if check_plan(county, policy, &p).is_empty() {
                return (i, to);
            }
        }
    }
    panic!("no move can go elsewhere without breaking a rule");
}

/// (person, school) rows of a plan, sorted.
type Rows = Vec<(usize, usize)>;

/// A plan's rows: (teacher, school) for moves, then (hire, school) for placements.
fn rows(p: &Plan) -> (Rows, Rows) {
    let mut moves: Rows = p.moves.iter().map(|m| (m.teacher, m.to)).collect();
    let mut hires: Rows = p.placements.iter().map(|h| (h.hire, h.school)).collect();
    moves.sort();
    hires.sort();
    (moves, hires)
}

#[test]
fn an_edited_plan_workbook_is_re_planned_around_both_edits() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, book) = (tmp.path().join("plan"), tmp.path().join("plan.xlsx"));
    rotaplan()
        .arg("plan")
        .arg(demo())
        .arg("--out")
        .arg(&out)
        .args(["--time-limit", "20", "--xlsx"])
        .arg(&book)
        .assert()
        .success();
    let policy = load_policy(None).unwrap();
    // As `plan` reads it: in the year planned of its exchange record.
    let county = rotaplan::validate::in_year(load_county(&demo()).0.expect("the demo county"), &policy, None);
    let plan = load_plan(&book, &county).expect("the plan workbook reads");
    assert!(check_plan(&county, &policy, &plan).is_empty(), "the optimiser's plan breaks no rule");
    let mut edited = plan.clone();
    let (first, to) = redirect(&county, &policy, &edited, &[]);
    edited.moves[first].to = to;
    let (second, to) = redirect(&county, &policy, &edited, &[first]);
    edited.moves[second].to = to;

    // The edits, made in the workbook's cells as a user would.
    let (mut moves, hires) = (sheet(&book, "moves"), sheet(&book, "hires"));
    let to_col = moves[0].iter().position(|h| h == "to_school").expect("a to_school column");
    let id_col = moves[0].iter().position(|h| h == "teacher_id").expect("a teacher_id column");
    for i in [first, second] {
        let id = &county.teachers[edited.moves[i].teacher].id;
        let row = moves.iter().position(|r| &r[id_col] == id).unwrap();
        moves[row][to_col] = county.schools[edited.moves[i].to].id.clone();
    }
    for i in [first, second] {
        let (m, was) = (&edited.moves[i], &plan.moves[i]);
        let id = &county.teachers[m.teacher].id;
        println!(
            "edit: {id} {} -> {} (was {})",
            county.schools[m.from].id, county.schools[m.to].id, county.schools[was.to].id
        );
    }
    let edited_book = tmp.path().join("edited.xlsx");
    write_book(&edited_book, &[("moves", &moves), ("hires", &hires)]);
    let read = load_plan(&edited_book, &county).expect("the edited workbook reads");
    assert_eq!(rows(&read), rows(&edited), "the workbook holds the two edits");
    rotaplan().arg("check").arg(demo()).arg("--plan").arg(&edited_book).assert().success();

    for (lang, said) in [("en", "Changes to the start: 0 rows added or removed."), ("zh", "相对起始方案：增删 0 行。")]
    {
        let again = tmp.path().join(format!("again-{lang}"));
        let out = rotaplan()
            .args(["--lang", lang, "plan"])
            .arg(demo())
            .arg("--out")
            .arg(&again)
            .args(["--time-limit", "60", "--start"])
            .arg(&edited_book)
            .assert()
            .success();
        let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        println!("{stdout}");
        assert!(stdout.contains(said), "{stdout}");
        let replanned = load_plan(&again, &county).unwrap();
        assert_eq!(rows(&replanned), rows(&edited), "the re-plan is the edited plan");
        rotaplan().arg("check").arg(demo()).arg("--plan").arg(&again).assert().success();
        let summary: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(again.join("summary.json")).unwrap()).unwrap();
        assert_eq!(summary["objective"]["changes"], 0.0);
        assert_eq!(summary["start"]["rows"], (edited.moves.len() + edited.placements.len()) as u64);
        assert_eq!(summary["status"], "optimal", "{}", summary["stages"]);
    }
}
