//! The data of one model, computed once from the county and policy: who may go where,
//! what each school needs and has, and the constants of every rule.

use crate::domain::{Backbone, County, Policy, Stage, Subject};
use crate::rules;
use crate::staffing::{self, SubjectPosts};

/// The three teacher indicators of the 2017 method that an exchange plan moves.
pub const INDICATORS: [&str; 3] = ["degree_per_100", "backbone_per_100", "pe_arts_per_100"];

/// One allowed exchange: an eligible teacher to a receiving school.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub teacher: usize,
    pub to: usize,
    /// Distance, 0 when unknown (then the cap does not apply either).
    pub km: f64,
}

/// Everything the model needs, precomputed in county order (deterministic).
pub struct Instance<'a> {
    pub county: &'a County,
    pub policy: &'a Policy,
    /// Posts needed per school and subject.
    pub demand: Vec<SubjectPosts>,
    /// Teachers present per school and subject before the plan.
    pub base: Vec<SubjectPosts>,
    /// Teachers present per school before the plan.
    pub staff_before: Vec<u32>,
    /// Staff quota per school.
    pub quota: Vec<u32>,
    /// Eligible teachers (all at sending schools), in teacher order.
    pub eligible: Vec<usize>,
    /// Allowed exchanges, teacher-major order.
    pub pairs: Vec<Pair>,
    /// Reference county mean pay (before the plan).
    pub ref_pay: f64,
    /// Monthly pay sum per school before the plan.
    pub pay_before: Vec<f64>,
    /// Indicator counts per school before the plan, per [`INDICATORS`].
    pub indicator_before: Vec<[f64; 3]>,
    /// Schools counted in the CV of each stage (students > 0, not a small teaching point).
    pub cv_schools: Vec<(Stage, Vec<usize>)>,
}

impl<'a> Instance<'a> {
    pub fn new(county: &'a County, policy: &'a Policy) -> Self {
        let n = county.schools.len();
        let demand = staffing::subject_demand(county, policy);
        let base = staffing::present_by_subject(n, county.teachers.iter().map(|t| (t.school, t.subject)));
        let staff_before = base.iter().map(|p| p.iter().sum()).collect();
        let quota = county.schools.iter().map(|s| staffing::staff_quota(s, policy)).collect();
        let eligible: Vec<usize> =
            (0..county.teachers.len()).filter(|&t| rules::is_eligible(county, &county.teachers[t], policy)).collect();
        let mut pairs = Vec::new();
        for &t in &eligible {
            let from = county.teachers[t].school;
            for to in 0..n {
                if rules::destination_problem(county, from, to, policy).is_none() {
                    pairs.push(Pair { teacher: t, to, km: county.distance_km(from, to).unwrap_or(0.0) });
                }
            }
        }
        let mut pay_before = vec![0.0; n];
        let mut indicator_before = vec![[0.0; 3]; n];
        for t in &county.teachers {
            pay_before[t.school] += t.monthly_pay;
            let stage = county.schools[t.school].stage;
            let carried = carries(stage, t.degree, t.backbone, t.subject);
            for j in 0..3 {
                indicator_before[t.school][j] += carried[j];
            }
        }
        let min_tp = policy.evaluation.teaching_point_min_students;
        let cv_schools = Stage::ALL
            .iter()
            .map(|&g| {
                let schools = (0..n)
                    .filter(|&s| {
                        let sc = &county.schools[s];
                        sc.stage == g && sc.students > 0 && !(sc.teaching_point && sc.students < min_tp)
                    })
                    .collect();
                (g, schools)
            })
            .collect();
        Instance {
            county,
            policy,
            demand,
            base,
            staff_before,
            quota,
            eligible,
            pairs,
            ref_pay: rules::reference_pay(county),
            pay_before,
            indicator_before,
            cv_schools,
        }
    }

    /// Staff ceiling of a school: its quota plus tolerance, or its current staff if larger
    /// (a school already over quota may not grow, but is not forced to shrink).
    pub fn staff_ceiling(&self, school: usize) -> u32 {
        (self.quota[school] + self.policy.staffing.quota_tolerance).max(self.staff_before[school])
    }

    /// Priority weight of one unfilled post at a school.
    pub fn priority(&self, school: usize) -> f64 {
        let s = &self.county.schools[school];
        self.policy.priority_weight(s.locale, s.weak)
    }

    /// Monthly allowance an exchanged teacher or hire receives at a school.
    pub fn allowance(&self, school: usize) -> f64 {
        let s = &self.county.schools[school];
        self.policy.allowance(s.locale, s.weak)
    }

    /// Base monthly pay of a new hire, before the school's allowance.
    pub fn hire_pay(&self, hire: usize) -> f64 {
        self.county.new_hires[hire].monthly_pay.unwrap_or(self.policy.pay.new_hire_monthly_pay)
    }

    /// Eligible teachers of each sending school (for the school-scope quota).
    pub fn eligible_by_school(&self) -> Vec<Vec<usize>> {
        let mut by = vec![Vec::new(); self.county.schools.len()];
        for &t in &self.eligible {
            by[self.county.teachers[t].school].push(t);
        }
        by
    }

    /// Demand of a school for a subject.
    pub fn demand_of(&self, school: usize, subject: Subject) -> u32 {
        self.demand[school][subject.index()]
    }
}

/// Which of the three teacher indicators a teacher (or hire) adds to at a school of `stage`:
/// degree at or above the stage's requirement; backbone county level and up; PE or arts.
pub fn carries(stage: Stage, degree: crate::domain::Degree, backbone: Backbone, subject: Subject) -> [f64; 3] {
    [
        f64::from(u8::from(degree >= stage.required_degree())),
        f64::from(u8::from(backbone >= Backbone::County)),
        f64::from(u8::from(subject.is_pe_arts())),
    ]
}
