//! The state every baseline allocator works on: who teaches where so far, the hard rules
//! a move must keep, and the quotas still open.
//!
//! The hard rules are those the optimiser keeps (`docs/model.md`, families 1, 2 and 6) and
//! the checker enforces (C001-C006, C013): only eligible teachers move
//! ([`rules::is_eligible`]), only to allowed destinations ([`rules::destination_problem`]),
//! at most once, and never the last teacher of a subject at a sending school. Every hire is
//! placed exactly once. Staff ceilings are elastic in the model; the baselines keep them
//! too, except where a hire has nowhere else to go.
//!
//! Quotas: teachers are exchanged up to [`rules::quota_needed`] (county-wide or per
//! sending school, as the policy's scope says), never beyond, so that every rule's plan
//! exchanges comparable numbers. While places are left, enough of them are reserved for
//! backbone teachers to meet the backbone share ([`rules::backbone_needed`]): a bureau
//! knows the 20% rule without optimising anything.

use super::reasons::Reasons;
use crate::domain::{County, Move, MoveKind, Placement, Plan, Policy, QuotaScope};
use crate::rules;
use crate::staffing::{self, SubjectPosts};

/// Staffing so far, the moves and placements made, and the quotas left.
pub struct Board<'a> {
    pub county: &'a County,
    pub policy: &'a Policy,
    demand: Vec<SubjectPosts>,
    present: Vec<SubjectPosts>,
    staff: Vec<u32>,
    ceiling: Vec<u32>,
    moved: Vec<bool>,
    placed: Vec<bool>,
    /// Eligible teachers, in teacher order.
    pub eligible: Vec<usize>,
    /// Allowed destinations of each teacher, in school order (empty when not eligible).
    destinations: Vec<Vec<usize>>,
    /// Exchanges needed and made per quota group (one group, or one per school).
    need: Vec<usize>,
    done: Vec<usize>,
    target: usize,
    backbone_target: usize,
    backbone_done: usize,
    reasons: Reasons<'a>,
    plan: Plan,
}

impl<'a> Board<'a> {
    pub fn new(county: &'a County, policy: &'a Policy) -> Self {
        let n = county.schools.len();
        let present = staffing::present_by_subject(n, county.teachers.iter().map(|t| (t.school, t.subject)));
        // Posts for the staff quota: a teacher away counts where `[cycle] post_at` says.
        let staff: Vec<u32> = crate::domain::cycle::posts_by_school(county, policy);
        let ceiling = county
            .schools
            .iter()
            .zip(&staff)
            .map(|(s, &n0)| crate::rules::staff_ceiling(staffing::staff_quota(s, policy), n0, policy))
            .collect();
        let eligible: Vec<usize> =
            (0..county.teachers.len()).filter(|&t| rules::is_eligible(county, &county.teachers[t], policy)).collect();
        let mut destinations = vec![Vec::new(); county.teachers.len()];
        for &t in &eligible {
            let from = county.teachers[t].school;
            destinations[t] =
                (0..n).filter(|&to| rules::destination_problem(county, from, to, policy).is_none()).collect();
        }
        let mut need = vec![0; if policy.exchange.scope == QuotaScope::County { 1 } else { n }];
        let mut pool = vec![0; need.len()];
        for &t in &eligible {
            pool[group(policy, county.teachers[t].school)] += 1;
        }
        for (g, &p) in pool.iter().enumerate() {
            need[g] = rules::quota_needed(p, policy);
        }
        let target = need.iter().sum();
        Board {
            county,
            policy,
            demand: staffing::subject_demand(county, policy),
            present,
            staff,
            ceiling,
            moved: vec![false; county.teachers.len()],
            placed: vec![false; county.new_hires.len()],
            eligible,
            destinations,
            done: vec![0; need.len()],
            need,
            target,
            backbone_target: rules::backbone_needed(target, policy),
            backbone_done: 0,
            reasons: Reasons::new(county, policy),
            plan: Plan::default(),
        }
    }

    /// Unfilled posts of subject `k` (by [`crate::domain::Subject::index`]) at `school` now.
    pub fn shortage(&self, school: usize, k: usize) -> u32 {
        self.demand[school][k].saturating_sub(self.present[school][k])
    }

    /// Whether `school` can take one more teacher under its staff ceiling.
    pub fn has_room(&self, school: usize) -> bool {
        self.staff[school] < self.ceiling[school]
    }

    /// Priority weight of an unfilled post at `school` (policy `[priority]`).
    pub fn priority(&self, school: usize) -> f64 {
        let s = &self.county.schools[school];
        self.policy.priority_weight(s.locale, s.weak)
    }

    /// Distance for "nearest": known km, unknown distances after every known one.
    pub fn km(&self, from: usize, to: usize) -> f64 {
        self.county.distance_km(from, to).unwrap_or(f64::INFINITY)
    }

    /// Every exchange the quota asks for has been made.
    pub fn quota_met(&self) -> bool {
        self.done.iter().zip(&self.need).all(|(d, n)| d >= n)
    }

    /// Teacher `t` may be exchanged now: eligible, not yet moved, their quota group still
    /// open, their school keeps another teacher of the subject, and (with `reserve`) taking
    /// them leaves enough places for the backbone share.
    pub fn can_send(&self, t: usize, reserve: bool) -> bool {
        let teacher = &self.county.teachers[t];
        let g = group(self.policy, teacher.school);
        if self.moved[t] || self.destinations[t].is_empty() || self.done[g] >= self.need[g] {
            return false;
        }
        if self.present[teacher.school][teacher.subject.index()] < 2 {
            return false;
        }
        let backbone_left = self.backbone_target.saturating_sub(self.backbone_done);
        let places_left = self.target.saturating_sub(self.done.iter().sum());
        !reserve || rules::counts_as_backbone(teacher, self.policy) || places_left > backbone_left
    }

    /// Allowed destinations of `t` with room, in school order; with `short`, only those
    /// short in the teacher's subject.
    pub fn options(&self, t: usize, short: bool) -> Vec<usize> {
        let k = self.county.teachers[t].subject.index();
        self.destinations[t]
            .iter()
            .copied()
            .filter(|&s| self.has_room(s) && (!short || self.shortage(s, k) > 0))
            .collect()
    }

    /// Whether `to` is an allowed destination of `t` with room.
    pub fn may_go(&self, t: usize, to: usize) -> bool {
        self.has_room(to) && self.destinations[t].binary_search(&to).is_ok()
    }

    /// New hires not placed yet, in file order.
    pub fn unplaced_hires(&self) -> Vec<usize> {
        (0..self.placed.len()).filter(|&h| !self.placed[h]).collect()
    }

    /// Exchanges teacher `t` to `to` for a term of the policy's length.
    pub fn exchange(&mut self, t: usize, to: usize) {
        let teacher = &self.county.teachers[t];
        let (from, k) = (teacher.school, teacher.subject.index());
        self.present[from][k] -= 1;
        self.present[to][k] += 1;
        self.staff[from] -= 1;
        self.staff[to] += 1;
        self.moved[t] = true;
        self.done[group(self.policy, from)] += 1;
        if rules::counts_as_backbone(teacher, self.policy) {
            self.backbone_done += 1;
        }
        self.plan.moves.push(Move {
            teacher: t,
            from,
            to,
            kind: MoveKind::Exchange,
            term_years: self.policy.exchange.term_years,
            reasons: self.reasons.for_move(t, to),
        });
    }

    /// Places new hire `h` at `school`.
    pub fn place(&mut self, h: usize, school: usize) {
        let k = self.county.new_hires[h].subject.index();
        self.present[school][k] += 1;
        self.staff[school] += 1;
        self.placed[h] = true;
        self.plan.placements.push(Placement { hire: h, school, reasons: self.reasons.for_hire(h, school) });
    }

    /// The plan, moves in teacher order and placements in hire order (as the optimiser
    /// writes them).
    pub fn finish(mut self) -> Plan {
        self.plan.moves.sort_by_key(|m| m.teacher);
        self.plan.placements.sort_by_key(|p| p.hire);
        self.plan
    }
}

/// The quota group of a sending school: the county (one group) or the school itself.
fn group(policy: &Policy, school: usize) -> usize {
    match policy.exchange.scope {
        QuotaScope::County => 0,
        QuotaScope::School => school,
    }
}

/// Exchanges teachers in the order given until the quota is met, each to the destination
/// `choose` picks from the options offered. Three rounds: schools short in the teacher's
/// subject with places reserved for the backbone share; any school with room, still
/// reserving; any school with room without the reserve (one more exchange lowers the quota
/// shortfall by one and the backbone shortfall by only the share). Each round sweeps the
/// order again while a sweep still moves someone.
pub fn fill_quota(
    board: &mut Board<'_>,
    order: &[usize],
    mut choose: impl FnMut(&Board<'_>, usize, &[usize]) -> usize,
) {
    for (short, reserve) in [(true, true), (false, true), (false, false)] {
        let mut progress = true;
        while progress && !board.quota_met() {
            progress = false;
            for &t in order {
                if board.quota_met() {
                    return;
                }
                if !board.can_send(t, reserve) {
                    continue;
                }
                let options = board.options(t, short);
                if !options.is_empty() {
                    let to = choose(board, t, &options);
                    board.exchange(t, to);
                    progress = true;
                }
            }
        }
    }
}
