//! A plan as an Excel workbook (`plan --xlsx FILE.xlsx`): the sheets bureau staff pass on.
//!
//! - `moves`: the columns of moves.csv first (teacher_id, from_school, to_school, kind,
//!   term_years, reasons), then the teacher's name and subject, the schools' names and
//!   locales, and the reasons in words;
//! - `hires`: the columns of hires.csv first, then subject, degree, school and reasons;
//! - `schools`: per school, teachers, moves, hires, unfilled posts and the teacher
//!   indicators before and after, and whether its minimums are met;
//! - `metrics`: per stage and indicator, county value, CV and result before and after.
//!
//! Sheet names stay English; with `--lang zh` the headers are the Chinese names the
//! readers accept as aliases (so the first columns of moves and hires, saved as CSV, read
//! back as a plan) and the words (subjects, locales, reasons) are Chinese. Codes (ids,
//! kind, reason codes) are never translated.

use super::i18n::{self, pick, Lang};
use crate::domain::County;
use crate::io::xlsx::{number, sheet, text, Cell};
use crate::metrics::Evaluation;
use crate::planner::PlanResult;
use anyhow::{anyhow, Result};
use rust_xlsxwriter::{Format, Workbook};

/// The teacher indicators shown per school.
const TEACHER_KEYS: [&str; 3] = ["degree_per_100", "backbone_per_100", "pe_arts_per_100"];

/// The workbook's bytes.
pub fn plan_workbook(county: &County, result: &PlanResult, lang: Lang) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let words =
        |codes: &[String]| codes.iter().map(|c| i18n::reason(lang, c)).collect::<Vec<_>>().join(pick(lang, "; ", "；"));
    let school_name = |i: usize| text(county.schools[i].name.clone());
    let locale = |i: usize| text(i18n::locale(lang, county.schools[i].locale));
    let plan = &result.plan;

    let header = pick(
        lang,
        [
            "teacher_id",
            "from_school",
            "to_school",
            "kind",
            "term_years",
            "reasons",
            "name",
            "subject",
            "from_name",
            "from_locale",
            "to_name",
            "to_locale",
            "explanation",
        ],
        [
            "教师编号",
            "派出学校",
            "接收学校",
            "交流类型",
            "交流年限",
            "原因",
            "姓名",
            "学科",
            "派出学校名称",
            "派出学校城乡类别",
            "接收学校名称",
            "接收学校城乡类别",
            "原因说明",
        ],
    );
    let rows = plan.moves.iter().map(|m| {
        let t = &county.teachers[m.teacher];
        vec![
            text(t.id.clone()),
            text(county.schools[m.from].id.clone()),
            text(county.schools[m.to].id.clone()),
            text(m.kind.name()),
            Cell::Number(m.term_years.into()),
            text(m.reasons.join(";")),
            text(t.name.clone()),
            text(i18n::subject(lang, t.subject)),
            school_name(m.from),
            locale(m.from),
            school_name(m.to),
            locale(m.to),
            text(words(&m.reasons)),
        ]
    });
    sheet(&mut book, "moves", &header, rows, &bold)?;

    let header = pick(
        lang,
        ["hire_id", "school_id", "reasons", "subject", "degree", "school_name", "locale", "explanation"],
        ["新教师编号", "学校代码", "原因", "学科", "学历", "学校名称", "城乡类别", "原因说明"],
    );
    let rows = plan.placements.iter().map(|p| {
        let h = &county.new_hires[p.hire];
        vec![
            text(h.id.clone()),
            text(county.schools[p.school].id.clone()),
            text(p.reasons.join(";")),
            text(i18n::subject(lang, h.subject)),
            text(i18n::degree(lang, h.degree)),
            school_name(p.school),
            locale(p.school),
            text(words(&p.reasons)),
        ]
    });
    sheet(&mut book, "hires", &header, rows, &bold)?;

    let metrics = &result.summary.metrics;
    schools_sheet(&mut book, county, result, &metrics.before, &metrics.after, lang, &bold)?;
    metrics_sheet(&mut book, &metrics.before, &metrics.after, lang, &bold)?;
    book.save_to_buffer().map_err(|e| anyhow!("cannot write the workbook: {e}"))
}

fn schools_sheet(
    book: &mut Workbook,
    county: &County,
    result: &PlanResult,
    before: &Evaluation,
    after: &Evaluation,
    lang: Lang,
    bold: &Format,
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
    let rows = county.schools.iter().enumerate().map(|(i, s)| {
        let (b, a) = (&before.schools[i], &after.schools[i]);
        let out = plan.moves.iter().filter(|m| m.from == i).count();
        let into = plan.moves.iter().filter(|m| m.to == i).count();
        let hires = plan.placements.iter().filter(|p| p.school == i).count();
        let unfilled = |e: &Evaluation| Cell::Number(e.subjects.schools[i].total.shortage.into());
        let mut row = vec![
            text(s.id.clone()),
            text(s.name.clone()),
            text(pick(lang, s.stage.name(), i18n::stage(lang, s.stage))),
            text(i18n::locale(lang, s.locale)),
            Cell::Bool(s.weak),
            Cell::Number(s.students.into()),
            Cell::Number(b.teachers.into()),
            Cell::Number(a.teachers.into()),
            Cell::Number(out as f64),
            Cell::Number(into as f64),
            Cell::Number(hires as f64),
            unfilled(before),
            unfilled(after),
        ];
        for key in TEACHER_KEYS {
            row.push(number(b.values.get(key)));
            row.push(number(a.values.get(key)));
        }
        let met = |m: &Option<crate::metrics::SchoolMinimums>| m.as_ref().map_or(Cell::Empty, |m| Cell::Bool(m.met));
        row.push(met(&b.minimums));
        row.push(met(&a.minimums));
        row
    });
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    sheet(book, "schools", &header, rows, bold)
}

fn metrics_sheet(
    book: &mut Workbook,
    before: &Evaluation,
    after: &Evaluation,
    lang: Lang,
    bold: &Format,
) -> Result<()> {
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
    let pass = |p: Option<bool>| p.map_or(Cell::Empty, Cell::Bool);
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
                number(ind.threshold),
                number(ind.county_value),
                number(ind.cv),
                pass(ind.pass),
                number(a.and_then(|i| i.county_value)),
                number(a.and_then(|i| i.cv)),
                pass(a.and_then(|i| i.pass)),
            ]);
        }
        let (b, a) = (&s.basic_2012, then.map(|t| &t.basic_2012));
        rows.push(vec![
            stage.clone(),
            text("basic_2012_mean_cv"),
            text(pick(lang, "2012 basic balance: mean of CVs", "2012年基本均衡：差异系数平均值")),
            Cell::Number(b.threshold),
            Cell::Empty,
            number(b.mean_cv),
            pass(b.pass),
            Cell::Empty,
            number(a.and_then(|x| x.mean_cv)),
            pass(a.and_then(|x| x.pass)),
        ]);
    }
    sheet(book, "metrics", &header, rows.into_iter(), bold)
}
