//! Does an optimising rule beat a baseline on its own objective?
//!
//! Both plans are scored with [`score_plan`](super::score::score_plan) under the
//! optimising rule's policy (its priority weights, pay band, quotas), and compared
//! lexicographically in the rule's own `[objective] order`: the first term on which they
//! differ decides. Two values count as equal within `1e-4 · max(1, |a|, |b|)`: the
//! solver's default relative MIP gap, so a difference the solver was allowed to leave is
//! a tie, not a win. An optimal plan can never lose to a baseline that keeps the hard
//! rules (the baseline's plan is one of the plans the model considers), so a loss means
//! a time limit or a gap stopped the solver early, and the table says so.

use super::score::Scores;
use crate::domain::Term;
use serde::Serialize;
use std::cmp::Ordering;

/// Relative tolerance under which two term values are equal.
pub const TIE_TOLERANCE: f64 = 1e-4;

/// How an optimising rule's plan fares against a baseline's on its own objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Lexicographically better.
    Beats,
    /// Equal on every term within the tolerance.
    Ties,
    /// Lexicographically worse.
    Loses,
    /// The baseline's plan breaks a hard rule of this policy: outside the model.
    NotComparable,
}

/// One optimising rule against one baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub baseline: String,
    pub outcome: Outcome,
    /// The first term in the rule's order on which the two differ.
    pub decided_by: Option<&'static str>,
    /// The rule's own scores and the baseline's, under the rule's policy.
    pub own: Scores,
    pub baseline_scores: Scores,
}

impl Verdict {
    /// Whether the table must flag it: the rule does not beat the baseline.
    pub fn flagged(&self) -> bool {
        self.outcome != Outcome::Beats
    }
}

/// Compares `own` with `theirs` in `order`.
pub fn judge(baseline: &str, order: &[Term], own: Scores, theirs: Scores, comparable: bool) -> Verdict {
    let mut verdict = Verdict {
        baseline: baseline.to_string(),
        outcome: Outcome::NotComparable,
        decided_by: None,
        own,
        baseline_scores: theirs,
    };
    if !comparable {
        return verdict;
    }
    verdict.outcome = Outcome::Ties;
    for &term in order {
        match compare(own.get(term), theirs.get(term)) {
            Ordering::Equal => continue,
            Ordering::Less => verdict.outcome = Outcome::Beats,
            Ordering::Greater => verdict.outcome = Outcome::Loses,
        }
        verdict.decided_by = Some(term.name());
        break;
    }
    verdict
}

/// Orders two term values (lower is better), equal within [`TIE_TOLERANCE`].
fn compare(a: f64, b: f64) -> Ordering {
    if (a - b).abs() <= TIE_TOLERANCE * 1f64.max(a.abs()).max(b.abs()) {
        Ordering::Equal
    } else {
        a.total_cmp(&b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: [f64; 5]) -> Scores {
        Scores { violations: v[0], shortage: v[1], balance: v[2], moves: v[3], distance: v[4] }
    }

    #[test]
    fn first_differing_term_decides() {
        let order = [Term::Violations, Term::Shortage, Term::Balance, Term::Moves, Term::Distance];
        let v = judge("b", &order, s([0.0, 3.0, 9.0, 9.0, 9.0]), s([0.0, 4.0, 0.0, 0.0, 0.0]), true);
        assert_eq!((v.outcome, v.decided_by), (Outcome::Beats, Some("shortage")));
        let v = judge("b", &order, s([0.0, 3.0, 0.5, 9.0, 9.0]), s([0.0, 3.0, 0.4, 0.0, 0.0]), true);
        assert_eq!((v.outcome, v.decided_by), (Outcome::Loses, Some("balance")));
    }

    #[test]
    fn differences_within_the_gap_tie() {
        let order = [Term::Violations, Term::Moves];
        let v = judge("b", &order, s([0.0, 0.0, 0.0, 10.0, 0.0]), s([0.0, 1.0, 1.0, 10.0, 5.0]), true);
        assert_eq!((v.outcome, v.decided_by), (Outcome::Ties, None));
        let v = judge("b", &order, s([1e-5, 0.0, 0.0, 10.0, 0.0]), s([0.0, 0.0, 0.0, 11.0, 0.0]), true);
        assert_eq!(v.outcome, Outcome::Beats);
        assert!(judge("b", &order, s([0.0; 5]), s([0.0; 5]), false).flagged());
    }
}
