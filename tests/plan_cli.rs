//! `rotaplan plan` and `rotaplan check` as a user runs them.

mod common;

use assert_cmd::Command;
use common::summary;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn rotaplan() -> Command {
    Command::cargo_bin("rotaplan").unwrap()
}

/// The demo county as a one-year county (without its exchange record, whose teachers away
/// and cooling off make the moves and distance stages too long to prove in a test: 5% and
/// 8% gaps after 600 s in one run with the heuristics capped at half a stage): proven optimal, every rule met and confirmed
/// by `check`, the teacher indicators' CVs lower after the plan, and the same plan with 1
/// and 2 solver threads.
#[test]
fn demo_county_plan_is_optimal_checked_and_balancing() {
    let tmp = tempfile::tempdir().unwrap();
    let county = tmp.path().join("one-year");
    fs::create_dir(&county).unwrap();
    for f in fs::read_dir("scenarios/demo-county").unwrap() {
        let f = f.unwrap().path();
        if f.extension().is_some_and(|e| e == "csv") && !f.ends_with("exchanges.csv") {
            fs::copy(&f, county.join(f.file_name().unwrap())).unwrap();
        }
    }
    let (one, two) = (tmp.path().join("t1"), tmp.path().join("t2"));
    // Both at once: the proof does not depend on the time each run gets (the limit is
    // far from binding), and the test takes one run's time instead of two.
    std::thread::scope(|runs| {
        for (dir, threads) in [(&one, "1"), (&two, "2")] {
            let county = &county;
            runs.spawn(move || {
                rotaplan()
                    .arg("plan")
                    .arg(county)
                    .args(["--time-limit", "600", "--threads", threads, "--out"])
                    .arg(dir)
                    .assert()
                    .success();
            });
        }
    });
    let s = summary(&one);
    assert_eq!(s["status"], "optimal", "{}", s["stages"]);
    assert_eq!(s["checker_agrees"], true);
    assert!(s.get("solver_unmet").is_none(), "the solver's side is written only when the checker disagrees: {s}");
    assert_eq!(s["violations"].as_array().unwrap().len(), 0, "{}", s["violations"]);
    assert!(s["counts"]["exchanges"].as_u64().unwrap() >= 99, "10% of 992 eligible is 100 at least");
    for stage in ["primary", "junior"] {
        for key in ["degree_per_100", "backbone_per_100", "pe_arts_per_100"] {
            let cv = |when: &str| {
                let stages = s["metrics"][when]["stages"].as_array().unwrap();
                let st = stages.iter().find(|x| x["stage"] == stage).unwrap();
                let ind = st["indicators"].as_array().unwrap().iter().find(|i| i["key"] == key).unwrap().clone();
                ind["cv"].as_f64().unwrap()
            };
            assert!(cv("after") < cv("before"), "{stage} {key}: {} -> {}", cv("before"), cv("after"));
        }
    }
    rotaplan().arg("check").arg(&county).arg("--plan").arg(&one).assert().success();
    for f in ["moves.csv", "hires.csv"] {
        assert_eq!(
            fs::read(one.join(f)).unwrap(),
            fs::read(two.join(f)).unwrap(),
            "{f} differs between 1 and 2 threads"
        );
    }
    assert_eq!(s["objective"], summary(&two)["objective"]);
}

fn small_county(dir: &Path) {
    rotaplan().args(["generate", "--schools", "8", "--seed", "5", "--out"]).arg(dir).assert().success();
}

#[test]
fn export_model_writes_each_stage() {
    let tmp = tempfile::tempdir().unwrap();
    let county = tmp.path().join("county");
    small_county(&county);
    let mps = tmp.path().join("model.mps");
    rotaplan()
        .args(["plan"])
        .arg(&county)
        .arg("--out")
        .arg(tmp.path().join("plan"))
        .arg("--export-model")
        .arg(&mps)
        .assert()
        .success();
    for (k, term) in ["violations", "shortage", "balance", "moves", "distance"].iter().enumerate() {
        let path = tmp.path().join(format!("model.{}-{term}.mps", k + 1));
        let text = fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} missing", path.display()));
        assert!(text.contains("COLUMNS") && text.contains("ROWS"), "{} is not an MPS file", path.display());
    }
    // Each stage adds one row bounding the previous term.
    let rows = |k: usize, t: &str| {
        let text = fs::read_to_string(tmp.path().join(format!("model.{k}-{t}.mps"))).unwrap();
        let rows = text.split("ROWS").nth(1).unwrap().split("COLUMNS").next().unwrap();
        rows.lines().filter(|l| !l.trim().is_empty()).count()
    };
    assert_eq!(rows(2, "shortage"), rows(1, "violations") + 1);
}

#[test]
fn invalid_data_fails_cleanly_without_output() {
    let tmp = tempfile::tempdir().unwrap();
    let county = tmp.path().join("county");
    small_county(&county);
    let text = fs::read_to_string(county.join("teachers.csv")).unwrap();
    fs::write(county.join("teachers.csv"), text.replacen(",f,", ",x,", 1)).unwrap();
    let out = tmp.path().join("plan");
    rotaplan()
        .args(["plan"])
        .arg(&county)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("error[E111] teachers.csv:2 column J (gender)"))
        .stderr(predicates::str::contains("\"x\" is not a valid gender"));
    assert!(!out.exists(), "no output may be written for invalid input");
}

#[test]
fn check_flags_a_hand_made_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let county = tmp.path().join("county");
    small_county(&county);
    let plan = tmp.path().join("plan");
    rotaplan().args(["plan"]).arg(&county).arg("--out").arg(&plan).assert().success();
    // The checker finds exactly the unmet rules the plan's summary declares.
    let out = rotaplan()
        .args(["check"])
        .arg(&county)
        .args(["--plan"])
        .arg(&plan)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let declared = summary(&plan)["violations"].as_array().unwrap().len();
    assert_eq!(v["breaches"].as_array().unwrap().len(), declared);
    assert_eq!(out.status.code(), Some(if declared == 0 { 0 } else { 1 }));
    // A hand edit: every move goes back to its own school, and the hires are forgotten.
    let moves = fs::read_to_string(plan.join("moves.csv")).unwrap();
    let mut edited = String::from("teacher_id,from_school,to_school,kind,term_years,reasons\n");
    for line in moves.lines().skip(1) {
        let c: Vec<&str> = line.split(',').collect();
        edited.push_str(&format!("{},{},{},exchange,3,\n", c[0], c[1], c[1]));
    }
    fs::write(plan.join("moves.csv"), edited).unwrap();
    fs::write(plan.join("hires.csv"), "hire_id,school_id,reasons\n").unwrap();
    // The edited files are no longer the run's (run.json): refused until run.json is deleted.
    rotaplan().args(["check"]).arg(&county).args(["--plan"]).arg(&plan).assert().code(2);
    fs::remove_file(plan.join("run.json")).unwrap();
    let out =
        rotaplan().args(["check"]).arg(&county).args(["--plan"]).arg(&plan).args(["--format", "json"]).assert().code(1);
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let codes: Vec<&str> = v["breaches"].as_array().unwrap().iter().map(|b| b["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"C004"), "same-school destination: {codes:?}");
    assert!(codes.contains(&"C006"), "unplaced hires: {codes:?}");
}

/// Expert HiGHS options: a valid one changes nothing about the plan's validity; one HiGHS
/// refuses is a clear error that names it, and nothing is written.
#[test]
fn highs_options_from_the_environment() {
    let tmp = tempfile::tempdir().unwrap();
    let county = tmp.path().join("county");
    small_county(&county);
    let out = tmp.path().join("plan");
    rotaplan()
        .env("ROTAPLAN_HIGHS_OPTIONS", "presolve_rule_off=32768, mip_heuristic_effort=0.1")
        .args(["plan"])
        .arg(&county)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert_eq!(summary(&out)["status"], "optimal");
    assert_eq!(summary(&out)["checker_agrees"], true);
    let declared = summary(&out)["violations"].as_array().unwrap().len();
    let code = if declared == 0 { 0 } else { 1 };
    rotaplan().args(["check"]).arg(&county).arg("--plan").arg(&out).assert().code(code);
    let bad = tmp.path().join("bad");
    rotaplan()
        .env("ROTAPLAN_HIGHS_OPTIONS", "no_such_option=1")
        .args(["plan"])
        .arg(&county)
        .arg("--out")
        .arg(&bad)
        .assert()
        .failure()
        .stderr(predicates::str::contains("HiGHS does not accept `no_such_option=1`"));
    assert!(!bad.exists(), "no output may be written when the solver options are refused");
}
