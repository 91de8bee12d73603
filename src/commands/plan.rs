use super::words;
use crate::cli::ReportArgs;
use crate::io::write_atomic;
use crate::planner::{make_plan_from, write_plan_dir, PlanResult, StartSummary};
use crate::report;
use crate::report::i18n::{self, pick, say, Lang};
use crate::report::text::Grid;
use crate::rules::StartPlan;
use crate::solve::SolveOptions;
use anyhow::{Context, Result};
use std::path::Path;
use std::process::ExitCode;

/// `plan`: the county `dir` under `policy` in school `year`, re-planned from `start` when given.
pub fn run(
    dir: &Path,
    (policy, year, start): (Option<&Path>, Option<u32>, Option<&Path>),
    (out, force): (&Path, bool),
    opts: SolveOptions,
    xlsx: Option<&Path>,
    report: &ReportArgs,
) -> Result<ExitCode> {
    super::words::check_solve_options(&opts)?;
    // Say so before a long solve, not after it.
    output_file("--xlsx", xlsx)?;
    output_file("--report", report.report.as_deref())?;
    let ours: Vec<&Path> = xlsx.into_iter().chain(report.report.as_deref()).collect();
    crate::io::plan_dir::prepare_out("--out", out, &ours, force)?;
    let (county, policy) = super::load_inputs_in(dir, policy, year)?;
    if policy.allocator.rule != crate::domain::policy::AllocationRule::Optimise {
        let rule = policy.allocator.rule.name();
        anyhow::bail!(say(
            format!(
                "the policy file names the baseline allocator \"{rule}\"; `plan` optimises. Run baselines with \
                 `rotaplan compare DIR --rules FILE --out DIR`, which writes their plans"
            ),
            format!(
                "政策文件指定的是基准分配规则“{rule}”，而 `plan` 做的是优化。基准规则请用 \
                 `rotaplan compare DIR --rules FILE --out DIR` 运行，它会写出各规则的方案"
            ),
        ));
    }
    let start = match start {
        Some(path) => {
            let plan = crate::io::load_plan(path, &county).map_err(crate::findings::InvalidInput)?;
            Some((path, StartPlan::of(&county, &policy, &plan)))
        }
        None => None,
    };
    let live = super::progress::start(report.lang);
    let result = make_plan_from(&county, &policy, &opts, start.as_ref().map(|(_, s)| s));
    drop(live);
    let result = result?;
    // Everything is rendered before anything is written.
    let workbook = match xlsx {
        Some(_) => Some(report::xlsx::plan_workbook(&county, &result, report.lang)?),
        None => None,
    };
    let html = report.report.as_ref().map(|_| report::html::plan_report(&county, &result, report.lang));
    write_plan_dir(out, &county, &result)?;
    let lang = report.lang;
    let mut text = match lang {
        Lang::En => render(&result, out),
        Lang::Zh => render_zh(&result, out),
    };
    if let (Some((path, _)), Some(s)) = (&start, &result.summary.start) {
        text.push_str(&started_from(path, s, lang));
    }
    if let (Some(path), Some(bytes)) = (xlsx, &workbook) {
        write_atomic(path, bytes).with_context(|| words::cannot_write_workbook(path))?;
        text.push_str(&format!("{}\n", words::workbook_written(lang, path)));
    }
    if let (Some(path), Some(html)) = (&report.report, &html) {
        write_atomic(path, html.as_bytes()).with_context(|| words::cannot_write_report(path))?;
        text.push_str(&format!("{}\n", words::report_written(lang, path)));
    }
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}

/// An output file given by `flag` must not be a folder, and its folder must accept it.
pub(super) fn output_file(flag: &str, path: Option<&Path>) -> Result<()> {
    super::words::check_output_file(flag, path)
}

/// The short report printed after planning.
fn render(r: &PlanResult, out: &Path) -> String {
    let s = &r.summary;
    let mut text = format!(
        "Plan written to {} (policy {}).\nStatus: {}, largest gap {}, solved in {:.2} s.\n",
        out.display(),
        s.policy,
        s.status.as_str(),
        fmt_gap(s.mip_gap),
        s.build_seconds + s.solve_seconds
    );
    text.push_str(&format!(
        "Exchanges: {} of {} eligible teachers ({} backbone); new hires placed: {}.\n",
        s.counts.exchanges, s.counts.eligible, s.counts.backbone_exchanges, s.counts.hires
    ));
    text.push_str(&terms_table(s, Lang::En));
    text.push_str("CV of the teacher indicators (before -> after, threshold):\n");
    for stage in &s.metrics.after.stages {
        for ind in stage.indicators.iter().filter(|i| crate::model::INDICATORS.contains(&i.key)) {
            let before = s.metrics.before.cv(stage.stage, ind.key);
            text.push_str(&format!(
                "  {:<8} {:<18} {} -> {}  (<= {:.2})\n",
                stage.stage,
                ind.key,
                fmt_cv(before),
                fmt_cv(ind.cv),
                stage.cv_max
            ));
        }
    }
    text.push_str(&worse(s, Lang::En));
    text.push_str(&unmet(s, Lang::En));
    text
}

/// The short report in Chinese: where the plan is, its status, the counts and the rules
/// not met (the objective table and CVs are in the workbook and the HTML report).
fn render_zh(r: &PlanResult, out: &Path) -> String {
    let s = &r.summary;
    let mut text = format!(
        "方案已写入 {}（政策 {}）。\n求解状态：{}，最大差距 {}，用时 {:.2} 秒。\n",
        out.display(),
        s.policy,
        i18n::status(Lang::Zh, s.status.as_str()),
        fmt_gap(s.mip_gap),
        s.build_seconds + s.solve_seconds
    );
    text.push_str(&format!(
        "交流：{} 名符合条件的教师中交流 {} 人（其中骨干教师 {} 人）；分配新教师 {} 人。\n",
        s.counts.eligible, s.counts.exchanges, s.counts.backbone_exchanges, s.counts.hires
    ));
    text.push_str(&terms_table(s, Lang::Zh));
    text.push_str(&unmet(s, Lang::Zh));
    text.push_str(&worse(s, Lang::Zh));
    text
}

/// What became of the start plan's rows: those set aside (with the rule and why) and
/// how many rows the plan adds to or removes from the rest.
fn started_from(path: &Path, s: &StartSummary, lang: Lang) -> String {
    let (rows, aside, changes, p) = (s.rows, s.set_aside.len(), s.changes, path.display());
    let mut text = pick(
        lang,
        format!("Started from {p}: {rows} rows, {aside} set aside because they break a hard rule.\n"),
        format!("从 {p} 出发：共 {rows} 行，其中 {aside} 行违反硬性规则，未予保留。\n"),
    );
    for a in &s.set_aside {
        let sep = pick(lang, ": ", "：");
        let table = pick(lang, a.table, if a.table == "moves" { "交流" } else { "新教师" });
        let title = a.rule.title(lang);
        text.push_str(&format!("  {table} {} -> {} [{}] {title}{sep}{}\n", a.id, a.school, a.rule.code(), a.reason));
    }
    text.push_str(&pick(
        lang,
        format!("Changes to the start: {changes} rows added or removed.\n"),
        format!("相对起始方案：增删 {changes} 行。\n"),
    ));
    text
}

/// The rules the plan does not meet, each with why.
fn unmet(s: &crate::planner::Summary, lang: Lang) -> String {
    if s.violations.is_empty() {
        return pick(lang, "Every policy rule is met.\n", "全部政策规则均满足。\n").to_string();
    }
    let n = s.violations.len();
    let mut text = pick(lang, format!("{n} policy rule(s) cannot be met:\n"), format!("有 {n} 条政策规则无法满足：\n"));
    for v in &s.violations {
        text.push_str(&match lang {
            Lang::En => format!("  [{}] {}\n", v.code, v.message),
            Lang::Zh => format!("  [{}] {}：{}\n", v.code, v.rule.title(lang), v.message),
        });
        if let Some(why) = &v.why {
            text.push_str(&format!("      {}{why}\n", pick(lang, "why: ", "原因：")));
        }
    }
    text
}

/// The indicators whose CV the plan raises, each with why.
fn worse(s: &crate::planner::Summary, lang: Lang) -> String {
    let mut text = String::new();
    for w in &s.worse_indicators {
        let (stage, indicator) = match lang {
            Lang::En => (w.stage.name().to_string(), w.indicator.to_string()),
            Lang::Zh => (i18n::stage(lang, w.stage).to_string(), i18n::indicator_short(lang, w.indicator)),
        };
        let (label, cv) = pick(lang, ("worse: ", "CV"), ("均衡变差：", "差异系数"));
        let sep = pick(lang, ": ", "：");
        text.push_str(&format!(
            "  {label}{stage} {indicator} {cv} {:.3} -> {:.3}{sep}{}\n",
            w.cv_before, w.cv_after, w.why
        ));
    }
    text
}

/// Each term in the order minimised: value, proven bound, gap, seconds used of those
/// given, and how the bound was proved.
fn terms_table(s: &crate::planner::Summary, lang: Lang) -> String {
    let head = match lang {
        Lang::En => ["term", "value", "bound", "gap", "seconds (given)", "status", "proof"],
        Lang::Zh => ["目标项", "取值", "下界", "差距", "用时（秒，限时）", "状态", "证明方式"],
    };
    let mut grid = Grid::new(head);
    for st in &s.stages {
        let (term, status) = match lang {
            Lang::En => (st.term.name().to_string(), st.status.as_str()),
            Lang::Zh => (i18n::term(lang, st.term.name()), i18n::status(lang, st.status.as_str())),
        };
        grid.row([
            term,
            format!("{:.4}", st.value),
            if st.bound.is_finite() { format!("{:.4}", st.bound) } else { "-".into() },
            fmt_gap(st.gap),
            format!("{:.1} ({:.1})", st.seconds, st.budget_seconds),
            status.to_string(),
            i18n::proof(lang, st.proof.as_str()).to_string(),
        ]);
    }
    let title = pick(lang, "Objective, in the order minimised:\n", "目标（按最小化的先后顺序）：\n");
    format!("{title}{}", grid.render())
}

/// A relative gap as a percentage, `-` when there is no bound.
fn fmt_gap(gap: f64) -> String {
    if gap.is_finite() {
        format!("{:.2}%", 100.0 * gap)
    } else {
        "-".into()
    }
}

fn fmt_cv(cv: Option<f64>) -> String {
    cv.map_or("  -  ".into(), |v| format!("{v:.3}"))
}
