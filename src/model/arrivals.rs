//! Exact arrivals at the exact-pay schools of a refinement (docs/model.md, "Naming").
//!
//! A unit `u` whose members differ in pay enters a receiving school's pay rows at its
//! lowest or highest pay, whichever favours the rule (the pay relaxation). Where a
//! refinement asks a school `x` for exact pay rows, `u` has no pair `(u, x)`: each member
//! `t` is a **child** unit `{t}` with a binary column `y_cx` per such school, at `t`'s own
//! pay, and `u` keeps its pairs to every other school. A member moves once:
//!
//! ```text
//! Σ_s y_us + Σ_{c child of u} Σ_s y_cs ≤ |u|,     Σ_s y_cs ≤ 1 for each child c
//! ```
//!
//! (`build.rs`). Units whose members earn the same need no children: their pair is exact.
//! The model grows by the members of the pay-diverse units that can reach `x`, one column
//! per member and exact-pay school, not by every teacher who could be sent there.

use super::instance::{Pair, Unit};
use crate::domain::County;

/// The pairs of `units` to their `destinations` (unit-major, destinations ascending), with
/// the children of the pay-diverse units that can reach one of `exact_pay_schools` added
/// to `units`, after the others, parent by parent: their pairs are the parent's pairs to
/// those schools, which the parent loses.
pub(super) fn pairs_with_exact_arrivals(
    county: &County,
    units: &mut Vec<Unit>,
    destinations: &[Vec<usize>],
    exact_pay_schools: &[usize],
) -> Vec<Pair> {
    let pair = |unit: usize, from: usize, to: usize| Pair { unit, to, km: county.distance_km(from, to).unwrap_or(0.0) };
    let mut pairs = Vec::new();
    // Each unit that gets children, with the exact-pay schools its members may reach.
    let mut split: Vec<(usize, Vec<usize>)> = Vec::new();
    for (u, schools) in destinations.iter().enumerate() {
        let unit = &units[u];
        let arrives_exactly = |to: &usize| unit.pay_max > unit.pay_min && exact_pay_schools.contains(to);
        let (exact, aggregated): (Vec<usize>, Vec<usize>) = schools.iter().copied().partition(arrives_exactly);
        pairs.extend(aggregated.iter().map(|&to| pair(u, unit.school, to)));
        if !exact.is_empty() {
            split.push((u, exact));
        }
    }
    for (u, exact) in split {
        let from = units[u].school;
        for t in units[u].members.clone() {
            let c = units.len();
            units.push(child(county, &units[u], u, t));
            pairs.extend(exact.iter().map(|&to| pair(c, from, to)));
        }
    }
    pairs
}

/// Member `t` of unit `u` as a unit of their own, at their own pay.
fn child(county: &County, parent: &Unit, u: usize, t: usize) -> Unit {
    let pay = county.teachers[t].monthly_pay;
    Unit { members: vec![t], pay_min: pay, pay_max: pay, parent: Some(u), ..parent.clone() }
}

#[cfg(test)]
mod tests {
    use crate::generate::{generate, GenerateOptions};
    use crate::model::{build, extract_plan, Formulation, Instance};
    use std::collections::BTreeSet;

    fn destinations(inst: &Instance<'_>, u: usize) -> BTreeSet<usize> {
        inst.pairs.iter().filter(|p| p.unit == u).map(|p| p.to).collect()
    }

    /// The school that the most members of pay-diverse units may be sent to.
    fn busiest_destination(inst: &Instance<'_>) -> usize {
        let mut members = vec![0; inst.county.schools.len()];
        for p in &inst.pairs {
            let unit = &inst.units[p.unit];
            if unit.pay_max > unit.pay_min {
                members[p.to] += unit.members.len();
            }
        }
        (0..members.len()).max_by_key(|&s| members[s]).expect("schools")
    }

    /// One exact-pay school adds, per pay-diverse unit that can reach it, one pair per
    /// member less the unit's own pair there; making every teacher who can reach it a unit
    /// of their own would add a pair per such teacher and destination.
    #[test]
    fn one_exact_pay_school_costs_its_arrivals_only() {
        let county = generate(&GenerateOptions { schools: 40, seed: 1 });
        let policy = crate::io::load_policy(None).unwrap();
        let plain = Instance::new(&county, &policy, Formulation::Aggregated);
        let x = busiest_destination(&plain);
        let refined = Instance::refined(&county, &policy, Formulation::Aggregated, &[x], None);
        assert!(plain.eligible.iter().all(|&t| county.teachers[t].school != x), "x receives only");
        let (mut arrivals, mut alone) = (0, 0);
        for (u, unit) in plain.units.iter().enumerate() {
            let to = destinations(&plain, u);
            if to.contains(&x) {
                alone += (unit.members.len() - 1) * to.len();
                if unit.pay_max > unit.pay_min {
                    arrivals += unit.members.len() - 1;
                }
            }
        }
        assert!(arrivals > 0, "some pay-diverse unit reaches school {x}");
        assert_eq!(refined.pairs.len(), plain.pairs.len() + arrivals);
        assert!(arrivals * 10 < alone, "{arrivals} pairs added, {alone} with every teacher alone");
        // The units before the children are the same, each without its pair to x when it
        // has children.
        let children = refined.children();
        for (u, unit) in plain.units.iter().enumerate() {
            assert_eq!(&refined.units[u], unit);
            let mut to = destinations(&plain, u);
            if !children[u].is_empty() {
                to.remove(&x);
            }
            assert_eq!(destinations(&refined, u), to, "unit {u}");
        }
    }

    /// A child is one member of its parent at their own pay, sent only to the exact-pay
    /// schools; units whose members earn the same have none.
    #[test]
    fn children_are_members_at_their_own_pay() {
        let county = generate(&GenerateOptions { schools: 40, seed: 2 });
        let policy = crate::io::load_policy(None).unwrap();
        let x = busiest_destination(&Instance::new(&county, &policy, Formulation::Aggregated));
        let inst = Instance::refined(&county, &policy, Formulation::Aggregated, &[x], None);
        let children = inst.children();
        for (u, unit) in inst.units.iter().enumerate() {
            let Some(parent) = unit.parent else { continue };
            let of = &inst.units[parent];
            assert!(of.parent.is_none() && of.pay_max > of.pay_min);
            assert_eq!(unit.members.len(), 1);
            let t = unit.members[0];
            assert!(of.members.contains(&t));
            assert_eq!((unit.pay_min, unit.pay_max), (county.teachers[t].monthly_pay, county.teachers[t].monthly_pay));
            assert_eq!((unit.school, unit.subject, unit.due, unit.kind), (of.school, of.subject, of.due, of.kind));
            assert_eq!(destinations(&inst, u), BTreeSet::from([x]));
            assert_eq!(children[parent].len(), of.members.len());
        }
        assert!(children.iter().any(|c| !c.is_empty()));
    }

    /// The values send one member by their child's column and the rest of the unit by its
    /// count: the child names their own teacher, the count the others in naming order.
    #[test]
    fn a_child_names_its_teacher_and_the_parent_the_rest() {
        let county = generate(&GenerateOptions { schools: 40, seed: 1 });
        let policy = crate::io::load_policy(None).unwrap();
        let x = busiest_destination(&Instance::new(&county, &policy, Formulation::Aggregated));
        let inst = Instance::refined(&county, &policy, Formulation::Aggregated, &[x], None);
        let children = inst.children();
        let u = (0..inst.units.len()).find(|&u| !children[u].is_empty() && inst.pairs.iter().any(|p| p.unit == u));
        let u = u.expect("a unit with children and other destinations");
        let model = build(&inst);
        let mut values = vec![0.0; model.n_cols()];
        // The first member (first in naming order) goes to x by their child.
        let child = children[u][0];
        let p = inst.pairs.iter().position(|p| p.unit == child).expect("child pair");
        values[model.exchange[p].col] = 1.0;
        let q = inst.pairs.iter().position(|p| p.unit == u).expect("parent pair");
        let size = inst.units[u].members.len();
        values[model.exchange[q].col] = (size - 1) as f64;
        let plan = extract_plan(&inst, &model, &values);
        let members = &inst.units[u].members;
        assert_eq!(plan.moves.len(), size);
        for m in &plan.moves {
            let to = if m.teacher == members[0] { x } else { inst.pairs[q].to };
            assert_eq!(m.to, to, "teacher {}", m.teacher);
        }
    }
}
