//! The comparison as bytes: the text table people read, CSV for spreadsheets, JSON for
//! programs. Pure functions of a [`Comparison`]; rows stay in the order the rules were
//! given.

use super::row::{Outlook, Row};
use super::verdict::{Outcome, Verdict};
use super::Comparison;
use crate::domain::Stage;

/// The teacher indicators shown in the text table (facility indicators do not move with
/// a plan; the CSV and JSON carry all seven).
const SHOWN: [(&str, &str); 3] =
    [("degree_per_100", "degree"), ("backbone_per_100", "backbone"), ("pe_arts_per_100", "pe_arts")];

/// The text table, with notes under it for every optimising rule that does not beat a
/// baseline. `seconds` off leaves the time column out (for reproducible snapshots).
pub fn table(c: &Comparison, seconds: bool) -> String {
    let mut head = vec!["rule", "allocator", "status", "viol.", "moves", "total", "rural", "weak", "quotas"];
    for _ in Stage::ALL {
        head.extend(SHOWN.iter().map(|(_, short)| *short));
    }
    head.extend(["CVs ok", "pay gap", "km/move"]);
    if seconds {
        head.push("seconds");
    }
    head.push("own objective vs baselines");
    let mut lines: Vec<Vec<String>> = vec![head.iter().map(|h| h.to_string()).collect()];
    if let Some(before) = &c.before {
        let mut cells = vec!["(before the plan)".into(), "-".into(), "-".into(), "-".into(), "-".into()];
        cells.extend(outlook_cells(before, "-"));
        cells.push("-".into());
        if seconds {
            cells.push("-".into());
        }
        cells.push("-".into());
        lines.push(cells);
    }
    for r in &c.rows {
        let mut cells = vec![
            r.rule.clone(),
            r.allocator.to_string(),
            r.status.as_str().to_string(),
            format!("{:.2}", r.scores.violations),
            r.exchanges.to_string(),
        ];
        let quotas = if r.quotas_met { "met" } else { "NOT met" };
        cells.extend(outlook_cells(&r.after, quotas));
        cells.push(r.mean_distance_km.map_or("-".into(), |k| format!("{k:.1}")));
        if seconds {
            cells.push(format!("{:.2}", r.seconds));
        }
        cells.push(verdict_cell(r));
        lines.push(cells);
    }
    let groups = [
        (5, 7, "unfilled posts".to_string()),
        (9, 11, cv_group(c, Stage::Primary)),
        (12, 14, cv_group(c, Stage::Junior)),
    ];
    let mut out = align(&lines, &groups);
    out.push_str("\n* CV above the stage's limit (fails the 2017 test). unfilled: subject posts without a teacher\n");
    out.push_str("(a rural weak school counts in both rural and weak). quotas: the 10% exchange quota and the\n");
    out.push_str("20% backbone share. pay gap: the largest gap between a school's mean pay and the county mean.\n");
    out.push_str(&notes(c));
    out
}

/// Unfilled posts, quotas, CVs, CVs passing, pay gap.
fn outlook_cells(o: &Outlook, quotas: &str) -> Vec<String> {
    let mut cells =
        vec![o.unfilled.total.to_string(), o.unfilled.rural.to_string(), o.unfilled.weak.to_string(), quotas.into()];
    for stage in Stage::ALL {
        for (key, _) in SHOWN {
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

fn cv_group(c: &Comparison, stage: Stage) -> String {
    let limit = c.rows.iter().find_map(|r| r.after.cv(stage, "degree_per_100").and_then(|x| x.threshold));
    match limit {
        Some(l) => format!("CV {stage} (limit {l:.2})"),
        None => format!("CV {stage}"),
    }
}

/// "beats all 3", or the baselines it does not beat.
fn verdict_cell(r: &Row) -> String {
    if r.verdicts.is_empty() {
        return "-".into();
    }
    let flagged: Vec<String> = r.verdicts.iter().filter(|v| v.flagged()).map(short_verdict).collect();
    if flagged.is_empty() {
        format!("beats all {}", r.verdicts.len())
    } else {
        flagged.join(", ")
    }
}

fn short_verdict(v: &Verdict) -> String {
    match v.outcome {
        Outcome::Beats => format!("beats {}", v.baseline),
        Outcome::Ties => format!("TIES {}", v.baseline),
        Outcome::Loses => format!("LOSES to {} ({})", v.baseline, v.decided_by.unwrap_or("-")),
        Outcome::NotComparable => format!("{}: not comparable", v.baseline),
    }
}

/// One sentence per optimising rule that does not beat a baseline, with the numbers.
fn notes(c: &Comparison) -> String {
    let mut out = String::new();
    for r in &c.rows {
        for v in r.verdicts.iter().filter(|v| v.flagged()) {
            let order = r.objective_order.join(", ");
            let what = match v.outcome {
                Outcome::Ties => "ties with it on every term".to_string(),
                Outcome::Loses => {
                    let term = v.decided_by.unwrap_or("-");
                    let get = |s: &super::score::Scores| {
                        crate::domain::Term::ALL.iter().find(|t| t.name() == term).map_or(f64::NAN, |&t| s.get(t))
                    };
                    let why = if r.status == crate::solve::Status::Optimal {
                        "within the solver's tolerance"
                    } else {
                        "the solver was stopped before proving its plan optimal"
                    };
                    format!("is worse on {term}: {:.4} against {:.4} ({why})", get(&v.own), get(&v.baseline_scores))
                }
                _ => "cannot be compared: the baseline's plan breaks a hard rule of this policy".to_string(),
            };
            out.push_str(&format!(
                "Note: {} does not beat {} on its own objective ({order}): it {what}.\n",
                r.rule, v.baseline
            ));
        }
        if r.hard_breaches > 0 {
            out.push_str(&format!(
                "Note: {}'s plan breaks {} hard rule(s); see its summary.json.\n",
                r.rule, r.hard_breaches
            ));
        }
    }
    out
}

/// Aligns the cells (first column left, the others right) under a header line of column
/// groups `(first, last, label)`.
fn align(lines: &[Vec<String>], groups: &[(usize, usize, String)]) -> String {
    let n = lines.iter().map(Vec::len).max().unwrap_or(0);
    let width: Vec<usize> =
        (0..n).map(|k| lines.iter().filter_map(|l| l.get(k)).map(|c| c.chars().count()).max().unwrap_or(0)).collect();
    let start: Vec<usize> = (0..n).map(|k| width[..k].iter().map(|w| w + 2).sum()).collect();
    let mut group_line = String::new();
    for (first, last, label) in groups.iter().filter(|g| g.1 < n) {
        let (from, to) = (start[*first], start[*last] + width[*last]);
        let pad = from.saturating_sub(group_line.chars().count());
        group_line.push_str(&" ".repeat(pad));
        let span = to - from;
        group_line.push_str(&format!("{label:^span$}"));
    }
    let mut out = format!("{}\n", group_line.trim_end());
    for line in lines {
        let mut text = String::new();
        for (k, cell) in line.iter().enumerate() {
            let w = width[k];
            if k == 0 {
                text.push_str(&format!("{cell:<w$}"));
            } else {
                text.push_str(&format!("  {cell:>w$}"));
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
