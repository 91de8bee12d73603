//! The header row of a contract file: mapping its cells to contract columns (by the
//! contract's names or a bureau's [`aliases`]), and suggesting the column a misspelt or
//! unknown header most likely means.

use super::ColumnSpec;
use crate::findings::{cut, place::column_letters, quoted, Finding, Findings, Text};
use crate::io::aliases;
use std::collections::HashMap;

/// Maps the header's cells to contract columns: the contract's own names (any case) or a
/// bureau's name for them ([`aliases`]). Unknown columns are W106; a column named twice
/// (perhaps once in English and once in Chinese) is E105; a missing required one is E104.
pub(super) fn map_header(
    header: &csv::StringRecord,
    line: u64,
    file: &str,
    spec: &[ColumnSpec],
    findings: &mut Findings,
) -> Option<HashMap<&'static str, usize>> {
    let mut columns = HashMap::new();
    let mut by_alias = false;
    for (i, raw) in header.iter().enumerate() {
        let name = raw.trim().to_lowercase();
        by_alias |= aliases::column_for(raw, spec).is_some();
        match names_column(raw, spec) {
            Some(col) => match columns.get(col) {
                Some(&first) => {
                    let other = if name == col {
                        (String::new(), String::new())
                    } else {
                        let q = quoted(raw.trim());
                        (format!("; {q} is another name for it"), format!("；{q} 是它的另一个名称"))
                    };
                    let text = Text::new("E105.column")
                        .arg("col", col)
                        .arg("local", aliases::local_name(col, spec).unwrap_or(col))
                        .arg("first", column_letters(first + 1))
                        .arg("second", column_letters(i + 1))
                        .both("other", other.0, other.1);
                    findings.push(Finding::new(file, text).at_cell(line, i + 1, col).with_header(Some(raw.trim())))
                }
                None => {
                    columns.insert(col, i);
                }
            },
            None if name.is_empty() => {}
            None => findings.push(unknown_column(raw.trim(), &name, spec, file).at_cell(line, i + 1, &cut(raw.trim()))),
        }
    }
    let mut complete = true;
    for c in spec.iter().filter(|c| c.required && !columns.contains_key(c.name)) {
        complete = false;
        // A header in Chinese is told the Chinese name too.
        let named = match aliases::local_name(c.name, spec).filter(|_| by_alias) {
            Some(local) => format!("\"{local}\" (or \"{}\")", c.name),
            None => format!("\"{}\"", c.name),
        };
        let local = aliases::local_name(c.name, spec).unwrap_or(c.name);
        let text = Text::new("E104").arg("col", c.name).arg("local", local).both("named", named, "");
        findings.push(Finding::new(file, text).at_line(line).at_field(c.name));
    }
    complete.then_some(columns)
}

/// The contract column a header cell names: the contract's own name (any case), or a
/// bureau's name for it ([`aliases`]).
pub(super) fn names_column(raw: &str, spec: &[ColumnSpec]) -> Option<&'static str> {
    let name = raw.trim().to_lowercase();
    spec.iter().find(|c| c.name == name).map(|c| c.name).or_else(|| aliases::column_for(raw, spec))
}

/// W106, suggesting the contract column (or the bureau's name for it) a misspelt header
/// most likely means.
fn unknown_column(raw: &str, name: &str, spec: &[ColumnSpec], file: &str) -> Finding {
    let text = if !name.is_ascii() {
        match aliases::closest(raw, spec) {
            Some((alias, c)) => Text::new("W106.alias").arg("col", c).arg("alias", alias),
            None => Text::new("W106.local"),
        }
    } else {
        match closest_column(name, spec) {
            Some(c) => Text::new("W106.close").arg("col", c),
            None => Text::new("W106.list").both(
                "list",
                spec.iter().map(|c| c.name).collect::<Vec<_>>().join(", "),
                spec.iter().map(|c| aliases::local_name(c.name, spec).unwrap_or(c.name)).collect::<Vec<_>>().join("、"),
            ),
        }
    };
    Finding::new(file, text.arg("v", quoted(raw)))
}

/// The contract column a header most likely means: the same words with other separators,
/// or at most two letters different.
fn closest_column(name: &str, spec: &[ColumnSpec]) -> Option<&'static str> {
    let normalised: String = name.chars().map(|c| if c == ' ' || c == '-' || c == '.' { '_' } else { c }).collect();
    spec.iter()
        .map(|c| (c.name, if c.name == normalised { 0 } else { edit_distance(c.name, name) }))
        .filter(|&(_, d)| d <= 2)
        .min_by_key(|&(_, d)| d)
        .map(|(c, _)| c)
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::table::{opt, req};

    const SPEC: &[ColumnSpec] = &[req("school_id"), req("students"), opt("name")];

    #[test]
    fn misspelt_header_gets_a_suggestion() {
        assert_eq!(closest_column("school id", SPEC), Some("school_id"));
        assert_eq!(closest_column("studnets", SPEC), Some("students"));
        assert_eq!(closest_column("principal", SPEC), None);
    }
}
