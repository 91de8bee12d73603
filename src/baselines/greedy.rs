//! Greedy priority: the open subject shortage of highest priority is filled first, by the
//! nearest eligible teacher of the subject, then the next, until the exchange quota is met.
//!
//! "Highest priority" is the policy's own `[priority]` weight of an unfilled post (rural
//! and weak schools first), then the larger shortage, then county and subject order: the
//! same weights the optimiser's shortage term uses, applied one post at a time without
//! looking ahead. When no shortage can be filled and the quota is still open, the
//! highest-priority school with room gets the nearest eligible teacher of any subject,
//! first reserving places for the backbone share, then not. New hires come after the
//! exchanges, by the same rule: the highest-priority shortage of a subject some unplaced
//! hire teaches gets that hire (file order), and so on; hires left over go to the
//! highest-priority school with room.

use super::board::Board;
use crate::domain::{County, Plan, Policy, Subject};

/// The greedy-priority plan of a county.
pub fn allocate(county: &County, policy: &Policy) -> Plan {
    let mut board = Board::new(county, policy);
    while !board.quota_met() {
        let next =
            shortages(&board).into_iter().find_map(|(s, k)| nearest_teacher(&board, s, Some(k), true).map(|t| (t, s)));
        match next {
            Some((t, s)) => board.exchange(t, s),
            None => break,
        }
    }
    for reserve in [true, false] {
        while !board.quota_met() {
            let next = by_priority(&board)
                .into_iter()
                .filter(|&s| board.has_room(s))
                .find_map(|s| nearest_teacher(&board, s, None, reserve).map(|t| (t, s)));
            match next {
                Some((t, s)) => board.exchange(t, s),
                None => break,
            }
        }
    }
    place_hires(&mut board);
    board.finish()
}

/// Schools by priority weight, highest first, then county order.
fn by_priority(board: &Board<'_>) -> Vec<usize> {
    let mut schools: Vec<usize> = (0..board.county.schools.len()).collect();
    schools.sort_by(|&a, &b| board.priority(b).total_cmp(&board.priority(a)).then(a.cmp(&b)));
    schools
}

/// Open shortages (school, subject index) at schools with room, highest priority first.
fn shortages(board: &Board<'_>) -> Vec<(usize, usize)> {
    let mut list = Vec::new();
    for s in by_priority(board) {
        if board.has_room(s) {
            list.extend((0..Subject::COUNT).filter(|&k| board.shortage(s, k) > 0).map(|k| (s, k)));
        }
    }
    // Stable: equal weight and shortage keep county and subject order.
    list.sort_by(|a, b| {
        board
            .priority(b.0)
            .total_cmp(&board.priority(a.0))
            .then(board.shortage(b.0, b.1).cmp(&board.shortage(a.0, a.1)))
    });
    list
}

/// The eligible teacher (of subject `k`, if given) nearest to `to` who may be sent there.
fn nearest_teacher(board: &Board<'_>, to: usize, k: Option<usize>, reserve: bool) -> Option<usize> {
    let teachers = &board.county.teachers;
    board
        .eligible
        .iter()
        .copied()
        .filter(|&t| k.is_none_or(|k| teachers[t].subject.index() == k))
        .filter(|&t| board.can_send(t, reserve) && board.may_go(t, to))
        .min_by(|&a, &b| board.km(teachers[a].school, to).total_cmp(&board.km(teachers[b].school, to)))
}

/// Hires by the same rule: the highest-priority shortage of a subject an unplaced hire
/// teaches takes the first such hire; leftovers to the highest-priority school with room
/// (or, with no room anywhere, the highest-priority school).
fn place_hires(board: &mut Board<'_>) {
    loop {
        let unplaced = board.unplaced_hires();
        let next = shortages(board).into_iter().find_map(|(s, k)| {
            unplaced.iter().copied().find(|&h| board.county.new_hires[h].subject.index() == k).map(|h| (h, s))
        });
        match next {
            Some((h, s)) => board.place(h, s),
            None => break,
        }
    }
    for h in board.unplaced_hires() {
        let order = by_priority(board);
        let pick = order.iter().copied().find(|&s| board.has_room(s)).or_else(|| order.first().copied());
        if let Some(s) = pick {
            board.place(h, s);
        }
    }
}
