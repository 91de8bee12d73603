//! The objective terms that need rows and columns of their own: the unfilled posts, the
//! balance of the teacher indicators and the changes to a start plan (docs/model.md,
//! "Objective"). Violations, moves and distance are sums of columns `build` already has.

use super::{BalanceEntry, Col, Deltas, Model};
use crate::domain::Subject;
use crate::model::instance::{Instance, INDICATORS};
use crate::rules;
use good_lp::{constraint, variable, Expression};
use std::ops::Range;

/// Priority-weighted unfilled posts: sum_s w_s sum_k max(0, D_sk - present_sk), rural and
/// weak schools weighing most (2005 MOE opinion: new teachers to rural and weak first).
pub(super) fn shortage_term(inst: &Instance<'_>, m: &mut Model, d: &Deltas) -> Expression {
    let mut term = Expression::default();
    for s in 0..inst.county.schools.len() {
        let w = inst.priority(s);
        for k in Subject::ALL {
            let demand = inst.demand_of(s, *k) as f64;
            let base = inst.base[s][k.index()] as f64;
            if demand <= 0.0 {
                continue;
            }
            if !d.touched[s] {
                term += w * (demand - base).max(0.0);
                continue;
            }
            let u = m.add(variable().min(0.0));
            m.constraints.push(constraint!(u.var + d.subject[s][k.index()].clone() >= demand - base));
            term.add_mul(w, u.var);
        }
    }
    term
}

/// Balance: per stage and teacher indicator j, sum_s P_s |x_sj - mean_j| / (P mean0_j): the
/// student-weighted mean absolute deviation relative to the mean, an exact linear proxy of
/// the CV (2017 method), with mean_j itself linear in the plan.
///
/// With `[balance] no_worse` (rule C017; the 2017 method's point is that indicators grow
/// more balanced), each stage's and indicator's spread stays at most its value before the
/// plan: `sum_s P_s (d+_sj + d-_sj) / (P mean0_j) - e_gj <= spread0_gj`, `e_gj` elastic.
pub(super) fn balance_term(inst: &Instance<'_>, m: &mut Model, d: &Deltas) -> Expression {
    let mut term = Expression::default();
    for (stage, schools) in &inst.cv_schools {
        let students: f64 = schools.iter().map(|&s| inst.county.schools[s].students as f64).sum();
        if students <= 0.0 {
            continue;
        }
        for j in 0..INDICATORS.len() {
            let total0: f64 = schools.iter().map(|&s| inst.indicator_before[s][j]).sum();
            if total0 <= 0.0 {
                continue;
            }
            let mean0 = 100.0 * total0 / students;
            let mut spread = Expression::default();
            let mean = m.add(variable());
            let mut total = Expression::default();
            for &s in schools {
                total += d.indicator[s][j].clone();
            }
            // mean * P = 100 (total0 + dtotal)
            m.constraints.push(constraint!(students * mean.var - 100.0 * total == 100.0 * total0));
            for &s in schools {
                let p = inst.county.schools[s].students as f64;
                let (up, down) = (m.add(variable().min(0.0)), m.add(variable().min(0.0)));
                let before = inst.indicator_before[s][j];
                let value = (100.0 / p) * d.indicator[s][j].clone();
                let value0 = 100.0 * before / p;
                m.constraints.push(constraint!(value - mean.var - up.var + down.var == -value0));
                let weight = p / (students * mean0);
                spread.add_mul(weight, up.var);
                spread.add_mul(weight, down.var);
                m.balance.push(BalanceEntry {
                    before,
                    change: d.indicator_changes[s][j].then(|| d.indicator[s][j].clone()),
                    per_student: 100.0 / p,
                    mean,
                    weight,
                    up,
                    down,
                });
            }
            if inst.policy.balance.no_worse {
                let before: Vec<(f64, f64)> = schools
                    .iter()
                    .map(|&s| (inst.county.schools[s].students as f64, inst.indicator_before[s][j]))
                    .collect();
                let e = m.indicator_slack(*stage, j);
                let bound = rules::indicator_spread(&before, mean0);
                m.constraints.push(constraint!(spread.clone() - e.var <= bound));
            }
            term += spread;
        }
    }
    term
}

/// Rows of moves.csv and hires.csv added to or removed from the bureau's start plan
/// (`plan --start`; empty without one). A teacher the start sends to `s` (a unit of their
/// own) adds `1 - y[t,s] + sum_{s' != s} y[t,s']`: 0 when kept, 1 when kept home, 2 when
/// sent elsewhere; every other unit adds its members leaving. With `c[v,s]` hires of unit `v`
/// the start places at `s`, `r[v,s] >= c[v,s] - g[v,s]` counts those moved away, and the
/// hires add `H - C + 2 sum r`: every hire is placed, so each one the start does not place
/// where the plan does is one row added (and one removed when the start placed it).
pub(super) fn changes_term(inst: &Instance<'_>, m: &mut Model, ranges: &[Range<usize>]) -> Expression {
    let Some(start) = &inst.start else { return Expression::default() };
    let mut changes = Expression::default();
    for range in ranges {
        let u = inst.pairs[range.start].unit;
        let members = &inst.units[u].members;
        let started = match members.as_slice() {
            [t] => start.sent_to.get(t).copied(),
            _ => None,
        };
        match started {
            // Written pair by pair, so that the columns' bounds alone show the term >= 0.
            Some(to) => {
                changes += 1.0;
                for p in range.clone() {
                    changes.add_mul(if inst.pairs[p].to == to { -1.0 } else { 1.0 }, m.exchange[p].var);
                }
            }
            None => changes += m.leaving[u].clone(),
        }
    }
    let mut unit_of = vec![0; inst.county.new_hires.len()];
    for (v, unit) in inst.hire_units.iter().enumerate() {
        unit.members.iter().for_each(|&h| unit_of[h] = v);
    }
    let mut placed: std::collections::BTreeMap<(usize, usize), f64> = Default::default();
    for (&hire, &school) in &start.placed_at {
        *placed.entry((unit_of[hire], school)).or_default() += 1.0;
    }
    changes += (inst.county.new_hires.len() - start.placed_at.len()) as f64;
    let kept: Vec<(Col, f64)> =
        m.placement.iter().filter_map(|&(v, s, g)| placed.get(&(v, s)).map(|&c| (g, c))).collect();
    for (g, c) in kept {
        let r = m.add(variable().min(0.0));
        m.constraints.push(constraint!(r.var + g.var >= c));
        changes.add_mul(2.0, r.var);
    }
    changes
}
