//! `rotaplan horizon`: rolling years closed by files (the record `plan --year` writes,
//! read back with the next year's teachers, gives the horizon's next plan), the same
//! output on one and two threads, and five years of the demo county.

use assert_cmd::Command;
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

#[test]
fn five_years_of_the_demo_county() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/demo-county");
    let out = rotaplan()
        .arg("horizon")
        .arg(&demo)
        .args(["--years", "5", "--time-limit", "30", "--node-limit", "50"])
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
}
