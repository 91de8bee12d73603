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
