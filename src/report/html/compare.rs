//! The HTML report of `rotaplan compare --report`: the rules side by side in one
//! self-contained page, in the plan report's look.
//!
//! - a table with one row per rule (and the county before any plan): status, policy rules
//!   not met, moves, unfilled posts, quotas, CVs within the limit, pay gap, km per move,
//!   time, and how each optimising rule fares against the baselines on its own objective;
//! - per stage, the CVs of the three teacher indicators, one bar per rule, the county
//!   before the plan first (grey), against the stage's limit;
//! - unfilled posts (all, rural and weak schools), one bar per rule;
//! - moves per rule and mean km per move (`compare_charts`).
//!
//! Every rule keeps its colour in every chart, with a legend. A pure function of the
//! [`Comparison`] (the time column is what the run measured).

use super::compare_charts::{balance, moves, unfilled};
use super::{section, shell};
use crate::compare::row::{Outlook, Row};
use crate::compare::verdict::{Outcome, Verdict};
use crate::compare::Comparison;
use crate::domain::Term;
use crate::report::i18n::{self, pick, Lang};
use crate::report::svg::{escape, fmt};
use std::fmt::Write;

/// The page comparing every rule of `c`.
pub fn compare_report(c: &Comparison, lang: Lang) -> String {
    let title = pick(lang, "Allocation rules compared", "教师交流分配规则比较");
    let mut body = String::new();
    body.push_str(&summary(c, lang));
    body.push_str(&balance(c, lang));
    body.push_str(&unfilled(c, lang));
    body.push_str(&moves(c, lang));
    shell(title, &body, lang)
}

fn cell(text: &str, class: &str) -> String {
    match class {
        "" => format!("<td class=\"num\">{}</td>", escape(text)),
        c => format!("<td class=\"num\"><span class=\"{c}\">{}</span></td>", escape(text)),
    }
}

/// Unfilled posts (total, rural, weak), then CVs within the limit and the pay gap.
fn outlook_cells(o: &Outlook) -> (String, String) {
    let u = o.unfilled;
    let posts = [u.total, u.rural, u.weak].iter().map(|n| cell(&n.to_string(), "")).collect::<String>();
    let cv_class = if o.cvs_passing < o.cvs_assessed { "fail" } else { "pass" };
    let rest = format!(
        "{}{}",
        cell(&format!("{}/{}", o.cvs_passing, o.cvs_assessed), cv_class),
        cell(&o.pay_gap.map_or("-".into(), |g| format!("{:.1}%", g * 100.0)), "")
    );
    (posts, rest)
}

/// The table of every rule, and a note for each optimising rule that does not beat a
/// baseline.
fn summary(c: &Comparison, lang: Lang) -> String {
    let mut out = section(
        "rules",
        pick(lang, "The rules side by side", "各规则方案一览"),
        &escape(&pick(
            lang,
            format!(
                "{} rules on the same county. Every plan is checked by the independent checker, evaluated with the \
                 national indicators and scored on the objective terms by one yardstick. Each optimising rule is \
                 judged against every baseline on its own objective, in its own order of terms.",
                c.rows.len()
            ),
            format!(
                "同一县域的 {} 种分配规则。每个方案均经独立检查程序核验，按国家指标评估，并用同一标准计算各目标项。\
                 每个优化规则按其自身目标及各项先后顺序与每个基准规则比较。",
                c.rows.len()
            ),
        )),
    );
    let head = |en: &str, zh: &str| escape(pick(lang, en, zh));
    let _ = write!(
        out,
        "<div style=\"overflow-x:auto\"><table id=\"rules-table\"><thead><tr>\
         <th rowspan=\"2\">{}</th><th rowspan=\"2\">{}</th><th rowspan=\"2\">{}</th>\
         <th class=\"num\" rowspan=\"2\">{}</th><th class=\"num\" rowspan=\"2\">{}</th>\
         <th colspan=\"3\" style=\"text-align:center\">{}</th><th rowspan=\"2\">{}</th>\
         <th class=\"num\" rowspan=\"2\">{}</th><th class=\"num\" rowspan=\"2\">{}</th>\
         <th class=\"num\" rowspan=\"2\">{}</th><th class=\"num\" rowspan=\"2\">{}</th><th rowspan=\"2\">{}</th></tr>\
         <tr><th class=\"num\" style=\"white-space:nowrap\">{}</th><th class=\"num\" style=\"white-space:nowrap\">{}</th>\
         <th class=\"num\" style=\"white-space:nowrap\">{}</th></tr></thead><tbody>",
        head("Rule", "规则"),
        head("Made by", "分配方式"),
        head("Status", "求解状态"),
        head("Rules not met", "未满足政策"),
        head("Moves", "交流人数"),
        head("Unfilled posts", "缺岗数"),
        head("Quotas", "交流与骨干比例"),
        head("CVs within limit", "差异系数达标"),
        head("Pay gap", "工资差距"),
        head("km per move", "人均距离（公里）"),
        head("Seconds", "用时（秒）"),
        head("Own objective vs baselines", "自身目标与基准规则比较"),
        head("total", "合计"),
        head("rural", "乡村"),
        head("weak", "薄弱"),
    );
    if let Some(before) = &c.before {
        let (posts, rest) = outlook_cells(before);
        let _ = write!(
            out,
            "<tr class=\"before\"><td style=\"white-space:nowrap\">{}</td><td>-</td><td>-</td>{dash}{dash}{posts}<td>-</td>{rest}{dash}{dash}<td>-</td></tr>",
            escape(pick(lang, "(before the plan)", "（方案前）")),
            dash = cell("-", ""),
        );
    }
    for r in &c.rows {
        let status = if r.allocator == "optimise" {
            i18n::status(lang, r.status.as_str())
        } else {
            pick(lang, "not optimised", "未优化")
        };
        let viol_class = if r.scores.violations > 1e-9 { "fail" } else { "" };
        let (posts, rest) = outlook_cells(&r.after);
        let quotas = if r.quotas_met {
            format!("<span class=\"pass\">{}</span>", pick(lang, "met", "达到"))
        } else {
            format!("<span class=\"fail\">{}</span>", pick(lang, "not met", "未达到"))
        };
        let _ = write!(
            out,
            "<tr class=\"rule\" data-rule=\"{name}\"><td style=\"white-space:nowrap\"><b>{name}</b></td><td>{alloc}</td><td>{status}</td>{viol}{moves}{posts}\
             <td>{quotas}</td>{rest}{km}{secs}<td>{verdict}</td></tr>",
            name = escape(&r.rule),
            alloc = escape(&i18n::allocator(lang, r.allocator)),
            status = escape(status),
            viol = cell(&fmt(r.scores.violations, 2), viol_class),
            moves = cell(&r.exchanges.to_string(), ""),
            km = cell(&r.mean_distance_km.map_or("-".into(), |k| fmt(k, 1)), ""),
            secs = cell(&fmt(r.seconds, 2), ""),
            verdict = verdict_cell(r, lang),
        );
    }
    out.push_str("</tbody></table></div>");
    let _ = write!(
        out,
        "<p class=\"note\">{}</p>",
        escape(pick(
            lang,
            "Rules not met: the policy rules a plan does not meet (exchange quota, backbone share, staff quota, \
             PE/music/art taught, equal pay, allowance budget), in teacher-equivalents. Unfilled posts: subject posts \
             without a teacher after the plan (a rural weak school counts in both). Quotas: the exchange quota and the \
             backbone share both met. CVs within limit: the 2017 indicators of both stages within their limit. Pay gap: \
             the largest gap between a school's mean pay and the county mean.",
            "未满足政策：方案未满足的政策规则（交流比例、骨干教师比例、编制上限、开齐体育音乐美术课、同工同酬、补贴预算），折合教师人数。\
             缺岗数：方案实施后无教师任教的学科岗位（乡村薄弱学校两列都计）。交流与骨干比例：交流比例和骨干教师比例均达到。\
             差异系数达标：两个学段2017年各项指标中差异系数达到标准的项数。工资差距：学校平均工资与全县平均工资的最大差距。"
        ))
    );
    out.push_str(&notes(c, lang));
    out.push_str("</section>\n");
    out
}

/// "beats all 3 baselines", or each baseline the rule does not beat, in red.
fn verdict_cell(r: &Row, lang: Lang) -> String {
    if r.verdicts.is_empty() {
        return "-".into();
    }
    let flagged: Vec<&Verdict> = r.verdicts.iter().filter(|v| v.flagged()).collect();
    if flagged.is_empty() {
        let n = r.verdicts.len();
        let text = pick(lang, format!("beats all {n} baselines"), format!("优于全部 {n} 个基准规则"));
        return format!("<span class=\"pass\">{}</span>", escape(&text));
    }
    flagged
        .iter()
        .map(|v| {
            let b = &v.baseline;
            let text = match v.outcome {
                Outcome::Beats => pick(lang, format!("beats {b}"), format!("优于 {b}")),
                Outcome::Ties => pick(lang, format!("ties {b}"), format!("与 {b} 持平")),
                Outcome::Loses => {
                    let term = i18n::term(lang, v.decided_by.unwrap_or("-"));
                    pick(lang, format!("loses to {b} ({term})"), format!("不及 {b}（{term}）"))
                }
                Outcome::NotComparable => pick(lang, format!("{b}: not comparable"), format!("{b}：不可比较")),
            };
            format!("<span class=\"fail\">{}</span>", escape(&text))
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

/// One sentence per optimising rule that does not beat a baseline, with the numbers.
fn notes(c: &Comparison, lang: Lang) -> String {
    let mut out = String::new();
    for r in &c.rows {
        let order: Vec<String> = r.objective_order.iter().map(|t| i18n::term(lang, t)).collect();
        let order = order.join(pick(lang, ", ", "、"));
        for v in r.verdicts.iter().filter(|v| v.flagged()) {
            let (rule, b) = (&r.rule, &v.baseline);
            let what = match v.outcome {
                Outcome::Ties => pick(lang, "it ties with it on every term.".to_string(), "各项均持平。".to_string()),
                Outcome::Loses => {
                    let name = v.decided_by.unwrap_or("-");
                    let get = |s: &crate::compare::score::Scores| {
                        Term::ALL.iter().find(|t| t.name() == name).map_or(f64::NAN, |&t| s.get(t))
                    };
                    let (own, theirs) = (fmt(get(&v.own), 4), fmt(get(&v.baseline_scores), 4));
                    let term = i18n::term(lang, name);
                    let optimal = r.status == crate::solve::Status::Optimal;
                    pick(
                        lang,
                        format!(
                            "it is worse on {term}: {own} against {theirs} ({}).",
                            if optimal {
                                "within the solver's tolerance"
                            } else {
                                "the solver was stopped before proving its plan optimal"
                            }
                        ),
                        format!(
                            "{term}较差：{own} 对 {theirs}（{}）。",
                            if optimal {
                                "在求解器容差范围内"
                            } else {
                                "求解器在证明方案最优之前已停止"
                            }
                        ),
                    )
                }
                _ => pick(
                    lang,
                    "it cannot be compared: the baseline's plan breaks a hard rule of this policy.".to_string(),
                    "无法比较：该基准规则的方案违反本政策的硬性规则。".to_string(),
                ),
            };
            let text = pick(
                lang,
                format!("{rule} does not beat {b} on its own objective ({order}): {what}"),
                format!("{rule} 按自身目标（{order}）未优于 {b}：{what}"),
            );
            let _ = write!(out, "<p class=\"note\">{}</p>", escape(&text));
        }
        if r.hard_breaches > 0 {
            let (rule, n) = (&r.rule, r.hard_breaches);
            let text = pick(
                lang,
                format!("{rule}'s plan breaks {n} hard rule(s); see its summary.json."),
                format!("{rule} 的方案违反 {n} 项硬性规则，详见其 summary.json。"),
            );
            let _ = write!(out, "<p class=\"note fail\">{}</p>", escape(&text));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::compare_charts::TEACHER_INDICATORS;
    use super::*;
    use crate::compare::row::{CvCell, Unfilled};
    use crate::compare::score::Scores;
    use crate::solve::Status;

    fn outlook(cv: f64, unfilled: u32) -> Outlook {
        let cvs = ["primary", "junior"]
            .iter()
            .flat_map(|stage| {
                TEACHER_INDICATORS.iter().map(move |&key| CvCell {
                    stage: stage.to_string(),
                    key,
                    cv: Some(cv),
                    threshold: Some(0.45),
                    pass: Some(cv <= 0.45),
                })
            })
            .collect();
        Outlook {
            unfilled: Unfilled { total: unfilled, rural: unfilled / 2, weak: 1 },
            cvs,
            cvs_passing: 3,
            cvs_assessed: 6,
            pay_gap: Some(0.1),
            schools_outside_pay_band: 0,
        }
    }

    fn row(name: &str, allocator: &'static str, cv: f64) -> Row {
        let scores = Scores { violations: 0.0, shortage: 1.0, balance: 0.2, moves: 3.0, distance: 12.0 };
        Row {
            rule: name.into(),
            file: format!("models/{name}.toml"),
            allocator,
            status: if allocator == "optimise" { Status::Optimal } else { Status::Feasible },
            objective_order: vec!["violations", "shortage", "balance", "moves", "distance"],
            scores,
            exchanges: 3,
            backbone_exchanges: 1,
            exchange_needed: 3,
            backbone_needed: 1,
            quotas_met: true,
            hires_placed: 2,
            rule_breaches: 0,
            hard_breaches: 0,
            after: outlook(cv, 4),
            mean_distance_km: Some(4.0),
            seconds: 0.5,
            verdicts: if allocator == "optimise" {
                vec![Verdict {
                    baseline: "lottery".into(),
                    outcome: Outcome::Ties,
                    decided_by: None,
                    own: scores,
                    baseline_scores: scores,
                }]
            } else {
                Vec::new()
            },
        }
    }

    #[test]
    fn one_row_and_one_bar_per_rule() {
        let c = Comparison {
            before: Some(outlook(0.6, 8)),
            rows: vec![row("national-<2014>", "optimise", 0.3), row("lottery", "lottery", 0.5)],
        };
        for lang in [Lang::En, Lang::Zh] {
            let html = compare_report(&c, lang);
            assert_eq!(html.matches("<tr class=\"rule\"").count(), 2);
            assert_eq!(html.matches("<tr class=\"before\"").count(), 1);
            assert!(html.contains("national-&lt;2014&gt;") && !html.contains("national-<2014>"));
            for (id, marks) in [
                ("compare-cv-primary", 9),
                ("compare-cv-junior", 9),
                ("compare-unfilled-posts", 9),
                ("compare-moves-count", 2),
                ("compare-km-per-move", 2),
            ] {
                assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
                let at = html.find(&format!("id=\"{id}\"")).unwrap();
                let tag = &html[at..at + html[at..].find('>').unwrap()];
                assert!(tag.contains(&format!("data-marks=\"{marks}\"")), "{id}: {tag}");
            }
            assert!(!html.contains("<script"));
            assert_eq!(html, compare_report(&c, lang), "a pure function");
        }
        assert!(compare_report(&c, Lang::Zh).contains("与 lottery 持平"));
    }
}
