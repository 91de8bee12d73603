//! The HTML report of `rotaplan horizon --report`: the years of a horizon in one
//! self-contained page, in the plan report's look. Year-by-year line charts of the
//! unfilled posts by locale, each stage's CVs against the stage's pass line, the share of
//! the teachers due by tenure who have rotated, and the year's exchanges, extensions,
//! returns, retirements and hires; then the per-year table.
//!
//! A pure function of the rows and the CV limits: no timings, so the same horizon gives
//! the same bytes.

use super::{section, shell};
use crate::domain::{Locale, Stage};
use crate::horizon::YearRow;
use crate::report::i18n::{self, pick, Lang};
use crate::report::svg::{self, escape, ChartOptions, Series, Threshold};
use std::fmt::Write;

/// The page of a horizon's years; `cv_max` is each stage's CV limit (2017 method).
pub fn horizon_report(rows: &[YearRow], cv_max: &[(Stage, f64)], lang: Lang) -> String {
    let (first, last) = (rows.first().map_or(0, |r| r.year), rows.last().map_or(0, |r| r.year));
    let title = pick(
        lang,
        format!("Exchange over the years {first}-{last}"),
        format!("{first}-{last} 学年教师交流轮岗逐年规划"),
    );
    let years: Vec<f64> = rows.iter().map(|r| f64::from(r.year)).collect();
    let mut body = section(
        "horizon-charts",
        pick(lang, "Year by year", "逐年变化"),
        pick(
            lang,
            "Each year is planned given the earlier ones (rolling, not clairvoyant); the values are after each year's plan.",
            "每年在前几年方案的基础上规划（滚动规划，不预知未来）；数值为各年方案实施后的情况。",
        ),
    );
    body.push_str("<div class=\"charts\">");
    let year = pick(lang, "School year", "学年");
    let chart = |id: &str, title: &str, y: &str, decimals: usize| ChartOptions {
        x_label: year.into(),
        y_label: y.into(),
        decimals,
        ..ChartOptions::new(id, title)
    };
    let unfilled = [Locale::Urban, Locale::Town, Locale::Rural].map(|l| {
        let values = rows.iter().map(|r| Some(f64::from(unfilled_at(r, l)))).collect();
        Series::new(i18n::locale(lang, l), values)
    });
    let opts = chart(
        "horizon-unfilled",
        pick(lang, "Unfilled posts by locale", "各类地区未补足岗位"),
        pick(lang, "posts", "个"),
        0,
    );
    let _ = write!(body, "<figure>{}</figure>", svg::line_chart(&years, &unfilled, None, &opts));
    for &(stage, limit) in cv_max {
        body.push_str(&cv_chart(rows, &years, stage, limit, &chart, lang));
    }
    let rotated = vec![Series::new(
        pick(lang, "rotated", "已轮岗"),
        rows.iter().map(|r| Some(100.0 * r.rotated_share)).collect(),
    )];
    let rotated_title =
        pick(lang, "Share of teachers due by tenure who have rotated", "达到任教年限的教师中已交流的比例");
    let opts = chart("horizon-rotated", rotated_title, "%", 1);
    let _ = write!(body, "<figure>{}</figure>", svg::line_chart(&years, &rotated, None, &opts));
    let flows = flow_series(rows, lang);
    let opts = chart(
        "horizon-flows",
        pick(lang, "Teachers moving each year", "每年人员变动"),
        pick(lang, "teachers", "人"),
        0,
    );
    let _ = write!(body, "<figure>{}</figure>", svg::line_chart(&years, &flows, None, &opts));
    body.push_str("</div></section>\n");
    body.push_str(&table(rows, lang));
    shell(&title, &body, lang)
}

fn unfilled_at(r: &YearRow, l: Locale) -> u32 {
    match l {
        Locale::Urban => r.unfilled_urban,
        Locale::Town => r.unfilled_town,
        Locale::Rural => r.unfilled_rural,
    }
}

/// One stage's CVs, one line per indicator, with the stage's pass line.
fn cv_chart(
    rows: &[YearRow],
    years: &[f64],
    stage: Stage,
    limit: f64,
    chart: &dyn Fn(&str, &str, &str, usize) -> ChartOptions,
    lang: Lang,
) -> String {
    let keys: Vec<&str> = rows
        .first()
        .map(|r| r.cvs.iter().filter(|c| c.stage == stage.name()).map(|c| c.indicator).collect())
        .unwrap_or_default();
    let series: Vec<Series> = keys
        .iter()
        .map(|&k| {
            let values = rows
                .iter()
                .map(|r| r.cvs.iter().find(|c| c.stage == stage.name() && c.indicator == k).and_then(|c| c.cv))
                .collect();
            Series::new(&i18n::indicator_short(lang, k), values)
        })
        .collect();
    if series.iter().all(|s| s.values.iter().all(Option::is_none)) {
        return String::new();
    }
    let pass = Threshold { value: limit, label: format!("{} ≤ {limit:.2}", pick(lang, "pass", "达标")) };
    let title = format!("{}{}", i18n::stage(lang, stage), pick(lang, ": CV of each indicator", "：各指标差异系数"));
    let opts = chart(&format!("horizon-cv-{}", stage.name()), &title, pick(lang, "CV", "差异系数"), 3);
    format!("<figure>{}</figure>", svg::line_chart(years, &series, Some(&pass), &opts))
}

fn flow_series(rows: &[YearRow], lang: Lang) -> Vec<Series> {
    let line = |en: &str, zh: &str, f: fn(&YearRow) -> usize| {
        Series::new(pick(lang, en, zh), rows.iter().map(|r| Some(f(r) as f64)).collect())
    };
    vec![
        line("exchanges", "交流", |r| r.exchanges),
        line("extensions", "延期", |r| r.extensions),
        line("returns", "期满返回", |r| r.returns),
        line("retirements", "退休", |r| r.retirements),
        line("hires", "新教师", |r| r.hires),
    ]
}

fn table(rows: &[YearRow], lang: Lang) -> String {
    let heads = pick(
        lang,
        [
            "Year",
            "Status",
            "Teachers",
            "Eligible",
            "Exchanges",
            "Extensions",
            "Returns",
            "Away",
            "Retired",
            "Hires",
            "Unfilled urban/town/rural",
            "Rotated",
            "Quota",
            "Rules unmet",
        ],
        [
            "学年",
            "求解状态",
            "教师数",
            "应交流",
            "交流",
            "延期",
            "期满返回",
            "在外交流",
            "退休",
            "新教师",
            "未补足岗位 城区/镇区/乡村",
            "已轮岗",
            "交流比例",
            "未满足的规则",
        ],
    );
    let mut out = format!("<section id=\"horizon-years\"><h2>{}</h2>", pick(lang, "Each year", "各年情况"));
    out.push_str("<div style=\"overflow-x:auto\"><table id=\"horizon-table\"><thead><tr>");
    for h in heads {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead><tbody>");
    for r in rows {
        let quota = if r.quota_met { pick(lang, "met", "达到") } else { pick(lang, "short", "未达到") };
        let mut codes: Vec<&str> = r.breaches.clone();
        codes.dedup();
        codes.sort_unstable();
        codes.dedup();
        let rules: Vec<String> = codes
            .iter()
            .map(|&code| {
                let n = r.breaches.iter().filter(|&&c| c == code).count();
                let places = if n > 1 { format!(" ({n})") } else { String::new() };
                match crate::rules::Rule::parse(code) {
                    Some(rule) => format!("<span title=\"{code}\">{}{places}</span>", escape(rule.title(lang))),
                    None => escape(code),
                }
            })
            .collect();
        let rules = if rules.is_empty() { "-".to_string() } else { rules.join(pick(lang, ", ", "、")) };
        let mut cells = vec![r.year.to_string(), i18n::status(lang, r.status).to_string()];
        cells.extend(r.counts().iter().map(usize::to_string));
        cells.extend([
            format!("{}/{}/{}", r.unfilled_urban, r.unfilled_town, r.unfilled_rural),
            format!("{:.1}%", 100.0 * r.rotated_share),
            quota.to_string(),
        ]);
        let _ = write!(out, "<tr data-year=\"{}\">", r.year);
        for c in cells {
            let _ = write!(out, "<td>{}</td>", escape(&c));
        }
        let _ = write!(out, "<td>{rules}</td></tr>");
    }
    out.push_str("</tbody></table></div></section>\n");
    out
}
