//! The plan directory as one unit, as a user meets it: a folder mixing two runs is refused
//! by `check` and `evaluate`; `--out`, `--report` and `--xlsx` are checked before the
//! solve; what a killed run left is removed (or restored) by the next one.

use assert_cmd::Command;
use predicates::str::contains;
use std::fs;
use std::path::Path;

fn rotaplan() -> Command {
    Command::cargo_bin("rotaplan").unwrap()
}

fn county(dir: &Path) {
    rotaplan().args(["generate", "--schools", "8", "--seed", "5", "--out"]).arg(dir).assert().success();
}

fn plan(county: &Path, out: &Path) {
    rotaplan().arg("plan").arg(county).arg("--out").arg(out).assert().success();
}

/// `check` reads the plan (exit 0: every rule met, 1: some broken; 2 would be unreadable).
fn checks(county: &Path, plan: &Path) {
    let out = rotaplan().arg("check").arg(county).arg("--plan").arg(plan).output().unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
}

fn run_id(dir: &Path) -> String {
    let v: serde_json::Value = serde_json::from_slice(&fs::read(dir.join("run.json")).unwrap()).unwrap();
    v["run_id"].as_str().unwrap().to_string()
}

#[test]
fn a_folder_mixing_two_runs_is_refused_until_its_manifest_is_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let (c, one, two) = (tmp.path().join("c"), tmp.path().join("one"), tmp.path().join("two"));
    county(&c);
    plan(&c, &one);
    plan(&c, &two);
    let summary: serde_json::Value = serde_json::from_slice(&fs::read(one.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["run_id"], run_id(&one).as_str());
    assert_ne!(run_id(&one), run_id(&two));
    fs::copy(two.join("summary.json"), one.join("summary.json")).unwrap();
    let expected =
        format!("error[E151] summary.json: summary.json is not the file run {} wrote (run.json)", run_id(&one));
    for command in ["check", "evaluate"] {
        rotaplan().arg(command).arg(&c).arg("--plan").arg(&one).assert().code(2).stderr(contains(expected.as_str()));
    }
    // A file of the run that is missing, and a file the run did not write.
    fs::remove_file(two.join("hires.csv")).unwrap();
    rotaplan().arg("check").arg(&c).arg("--plan").arg(&two).assert().code(2).stderr(contains("hires.csv of run"));
    // The fix the message gives: without run.json the folder is a hand-made plan.
    fs::remove_file(one.join("run.json")).unwrap();
    checks(&c, &one);
}

#[test]
fn outputs_that_cannot_be_written_fail_before_the_solve() {
    let tmp = tempfile::tempdir().unwrap();
    let c = tmp.path().join("c");
    county(&c);
    let file = tmp.path().join("a-file");
    fs::write(&file, "x").unwrap();
    rotaplan()
        .arg("plan")
        .arg(&c)
        .arg("--out")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(contains("is a file; a plan is a folder"));
    rotaplan()
        .arg("plan")
        .arg(&c)
        .arg("--out")
        .arg(tmp.path().join("p"))
        .arg("--report")
        .arg(file.join("plan.html"))
        .assert()
        .code(1)
        .stderr(contains("is a file, not a folder"));
    assert!(!tmp.path().join("p").exists(), "nothing is written when an output is refused");
    // A folder holding other files is not replaced (they would be lost); they are untouched.
    let notes = tmp.path().join("notes");
    fs::create_dir(&notes).unwrap();
    fs::write(notes.join("minutes.docx"), "x").unwrap();
    rotaplan().arg("plan").arg(&c).arg("--out").arg(&notes).assert().code(1).stderr(contains("(minutes.docx)"));
    assert_eq!(fs::read_dir(&notes).unwrap().count(), 1);
    // A report written inside the plan folder is this run's own output, not a stranger.
    let p = tmp.path().join("p");
    for _ in 0..2 {
        rotaplan().arg("plan").arg(&c).arg("--out").arg(&p).arg("--report").arg(p.join("plan.html")).assert().success();
    }
    assert!(p.join("plan.html").exists());
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_fails_before_the_solve() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let c = tmp.path().join("c");
    county(&c);
    let locked = tmp.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
    // Root writes in read-only folders; nobody writes in /proc, so root is tested there.
    let out = if fs::write(locked.join("probe"), "x").is_ok() {
        std::path::PathBuf::from("/proc/rotaplan-plan")
    } else {
        locked.join("plan")
    };
    rotaplan().arg("plan").arg(&c).arg("--out").arg(&out).assert().code(1).stderr(contains("cannot be written in"));
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn the_next_run_removes_leftovers_and_restores_an_old_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let (c, p) = (tmp.path().join("c"), tmp.path().join("p"));
    county(&c);
    plan(&c, &p);
    let old = run_id(&p);
    // A run killed between its two renames (where the system cannot exchange directories):
    // the old plan beside the target, a half-written new one, and another plan's leftover.
    let backup = tmp.path().join(".rotaplan-p.00000000000000aa.old");
    fs::rename(&p, &backup).unwrap();
    let half = tmp.path().join(".rotaplan-p.00000000000000bb.new");
    fs::create_dir(&half).unwrap();
    fs::write(half.join("moves.csv"), "teacher_id").unwrap();
    let other = tmp.path().join(".rotaplan-p2.00000000000000cc.new");
    fs::create_dir(&other).unwrap();
    // A run that fails in the solve, after its checks, still restores the old plan.
    rotaplan()
        .env("ROTAPLAN_HIGHS_OPTIONS", "no_such_option=1")
        .arg("plan")
        .arg(&c)
        .arg("--out")
        .arg(&p)
        .assert()
        .failure();
    assert_eq!(run_id(&p), old);
    assert!(!backup.exists() && !half.exists());
    assert!(other.exists(), "a leftover of another folder (p2) is not this run's to remove");
    plan(&c, &p);
    assert_ne!(run_id(&p), old);
    checks(&c, &p);
}
