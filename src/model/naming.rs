//! Pay-aware naming: which members of a unit go where, when the longest-tenure order breaks
//! a pay band that the unit counts allow.
//!
//! The aggregated model decides how many members of each unit go to each school. Every rule
//! but pay is the same whoever they are; for pay the model reads a relaxation (docs/model.md).
//! `extract_plan` names members by tenure. When that naming breaks a school's exact pay band
//! by more than the model's pay slack there, the counts may still admit a naming that does
//! not: this module looks for it with a small MIP over the members of the units whose pay
//! differs, keeping every count, and prefers the longest-serving members. If it finds one,
//! the plan attains the relaxation's optimum under the exact rule, so no re-solve is needed.

use super::explain::move_reasons;
use super::instance::Instance;
use crate::domain::{staff_after, Move, MoveKind, Plan};
use crate::rules;
use good_lp::{constraint, variable, Expression, ProblemVariables, Solution, Variable};
use std::collections::{BTreeMap, BTreeSet};

/// Tolerance on the pay slack (teacher-equivalents), as the planner compares them.
const SLACK_TOL: f64 = 1e-6;

/// Renames the members of pay-diverse units so that no school's exact pay-band breach
/// exceeds `allowed[s]` (the model's pay slack at `s`), preferring longer tenure. The
/// moves of a child's own columns (exact arrivals, [`super::Unit::parent`]) stay, and
/// their teachers are not the parent's to send. `None`
/// when no naming with these counts does so, or when HiGHS cannot tell within `time_limit`.
pub fn name_for_pay(inst: &Instance<'_>, plan: &Plan, allowed: &[f64], time_limit: f64) -> Option<Plan> {
    let county = inst.county;
    let policy = inst.policy;
    let r = rules::reference_pay(county);
    if r <= 0.0 || time_limit <= 0.0 {
        return None;
    }
    let tol = policy.pay.tolerance;
    // Each teacher's unit, a parent rather than its child (`Unit::parent`); and the moves
    // a child's own columns make, which name their teacher and stay as they are.
    let unit_of: BTreeMap<usize, usize> = inst
        .units
        .iter()
        .enumerate()
        .filter(|(_, unit)| unit.parent.is_none())
        .flat_map(|(u, unit)| unit.members.iter().map(move |&t| (t, u)))
        .collect();
    let by_child: BTreeSet<(usize, usize)> = inst
        .pairs
        .iter()
        .filter(|p| inst.units[p.unit].parent.is_some())
        .map(|p| (inst.units[p.unit].members[0], p.to))
        .collect();
    let by_child = |m: &Move| by_child.contains(&(m.teacher, m.to));
    // Units whose members earn different pay and of which somebody moves by the unit's count.
    let mut counts: BTreeMap<usize, BTreeMap<usize, usize>> = BTreeMap::new();
    for m in plan.moves.iter().filter(|m| m.kind == MoveKind::Exchange && !by_child(m)) {
        let Some(&u) = unit_of.get(&m.teacher) else { continue };
        let unit = &inst.units[u];
        if unit.pay_max > unit.pay_min {
            *counts.entry(u).or_default().entry(m.to).or_default() += 1;
        }
    }
    if counts.is_empty() {
        return None;
    }
    // Members a child sends are not the unit's to send.
    let child_sent: BTreeSet<usize> = plan.moves.iter().filter(|m| by_child(m)).map(|m| m.teacher).collect();
    let renamed = |t: usize| !child_sent.contains(&t) && unit_of.get(&t).is_some_and(|u| counts.contains_key(u));

    // Pay sum and head count after the plan, without the members of the renamed units.
    let n = county.schools.len();
    let (mut sum, mut heads) = (vec![0.0; n], vec![0.0; n]);
    let staff = staff_after(county, policy, plan);
    for (i, s) in staff.iter().enumerate() {
        heads[s.school] += 1.0;
        if i >= county.teachers.len() || !renamed(i) {
            sum[s.school] += s.monthly_pay;
        }
    }

    let mut vars = ProblemVariables::new();
    let mut pay: Vec<Expression> = sum.iter().map(|&v| Expression::from(v)).collect();
    let mut touched = vec![false; n];
    let mut preference = Expression::default();
    let mut rows = Vec::new();
    let mut chosen: Vec<(usize, usize, Variable)> = Vec::new();
    for (&u, dests) in &counts {
        let unit = &inst.units[u];
        touched[unit.school] = true;
        // (rank in naming order, teacher) of the members the unit may send.
        let members: Vec<(usize, usize)> =
            unit.members.iter().copied().enumerate().filter(|&(_, t)| !child_sent.contains(&t)).collect();
        let mut gone: Vec<Expression> = vec![Expression::default(); members.len()];
        for (&to, &count) in dests {
            touched[to] = true;
            let allowance = inst.allowance(to);
            let mut sent = Expression::default();
            for (i, &(rank, t)) in members.iter().enumerate() {
                let x = vars.add(variable().binary());
                let p = county.teachers[t].monthly_pay;
                sent.add_mul(1.0, x);
                gone[i].add_mul(1.0, x);
                pay[to].add_mul(p + allowance, x);
                pay[unit.school].add_mul(-p, x);
                // Longest tenure first: the earlier in naming order, the cheaper to send.
                preference.add_mul(rank as f64, x);
                chosen.push((t, to, x));
            }
            rows.push(constraint!(sent == count as f64));
        }
        for (i, &(_, t)) in members.iter().enumerate() {
            pay[unit.school] += county.teachers[t].monthly_pay;
            rows.push(constraint!(gone[i].clone() <= 1.0));
        }
    }
    for s in (0..n).filter(|&s| touched[s] && heads[s] > 0.0) {
        // (pay - (1+tol) R n) / R <= allowed and ((1-tol) R n - pay) / R <= allowed.
        let room = allowed[s] + SLACK_TOL;
        rows.push(constraint!(pay[s].clone() <= ((1.0 + tol) * heads[s] + room) * r));
        rows.push(constraint!(pay[s].clone() >= ((1.0 - tol) * heads[s] - room) * r));
    }
    let solution = crate::solve::solve_small(vars, preference, rows, time_limit)?;

    let mut moves: Vec<Move> = plan.moves.iter().filter(|m| !renamed(m.teacher)).cloned().collect();
    for (t, to, x) in chosen {
        if solution.value(x) > 0.5 {
            moves.push(Move {
                teacher: t,
                from: county.teachers[t].school,
                to,
                kind: MoveKind::Exchange,
                term_years: policy.exchange.term_years,
                reasons: move_reasons(inst, t, to),
            });
        }
    }
    moves.sort_by_key(|m| m.teacher);
    Some(Plan { moves, placements: plan.placements.clone() })
}
