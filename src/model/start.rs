//! The start plan (`plan --start`) as the model's decision columns: the inverse of
//! [`super::extract_plan`] for the rows the start decides, so that the stage loop can
//! begin from the start itself (docs/model.md, "Re-planning from an edited plan").

use super::build::Model;
use super::instance::Instance;
use crate::rules::TeacherLocks;

/// The decision columns the start plan decides, with their values; every other decision
/// column is left for the solver to complete.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StartColumns {
    /// Decision columns held at the start's value (solver column, value).
    pub held: Vec<(usize, f64)>,
    /// Decision columns the start leaves open: the placements of a hire unit the start
    /// does not place in full (its hire rows were deleted), and the pairs of a teacher
    /// locked to go whom the start keeps home.
    pub free: Vec<usize>,
}

/// The start's decision columns, or `None` without a start plan.
pub fn start_columns(inst: &Instance<'_>, model: &Model) -> Option<StartColumns> {
    let start = inst.start.as_ref()?;
    let locks = TeacherLocks::of(inst.county);
    let (sent_to, placed_at) = (&start.sent_to, &start.placed_at);
    let mut columns = StartColumns::default();
    for (pair, x) in inst.pairs.iter().zip(&model.exchange) {
        let members = &inst.units[pair.unit].members;
        let to_here = members.iter().filter(|t| sent_to.get(t) == Some(&pair.to)).count();
        let sent = members.iter().any(|t| sent_to.contains_key(t));
        if !sent && members.iter().any(|&t| locks.must_go(t)) {
            columns.free.push(x.col);
        } else {
            columns.held.push((x.col, to_here as f64));
        }
    }
    let placed_in_full: Vec<bool> =
        inst.hire_units.iter().map(|u| u.members.iter().all(|h| placed_at.contains_key(h))).collect();
    for &(v, school, g) in &model.placement {
        if placed_in_full[v] {
            let here = inst.hire_units[v].members.iter().filter(|h| placed_at.get(h) == Some(&school)).count();
            columns.held.push((g.col, here as f64));
        } else {
            columns.free.push(g.col);
        }
    }
    Some(columns)
}

/// The decision columns of the plan that exchanges nobody, for a run without a start plan:
/// every pair held at zero but those of a teacher locked to go (left for the completion),
/// and each hire placed by [`place_hires`]. Completed, it is a plan of the model whatever
/// the data, since every rule such a plan can break is elastic (docs/model.md, "Constraint
/// families"): the stage loop has a plan before its first stage.
pub fn exchange_nobody(inst: &Instance<'_>, model: &Model) -> StartColumns {
    let locks = TeacherLocks::of(inst.county);
    let mut columns = StartColumns::default();
    for (pair, x) in inst.pairs.iter().zip(&model.exchange) {
        if inst.units[pair.unit].members.iter().any(|&t| locks.must_go(t)) {
            columns.free.push(x.col);
        } else {
            columns.held.push((x.col, 0.0));
        }
    }
    columns.held.extend(place_hires(inst, model));
    columns
}

/// Each hire, in file order, placed where the posts of their subject still unfilled are
/// most, then where the staff quota has most room, then at the first school in county
/// order: a placement column and its count for each pair of hire unit and school.
fn place_hires(inst: &Instance<'_>, model: &Model) -> Vec<(usize, f64)> {
    let schools = inst.county.schools.len();
    let mut open: Vec<Vec<i64>> = (0..schools)
        .map(|s| {
            crate::domain::Subject::ALL
                .iter()
                .map(|&k| inst.demand_of(s, k) as i64 - inst.base[s][k.index()] as i64)
                .collect()
        })
        .collect();
    let mut room: Vec<i64> = (0..schools).map(|s| inst.staff_room(s)).collect();
    let mut of_unit = vec![Vec::new(); inst.hire_units.len()];
    for (i, &(v, _, _)) in model.placement.iter().enumerate() {
        of_unit[v].push(i);
    }
    let mut placed = vec![0.0; model.placement.len()];
    for (unit, columns) in inst.hire_units.iter().zip(&of_unit) {
        let k = unit.subject.index();
        for _ in &unit.members {
            let best = columns.iter().copied().max_by_key(|&i| {
                let s = model.placement[i].1;
                (open[s][k], room[s], std::cmp::Reverse(s))
            });
            if let Some(i) = best {
                let s = model.placement[i].1;
                placed[i] += 1.0;
                open[s][k] -= 1;
                room[s] -= 1;
            }
        }
    }
    model.placement.iter().zip(placed).map(|(&(_, _, g), n)| (g.col, n)).collect()
}
