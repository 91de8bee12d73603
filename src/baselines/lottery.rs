//! Lottery: eligible teachers drawn at random go to random schools short in their subject,
//! until the exchange quota is met.
//!
//! The rule some bureaus use to be seen as fair: nobody chooses who goes where. Every draw
//! comes from one ChaCha8 generator seeded with `[allocator] seed`, in a fixed order (the
//! teachers' order, each teacher's school, the hires' order, each hire's school), so the
//! same county and seed always give the same plan. Teachers go to a random school short in
//! their subject, else one with room (see [`fill_quota`]). New hires come after the
//! exchanges, each to a random school short in its subject with room, else a random school
//! with room, else any school.

use super::board::{fill_quota, Board};
use crate::domain::{County, Plan, Policy};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The lottery plan of a county under `[allocator] seed`.
pub fn allocate(county: &County, policy: &Policy) -> Plan {
    let mut rng = ChaCha8Rng::seed_from_u64(policy.allocator.seed);
    let mut board = Board::new(county, policy);
    let mut order = board.eligible.clone();
    order.shuffle(&mut rng);
    fill_quota(&mut board, &order, |_, _, options| options[rng.gen_range(0..options.len())]);
    let n = county.schools.len();
    let mut hires = board.unplaced_hires();
    hires.shuffle(&mut rng);
    for h in hires {
        let k = county.new_hires[h].subject.index();
        let short: Vec<usize> = (0..n).filter(|&s| board.has_room(s) && board.shortage(s, k) > 0).collect();
        let room: Vec<usize> = (0..n).filter(|&s| board.has_room(s)).collect();
        let pool = if !short.is_empty() {
            short
        } else if !room.is_empty() {
            room
        } else {
            (0..n).collect()
        };
        if !pool.is_empty() {
            let s = pool[rng.gen_range(0..pool.len())];
            board.place(h, s);
        }
    }
    board.finish()
}
