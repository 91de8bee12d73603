//! `rotaplan validate`: every problem of a county's data and policy at once.
//!
//! Reading ([`crate::io`]) finds what makes the data unusable (E codes); the checks here
//! find what is legal but suspicious (W codes) and need the policy to say so. They run
//! only on data that reads without error, since half-read data would raise false alarms.

use crate::domain::{County, Gender, Policy};
use crate::findings::{quoted, Finding, Findings, Text};
use crate::io::county::{read_county, Sources};
use crate::io::load_policy;
use std::path::Path;

/// Result of validating a directory: the findings, and the county and policy when usable.
pub struct Validation {
    pub findings: Findings,
    pub county: Option<County>,
    pub policy: Option<Policy>,
}

/// Reads and checks `dir` against `policy_path` (default: the built-in national policy).
pub fn validate_dir(dir: &Path, policy_path: Option<&Path>) -> Validation {
    let read = read_county(dir);
    let (county, mut findings) = (read.county, read.findings);
    let policy = match load_policy(policy_path) {
        Ok(p) => Some(p),
        Err(f) => {
            findings.extend(f);
            None
        }
    };
    // With an exchange record, the county as it stands in the year after the record's
    // latest start (`plan --year` and `check --year` choose another).
    let county = match (county, &policy) {
        (Some(c), Some(p)) => Some(in_year(c, p, None)),
        (c, _) => c,
    };
    if let (Some(c), Some(p)) = (&county, &policy) {
        findings.extend(suspicious_at(c, p, &read.sources));
        let locks_file = file_name(&read.sources.locks.file, "locks.csv");
        for (i, text) in crate::rules::lock_conflicts(c, p) {
            findings.push(read.sources.locks.locate(Finding::new(locks_file, text), i, "id"));
        }
    }
    findings.items.sort_by_key(|f| !f.is_error());
    Validation { findings, county, policy }
}

/// The county in school year `year`, or with none given in the year after its record's
/// latest start ([`crate::domain::year_view`]); as read when it has no record and no year.
pub fn in_year(county: County, policy: &Policy, year: Option<u32>) -> County {
    match year.or_else(|| crate::domain::cycle::default_year(&county.cycle.record)) {
        Some(y) => crate::domain::year_view(&county, policy, y),
        None => county,
    }
}

/// Warnings on legal but suspicious data, without file lines.
pub fn suspicious(county: &County, policy: &Policy) -> Findings {
    suspicious_at(county, policy, &Sources::default())
}

/// Warnings on legal but suspicious data, placed at the lines in `sources`.
pub fn suspicious_at(county: &County, policy: &Policy, sources: &Sources) -> Findings {
    let mut findings = Findings::default();
    let by_school = county.teachers_by_school();
    // The names the user knows: `teachers.csv`, or `book.xlsx[teachers]` for a workbook.
    let schools_file = file_name(&sources.schools.file, "schools.csv");
    let teachers_file = file_name(&sources.teachers.file, "teachers.csv");
    for (i, school) in county.schools.iter().enumerate() {
        if school.students > 0 && by_school[i].is_empty() {
            let text =
                Text::new("W130").arg("v", quoted(&school.id)).arg("n", school.students).arg("teachers", teachers_file);
            let f = Finding::new(schools_file, text);
            findings.push(sources.schools.locate(f, i, "school_id"));
        }
    }
    let e = &policy.eligibility;
    for (i, t) in county.teachers.iter().enumerate() {
        let (limit, who, who_zh) = match t.gender {
            Gender::M => (e.exempt_age_men, "men", "男教师"),
            Gender::F => (e.exempt_age_women, "women", "女教师"),
        };
        if t.age >= limit && !t.exempt {
            let text = Text::new("W131")
                .arg("v", quoted(&t.id))
                .arg("age", t.age)
                .both("who", who, who_zh)
                .arg("limit", limit);
            let f = Finding::new(teachers_file, text);
            let col = if sources.teachers.columns.contains_key("exempt") { "exempt" } else { "age" };
            findings.push(sources.teachers.locate(f, i, col));
        }
    }
    findings.summarise();
    findings
}

/// The file name a finding shows, with the contract's name when the reader had none.
fn file_name<'a>(known: &'a str, contract: &'a str) -> &'a str {
    if known.is_empty() {
        contract
    } else {
        known
    }
}
