//! A plan as an Excel workbook (`plan --xlsx FILE.xlsx`), as a bureau files it: sheet
//! names, headers and words (subjects, locales, kinds, yes/no, reasons) in the report
//! language, numbers rounded, columns as wide as their text, headers frozen with a filter.
//!
//! - `moves` / 交流名单: who moves, the teacher and schools by name, the kind and term, the
//!   reasons in words, then the reason codes;
//! - `hires` / 新教师分配: each new hire, the school, the reasons in words, then the codes;
//! - `schools` / 各校情况: per school, teachers, moves, hires, unfilled posts and the
//!   teacher indicators before and after, and whether its minimums are met;
//! - `metrics` / 均衡指标: per stage and indicator, county value, CV and result before and after.
//!
//! The headers of the id columns are names the readers accept, so `check` and `evaluate
//! --plan` read the workbook back as a plan, also after it was edited by hand (`io::plan`).
//! Ids and reason codes are never translated.

use super::i18n::{self, pick, Lang};
use super::sheet::{fixed, text, write, Cell};
use crate::domain::County;
use crate::metrics::Evaluation;
use crate::planner::PlanResult;
use anyhow::{anyhow, Result};
use rust_xlsxwriter::Workbook;

/// The teacher indicators shown per school.
const TEACHER_KEYS: [&str; 3] = ["degree_per_100", "backbone_per_100", "pe_arts_per_100"];

/// Decimals of an indicator value and of a CV.
const VALUE_DECIMALS: u8 = 2;
const CV_DECIMALS: u8 = 3;

/// The sheet names in `lang`: moves, hires, schools, metrics.
pub fn sheet_names(lang: Lang) -> [&'static str; 4] {
    pick(lang, ["moves", "hires", "schools", "metrics"], ["交流名单", "新教师分配", "各校情况", "均衡指标"])
}

/// Yes or no in `lang`.
fn yes_no(lang: Lang, v: bool) -> Cell {
    text(match (lang, v) {
        (Lang::En, true) => "yes",
        (Lang::En, false) => "no",
        (Lang::Zh, true) => "是",
        (Lang::Zh, false) => "否",
    })
}

fn whole(n: impl Into<f64>) -> Cell {
    Cell::Whole(n.into())
}

/// The workbook's bytes.
pub fn plan_workbook(county: &County, result: &PlanResult, lang: Lang) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let names = sheet_names(lang);
    moves_sheet(&mut book, names[0], county, result, lang)?;
    hires_sheet(&mut book, names[1], county, result, lang)?;
    let metrics = &result.summary.metrics;
    schools_sheet(&mut book, names[2], county, result, (&metrics.before, &metrics.after), lang)?;
    metrics_sheet(&mut book, names[3], &metrics.before, &metrics.after, lang)?;
    book.save_to_buffer().map_err(|e| anyhow!(crate::report::i18n::files::cannot_render_workbook(e)))
}

/// The reasons of a move or placement in words.
fn words(lang: Lang, codes: &[String]) -> Cell {
    text(codes.iter().map(|c| i18n::reason(lang, c)).collect::<Vec<_>>().join(pick(lang, "; ", "；")))
}

fn moves_sheet(book: &mut Workbook, name: &str, county: &County, result: &PlanResult, lang: Lang) -> Result<()> {
    let header = pick(
        lang,
        [
            "teacher_id",
            "name",
            "subject",
            "from_school",
            "from_name",
            "from_locale",
            "to_school",
            "to_name",
            "to_locale",
            "kind",
            "term_years",
            "explanation",
            "reasons",
        ],
        [
            "教师编号",
            "姓名",
            "学科",
            "派出学校",
            "派出学校名称",
            "派出学校城乡类别",
            "接收学校",
            "接收学校名称",
            "接收学校城乡类别",
            "交流类型",
            "交流年限",
            "原因说明",
            "原因",
        ],
    );
    let school = |i: usize| {
        let s = &county.schools[i];
        [text(s.id.clone()), text(s.name.clone()), text(i18n::locale(lang, s.locale))]
    };
    let rows: Vec<Vec<Cell>> = result
        .plan
        .moves
        .iter()
        .map(|m| {
            let t = &county.teachers[m.teacher];
            let mut row = vec![text(t.id.clone()), text(t.name.clone()), text(i18n::subject(lang, t.subject))];
            row.extend(school(m.from));
            row.extend(school(m.to));
            row.push(text(pick(lang, m.kind.name(), m.kind.chinese())));
            row.push(whole(m.term_years));
            row.push(words(lang, &m.reasons));
            row.push(text(m.reasons.join(";")));
            row
        })
        .collect();
    write(book, name, &header, &rows)
}

fn hires_sheet(book: &mut Workbook, name: &str, county: &County, result: &PlanResult, lang: Lang) -> Result<()> {
    let header = pick(
        lang,
        ["hire_id", "subject", "degree", "school_id", "school_name", "locale", "explanation", "reasons"],
        ["新教师编号", "学科", "学历", "学校代码", "学校名称", "城乡类别", "原因说明", "原因"],
    );
    let rows: Vec<Vec<Cell>> = result
        .plan
        .placements
        .iter()
        .map(|p| {
            let (h, s) = (&county.new_hires[p.hire], &county.schools[p.school]);
            vec![
                text(h.id.clone()),
                text(i18n::subject(lang, h.subject)),
                text(i18n::degree(lang, h.degree)),
                text(s.id.clone()),
                text(s.name.clone()),
                text(i18n::locale(lang, s.locale)),
                words(lang, &p.reasons),
                text(p.reasons.join(";")),
            ]
        })
        .collect();
    write(book, name, &header, &rows)
}

fn schools_sheet(
    book: &mut Workbook,
    name: &str,
    county: &County,
    result: &PlanResult,
    (before, after): (&Evaluation, &Evaluation),
    lang: Lang,
) -> Result<()> {
    let mut header: Vec<String> = pick(
        lang,
        [
            "school_id",
            "name",
            "level",
            "locale",
            "weak",
            "students",
            "teachers_before",
            "teachers_after",
            "exchanged_out",
            "exchanged_in",
            "hires",
            "unfilled_before",
            "unfilled_after",
        ],
        [
            "学校代码",
            "学校名称",
            "学段",
            "城乡类别",
            "是否薄弱学校",
            "在校生数",
            "方案前教师数",
            "方案后教师数",
            "交流派出",
            "交流接收",
            "新教师",
            "方案前缺岗",
            "方案后缺岗",
        ],
    )
    .iter()
    .map(|h| h.to_string())
    .collect();
    for key in TEACHER_KEYS {
        header.push(pick(lang, format!("{key}_before"), format!("方案前{}", i18n::indicator_short(lang, key))));
        header.push(pick(lang, format!("{key}_after"), format!("方案后{}", i18n::indicator_short(lang, key))));
    }
    header.push(pick(lang, "minimums_met_before", "方案前达到最低标准").into());
    header.push(pick(lang, "minimums_met_after", "方案后达到最低标准").into());
    let plan = &result.plan;
    let rows: Vec<Vec<Cell>> = county
        .schools
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (b, a) = (&before.schools[i], &after.schools[i]);
            let out = plan.moves.iter().filter(|m| m.from == i).count() as f64;
            let into = plan.moves.iter().filter(|m| m.to == i).count() as f64;
            let hires = plan.placements.iter().filter(|p| p.school == i).count() as f64;
            let unfilled = |e: &Evaluation| whole(e.subjects.schools[i].total.shortage);
            let mut row = vec![
                text(s.id.clone()),
                text(s.name.clone()),
                text(pick(lang, s.stage.name(), i18n::stage(lang, s.stage))),
                text(i18n::locale(lang, s.locale)),
                yes_no(lang, s.weak),
                whole(s.students),
                whole(b.teachers),
                whole(a.teachers),
                whole(out),
                whole(into),
                whole(hires),
                unfilled(before),
                unfilled(after),
            ];
            for key in TEACHER_KEYS {
                row.push(fixed(b.values.get(key), VALUE_DECIMALS));
                row.push(fixed(a.values.get(key), VALUE_DECIMALS));
            }
            let met =
                |m: &Option<crate::metrics::SchoolMinimums>| m.as_ref().map_or(Cell::Empty, |m| yes_no(lang, m.met));
            row.push(met(&b.minimums));
            row.push(met(&a.minimums));
            row
        })
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    write(book, name, &header, &rows)
}

fn metrics_sheet(book: &mut Workbook, name: &str, before: &Evaluation, after: &Evaluation, lang: Lang) -> Result<()> {
    let header = pick(
        lang,
        [
            "stage",
            "indicator",
            "label",
            "threshold",
            "county_value_before",
            "cv_before",
            "pass_before",
            "county_value_after",
            "cv_after",
            "pass_after",
        ],
        [
            "学段",
            "指标代码",
            "指标",
            "标准",
            "方案前县域值",
            "方案前差异系数",
            "方案前是否达标",
            "方案后县域值",
            "方案后差异系数",
            "方案后是否达标",
        ],
    );
    let pass = |p: Option<bool>| p.map_or(Cell::Empty, |p| text(i18n::verdict(lang, Some(p))));
    let mut rows = Vec::new();
    for s in &before.stages {
        let then = after.stage(s.stage);
        let stage = text(pick(lang, s.stage.name(), i18n::stage(lang, s.stage)));
        for ind in &s.indicators {
            let a = then.and_then(|t| t.indicators.iter().find(|i| i.key == ind.key));
            rows.push(vec![
                stage.clone(),
                text(ind.key),
                text(i18n::indicator_long(lang, ind.key, ind.label)),
                fixed(ind.threshold, VALUE_DECIMALS),
                fixed(ind.county_value, VALUE_DECIMALS),
                fixed(ind.cv, CV_DECIMALS),
                pass(ind.pass),
                fixed(a.and_then(|i| i.county_value), VALUE_DECIMALS),
                fixed(a.and_then(|i| i.cv), CV_DECIMALS),
                pass(a.and_then(|i| i.pass)),
            ]);
        }
        let (b, a) = (&s.basic_2012, then.map(|t| &t.basic_2012));
        rows.push(vec![
            stage.clone(),
            text("basic_2012_mean_cv"),
            text(pick(lang, "2012 basic balance: mean of CVs", "2012年基本均衡：差异系数平均值")),
            fixed(Some(b.threshold), VALUE_DECIMALS),
            Cell::Empty,
            fixed(b.mean_cv, CV_DECIMALS),
            pass(b.pass),
            Cell::Empty,
            fixed(a.and_then(|x| x.mean_cv), CV_DECIMALS),
            pass(a.and_then(|x| x.pass)),
        ]);
    }
    write(book, name, &header, &rows)
}
