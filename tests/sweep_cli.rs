//! `rotaplan sweep` and `rotaplan merge` as a user runs them: sharded then merged output
//! equals the unsharded output byte for byte, and bad input is refused with the key named.

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use std::fs;
use std::path::Path;

fn rotaplan() -> Command {
    Command::cargo_bin("rotaplan").unwrap()
}

/// 16 variants on 8-school synthetic counties; a pay rise at a school that does not exist
/// fails in half of them (a data error: a row, not a stop).
const SCENARIO: &str = r#"
name = "shards"
[base]
generate = { schools = 8 }
[solve]
time_limit = 60
formulation = "aggregated"
[[transform]]
id = "grow"
kind = "enrolment"
locale = "town"
change = 0.0
[[transform]]
id = "pay"
kind = "pay"
add = 0.0
[grid]
"policy.exchange.share" = [0.10, 0.20]
"transform.grow.change" = [0.0, 0.25]
"transform.pay.schools" = ["S001", "S099"]
seeds = [1, 2]
"#;

fn write_scenario(dir: &Path, text: &str) -> std::path::PathBuf {
    let file = dir.join("scenario.toml");
    fs::write(&file, text).unwrap();
    file
}

#[test]
fn sharded_then_merged_equals_unsharded_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let file = write_scenario(tmp.path(), SCENARIO);
    let whole = tmp.path().join("whole");
    rotaplan()
        .arg("sweep")
        .arg(&file)
        .args(["--jobs", "2", "--out"])
        .arg(&whole)
        .assert()
        .success()
        .stdout(contains("16 variants").and(contains("8 error")).and(contains("8 optimal")));
    let mut shards = Vec::new();
    for i in [3, 1, 2] {
        let dir = tmp.path().join(format!("shard-{i}"));
        rotaplan()
            .arg("sweep")
            .arg(&file)
            .args(["--jobs", "1", "--shard", &format!("{i}/3"), "--out"])
            .arg(&dir)
            .assert()
            .success()
            .stdout(contains(format!("shard {i}/3")));
        shards.push(dir);
    }
    let merged = tmp.path().join("merged");
    rotaplan().arg("merge").args(&shards).arg("--out").arg(&merged).assert().success();
    for name in ["results.csv", "results.json", "sweep.json"] {
        let (a, b) = (fs::read(whole.join(name)).unwrap(), fs::read(merged.join(name)).unwrap());
        assert!(a == b, "{name} differs:\n{}\n---\n{}", String::from_utf8_lossy(&a), String::from_utf8_lossy(&b));
    }
    let timings = fs::read_to_string(merged.join("timings.csv")).unwrap();
    let variants: Vec<&str> = timings.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(variants, (1..=16).map(|i| i.to_string()).collect::<Vec<_>>());
    let json: serde_json::Value = serde_json::from_slice(&fs::read(whole.join("results.json")).unwrap()).unwrap();
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 16);
    for row in rows {
        if row["parameters"]["transform.pay.schools"] == "S099" {
            assert_eq!(row["status"], "error");
            assert!(row["reason"].as_str().unwrap().contains("no school \"S099\""), "{row}");
        } else {
            assert_eq!(row["status"], "optimal", "{row}");
            assert_eq!(row["checker_agrees"], true, "{row}");
        }
    }
    // A missing or repeated shard is refused, naming it.
    rotaplan()
        .arg("merge")
        .args(&shards[..2])
        .arg("--out")
        .arg(tmp.path().join("m2"))
        .assert()
        .failure()
        .stderr(contains("shard(s) 2 of 3 missing"));
    rotaplan()
        .arg("merge")
        .args([&shards[0], &shards[0], &shards[1], &shards[2]])
        .arg("--out")
        .arg(tmp.path().join("m3"))
        .assert()
        .failure()
        .stderr(contains("given twice"));
}

#[test]
fn bad_scenarios_and_flags_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let base = "name = 'x'\n[base]\ngenerate = { schools = 4 }\n";
    let file = write_scenario(tmp.path(), &format!("{base}[grid]\n\"policy.exchange.shar\" = [0.1, 0.2]\n"));
    rotaplan()
        .arg("sweep")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(contains("error[E161]").and(contains("exchange.shar")).and(contains("unknown key \"shar\"")));
    let file = write_scenario(tmp.path(), &format!("{base}[[transform]]\nkind = 'enrolment'\nchange = 11.0\n"));
    rotaplan().arg("sweep").arg(&file).assert().code(2).stderr(contains("change = 11 is outside"));
    let file = write_scenario(tmp.path(), "name = 'x'\n[base]\ncounty = 'no-such-county'\n");
    rotaplan().arg("sweep").arg(&file).assert().code(2).stderr(contains("does not exist"));
    rotaplan().arg("sweep").arg(&file).args(["--shard", "3/2"]).assert().code(1).stderr(contains("--shard takes i/n"));
    rotaplan().arg("sweep").arg(&file).args(["--jobs", "0"]).assert().code(1).stderr(contains("--jobs"));
    rotaplan().arg("sweep").arg(tmp.path().join("none.toml")).assert().code(2).stderr(contains("cannot read"));
    rotaplan()
        .arg("merge")
        .arg(tmp.path())
        .arg("--out")
        .arg(tmp.path().join("m"))
        .assert()
        .failure()
        .stderr(contains("not a sweep output directory"));
}
