//! What the other decision about a teacher would cost: the county solved again with the
//! teacher locked the other way (a moved teacher locked to stay, a teacher left at home
//! locked to go), and each objective term of that plan set against the plan explained.
//!
//! Both plans are scored by one yardstick, [`score_plan`] (domain data and the plan only),
//! so a plan made by hand is scored like the solver's. Whether the difference is the
//! cost of the decision or only a difference between plans found in the time depends on
//! both being proven optimal, which [`Proof`] carries. A lock that cannot hold is reported
//! with the hard rule it meets ([`rules::lock_conflicts`]) and no solve is made.

use crate::compare::score::score_plan;
use crate::domain::{County, Lock, LockWord, Locked, Plan, Policy, Subject};
use crate::metrics::by_name;
use crate::planner::make_plan;
use crate::rules::{self, Rule, TeacherLocks};
use crate::solve::SolveOptions;
use crate::staffing;
use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeMap;

/// How far a plan is known to be from the best: its solve status and largest stage gap
/// (summary.json's `status` and `mip_gap`); `None` when not known (a plan made by hand).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Proof {
    pub status: Option<String>,
    pub gap: Option<f64>,
}

impl Proof {
    pub fn is_optimal(&self) -> bool {
        self.status.as_deref() == Some("optimal")
    }
}

/// One objective term in the plan explained and in the counterfactual plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermChange {
    pub term: &'static str,
    pub plan: f64,
    pub other: f64,
}

impl TermChange {
    /// The counterfactual's value less the plan's, 0 within rounding.
    pub fn change(&self) -> f64 {
        let d = self.other - self.plan;
        if d.abs() <= 1e-6 * self.plan.abs().max(1.0) {
            0.0
        } else {
            d
        }
    }
}

/// Unfilled posts of one locale and subject: the counterfactual's less the plan's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostChange {
    #[serde(serialize_with = "by_name")]
    pub locale: crate::domain::Locale,
    #[serde(serialize_with = "by_name")]
    pub subject: Subject,
    pub change: i64,
}

/// A hard rule the counterfactual lock meets, in both languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Blocked {
    pub rule: Rule,
    pub code: &'static str,
    pub en: String,
    pub zh: String,
}

/// The counterfactual of one teacher.
#[derive(Debug, Clone, Serialize)]
pub struct Cost {
    pub teacher: String,
    /// The lock of the counterfactual: `stay` for a moved teacher, `go` otherwise.
    #[serde(serialize_with = "by_name")]
    pub lock: LockWord,
    /// Non-empty when the lock cannot hold: then nothing was solved.
    pub blocked: Vec<Blocked>,
    /// Each term in the policy's order.
    pub terms: Vec<TermChange>,
    pub posts: Vec<PostChange>,
    /// Where the counterfactual plan sends the teacher.
    pub other_to: Option<String>,
    pub plan_proof: Proof,
    pub other_proof: Proof,
    /// The first term in the policy's order that differs: the one the solver decides by.
    pub decisive: Option<&'static str>,
    /// The counterfactual plan itself.
    #[serde(skip)]
    pub other_plan: Plan,
}

/// Solves the county again with teacher `t` locked the other way than in `plan`.
pub fn counterfactual(
    county: &County,
    policy: &Policy,
    plan: &Plan,
    plan_proof: Proof,
    t: usize,
    opts: &SolveOptions,
) -> Result<Cost> {
    let moved = plan.moves.iter().any(|m| m.teacher == t);
    let lock = if moved { LockWord::Stay } else { LockWord::Go };
    let mut cost = Cost {
        teacher: county.teachers[t].id.clone(),
        lock,
        blocked: Vec::new(),
        terms: Vec::new(),
        posts: Vec::new(),
        other_to: None,
        plan_proof,
        other_proof: Proof::default(),
        decisive: None,
        other_plan: Plan::default(),
    };
    let mut other = county.clone();
    other.locks.push(Lock { who: Locked::Teacher(t), word: lock, school: None, line: 0 });
    cost.blocked = blocked(county, &other, policy, t, lock);
    if !cost.blocked.is_empty() {
        return Ok(cost);
    }
    let result = make_plan(&other, policy, opts)?;
    let (a, b) = (score_plan(county, policy, plan), score_plan(county, policy, &result.plan));
    cost.terms = policy
        .objective
        .order
        .iter()
        .map(|&term| TermChange { term: term.name(), plan: a.get(term), other: b.get(term) })
        .collect();
    cost.decisive = cost.terms.iter().find(|c| c.change() != 0.0).map(|c| c.term);
    cost.posts = post_changes(county, policy, plan, &result.plan);
    cost.other_to = result.plan.moves.iter().find(|m| m.teacher == t).map(|m| county.schools[m.to].id.clone());
    cost.other_proof =
        Proof { status: Some(result.summary.status.as_str().to_string()), gap: Some(result.summary.mip_gap) };
    cost.other_plan = result.plan;
    Ok(cost)
}

/// The hard rules the counterfactual lock meets: a bureau's lock the other way (C018),
/// and what [`rules::lock_conflicts`] finds (not due, nowhere to go, the last teacher of
/// a subject at a sending school).
fn blocked(county: &County, other: &County, policy: &Policy, t: usize, lock: LockWord) -> Vec<Blocked> {
    let locks = TeacherLocks::of(county);
    let id = &county.teachers[t].id;
    let line = |word: LockWord| county.locks.iter().find(|l| l.teacher() == Some(t) && l.word == word).map(|l| l.line);
    let mut out = Vec::new();
    if let (LockWord::Stay, true) = (lock, locks.must_go(t)) {
        let n = line(LockWord::Go).unwrap_or(0);
        out.push(Blocked {
            rule: Rule::Lock,
            code: Rule::Lock.code(),
            en: format!("teacher {id} is locked to go by the bureau (locks.csv line {n}); keeping them at home breaks that lock"),
            zh: format!("教育局已锁定教师 {id} 交流（locks.csv 第 {n} 行）；让其留任即违反该锁定"),
        });
    }
    if let (LockWord::Go, true) = (lock, locks.stays(t)) {
        let n = line(LockWord::Stay).unwrap_or(0);
        out.push(Blocked {
            rule: Rule::Lock,
            code: Rule::Lock.code(),
            en: format!(
                "teacher {id} is locked to stay by the bureau (locks.csv line {n}); sending them breaks that lock"
            ),
            zh: format!("教育局已锁定教师 {id} 留任（locks.csv 第 {n} 行）；让其交流即违反该锁定"),
        });
        return out;
    }
    for (_, text) in rules::lock_conflicts(other, policy) {
        let rule = match text.key {
            "E125.ineligible" => Rule::Eligibility,
            "E125.destination" | "E125.nowhere" => Rule::Destination,
            "E125.sender" => Rule::SenderSubject,
            _ => Rule::Lock,
        };
        let words = |lang| text.render(lang).map(|(m, _)| m).unwrap_or_default();
        out.push(Blocked { rule, code: rule.code(), en: words(crate::cli::Lang::En), zh: words(crate::cli::Lang::Zh) });
    }
    out
}

/// Unfilled posts by locale and subject, the counterfactual plan's less the plan's.
fn post_changes(county: &County, policy: &Policy, plan: &Plan, other: &Plan) -> Vec<PostChange> {
    let demand = staffing::subject_demand(county, policy);
    let unfilled = |p: &Plan| {
        let staff = crate::domain::staff_after(county, policy, p);
        let present = staffing::present_by_subject(county.schools.len(), staff.iter().map(|s| (s.school, s.subject)));
        let mut by: BTreeMap<(crate::domain::Locale, Subject), i64> = BTreeMap::new();
        for (s, school) in county.schools.iter().enumerate() {
            for &k in Subject::ALL {
                let gap = demand[s][k.index()].saturating_sub(present[s][k.index()]);
                *by.entry((school.locale, k)).or_default() += i64::from(gap);
            }
        }
        by
    };
    let (a, b) = (unfilled(plan), unfilled(other));
    a.iter()
        .map(|(&(locale, subject), &n)| PostChange { locale, subject, change: b[&(locale, subject)] - n })
        .filter(|c| c.change != 0)
        .collect()
}
