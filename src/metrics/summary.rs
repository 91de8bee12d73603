//! Each indicator over the schools of one stage: which schools count, the county value,
//! the student-weighted CV against the limit, and the 2012 basic-balance mean of CVs.
//!
//! ## Reference
//! 2017 quality-balance method (CV limits, teaching points under 50 students left out);
//! 2012 basic-balance method (mean of CVs); `shared/domain.md`, "The coefficient of
//! variation, exactly".

use super::cv::weighted_cv;
use super::indicators::{indicator, Form, IndicatorMatrix, INDICATORS};
use crate::domain::{Policy, School, Stage};
use serde::Serialize;

/// Why a school is left out of the CV, or `None` when it counts.
pub fn exclusion(school: &School, policy: &Policy) -> Option<String> {
    let min = policy.evaluation.teaching_point_min_students;
    if school.students == 0 {
        Some(crate::report::i18n::say("no students".into(), "没有学生".into()))
    } else if school.teaching_point && school.students < min {
        let n = school.students;
        Some(crate::report::i18n::say(
            format!("teaching point with {n} students (under {min})"),
            format!("教学点，学生 {n} 人，不足 {min} 人"),
        ))
    } else {
        None
    }
}

/// One indicator over the schools of one stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorSummary {
    pub key: &'static str,
    pub label: &'static str,
    /// County total over county students (x100 for `_per_100`; students over teachers for
    /// `students_per_teacher`), over the schools in the CV that have the data.
    pub county_value: Option<f64>,
    /// Student-weighted CV over the same schools; `None` without data or with a zero mean.
    pub cv: Option<f64>,
    /// CV limit of the stage for the seven 2017 indicators; `None` for the 2012-only ones.
    pub threshold: Option<f64>,
    /// `cv <= threshold`, when both exist.
    pub pass: Option<bool>,
    /// The stage's 2017 minimum for one school, from the policy.
    pub minimum: Option<f64>,
    /// Schools counted (in the CV and with the data).
    pub schools: usize,
}

/// Summarises indicator `k` over `rows` (the stage's schools in the CV).
pub fn summarise(m: &IndicatorMatrix, rows: &[usize], k: usize, stage: Stage, policy: &Policy) -> IndicatorSummary {
    let d = &INDICATORS[k];
    let (mut weights, mut basis) = (Vec::new(), Vec::new());
    let (mut amount, mut students) = (0.0, 0.0);
    for &i in rows {
        if let Some(x) = m.per_student(i, k) {
            weights.push(m.students[i]);
            basis.push(x);
            amount += m.amounts[[i, k]];
            students += m.students[i];
        }
    }
    let county_value = match d.form {
        _ if weights.is_empty() => None,
        Form::Per100 => Some(100.0 * amount / students),
        Form::PerStudent => Some(amount / students),
        Form::StudentsPerTeacher => (amount > 0.0).then(|| students / amount),
    };
    let cv = weighted_cv(&weights, &basis);
    let threshold = d.quality_2017.then(|| policy.cv_max(stage));
    IndicatorSummary {
        key: d.key,
        label: d.label,
        county_value,
        cv,
        threshold,
        pass: cv.zip(threshold).map(|(c, t)| c <= t),
        minimum: policy.minimum(stage, d.key),
        schools: weights.len(),
    }
}

/// The 2012 basic-balance test: the mean of the available 2012 CVs against the limit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BasicBalance {
    /// Keys whose CV is in the mean (those of the 2012 method with a CV).
    pub keys: Vec<&'static str>,
    pub mean_cv: Option<f64>,
    pub threshold: f64,
    pub pass: Option<bool>,
}

/// Mean of the 2012-method CVs that exist, against `Policy::basic_cv_mean_max`.
pub fn basic_balance(summaries: &[IndicatorSummary], stage: Stage, policy: &Policy) -> BasicBalance {
    let used: Vec<(&'static str, f64)> = summaries
        .iter()
        .filter(|s| indicator(s.key).is_some_and(|d| d.basic_2012))
        .filter_map(|s| Some((s.key, s.cv?)))
        .collect();
    let mean_cv = (!used.is_empty()).then(|| used.iter().map(|u| u.1).sum::<f64>() / used.len() as f64);
    let threshold = policy.basic_cv_mean_max(stage);
    BasicBalance { keys: used.iter().map(|u| u.0).collect(), mean_cv, threshold, pass: mean_cv.map(|c| c <= threshold) }
}
