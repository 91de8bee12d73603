//! `rotaplan explain`: why a plan treats a teacher, a school or a new hire as it does, in
//! facts computed from the county, the policy and the plan by the rule functions of
//! [`crate::rules`] (the same the model and the checker use), and, with `--cost`, what the
//! other decision would cost in each objective term ([`cost`]).
//!
//! - [`facts`]: the facts as data; [`words`]: each fact in English and Chinese;
//! - [`teacher`], [`place`]: the explanations of a teacher, a school and a hire;
//! - [`cost`]: the counterfactual solve; [`render`]: the console text.

pub mod cost;
pub mod facts;
pub mod place;
pub mod render;
pub mod teacher;
mod words;

pub use cost::{counterfactual, Blocked, Cost, PostChange, Proof, TermChange};
pub use facts::{Fact, Filler};
pub use place::{explain_hire, explain_school, HireExplanation, SchoolExplanation};
pub use teacher::{explain_teacher, TeacherExplanation};

use crate::domain::{staff_after, staff_before, County, Plan, Policy};
use crate::metrics::{evaluate, Evaluation};
use crate::rules::{self, TeacherLocks};
use crate::staffing::{self, SubjectPosts};
use serde::Serialize;

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    Teacher(usize),
    School(usize),
    Hire(usize),
}

/// The ids looked up in the county: teachers, then schools, then hires. Every id that
/// names none of them is returned in the error, in the order given.
pub fn resolve(county: &County, ids: &[String]) -> Result<Vec<Asked>, Vec<String>> {
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    for id in ids {
        let asked = (county.teachers.iter().position(|t| &t.id == id).map(Asked::Teacher))
            .or_else(|| county.school_index(id).map(Asked::School))
            .or_else(|| county.new_hires.iter().position(|h| &h.id == id).map(Asked::Hire));
        match asked {
            Some(a) => found.push(a),
            None => unknown.push(id.clone()),
        }
    }
    if unknown.is_empty() {
        Ok(found)
    } else {
        Err(unknown)
    }
}

/// One explanation, of whatever was asked.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "of", rename_all = "snake_case")]
pub enum Explanation {
    Teacher(TeacherExplanation),
    School(SchoolExplanation),
    Hire(HireExplanation),
}

impl Explanation {
    /// The id asked.
    pub fn id(&self) -> &str {
        match self {
            Explanation::Teacher(e) => &e.id,
            Explanation::School(e) => &e.id,
            Explanation::Hire(e) => &e.id,
        }
    }
}

/// Explains each asked id under `plan`.
pub fn explain(ctx: &Context<'_>, asked: &[Asked]) -> Vec<Explanation> {
    asked
        .iter()
        .map(|a| match *a {
            Asked::Teacher(t) => Explanation::Teacher(explain_teacher(ctx, t)),
            Asked::School(s) => Explanation::School(explain_school(ctx, s)),
            Asked::Hire(h) => Explanation::Hire(explain_hire(ctx, h)),
        })
        .collect()
}

/// The county before and after the plan, computed once for every explanation.
pub struct Context<'a> {
    pub county: &'a County,
    pub policy: &'a Policy,
    pub plan: &'a Plan,
    /// Posts per school and subject ([`staffing::subject_demand`]).
    pub demand: Vec<SubjectPosts>,
    /// Teachers per school and subject before and after the plan (placed hires included).
    pub before: Vec<SubjectPosts>,
    pub after: Vec<SubjectPosts>,
    pub locks: TeacherLocks,
    pub eval_before: Evaluation,
    pub eval_after: Evaluation,
}

impl<'a> Context<'a> {
    pub fn new(county: &'a County, policy: &'a Policy, plan: &'a Plan) -> Self {
        let n = county.schools.len();
        let (staff0, staff1) = (staff_before(county), staff_after(county, policy, plan));
        Context {
            county,
            policy,
            plan,
            demand: staffing::subject_demand(county, policy),
            before: staffing::present_by_subject(n, staff0.iter().map(|s| (s.school, s.subject))),
            after: staffing::present_by_subject(n, staff1.iter().map(|s| (s.school, s.subject))),
            locks: TeacherLocks::of(county),
            eval_before: evaluate(county, policy, &staff0),
            eval_after: evaluate(county, policy, &staff1),
        }
    }

    /// The school's id.
    pub fn school_id(&self, s: usize) -> String {
        self.county.schools[s].id.clone()
    }

    /// The staff ceiling of a school ([`rules::staff_ceiling`]) and its staff after the plan.
    pub fn ceiling_and_staff_after(&self, s: usize) -> (u32, u32) {
        let quota = staffing::staff_quota(&self.county.schools[s], self.policy);
        let ceiling = rules::staff_ceiling(quota, self.before[s].iter().sum(), self.policy);
        (ceiling, self.after[s].iter().sum())
    }

    /// The move of teacher `t` in the plan, if any.
    pub fn move_of(&self, t: usize) -> Option<&crate::domain::Move> {
        self.plan.moves.iter().find(|m| m.teacher == t)
    }

    /// Distance between two schools, when known.
    pub fn km(&self, a: usize, b: usize) -> Option<f64> {
        self.county.distance_km(a, b)
    }
}
