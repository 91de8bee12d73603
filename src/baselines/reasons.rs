//! Reason codes for the moves and placements of a baseline plan, with the same codes and
//! meanings as the optimiser's (`docs/model.md`, "After the solve"), from the state before
//! the plan: `shortage:SUBJECT` (the receiving school lacked that subject),
//! `coverage:SUBJECT`, `balance:INDICATOR` (the school was below its stage's county value
//! and the teacher counts for that indicator), `exchange_quota`, `backbone_share`, and
//! `staff_room` for a hire placed where none of these applies.
//!
//! Computed from domain data and the evaluation before the plan, so that a reader can
//! compare a baseline's moves with the optimiser's code for code.

use crate::domain::{staff_before, Backbone, County, Degree, Policy, Stage, Subject};
use crate::metrics::indicators::BACKBONE_MIN_LEVEL;
use crate::metrics::{evaluate, Evaluation};
use crate::rules::{self, Rule};
use crate::staffing::{self, SubjectPosts};

/// The three teacher indicators of the 2017 method a plan moves.
const TEACHER_INDICATORS: [&str; 3] = ["degree_per_100", "backbone_per_100", "pe_arts_per_100"];

/// What the county looked like before the plan, for the reason codes.
pub struct Reasons<'a> {
    county: &'a County,
    policy: &'a Policy,
    demand: Vec<SubjectPosts>,
    base: Vec<SubjectPosts>,
    before: Evaluation,
}

impl<'a> Reasons<'a> {
    pub fn new(county: &'a County, policy: &'a Policy) -> Self {
        let n = county.schools.len();
        Reasons {
            county,
            policy,
            demand: staffing::subject_demand(county, policy),
            base: staffing::present_by_subject(n, county.teachers.iter().map(|t| (t.school, t.subject))),
            before: evaluate(county, policy, &staff_before(county)),
        }
    }

    /// Codes of an exchange of teacher `t` to school `to`.
    pub fn for_move(&self, t: usize, to: usize) -> Vec<String> {
        let teacher = &self.county.teachers[t];
        let mut reasons = self.at_school(to, teacher.subject, teacher.degree, teacher.backbone);
        if self.policy.exchange.share > 0.0 {
            reasons.push(Rule::ExchangeQuota.key().into());
        }
        if self.policy.exchange.backbone_share > 0.0 && rules::counts_as_backbone(teacher, self.policy) {
            reasons.push(Rule::BackboneShare.key().into());
        }
        reasons
    }

    /// Codes of new hire `h` placed at `school`.
    pub fn for_hire(&self, h: usize, school: usize) -> Vec<String> {
        let hire = &self.county.new_hires[h];
        let mut reasons = self.at_school(school, hire.subject, hire.degree, Backbone::None);
        if reasons.is_empty() {
            reasons.push("staff_room".into());
        }
        reasons
    }

    fn at_school(&self, school: usize, subject: Subject, degree: Degree, backbone: Backbone) -> Vec<String> {
        let mut reasons = Vec::new();
        let k = subject.index();
        let (demand, base) = (self.demand[school][k], self.base[school][k]);
        if demand > base {
            reasons.push(format!("shortage:{subject}"));
        }
        if self.policy.staffing.coverage_subjects.contains(&subject) && demand >= 1 && base == 0 {
            reasons.push(format!("{}:{subject}", Rule::Coverage.key()));
        }
        let stage = self.county.schools[school].stage;
        let here = &self.before.schools[school].values;
        for (key, carried) in TEACHER_INDICATORS.iter().zip(carries(stage, degree, backbone, subject)) {
            let below = here.get(key).zip(self.before.county_value(stage, key)).is_some_and(|(x, mean)| x < mean);
            if carried && below {
                reasons.push(format!("balance:{key}"));
            }
        }
        reasons
    }
}

/// Which teacher indicators a teacher or hire adds to at a school of `stage`, as the
/// evaluation counts them: degree at or above the stage's requirement, backbone county
/// level and up, PE or arts.
fn carries(stage: Stage, degree: Degree, backbone: Backbone, subject: Subject) -> [bool; 3] {
    [degree >= stage.required_degree(), backbone >= BACKBONE_MIN_LEVEL, subject.is_pe_arts()]
}
