//! The sections of the report with charts: key figures, balance (CV) per stage, unfilled
//! posts by locale and subject, and teacher flows between locales.

use super::tables::{cv_table, Table};
use super::{section, PlanView};
use crate::domain::{County, Locale, Plan, Subject};
use crate::metrics::Evaluation;
use crate::report::i18n::{self, pick, Lang};
use crate::report::svg::{self, escape, ChartOptions, Flow, Series, Threshold};
use std::fmt::Write;

/// Series names: "Before"/"After" with a plan, "Current" without.
fn series_names(lang: Lang, after: bool) -> (&'static str, &'static str) {
    if after {
        (pick(lang, "Before", "方案前"), pick(lang, "After", "方案后"))
    } else {
        (pick(lang, "Current", "现状"), "")
    }
}

/// A key figure: value, label, and a tone: `good`/`bad` colouring, `words` for a value
/// in words rather than a number.
fn card(out: &mut String, value: &str, label: &str, tone: &str) {
    let _ = write!(
        out,
        "<div class=\"card {tone}\"><div class=\"value\">{}</div><div class=\"label\">{}</div></div>",
        escape(value),
        escape(label)
    );
}

fn cvs_passing(e: &Evaluation) -> (usize, usize) {
    e.stages.iter().fold((0, 0), |(p, a), s| (p + s.cvs_passing, a + s.cvs_assessed))
}

pub fn summary(county: &County, before: &Evaluation, plan: Option<PlanView<'_>>, lang: Lang) -> String {
    let mut out = format!("<section id=\"summary\"><h2>{}</h2><div class=\"cards\">", pick(lang, "Summary", "概况"));
    let arrow = |a: String, b: Option<String>| b.map_or(a.clone(), |b| format!("{a} → {b}"));
    if let Some(p) = plan {
        let moves = p.plan.moves.len();
        let label = match p.summary {
            Some(s) => pick(
                lang,
                format!("teachers exchanged, of {} eligible", s.counts.eligible),
                format!("名教师交流（符合条件 {} 人）", s.counts.eligible),
            ),
            None => pick(lang, "teachers exchanged".to_string(), "名教师交流".to_string()),
        };
        card(&mut out, &moves.to_string(), &label, "");
        if let Some(s) = p.summary {
            card(
                &mut out,
                &s.counts.backbone_exchanges.to_string(),
                pick(lang, "of them backbone teachers", "其中骨干教师"),
                "",
            );
        }
        card(&mut out, &p.plan.placements.len().to_string(), pick(lang, "new hires placed", "名新教师分配"), "");
        if let Some(s) = p.summary {
            let tone = if s.violations.is_empty() { "good" } else { "bad" };
            card(
                &mut out,
                &s.violations.len().to_string(),
                pick(lang, "policy rules not met", "项政策规则未满足"),
                tone,
            );
            card(&mut out, i18n::status(lang, s.status.as_str()), pick(lang, "solve status", "求解状态"), "words");
        }
    } else {
        card(
            &mut out,
            &county.schools.len().to_string(),
            pick(lang, "school rows (one per stage)", "所学校（按学段计）"),
            "",
        );
        card(&mut out, &county.teachers.len().to_string(), pick(lang, "teachers", "名教师"), "");
    }
    let after = plan.map(|p| p.after);
    let shortage = |e: &Evaluation| e.subjects.total.shortage.to_string();
    card(
        &mut out,
        &arrow(shortage(before), after.map(shortage)),
        pick(lang, "unfilled teaching posts", "个学科岗位空缺"),
        "",
    );
    let cvs = |e: &Evaluation| {
        let (p, a) = cvs_passing(e);
        format!("{p}/{a}")
    };
    let (p, a) = cvs_passing(after.unwrap_or(before));
    let tone = if p == a { "good" } else { "bad" };
    card(
        &mut out,
        &arrow(cvs(before), after.map(cvs)),
        pick(lang, "CVs within the national limit", "项差异系数达到国家标准"),
        tone,
    );
    out.push_str("</div></section>\n");
    out
}

/// Per stage: the seven 2017 indicators' CVs before (and after) against the limit.
pub fn balance(before: &Evaluation, after: Option<&Evaluation>, lang: Lang) -> String {
    let mut out = section(
        "balance",
        pick(lang, "Balance: coefficient of variation (CV) of each indicator", "均衡程度：各指标差异系数"),
        pick(
            lang,
            "Lower is more balanced. A bar above the dashed line (outlined in red) fails the national limit. \
             Teacher indicators (degree, backbone, PE & arts) move with the plan; facilities do not.",
            "数值越小越均衡。高于虚线（红框）的柱子未达到国家标准。教师指标（学历、骨干、体艺）随方案变化，设施指标不变。"
        )
    );
    let (b_name, a_name) = series_names(lang, after.is_some());
    for stage in &before.stages {
        let then = after.and_then(|a| a.stage(stage.stage));
        let shown: Vec<_> = stage.indicators.iter().filter(|i| i.threshold.is_some()).collect();
        let labels: Vec<String> = shown.iter().map(|i| i18n::indicator_short(lang, i.key)).collect();
        let mut series = vec![Series::new(b_name, shown.iter().map(|i| i.cv).collect())];
        if let Some(t) = then {
            series.push(Series::new(
                a_name,
                shown.iter().map(|i| t.indicators.iter().find(|x| x.key == i.key).and_then(|x| x.cv)).collect(),
            ));
        }
        let limit = Threshold {
            value: stage.cv_max,
            label: format!("{} ≤ {:.2}", pick(lang, "limit", "标准"), stage.cv_max),
        };
        let stage_name = i18n::stage(lang, stage.stage);
        let opts = ChartOptions {
            y_label: pick(lang, "CV", "差异系数").into(),
            decimals: 3,
            ..ChartOptions::new(
                &format!("cv-{}", stage.stage.name()),
                &format!(
                    "{}{}",
                    stage_name,
                    pick(lang, ": CV of each indicator against the limit", "：各指标差异系数与标准")
                ),
            )
        };
        let _ = write!(
            out,
            "<h3>{}</h3><figure>{}</figure>",
            escape(stage_name),
            svg::grouped_bars_with_threshold(&labels, &series, Some(&limit), &opts)
        );
        out.push_str(&cv_table(stage, then, lang));
    }
    out.push_str("</section>\n");
    out
}

/// Unfilled posts per subject, one chart per locale, before (and after) the plan, and a
/// note for each locale where they rise.
pub fn shortages(county: &County, before: &Evaluation, plan: Option<PlanView<'_>>, lang: Lang) -> String {
    let after = plan.map(|p| p.after);
    let mut out = section(
        "shortages",
        pick(lang, "Unfilled posts by locale and subject", "各类地区分学科缺岗数"),
        pick(
            lang,
            "Posts needed (demand.csv, or the staff quota split by the curriculum) minus teachers in post, added over the schools of each locale.",
            "学科岗位需求（demand.csv，或按课程计划比例分解核定编制）减去在岗教师数，按城区、镇区、乡村分别汇总各校缺岗。"
        )
    );
    let gap = |e: &Evaluation, l: Locale, k: Subject| {
        e.subjects.locale(l).and_then(|x| x.subjects.iter().find(|g| g.subject == k)).map_or(0, |g| g.gap.shortage)
    };
    let locales: Vec<Locale> = before.subjects.by_locale.iter().map(|l| l.locale).collect();
    let subjects: Vec<Subject> = Subject::ALL
        .iter()
        .copied()
        .filter(|&k| locales.iter().any(|&l| gap(before, l, k) > 0 || after.is_some_and(|a| gap(a, l, k) > 0)))
        .collect();
    if subjects.is_empty() {
        let _ = writeln!(out, "<p>{}</p></section>", pick(lang, "No unfilled posts.", "无缺岗。"));
        return out;
    }
    let labels: Vec<String> = subjects.iter().map(|&k| i18n::subject(lang, k).to_string()).collect();
    let (b_name, a_name) = series_names(lang, after.is_some());
    out.push_str("<div class=\"charts\">");
    for &l in &locales {
        let values = |e: &Evaluation| subjects.iter().map(|&k| Some(f64::from(gap(e, l, k)))).collect();
        let mut series = vec![Series::new(b_name, values(before))];
        if let Some(a) = after {
            series.push(Series::new(a_name, values(a)));
        }
        let total = |e: &Evaluation| e.subjects.locale(l).map_or(0, |x| x.total.shortage);
        let title = match after {
            Some(a) => format!("{}: {} → {}", i18n::locale(lang, l), total(before), total(a)),
            None => format!("{}: {}", i18n::locale(lang, l), total(before)),
        };
        let opts = ChartOptions {
            y_label: pick(lang, "Unfilled posts", "缺岗数").into(),
            decimals: 0,
            width: 470.0,
            height: 290.0,
            ..ChartOptions::new(&format!("shortage-{}", l.name()), &title)
        };
        let _ = write!(out, "<figure>{}</figure>", svg::grouped_bars_with_threshold(&labels, &series, None, &opts));
    }
    out.push_str("</div>");
    if let Some(p) = plan {
        out.push_str(&rises(county, before, p, lang));
    }
    out.push_str("</section>\n");
    out
}

/// Unfilled posts of locale `l`, and of each subject there.
fn locale_gaps(e: &Evaluation, l: Locale) -> (u32, Vec<(Subject, u32)>) {
    e.subjects.locale(l).map_or((0, Vec::new()), |x| {
        (x.total.shortage, x.subjects.iter().map(|g| (g.subject, g.gap.shortage)).collect())
    })
}

/// A note for each locale whose unfilled posts rise under the plan: the totals, the
/// subjects that rise, and the teachers leaving and arriving there.
fn rises(county: &County, before: &Evaluation, p: PlanView<'_>, lang: Lang) -> String {
    let mut out = String::new();
    for &l in Locale::ALL {
        let ((b, b_subjects), (a, a_subjects)) = (locale_gaps(before, l), locale_gaps(p.after, l));
        if a <= b {
            continue;
        }
        let was = |k: Subject| b_subjects.iter().find(|x| x.0 == k).map_or(0, |x| x.1);
        let subjects: Vec<String> = a_subjects
            .iter()
            .filter(|&&(k, n)| n > was(k))
            .map(|&(k, n)| format!("{} {} → {n}", i18n::subject(lang, k), was(k)))
            .collect();
        let at = |school: usize| county.schools[school].locale == l;
        let out_n = p.plan.moves.iter().filter(|m| at(m.from) && !at(m.to)).count();
        let in_n = p.plan.moves.iter().filter(|m| at(m.to) && !at(m.from)).count();
        let hires = p.plan.placements.iter().filter(|h| at(h.school)).count();
        let name = i18n::locale(lang, l);
        let text = pick(
            lang,
            format!(
                "Unfilled posts rise at {} schools: {b} → {a} ({}). The plan sends {out_n} of their teachers on \
                 exchange to schools of other locales, receives {in_n} from them and places {hires} new hires there.",
                name.to_lowercase(),
                subjects.join(", ")
            ),
            format!(
                "{name}学校缺岗数上升：{b} → {a}（{}）。方案从{name}学校交流出 {out_n} 人到其他类别学校，\
                 从其他类别学校交流入 {in_n} 人，分配新教师 {hires} 人。",
                subjects.join("，")
            ),
        );
        let _ = write!(out, "<p class=\"note rise\" data-locale=\"{}\">{}</p>", l.name(), escape(&text));
    }
    out
}

/// Exchanged teachers from the locale of their school to the locale of the receiving
/// school, and new hires to the locale of their school.
pub fn flows(county: &County, plan: &Plan, lang: Lang) -> String {
    let mut out = section(
        "flows",
        pick(lang, "Teacher flows between urban, town and rural schools", "城区、镇区、乡村学校间教师流动"),
        pick(
            lang,
            "Left: where exchanged teachers come from, and the new hires; right: the locale of the school they go to. A band's width is the number of teachers.",
            "左：交流教师原所在学校类别及新教师；右：去向学校类别。带宽表示教师人数。"
        )
    );
    let locale_index = |l: Locale| Locale::ALL.iter().position(|&x| x == l).unwrap_or(0);
    let mut counts = vec![[0.0f64; 3]; Locale::ALL.len() + 1];
    for m in &plan.moves {
        counts[locale_index(county.schools[m.from].locale)][locale_index(county.schools[m.to].locale)] += 1.0;
    }
    let hires = Locale::ALL.len();
    for p in &plan.placements {
        counts[hires][locale_index(county.schools[p.school].locale)] += 1.0;
    }
    let from_suffix = pick(lang, "", "（派出）");
    let mut sources: Vec<String> =
        Locale::ALL.iter().map(|&l| format!("{}{from_suffix}", i18n::locale(lang, l))).collect();
    sources.push(pick(lang, "New hires", "新教师").into());
    let targets: Vec<String> = Locale::ALL.iter().map(|&l| i18n::locale(lang, l).to_string()).collect();
    let flows: Vec<Flow> = counts
        .iter()
        .enumerate()
        .flat_map(|(from, row)| row.iter().enumerate().map(move |(to, &value)| Flow { from, to, value }))
        .collect();
    let opts = ChartOptions {
        width: 900.0,
        height: 380.0,
        decimals: 0,
        ..ChartOptions::new("flows", pick(lang, "Teacher flows", "教师流动"))
    };
    let _ = write!(out, "<figure>{}</figure>", svg::flow_chart(&sources, &targets, &flows, &opts));
    let mut t = Table::new(&[pick(lang, "From", "派出"), pick(lang, "To", "去向"), pick(lang, "Teachers", "人数")]);
    for f in flows.iter().filter(|f| f.value > 0.0) {
        t.row(vec![escape(&sources[f.from]), escape(&targets[f.to]), format!("{}", f.value)]);
    }
    out.push_str(&t.render(&[false, false, true]));
    out.push_str("</section>\n");
    out
}
