//! The report's tables: indicators per stage, every move and placement with its reasons,
//! and the policy rules a plan does not meet.

use crate::domain::{County, Plan};
use crate::metrics::StageEvaluation;
use crate::planner::Summary;
use crate::report::i18n::{self, pick, Lang};
use crate::report::svg::{escape, fmt};
use std::fmt::Write;

/// An HTML table; cells are HTML (escape text before adding it).
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    class: &'static str,
}

impl Table {
    pub fn new(header: &[&str]) -> Self {
        Table { header: header.iter().map(|h| escape(h)).collect(), rows: Vec::new(), class: "" }
    }

    /// The table with a CSS class.
    pub fn with_class(mut self, class: &'static str) -> Self {
        self.class = class;
        self
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The table; `numeric[i]` right-aligns column `i`.
    pub fn render(&self, numeric: &[bool]) -> String {
        let class = |i: usize| if numeric.get(i).copied().unwrap_or(false) { " class=\"num\"" } else { "" };
        let mut out = match self.class {
            "" => String::from("<table><thead><tr>"),
            c => format!("<table class=\"{c}\"><thead><tr>"),
        };
        for (i, h) in self.header.iter().enumerate() {
            let _ = write!(out, "<th{}>{h}</th>", class(i));
        }
        out.push_str("</tr></thead><tbody>");
        for row in &self.rows {
            out.push_str("<tr>");
            for (i, c) in row.iter().enumerate() {
                let _ = write!(out, "<td{}>{c}</td>", class(i));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
        out
    }
}

fn num(v: Option<f64>, decimals: usize) -> String {
    v.map_or("-".into(), |v| fmt(v, decimals))
}

fn verdict(lang: Lang, pass: Option<bool>) -> String {
    let class = match pass {
        Some(true) => "pass",
        Some(false) => "fail",
        None => "",
    };
    format!("<span class=\"{class}\">{}</span>", i18n::verdict(lang, pass))
}

/// Every indicator of a stage: county value and CV before (and after), limit and result,
/// then the 2012 mean of CVs.
pub fn cv_table(s: &StageEvaluation, after: Option<&StageEvaluation>, lang: Lang) -> String {
    let mut header =
        vec![pick(lang, "Indicator", "指标"), pick(lang, "County value", "县域值"), pick(lang, "CV", "差异系数")];
    if after.is_some() {
        header = vec![
            pick(lang, "Indicator", "指标"),
            pick(lang, "Value before", "方案前县域值"),
            pick(lang, "CV before", "方案前差异系数"),
            pick(lang, "Value after", "方案后县域值"),
            pick(lang, "CV after", "方案后差异系数"),
        ];
    }
    header.push(pick(lang, "Limit", "标准"));
    header.push(pick(lang, "Result", "结果"));
    let mut t = Table::new(&header).with_class("indicators");
    for ind in &s.indicators {
        let then = after.and_then(|a| a.indicators.iter().find(|i| i.key == ind.key));
        let mut name = escape(&i18n::indicator_long(lang, ind.key, ind.label));
        if ind.threshold.is_none() {
            name.push_str(pick(lang, " (2012 method)", "（2012年基本均衡指标）"));
        }
        let mut row = vec![name, num(ind.county_value, 2), num(ind.cv, 3)];
        if after.is_some() {
            row.push(num(then.and_then(|i| i.county_value), 2));
            row.push(num(then.and_then(|i| i.cv), 3));
        }
        row.push(num(ind.threshold, 2));
        let result = match then {
            Some(a) if ind.pass.is_some() || a.pass.is_some() => {
                format!("{} → {}", verdict(lang, ind.pass), verdict(lang, a.pass))
            }
            _ => verdict(lang, ind.pass),
        };
        row.push(result);
        t.row(row);
    }
    let b = &s.basic_2012;
    let mut row = vec![
        escape(pick(lang, "2012 basic balance: mean of CVs", "2012年基本均衡：差异系数平均值")),
        "".into(),
        num(b.mean_cv, 3),
    ];
    let ab = after.map(|a| &a.basic_2012);
    if let Some(ab) = ab {
        row.push(String::new());
        row.push(num(ab.mean_cv, 3));
    }
    row.push(fmt(b.threshold, 2));
    row.push(match ab {
        Some(ab) => format!("{} → {}", verdict(lang, b.pass), verdict(lang, ab.pass)),
        None => verdict(lang, b.pass),
    });
    t.row(row);
    let numeric: Vec<bool> = (0..t.header.len()).map(|i| i > 0 && i + 1 < t.header.len()).collect();
    t.render(&numeric)
}

/// Reason codes as tags in the reader's words, the code kept as the tag's title.
fn reasons(lang: Lang, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| format!("<span class=\"tag\" title=\"{}\">{}</span>", escape(c), escape(&i18n::reason(lang, c))))
        .collect()
}

/// "Name (ID)" of a school, or the id alone when it has no name.
fn school(county: &County, i: usize) -> String {
    let s = &county.schools[i];
    if s.name.is_empty() {
        escape(&s.id)
    } else {
        format!("{} ({})", escape(&s.name), escape(&s.id))
    }
}

pub fn moves(county: &County, plan: &Plan, lang: Lang) -> String {
    let mut out = format!(
        "<section id=\"moves\"><h2>{} ({})</h2>",
        pick(lang, "Exchanges and their reasons", "交流教师名单及原因"),
        plan.moves.len()
    );
    if plan.moves.is_empty() {
        let _ = writeln!(out, "<p>{}</p></section>", pick(lang, "No teacher is exchanged.", "本方案无教师交流。"));
        return out;
    }
    let mut t = Table::new(&[
        pick(lang, "Teacher", "教师编号"),
        pick(lang, "Name", "姓名"),
        pick(lang, "Subject", "学科"),
        pick(lang, "From", "派出学校"),
        pick(lang, "To", "接收学校"),
        pick(lang, "Years", "年限"),
        pick(lang, "Reasons", "原因"),
    ]);
    for m in &plan.moves {
        let teacher = &county.teachers[m.teacher];
        let locale = |i: usize| i18n::locale(lang, county.schools[i].locale);
        t.row(vec![
            escape(&teacher.id),
            escape(&teacher.name),
            escape(i18n::subject(lang, teacher.subject)),
            format!("{} · {}", school(county, m.from), locale(m.from)),
            format!("{} · {}", school(county, m.to), locale(m.to)),
            m.term_years.to_string(),
            reasons(lang, &m.reasons),
        ]);
    }
    out.push_str(&t.render(&[false, false, false, false, false, true, false]));
    out.push_str("</section>\n");
    out
}

pub fn hires(county: &County, plan: &Plan, lang: Lang) -> String {
    let mut out = format!(
        "<section id=\"hires\"><h2>{} ({})</h2>",
        pick(lang, "New hires and where they go", "新教师分配"),
        plan.placements.len()
    );
    if plan.placements.is_empty() {
        let _ = writeln!(out, "<p>{}</p></section>", pick(lang, "No new hires to place.", "无新教师需分配。"));
        return out;
    }
    let mut t = Table::new(&[
        pick(lang, "New hire", "编号"),
        pick(lang, "Subject", "学科"),
        pick(lang, "Degree", "学历"),
        pick(lang, "School", "学校"),
        pick(lang, "Reasons", "原因"),
    ]);
    for p in &plan.placements {
        let h = &county.new_hires[p.hire];
        t.row(vec![
            escape(&h.id),
            escape(i18n::subject(lang, h.subject)),
            escape(i18n::degree(lang, h.degree)),
            format!("{} · {}", school(county, p.school), i18n::locale(lang, county.schools[p.school].locale)),
            reasons(lang, &p.reasons),
        ]);
    }
    out.push_str(&t.render(&[]));
    out.push_str("</section>\n");
    out
}

/// The rules the plan cannot meet; the explanation stays in English (it is built from
/// the data by the model and has no translation), marked as such for the browser.
pub fn violations(s: &Summary, lang: Lang) -> String {
    let mut out =
        format!("<section id=\"violations\"><h2>{}</h2>", pick(lang, "Policy rules not met", "未满足的政策规则"));
    if s.violations.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"pass\">{}</p></section>",
            pick(lang, "Every policy rule is met.", "所有政策规则均已满足。")
        );
        return out;
    }
    let mut t = Table::new(&[
        pick(lang, "Rule", "规则"),
        pick(lang, "School", "学校"),
        pick(lang, "Subject", "学科"),
        pick(lang, "Short by", "缺口"),
        pick(lang, "Why", "原因说明"),
    ]);
    for v in &s.violations {
        let subject = v
            .subject
            .as_deref()
            .map(|k| crate::domain::Subject::parse(k).map_or(k.to_string(), |k| i18n::subject(lang, k).to_string()));
        t.row(vec![
            escape(v.rule.title(lang)),
            escape(v.school.as_deref().unwrap_or("-")),
            escape(subject.as_deref().unwrap_or("-")),
            format!("{} {}", fmt(v.amount, 2), escape(v.rule.unit().words(lang))),
            // The checker's words are in the run's language (`--lang`), as it made them.
            format!(
                "<span lang=\"{}\">{}{}{}</span>",
                i18n::pick(i18n::current(), "en", "zh"),
                escape(&v.message),
                i18n::pick(i18n::current(), ": ", "："),
                escape(v.why.as_deref().unwrap_or(""))
            ),
        ]);
    }
    out.push_str(&t.render(&[false, false, false, true, false]));
    out.push_str("</section>\n");
    out
}
