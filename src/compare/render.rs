//! The comparison as bytes: the text table people read, CSV for spreadsheets, JSON for
//! programs. Pure functions of a [`Comparison`]; rows stay in the order the rules were
//! given.

use super::row::{Outlook, Row};
use super::verdict::{Outcome, Verdict};
use super::Comparison;
use crate::domain::Stage;
use crate::report::i18n::{self, pick, Lang};
use crate::report::text::width;

/// The teacher indicators shown in the text table (facility indicators do not move with
/// a plan; the CSV and JSON carry all seven), with their column headers in each language.
const SHOWN: [(&str, &str, &str); 3] = [
    ("degree_per_100", "degree", "学历"),
    ("backbone_per_100", "backbone", "骨干"),
    ("pe_arts_per_100", "pe_arts", "体艺"),
];

/// The text table in `lang`, with notes under it for every optimising rule that does not
/// beat a baseline. `seconds` off leaves the time column out (for reproducible snapshots).
pub fn table(c: &Comparison, seconds: bool, lang: Lang) -> String {
    let mut lines: Vec<Vec<String>> = vec![header(seconds, lang)];
    if let Some(before) = &c.before {
        let mut cells =
            vec![pick(lang, "(before the plan)", "（方案前）").into(), "-".into(), "-".into(), "-".into(), "-".into()];
        cells.extend(outlook_cells(before, "-"));
        cells.push("-".into());
        if seconds {
            cells.push("-".into());
        }
        cells.push("-".into());
        lines.push(cells);
    }
    for r in &c.rows {
        lines.push(row_cells(r, seconds, lang));
    }
    let groups = [
        (5, 7, pick(lang, "unfilled posts", "缺岗数").to_string()),
        (9, 11, cv_group(c, Stage::Primary, lang)),
        (12, 14, cv_group(c, Stage::Junior, lang)),
    ];
    let mut out = align(&lines, &groups);
    out.push_str(pick(
        lang,
        "\n* CV above the stage's limit (fails the 2017 test). unfilled: subject posts without a teacher\n\
         (a rural weak school counts in both rural and weak). quotas: the 10% exchange quota and the\n\
         20% backbone share. pay gap: the largest gap between a school's mean pay and the county mean.\n",
        "\n* 差异系数高于该学段标准（未通过2017年评估）。缺岗数：无教师任教的学科岗位（乡村薄弱学校\n\
         同时计入乡村和薄弱）。比例要求：10%的交流比例和20%的骨干教师比例。工资差距：学校平均工资\n\
         与全县平均工资的最大差距。\n",
    ));
    out.push_str(&notes(c, lang));
    out
}

/// The header line of the text table.
fn header(seconds: bool, lang: Lang) -> Vec<String> {
    let words: [(&str, &str); 9] = [
        ("rule", "规则"),
        ("allocator", "分配方式"),
        ("status", "状态"),
        ("viol.", "违规量"),
        ("moves", "交流人数"),
        ("total", "合计"),
        ("rural", "乡村"),
        ("weak", "薄弱"),
        ("quotas", "比例要求"),
    ];
    let mut head: Vec<&str> = words.iter().map(|&(en, zh)| pick(lang, en, zh)).collect();
    for _ in Stage::ALL {
        head.extend(SHOWN.iter().map(|&(_, en, zh)| pick(lang, en, zh)));
    }
    head.extend([pick(lang, "CVs ok", "达标项"), pick(lang, "pay gap", "工资差距"), pick(lang, "km/move", "人均公里")]);
    if seconds {
        head.push(pick(lang, "seconds", "用时（秒）"));
    }
    head.push(pick(lang, "own objective vs baselines", "按自身目标与基准规则比较"));
    head.iter().map(|h| h.to_string()).collect()
}

/// One rule's cells.
fn row_cells(r: &Row, seconds: bool, lang: Lang) -> Vec<String> {
    let (allocator, status) = match lang {
        Lang::En => (r.allocator.to_string(), r.status.as_str().to_string()),
        // As the HTML report says it: a baseline's or a given plan's "feasible" is not a solver's.
        Lang::Zh if r.allocator != "optimise" => (i18n::allocator(lang, r.allocator), "未优化".to_string()),
        Lang::Zh => (i18n::allocator(lang, r.allocator), i18n::status(lang, r.status.as_str()).to_string()),
    };
    let mut cells =
        vec![r.rule.clone(), allocator, status, format!("{:.2}", r.scores.violations), r.exchanges.to_string()];
    let quotas = match r.quotas_met {
        true => pick(lang, "met", "达到"),
        false => pick(lang, "NOT met", "未达到"),
    };
    cells.extend(outlook_cells(&r.after, quotas));
    cells.push(r.mean_distance_km.map_or("-".into(), |k| format!("{k:.1}")));
    if seconds {
        cells.push(format!("{:.2}", r.seconds));
    }
    cells.push(verdict_cell(r, lang));
    cells
}

/// Unfilled posts, quotas, CVs, CVs passing, pay gap.
fn outlook_cells(o: &Outlook, quotas: &str) -> Vec<String> {
    let mut cells =
        vec![o.unfilled.total.to_string(), o.unfilled.rural.to_string(), o.unfilled.weak.to_string(), quotas.into()];
    for stage in Stage::ALL {
        for (key, _, _) in SHOWN {
            cells.push(match o.cv(*stage, key).and_then(|c| c.cv.map(|v| (v, c.pass))) {
                Some((v, Some(false))) => format!("{v:.3}*"),
                Some((v, _)) => format!("{v:.3} "),
                None => "- ".into(),
            });
        }
    }
    cells.push(format!("{}/{}", o.cvs_passing, o.cvs_assessed));
    cells.push(o.pay_gap.map_or("-".into(), |g| format!("{:.1}%", g * 100.0)));
    cells
}

fn cv_group(c: &Comparison, stage: Stage, lang: Lang) -> String {
    let limit = c.rows.iter().find_map(|r| r.after.cv(stage, "degree_per_100").and_then(|x| x.threshold));
    let zh = i18n::stage(Lang::Zh, stage);
    match limit {
        Some(l) => pick(lang, format!("CV {stage} (limit {l:.2})"), format!("{zh}差异系数（标准 {l:.2}）")),
        None => pick(lang, format!("CV {stage}"), format!("{zh}差异系数")),
    }
}

/// "beats all 3", or the baselines it does not beat.
fn verdict_cell(r: &Row, lang: Lang) -> String {
    if r.verdicts.is_empty() {
        return "-".into();
    }
    let flagged: Vec<String> = r.verdicts.iter().filter(|v| v.flagged()).map(|v| short_verdict(v, lang)).collect();
    if flagged.is_empty() {
        let n = r.verdicts.len();
        pick(lang, format!("beats all {n}"), format!("优于全部 {n} 个"))
    } else {
        flagged.join(pick(lang, ", ", "，"))
    }
}

fn short_verdict(v: &Verdict, lang: Lang) -> String {
    let b = &v.baseline;
    match v.outcome {
        Outcome::Beats => pick(lang, format!("beats {b}"), format!("优于 {b}")),
        Outcome::Ties => pick(lang, format!("TIES {b}"), format!("与 {b} 持平")),
        Outcome::Loses => {
            let term = v.decided_by.unwrap_or("-");
            pick(lang, format!("LOSES to {b} ({term})"), format!("不如 {b}（{}）", i18n::term(lang, term)))
        }
        Outcome::NotComparable => pick(lang, format!("{b}: not comparable"), format!("{b}：无法比较")),
    }
}

/// One sentence per optimising rule that does not beat a baseline, with the numbers.
fn notes(c: &Comparison, lang: Lang) -> String {
    let mut out = String::new();
    for r in &c.rows {
        for v in r.verdicts.iter().filter(|v| v.flagged()) {
            let order = match lang {
                Lang::En => r.objective_order.join(", "),
                Lang::Zh => r.objective_order.iter().map(|t| i18n::term(lang, t)).collect::<Vec<_>>().join("、"),
            };
            let (rule, base, what) = (&r.rule, &v.baseline, not_beaten(r, v, lang));
            out.push_str(&pick(
                lang,
                format!("Note: {rule} does not beat {base} on its own objective ({order}): it {what}.\n"),
                format!("注：按自身目标（{order}），{rule} 不优于 {base}：{what}。\n"),
            ));
        }
        if r.hard_breaches > 0 {
            let (rule, n) = (&r.rule, r.hard_breaches);
            let see = match r.allocator == super::GIVEN_PLAN {
                true => pick(
                    lang,
                    "`rotaplan check DIR --plan PLAN` lists them",
                    "`rotaplan check DIR --plan PLAN` 会逐条列出",
                ),
                false => pick(lang, "see its summary.json", "详见其 summary.json"),
            };
            out.push_str(&pick(
                lang,
                format!("Note: {rule}'s plan breaks {n} hard rule(s); {see}.\n"),
                format!("注：{rule} 的方案违反 {n} 条硬性规则，{see}。\n"),
            ));
        }
    }
    out
}

/// How an optimising rule's plan fails to beat a baseline's, with the numbers.
fn not_beaten(r: &Row, v: &Verdict, lang: Lang) -> String {
    match v.outcome {
        Outcome::Ties => pick(lang, "ties with it on every term", "各目标项均与之持平").to_string(),
        Outcome::Loses => {
            let term = v.decided_by.unwrap_or("-");
            let get = |s: &super::score::Scores| {
                crate::domain::Term::ALL.iter().find(|t| t.name() == term).map_or(f64::NAN, |&t| s.get(t))
            };
            let why = if r.status == crate::solve::Status::Optimal {
                pick(lang, "within the solver's tolerance", "在求解器的容差之内")
            } else {
                pick(lang, "the solver was stopped before proving its plan optimal", "求解器在证明方案最优之前已停止")
            };
            let (own, theirs, zh_term) = (get(&v.own), get(&v.baseline_scores), i18n::term(lang, term));
            pick(
                lang,
                format!("is worse on {term}: {own:.4} against {theirs:.4} ({why})"),
                format!("{zh_term}更差：{own:.4} 对 {theirs:.4}（{why}）"),
            )
        }
        _ => pick(
            lang,
            "cannot be compared: the baseline's plan breaks a hard rule of this policy",
            "无法比较：基准规则的方案违反本政策的硬性规则",
        )
        .to_string(),
    }
}

/// Aligns the cells (first column left, the others right) under a header line of column
/// groups `(first, last, label)`.
fn align(lines: &[Vec<String>], groups: &[(usize, usize, String)]) -> String {
    let n = lines.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> =
        (0..n).map(|k| lines.iter().filter_map(|l| l.get(k)).map(|c| width(c)).max().unwrap_or(0)).collect();
    let start: Vec<usize> = (0..n).map(|k| widths[..k].iter().map(|w| w + 2).sum()).collect();
    let mut group_line = String::new();
    for (first, last, label) in groups.iter().filter(|g| g.1 < n) {
        let (from, to) = (start[*first], start[*last] + widths[*last]);
        // At least a space between two labels wider than their columns (Chinese ones).
        let pad = from.saturating_sub(width(&group_line)).max(usize::from(!group_line.is_empty()));
        group_line.push_str(&" ".repeat(pad));
        let room = (to - from).saturating_sub(width(label));
        group_line.push_str(&format!("{}{label}{}", " ".repeat(room / 2), " ".repeat(room - room / 2)));
    }
    let mut out = format!("{}\n", group_line.trim_end());
    for line in lines {
        let mut text = String::new();
        for (k, cell) in line.iter().enumerate() {
            let pad = " ".repeat(widths[k] - width(cell));
            if k == 0 {
                text.push_str(&format!("{cell}{pad}"));
            } else {
                text.push_str(&format!("  {pad}{cell}"));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

/// comparison.csv: one row per rule, every number of the table and all seven CVs of each
/// stage with pass/fail.
pub fn csv(c: &Comparison) -> Vec<u8> {
    let cells: Vec<(String, &'static str)> =
        c.rows.first().map(|r| r.after.cvs.iter().map(|x| (x.stage.clone(), x.key)).collect()).unwrap_or_default();
    let mut head: Vec<String> = [
        "rule",
        "file",
        "allocator",
        "status",
        "objective_order",
        "violations",
        "shortage",
        "balance",
        "moves",
        "distance_km",
        "exchanges",
        "backbone_exchanges",
        "exchange_needed",
        "backbone_needed",
        "quotas_met",
        "hires_placed",
        "rule_breaches",
        "hard_breaches",
        "unfilled_total",
        "unfilled_rural",
        "unfilled_weak",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (stage, key) in &cells {
        head.push(format!("cv_{stage}_{key}"));
        head.push(format!("pass_{stage}_{key}"));
    }
    for h in [
        "cvs_passing",
        "cvs_assessed",
        "pay_gap",
        "schools_outside_pay_band",
        "mean_distance_km",
        "seconds",
        "vs_baselines",
    ] {
        head.push(h.into());
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(&head);
    for r in &c.rows {
        let s = &r.scores;
        let mut rec: Vec<String> = vec![
            r.rule.clone(),
            r.file.clone(),
            r.allocator.into(),
            r.status.as_str().into(),
            r.objective_order.join(";"),
        ];
        rec.extend([s.violations, s.shortage, s.balance, s.moves, s.distance].iter().map(|v| v.to_string()));
        rec.extend(
            [r.exchanges, r.backbone_exchanges, r.exchange_needed, r.backbone_needed].iter().map(|v| v.to_string()),
        );
        rec.push(r.quotas_met.to_string());
        rec.extend([r.hires_placed, r.rule_breaches, r.hard_breaches].iter().map(|v| v.to_string()));
        let u = r.after.unfilled;
        rec.extend([u.total, u.rural, u.weak].iter().map(|v| v.to_string()));
        for (stage, key) in &cells {
            let cell = r.after.cvs.iter().find(|x| &x.stage == stage && x.key == *key);
            rec.push(cell.and_then(|x| x.cv).map_or(String::new(), |v| v.to_string()));
            rec.push(cell.and_then(|x| x.pass).map_or(String::new(), |v| v.to_string()));
        }
        rec.push(r.after.cvs_passing.to_string());
        rec.push(r.after.cvs_assessed.to_string());
        rec.push(r.after.pay_gap.map_or(String::new(), |v| v.to_string()));
        rec.push(r.after.schools_outside_pay_band.to_string());
        rec.push(r.mean_distance_km.map_or(String::new(), |v| v.to_string()));
        rec.push(r.seconds.to_string());
        rec.push(r.verdicts.iter().map(csv_verdict).collect::<Vec<_>>().join(";"));
        let _ = w.write_record(&rec);
    }
    w.into_inner().unwrap_or_default()
}

/// `beats:seniority`, `loses:lottery@balance`.
fn csv_verdict(v: &Verdict) -> String {
    let outcome = serde_json::to_value(v.outcome).ok().and_then(|x| x.as_str().map(str::to_string)).unwrap_or_default();
    match v.decided_by {
        Some(term) if v.outcome == Outcome::Loses => format!("{outcome}:{}@{term}", v.baseline),
        _ => format!("{outcome}:{}", v.baseline),
    }
}

/// comparison.json: the whole comparison, with every verdict's scores.
pub fn json(c: &Comparison) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(c).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
