//! The ids the row readers share: duplicate ids within a file (E120) and the school a
//! cell of another file names (E121).

use crate::findings::{quoted, Finding, Findings, Text};
use crate::io::table::{Row, Table};
use std::collections::{HashMap, HashSet};

/// The school ids other files may refer to.
pub(super) struct SchoolRefs {
    /// Index into the schools read, by id.
    pub(super) index: HashMap<String, usize>,
    /// Every id in schools.csv, including rows left out for their own errors.
    pub(super) all_ids: HashSet<String>,
}

/// Reports a duplicate id (E120) and returns whether `id` is new.
pub(super) fn first_time(
    seen: &mut HashMap<String, u64>,
    id: &str,
    line: u64,
    t: &Table,
    col: &str,
    findings: &mut Findings,
) -> bool {
    if let Some(first) = seen.get(id) {
        let (en, zh) = t.column_words(col);
        let text = Text::new("E120").both("col", en, zh).arg("v", quoted(id)).arg("first", first);
        findings.push(t.locate(Finding::new(&t.file, text), line, col));
        return false;
    }
    seen.insert(id.to_string(), line);
    true
}

/// The school a cell names. A school whose own row has an error is not reported again;
/// when schools.csv cannot be read at all, nothing is checked.
pub(super) fn school_ref(row: &mut Row<'_>, col: &str, refs: Option<&SchoolRefs>) -> Option<usize> {
    let id = row.required(col)?;
    let Some(refs) = refs else {
        row.ok = false;
        return None;
    };
    if let Some(&i) = refs.index.get(&id) {
        return Some(i);
    }
    if refs.all_ids.contains(&id) {
        row.ok = false;
        return None;
    }
    let same_but_case = refs.all_ids.iter().filter(|k| k.to_lowercase() == id.to_lowercase()).min();
    let text = match same_but_case {
        Some(k) => Text::new("E121.case").arg("k", quoted(k)),
        None => Text::new("E121"),
    };
    row.problem(col, text.arg("v", quoted(&id)));
    None
}
