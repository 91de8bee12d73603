//! exchanges.csv (sheet 交流记录): the exchange record, one row per term,
//! `teacher_id,home_school,host_school,kind,start_year,term_years,end_year`, read into
//! [`ExchangeTerm`]s. Every problem of a row is named at its cell (E126); two terms of one
//! teacher that share a school year are named at the later row. A row of a teacher no longer
//! in teachers.csv (retired, left the county) is history: left out with a warning (W127),
//! so that last year's record reads with this year's teachers.

use super::refs::{school_ref, SchoolRefs};
use crate::domain::{ExchangeTerm, MoveKind, Teacher};
use crate::findings::{quoted, Finding, Findings, Text};
use crate::io::table::{RowSources, Table};
use std::collections::HashMap;

/// Years a record may name: any school year of the programme.
const YEARS: (u32, u32) = (1990, 2100);

pub(super) fn read_exchanges(
    t: &Table,
    refs: Option<&SchoolRefs>,
    teachers: &[Teacher],
    findings: &mut Findings,
    sources: &mut RowSources,
) -> Vec<ExchangeTerm> {
    *sources = t.sources();
    let teacher_index: HashMap<&str, usize> = teachers.iter().enumerate().map(|(i, t)| (t.id.as_str(), i)).collect();
    let mut record: Vec<ExchangeTerm> = Vec::new();
    for i in 0..t.records.len() {
        let mut row = t.row(i, findings);
        let id = row.required("teacher_id");
        let home = school_ref(&mut row, "home_school", refs);
        let host = school_ref(&mut row, "host_school", refs);
        let kind = row.value("kind", MoveKind::parse, "exchange, extension, 交流, 延期", Some(MoveKind::Exchange));
        let start = row.whole("start_year", YEARS.0, YEARS.1, true);
        let term_years = row.whole("term_years", 1, 10, true);
        let end = row.whole("end_year", YEARS.0, YEARS.1, false);
        if kind == Some(MoveKind::Transfer) {
            row.problem("kind", Text::new("E126.transfer"));
        }
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                row.problem("end_year", Text::new("E126.end").arg("end", e).arg("start", s));
            }
        }
        let teacher = id.as_deref().and_then(|id| teacher_index.get(id).copied());
        if let (Some(id), None) = (&id, teacher) {
            // History of a teacher who has left (retired): kept out, with a warning.
            row.problem("teacher_id", Text::new("W127").arg("v", quoted(id)));
        }
        if let (Some(t), Some(h)) = (teacher, home) {
            if teachers[t].school != h {
                let school = refs.and_then(|r| r.index.iter().find(|(_, &i)| i == teachers[t].school));
                let school = school.map_or(String::new(), |(k, _)| k.clone());
                row.problem(
                    "home_school",
                    Text::new("E126.home").arg("v", quoted(&teachers[t].id)).arg("school", school),
                );
            }
        }
        if let (Some(h), Some(x)) = (home, host) {
            if h == x {
                row.problem("host_school", Text::new("E126.same"));
            }
        }
        let (line, ok) = (row.line, row.ok);
        let (true, Some(teacher), Some(home), Some(host), Some(kind), Some(start_year), Some(term_years)) =
            (ok, teacher, home, host, kind, start, term_years)
        else {
            continue;
        };
        let term = ExchangeTerm { teacher, home, host, kind, start_year, term_years, end_year: end, line };
        if let Some(first) = record.iter().find(|r| r.teacher == teacher && overlap(r, &term)) {
            let text = Text::new("E126.overlap").arg("v", quoted(&teachers[teacher].id)).arg("first", first.line);
            findings.push(t.locate(Finding::new(&t.file, text), line, "start_year"));
            continue;
        }
        record.push(term);
        sources.lines.push(line);
    }
    record
}

/// Two terms sharing a school year.
fn overlap(a: &ExchangeTerm, b: &ExchangeTerm) -> bool {
    a.start_year <= b.last_year() && b.start_year <= a.last_year()
}
