//! The horizon's projections of the years ahead: hires_by_year.csv (sheet 逐年新教师:
//! `year,subject,count,degree`) and enrolment.csv (sheet 学生数预测:
//! `school_id,year,students`). Every problem of a row is named at its cell; a row given
//! twice is named at the later row (E128).

use super::refs::{school_ref, SchoolRefs};
use crate::domain::{Degree, Projection, Subject, YearHires};
use crate::findings::{cut, Finding, Findings, Text};
use crate::io::table::Table;
use std::collections::HashMap;

/// Years a projection may name, as the exchange record's.
const YEARS: (u32, u32) = (1990, 2100);
/// Most hires of one subject in one year, and most students of one school.
const MAX_HIRES: u32 = 10_000;
const MAX_STUDENTS: u32 = 20_000;

/// hires_by_year.csv: new hires of a subject (and degree, default bachelor) in a year.
pub(super) fn read_hires_by_year(t: &Table, findings: &mut Findings) -> Vec<YearHires> {
    let mut hires = Vec::new();
    let mut seen: HashMap<(u32, Subject, Degree), u64> = HashMap::new();
    for i in 0..t.records.len() {
        let mut row = t.row(i, findings);
        let year = row.whole("year", YEARS.0, YEARS.1, true);
        let subject = row.value("subject", Subject::parse, &Subject::expected(), None);
        let count = row.whole("count", 0, MAX_HIRES, true);
        let degree = row.value("degree", Degree::parse, &Degree::expected(), Some(Degree::Bachelor));
        let (line, ok) = (row.line, row.ok);
        let (true, Some(year), Some(subject), Some(count), Some(degree)) = (ok, year, subject, count, degree) else {
            continue;
        };
        if let Some(first) = seen.insert((year, subject, degree), line) {
            let text = Text::new("E128.hires")
                .arg("year", year)
                .both("subject", subject.name(), subject.chinese())
                .both("degree", degree.name(), degree.chinese())
                .arg("first", first);
            findings.push(t.locate(Finding::new(&t.file, text), line, "subject"));
            continue;
        }
        hires.push(YearHires { year, subject, degree, count });
    }
    hires
}

/// enrolment.csv: students of a school in a year.
pub(super) fn read_enrolment(t: &Table, refs: Option<&SchoolRefs>, findings: &mut Findings, into: &mut Projection) {
    let mut seen: HashMap<(usize, u32), u64> = HashMap::new();
    for i in 0..t.records.len() {
        let mut row = t.row(i, findings);
        let school = school_ref(&mut row, "school_id", refs);
        let year = row.whole("year", YEARS.0, YEARS.1, true);
        let students = row.whole("students", 0, MAX_STUDENTS, true);
        let school_id = row.cell("school_id").unwrap_or_default().to_string();
        let (line, ok) = (row.line, row.ok);
        let (true, Some(s), Some(year), Some(students)) = (ok, school, year, students) else { continue };
        if let Some(first) = seen.insert((s, year), line) {
            let text = Text::new("E128.enrolment").arg("school", cut(&school_id)).arg("year", year).arg("first", first);
            findings.push(t.locate(Finding::new(&t.file, text), line, "year"));
            continue;
        }
        into.enrolment.insert((s, year), students);
    }
}
