//! From solver values to a plan people can read: the moves and placements with the reason
//! codes that justify them, and every unmet rule with why it cannot be met.

use super::build::Model;
use super::instance::{carries, Instance, INDICATORS};
use crate::domain::{Move, MoveKind, Placement, Plan, Subject};
use crate::rules::{self, Rule};

/// The solver's slack on one rule at one place, summed over the rows of that rule there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SlackGroup {
    pub rule: Rule,
    pub school: Option<usize>,
    pub subject: Option<Subject>,
    pub indicator: Option<(crate::domain::Stage, usize)>,
    pub amount: f64,
}

/// The plan encoded by solver values (binaries read as > 0.5), with reasons.
pub fn extract_plan(inst: &Instance<'_>, model: &Model, values: &[f64]) -> Plan {
    let mut plan = Plan::default();
    for (teacher, u, to) in name_teachers(inst, model, values) {
        let unit = &inst.units[u];
        // An extension keeps the teacher at the host for one more year.
        let term_years = match unit.kind {
            MoveKind::Extension => 1,
            _ => inst.policy.exchange.term_years,
        };
        let reasons = move_reasons(inst, teacher, to);
        plan.moves.push(Move { teacher, from: unit.school, to, kind: unit.kind, term_years, reasons });
    }
    for (hire, school) in name_hires(inst, model, values) {
        plan.placements.push(Placement { hire, school, reasons: hire_reasons(inst, hire, school) });
    }
    plan.moves.sort_by_key(|m| m.teacher);
    plan.placements.sort_by_key(|p| p.hire);
    plan
}

/// Each teacher the values send, with the unit that sends them and where. A child
/// ([`super::Unit::parent`]) names its own member first; then each unit's members not sent
/// by a child leave in naming order (longest tenure first), filling the unit's
/// destinations in ascending school order.
fn name_teachers(inst: &Instance<'_>, model: &Model, values: &[f64]) -> Vec<(usize, usize, usize)> {
    let mut sent = vec![false; inst.county.teachers.len()];
    let mut next = vec![0usize; inst.units.len()];
    let mut named = Vec::new();
    for children in [true, false] {
        for (p, x) in inst.pairs.iter().zip(&model.exchange) {
            let unit = &inst.units[p.unit];
            if unit.parent.is_some() != children {
                continue;
            }
            for _ in 0..count(values[x.col]) {
                while unit.members.get(next[p.unit]).is_some_and(|&t| sent[t]) {
                    next[p.unit] += 1;
                }
                let Some(&teacher) = unit.members.get(next[p.unit]) else { break };
                next[p.unit] += 1;
                sent[teacher] = true;
                named.push((teacher, p.unit, p.to));
            }
        }
    }
    named
}

/// Each hire and the school the values place them at. A hire unit's members fill its
/// schools in file order, ascending school order, except that a hire the start plan
/// (`plan --start`) placed at a school the unit still fills is named there first, so that
/// the rows the `changes` term counts as kept are the very rows of the start.
fn name_hires(inst: &Instance<'_>, model: &Model, values: &[f64]) -> Vec<(usize, usize)> {
    let started = |h: usize| inst.start.as_ref().and_then(|s| s.placed_at.get(&h).copied());
    let mut named = Vec::new();
    let mut from = 0;
    for (v, unit) in inst.hire_units.iter().enumerate() {
        let mut seats: Vec<(usize, usize)> = Vec::new();
        while from < model.placement.len() && model.placement[from].0 == v {
            let (_, school, g) = model.placement[from];
            seats.push((school, count(values[g.col])));
            from += 1;
        }
        let mut waiting = Vec::new();
        for &h in &unit.members {
            match seats.iter_mut().find(|(s, n)| Some(*s) == started(h) && *n > 0) {
                Some(seat) => {
                    seat.1 -= 1;
                    named.push((h, seat.0));
                }
                None => waiting.push(h),
            }
        }
        let mut waiting = waiting.into_iter();
        for (school, n) in seats {
            named.extend(waiting.by_ref().take(n).map(|h| (h, school)));
        }
    }
    named
}

/// An integer decision's value (solver values carry tolerances of about 1e-9).
fn count(value: f64) -> usize {
    value.round().max(0.0) as usize
}

/// Slack groups the solver left positive.
pub fn slack_breaches(model: &Model, values: &[f64]) -> Vec<SlackGroup> {
    let mut out: Vec<SlackGroup> = Vec::new();
    for s in &model.slacks {
        let v = values[s.col.col];
        if v > 1e-6 {
            let same = |g: &&mut SlackGroup| {
                (g.rule, g.school, g.subject, g.indicator) == (s.rule, s.school, s.subject, s.indicator)
            };
            match out.iter_mut().find(same) {
                Some(group) => group.amount += v,
                None => out.push(SlackGroup {
                    rule: s.rule,
                    school: s.school,
                    subject: s.subject,
                    indicator: s.indicator,
                    amount: v,
                }),
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
        reasons.push(format!("{}:{subject}", Rule::Coverage.key()));
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
    if inst.extensions.contains_key(&teacher) {
        reasons.push(Rule::Extension.key().into());
        return reasons;
    }
    if inst.due.binary_search(&teacher).is_ok() {
        reasons.push(Rule::RotationDue.key().into());
    }
    if inst.policy.exchange.share > 0.0 {
        reasons.push(Rule::ExchangeQuota.key().into());
    }
    if inst.policy.exchange.backbone_share > 0.0 && rules::counts_as_backbone(t, inst.policy) {
        reasons.push(Rule::BackboneShare.key().into());
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
