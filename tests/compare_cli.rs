//! `rotaplan compare` as a user runs it: the table, the plan directories and the
//! comparison files; bad rule files; the demo county.

use assert_cmd::Command;
use rotaplan::check::check_plan;
use rotaplan::compare::score::hard_breaches;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn rotaplan() -> Command {
    Command::cargo_bin("rotaplan").unwrap()
}

fn rule_args(names: &[&str]) -> Vec<String> {
    let mut args = vec!["--rules".to_string()];
    args.extend(names.iter().map(|n| format!("models/{n}.toml")));
    args
}

/// Every plan directory reads back, keeps every hard rule, and its summary lists exactly
/// the rules the checker finds unmet.
fn assert_plans_checked(county_dir: &Path, out: &Path, names: &[&str]) {
    let county = rotaplan::io::load_county(county_dir).0.expect("county");
    for name in names {
        let policy = rotaplan::io::load_policy(Some(Path::new(&format!("models/{name}.toml")))).unwrap();
        // As the command reads it: in the year planned of the county's exchange record.
        let county = rotaplan::validate::in_year(county.clone(), &policy, None);
        let plan = rotaplan::io::load_plan(&out.join(name), &county).expect("plan reads back");
        let breaches = check_plan(&county, &policy, &plan);
        assert_eq!(hard_breaches(&breaches), 0, "{name}: {breaches:#?}");
        let summary: Value = serde_json::from_slice(&fs::read(out.join(name).join("summary.json")).unwrap()).unwrap();
        let mut listed: Vec<String> =
            summary["violations"].as_array().unwrap().iter().map(|v| v["rule"].as_str().unwrap().to_string()).collect();
        let mut found: Vec<String> = breaches.iter().map(|b| b.rule.to_string()).collect();
        listed.sort();
        found.sort();
        assert_eq!(listed, found, "{name}");
    }
}

#[test]
fn compare_writes_a_plan_per_rule_and_the_table() {
    let tmp = tempfile::tempdir().unwrap();
    let (county, out) = (tmp.path().join("county"), tmp.path().join("cmp"));
    rotaplan().args(["generate", "--schools", "8", "--seed", "5", "--out"]).arg(&county).assert().success();
    let names = ["national-2014", "min-disruption", "seniority", "lottery", "greedy-priority"];
    let output =
        rotaplan().arg("compare").arg(&county).args(rule_args(&names)).arg("--out").arg(&out).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let table = String::from_utf8(output.stdout).unwrap();
    let rows: Vec<&str> = table.lines().skip(3).take(names.len()).collect();
    for (row, name) in rows.iter().zip(names) {
        assert!(row.starts_with(name), "row {row:?} should be {name}\n{table}");
    }
    assert!(table.contains("own objective vs baselines"), "{table}");
    assert_plans_checked(&county, &out, &names);
    let csv = fs::read_to_string(out.join("comparison.csv")).unwrap();
    assert_eq!(csv.lines().count(), names.len() + 1);
    let json: Value = serde_json::from_slice(&fs::read(out.join("comparison.json")).unwrap()).unwrap();
    assert_eq!(json["rows"].as_array().unwrap().len(), names.len());
    assert_eq!(json["rows"][0]["verdicts"].as_array().unwrap().len(), 3);
    let summary: Value = serde_json::from_slice(&fs::read(out.join("lottery/summary.json")).unwrap()).unwrap();
    assert_eq!((summary["allocator"].as_str(), summary["seed"].as_u64()), (Some("lottery"), Some(2014)));
    assert_eq!(summary["status"], "feasible");
    // The same comparison as JSON on stdout, without writing anything.
    let out_json = rotaplan()
        .arg("compare")
        .arg(&county)
        .args(rule_args(&["seniority", "lottery"]))
        .args(["--format", "json"])
        .output()
        .unwrap();
    let printed: Value = serde_json::from_slice(&out_json.stdout).unwrap();
    assert_eq!(printed["rows"][1]["rule"], "lottery");
}

#[test]
fn bad_rule_files_fail_cleanly_without_output() {
    let tmp = tempfile::tempdir().unwrap();
    let (county, out) = (tmp.path().join("county"), tmp.path().join("cmp"));
    rotaplan().args(["generate", "--schools", "8", "--seed", "5", "--out"]).arg(&county).assert().success();
    let text = fs::read_to_string("models/seniority.toml").unwrap();
    let bad = tmp.path().join("bad.toml");
    fs::write(&bad, text.replace("rule = \"seniority\"", "rule = \"oldest-first\"")).unwrap();
    let output = rotaplan()
        .arg("compare")
        .arg(&county)
        .args(["--rules", "models/national-2014.toml"])
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.toml") && stderr.contains("oldest-first"), "{stderr}");
    assert!(!out.exists());
    let twin = tmp.path().join("twin.toml");
    fs::write(&twin, &text).unwrap();
    let output =
        rotaplan().arg("compare").arg(&county).args(["--rules", "models/seniority.toml"]).arg(&twin).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("both named \"seniority\""), "{stderr}");
}

/// The demo county (60 schools, 2,405 teachers): national-2014 against the three
/// baselines, the optimiser within 20 s (a third of the default limit; every term is
/// worked on by then). Every plan keeps the hard rules and every baseline meets the quotas.
#[test]
fn demo_county_compare() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("cmp");
    let names = ["national-2014", "seniority", "lottery", "greedy-priority"];
    let output = rotaplan()
        .args(["compare", "scenarios/demo-county", "--time-limit", "20"])
        .args(rule_args(&names))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    println!("{}", String::from_utf8_lossy(&output.stdout));
    assert_plans_checked(Path::new("scenarios/demo-county"), &out, &names);
    let json: Value = serde_json::from_slice(&fs::read(out.join("comparison.json")).unwrap()).unwrap();
    let rows = json["rows"].as_array().unwrap();
    for row in rows {
        assert_eq!(row["hard_breaches"], 0, "{}", row["rule"]);
        assert_eq!(row["hires_placed"], 77, "{}", row["rule"]);
        // The demo's exchange record keeps teachers away or cooling off: 901 are eligible.
        assert!(row["exchanges"].as_u64().unwrap() >= 91, "{}: 10% of 901 eligible is 91", row["rule"]);
    }
    for row in &rows[1..] {
        assert_eq!(row["quotas_met"], true, "{}", row["rule"]);
        assert_eq!(row["exchanges"], 91, "{}: baselines exchange up to the quota, not beyond", row["rule"]);
    }
    let status = rows[0]["status"].as_str().unwrap();
    assert!(status == "optimal" || status == "time_limit", "{status}");
    assert_eq!(rows[0]["verdicts"].as_array().unwrap().len(), 3);
}

/// `--plan` adds a plan made elsewhere as a row: here the optimiser's own plan read back
/// from its workbook, which the same policy's optimiser can only tie with (both optimal,
/// scored by one yardstick); a plan named like a rule is refused before anything runs.
#[test]
fn a_plan_workbook_is_compared_as_a_row() {
    let tmp = tempfile::tempdir().unwrap();
    let county = tmp.path().join("county");
    rotaplan().args(["generate", "--schools", "8", "--seed", "2", "--out"]).arg(&county).assert().success();
    let book = tmp.path().join("draft.xlsx");
    rotaplan()
        .arg("plan")
        .arg(&county)
        .arg("--out")
        .arg(tmp.path().join("p"))
        .arg("--xlsx")
        .arg(&book)
        .args(["--time-limit", "10", "--lang", "en"])
        .assert()
        .success();
    let out = rotaplan()
        .arg("compare")
        .arg(&county)
        .args(rule_args(&["national-2014", "seniority"]))
        .arg("--plan")
        .arg(&book)
        .args(["--time-limit", "10", "--format", "json", "--lang", "en"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let c: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = c["rows"].as_array().unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r["rule"].as_str().unwrap()).collect();
    assert_eq!(names, ["national-2014", "seniority", "draft"]);
    let draft = &rows[2];
    assert_eq!((draft["allocator"].as_str(), draft["hard_breaches"].as_u64()), (Some("plan"), Some(0)));
    let verdicts: Vec<(&str, &str)> = rows[0]["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["baseline"].as_str().unwrap(), v["outcome"].as_str().unwrap()))
        .collect();
    assert_eq!(verdicts[1], ("draft", "ties"), "{verdicts:?}");
    let renamed = tmp.path().join("national-2014.xlsx");
    fs::copy(&book, &renamed).unwrap();
    rotaplan()
        .arg("compare")
        .arg(&county)
        .args(rule_args(&["national-2014"]))
        .arg("--plan")
        .arg(&renamed)
        .args(["--lang", "en"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("are both named \"national-2014\""));
}
