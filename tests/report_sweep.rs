//! `rotaplan sweep --report`: a small sweep (an 8-school generated county, a 2 x 2 grid, one
//! seed) through the real binary in English and Chinese: the page is self-contained, draws
//! one CV chart per stage and one unfilled-posts chart per varying parameter with the marks
//! results.json calls for, and lists every variant; where Chromium is installed, a headless
//! browser still finds every chart (a screenshot is left in Cargo's target tmp folder).

mod common;

use assert_cmd::Command;
use common::browser::{assert_laid_out, assert_reads_chinese, chromium, find, probe};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

const PARAMS: [&str; 2] = ["policy.exchange.share", "transform.town.change"];
const TEACHER_INDICATORS: [&str; 3] = ["degree_per_100", "backbone_per_100", "pe_arts_per_100"];

const SCENARIO: &str = r#"
name = "tiny"
description = "Exchange share x town growth <on> an 8-school county."

[base]
generate = { schools = 8, seed = 1 }

[solve]
time_limit = 30

[[transform]]
id = "town"
kind = "enrolment"
locale = "town"
change = 0.1

[grid]
"policy.exchange.share" = [0.10, 0.20]
"transform.town.change" = [0.0, 0.3]
seeds = [1]
"#;

fn rotaplan() -> Command {
    Command::cargo_bin("rotaplan").unwrap()
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report_sweep");
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the sweep with `--report`; the page and results.json.
fn run_sweep(tmp: &Path, lang: &str) -> (String, Value) {
    let scenario = tmp.join("tiny.toml");
    fs::write(&scenario, SCENARIO).unwrap();
    let (page, out) = (tmp.join(format!("sweep-{lang}.html")), tmp.join(format!("out-{lang}")));
    let output = rotaplan()
        .arg("sweep")
        .arg(&scenario)
        .args(["--jobs", "2", "--lang", lang])
        .arg("--out")
        .arg(&out)
        .arg("--report")
        .arg(&page)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let (written, variants) =
        if lang == "zh" { ("报告已写入", "4 个变体") } else { ("Report written to", "4 variants") };
    assert!(stderr.contains(written), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains(variants));
    let html = fs::read_to_string(&page).unwrap();
    let json = serde_json::from_slice(&fs::read(out.join("results.json")).unwrap()).unwrap();
    (html, json)
}

/// The `data-marks` of the chart with this id, if drawn.
fn marks(html: &str, id: &str) -> Option<usize> {
    let start = html.find(&format!("id=\"{id}\""))?;
    let tag_end = start + html[start..].find('>')?;
    let tag = &html[start..tag_end];
    let m = tag.split("data-marks=\"").nth(1)?.split('"').next()?;
    Some(m.parse().unwrap())
}

/// Points plus one line per series with more than one point.
fn expected_marks(series: &[Vec<Option<f64>>]) -> usize {
    series.iter().map(|s| s.iter().flatten().count() + usize::from(s.iter().flatten().count() > 1)).sum()
}

fn check(html: &str, json: &Value, lang: &str) {
    assert!(!html.contains("<script"), "no scripts");
    assert!(!html.contains("<link") && !html.contains("<img"), "nothing loaded");
    let without_ns = html.replace("http://www.w3.org/2000/svg", "");
    assert!(!without_ns.contains("http"), "no address outside the SVG namespace");
    assert!(!html.contains("seconds") && !html.contains("wall"), "no timings");
    assert!(html.contains("&lt;on&gt;"), "the description is escaped");
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(html.matches("<tr class=\"variant\"").count(), rows.len(), "a table row per variant");
    for row in rows {
        assert!(html.contains(&format!("data-variant=\"{}\"", row["variant"])));
    }
    let count = html.matches("<svg").count();
    let mut seen = 0;
    for (p, key) in PARAMS.iter().enumerate() {
        let mut xs: Vec<f64> = rows.iter().map(|r| r["parameters"][key].as_f64().unwrap()).collect();
        xs.sort_by(f64::total_cmp);
        xs.dedup();
        assert_eq!(xs.len(), 2);
        let mean = |x: f64, f: &dyn Fn(&Value) -> Option<f64>| {
            let v: Vec<f64> = rows.iter().filter(|r| r["parameters"][key].as_f64() == Some(x)).filter_map(f).collect();
            (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
        };
        for stage in ["primary", "junior"] {
            let series: Vec<Vec<Option<f64>>> = TEACHER_INDICATORS
                .iter()
                .map(|k| xs.iter().map(|&x| mean(x, &|r| r["cv"][stage][k]["cv"].as_f64())).collect())
                .collect();
            let id = format!("sweep-cv-{stage}-{p}");
            if series.iter().all(|s| s.iter().all(Option::is_none)) {
                assert_eq!(marks(html, &id), None, "{id}");
                continue;
            }
            assert_eq!(marks(html, &id), Some(expected_marks(&series)), "{lang} {id}");
            seen += 1;
        }
        let posts: Vec<Vec<Option<f64>>> = ["total", "rural"]
            .iter()
            .map(|l| xs.iter().map(|&x| mean(x, &|r| r["unfilled"][l].as_f64())).collect())
            .collect();
        let id = format!("sweep-posts-{p}");
        assert_eq!(marks(html, &id), Some(expected_marks(&posts)), "{lang} {id}");
        assert_eq!(expected_marks(&posts), 6, "2 x values x 2 series + 2 lines");
        seen += 1;
    }
    assert!(seen >= 4, "at least one CV chart and one posts chart per parameter");
    assert_eq!(count, seen, "no other chart");
}

#[test]
fn sweep_report_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let (en, json) = run_sweep(tmp.path(), "en");
    check(&en, &json, "en");
    assert!(
        en.contains("<html lang=\"en\">") && en.contains("Trade-offs") && en.contains("Unfilled posts after the plan")
    );
    let (zh, json_zh) = run_sweep(tmp.path(), "zh");
    check(&zh, &json_zh, "zh");
    assert!(zh.contains("<html lang=\"zh-CN\">") && zh.contains("参数影响") && zh.contains("方案后缺岗数"));
    assert!(!zh.contains("Trade-offs"));
    // Grid keys in words, the key itself only on hover.
    for (html, share, town) in
        [(&en, "Exchange share", "Change, as a share (town)"), (&zh, "交流比例", "变动比例（town）")]
    {
        for name in [share, town] {
            assert!(html.contains(&format!(">{name}</h3>")), "heading {name}");
            assert!(html.contains(&format!(">{name}</text>")), "axis {name}");
            assert!(html.contains(&format!(">{name}</th>")), "column {name}");
        }
        for key in PARAMS {
            let shown = html.replace(&format!("title=\"{key}\""), "");
            assert!(!shown.contains(key), "{key} shown other than on hover");
        }
    }
    assert_eq!(json["rows"], json_zh["rows"], "the language does not change the rows");
    // Deterministic: the same sweep gives the same bytes.
    let (again, _) = run_sweep(tmp.path(), "en");
    assert_eq!(en, again);

    let dir = out_dir();
    for (lang, html) in [("en", &en), ("zh", &zh)] {
        fs::write(dir.join(format!("sweep-{lang}.html")), html).unwrap();
    }
    let Some(browser) = find() else { return };
    let profile = tempfile::tempdir().unwrap();
    for (lang, html) in [("en", &en), ("zh", &zh)] {
        let page = dir.join(format!("sweep-{lang}.html"));
        for width in [1280, 760] {
            let what = format!("sweep {lang} at {width} px");
            let probed = probe(&browser, html, &dir.join(format!("sweep-{lang}-probed.html")), profile.path(), width);
            assert_laid_out(&probed, &what);
            assert_eq!(probed.charts.len(), html.matches("<svg").count(), "{what}: every chart in the DOM");
            if lang == "zh" {
                let words = ["情景分析", "参数影响", "交流比例", "变动比例（town）", "方案后缺岗数", "各变体结果"];
                assert_reads_chinese(&probed, &what, &words);
            }
        }
        let png = dir.join(format!("sweep-{lang}.png"));
        chromium(
            &browser,
            &page,
            profile.path(),
            &[&format!("--screenshot={}", png.display()), "--window-size=1100,3000"],
        );
        assert!(png.is_file());
    }
}

#[test]
fn a_folder_as_report_is_refused_before_anything_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let scenario = tmp.path().join("tiny.toml");
    fs::write(&scenario, SCENARIO).unwrap();
    let out = tmp.path().join("out");
    let output =
        rotaplan().arg("sweep").arg(&scenario).arg("--out").arg(&out).arg("--report").arg(tmp.path()).output().unwrap();
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("is a folder"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!out.exists(), "nothing was solved");
}
