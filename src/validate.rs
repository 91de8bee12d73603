//! `rotaplan validate`: every problem of a county's data and policy at once.
//!
//! Reading ([`crate::io`]) finds what makes the data unusable (E codes); the checks here
//! find what is legal but suspicious (W codes) and need the policy to say so.

use crate::domain::{County, Gender, Policy};
use crate::findings::{Finding, Findings};
use crate::io::{load_county, load_policy};
use std::path::Path;

/// Result of validating a directory: the findings, and the county and policy when usable.
pub struct Validation {
    pub findings: Findings,
    pub county: Option<County>,
    pub policy: Option<Policy>,
}

/// Reads and checks `dir` against `policy_path` (default: the built-in national policy).
pub fn validate_dir(dir: &Path, policy_path: Option<&Path>) -> Validation {
    let (county, mut findings) = load_county(dir);
    let policy = match load_policy(policy_path) {
        Ok(p) => Some(p),
        Err(f) => {
            findings.extend(f);
            None
        }
    };
    if let (Some(c), Some(p)) = (&county, &policy) {
        findings.extend(suspicious(c, p));
    }
    findings.items.sort_by_key(|f| !f.is_error());
    Validation { findings, county, policy }
}

/// Warnings on legal but suspicious data.
pub fn suspicious(county: &County, policy: &Policy) -> Findings {
    let mut findings = Findings::default();
    let by_school = county.teachers_by_school();
    for (i, school) in county.schools.iter().enumerate() {
        if school.students > 0 && by_school[i].is_empty() {
            findings.push(
                Finding::error(
                    "W130",
                    "schools.csv",
                    format!("school \"{}\" has {} students and no teachers in teachers.csv", school.id, school.students),
                    "check that its teachers carry this school_id; if it really has none, the plan will try to staff it",
                )
                .at_field("school_id"),
            );
        }
    }
    let e = &policy.eligibility;
    for t in &county.teachers {
        let limit = match t.gender {
            Gender::M => e.exempt_age_men,
            Gender::F => e.exempt_age_women,
        };
        if t.age >= limit && !t.exempt {
            findings.push(
                Finding::error(
                    "W131",
                    "teachers.csv",
                    format!(
                        "teacher \"{}\" is {} and past the exemption age ({limit}) but not marked exempt",
                        t.id, t.age
                    ),
                    "rotaplan exempts them by age anyway; set exempt to true to make it explicit, or check the age",
                )
                .at_field("exempt"),
            );
        }
    }
    findings
}
