//! The HTML report: one self-contained page a bureau opens in any browser, offline.
//!
//! Everything is inline: the charts are `<svg>` ([`crate::report::svg`]), the style is one
//! `<style>` element, and the font is the system's (a stack with the usual Chinese fonts
//! of Windows, macOS and Linux), so the file can be mailed or put on a USB stick. No
//! script, web font, image or link to anything outside the file. Output is a pure function
//! of its inputs (no dates, no randomness), so it is snapshot-tested.
//!
//! [`plan_report`] shows a plan: the key figures, each indicator's CV before and after
//! against its limit, unfilled posts by locale and subject, teacher flows between urban,
//! town and rural schools, and every move and placement with its reasons.
//! [`evaluation_report`] shows an evaluation, and with a plan the same before and after.
//! [`compare_report`] sets the plans of several allocation rules side by side
//! (`rotaplan compare --report`); [`horizon::horizon_report`] shows a horizon's years
//! (`rotaplan horizon --report`).

mod compare;
mod compare_charts;
pub mod horizon;
mod sections;
pub mod sweep;
mod tables;
mod terms;
mod worse;

pub use compare::compare_report;

use super::i18n::{pick, Lang};
use super::svg::escape;
use crate::domain::{County, Plan};
use crate::metrics::Evaluation;
use crate::planner::{PlanResult, Summary};
use std::fmt::Write;

/// A plan and the county evaluated after it; `summary` when the plan was just made (it
/// adds the solve status, eligible teachers and the rules not met).
#[derive(Debug, Clone, Copy)]
pub struct PlanView<'a> {
    pub plan: &'a Plan,
    pub after: &'a Evaluation,
    pub summary: Option<&'a Summary>,
}

/// The report of a plan just made by [`crate::planner::make_plan`].
pub fn plan_report(county: &County, result: &PlanResult, lang: Lang) -> String {
    let view = PlanView { plan: &result.plan, after: &result.summary.metrics.after, summary: Some(&result.summary) };
    let title = pick(lang, "Teacher exchange plan", "教师交流轮岗方案");
    page(county, &result.summary.metrics.before, Some(view), title, lang)
}

/// The report of `rotaplan evaluate`: the county as it is, or before and after `plan`.
pub fn evaluation_report(county: &County, before: &Evaluation, plan: Option<PlanView<'_>>, lang: Lang) -> String {
    let title = match plan {
        None => pick(lang, "County balance evaluation", "县域义务教育均衡发展评估"),
        Some(_) => pick(lang, "County balance evaluation before and after a plan", "方案实施前后县域均衡发展评估"),
    };
    page(county, before, plan, title, lang)
}

/// The page of `rotaplan explain --report`: one row per id asked, with the text the
/// console gives (`rows`: id and text).
pub fn explanations_report(rows: &[(String, String)], lang: Lang) -> String {
    let title = pick(lang, "Why the plan decided as it did", "方案决定的理由");
    let note = pick(
        lang,
        "One row per teacher, school or new hire asked, with the rule or objective term behind each decision.",
        "每行为一名被询问的教师、一所学校或一名新教师，列出每项决定所依据的规则或目标项。",
    );
    let mut body = section("explanations", title, note);
    let (id, text) = pick(lang, ("id", "explanation"), ("编号", "说明"));
    let _ = write!(body, "<table><thead><tr><th>{id}</th><th>{text}</th></tr></thead><tbody>");
    for (id, text) in rows {
        let _ =
            write!(body, "<tr><td>{}</td><td style=\"white-space:pre-wrap\">{}</td></tr>", escape(id), escape(text));
    }
    body.push_str("</tbody></table></section>\n");
    shell(title, &body, lang)
}

fn page(county: &County, before: &Evaluation, plan: Option<PlanView<'_>>, title: &str, lang: Lang) -> String {
    let mut body = String::new();
    body.push_str(&sections::summary(county, before, plan, lang));
    body.push_str(&sections::balance(before, plan.map(|p| p.after), lang));
    body.push_str(&sections::shortages(county, before, plan, lang));
    if let Some(p) = plan {
        body.push_str(&sections::flows(county, p.plan, lang));
        body.push_str(&tables::moves(county, p.plan, lang));
        body.push_str(&tables::hires(county, p.plan, lang));
        if let Some(s) = p.summary {
            body.push_str(&tables::violations(s, lang));
            body.push_str(&worse::worse(s, lang));
            body.push_str(&terms::terms(s, lang));
        }
    }
    shell(title, &body, lang)
}

/// The page around `body` (sections as HTML): head with the style, the title as `<h1>`,
/// and the footer explaining CVs and their limits. Shared by every HTML report.
fn shell(title: &str, body: &str, lang: Lang) -> String {
    let mut html = String::with_capacity(body.len() + 4096);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{lang_tag}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"rotaplan {version}\">\n<title>{t}</title>\n<style>{STYLE}</style>\n</head>\n\
         <body>\n<main>\n<header><h1>{t}</h1></header>\n{body}<footer>{foot}</footer>\n</main>\n</body>\n</html>\n",
        lang_tag = pick(lang, "en", "zh-CN"),
        version = env!("CARGO_PKG_VERSION"),
        t = escape(title),
        foot = footer(lang),
    );
    html
}

/// Opens a report section: its anchor, heading and the note that says how to read it.
pub(super) fn section(id: &str, title: &str, note: &str) -> String {
    format!("<section id=\"{id}\"><h2>{title}</h2><p class=\"note\">{note}</p>")
}

fn footer(lang: Lang) -> String {
    let version = env!("CARGO_PKG_VERSION");
    let text = pick(
        lang,
        format!(
            "Made by rotaplan {version}. CV (coefficient of variation) = student-weighted standard deviation ÷ \
             student-weighted mean of an indicator over the schools of one stage; teaching points with fewer than \
             50 students are left out. Limits: 2017 quality-balance method (primary 0.50, junior 0.45, from the \
             policy file)."
        ),
        format!(
            "由 rotaplan {version} 生成。差异系数 = 某指标按学生数加权的标准差 ÷ 按学生数加权的平均值，小学、初中分别计算；\
             学生不足50人的教学点不参与计算。标准：2017年《县域义务教育优质均衡发展督导评估办法》（小学≤0.50，初中≤0.45，取自政策文件）。"
        ),
    );
    escape(&text)
}

/// The page's only style: a system font stack with Chinese fallbacks, print-friendly.
const STYLE: &str = "
:root{--ink:#1a202c;--muted:#4a5568;--line:#e2e8f0;--accent:#2b6cb0;--bad:#c53030;--good:#2f855a}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#f7fafc;font:15px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,
'Helvetica Neue',Arial,'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','Source Han Sans SC',
'WenQuanYi Micro Hei',sans-serif}
main{max-width:1040px;margin:0 auto;padding:24px 28px 48px;background:#fff}
h1{font-size:26px;margin:4px 0 16px}
h2{font-size:19px;margin:36px 0 8px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:16px;margin:20px 0 6px}
p.note{color:var(--muted);margin:4px 0 12px;font-size:14px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:12px}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px}
.card .value{font-size:22px;font-weight:650;white-space:nowrap}
.card .label{color:var(--muted);font-size:13px}
.card.bad .value{color:var(--bad)}
.card.words .value{font-size:17px;white-space:normal;padding-top:4px}
.card.good .value{color:var(--good)}
p.note.rise{color:var(--bad)}
figure{margin:12px 0 20px}
figcaption{color:var(--muted);font-size:13px}
svg.chart{display:block;max-width:100%;height:auto;font-family:inherit}
.charts{display:flex;flex-wrap:wrap;gap:8px 24px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0 16px}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:#edf2f7;font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr:nth-child(even) td{background:#fafcfe}
.indicators td:last-child{white-space:nowrap}
.pass{color:var(--good)}.fail{color:var(--bad);font-weight:600}
.tag{display:inline-block;margin:0 4px 2px 0;padding:0 6px;border-radius:4px;background:#ebf4ff;color:#2c5282;font-size:12px}
footer{margin-top:40px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:8px}
@media print{body{background:#fff}main{max-width:none;padding:0}h2{break-after:avoid}figure,tr{break-inside:avoid}}
";
