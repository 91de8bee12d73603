//! Seniority: the longest-serving eligible teachers of the sending schools go to the
//! nearest school short in their subject, until the exchange quota is met.
//!
//! The rule many bureaus apply today: whoever has served longest at one school is due
//! first (ties: the older teacher, then file order), and goes to the nearest rural or
//! weak school that lacks their subject; when no school lacks it, to the nearest with
//! room (see [`fill_quota`]). New hires come after the exchanges, which is also when a
//! bureau knows which posts the exchanges left open or freed. Hires have no seniority:
//! they are placed in the order of new_hires.csv, each at a school short in their subject,
//! rural and weak schools before the others (2005 MOE opinion), then in county order.

use super::board::{fill_quota, Board};
use crate::domain::{County, Plan, Policy};

/// The seniority plan of a county.
pub fn allocate(county: &County, policy: &Policy) -> Plan {
    let mut board = Board::new(county, policy);
    let mut order = board.eligible.clone();
    order.sort_by(|&a, &b| {
        let (ta, tb) = (&county.teachers[a], &county.teachers[b]);
        tb.years_at_school.cmp(&ta.years_at_school).then(tb.age.cmp(&ta.age)).then(a.cmp(&b))
    });
    fill_quota(&mut board, &order, |b, t, options| nearest(b, b.county.teachers[t].school, options));
    place_hires(&mut board);
    board.finish()
}

/// The option nearest to `from`; ties and unknown distances go to the first in county order.
pub(super) fn nearest(board: &Board<'_>, from: usize, options: &[usize]) -> usize {
    options.iter().copied().min_by(|&a, &b| board.km(from, a).total_cmp(&board.km(from, b))).unwrap_or(from)
}

/// Each hire in file order: a school short in its subject with room, else a school with
/// room, else any school; rural and weak schools first, then county order.
fn place_hires(board: &mut Board<'_>) {
    let n = board.county.schools.len();
    let receiving_first: Vec<usize> = (0..n)
        .filter(|&s| board.county.schools[s].is_receiving())
        .chain((0..n).filter(|&s| !board.county.schools[s].is_receiving()))
        .collect();
    for h in board.unplaced_hires() {
        let k = board.county.new_hires[h].subject.index();
        let pick = receiving_first
            .iter()
            .copied()
            .find(|&s| board.has_room(s) && board.shortage(s, k) > 0)
            .or_else(|| receiving_first.iter().copied().find(|&s| board.has_room(s)))
            .or_else(|| receiving_first.first().copied());
        if let Some(s) = pick {
            board.place(h, s);
        }
    }
}
