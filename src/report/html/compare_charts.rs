//! The charts of the compare report: per stage the teacher indicators' CVs under each
//! rule, unfilled posts under each rule, and moves and mean distance per rule. Rule `i`
//! (in the order given) is series `i + 1` in every chart, after the grey county before the
//! plan, so it keeps its colour throughout, with a legend in each chart.

use super::section;
use crate::compare::row::Outlook;
use crate::compare::Comparison;
use crate::domain::Stage;
use crate::report::i18n::{self, pick, Lang};
use crate::report::svg::{self, escape, ChartOptions, Series, Threshold};
use std::fmt::Write;

/// The teacher indicators a plan moves (facility indicators stay as they are).
pub(super) const TEACHER_INDICATORS: [&str; 3] = ["degree_per_100", "backbone_per_100", "pe_arts_per_100"];

fn before_name(lang: Lang) -> &'static str {
    pick(lang, "Before the plan", "方案前")
}

/// Series 0 the county before the plan, then one series per rule.
fn series(c: &Comparison, lang: Lang, value: impl Fn(&Outlook) -> Vec<Option<f64>>) -> Vec<Series> {
    let mut out = vec![Series::new(before_name(lang), c.before.as_ref().map(&value).unwrap_or_default())];
    out.extend(c.rows.iter().map(|r| Series::new(&r.rule, value(&r.after))));
    out
}

/// Wide enough for the legend of `series` in one row (the page scales the chart down).
fn width_for_legend(series: &[Series]) -> f64 {
    let legend: f64 = series.iter().map(|s| 30.0 + svg::text_width(&s.name, 12.0)).sum();
    (58.0 + legend + 24.0).max(720.0)
}

/// Per stage: the teacher indicators' CVs before the plan and under each rule.
pub(super) fn balance(c: &Comparison, lang: Lang) -> String {
    let mut out = section(
        "compare-balance",
        pick(lang, "Balance: CV of the teacher indicators under each rule", "均衡程度：各规则下教师指标差异系数"),
        pick(
            lang,
            "Lower is more balanced. Grey: the county before the plan; then one bar per rule, in the order given. \
             A bar above the dashed line (outlined in red) fails the national limit.",
            "数值越小越均衡。灰色为方案前，其后按给定顺序每个规则一根柱子。高于虚线（红框）的柱子未达到国家标准。",
        ),
    );
    let outlooks = || c.before.iter().chain(c.rows.iter().map(|r| &r.after));
    for &stage in Stage::ALL {
        let cv = |o: &Outlook| TEACHER_INDICATORS.iter().map(|k| o.cv(stage, k).and_then(|x| x.cv)).collect();
        let series = series(c, lang, cv);
        if series.iter().all(|s| s.values.iter().all(Option::is_none)) {
            continue;
        }
        let limit = outlooks()
            .find_map(|o| TEACHER_INDICATORS.iter().find_map(|k| o.cv(stage, k).and_then(|x| x.threshold)))
            .map(|value| Threshold { value, label: format!("{} ≤ {value:.2}", pick(lang, "limit", "标准")) });
        let labels: Vec<String> = TEACHER_INDICATORS.iter().map(|k| i18n::indicator_short(lang, k)).collect();
        let stage_name = i18n::stage(lang, stage);
        let opts = ChartOptions {
            y_label: pick(lang, "CV", "差异系数").into(),
            decimals: 3,
            width: width_for_legend(&series),
            ..ChartOptions::new(
                &format!("compare-cv-{}", stage.name()),
                &format!(
                    "{stage_name}{}",
                    pick(lang, ": CV of the teacher indicators by rule", "：各规则下教师指标差异系数")
                ),
            )
        };
        let _ = write!(
            out,
            "<h3>{}</h3><figure>{}</figure>",
            escape(stage_name),
            svg::grouped_bars_with_threshold(&labels, &series, limit.as_ref(), &opts)
        );
    }
    out.push_str("</section>\n");
    out
}

/// Unfilled posts at all, rural and weak schools, before the plan and under each rule.
pub(super) fn unfilled(c: &Comparison, lang: Lang) -> String {
    let mut out = section(
        "compare-unfilled",
        pick(lang, "Unfilled posts under each rule", "各规则下缺岗数"),
        pick(
            lang,
            "Subject posts without a teacher after the plan, at all schools, at rural schools and at weak schools \
             (a rural weak school counts in both). Grey: before the plan, new hires not yet placed.",
            "方案实施后无教师任教的学科岗位数：全部学校、乡村学校、薄弱学校（乡村薄弱学校两者都计）。灰色为方案前（新教师尚未分配）。"
        )
    );
    let values = |o: &Outlook| {
        let u = o.unfilled;
        [u.total, u.rural, u.weak].iter().map(|&n| Some(f64::from(n))).collect()
    };
    let series = series(c, lang, values);
    let labels: Vec<String> =
        [("All schools", "全部学校"), ("Rural schools", "乡村学校"), ("Weak schools", "薄弱学校")]
            .iter()
            .map(|(en, zh)| pick(lang, *en, *zh).to_string())
            .collect();
    let opts = ChartOptions {
        y_label: pick(lang, "Unfilled posts", "缺岗数").into(),
        decimals: 0,
        width: width_for_legend(&series),
        ..ChartOptions::new("compare-unfilled-posts", pick(lang, "Unfilled posts by rule", "各规则下缺岗数"))
    };
    let _ = write!(out, "<figure>{}</figure>", svg::grouped_bars_with_threshold(&labels, &series, None, &opts));
    out.push_str(&unfilled_rises(c, &labels, lang));
    out.push_str("</section>\n");
    out
}

/// A note for each rule under which unfilled posts of a group of schools rise above the
/// county before the plan, with the numbers.
fn unfilled_rises(c: &Comparison, groups: &[String], lang: Lang) -> String {
    let Some(before) = &c.before else { return String::new() };
    let counts = |o: &Outlook| [o.unfilled.total, o.unfilled.rural, o.unfilled.weak];
    let mut out = String::new();
    for r in &c.rows {
        let rises: Vec<String> = groups
            .iter()
            .zip(counts(before).into_iter().zip(counts(&r.after)))
            .filter(|(_, (b, a))| a > b)
            .map(|(g, (b, a))| format!("{g} {b} → {a}"))
            .collect();
        if rises.is_empty() {
            continue;
        }
        let text = pick(
            lang,
            format!("Under {}, unfilled posts rise: {}.", r.rule, rises.join("; ")),
            format!("{} 规则下缺岗数上升：{}。", r.rule, rises.join("；")),
        );
        let _ = write!(out, "<p class=\"note rise\">{}</p>", escape(&text));
    }
    out
}

/// Exchanges per rule and the mean distance of an exchange.
pub(super) fn moves(c: &Comparison, lang: Lang) -> String {
    let mut out = section(
        "compare-moves",
        pick(lang, "Moves and distance", "交流人数与距离"),
        pick(
            lang,
            "Teachers exchanged under each rule, and the mean distance from their school to the receiving school \
             (road distance where known, else straight-line).",
            "各规则下交流教师人数，以及原学校到接收学校的平均距离（有道路距离时用道路距离，否则用直线距离）。",
        ),
    );
    let labels: Vec<String> = c.rows.iter().map(|r| r.rule.clone()).collect();
    let exchanges: Vec<f64> = c.rows.iter().map(|r| r.exchanges as f64).collect();
    let km: Vec<f64> = c.rows.iter().map(|r| r.mean_distance_km.unwrap_or(f64::NAN)).collect();
    let needed: Vec<usize> = c.rows.iter().map(|r| r.exchange_needed).collect();
    if let Some(&n) = needed.first().filter(|&&n| needed.iter().all(|&m| m == n)) {
        let _ = write!(
            out,
            "<p class=\"note\">{}</p>",
            escape(&pick(
                lang,
                format!("The exchange quota asks for {n} exchanges."),
                format!("交流比例要求交流 {n} 人。")
            ))
        );
    }
    let moves_opts = ChartOptions {
        y_label: pick(lang, "Teachers exchanged", "交流人数").into(),
        decimals: 0,
        width: 470.0,
        height: 290.0,
        ..ChartOptions::new("compare-moves-count", pick(lang, "Moves by rule", "各规则交流人数"))
    };
    let km_opts = ChartOptions {
        y_label: pick(lang, "km per move", "公里/人").into(),
        decimals: 1,
        width: 470.0,
        height: 290.0,
        ..ChartOptions::new("compare-km-per-move", pick(lang, "Mean km per move by rule", "各规则人均交流距离"))
    };
    let _ = write!(
        out,
        "<div class=\"charts\"><figure>{}</figure><figure>{}</figure></div>",
        svg::bars_by_label(&labels, &exchanges, 1, &moves_opts),
        svg::bars_by_label(&labels, &km, 1, &km_opts)
    );
    out.push_str("</section>\n");
    out
}
