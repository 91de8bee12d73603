//! One yardstick for every plan: the five objective terms of `docs/model.md` computed from
//! domain data and the plan alone, never from solver values.
//!
//! The optimiser reports its terms from its own variables; a baseline has none. Scoring
//! both with the same function is what makes the comparison honest: an optimising rule is
//! judged on exactly the numbers a baseline is judged on, and a test pins that for an
//! optimiser plan this function gives back the solver's `summary.objective`.
//!
//! | term | computed here as |
//! |---|---|
//! | `violations` | sum of the amounts the checker measures for the elastic rules (exchange quota, backbone share, staff ceiling, coverage, pay band, allowance budget), in the units of the model's slacks |
//! | `shortage` | `Σ_s w_s Σ_k max(0, D_sk − P_sk)` after the plan |
//! | `balance` | per stage and teacher indicator with a positive county value before the plan: `Σ_s P_s |x_s − m| / (P m⁰)` with `x_s`, `m` after the plan and `m⁰` before |
//! | `moves` | moves in the plan |
//! | `distance` | km of the moves (unknown distances count 0, as in the model) |
//!
//! Hard rules (eligibility, destinations, one move, hires placed once, sending schools
//! keep their subjects) have no term: a plan that breaks one is outside the model, and
//! [`hard_breaches`] counts it separately.

use crate::check::{check_plan, Breach};
use crate::domain::{staff_after, staff_before, County, Plan, Policy, Stage, Term};
use crate::metrics::indicators::{col, IndicatorMatrix};
use crate::metrics::summary::exclusion;
use crate::staffing;
use serde::Serialize;

/// The teacher indicators in the balance term (columns of the indicator matrix).
const BALANCE_COLUMNS: [usize; 3] = [col::DEGREE, col::BACKBONE, col::PE_ARTS];

/// The five objective terms of one plan under one policy.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Scores {
    pub violations: f64,
    pub shortage: f64,
    pub balance: f64,
    pub moves: f64,
    pub distance: f64,
}

impl Scores {
    pub fn get(&self, term: Term) -> f64 {
        match term {
            Term::Violations => self.violations,
            Term::Shortage => self.shortage,
            Term::Balance => self.balance,
            Term::Moves => self.moves,
            Term::Distance => self.distance,
            // Comparisons start from no plan: nothing is changed.
            Term::Changes => 0.0,
        }
    }
}

/// The objective terms of `plan` under `policy`, from domain data alone.
pub fn score_plan(county: &County, policy: &Policy, plan: &Plan) -> Scores {
    let breaches = check_plan(county, policy, plan);
    Scores {
        // Folded from +0.0: an empty float sum is -0.0, which would print as "-0.00".
        violations: breaches.iter().filter(|b| b.rule.is_elastic()).map(|b| b.amount).fold(0.0, |a, b| a + b),
        shortage: shortage(county, policy, plan),
        balance: balance(county, policy, plan),
        moves: plan.moves.len() as f64,
        distance: plan.moves.iter().map(|m| county.distance_km(m.from, m.to).unwrap_or(0.0)).fold(0.0, |a, b| a + b),
    }
}

/// Breaches of the hard rules, which no plan of the model can have.
pub fn hard_breaches(breaches: &[Breach]) -> usize {
    breaches.iter().filter(|b| !b.rule.is_elastic()).count()
}

/// Priority-weighted unfilled posts after the plan.
fn shortage(county: &County, policy: &Policy, plan: &Plan) -> f64 {
    let n = county.schools.len();
    let demand = staffing::subject_demand(county, policy);
    let staff = staff_after(county, policy, plan);
    let present = staffing::present_by_subject(n, staff.iter().map(|s| (s.school, s.subject)));
    let mut total = 0.0;
    for (s, school) in county.schools.iter().enumerate() {
        let unfilled: u32 = demand[s].iter().zip(&present[s]).map(|(d, p)| d.saturating_sub(*p)).sum();
        total += policy.priority_weight(school.locale, school.weak) * f64::from(unfilled);
    }
    total
}

/// The student-weighted mean absolute deviation of each teacher indicator from its county
/// value, relative to the county value before the plan, added over stages and indicators.
fn balance(county: &County, policy: &Policy, plan: &Plan) -> f64 {
    let before = IndicatorMatrix::build(county, &staff_before(county));
    let after = IndicatorMatrix::build(county, &staff_after(county, policy, plan));
    let mut total = 0.0;
    for stage in Stage::ALL {
        let schools: Vec<usize> = (0..county.schools.len())
            .filter(|&s| county.schools[s].stage == *stage && exclusion(&county.schools[s], policy).is_none())
            .collect();
        let students: f64 = schools.iter().map(|&s| f64::from(county.schools[s].students)).sum();
        if students <= 0.0 {
            continue;
        }
        for j in BALANCE_COLUMNS {
            let total0: f64 = schools.iter().map(|&s| before.amounts[[s, j]]).sum();
            if total0 <= 0.0 {
                continue;
            }
            let mean0 = 100.0 * total0 / students;
            let mean = 100.0 * schools.iter().map(|&s| after.amounts[[s, j]]).sum::<f64>() / students;
            for &s in &schools {
                let p = f64::from(county.schools[s].students);
                let value = 100.0 * after.amounts[[s, j]] / p;
                total += p * (value - mean).abs() / (students * mean0);
            }
        }
    }
    total
}
