//! From solver values to a plan people can read: the moves and placements with the reason
//! codes that justify them, and every unmet rule with why it cannot be met.

use super::build::Model;
use super::instance::{carries, Instance, INDICATORS};
use crate::check::Breach;
use crate::domain::{Move, MoveKind, Placement, Plan, Subject};
use crate::rules;
use serde::Serialize;

/// An unmet policy rule in a plan: what the checker measured, and why the plan cannot do
/// better.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    pub code: &'static str,
    pub rule: &'static str,
    pub school: Option<String>,
    pub subject: Option<String>,
    pub amount: f64,
    pub unit: &'static str,
    pub message: String,
    pub why: String,
}

/// The plan encoded by solver values (binaries read as > 0.5), with reasons.
pub fn extract_plan(inst: &Instance<'_>, model: &Model, values: &[f64]) -> Plan {
    let mut plan = Plan::default();
    // Naming: each unit's members leave in naming order (longest tenure first), filling its
    // destinations in ascending school order.
    let mut next = vec![0usize; inst.units.len()];
    for (p, x) in inst.pairs.iter().zip(&model.exchange) {
        let unit = &inst.units[p.unit];
        for _ in 0..count(values[x.col]) {
            let Some(&teacher) = unit.members.get(next[p.unit]) else { break };
            next[p.unit] += 1;
            plan.moves.push(Move {
                teacher,
                from: unit.school,
                to: p.to,
                kind: MoveKind::Exchange,
                term_years: inst.policy.exchange.term_years,
                reasons: move_reasons(inst, teacher, p.to),
            });
        }
    }
    let mut next_hire = vec![0usize; inst.hire_units.len()];
    for &(v, school, g) in &model.placement {
        for _ in 0..count(values[g.col]) {
            let Some(&hire) = inst.hire_units[v].members.get(next_hire[v]) else { break };
            next_hire[v] += 1;
            plan.placements.push(Placement { hire, school, reasons: hire_reasons(inst, hire, school) });
        }
    }
    plan.moves.sort_by_key(|m| m.teacher);
    plan.placements.sort_by_key(|p| p.hire);
    plan
}

/// An integer decision's value (solver values carry tolerances of about 1e-9).
fn count(value: f64) -> usize {
    value.round().max(0.0) as usize
}

/// Slack groups the solver left positive: (rule, school, subject, amount).
pub fn slack_breaches(model: &Model, values: &[f64]) -> Vec<(&'static str, Option<usize>, Option<Subject>, f64)> {
    let mut out: Vec<(&'static str, Option<usize>, Option<Subject>, f64)> = Vec::new();
    for s in &model.slacks {
        let v = values[s.col.col];
        if v > 1e-6 {
            match out.iter_mut().find(|(r, sc, su, _)| *r == s.rule && *sc == s.school && *su == s.subject) {
                Some(entry) => entry.3 += v,
                None => out.push((s.rule, s.school, s.subject, v)),
            }
        }
    }
    out
}

fn reasons_for(inst: &Instance<'_>, school: usize, subject: Subject, carried: [f64; 3]) -> Vec<String> {
    let mut reasons = Vec::new();
    let k = subject.index();
    let (demand, base) = (inst.demand[school][k], inst.base[school][k]);
    if demand > base {
        reasons.push(format!("shortage:{subject}"));
    }
    if inst.policy.staffing.coverage_subjects.contains(&subject) && demand >= 1 && base == 0 {
        reasons.push(format!("coverage:{subject}"));
    }
    let sc = &inst.county.schools[school];
    if let Some((_, schools)) = inst.cv_schools.iter().find(|(g, _)| *g == sc.stage) {
        let students: f64 = schools.iter().map(|&s| inst.county.schools[s].students as f64).sum();
        if students > 0.0 && sc.students > 0 {
            for (j, key) in INDICATORS.iter().enumerate() {
                let mean = schools.iter().map(|&s| inst.indicator_before[s][j]).sum::<f64>() / students;
                let here = inst.indicator_before[school][j] / sc.students as f64;
                if carried[j] > 0.0 && here < mean {
                    reasons.push(format!("balance:{key}"));
                }
            }
        }
    }
    reasons
}

pub(super) fn move_reasons(inst: &Instance<'_>, teacher: usize, to: usize) -> Vec<String> {
    let t = &inst.county.teachers[teacher];
    let stage = inst.county.schools[to].stage;
    let mut reasons = reasons_for(inst, to, t.subject, carries(stage, t.degree, t.backbone, t.subject));
    if inst.policy.exchange.share > 0.0 {
        reasons.push("exchange_quota".into());
    }
    if inst.policy.exchange.backbone_share > 0.0 && rules::counts_as_backbone(t, inst.policy) {
        reasons.push("backbone_share".into());
    }
    reasons
}

fn hire_reasons(inst: &Instance<'_>, hire: usize, school: usize) -> Vec<String> {
    let h = &inst.county.new_hires[hire];
    let stage = inst.county.schools[school].stage;
    let mut reasons =
        reasons_for(inst, school, h.subject, carries(stage, h.degree, crate::domain::Backbone::None, h.subject));
    if reasons.is_empty() {
        reasons.push("staff_room".into());
    }
    reasons
}

/// Why a rule the checker found unmet could not be met: the binding limit in the data,
/// or the competing rules.
pub fn why(inst: &Instance<'_>, breach: &Breach) -> String {
    let county = inst.county;
    let policy = inst.policy;
    let cap = policy.exchange.max_distance_km;
    let school = breach.school.as_deref().and_then(|id| county.school_index(id));
    let mut can_go = vec![false; county.teachers.len()];
    for p in &inst.pairs {
        for &t in &inst.units[p.unit].members {
            can_go[t] = true;
        }
    }
    let reachable = |t: usize| can_go[t];
    match breach.rule {
        "exchange_quota" => {
            let pool: Vec<usize> = inst
                .eligible
                .iter()
                .copied()
                .filter(|&t| school.is_none_or(|s| county.teachers[t].school == s))
                .collect();
            let with_dest = pool.iter().filter(|&&t| reachable(t)).count();
            let leavable = leavable(inst, &pool);
            let room: u32 = (0..county.schools.len())
                .filter(|&s| county.schools[s].is_receiving())
                .map(|s| inst.staff_ceiling(s).saturating_sub(inst.staff_before[s]))
                .sum();
            let need = breach.amount as usize + (pool.len() as f64 * policy.exchange.share).floor() as usize;
            if with_dest < need {
                format!("only {with_dest} of the {} eligible teachers have a rural or weak school of their stage within {cap} km", pool.len())
            } else if leavable < need {
                format!("at most {leavable} eligible teachers can leave without leaving their school with no teacher of their subject")
            } else if (room as usize) < need {
                format!("rural and weak schools have room for only {room} more teachers under their staff quotas (tolerance {})", policy.staffing.quota_tolerance)
            } else {
                "meeting it fully would break other rules that weigh as much (see the other violations)".into()
            }
        }
        "backbone_share" => {
            let eligible_bb: Vec<usize> = inst
                .eligible
                .iter()
                .copied()
                .filter(|&t| rules::counts_as_backbone(&county.teachers[t], policy))
                .collect();
            let with_dest = eligible_bb.iter().filter(|&&t| reachable(t)).count();
            format!(
                "only {} backbone teachers ({} level and up) are eligible, {with_dest} of them with a rural or weak school of their stage within {cap} km",
                eligible_bb.len(), policy.exchange.backbone_min_level
            )
        }
        "staff_quota" => {
            let room: u32 =
                (0..county.schools.len()).map(|s| inst.staff_ceiling(s).saturating_sub(inst.staff_before[s])).sum();
            let hires = county.new_hires.len();
            if hires as u32 > room {
                format!("every one of the {hires} new hires must be placed, and the county's staff quotas have room for only {room}")
            } else {
                "placing teachers elsewhere would break rules that weigh as much (see the other violations)".into()
            }
        }
        "pay_band" => {
            let s = school.unwrap_or(0);
            let n0 = inst.staff_before[s].max(1) as f64;
            let dev0 = (inst.pay_before[s] / n0 / inst.ref_pay - 1.0) * 100.0;
            format!("before the plan it was {:.1}% {} the county mean; the teachers who may move cannot close the gap without breaking other rules", dev0.abs(), if dev0 > 0.0 { "above" } else { "below" })
        }
        "coverage" => {
            let s = school.unwrap_or(0);
            let subject = breach.subject.as_deref().and_then(Subject::parse).unwrap_or(Subject::Other);
            let teachers = inst
                .pairs
                .iter()
                .filter(|p| p.to == s && inst.units[p.unit].subject == subject)
                .map(|p| inst.units[p.unit].members.len())
                .sum::<usize>();
            let hires = county.new_hires.iter().filter(|h| h.subject == subject).count();
            if teachers == 0 && hires == 0 {
                format!("no eligible {subject} teacher can be sent there (none at an urban or town school of its stage within {cap} km) and no new hire teaches {subject}")
            } else {
                format!("the {teachers} eligible {subject} teachers who could go there and the {hires} {subject} new hires are all needed by rules or shortages that weigh as much elsewhere")
            }
        }
        "allowance_budget" => "the exchange quota cannot be met with cheaper destinations".into(),
        _ => "a hard rule of the plan; rotaplan's own plans never break it".into(),
    }
}

/// How many of `pool` could leave without a sending school losing its last teacher of a subject.
fn leavable(inst: &Instance<'_>, pool: &[usize]) -> usize {
    let county = inst.county;
    let mut count = vec![[0u32; Subject::COUNT]; county.schools.len()];
    for &t in pool {
        let teacher = &county.teachers[t];
        count[teacher.school][teacher.subject.index()] += 1;
    }
    let mut total = 0;
    for (s, row) in count.iter().enumerate() {
        for (k, &c) in row.iter().enumerate() {
            total += c.min(inst.base[s][k].saturating_sub(1)) as usize;
        }
    }
    total
}

impl Violation {
    pub fn from_breach(inst: &Instance<'_>, b: &Breach) -> Self {
        Violation {
            code: b.code,
            rule: b.rule,
            school: b.school.clone(),
            subject: b.subject.clone(),
            amount: b.amount,
            unit: b.unit,
            message: b.message.clone(),
            why: why(inst, b),
        }
    }
}
