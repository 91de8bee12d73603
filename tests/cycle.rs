//! The yearly cycle (exchanges.csv, rules C019 and C020): a teacher away is not sent
//! again, a term's end brings the teacher home, the cool-off holds and ends, the post
//! counts where the policy says, and `plan --year` writes the next year's record.

mod common;

use assert_cmd::Command;
use common::*;
use rotaplan::check::check_plan;
use rotaplan::domain::cycle::posts_by_school;
use rotaplan::domain::policy::CountsAt;
use rotaplan::domain::*;
use rotaplan::rules::Rule;

/// U06 (the urban school's spare English teacher) on a term at R1 from `start`.
fn with_term(start: u32, term_years: u32) -> County {
    let mut county = three_schools();
    let u06 = index(&county, "U06");
    county.cycle.record.push(ExchangeTerm {
        teacher: u06,
        home: 0,
        host: 1,
        kind: MoveKind::Exchange,
        start_year: start,
        term_years,
        end_year: None,
        line: 2,
    });
    county
}

fn moved(county: &County, plan: &Plan) -> Vec<(String, String)> {
    plan.moves.iter().map(|m| (county.teachers[m.teacher].id.clone(), county.schools[m.to].id.clone())).collect()
}

fn send(county: &County, id: &str, to: usize) -> Plan {
    one_move(county, id, to, MoveKind::Exchange, 3)
}

fn rules_broken(county: &County, plan: &Plan) -> Vec<Rule> {
    check_plan(county, &simple_policy(), plan).iter().map(|b| b.rule).collect()
}

#[test]
fn a_teacher_away_teaches_at_the_host_and_is_not_sent_again() {
    let policy = simple_policy();
    // Without a record the optimum sends U06 to R1 (tests/locks.rs pins it).
    let free = plan_checked(&three_schools(), &policy);
    assert!(moved(&three_schools(), &free.plan).contains(&("U06".into(), "R1".into())));
    let view = year_view(&with_term(2025, 3), &policy, 2026);
    let u06 = index(&view, "U06");
    assert_eq!(view.teachers[u06].school, 1, "U06 teaches at R1 during the term");
    let r = plan_checked(&view, &policy);
    let moves = moved(&view, &r.plan);
    assert!(moves.iter().all(|(t, _)| t != "U06"), "{moves:?}");
    // R1's English post is held by U06 this year: no other English teacher goes there.
    let english_to_r1 =
        r.plan.moves.iter().filter(|m| m.to == 1 && view.teachers[m.teacher].subject == Subject::English);
    assert_eq!(english_to_r1.count(), 0, "{moves:?}");
    // A hand-made plan that sends U06 again breaks C019.
    assert!(rules_broken(&view, &send(&view, "U06", 2)).contains(&Rule::Away));
}

#[test]
fn a_term_ends_and_the_teacher_is_back_at_the_home_school() {
    let policy = simple_policy();
    let county = with_term(2023, 3);
    let english_at = |view: &County, s: usize| {
        view.teachers.iter().filter(|t| t.school == s && t.subject == Subject::English).count()
    };
    let last = year_view(&county, &policy, 2025);
    assert_eq!((english_at(&last, 0), english_at(&last, 1)), (1, 1), "2025: U06 still at R1");
    let back = year_view(&county, &policy, 2026);
    assert_eq!((english_at(&back, 0), english_at(&back, 1)), (2, 0), "2026: U06 back at U");
    assert_eq!(back.teachers[index(&back, "U06")].monthly_pay, 6000.0, "the host's allowance ends with the term");
    // Back home, R1 is short of English again; U06 is in the cool-off and nobody else of
    // U's English teachers is due, so no English teacher goes.
    let r = plan_checked(&back, &policy);
    let english = r.plan.moves.iter().filter(|m| back.teachers[m.teacher].subject == Subject::English);
    assert_eq!(english.count(), 0, "{:?}", moved(&back, &r.plan));
}

#[test]
fn the_post_stays_home_or_moves_as_the_policy_says() {
    let mut policy = simple_policy();
    let county = with_term(2025, 3);
    let view = year_view(&county, &policy, 2026);
    assert_eq!(posts_by_school(&view, &policy)[..2], [12, 3], "人走关系留: the post stays at U");
    policy.cycle.post_at = CountsAt::Host;
    assert_eq!(posts_by_school(&view, &policy)[..2], [11, 4], "人走关系走: the post moves to R1");
    policy.cycle.teaching_at = CountsAt::Home;
    let home = year_view(&county, &policy, 2026);
    assert_eq!(home.teachers[index(&home, "U06")].school, 0, "counted at home for teaching");
    assert!(rotaplan::rules::cycle_problem(&home, &home.teachers[index(&home, "U06")], &policy).is_some());
}

#[test]
fn the_cool_off_holds_for_its_years_and_then_ends() {
    let mut policy = simple_policy();
    policy.cycle.cool_off_years = 2;
    let county = with_term(2022, 3); // last year away 2024
    for year in [2025, 2026] {
        let view = year_view(&county, &policy, year);
        let r = plan_checked(&view, &policy);
        assert!(moved(&view, &r.plan).iter().all(|(t, _)| t != "U06"), "{year}: {:?}", moved(&view, &r.plan));
        let broken: Vec<Rule> = check_plan(&view, &policy, &send(&view, "U06", 1)).iter().map(|b| b.rule).collect();
        assert!(broken.contains(&Rule::CoolOff), "{year}: {broken:?}");
    }
    let view = year_view(&county, &policy, 2027);
    let r = plan_checked(&view, &policy);
    assert!(moved(&view, &r.plan).contains(&("U06".into(), "R1".into())), "{:?}", moved(&view, &r.plan));
}

#[test]
fn teachers_seeking_promotion_and_never_exchanged_are_named_first() {
    let policy = simple_policy();
    // R1 needs a second Chinese teacher; U's three Chinese teachers are interchangeable
    // for every rule (one unit), so the naming order alone says who goes.
    let mut county = three_schools();
    county.demand.as_mut().unwrap().posts.insert((1, Subject::Chinese), 2);
    county.schools[1].staff_quota = Some(6);
    for (id, years) in [("U00", 20), ("U01", 12), ("U02", 8)] {
        let t = index(&county, id);
        county.teachers[t].years_at_school = years;
    }
    let chinese = |c: &County| {
        let r = plan_checked(c, &policy);
        r.plan
            .moves
            .iter()
            .filter(|m| c.teachers[m.teacher].subject == Subject::Chinese)
            .map(|m| c.teachers[m.teacher].id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(chinese(&county), ["U00"], "longest tenure first");
    // U00 was exchanged before (2015-2017): those never exchanged go first.
    let u00 = index(&county, "U00");
    county.cycle.record.push(ExchangeTerm {
        teacher: u00,
        home: 0,
        host: 2,
        kind: MoveKind::Exchange,
        start_year: 2015,
        term_years: 3,
        end_year: None,
        line: 2,
    });
    let view = year_view(&county, &policy, 2026);
    assert_eq!(chinese(&view), ["U01"], "never exchanged first");
    let mut view = view;
    let u02 = index(&view, "U02");
    view.teachers[u02].cycle.seeks_promotion = true;
    assert_eq!(chinese(&view), ["U02"], "a teacher seeking a senior title first");
}

/// A county folder with `three_schools` and `exchanges` as its record file.
fn county_dir(exchanges: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    rotaplan::io::write_county::write_county(dir.path(), &three_schools()).unwrap();
    std::fs::write(dir.path().join("exchanges.csv"), exchanges).unwrap();
    dir
}

const RECORD: &str = "teacher_id,home_school,host_school,kind,start_year,term_years,end_year\n\
                      U06,U,R1,exchange,2025,3,\n\
                      U00,U,R2,exchange,2022,3,2023\n";

#[test]
fn plan_year_writes_the_next_record_and_it_reads_back() {
    let dir = county_dir(RECORD);
    let out = tempfile::tempdir().unwrap();
    let plan_dir = out.path().join("plan");
    Command::cargo_bin("rotaplan")
        .unwrap()
        .args(["--lang", "en", "plan"])
        .arg(dir.path())
        .args(["--year", "2026", "--time-limit", "30", "--out"])
        .arg(&plan_dir)
        .assert()
        .success();
    let record = std::fs::read_to_string(plan_dir.join("exchanges.csv")).unwrap();
    let moves = std::fs::read_to_string(plan_dir.join("moves.csv")).unwrap();
    let lines: Vec<&str> = record.lines().collect();
    assert_eq!(lines[..3], RECORD.lines().collect::<Vec<_>>()[..], "the old terms first, unchanged");
    let sent: Vec<&str> = moves.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert!(!sent.is_empty(), "the quota asks for one exchange at least");
    for id in &sent {
        assert!(*id != "U06" && *id != "U00", "{id} is away or in the cool-off");
        assert!(lines.iter().any(|l| l.starts_with(&format!("{id},U,")) && l.contains(",2026,3,")), "{record}");
    }
    // The record for 2027: the teachers sent in 2026 are away, so sending them again breaks C019.
    std::fs::write(dir.path().join("exchanges.csv"), &record).unwrap();
    let v = rotaplan::validate::validate_dir(dir.path(), None);
    assert!(!v.findings.has_errors(), "the written record reads back");
    let county = v.county.unwrap();
    assert_eq!(county.cycle.year, Some(2027), "the default year follows the latest start");
    let view = year_view(&county, &simple_policy(), 2027);
    let again = send(&view, sent[0], 2);
    let broken: Vec<Rule> = check_plan(&view, &v.policy.unwrap(), &again).iter().map(|b| b.rule).collect();
    assert!(broken.contains(&Rule::Away), "{broken:?}");
}

#[test]
fn a_record_that_cannot_hold_is_named_cell_by_cell() {
    let bad = "teacher_id,home_school,host_school,kind,start_year,term_years,end_year\n\
               NOBODY,U,R1,exchange,2025,3,\n\
               U06,R2,R1,exchange,2025,3,\n\
               U00,U,U,exchange,2025,3,\n\
               U01,U,R1,exchange,2025,3,2024\n\
               U03,U,R1,exchange,2024,3,\n\
               U03,U,R2,exchange,2025,2,\n\
               U04,U,R1,transfer,2025,3,\n";
    let text = validate_record("en", bad);
    for (line, col, words) in [
        (2, "A", "NOBODY"),
        (3, "B", "school in teachers.csv is U"),
        (4, "C", "host school is the home school"),
        (5, "G", "ends in 2024, before it starts in 2025"),
        (7, "E", "line 6"),
        (8, "D", "transfer is permanent"),
    ] {
        let place = format!("exchanges.csv:{line} column {col}");
        assert!(text.lines().any(|l| l.contains(&place) && l.contains(words)), "{place} {words}:\n{text}");
    }
}

/// The same record as a Chinese spreadsheet saves it: Chinese headers and words, lines
/// ending in CRLF (Excel, WPS) or CR; each finding in Chinese at the spreadsheet's line,
/// the Excel column letter and the user's own header.
#[test]
fn a_chinese_record_saved_with_any_line_ending_is_named_at_its_cells_in_chinese() {
    let rows = [
        "教师编号,派出学校代码,交流学校代码,交流类型,开始学年,交流年限,结束学年",
        "NOBODY,U,R1,交流,2025,3,",
        "U06,R2,R1,交流,2025,3,",
        "U00,U,U,交流,2025,3,",
        "U01,U,R1,交流,2025,3,2024",
        "U03,U,R1,交流,2024,3,",
        "U03,U,R2,交流,2025,2,",
        "U04,U,R1,调动,2025,3,",
    ];
    for ending in ["\n", "\r\n", "\r"] {
        let text = validate_record("zh", &(rows.join(ending) + ending));
        for (line, col, header, words) in [
            (2, "A", "教师编号", "不是教师表中的教师编号"),
            (3, "B", "派出学校代码", "在教师表中的学校是 U"),
            (4, "C", "交流学校代码", "交流学校与派出学校相同"),
            (5, "G", "结束学年", "交流在 2024 年结束，早于开始的 2025 年"),
            (7, "E", "开始学年", "与第 6 行的交流在同一学年重叠"),
            (8, "D", "交流类型", "调动是长期的"),
        ] {
            let place = format!("第{line}行 {col}列 ({header})");
            let found = text.lines().any(|l| l.contains("exchanges.csv") && l.contains(&place) && l.contains(words));
            assert!(found, "{ending:?}: {place} {words}:\n{text}");
        }
    }
}

/// `validate`'s output for the three-school county with `record` as its exchanges.csv.
fn validate_record(lang: &str, record: &str) -> String {
    let dir = county_dir(record);
    let out = Command::cargo_bin("rotaplan")
        .unwrap()
        .args(["--lang", lang, "validate"])
        .arg(dir.path())
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn the_record_sheet_reads_with_chinese_headers() {
    let zh = "教师编号,派出学校代码,交流学校代码,交流类型,开始学年,交流年限,结束学年\nU06,U,R1,交流,2025,3,\n";
    let dir = county_dir(zh);
    let v = rotaplan::validate::validate_dir(dir.path(), None);
    assert!(!v.findings.has_errors(), "{:?}", v.findings.items);
    let county = v.county.unwrap();
    assert_eq!(county.cycle.record.len(), 1);
    assert_eq!(county.teachers[index(&county, "U06")].cycle.away.map(|a| a.host), Some(1));
}
