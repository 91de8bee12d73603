//! The HTML report: self-contained, every chart drawn from the data, in English and
//! Chinese; `evaluate --report` and `plan --report` as a user runs them.
//!
//! The evaluation report of `tests/fixtures/evaluate/county` with a hand-made plan is
//! compared with snapshots in `tests/fixtures/report/`; after a deliberate change of the
//! report, rerun with `UPDATE_SNAPSHOTS=1` and review the diff (open the files in a browser).

use assert_cmd::Command;
use predicates::prelude::*;
use rotaplan::domain::Subject;
use rotaplan::generate::{generate, GenerateOptions};
use rotaplan::planner::make_plan;
use rotaplan::report::html::plan_report;
use rotaplan::report::Lang;
use rotaplan::solve::SolveOptions;
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

fn check_snapshot(name: &str, actual: &str) {
    let path = fixture("report").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(expected == actual, "{name} differs from its snapshot (UPDATE_SNAPSHOTS=1 to accept); got:\n{actual}");
}

/// The `data-marks` of the chart with this id, or `None` when the page has no such chart.
pub fn marks(html: &str, id: &str) -> Option<usize> {
    let start = html.find(&format!("id=\"{id}\""))?;
    let rest = &html[start..];
    let at = rest.find("data-marks=\"")? + "data-marks=\"".len();
    rest[at..].split('"').next()?.parse().ok()
}

/// Nothing in the page is fetched from elsewhere: no scripts, links, fonts or images.
fn assert_self_contained(html: &str) {
    for banned in ["<script", "<link", "@import", "@font-face", "url(", "<img", "<iframe", "src="] {
        assert!(!html.contains(banned), "the report contains {banned}");
    }
    let without_svg_namespace = html.replace("http://www.w3.org/2000/svg", "");
    assert!(!without_svg_namespace.contains("http://") && !without_svg_namespace.contains("https://"));
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
}

fn evaluate_with_report(lang: &str, out: &Path) {
    let plan = tempfile::tempdir().unwrap();
    std::fs::write(
        plan.path().join("moves.csv"),
        "teacher_id,from_school,to_school,kind,term_years,reasons\nt01,P1,P5,exchange,3,balance:backbone_per_100\n",
    )
    .unwrap();
    std::fs::write(plan.path().join("hires.csv"), "hire_id,school_id,reasons\nh1,P5,shortage:pe\n").unwrap();
    Command::cargo_bin("rotaplan")
        .unwrap()
        .args(["evaluate", "--format", "csv", "--lang", lang, "--report"])
        .arg(out)
        .arg("--plan")
        .arg(plan.path())
        .arg(fixture("evaluate/county"))
        .assert()
        .success()
        .stderr(match lang {
            "zh" => format!("报告已写入 {}。\n", out.display()),
            _ => format!("Report written to {}.\n", out.display()),
        });
}

#[test]
fn evaluation_report_snapshots_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    for lang in ["en", "zh"] {
        let out = tmp.path().join(format!("evaluate-{lang}.html"));
        evaluate_with_report(lang, &out);
        let html = std::fs::read_to_string(&out).unwrap();
        assert_self_contained(&html);
        for id in ["cv-primary", "cv-junior", "flows"] {
            assert!(marks(&html, id).unwrap_or(0) > 0, "{lang}: chart {id} is empty");
        }
        // t01 (Chinese, urban P1) leaves for a rural school: urban unfilled posts rise, and say so.
        let rise = match lang {
            "en" => "Unfilled posts rise at urban schools: 6 → 7 (Chinese 0 → 1). The plan sends 1 of their teachers",
            _ => "城区学校缺岗数上升：6 → 7（语文 0 → 1）。方案从城区学校交流出 1 人",
        };
        assert!(html.contains(rise), "{lang}: no note on the rise");
        assert_eq!(html.matches("class=\"note rise\"").count(), 1, "{lang}: only urban rises");
        // Unfilled-post bars carry their numbers (every bar but a zero).
        let chart = &html[html.find("id=\"shortage-urban\"").unwrap()..];
        let chart = &chart[..chart.find("</svg>").unwrap()];
        let (bars, zeros) = (chart.matches("<title>").count(), chart.matches(" = 0</title>").count());
        assert!(bars > zeros, "{lang}: urban has unfilled posts");
        assert_eq!(chart.matches("class=\"value\"").count(), bars - zeros, "{lang}: a number on every bar but a zero");
        check_snapshot(&format!("evaluate-{lang}.html"), &html);
    }
}

#[test]
fn plan_report_draws_every_chart_and_lists_every_move() {
    let county = generate(&GenerateOptions { schools: 12, seed: 7 });
    let policy = rotaplan::io::load_policy(None).unwrap();
    let result = make_plan(&county, &policy, &SolveOptions::default()).unwrap();
    assert!(!result.plan.moves.is_empty());
    let en = plan_report(&county, &result, Lang::En);
    let zh = plan_report(&county, &result, Lang::Zh);
    for html in [&en, &zh] {
        assert_self_contained(html);
        assert_eq!(marks(html, "cv-primary"), Some(14), "7 indicators, before and after");
        assert_eq!(marks(html, "cv-junior"), Some(14));
        let flows = marks(html, "flows").unwrap();
        assert!(flows >= 2, "at least one flow of teachers and one of hires");
        let shortage_charts =
            ["urban", "town", "rural"].iter().filter(|l| marks(html, &format!("shortage-{l}")).is_some());
        assert!(shortage_charts.count() >= 1 || html.contains("No unfilled posts") || html.contains("无缺岗"));
        let moves = &html[html.find("id=\"moves\"").unwrap()..html.find("id=\"hires\"").unwrap()];
        assert_eq!(moves.matches("<tr>").count(), result.plan.moves.len() + 1, "a row per move and the header");
        assert!(moves.contains(&county.teachers[result.plan.moves[0].teacher].id));
    }
    assert!(en.contains("<html lang=\"en\">") && en.contains("Exchanges and their reasons"));
    assert!(zh.contains("<html lang=\"zh-CN\">") && zh.contains("交流教师名单及原因") && zh.contains("方案后"));
    // Chinese names in the Chinese report: subjects, locales, indicators; no English labels.
    assert!(zh.contains(">乡村") && zh.contains("差异系数"));
    let subject = rotaplan::report::i18n::subject(Lang::Zh, county.teachers[result.plan.moves[0].teacher].subject);
    assert!(zh.contains(subject));
    for english in [">Before<", ">After<", "Unfilled posts", ">Degree<", "Teacher flows", "Exchanges"] {
        assert!(!zh.contains(english), "the Chinese report shows {english}");
    }
    // The charts' words are Chinese (school and teacher names are data, whatever their language).
    let charts: String = zh.split("<svg").skip(1).map(|s| s.split("</svg>").next().unwrap()).collect();
    for english in ["Urban", "Town", "Rural", "New hires", "limit", "CV"] {
        assert!(!charts.contains(english), "a chart of the Chinese report shows {english}");
    }
    assert!(Subject::ALL
        .iter()
        .all(|&k| !charts.contains(&format!(">{}<", rotaplan::report::i18n::subject(Lang::En, k)))));
}

#[test]
fn plan_writes_the_report_and_the_workbook() {
    let tmp = tempfile::tempdir().unwrap();
    let county = tmp.path().join("county");
    Command::cargo_bin("rotaplan")
        .unwrap()
        .args(["generate", "--schools", "8", "--seed", "5", "--out"])
        .arg(&county)
        .assert()
        .success();
    let (html, xlsx) = (tmp.path().join("out/plan.html"), tmp.path().join("out/plan.xlsx"));
    let out = Command::cargo_bin("rotaplan")
        .unwrap()
        .arg("plan")
        .arg(&county)
        .arg("--out")
        .arg(tmp.path().join("plan"))
        .arg("--report")
        .arg(&html)
        .arg("--xlsx")
        .arg(&xlsx)
        .args(["--lang", "zh"])
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains(&format!("报告已写入 {}。", html.display())), "{stdout}");
    assert!(stdout.contains(&format!("工作簿已写入 {}。", xlsx.display())), "{stdout}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("教师交流轮岗方案"));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"), "an xlsx is a zip file");
}

#[test]
fn a_folder_as_report_is_refused_before_solving() {
    let tmp = tempfile::tempdir().unwrap();
    Command::cargo_bin("rotaplan")
        .unwrap()
        .arg("plan")
        .arg(fixture("evaluate/county"))
        .arg("--out")
        .arg(tmp.path().join("plan"))
        .arg("--report")
        .arg(tmp.path())
        .assert()
        .failure()
        .code(1)
        .stderr(predicates::str::contains("--report").and(predicates::str::contains("is a folder")));
    assert!(!tmp.path().join("plan").exists(), "nothing written");
}
