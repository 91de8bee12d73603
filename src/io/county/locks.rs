//! locks.csv (sheet 锁定): the bureau's decisions, `id,lock,school`, read into
//! [`Lock`]s. Whether the locks can hold under the policy is checked before a solve
//! ([`crate::rules::lock_conflicts`]).

use super::refs::{school_ref, SchoolRefs};
use crate::domain::{Lock, LockWord, Locked, NewHire, Teacher};
use crate::findings::{quoted, Findings, Text};
use crate::io::table::{RowSources, Table};
use std::collections::HashMap;

pub(super) fn read_locks(
    t: &Table,
    refs: Option<&SchoolRefs>,
    (teachers, hires): (&[Teacher], &[NewHire]),
    findings: &mut Findings,
    sources: &mut RowSources,
) -> Vec<Lock> {
    *sources = t.sources();
    let teacher_index: HashMap<&str, usize> = teachers.iter().enumerate().map(|(i, t)| (t.id.as_str(), i)).collect();
    let hire_index: HashMap<&str, usize> = hires.iter().enumerate().map(|(i, h)| (h.id.as_str(), i)).collect();
    let mut locks: Vec<Lock> = Vec::new();
    for i in 0..t.records.len() {
        let mut row = t.row(i, findings);
        let id = row.required("id");
        let word = row.value("lock", LockWord::parse, &LockWord::expected(), None);
        let school = if row.cell("school").is_some() { school_ref(&mut row, "school", refs) } else { None };
        let (Some(id), Some(word)) = (id, word) else { continue };
        let who = match (teacher_index.get(id.as_str()), hire_index.get(id.as_str())) {
            (Some(&t), _) => Locked::Teacher(t),
            (None, Some(&h)) => Locked::Hire(h),
            (None, None) => {
                row.problem("id", Text::new("E124").arg("v", quoted(&id)));
                continue;
            }
        };
        let text = match (who, word) {
            (Locked::Hire(_), LockWord::Place) | (Locked::Teacher(_), LockWord::Stay | LockWord::Go) => None,
            (Locked::Teacher(_), LockWord::NotTo) => None,
            (Locked::Hire(_), _) => Some(("lock", Text::new("E124.hire_word").arg("word", word.name()))),
            (Locked::Teacher(_), LockWord::Place) => Some(("lock", Text::new("E124.teacher_word"))),
        };
        if let Some((col, text)) = text {
            row.problem(col, text.arg("v", quoted(&id)));
            continue;
        }
        if matches!(word, LockWord::NotTo | LockWord::Place) && school.is_none() && row.cell("school").is_none() {
            row.problem("school", Text::new("E124.school").arg("word", word.name()));
            continue;
        }
        let (line, ok) = (row.line, row.ok);
        if !ok {
            continue;
        }
        let lock = Lock { who, word, school, line };
        if let Some(first) = locks.iter().find(|l| l.who == who && !agree(l, &lock)) {
            let text = Text::new("E124.twice").arg("v", quoted(&id)).arg("first", first.line);
            findings.push(t.locate(crate::findings::Finding::new(&t.file, text), line, "id"));
            continue;
        }
        locks.push(lock);
        sources.lines.push(line);
    }
    locks
}

/// Two locks of one person that may both hold: several `not_to`, or the same lock twice.
fn agree(a: &Lock, b: &Lock) -> bool {
    (a.word == LockWord::NotTo && b.word == LockWord::NotTo) || a == &Lock { line: a.line, ..*b }
}
