//! `rotaplan horizon`: rolling years closed by files (the record `plan --year` writes,
//! read back with the next year's teachers, gives the horizon's next plan), the same
//! output on one and two threads, five years of the demo county, and the projections of
//! the years ahead (hires_by_year.csv, enrolment.csv, `[cycle] hires_per_year`).

mod common;

use assert_cmd::Command;
use rotaplan::domain::{County, Degree, Plan, Subject, YearHires};
use rotaplan::horizon::advance::next_year;
use std::path::Path;

fn rotaplan() -> Command {
    let mut c = Command::cargo_bin("rotaplan").unwrap();
    c.args(["--lang", "en"]);
    c
}

/// A generated 8-school county with its record, whose years are proven within the node limit.
fn small_county(at: &Path) {
    let out = at.join("county");
    rotaplan().args(["generate", "--schools", "8", "--seed", "3", "--out"]).arg(&out).assert().success();
}

const LIMITS: [&str; 4] = ["--time-limit", "120", "--node-limit", "50"];

fn horizon_csv(dir: &Path, threads: &str) -> String {
    let out = rotaplan()
        .arg("horizon")
        .arg(dir)
        .args(["--years", "3", "--format", "csv", "--threads", threads])
        .args(LIMITS)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_horizon_is_the_same_on_one_and_two_threads() {
    let tmp = tempfile::tempdir().unwrap();
    small_county(tmp.path());
    let one = horizon_csv(&tmp.path().join("county"), "1");
    assert_eq!(one, horizon_csv(&tmp.path().join("county"), "2"));
    let rows: Vec<&str> = one.lines().collect();
    assert_eq!(rows.len(), 4, "{one}");
    assert!(rows[1].starts_with("2026,optimal,"), "{one}");
    // Each year's exchanges are away the next year: the away count grows by them, less the
    // returns and retirements, and never a teacher sent while away (no C019 breach).
    assert!(!one.contains("C019") && !one.contains("C020"), "{one}");
}

#[test]
fn the_loop_is_closed_by_files() {
    let tmp = tempfile::tempdir().unwrap();
    small_county(tmp.path());
    let h = tmp.path().join("h");
    rotaplan()
        .arg("horizon")
        .arg(tmp.path().join("county"))
        .args(["--years", "2", "--out"])
        .arg(&h)
        .args(LIMITS)
        .assert()
        .success();
    // Year 1 by `plan --year` on the county as the horizon planned it.
    let p1 = tmp.path().join("p1");
    rotaplan()
        .arg("plan")
        .arg(h.join("2026/county"))
        .args(["--year", "2026", "--out"])
        .arg(&p1)
        .args(LIMITS)
        .assert()
        .success();
    assert_eq!(read(&p1.join("moves.csv")), read(&h.join("2026/plan/moves.csv")));
    // Year 2: the horizon's advanced teachers with the record `plan --year 2026` wrote.
    let d2 = tmp.path().join("d2");
    std::fs::create_dir(&d2).unwrap();
    for f in ["schools.csv", "teachers.csv", "new_hires.csv"] {
        std::fs::copy(h.join("2027/county").join(f), d2.join(f)).unwrap();
    }
    std::fs::copy(p1.join("exchanges.csv"), d2.join("exchanges.csv")).unwrap();
    let p2 = tmp.path().join("p2");
    rotaplan().arg("plan").arg(&d2).args(["--year", "2027", "--out"]).arg(&p2).args(LIMITS).assert().success();
    let moves = read(&p2.join("moves.csv"));
    assert!(moves.lines().count() > 1, "year 2 exchanges someone");
    assert_eq!(moves, read(&h.join("2027/plan/moves.csv")));
    assert_eq!(read(&p2.join("hires.csv")), read(&h.join("2027/plan/hires.csv")));
    // The checker holds year 2's plan to the record: nobody away is sent, the cool-off
    // holds, no hard rule is broken (elastic rules the county cannot meet may be listed).
    let out = rotaplan().arg("check").arg(&d2).args(["--year", "2027", "--plan"]).arg(&p2).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("move(s)"), "{text}");
    for hard in ["[C001]", "[C002]", "[C003]", "[C004]", "[C005]", "[C006]", "[C013]", "[C018]", "[C019]", "[C020]"] {
        assert!(!text.contains(hard), "{hard}: {text}");
    }
}

/// Five years of the demo county: each year's plan written is the one its summary
/// describes, its moves and, where the pay relaxation was tight, its unmet rules as the
/// independent checker measures them. In 2027 the first stage's plan is rejected by the
/// pay-aware naming and the model refined; the plan written was once the plan that
/// exchanges nobody (accepted before the first stage), under the objective values of the
/// first stage's plan.
#[test]
fn five_years_of_the_demo_county() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/demo-county");
    let tmp = tempfile::tempdir().unwrap();
    let out = rotaplan()
        .arg("horizon")
        .arg(&demo)
        .args(["--years", "5", "--time-limit", "30", "--node-limit", "50", "--out"])
        .arg(tmp.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    println!("{text}");
    let years: Vec<&str> = text.lines().skip(1).take(5).map(|l| &l[..4]).collect();
    assert_eq!(years, ["2026", "2027", "2028", "2029", "2030"], "{text}");
    for line in text.lines().skip(1).take(5) {
        assert!(!line.contains("C019") && !line.contains("C020") && !line.contains("C003"), "{line}");
    }
    for year in years {
        let summary = common::summary(&tmp.path().join(year).join("plan"));
        let moves = summary["objective"]["moves"].as_f64().unwrap();
        assert_eq!(moves.round() as u64, summary["counts"]["exchanges"].as_u64().unwrap(), "{year}: {summary}");
        // Where the pay relaxation was tight the checker measures what the solver declared.
        if summary["pay_relaxation_tight"] == true {
            let (checker, solver) = (&summary["violations"], &summary["solver_unmet"]);
            assert_eq!(summary["checker_agrees"], true, "{year}: the checker {checker}, the solver {solver}");
        }
    }
}

/// The three-school county viewed in 2026, with one teacher (U10, PE) retiring at its end.
fn retiring_county() -> (County, rotaplan::domain::Policy) {
    let mut county = common::three_schools();
    county.teachers[10].age = 54; // a woman: retires at 55
    let mut policy = common::simple_policy();
    policy.cycle.growth_urban = 0.1;
    (rotaplan::domain::year_view(&county, &policy, 2026), policy)
}

fn hires_of(county: &County) -> Vec<(String, Subject, Degree)> {
    county.new_hires.iter().map(|h| (h.id.clone(), h.subject, h.degree)).collect()
}

#[test]
fn projected_hires_and_enrolment_advance_the_county() {
    let (mut view, mut policy) = retiring_county();
    // Without a file, the policy's count by subject joins the replacement of the retiree.
    policy.cycle.hires_per_year.insert(Subject::Music, 1);
    let (next, turnover) = next_year(&view, &policy, &Plan::default(), 2026);
    assert_eq!(turnover.retirements, 1);
    let want = [("H2027-001", Subject::Pe, Degree::Bachelor), ("H2027-002", Subject::Music, Degree::Bachelor)];
    assert_eq!(hires_of(&next), want.map(|(i, k, d)| (i.to_string(), k, d)));
    assert_eq!(next.schools[0].students, 209, "urban growth of 10% on 190");
    // hires_by_year.csv replaces the policy's count, year by year; enrolment.csv replaces
    // the growth rate for the school and year it names.
    let p = &mut view.cycle.projection;
    p.hires.push(YearHires { year: 2027, subject: Subject::English, degree: Degree::Master, count: 2 });
    p.hires.push(YearHires { year: 2028, subject: Subject::Art, degree: Degree::Bachelor, count: 5 });
    p.enrolment.insert((0, 2027), 150);
    let (next, _) = next_year(&view, &policy, &Plan::default(), 2026);
    let english = ("H2027-002", Subject::English, Degree::Master);
    let want = [("H2027-001", Subject::Pe, Degree::Bachelor), english, ("H2027-003", Subject::English, Degree::Master)];
    assert_eq!(hires_of(&next), want.map(|(i, k, d)| (i.to_string(), k, d)));
    assert_eq!((next.schools[0].students, next.schools[1].students), (150, 60));
}

/// `validate`'s output for the three-school county with extra files.
fn validate_with(lang: &str, files: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    rotaplan::io::write_county::write_county(dir.path(), &common::three_schools()).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let mut validate = Command::cargo_bin("rotaplan").unwrap();
    let out = validate.args(["--lang", lang, "validate"]).arg(dir.path()).assert().code(2).get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn projection_files_are_named_cell_by_cell_in_both_languages() {
    let hires = "year,subject,count,degree\n2027,english,2,\n1800,english,1,\n2027,painting,1,\n2027,music,-1,\n2027,english,3,\n";
    let enrolment = "school_id,year,students\nU,2027,200\nNOPE,2027,10\nU,2027,210\nR1,2027,lots\n";
    let text = validate_with("en", &[("hires_by_year.csv", hires), ("enrolment.csv", enrolment)]);
    for (file, line, col, words) in [
        ("hires_by_year.csv", 3, "A", "1800"),
        ("hires_by_year.csv", 4, "B", "painting"),
        ("hires_by_year.csv", 5, "C", "-1"),
        ("hires_by_year.csv", 6, "B", "given twice (first on line 2)"),
        ("enrolment.csv", 3, "A", "NOPE"),
        ("enrolment.csv", 4, "B", "given twice (first on line 2)"),
        ("enrolment.csv", 5, "C", "lots"),
    ] {
        let place = format!("{file}:{line} column {col}");
        assert!(text.lines().any(|l| l.contains(&place) && l.contains(words)), "{place} {words}:\n{text}");
    }
    // Saved by Excel (CRLF) or an old Mac (CR): the same findings at the same lines.
    let findings = |t: &str| t.lines().filter(|l| l.contains(".csv:")).map(str::to_string).collect::<Vec<_>>();
    for ending in ["\r\n", "\r"] {
        let (h, e) = (hires.replace('\n', ending), enrolment.replace('\n', ending));
        let other = validate_with("en", &[("hires_by_year.csv", &h), ("enrolment.csv", &e)]);
        assert_eq!(findings(&other), findings(&text), "{ending:?}");
    }
    let zh_hires = "学年,学科,人数,学历\n2027,英语,2,本科\n2027,英语,1,本科\n";
    for ending in ["\n", "\r\n", "\r"] {
        let text = validate_with("zh", &[("hires_by_year.csv", &zh_hires.replace('\n', ending))]);
        let found = text
            .lines()
            .any(|l| l.contains("hires_by_year.csv") && l.contains("第3行 B列 (学科)") && l.contains("填了两次"));
        assert!(found, "{ending:?}: {text}");
    }
}

#[test]
fn the_horizon_reads_the_projections() {
    let dir = tempfile::tempdir().unwrap();
    rotaplan::io::write_county::write_county(dir.path(), &common::three_schools()).unwrap();
    std::fs::write(dir.path().join("hires_by_year.csv"), "year,subject,count\n2027,music,2\n").unwrap();
    std::fs::write(dir.path().join("enrolment.csv"), "school_id,year,students\nR1,2027,95\n").unwrap();
    let out = rotaplan()
        .arg("horizon")
        .arg(dir.path())
        .args(["--year", "2026", "--years", "2", "--format", "csv", "--out"])
        .arg(dir.path().join("h"))
        .arg("--report")
        .arg(dir.path().join("horizon.html"))
        .args(LIMITS)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Report written"));
    let html = read(&dir.path().join("horizon.html"));
    for id in ["horizon-unfilled", "horizon-cv-primary", "horizon-rotated", "horizon-flows", "horizon-table"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id} missing");
    }
    assert!(html.contains("<tr data-year=\"2027\">"), "a row per year");
    let csv = String::from_utf8(out.stdout).unwrap();
    let hires: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').nth(9).unwrap()).collect();
    assert_eq!(hires, ["0", "2"], "{csv}");
    let schools = read(&dir.path().join("h/2027/county/schools.csv"));
    assert!(schools.lines().any(|l| l.starts_with("R1,") && l.contains(",95,")), "{schools}");
}

#[test]
fn the_horizon_table_speaks_chinese() {
    let tmp = tempfile::tempdir().unwrap();
    small_county(tmp.path());
    let out = Command::cargo_bin("rotaplan")
        .unwrap()
        .args(["--lang", "zh", "horizon"])
        .arg(tmp.path().join("county"))
        .args(["--years", "2"])
        .args(LIMITS)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let table = String::from_utf8(out.stdout).unwrap();
    let years: Vec<&str> = table.lines().filter(|l| l.starts_with("202")).collect();
    assert_eq!(years.len(), 2, "{table}");
    assert!(years[0].starts_with("2026 年  最优：教师 ") && years[0].contains("缺岗 城区/镇区/乡村"), "{table}");
    assert!(table.contains("差异系数") && table.contains("小学 学历"), "{table}");
    for english in ["status", "exchanges", "pass", "fail", "primary", "degree_per_100", "met", "short"] {
        assert!(!table.contains(english), "{english} in {table}");
    }
}
