//! `rotaplan compare --report`: the rules side by side as one self-contained HTML page,
//! run through the real binary in English and Chinese on a small generated county; then,
//! where Chromium is installed, loaded in a headless browser that must still find every
//! chart drawn. A screenshot is left in Cargo's target tmp folder for a person to look at.

mod common;

use assert_cmd::Command;
use common::browser::{assert_laid_out, assert_reads_chinese, chromium, find, probe};
use rotaplan::generate::{generate, GenerateOptions};
use rotaplan::io::write_county::write_county;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const RULES: [&str; 3] = ["national-2014", "seniority", "lottery"];
const TEACHER_INDICATORS: [&str; 3] = ["degree_per_100", "backbone_per_100", "pe_arts_per_100"];

fn rotaplan() -> Command {
    Command::cargo_bin("rotaplan").unwrap()
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report_compare");
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// The ten-school county of seed 3, written as CSV files.
fn county(tmp: &Path) -> PathBuf {
    let dir = tmp.join("county");
    write_county(&dir, &generate(&GenerateOptions { schools: 10, seed: 3 })).unwrap();
    dir
}

/// Runs compare with `--report` and `--out` (for comparison.json, the expected numbers);
/// the page and the comparison.
fn run_compare(county: &Path, tmp: &Path, lang: &str) -> (String, Value) {
    let (page, out) = (tmp.join(format!("compare-{lang}.html")), tmp.join(format!("cmp-{lang}")));
    let output = rotaplan()
        .arg("compare")
        .arg(county)
        .arg("--rules")
        .args(RULES.iter().map(|r| format!("models/{r}.toml")))
        .arg("--out")
        .arg(&out)
        .arg("--report")
        .arg(&page)
        .args(["--lang", lang])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let (written, table) = match lang {
        "zh" => ("报告已写入", "按自身目标与基准规则比较"),
        _ => ("Report written to", "own objective vs baselines"),
    };
    assert!(stderr.contains(written), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains(table), "the table still prints");
    assert!(page.is_file(), "{} not written", page.display());
    let html = fs::read_to_string(&page).unwrap();
    let json = serde_json::from_slice(&fs::read(out.join("comparison.json")).unwrap()).unwrap();
    (html, json)
}

/// The charts of a page: id -> (data-marks, bars drawn inside the `<svg>`).
fn charts(html: &str) -> BTreeMap<String, (usize, usize)> {
    let mut found = BTreeMap::new();
    for part in html.split("<svg ").skip(1) {
        let tag = &part[..part.find('>').unwrap()];
        let attr = |name: &str| {
            let at = tag.find(&format!("{name}=\"")).unwrap_or_else(|| panic!("no {name} in {tag}")) + name.len() + 2;
            tag[at..at + tag[at..].find('"').unwrap()].to_string()
        };
        let body = &part[..part.find("</svg>").unwrap()];
        let bars = body.matches("class=\"mark bar").count();
        let previous = found.insert(attr("id"), (attr("data-marks").parse().unwrap(), bars));
        assert!(previous.is_none(), "two charts with the id {}", attr("id"));
    }
    found
}

/// The marks each chart must draw, from comparison.json: per stage one bar per
/// indicator with a CV, before the plan and under each rule; unfilled posts three bars
/// each; moves one bar per rule; km per move one per rule with a distance.
fn expected(json: &Value) -> BTreeMap<String, usize> {
    let rows = json["rows"].as_array().unwrap();
    let outlooks: Vec<&Value> = std::iter::once(&json["before"]).chain(rows).collect();
    let mut want = BTreeMap::new();
    for stage in ["primary", "junior"] {
        let cvs = outlooks
            .iter()
            .flat_map(|o| o["cvs"].as_array().unwrap())
            .filter(|c| c["stage"] == stage && TEACHER_INDICATORS.contains(&c["key"].as_str().unwrap()))
            .filter(|c| c["cv"].is_number())
            .count();
        if cvs > 0 {
            want.insert(format!("compare-cv-{stage}"), cvs);
        }
    }
    want.insert("compare-unfilled-posts".into(), 3 * outlooks.len());
    want.insert("compare-moves-count".into(), rows.len());
    want.insert("compare-km-per-move".into(), rows.iter().filter(|r| r["mean_distance_km"].is_number()).count());
    want
}

fn assert_self_contained(html: &str, lang: &str) {
    for banned in ["<script", "<link", "@import", "@font-face", "url(", "<img", "<iframe", "src="] {
        assert!(!html.contains(banned), "{lang}: the page contains {banned}");
    }
    let without_svg_namespace = html.replace("http://www.w3.org/2000/svg", "");
    assert!(!without_svg_namespace.contains("http"), "{lang}: the page refers to the network");
}

#[test]
fn compare_report_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let county = county(tmp.path());
    for lang in ["en", "zh"] {
        let (html, json) = run_compare(&county, tmp.path(), lang);
        fs::write(out_dir().join(format!("compare-{lang}.html")), &html).unwrap();
        assert_self_contained(&html, lang);
        let rows = json["rows"].as_array().unwrap();
        assert_eq!(rows.len(), RULES.len());

        // The table: the county before the plan, then one row per rule in the order given.
        assert_eq!(html.matches("<tr class=\"before\"").count(), 1, "{lang}");
        let names: Vec<&str> =
            html.split("<tr class=\"rule\" data-rule=\"").skip(1).map(|p| &p[..p.find('"').unwrap()]).collect();
        assert_eq!(names, RULES, "{lang}");
        let table = &html[html.find("<table id=\"rules-table\"").unwrap()..];
        let table = &table[..table.find("</table>").unwrap()];
        assert_eq!(table.matches("<tr class=").count(), RULES.len() + 1, "{lang}");
        for r in rows {
            let needle = format!("data-rule=\"{}\"", r["rule"].as_str().unwrap());
            let row = &table[table.find(&needle).unwrap()..];
            let row = &row[..row.find("</tr>").unwrap()];
            assert!(row.contains(&format!(">{}</td>", r["exchanges"])), "{lang}: moves in {row}");
            let cvs_ok = format!("{}/{}", r["cvs_passing"], r["cvs_assessed"]);
            assert!(row.contains(&cvs_ok), "{lang}: CVs {cvs_ok} in {row}");
        }

        // One chart per expected chart, each with the bars expected.
        let found = charts(&html);
        let want = expected(&json);
        assert_eq!(found.keys().collect::<Vec<_>>(), want.keys().collect::<Vec<_>>(), "{lang}");
        assert_eq!(want["compare-cv-primary"], 3 * (RULES.len() + 1), "{lang}: every CV of the county is known");
        assert_eq!(want["compare-unfilled-posts"], 3 * (RULES.len() + 1));
        for (id, &marks) in &want {
            let (data_marks, bars) = found[id];
            assert_eq!((data_marks, bars), (marks, marks), "{lang}: {id}");
        }
        // Moves and km: each rule's bar in the colour it has in the other charts, with a legend.
        for id in ["compare-moves-count", "compare-km-per-move", "compare-unfilled-posts"] {
            let chart = &html[html.find(&format!("id=\"{id}\"")).unwrap()..];
            let chart = &chart[..chart.find("</svg>").unwrap()];
            for (i, rule) in RULES.iter().enumerate() {
                let has_bar = id != "compare-km-per-move" || rows[i]["mean_distance_km"].is_number();
                let bar = format!("class=\"mark bar s{}\"", i + 1);
                assert_eq!(chart.contains(&bar), has_bar, "{lang} {id}: {rule} as series {}", i + 1);
                let legend = "<text class=\"legend\" ";
                let entry = format!("font-size=\"12\">{rule}</text>");
                assert!(chart.contains(legend) && chart.contains(&entry), "{lang} {id}: {rule} in the legend");
            }
            assert!(chart.matches("class=\"value\"").count() >= RULES.len(), "{lang} {id}: numbers on the bars");
        }
        // The CV charts draw the stage's limit; before the plan is series 0, grey.
        assert_eq!(html.matches("class=\"threshold\"").count(), 2, "{lang}");
        assert!(html.contains("class=\"mark bar s0"), "{lang}");

        let words = match lang {
            "en" => ["Allocation rules compared", "Before the plan", "(before the plan)", "Unfilled posts by rule"],
            _ => ["教师交流分配规则比较", "方案前", "（方案前）", "各规则下缺岗数"],
        };
        for w in words {
            assert!(html.contains(w), "{lang}: {w} missing");
        }
        if lang == "zh" {
            assert!(html.contains("<html lang=\"zh-CN\">"));
            assert!(!html.contains("Unfilled posts") && !html.contains("Before the plan"), "English left in zh");
        }

        browser(&html, lang, &want);
    }
}

/// A folder given as --report is refused before any rule runs.
#[test]
fn report_path_must_be_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let county = county(tmp.path());
    let output = rotaplan()
        .arg("compare")
        .arg(&county)
        .args(["--rules", "models/national-2014.toml", "--report"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--report") && stderr.contains("is a folder"), "{stderr}");
    assert!(output.stdout.is_empty(), "nothing ran: {}", String::from_utf8_lossy(&output.stdout));
}

/// The page in headless Chromium: every chart laid out with every mark drawn, nothing
/// wider than its box, and the Chinese page in Chinese.
fn browser(html: &str, lang: &str, want: &BTreeMap<String, usize>) {
    let Some(browser) = find() else { return };
    let dir = out_dir();
    let profile = tempfile::tempdir().unwrap();
    for width in [1280, 760] {
        let what = format!("compare {lang} at {width} px");
        let probed = probe(&browser, html, &dir.join(format!("compare-{lang}-probed.html")), profile.path(), width);
        assert_laid_out(&probed, &what);
        let seen: BTreeMap<String, usize> = probed.charts.iter().map(|c| (c.0.clone(), c.4)).collect();
        assert_eq!(&seen, want, "{what}: the charts in the browser");
        for (id, .., values) in &probed.charts {
            assert!(*values > 0, "{what}: {id} writes no value on its bars");
        }
        if lang == "zh" {
            let words = ["教师交流分配规则比较", "各规则方案一览", "交流人数与距离", "各规则交流人数", "方案前"];
            assert_reads_chinese(&probed, &what, &words);
            for rule in RULES {
                assert!(probed.text.contains(rule), "{what}: rule {rule} missing");
            }
        }
    }
    let png = dir.join(format!("compare-{lang}.png"));
    let page = dir.join(format!("compare-{lang}.html"));
    chromium(&browser, &page, profile.path(), &[&format!("--screenshot={}", png.display()), "--window-size=1280,2600"]);
    let size = fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
    assert!(size > 50_000, "{lang}: the screenshot {} is {size} bytes", png.display());
    println!("screenshot: {}", png.display());
}
