//! `rotaplan evaluate` as a text table for bureau staff, in English or Chinese: per stage
//! the indicators, the 2012 mean of CVs and the schools below their minimums; subject
//! shortages and pay by locale. With an after, every figure is shown beside its before.

use super::i18n::{self, pick, Lang};
use super::text::{count, num, signed_percent, thousands, Grid};
use crate::domain::{Locale, Stage, Subject};
use crate::metrics::{
    Evaluation, IndicatorSummary, MinimumCheck, MinimumsRule, MinimumsSummary, PayReport, SchoolEvaluation,
    StageEvaluation,
};
use std::fmt::Write;

/// The evaluation (and, with `after`, the plan's) as text in `lang`.
pub fn table(before: &Evaluation, after: Option<&Evaluation>, lang: Lang) -> String {
    let mut out = pick(lang, "COUNTY EVALUATION: national balance indicators", "县域评估：国家均衡指标").to_string();
    out.push_str(match after {
        Some(_) => pick(lang, " (before and after the plan)\n", "（方案实施前后）\n"),
        None => "\n",
    });
    if before.stages.is_empty() {
        out.push_str(pick(lang, "\nThe county has no schools.\n", "\n县里没有学校。\n"));
    }
    for stage in &before.stages {
        out.push('\n');
        out.push_str(&stage_section(stage, after.and_then(|a| a.stage(stage.stage)), (before, after), lang));
    }
    out.push('\n');
    out.push_str(&subjects_section(before, after, lang));
    out.push('\n');
    out.push_str(&pay_section(before, after, lang));
    out
}

/// "pass", "FAIL" or "-" in `lang`.
fn verdict(pass: Option<bool>, lang: Lang) -> &'static str {
    match pass {
        Some(true) => pick(lang, "pass", "达标"),
        Some(false) => pick(lang, "FAIL", "未达标"),
        None => "-",
    }
}

/// "X before, Y after" or "X" alone.
fn before_after(lang: Lang, b: String, a: Option<String>) -> String {
    match a {
        None => b,
        Some(a) => pick(lang, format!("{b} before, {a} after"), format!("方案前 {b}，方案后 {a}")),
    }
}

fn stage_title(stage: Stage, lang: Lang) -> &'static str {
    match (stage, lang) {
        (Stage::Primary, Lang::En) => "PRIMARY SCHOOLS",
        (Stage::Junior, Lang::En) => "JUNIOR SECONDARY SCHOOLS",
        (_, Lang::Zh) => i18n::stage(lang, stage),
    }
}

fn stage_section(
    s: &StageEvaluation,
    a: Option<&StageEvaluation>,
    whole: (&Evaluation, Option<&Evaluation>),
    lang: Lang,
) -> String {
    let (title, n, in_cv, students) =
        (stage_title(s.stage, lang), s.schools, s.schools_in_cv, thousands(s.students_in_cv as f64));
    let mut out = pick(
        lang,
        format!("{title}: {n} school(s), {in_cv} counted in the CV ({students} students)\n"),
        format!("{title}：{n} 所学校，{in_cv} 所计入差异系数（学生 {students} 人）\n"),
    );
    for e in &s.excluded {
        let (id, why) = (&e.school_id, &e.reason);
        out.push_str(&pick(
            lang,
            format!("  Left out of the CV: {id} ({why})\n"),
            format!("  不计入差异系数：{id}（{why}）\n"),
        ));
    }
    out.push('\n');
    out.push_str(&indicator_grid(s, a, lang).render());
    let max = s.cv_max;
    out.push_str(&pick(
        lang,
        format!("  (Limit: a CV at most {max:.2} for each of the seven 2017 indicators; 2012-method rows count in the mean below; - means no value.)\n"),
        format!("  （标准：2017年七项指标的差异系数均不超过 {max:.2}；标注2012年方法的行计入下面的平均值；- 表示无数据。）\n"),
    ));
    let cvs = |s: &StageEvaluation| {
        pick(lang, format!("{} of {}", s.cvs_passing, s.cvs_assessed), format!("{}/{}", s.cvs_passing, s.cvs_assessed))
    };
    let label = pick(lang, "CVs within the limit", "差异系数达标项");
    let sep = pick(lang, ": ", "：");
    let _ = writeln!(out, "\n  {label}{sep}{}", before_after(lang, cvs(s), a.map(cvs)));
    out.push_str(&basic_line(s, a, lang));
    out.push_str(&minimums_text(s, a, whole, lang));
    out
}

/// The 2012 basic-balance line: the mean of the CVs against its limit.
fn basic_line(s: &StageEvaluation, a: Option<&StageEvaluation>, lang: Lang) -> String {
    let basic = |s: &StageEvaluation| {
        let (b, n) = (&s.basic_2012, s.basic_2012.keys.len());
        let (mean, v) = (num(b.mean_cv, 3), verdict(b.pass, lang));
        pick(lang, format!("mean of {n} CVs = {mean} ({v})"), format!("{n} 项差异系数平均 {mean}（{v}）"))
    };
    let limit = s.basic_2012.threshold;
    let label = pick(
        lang,
        format!("  2012 basic balance (limit {limit:.2}): "),
        format!("  2012年基本均衡（标准 {limit:.2}）："),
    );
    format!("{label}{}\n", before_after_semi(lang, basic(s), a.map(basic)))
}

fn indicator_grid(s: &StageEvaluation, a: Option<&StageEvaluation>, lang: Lang) -> Grid {
    let mut g = match (a, lang) {
        (None, Lang::En) => Grid::new(["Indicator", "County value", "CV", "Limit", "Result"]),
        (None, Lang::Zh) => Grid::new(["指标", "全县值", "差异系数", "标准", "结果"]),
        (Some(_), Lang::En) => {
            Grid::new(["Indicator", "Value before", "CV before", "Value after", "CV after", "Limit", "Before", "After"])
        }
        (Some(_), Lang::Zh) => Grid::new([
            "指标",
            "方案前全县值",
            "方案前差异系数",
            "方案后全县值",
            "方案后差异系数",
            "标准",
            "方案前",
            "方案后",
        ]),
    };
    let label = |i: &IndicatorSummary| {
        let name = i18n::indicator_long(lang, i.key, i.label);
        match i.threshold {
            None => pick(lang, format!("{name} (2012 method)"), format!("{name}（2012年方法）")),
            Some(_) => name,
        }
    };
    for ind in &s.indicators {
        let mut row = vec![label(ind), num(ind.county_value, 2), num(ind.cv, 3)];
        match a {
            None => row.extend([num(ind.threshold, 2), verdict(ind.pass, lang).into()]),
            Some(a) => {
                let then = a.indicators.iter().find(|i| i.key == ind.key);
                row.extend([
                    num(then.and_then(|i| i.county_value), 2),
                    num(then.and_then(|i| i.cv), 3),
                    num(ind.threshold, 2),
                    verdict(ind.pass, lang).into(),
                    verdict(then.and_then(|i| i.pass), lang).into(),
                ]);
            }
        }
        g.row(row);
    }
    g
}

fn failing_schools(e: &Evaluation, stage: Stage) -> Vec<&SchoolEvaluation> {
    e.schools.iter().filter(|s| s.stage == stage && s.in_cv && s.minimums.as_ref().is_some_and(|m| !m.met)).collect()
}

fn minimums_text(
    s: &StageEvaluation,
    a: Option<&StageEvaluation>,
    (before, after): (&Evaluation, Option<&Evaluation>),
    lang: Lang,
) -> String {
    let m = &s.minimums;
    let mut out =
        pick(lang, "  Minimum standards per school, by the rule applied:\n", "  各校最低标准（按适用的规则）：\n")
            .to_string();
    let schools = |n: usize| pick(lang, format!("{n} school(s)"), format!("{n} 所学校"));
    let sep = pick(lang, ": ", "：");
    if m.by_seven_indicators > 0 {
        let rule = MinimumsRule::SevenIndicators.describe(m.required_of_seven as usize, m.floor_share, lang);
        let _ = writeln!(out, "    {rule}{sep}{}", schools(m.by_seven_indicators));
    }
    if m.by_teacher_indicators > 0 {
        let rule = MinimumsRule::TeacherIndicators.describe(3, m.floor_share, lang);
        let _ = writeln!(out, "    {rule}{sep}{}", schools(m.by_teacher_indicators));
    }
    let meeting = |m: &MinimumsSummary| {
        pick(
            lang,
            format!("{} of {}", m.schools_meeting, m.schools_assessed),
            format!("{}/{}", m.schools_meeting, m.schools_assessed),
        )
    };
    let label = pick(lang, "Schools meeting their minimums", "达到最低标准的学校");
    let _ = writeln!(out, "  {label}{sep}{}", before_after(lang, meeting(m), a.map(|a| meeting(&a.minimums))));
    let shown = after.unwrap_or(before);
    let failing = failing_schools(shown, s.stage);
    if !failing.is_empty() {
        out.push_str(match after {
            Some(_) => {
                pick(lang, "  Schools below their minimums after the plan:\n", "  方案后未达到最低标准的学校：\n")
            }
            None => pick(lang, "  Schools below their minimums:\n", "  未达到最低标准的学校：\n"),
        });
    }
    let failed_before: Vec<&str> = failing_schools(before, s.stage).iter().map(|x| x.school_id.as_str()).collect();
    for school in &failing {
        let Some(sm) = &school.minimums else { continue };
        let gaps: Vec<String> = sm.not_met().map(|c| shortfall(c, sm.rule, m.floor_share, lang)).collect();
        let name = if school.name.is_empty() { String::new() } else { format!(" {}", school.name) };
        let new = after.is_some() && !failed_before.contains(&school.school_id.as_str());
        let new = if new { pick(lang, " [new]", " [新增]") } else { "" };
        let _ = writeln!(out, "    {}{name}{new}{sep}{}", school.school_id, gaps.join(pick(lang, "; ", "；")));
    }
    if after.is_some() {
        let fixed: Vec<&str> =
            failed_before.into_iter().filter(|id| !failing.iter().any(|x| x.school_id == *id)).collect();
        if !fixed.is_empty() {
            let label = pick(lang, "Meeting their minimums after the plan, not before", "方案后新达到最低标准的学校");
            let _ = writeln!(out, "  {label}{sep}{}", fixed.join(pick(lang, ", ", "、")));
        }
    }
    out
}

/// "floor_area 3.00 (minimum 4.50, under 85% of it)"; the floor only under the seven-indicator rule.
fn shortfall(c: &MinimumCheck, rule: MinimumsRule, floor_share: f64, lang: Lang) -> String {
    let pct = floor_share * 100.0;
    let floor = match rule {
        MinimumsRule::SevenIndicators if !c.above_floor => {
            pick(lang, format!(", under {pct:.0}% of it"), format!("，不足其 {pct:.0}%"))
        }
        _ => String::new(),
    };
    let (value, min) = (c.value, c.minimum);
    match lang {
        Lang::En => format!("{} {value:.2} (minimum {min:.2}{floor})", c.key),
        Lang::Zh => format!("{} {value:.2}（最低标准 {min:.2}{floor}）", i18n::indicator_short(lang, c.key)),
    }
}

/// A subject row's name: the contract's word in English, the curriculum's in Chinese.
fn subject_name(subject: Subject, lang: Lang) -> String {
    pick(lang, subject.name().to_string(), i18n::subject(lang, subject).to_string())
}

fn subjects_section(before: &Evaluation, after: Option<&Evaluation>, lang: Lang) -> String {
    let mut out = pick(lang, "SUBJECT POSTS: unfilled posts (shortage) by locale\n", "学科岗位：各城乡类别的缺岗数\n")
        .to_string();
    if after.is_some() {
        out.push_str(pick(lang, "  (each cell: before -> after)\n", "  （每格：方案前 -> 方案后）\n"));
    }
    let locales: Vec<Locale> = before.subjects.by_locale.iter().map(|l| l.locale).collect();
    let mut header = vec![pick(lang, "Subject", "学科").to_string()];
    header.extend(locales.iter().map(|&l| pick(lang, l.name(), i18n::locale(lang, l)).to_string()));
    header.extend([pick(lang, "county", "全县").to_string(), pick(lang, "surplus", "超编").to_string()]);
    let mut g = Grid::new(header);
    let pair = |b: u32, a: Option<u32>| match a {
        Some(a) => format!("{b} -> {a}"),
        None => b.to_string(),
    };
    let shortage = |e: &Evaluation, locale: Option<Locale>, subject| {
        let list = match locale {
            Some(l) => e.subjects.locale(l).map(|l| l.subjects.as_slice()).unwrap_or(&[]),
            None => e.subjects.county.as_slice(),
        };
        list.iter().find(|g| g.subject == subject).map_or((0, 0), |g| (g.gap.shortage, g.gap.surplus))
    };
    for subject in Subject::ALL.iter().copied() {
        let (b, b_surplus) = shortage(before, None, subject);
        let a = after.map(|e| shortage(e, None, subject));
        if b == 0 && b_surplus == 0 && a.is_none_or(|a| a == (0, 0)) {
            continue;
        }
        let mut row = vec![subject_name(subject, lang)];
        for &l in &locales {
            row.push(pair(shortage(before, Some(l), subject).0, after.map(|e| shortage(e, Some(l), subject).0)));
        }
        row.push(pair(b, a.map(|x| x.0)));
        row.push(pair(b_surplus, a.map(|x| x.1)));
        g.row(row);
    }
    let total = |e: &Evaluation| e.subjects.total;
    let mut row = vec![pick(lang, "total", "合计").to_string()];
    for &l in &locales {
        let t = |e: &Evaluation| e.subjects.locale(l).map_or(0, |x| x.total.shortage);
        row.push(pair(t(before), after.map(t)));
    }
    row.push(pair(total(before).shortage, after.map(|e| total(e).shortage)));
    row.push(pair(total(before).surplus, after.map(|e| total(e).surplus)));
    g.row(row);
    out.push_str(&g.render());
    let present = match after {
        Some(a) => format!("{} -> {}", count(total(before).present as usize), count(total(a).present as usize)),
        None => count(total(before).present as usize),
    };
    let needed = count(total(before).demand as usize);
    out.push_str(&pick(
        lang,
        format!("  Posts needed: {needed}; teachers in post: {present}.\n"),
        format!("  需要岗位：{needed}；在岗教师：{present}。\n"),
    ));
    out
}

fn pay_section(before: &Evaluation, after: Option<&Evaluation>, lang: Lang) -> String {
    let (b, a) = (&before.pay, after.map(|e| &e.pay));
    let mut out = pick(lang, "PAY: mean monthly pay (yuan)\n", "工资：月平均工资（元）\n").to_string();
    let mean = |p: &PayReport| {
        let (m, n) = (p.county_mean.map_or("-".to_string(), thousands), count(p.teachers));
        pick(lang, format!("{m} ({n} teachers)"), format!("{m}（教师 {n} 人）"))
    };
    let label = pick(lang, "  County mean: ", "  全县平均：");
    let _ = writeln!(out, "{label}{}", before_after_semi(lang, mean(b), a.map(mean)));
    out.push_str(&locale_pay_grid(b, a, lang).render());
    let outside = |p: &PayReport| match p.schools_outside_tolerance.len() {
        0 => pick(lang, "none", "无").to_string(),
        n => format!("{n} ({})", p.schools_outside_tolerance.join(", ")),
    };
    let tol = b.tolerance * 100.0;
    let _ = writeln!(
        out,
        "{}{}",
        pick(
            lang,
            format!("  Schools whose mean pay is more than {tol:.0}% from the county mean: "),
            format!("  平均工资与全县平均相差超过 {tol:.0}% 的学校："),
        ),
        before_after_semi(lang, outside(b), a.map(outside))
    );
    out
}

/// "X before; Y after" or "X" alone (a semicolon between).
fn before_after_semi(lang: Lang, b: String, a: Option<String>) -> String {
    match a {
        None => b,
        Some(a) => pick(lang, format!("{b} before; {a} after"), format!("方案前 {b}；方案后 {a}")),
    }
}

/// Mean pay by locale, before and after.
fn locale_pay_grid(b: &PayReport, a: Option<&PayReport>, lang: Lang) -> Grid {
    let mut g = match (a, lang) {
        (None, Lang::En) => Grid::new(["Locale", "Teachers", "Mean pay", "vs county"]),
        (None, Lang::Zh) => Grid::new(["城乡类别", "教师数", "平均工资", "与全县比"]),
        (Some(_), Lang::En) => Grid::new([
            "Locale",
            "Teachers before",
            "Mean before",
            "vs county",
            "Teachers after",
            "Mean after",
            "vs county",
        ]),
        (Some(_), Lang::Zh) => {
            Grid::new(["城乡类别", "方案前教师数", "方案前平均", "与全县比", "方案后教师数", "方案后平均", "与全县比"])
        }
    };
    for group in &b.by_locale {
        let name = match (lang, Locale::parse(group.group)) {
            (Lang::Zh, Some(l)) => i18n::locale(lang, l).to_string(),
            _ => group.group.to_string(),
        };
        let mut row =
            vec![name, count(group.teachers), thousands(group.mean), signed_percent(Some(group.deviation_share))];
        if let Some(a) = a {
            let ag = a.by_locale.iter().find(|x| x.group == group.group);
            row.push(ag.map_or("0".into(), |x| count(x.teachers)));
            row.push(ag.map_or("-".into(), |x| thousands(x.mean)));
            row.push(signed_percent(ag.map(|x| x.deviation_share)));
        }
        g.row(row);
    }
    g
}
