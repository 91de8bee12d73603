//! `rotaplan evaluate` as a real process: table, JSON and CSV, with and without `--plan`,
//! and what a user sees for bad input. The county is `tests/fixtures/evaluate/county`
//! (its numbers are worked by hand in `tests/evaluate.rs`).
//!
//! Table and CSV outputs are compared with snapshots in `tests/fixtures/evaluate/snapshots`;
//! after a deliberate change of the output, rerun with `UPDATE_SNAPSHOTS=1` and review the diff.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evaluate").join(rel)
}

fn county() -> PathBuf {
    fixture("county")
}

fn rotaplan() -> Command {
    Command::cargo_bin("rotaplan").unwrap()
}

/// A plan: t01 exchanged from P1 to P5, new hire h1 placed at P5.
fn plan_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("moves.csv"),
        "teacher_id,from_school,to_school,kind,term_years,reasons\nt01,P1,P5,exchange,3,balance:backbone_per_100\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("hires.csv"), "hire_id,school_id,reasons\nh1,P5,shortage:pe\n").unwrap();
    dir
}

fn stdout_of(args: &[&std::ffi::OsStr]) -> String {
    let out = rotaplan().arg("evaluate").args(args).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn check_snapshot(name: &str, actual: &str) {
    let path = fixture("snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(expected == actual, "{name} differs from its snapshot; got:\n{actual}");
}

fn cv_of(stage: &Value, key: &str) -> f64 {
    let ind = stage["indicators"].as_array().unwrap().iter().find(|i| i["key"] == key).unwrap();
    ind["cv"].as_f64().unwrap()
}

#[test]
fn table_output() {
    let out = stdout_of(&[county().as_os_str()]);
    assert!(out.contains("County-level-or-higher backbone teachers per 100 students"));
    assert!(out.contains("Left out of the CV: P4 (teaching point with 30 students (under 50))"));
    assert!(out.contains("P3 Shanbei Primary: floor_area 3.00 (minimum 4.50, under 85% of it)"));
    check_snapshot("table.txt", &out);
}

#[test]
fn json_output() {
    let out = stdout_of(&[county().as_os_str(), "--format".as_ref(), "json".as_ref()]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let primary = &v["stages"][0];
    assert_eq!(primary["stage"], "primary");
    assert!((cv_of(primary, "degree_per_100") - 0.128439085).abs() < 1e-8);
    assert_eq!(v["stages"][1]["stage"], "junior");
    assert_eq!(v["schools"].as_array().unwrap().len(), 8);
    assert!(v["subjects"]["total"]["shortage"].is_u64());
    assert!(v["pay"]["county_mean"].is_f64());
}

#[test]
fn csv_output() {
    let out = stdout_of(&[county().as_os_str(), "--format".as_ref(), "csv".as_ref()]);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("stage,indicator,threshold,county_value_before,cv_before,pass_before"));
    // Two stages, nine indicators and the 2012 mean each.
    assert_eq!(lines.count(), 20);
    check_snapshot("evaluate.csv", &out);
}

#[test]
fn with_a_plan_table_shows_before_and_after() {
    let plan = plan_dir();
    let out = stdout_of(&[county().as_os_str(), "--plan".as_ref(), plan.path().as_os_str()]);
    assert!(out.contains("(before and after the plan)"));
    assert!(out.contains("P1 East Street Primary [new]: backbone_per_100 0.50"));
    assert!(out.contains("Meeting their minimums after the plan, not before: P5"));
    check_snapshot("table_plan.txt", &out);
}

#[test]
fn with_a_plan_json_and_csv() {
    let plan = plan_dir();
    let args = [county().into_os_string(), "--plan".into(), plan.path().into(), "--format".into(), "json".into()];
    let out = stdout_of(&args.iter().map(|a| a.as_os_str()).collect::<Vec<_>>());
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!((cv_of(&v["before"]["stages"][0], "degree_per_100") - 0.128439085).abs() < 1e-8);
    assert!((cv_of(&v["after"]["stages"][0], "degree_per_100") - 0.139546195).abs() < 1e-8);
    assert_eq!(v["after"]["pay"]["teachers"], 56);
    let args = [county().into_os_string(), "--plan".into(), plan.path().into(), "--format".into(), "csv".into()];
    let out = stdout_of(&args.iter().map(|a| a.as_os_str()).collect::<Vec<_>>());
    assert!(out.starts_with(
        "stage,indicator,threshold,county_value_before,cv_before,pass_before,county_value_after,cv_after,pass_after\n"
    ));
    check_snapshot("evaluate_plan.csv", &out);
}

#[test]
fn a_plan_naming_an_unknown_teacher_is_invalid_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("moves.csv"),
        "teacher_id,from_school,to_school,kind,term_years,reasons\nnobody,P1,P5,exchange,3,\n",
    )
    .unwrap();
    rotaplan().arg("evaluate").arg(county()).arg("--plan").arg(dir.path()).assert().code(2).stdout("").stderr(
        predicate::str::contains("error[E150] moves.csv:2 column A (teacher_id): teacher \"nobody\" is not in"),
    );
}

#[test]
fn a_plan_directory_without_moves_is_invalid_input() {
    let dir = tempfile::tempdir().unwrap();
    rotaplan()
        .arg("evaluate")
        .arg(county())
        .arg("--plan")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error[E100] moves.csv: the plan directory"));
}

#[test]
fn a_missing_county_is_invalid_input() {
    rotaplan()
        .args(["evaluate", "no/such/county"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with("Error: the input has 1 error:\nerror[E100] no/such/county"));
}

#[test]
fn an_unknown_format_is_refused() {
    rotaplan()
        .arg("evaluate")
        .arg(county())
        .args(["--format", "xml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'xml' for '--format <FORMAT>'"));
}

/// The demo county, once `scenarios/demo-county` exists in the repository.
#[test]
fn demo_county_as_json() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/demo-county");
    if !demo.join("schools.csv").exists() {
        eprintln!("scenarios/demo-county is not there yet: skipped");
        return;
    }
    let out = stdout_of(&[demo.as_os_str(), "--format".as_ref(), "json".as_ref()]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let stages = v["stages"].as_array().unwrap();
    assert!(!stages.is_empty());
    for stage in stages {
        assert_eq!(stage["indicators"].as_array().unwrap().len(), 9);
    }
}
