//! The national balance indicators of a county, from domain data alone (no solver).
//!
//! [`evaluate`] takes a county, a policy and who teaches where ([`staff_before`] or
//! [`staff_after`] a plan) and returns an [`Evaluation`]:
//!
//! - per stage, each indicator's county value, student-weighted CV ([`cv::weighted_cv`]),
//!   limit and pass (2017 quality-balance method), and the 2012 basic-balance mean of CVs;
//! - per school, the nine indicator values and whether its minimums are met;
//! - subject posts: demand, teachers present, shortage and surplus;
//! - pay: the county mean, means by locale and title, each school's deviation.
//!
//! Indicators are computed on a schools x indicators matrix (ndarray); see
//! [`indicators::IndicatorMatrix`]. The method and its formulas are in `docs/evaluation.md`.
//!
//! ## Reference
//! 2017 quality-balance method; 2012 basic-balance method; `shared/domain.md`,
//! "Evaluation" and "The coefficient of variation, exactly".

pub mod cv;
pub mod indicators;
pub mod minimums;
pub mod pay;
pub mod subjects;
pub mod summary;
pub mod worse;

pub use cv::{weighted_cv, weighted_mean_sd};
pub use indicators::{IndicatorDef, IndicatorValues, INDICATORS, KEYS};
pub use minimums::{MinimumCheck, MinimumsRule, MinimumsSummary, SchoolMinimums};
pub use pay::{PayGroup, PayReport, SchoolPay};
pub use subjects::{LocaleSubjects, PostGap, SchoolSubjects, SubjectGap, SubjectGaps};
pub use summary::{BasicBalance, IndicatorSummary};
pub use worse::{worse_indicators, WorseIndicator};

use crate::domain::{staff_after, staff_before, County, Locale, Plan, Policy, Staff, Stage};
use indicators::IndicatorMatrix;
use serde::{Serialize, Serializer};
use std::fmt::Display;
use summary::{basic_balance, exclusion, summarise};

/// Serialises a contract enum (stage, locale, subject) as its contract name.
pub(crate) fn by_name<T: Display, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}

/// A county evaluated: stages, schools, subject posts and pay.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// One entry per stage with schools, primary first.
    pub stages: Vec<StageEvaluation>,
    /// One entry per school row, in county order.
    pub schools: Vec<SchoolEvaluation>,
    pub subjects: SubjectGaps,
    pub pay: PayReport,
}

/// One stage's indicators over its schools.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageEvaluation {
    #[serde(serialize_with = "by_name")]
    pub stage: Stage,
    /// School rows of this stage.
    pub schools: usize,
    /// School rows counted in the CV.
    pub schools_in_cv: usize,
    /// Students of the schools counted in the CV.
    pub students_in_cv: u64,
    /// Schools left out of the CV, with why.
    pub excluded: Vec<Excluded>,
    /// CV limit of the stage (`Policy::cv_max`).
    pub cv_max: f64,
    /// The nine indicators, in the order of [`KEYS`].
    pub indicators: Vec<IndicatorSummary>,
    /// 2017 indicators with a CV, and how many of those are within the limit.
    pub cvs_assessed: usize,
    pub cvs_passing: usize,
    /// The 2012 basic-balance mean of CVs.
    pub basic_2012: BasicBalance,
    pub minimums: MinimumsSummary,
}

/// A school left out of the CV.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excluded {
    pub school_id: String,
    pub reason: String,
}

/// One school's indicators and minimums.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchoolEvaluation {
    pub school_id: String,
    pub name: String,
    #[serde(serialize_with = "by_name")]
    pub stage: Stage,
    #[serde(serialize_with = "by_name")]
    pub locale: Locale,
    pub weak: bool,
    pub teaching_point: bool,
    pub students: u32,
    /// Staff teaching at the school (teachers, and placed hires after a plan).
    pub teachers: u32,
    /// Counted in the stage's CV.
    pub in_cv: bool,
    /// Why it is left out of the CV.
    pub excluded: Option<String>,
    pub values: IndicatorValues,
    /// `None` when nothing can be checked (no students).
    pub minimums: Option<SchoolMinimums>,
}

/// An evaluation before and after a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub before: Evaluation,
    pub after: Evaluation,
}

impl Evaluation {
    /// The evaluation of one stage, if the county has schools of it.
    pub fn stage(&self, stage: Stage) -> Option<&StageEvaluation> {
        self.stages.iter().find(|s| s.stage == stage)
    }

    /// One indicator of one stage.
    pub fn indicator(&self, stage: Stage, key: &str) -> Option<&IndicatorSummary> {
        self.stage(stage)?.indicators.iter().find(|i| i.key == key)
    }

    /// Student-weighted CV of an indicator in a stage.
    pub fn cv(&self, stage: Stage, key: &str) -> Option<f64> {
        self.indicator(stage, key)?.cv
    }

    /// Whether an indicator's CV is within the stage's limit (`None`: no CV, or no limit).
    pub fn passes(&self, stage: Stage, key: &str) -> Option<bool> {
        self.indicator(stage, key)?.pass
    }

    /// County value of an indicator in a stage.
    pub fn county_value(&self, stage: Stage, key: &str) -> Option<f64> {
        self.indicator(stage, key)?.county_value
    }

    /// One school by id.
    pub fn school(&self, id: &str) -> Option<&SchoolEvaluation> {
        self.schools.iter().find(|s| s.school_id == id)
    }
}

/// Evaluates `county` with `staff` teaching where they are (see [`staff_before`],
/// [`staff_after`]). Staff at a school index outside the county are ignored.
pub fn evaluate(county: &County, policy: &Policy, staff: &[Staff]) -> Evaluation {
    let matrix = IndicatorMatrix::build(county, staff);
    let schools: Vec<SchoolEvaluation> = county
        .schools
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let values = matrix.values(i);
            let excluded = exclusion(s, policy);
            SchoolEvaluation {
                school_id: s.id.clone(),
                name: s.name.clone(),
                stage: s.stage,
                locale: s.locale,
                weak: s.weak,
                teaching_point: s.teaching_point,
                students: s.students,
                teachers: matrix.teachers(i),
                in_cv: excluded.is_none(),
                excluded,
                minimums: minimums::school_minimums(&values, s.stage, policy),
                values,
            }
        })
        .collect();
    let stages = Stage::ALL
        .iter()
        .filter(|&&stage| county.schools.iter().any(|s| s.stage == stage))
        .map(|&stage| stage_evaluation(stage, &matrix, &schools, policy))
        .collect();
    Evaluation {
        stages,
        schools,
        subjects: subjects::subject_gaps(county, policy, staff),
        pay: pay::pay_report(county, policy, staff),
    }
}

fn stage_evaluation(
    stage: Stage,
    matrix: &IndicatorMatrix,
    schools: &[SchoolEvaluation],
    policy: &Policy,
) -> StageEvaluation {
    let of_stage: Vec<usize> = (0..schools.len()).filter(|&i| schools[i].stage == stage).collect();
    let rows: Vec<usize> = of_stage.iter().copied().filter(|&i| schools[i].in_cv).collect();
    let excluded = of_stage
        .iter()
        .filter_map(|&i| {
            let reason = schools[i].excluded.clone()?;
            Some(Excluded { school_id: schools[i].school_id.clone(), reason })
        })
        .collect();
    let indicators: Vec<IndicatorSummary> =
        (0..INDICATORS.len()).map(|k| summarise(matrix, &rows, k, stage, policy)).collect();
    let assessed: Vec<bool> = indicators.iter().filter_map(|s| s.pass).collect();
    let minimums = MinimumsSummary::new(
        rows.iter().map(|&i| (schools[i].school_id.as_str(), schools[i].minimums.as_ref())),
        policy,
    );
    StageEvaluation {
        stage,
        schools: of_stage.len(),
        schools_in_cv: rows.len(),
        students_in_cv: rows.iter().map(|&i| u64::from(schools[i].students)).sum(),
        excluded,
        cv_max: policy.cv_max(stage),
        cvs_assessed: assessed.len(),
        cvs_passing: assessed.iter().filter(|&&p| p).count(),
        basic_2012: basic_balance(&indicators, stage, policy),
        indicators,
        minimums,
    }
}

/// Evaluates the county before and after `plan` (whose indices must be valid for
/// `county`, as [`crate::io::load_plan`] guarantees).
pub fn evaluate_plan(county: &County, policy: &Policy, plan: &Plan) -> Comparison {
    Comparison {
        before: evaluate(county, policy, &staff_before(county)),
        after: evaluate(county, policy, &staff_after(county, policy, plan)),
    }
}
