//! Baseline allocators: the administrative rules bureaus use today, without optimisation,
//! so that `rotaplan compare` can show what optimising adds (or does not).
//!
//! - [`seniority`]: the longest-serving eligible teachers to the nearest school short in
//!   their subject;
//! - [`lottery`]: seeded random eligible teachers to random schools short in their subject;
//! - [`greedy`]: the highest-priority shortage first, filled by the nearest eligible teacher.
//!
//! A rule file picks one with `[allocator] rule = "..."` (`models/seniority.toml` and
//! siblings). Every baseline keeps the hard rules the optimiser keeps and exchanges up to
//! the quota ([`board`]), places every new hire by its own rule, and writes an ordinary
//! [`Plan`] with reason codes, checked and scored like any other plan. The rules are
//! described in `docs/compare.md`.

pub mod board;
pub mod greedy;
pub mod lottery;
mod reasons;
pub mod seniority;

use crate::domain::policy::AllocationRule;
use crate::domain::{County, Plan, Policy};

/// The plan of the baseline rule the policy names, or `None` when the policy asks for
/// the optimiser (`[allocator] rule = "optimise"`, the default).
pub fn allocate(county: &County, policy: &Policy) -> Option<Plan> {
    match policy.allocator.rule {
        AllocationRule::Optimise => None,
        AllocationRule::Seniority => Some(seniority::allocate(county, policy)),
        AllocationRule::Lottery => Some(lottery::allocate(county, policy)),
        AllocationRule::GreedyPriority => Some(greedy::allocate(county, policy)),
    }
}
