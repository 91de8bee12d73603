//! The plan report in a real browser: headless Chromium (Debian's `chromium` package)
//! loads the page from a file, lays it out and draws every chart. Skipped, with a
//! message, where Chromium is not installed.
//!
//! The report itself has no script. The test loads a copy with a probe appended that
//! measures, after layout, each chart's size and how many of its marks have a non-empty
//! box, and writes that into the page, which `--dump-dom` then prints. A screenshot of the
//! original report is left in Cargo's target tmp folder for a person to look at.

mod common;

use common::browser::{chromium, CHROMIUM, PROBE};
use rotaplan::generate::{generate, GenerateOptions};
use rotaplan::planner::make_plan;
use rotaplan::report::html::plan_report;
use rotaplan::report::Lang;
use rotaplan::solve::SolveOptions;
use std::path::{Path, PathBuf};

/// `(id, width, height, drawn, data-marks)` of each chart, as the probe measured them.
fn measured(dom: &str) -> Vec<(String, u32, u32, usize, usize)> {
    let start = dom.find("<pre id=\"probe\">").expect("the probe ran") + "<pre id=\"probe\">".len();
    let text = &dom[start..start + dom[start..].find("</pre>").unwrap()];
    text.lines()
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            (
                f[0].to_string(),
                f[1].parse().unwrap(),
                f[2].parse().unwrap(),
                f[3].parse().unwrap(),
                f[4].parse().unwrap(),
            )
        })
        .collect()
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report_browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_plan_report_loads_and_draws_every_chart() {
    if !Path::new(CHROMIUM).exists() {
        println!("skipped: chromium not installed");
        return;
    }
    let county = generate(&GenerateOptions { schools: 14, seed: 3 });
    let policy = rotaplan::io::load_policy(None).unwrap();
    let result = make_plan(&county, &policy, &SolveOptions::default()).unwrap();
    let dir = out_dir();
    let profile = tempfile::tempdir().unwrap();
    for (lang, name) in [(Lang::En, "en"), (Lang::Zh, "zh")] {
        let html = plan_report(&county, &result, lang);
        let page = dir.join(format!("plan-{name}.html"));
        std::fs::write(&page, &html).unwrap();
        let probed = dir.join(format!("plan-{name}-probed.html"));
        std::fs::write(&probed, html.replace("</body>", &format!("{PROBE}</body>"))).unwrap();
        let dom = chromium(&probed, profile.path(), &["--dump-dom"]);
        let charts = measured(&dom);
        let ids: Vec<&str> = charts.iter().map(|c| c.0.as_str()).collect();
        for id in ["cv-primary", "cv-junior", "flows"] {
            assert!(ids.contains(&id), "{name}: chart {id} missing from {ids:?}");
        }
        assert!(ids.iter().any(|id| id.starts_with("shortage-")), "{name}: no unfilled-posts chart in {ids:?}");
        for (id, width, height, drawn, marks) in &charts {
            assert!(*width > 200 && *height > 150, "{name}: {id} is {width}x{height}");
            assert!(*marks > 0, "{name}: {id} has no marks");
            assert_eq!(drawn, marks, "{name}: {id} drew {drawn} of its {marks} marks");
        }
        let png = dir.join(format!("plan-{name}.png"));
        chromium(&page, profile.path(), &[&format!("--screenshot={}", png.display()), "--window-size=1280,4000"]);
        let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
        assert!(size > 50_000, "{name}: the screenshot {} is {size} bytes", png.display());
        println!("screenshot: {}", png.display());
    }
}
