//! The HTML report of `rotaplan sweep --report`: a sweep's variants in one self-contained
//! page, in the plan report's look.
//!
//! - a summary: the scenario, its variants and how many ended in each status;
//! - per grid parameter that varies (with numeric values), the trade-off curves: per stage,
//!   the teacher indicators' CVs after the plan against the stage's limit, and unfilled
//!   posts (total, rural), each averaged at every value of the parameter over the other
//!   parameters and the seeds (variants without a plan left out);
//! - one table row per variant (the first [`MAX_TABLE_ROWS`]).
//!
//! Grid keys are named in words ([`i18n::sweep_parameter`]), the key itself on hover.
//!
//! A pure function of the rows and the scenario's name, description and CV limits: no
//! timings, so the same sweep gives the same bytes.

use super::{section, shell};
use crate::domain::Stage;
use crate::report::i18n::{self, pick, Lang};
use crate::report::svg::{self, escape, ChartOptions, Series, Threshold};
use crate::sweep::results::{Row, STATUS_ERROR};
use crate::sweep::SweepResults;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The teacher indicators a plan moves (facility indicators stay as they are).
pub const TEACHER_INDICATORS: [&str; 3] = ["degree_per_100", "backbone_per_100", "pe_arts_per_100"];

/// Most variants listed in the table.
pub const MAX_TABLE_ROWS: usize = 200;

/// What the page says about the scenario besides its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepInfo {
    pub description: String,
    /// Per stage the CV limit shared by every variant (`None` when the grid varies it).
    pub cv_max: Vec<(Stage, Option<f64>)>,
}

/// The page of a sweep's results.
pub fn sweep_report(r: &SweepResults, info: &SweepInfo, lang: Lang) -> String {
    let title = pick(lang, format!("What-if sweep: {}", r.scenario), format!("情景分析：{}", r.scenario));
    let mut body = String::new();
    body.push_str(&summary(r, info, lang));
    body.push_str(&trade_offs(r, info, lang));
    body.push_str(&table(r, lang));
    shell(&title, &body, lang)
}

fn summary(r: &SweepResults, info: &SweepInfo, lang: Lang) -> String {
    let mut out = format!("<section id=\"sweep-summary\"><h2>{}</h2>", i18n::sweep_word(lang, "summary"));
    if !info.description.trim().is_empty() {
        let _ = write!(out, "<p>{}</p>", escape(info.description.trim()));
    }
    let which = if r.rows.len() == r.variants {
        i18n::sweep_word(lang, "variants_count").to_string()
    } else {
        pick(
            lang,
            format!("{} of {} variants (shard {})", r.rows.len(), r.variants, r.shard),
            format!("{} 个变体中的 {} 个（分片 {}）", r.variants, r.rows.len(), r.shard),
        )
    };
    let card = |value: &str, label: &str, class: &str| {
        format!(
            "<div class=\"card{class}\"><div class=\"value\">{}</div><div class=\"label\">{}</div></div>",
            escape(value),
            escape(label)
        )
    };
    out.push_str("<div class=\"cards\">");
    out.push_str(&card(&r.scenario, i18n::sweep_word(lang, "scenario"), " words"));
    out.push_str(&card(&r.rows.len().to_string(), &which, ""));
    let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
    for row in &r.rows {
        *by_status.entry(row.status.as_str()).or_default() += 1;
    }
    for status in ["optimal", "feasible", "time_limit", "infeasible", STATUS_ERROR] {
        let n = by_status.get(status).copied().unwrap_or(0);
        if n == 0 && matches!(status, "infeasible") {
            continue;
        }
        let class = if n > 0 && matches!(status, "infeasible" | STATUS_ERROR) { " bad" } else { "" };
        let _ = write!(
            out,
            "<div class=\"card{class}\" data-status=\"{status}\"><div class=\"value\">{n}</div><div class=\"label\">{}</div></div>",
            escape(i18n::status(lang, status))
        );
    }
    out.push_str("</div>");
    let params: Vec<String> = r
        .parameters
        .iter()
        .map(|k| format!("<span title=\"{}\">{}</span>", escape(k), escape(&i18n::sweep_parameter(lang, k))))
        .collect();
    let params = if params.is_empty() { "-".to_string() } else { params.join(pick(lang, ", ", "、")) };
    let _ = write!(out, "<p class=\"note\">{}: {params}</p>", i18n::sweep_word(lang, "grid"));
    out.push_str("</section>\n");
    out
}

/// A parameter value as a number for an x axis.
fn number(v: &toml::Value) -> Option<f64> {
    match v {
        toml::Value::Integer(i) => Some(*i as f64),
        toml::Value::Float(f) if f.is_finite() => Some(*f),
        _ => None,
    }
}

/// The distinct numeric values of parameter `p` among the rows, sorted; `None` when a
/// value is not a number.
fn x_values(r: &SweepResults, p: usize) -> Option<Vec<f64>> {
    let mut xs = Vec::new();
    for row in &r.rows {
        let x = number(&row.parameters.get(p)?.1)?;
        if !xs.contains(&x) {
            xs.push(x);
        }
    }
    xs.sort_by(f64::total_cmp);
    Some(xs)
}

/// The mean of `value` over the rows whose parameter `p` is `x` (rows where it is `None`
/// left out).
fn mean_at(r: &SweepResults, p: usize, x: f64, value: impl Fn(&Row) -> Option<f64>) -> Option<f64> {
    let vals: Vec<f64> = r
        .rows
        .iter()
        .filter(|row| row.parameters.get(p).and_then(|(_, v)| number(v)) == Some(x))
        .filter_map(value)
        .filter(|v| v.is_finite())
        .collect();
    (!vals.is_empty()).then(|| vals.iter().sum::<f64>() / vals.len() as f64)
}

fn cv_of(row: &Row, stage: Stage, key: &str) -> Option<f64> {
    row.outcome.as_ref()?.cv.get(stage.name())?.get(key)?.cv
}

/// The parameters drawn as trade-off curves: varying, with numbers for values.
pub fn charted_parameters(r: &SweepResults) -> Vec<(usize, Vec<f64>)> {
    (0..r.parameters.len()).filter_map(|p| x_values(r, p).filter(|xs| xs.len() > 1).map(|xs| (p, xs))).collect()
}

fn trade_offs(r: &SweepResults, info: &SweepInfo, lang: Lang) -> String {
    let mut out = section(
        "sweep-trade-offs",
        i18n::sweep_word(lang, "trade_offs"),
        &escape(i18n::sweep_word(lang, "trade_offs_note")),
    );
    let charted = charted_parameters(r);
    if charted.is_empty() {
        let _ = write!(out, "<p class=\"note\">{}</p>", escape(i18n::sweep_word(lang, "nothing_varies")));
    }
    for (p, xs) in charted {
        let key = &r.parameters[p];
        let name = i18n::sweep_parameter(lang, key);
        let _ = write!(out, "<h3 title=\"{}\">{}</h3><div class=\"charts\">", escape(key), escape(&name));
        for &stage in Stage::ALL {
            let series: Vec<Series> = TEACHER_INDICATORS
                .iter()
                .map(|k| {
                    let values = xs.iter().map(|&x| mean_at(r, p, x, |row| cv_of(row, stage, k))).collect();
                    Series::new(&i18n::indicator_short(lang, k), values)
                })
                .collect();
            if series.iter().all(|s| s.values.iter().all(Option::is_none)) {
                continue;
            }
            let limit = info
                .cv_max
                .iter()
                .find(|(s, _)| *s == stage)
                .and_then(|(_, v)| *v)
                .map(|value| Threshold { value, label: format!("{} ≤ {value:.2}", pick(lang, "limit", "标准")) });
            let stage_name = i18n::stage(lang, stage);
            let opts = ChartOptions {
                x_label: name.clone(),
                y_label: pick(lang, "CV", "差异系数").into(),
                decimals: 3,
                ..ChartOptions::new(
                    &format!("sweep-cv-{}-{p}", stage.name()),
                    &format!("{stage_name}{}", i18n::sweep_word(lang, "cv_title")),
                )
            };
            let _ = write!(out, "<figure>{}</figure>", svg::line_chart(&xs, &series, limit.as_ref(), &opts));
        }
        let posts = |f: fn(&crate::sweep::results::Unfilled) -> u32| {
            xs.iter()
                .map(|&x| mean_at(r, p, x, |row| row.outcome.as_ref().map(|o| f64::from(f(&o.unfilled)))))
                .collect()
        };
        let series = vec![
            Series::new(i18n::sweep_word(lang, "total"), posts(|u| u.total)),
            Series::new(i18n::locale(lang, crate::domain::Locale::Rural), posts(|u| u.rural)),
        ];
        let opts = ChartOptions {
            x_label: name.clone(),
            y_label: i18n::sweep_word(lang, "unfilled").into(),
            decimals: 0,
            ..ChartOptions::new(&format!("sweep-posts-{p}"), i18n::sweep_word(lang, "posts_title"))
        };
        let _ = write!(out, "<figure>{}</figure></div>", svg::line_chart(&xs, &series, None, &opts));
    }
    out.push_str("</section>\n");
    out
}

fn num(text: &str, class: &str) -> String {
    match class {
        "" => format!("<td class=\"num\">{}</td>", escape(text)),
        c => format!("<td class=\"num\"><span class=\"{c}\">{}</span></td>", escape(text)),
    }
}

/// CVs within the limit and CVs assessed, over both stages and every indicator.
fn cvs_passing(row: &Row) -> Option<(usize, usize)> {
    let o = row.outcome.as_ref()?;
    let passes = o.cv.values().flat_map(|m| m.values()).filter_map(|c| c.pass);
    Some(passes.fold((0, 0), |(ok, n), p| (ok + usize::from(p), n + 1)))
}

fn table(r: &SweepResults, lang: Lang) -> String {
    let w = |k: &str| escape(i18n::sweep_word(lang, k));
    let mut out = format!("<section id=\"sweep-variants\"><h2>{}</h2>", w("variants"));
    let _ = write!(
        out,
        "<div style=\"overflow-x:auto\"><table id=\"variants-table\"><thead><tr><th class=\"num\">{}</th><th class=\"num\">{}</th>",
        w("variant"),
        w("seed")
    );
    for key in &r.parameters {
        let _ = write!(
            out,
            "<th class=\"num\" title=\"{}\">{}</th>",
            escape(key),
            escape(&i18n::sweep_parameter(lang, key))
        );
    }
    let _ = write!(
        out,
        "<th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
        w("status"),
        w("rules_unmet"),
        w("moves"),
        w("unfilled_total"),
        w("unfilled_rural"),
        w("cvs_passing"),
    );
    for row in r.rows.iter().take(MAX_TABLE_ROWS) {
        let _ = write!(out, "<tr class=\"variant\" data-variant=\"{}\">", row.variant);
        out.push_str(&num(&row.variant.to_string(), ""));
        out.push_str(&num(&row.seed.to_string(), ""));
        for (_, v) in &row.parameters {
            out.push_str(&num(&crate::sweep::grid::cell(v), ""));
        }
        let status = escape(i18n::status(lang, &row.status));
        let failed = matches!(row.status.as_str(), STATUS_ERROR | "infeasible");
        if row.reason.trim().is_empty() {
            let _ = write!(out, "<td>{status}</td>");
        } else {
            let class = if failed { " class=\"fail\"" } else { "" };
            let reason = crate::sweep::results::one_line(&row.reason);
            let _ = write!(out, "<td><span{class} title=\"{}\">{status}</span></td>", escape(&reason));
        }
        match &row.outcome {
            Some(o) => {
                out.push_str(&num(&o.rules_unmet.to_string(), if o.rules_unmet > 0 { "fail" } else { "" }));
                out.push_str(&num(&o.counts.exchanges.to_string(), ""));
                out.push_str(&num(&o.unfilled.total.to_string(), ""));
                out.push_str(&num(&o.unfilled.rural.to_string(), ""));
                let (ok, n) = cvs_passing(row).unwrap_or((0, 0));
                out.push_str(&num(&format!("{ok}/{n}"), if ok < n { "fail" } else { "pass" }));
            }
            None => {
                for _ in 0..5 {
                    out.push_str(&num("-", ""));
                }
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    if r.rows.len() > MAX_TABLE_ROWS {
        let (shown, all) = (MAX_TABLE_ROWS, r.rows.len());
        let text = pick(
            lang,
            format!("The first {shown} of {all} variants; every variant is in results.csv."),
            format!("仅列出 {all} 个变体中的前 {shown} 个；全部变体见 results.csv。"),
        );
        let _ = write!(out, "<p class=\"note\" id=\"variants-capped\">{}</p>", escape(&text));
    }
    let _ = write!(out, "<p class=\"note\">{}</p>", w("table_note"));
    out.push_str("</section>\n");
    out
}
