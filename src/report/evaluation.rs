//! `rotaplan evaluate` output: a table for bureau staff, CSV and JSON.
//!
//! Each function takes the evaluation before a plan and, optionally, after it; with an
//! after, every figure is shown side by side with its before.

use super::text::{count, num, signed_percent, thousands, verdict, Grid};
use crate::domain::{Locale, Stage};
use crate::metrics::{
    Evaluation, IndicatorSummary, MinimumCheck, MinimumsRule, MinimumsSummary, PayReport, SchoolEvaluation,
    StageEvaluation,
};
use serde::Serialize;
use std::fmt::Write;

/// The evaluation (or the before/after comparison) as pretty JSON.
/// With an after, the shape of [`crate::metrics::Comparison`]: `{"before": ..., "after": ...}`.
pub fn json(before: &Evaluation, after: Option<&Evaluation>) -> Result<String, serde_json::Error> {
    /// A borrowed [`crate::metrics::Comparison`].
    #[derive(Serialize)]
    struct Pair<'a> {
        before: &'a Evaluation,
        after: &'a Evaluation,
    }
    match after {
        None => serde_json::to_string_pretty(before),
        Some(after) => serde_json::to_string_pretty(&Pair { before, after }),
    }
}

/// One row per stage and indicator, plus the 2012 mean of CVs as `basic_2012_mean_cv`:
/// `stage,indicator,threshold,county_value_before,cv_before,pass_before` and, with an
/// after, the same three columns with `_after`.
pub fn csv(before: &Evaluation, after: Option<&Evaluation>) -> String {
    let mut out = String::from("stage,indicator,threshold,county_value_before,cv_before,pass_before");
    if after.is_some() {
        out.push_str(",county_value_after,cv_after,pass_after");
    }
    out.push('\n');
    let cell = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    let flag = |p: Option<bool>| p.map(|b| b.to_string()).unwrap_or_default();
    for stage in &before.stages {
        let then = after.and_then(|a| a.stage(stage.stage));
        for ind in &stage.indicators {
            let _ = write!(out, "{},{},{}", stage.stage, ind.key, cell(ind.threshold));
            let _ = write!(out, ",{},{},{}", cell(ind.county_value), cell(ind.cv), flag(ind.pass));
            if after.is_some() {
                let a = then.and_then(|s| s.indicators.iter().find(|i| i.key == ind.key));
                let _ = write!(
                    out,
                    ",{},{},{}",
                    cell(a.and_then(|i| i.county_value)),
                    cell(a.and_then(|i| i.cv)),
                    flag(a.and_then(|i| i.pass))
                );
            }
            out.push('\n');
        }
        let b = &stage.basic_2012;
        let _ = write!(out, "{},basic_2012_mean_cv,{},,{},{}", stage.stage, b.threshold, cell(b.mean_cv), flag(b.pass));
        if after.is_some() {
            let a = then.map(|s| &s.basic_2012);
            let _ = write!(out, ",,{},{}", cell(a.and_then(|b| b.mean_cv)), flag(a.and_then(|b| b.pass)));
        }
        out.push('\n');
    }
    out
}

/// The evaluation as text for bureau staff: per stage the indicators, the 2012 mean of
/// CVs and the schools below their minimums; subject shortages and pay by locale.
pub fn table(before: &Evaluation, after: Option<&Evaluation>) -> String {
    let mut out = String::from("COUNTY EVALUATION: national balance indicators");
    out.push_str(if after.is_some() { " (before and after the plan)\n" } else { "\n" });
    if before.stages.is_empty() {
        out.push_str("\nThe county has no schools.\n");
    }
    for stage in &before.stages {
        out.push('\n');
        out.push_str(&stage_section(stage, after.and_then(|a| a.stage(stage.stage)), before, after));
    }
    out.push('\n');
    out.push_str(&subjects_section(before, after));
    out.push('\n');
    out.push_str(&pay_section(before, after));
    out
}

fn stage_title(stage: Stage) -> &'static str {
    match stage {
        Stage::Primary => "PRIMARY SCHOOLS",
        Stage::Junior => "JUNIOR SECONDARY SCHOOLS",
    }
}

fn stage_section(
    s: &StageEvaluation,
    a: Option<&StageEvaluation>,
    before: &Evaluation,
    after: Option<&Evaluation>,
) -> String {
    let mut out = format!(
        "{}: {} school(s), {} counted in the CV ({} students)\n",
        stage_title(s.stage),
        s.schools,
        s.schools_in_cv,
        thousands(s.students_in_cv as f64)
    );
    for e in &s.excluded {
        let _ = writeln!(out, "  Left out of the CV: {} ({})", e.school_id, e.reason);
    }
    out.push('\n');
    out.push_str(&indicator_grid(s, a).render());
    let _ = writeln!(
        out,
        "  (Limit: a CV at most {:.2} for each of the seven 2017 indicators; 2012-method rows count in the mean below; - means no value.)",
        s.cv_max
    );
    let cvs = |s: &StageEvaluation| format!("{} of {}", s.cvs_passing, s.cvs_assessed);
    match a {
        None => _ = writeln!(out, "\n  CVs within the limit: {}", cvs(s)),
        Some(a) => _ = writeln!(out, "\n  CVs within the limit: {} before, {} after", cvs(s), cvs(a)),
    }
    let basic = |s: &StageEvaluation| {
        let b = &s.basic_2012;
        format!("mean of {} CVs = {} ({})", b.keys.len(), num(b.mean_cv, 3), verdict(b.pass))
    };
    let _ = write!(out, "  2012 basic balance (limit {:.2}): {}", s.basic_2012.threshold, basic(s));
    if let Some(a) = a {
        let _ = write!(out, " before; {} after", basic(a));
    }
    out.push('\n');
    out.push_str(&minimums_text(s, a, before, after));
    out
}

fn indicator_grid(s: &StageEvaluation, a: Option<&StageEvaluation>) -> Grid {
    let mut g = match a {
        None => Grid::new(["Indicator", "County value", "CV", "Limit", "Result"]),
        Some(_) => {
            Grid::new(["Indicator", "Value before", "CV before", "Value after", "CV after", "Limit", "Before", "After"])
        }
    };
    let label = |i: &IndicatorSummary| {
        if i.threshold.is_none() {
            format!("{} (2012 method)", i.label)
        } else {
            i.label.to_string()
        }
    };
    for ind in &s.indicators {
        let mut row = vec![label(ind), num(ind.county_value, 2), num(ind.cv, 3)];
        match a {
            None => row.extend([num(ind.threshold, 2), verdict(ind.pass).into()]),
            Some(a) => {
                let then = a.indicators.iter().find(|i| i.key == ind.key);
                row.extend([
                    num(then.and_then(|i| i.county_value), 2),
                    num(then.and_then(|i| i.cv), 3),
                    num(ind.threshold, 2),
                    verdict(ind.pass).into(),
                    verdict(then.and_then(|i| i.pass)).into(),
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
    before: &Evaluation,
    after: Option<&Evaluation>,
) -> String {
    let m = &s.minimums;
    let mut out = String::from("  Minimum standards per school, by the rule applied:\n");
    if m.by_seven_indicators > 0 {
        let rule = MinimumsRule::SevenIndicators.describe(m.required_of_seven as usize, m.floor_share);
        let _ = writeln!(out, "    {rule}: {} school(s)", m.by_seven_indicators);
    }
    if m.by_teacher_indicators > 0 {
        let rule = MinimumsRule::TeacherIndicators.describe(3, m.floor_share);
        let _ = writeln!(out, "    {rule}: {} school(s)", m.by_teacher_indicators);
    }
    let meeting = |m: &MinimumsSummary| format!("{} of {}", m.schools_meeting, m.schools_assessed);
    match a {
        None => _ = writeln!(out, "  Schools meeting their minimums: {}", meeting(m)),
        Some(a) => {
            _ = writeln!(out, "  Schools meeting their minimums: {} before, {} after", meeting(m), meeting(&a.minimums))
        }
    }
    let (shown, when) = match after {
        Some(a) => (a, " after the plan"),
        None => (before, ""),
    };
    let failing = failing_schools(shown, s.stage);
    if !failing.is_empty() {
        let _ = writeln!(out, "  Schools below their minimums{when}:");
    }
    let failed_before: Vec<&str> = failing_schools(before, s.stage).iter().map(|x| x.school_id.as_str()).collect();
    for school in &failing {
        let Some(sm) = &school.minimums else { continue };
        let gaps: Vec<String> = sm.not_met().map(|c| shortfall(c, sm.rule, m.floor_share)).collect();
        let name = if school.name.is_empty() { String::new() } else { format!(" {}", school.name) };
        let new = if after.is_some() && !failed_before.contains(&school.school_id.as_str()) { " [new]" } else { "" };
        let _ = writeln!(out, "    {}{name}{new}: {}", school.school_id, gaps.join("; "));
    }
    if after.is_some() {
        let fixed: Vec<&str> =
            failed_before.into_iter().filter(|id| !failing.iter().any(|x| x.school_id == *id)).collect();
        if !fixed.is_empty() {
            let _ = writeln!(out, "  Meeting their minimums after the plan, not before: {}", fixed.join(", "));
        }
    }
    out
}

/// "floor_area 3.00 (minimum 4.50, under 85% of it)"; the floor only under the seven-indicator rule.
fn shortfall(c: &MinimumCheck, rule: MinimumsRule, floor_share: f64) -> String {
    let floor = match rule {
        MinimumsRule::SevenIndicators if !c.above_floor => format!(", under {:.0}% of it", floor_share * 100.0),
        _ => String::new(),
    };
    format!("{} {:.2} (minimum {:.2}{floor})", c.key, c.value, c.minimum)
}

fn subjects_section(before: &Evaluation, after: Option<&Evaluation>) -> String {
    let mut out = String::from("SUBJECT POSTS: unfilled posts (shortage) by locale\n");
    if after.is_some() {
        out.push_str("  (each cell: before -> after)\n");
    }
    let locales: Vec<Locale> = before.subjects.by_locale.iter().map(|l| l.locale).collect();
    let mut header = vec!["Subject".to_string()];
    header.extend(locales.iter().map(|l| l.name().to_string()));
    header.extend(["county".to_string(), "surplus".to_string()]);
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
    for subject in crate::domain::Subject::ALL.iter().copied() {
        let (b, b_surplus) = shortage(before, None, subject);
        let a = after.map(|e| shortage(e, None, subject));
        if b == 0 && b_surplus == 0 && a.is_none_or(|a| a == (0, 0)) {
            continue;
        }
        let mut row = vec![subject.name().to_string()];
        for &l in &locales {
            row.push(pair(shortage(before, Some(l), subject).0, after.map(|e| shortage(e, Some(l), subject).0)));
        }
        row.push(pair(b, a.map(|x| x.0)));
        row.push(pair(b_surplus, a.map(|x| x.1)));
        g.row(row);
    }
    let total = |e: &Evaluation| e.subjects.total;
    let mut row = vec!["total".to_string()];
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
    let _ = writeln!(out, "  Posts needed: {}; teachers in post: {present}.", count(total(before).demand as usize));
    out
}

fn pay_section(before: &Evaluation, after: Option<&Evaluation>) -> String {
    let (b, a) = (&before.pay, after.map(|e| &e.pay));
    let mut out = String::from("PAY: mean monthly pay (yuan)\n");
    let mean = |p: &PayReport| p.county_mean.map_or("-".to_string(), thousands);
    let _ = write!(out, "  County mean: {} ({} teachers)", mean(b), count(b.teachers));
    if let Some(a) = a {
        let _ = write!(out, " before; {} ({} teachers) after", mean(a), count(a.teachers));
    }
    out.push('\n');
    let mut g = match a {
        None => Grid::new(["Locale", "Teachers", "Mean pay", "vs county"]),
        Some(_) => Grid::new([
            "Locale",
            "Teachers before",
            "Mean before",
            "vs county",
            "Teachers after",
            "Mean after",
            "vs county",
        ]),
    };
    for group in &b.by_locale {
        let mut row = vec![
            group.group.to_string(),
            count(group.teachers),
            thousands(group.mean),
            signed_percent(Some(group.deviation_share)),
        ];
        if let Some(a) = a {
            let ag = a.by_locale.iter().find(|x| x.group == group.group);
            row.push(ag.map_or("0".into(), |x| count(x.teachers)));
            row.push(ag.map_or("-".into(), |x| thousands(x.mean)));
            row.push(signed_percent(ag.map(|x| x.deviation_share)));
        }
        g.row(row);
    }
    out.push_str(&g.render());
    let outside = |p: &PayReport| match p.schools_outside_tolerance.len() {
        0 => "none".to_string(),
        n => format!("{n} ({})", p.schools_outside_tolerance.join(", ")),
    };
    let _ = write!(
        out,
        "  Schools whose mean pay is more than {:.0}% from the county mean: {}",
        b.tolerance * 100.0,
        outside(b)
    );
    if let Some(a) = a {
        let _ = write!(out, " before; {} after", outside(a));
    }
    out.push('\n');
    out
}
