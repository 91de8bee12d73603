//! The bureau's locks (locks.csv, rule C018): each kind pins the plan, the checker holds
//! every plan to them, and locks that cannot hold are reported before any solve with
//! their line.

mod common;

use assert_cmd::Command;
use common::*;
use rotaplan::check::check_plan;
use rotaplan::domain::*;
use rotaplan::rules::{lock_conflicts, Rule};

fn lock(who: Locked, word: LockWord, school: Option<usize>, line: u64) -> Lock {
    Lock { who, word, school, line }
}

fn teacher_index(county: &County, id: &str) -> usize {
    county.teachers.iter().position(|t| t.id == id).expect(id)
}

fn moves(county: &County, plan: &Plan) -> Vec<(String, String)> {
    plan.moves.iter().map(|m| (county.teachers[m.teacher].id.clone(), county.schools[m.to].id.clone())).collect()
}

/// Without locks the optimum sends the spare English teacher U06 to R1 and the spare music
/// teacher U08 to R2 (the pinned test of tests/solver.rs).
fn policy() -> Policy {
    let mut p = simple_policy();
    p.balance.no_worse = false;
    p
}

#[test]
fn a_teacher_locked_to_stay_is_not_moved() {
    let mut county = three_schools();
    let free = plan_checked(&county, &policy());
    assert!(moves(&county, &free.plan).iter().any(|(t, _)| t == "U06"), "{:?}", moves(&county, &free.plan));
    let u06 = teacher_index(&county, "U06");
    county.locks = vec![lock(Locked::Teacher(u06), LockWord::Stay, None, 2)];
    let r = plan_checked(&county, &policy());
    assert!(moves(&county, &r.plan).iter().all(|(t, _)| t != "U06"), "{:?}", moves(&county, &r.plan));
}

#[test]
fn a_teacher_locked_to_go_goes_where_the_lock_says() {
    let mut county = three_schools();
    let u00 = teacher_index(&county, "U00");
    county.locks = vec![lock(Locked::Teacher(u00), LockWord::Go, Some(2), 2)];
    let r = plan_checked(&county, &policy());
    assert!(moves(&county, &r.plan).contains(&("U00".into(), "R2".into())), "{:?}", moves(&county, &r.plan));
    // Locked to go anywhere: goes somewhere allowed.
    county.locks = vec![lock(Locked::Teacher(u00), LockWord::Go, None, 2)];
    let r = plan_checked(&county, &policy());
    assert!(moves(&county, &r.plan).iter().any(|(t, _)| t == "U00"), "{:?}", moves(&county, &r.plan));
}

#[test]
fn a_teacher_kept_from_a_school_does_not_go_there() {
    let mut county = three_schools();
    let u06 = teacher_index(&county, "U06");
    county.locks = vec![lock(Locked::Teacher(u06), LockWord::NotTo, Some(1), 2)];
    let r = plan_checked(&county, &policy());
    assert!(!moves(&county, &r.plan).contains(&("U06".into(), "R1".into())), "{:?}", moves(&county, &r.plan));
}

#[test]
fn a_hire_promised_to_a_school_is_placed_there() {
    let mut county = three_schools();
    county.new_hires = vec![NewHire {
        id: "H0".into(),
        subject: Subject::English,
        degree: Degree::Bachelor,
        gender: None,
        monthly_pay: None,
    }];
    county.schools[2].staff_quota = Some(8);
    let free = plan_checked(&county, &policy());
    assert_eq!(free.plan.placements[0].school, 1, "without the lock the English hire fills R1's post");
    county.locks = vec![lock(Locked::Hire(0), LockWord::Place, Some(2), 2)];
    let r = plan_checked(&county, &policy());
    assert_eq!(r.plan.placements[0].school, 2);
}

#[test]
fn the_checker_holds_a_plan_to_its_locks() {
    let mut county = three_schools();
    let u06 = teacher_index(&county, "U06");
    county.locks = vec![lock(Locked::Teacher(u06), LockWord::Stay, None, 2)];
    let moved = Plan {
        moves: vec![Move { teacher: u06, from: 0, to: 1, kind: MoveKind::Exchange, term_years: 3, reasons: vec![] }],
        placements: vec![],
    };
    let broken: Vec<_> = check_plan(&county, &policy(), &moved).into_iter().filter(|b| b.rule == Rule::Lock).collect();
    assert_eq!(broken.len(), 1);
    assert_eq!(broken[0].message, "teacher U06 is locked to stay but goes to R1");
}

#[test]
fn locks_that_cannot_hold_are_found_before_the_solve() {
    let mut county = three_schools();
    let (u07, u06, u08) = (teacher_index(&county, "U07"), teacher_index(&county, "U06"), teacher_index(&county, "U08"));
    county.locks = vec![
        // U07 has been at the school 2 years: not due to exchange.
        lock(Locked::Teacher(u07), LockWord::Go, None, 2),
        // The urban school does not receive exchanged teachers.
        lock(Locked::Teacher(u06), LockWord::Go, Some(0), 3),
        // U08 may go to R1 or R2, and is kept from both.
        lock(Locked::Teacher(u08), LockWord::NotTo, Some(1), 4),
        lock(Locked::Teacher(u08), LockWord::NotTo, Some(2), 5),
        lock(Locked::Teacher(u08), LockWord::Go, None, 6),
    ];
    let found: Vec<(u64, &str)> =
        lock_conflicts(&county, &policy()).iter().map(|(i, text)| (county.locks[*i].line, text.code())).collect();
    assert_eq!(found, [(2, "E125"), (3, "E125"), (6, "E125")]);
    let err = rotaplan::planner::make_plan(&county, &policy(), &Default::default()).unwrap_err();
    assert!(err.to_string().contains("locks.csv"), "{err}");
}

/// The files as a bureau writes them, Chinese words included, read by `validate`: an
/// unknown id, a teacher to be placed and a lock without its school, each at its line; once
/// the file reads, a go lock for a teacher who is not due (checked against the policy).
#[test]
fn validate_names_each_bad_lock_at_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("county");
    rotaplan::io::write_county::write_county(&dir, &three_schools()).unwrap();
    let validate = |locks: &str| {
        std::fs::write(dir.join("locks.csv"), locks).unwrap();
        let out = Command::cargo_bin("rotaplan").unwrap().env("LANG", "C").arg("validate").arg(&dir).assert().code(2);
        let o = out.get_output();
        String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr)
    };
    let text = validate("id,lock,school\nU00,留任,\nNOBODY,stay,\nU01,place,R1\nU02,not_to,\nU06,go,R1\n");
    for expected in ["E124] locks.csv:3 column A", "E124] locks.csv:4 column B", "E124] locks.csv:5 column C"] {
        assert!(text.contains(expected), "{expected} in:\n{text}");
    }
    assert_eq!(text.matches("error[").count(), 3, "{text}");
    let text = validate("id,lock,school\nU00,留任,\nU07,go,\nU06,go,R1\n");
    assert!(text.contains("E125] locks.csv:3 column A (id)") && text.contains("U07"), "{text}");
    assert_eq!(text.matches("error[").count(), 1, "{text}");
}

/// The same mistakes in a file saved by Excel on a Chinese desktop: CRLF line ends, the
/// bureau's own headers (编号, 锁定, 学校) in another order, messages in Chinese. Each is
/// named at its line (as for LF), the column letter of the user's file and their header.
#[test]
fn bad_locks_in_a_crlf_file_with_chinese_headers_are_named_at_the_cell() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("county");
    rotaplan::io::write_county::write_county(&dir, &three_schools()).unwrap();
    let validate = |locks: &str| {
        std::fs::write(dir.join("locks.csv"), locks).unwrap();
        let mut cmd = Command::cargo_bin("rotaplan").unwrap();
        let out = cmd.env("LANG", "C").args(["--lang", "zh", "validate"]).arg(&dir).assert().code(2);
        let o = out.get_output();
        String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr)
    };
    let text = validate("锁定,学校,编号\r\n留任,,U00\r\nstay,,NOBODY\r\nnot_to,,U02\r\n");
    for expected in ["locks.csv 第3行 C列 (编号)", "locks.csv 第4行 B列 (学校)", "既不是教师表中的教师编号"]
    {
        assert!(text.contains(expected), "{expected} in:\n{text}");
    }
    let text = validate("锁定,学校,编号\r\n留任,,U00\r\n交流,,U07\r\n");
    assert!(text.contains("locks.csv 第3行 C列 (编号)") && text.contains("不符合交流条件"), "{text}");
}
