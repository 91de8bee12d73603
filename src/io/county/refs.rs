//! The ids the row readers share: duplicate ids within a file (E120) and the school a
//! cell of another file names (E121).

use crate::findings::{quoted, Finding, Findings};
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
        findings.push(t.locate(
            Finding::error(
                "E120",
                &t.file,
                format!("{col} {} appears twice (first on line {first})", quoted(id)),
                format!("give each row its own {col}, or delete the repeated row"),
            ),
            line,
            col,
        ));
        return false;
    }
    seen.insert(id.to_string(), line);
    true
}

/// The school a cell names. A school whose own row has an error is not reported again;
/// when schools.csv cannot be read at all, nothing is checked.
pub(super) fn school_ref(row: &mut Row<'_>, col: &str, refs: Option<&SchoolRefs>) -> Option<usize> {
    let id = row.text(col)?;
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
    let fix = match same_but_case {
        Some(k) => format!("schools.csv has {}: write the id exactly as it is there", quoted(k)),
        None => "use a school_id listed in schools.csv, or add that school to schools.csv".to_string(),
    };
    row.problem("E121", col, format!("school {} does not exist in schools.csv", quoted(&id)), fix);
    None
}
