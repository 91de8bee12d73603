//! The plan report in a real browser: headless Chromium (Debian's `chromium` package)
//! loads the page from a file, lays it out and draws every chart. Skipped, with a
//! message, where Chromium is not installed; failed there when `CI` or
//! `ROTAPLAN_REQUIRE_BROWSER=1` is set (`.ci/run` installs it and sets the latter).
//!
//! The report itself has no script. The test loads a copy with a probe appended
//! (`common::browser::PROBE`) that measures, after layout, each chart's size and how many
//! of its marks have a non-empty box, finds anything wider than its box (or a chart's text
//! outside the chart or over another), and writes that, the headings and the rendered text
//! into the page, which `--dump-dom` then prints. The compare and sweep reports get the
//! same checks in `tests/report_compare.rs` and `tests/report_sweep.rs`, the horizon report
//! here. A screenshot of
//! each original report is left in Cargo's target tmp folder for a person to look at.

mod common;

use common::browser::{assert_laid_out, assert_reads_chinese, chromium, find, probe, raw_keys};
use rotaplan::domain::Stage;
use rotaplan::generate::{generate, GenerateOptions};
use rotaplan::horizon::run_horizon;
use rotaplan::planner::make_plan;
use rotaplan::report::html::horizon::horizon_report;
use rotaplan::report::html::plan_report;
use rotaplan::report::Lang;
use rotaplan::solve::SolveOptions;
use std::path::{Path, PathBuf};

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report_browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_plan_report_loads_draws_every_chart_and_fits_the_page() {
    let Some(browser) = find() else { return };
    let county = generate(&GenerateOptions { schools: 14, seed: 3 });
    let policy = rotaplan::io::load_policy(None).unwrap();
    let result = make_plan(&county, &policy, &SolveOptions::default()).unwrap();
    let dir = out_dir();
    let profile = tempfile::tempdir().unwrap();
    for (lang, name) in [(Lang::En, "en"), (Lang::Zh, "zh")] {
        let html = plan_report(&county, &result, lang);
        let page = dir.join(format!("plan-{name}.html"));
        std::fs::write(&page, &html).unwrap();
        // A desktop window and a narrow one (a laptop at 150%, a window beside another).
        for width in [1280, 760] {
            let what = format!("plan {name} at {width} px");
            let probed = probe(&browser, &html, &dir.join(format!("plan-{name}-probed.html")), profile.path(), width);
            assert_laid_out(&probed, &what);
            let ids: Vec<&str> = probed.charts.iter().map(|c| c.0.as_str()).collect();
            for id in ["cv-primary", "cv-junior", "flows"] {
                assert!(ids.contains(&id), "{what}: chart {id} missing from {ids:?}");
            }
            let shortages: Vec<_> = probed.charts.iter().filter(|c| c.0.starts_with("shortage-")).collect();
            assert!(!shortages.is_empty(), "{what}: no unfilled-posts chart in {ids:?}");
            for (id, .., marks, values) in shortages {
                assert!(*values > 0 && values <= marks, "{what}: {id} writes {values} values on its {marks} bars");
            }
            match lang {
                Lang::Zh => assert_reads_chinese(
                    &probed,
                    &what,
                    &["教师交流轮岗方案", "各类地区分学科缺岗数", "交流教师名单及原因", "城区", "乡村", "方案后"],
                ),
                Lang::En => {
                    assert!(probed.text.contains("Unfilled posts by locale and subject"), "{what}");
                    assert_eq!(raw_keys(&probed.text), Vec::<String>::new(), "{what}: raw keys");
                }
            }
        }
        let png = dir.join(format!("plan-{name}.png"));
        chromium(
            &browser,
            &page,
            profile.path(),
            &[&format!("--screenshot={}", png.display()), "--window-size=1280,4000"],
        );
        let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
        assert!(size > 50_000, "{name}: the screenshot {} is {size} bytes", png.display());
        println!("screenshot: {}", png.display());
    }
}

/// The horizon report (`rotaplan horizon --report`): three years of the three-school
/// county, every chart drawn, nothing overflowing, no raw key, Chinese headings in Chinese.
#[test]
fn the_horizon_report_loads_draws_every_chart_and_fits_the_page() {
    let Some(browser) = find() else { return };
    let county = common::three_schools();
    let policy = common::simple_policy();
    let opts = SolveOptions::default();
    let rows = run_horizon(&county, &policy, (2026, 3), &opts, &mut |run| {
        let breaches = rotaplan::check::check_plan(&run.county, &policy, &run.result.plan);
        assert!(breaches.iter().all(|b| b.rule.is_elastic()), "{}: {breaches:?}", run.row.year);
        Ok(())
    })
    .unwrap();
    let cv_max: Vec<_> = Stage::ALL.iter().map(|&g| (g, policy.cv_max(g))).collect();
    let dir = out_dir();
    let profile = tempfile::tempdir().unwrap();
    for (lang, name) in [(Lang::En, "en"), (Lang::Zh, "zh")] {
        let html = horizon_report(&rows, &cv_max, lang);
        for width in [1280, 760] {
            let what = format!("horizon {name} at {width} px");
            let probed =
                probe(&browser, &html, &dir.join(format!("horizon-{name}-probed.html")), profile.path(), width);
            assert_laid_out(&probed, &what);
            let ids: Vec<&str> = probed.charts.iter().map(|c| c.0.as_str()).collect();
            for id in ["horizon-unfilled", "horizon-cv-primary", "horizon-rotated", "horizon-flows"] {
                assert!(ids.contains(&id), "{what}: chart {id} missing from {ids:?}");
            }
            match lang {
                Lang::Zh => assert_reads_chinese(&probed, &what, &["逐年变化", "乡村", "期满返回", "达标"]),
                Lang::En => assert_eq!(raw_keys(&probed.text), Vec::<String>::new(), "{what}: raw keys"),
            }
        }
    }
}

/// The probe itself: it finds what it is there to find, so that a passing page means
/// something.
#[test]
fn the_probe_finds_overflows_overlaps_a_raw_key_and_an_english_heading() {
    let Some(browser) = find() else { return };
    let dir = out_dir();
    let profile = tempfile::tempdir().unwrap();
    let html = "<!DOCTYPE html><html><body><main style=\"width:300px\"><h1>教师交流</h1><h2>Summary</h2><h3>概况</h3>\
        <div id=\"narrow\" style=\"width:100px\"><span style=\"white-space:nowrap\">policy.exchange.share is far too long to fit</span></div>\
        <svg class=\"chart\" id=\"c\" width=\"240\" height=\"160\" data-marks=\"1\"><rect class=\"mark\" width=\"10\" height=\"10\"/>\
        <text x=\"230\" y=\"20\">far outside the chart</text>\
        <text x=\"20\" y=\"80\">one</text><text x=\"24\" y=\"80\">two</text></svg></main></body></html>";
    let probed = probe(&browser, html, &dir.join("bad-probed.html"), profile.path(), 800);
    let overflow = probed.overflow.join("\n");
    assert!(overflow.contains("div#narrow content"), "{overflow}");
    assert!(overflow.contains("c text \"far outside the chart\" outside the chart"), "{overflow}");
    assert!(overflow.contains("c texts \"one\" and \"two\" overlap"), "{overflow}");
    assert_eq!(raw_keys(&probed.text), ["policy.exchange.share"]);
    assert_eq!(probed.headings, ["教师交流", "Summary", "概况"]);
    let chinese = std::panic::catch_unwind(|| assert_reads_chinese(&probed, "bad", &[]));
    assert!(chinese.is_err(), "an English heading fails the Chinese check");
}
