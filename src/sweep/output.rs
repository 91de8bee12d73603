//! The files of a sweep's output directory, rendered from rows:
//!
//! - `results.csv`: one header line, then one line per variant in variant order;
//! - `results.json`: `{"scenario":...,"rows":[` on the first line, one row per line, `]}`;
//! - `timings.csv`: seconds per variant (kept apart: the clock differs on every run);
//! - `sweep.json`: the manifest (scenario, fingerprint, variants, shard, parameters).
//!
//! One line per row is what lets `merge` splice shards without re-reading numbers, so a
//! merged table is byte for byte the one an unsharded run writes.

use super::results::{csv_cells, csv_header, csv_record, json_line, timings_line, TIMINGS_HEADER};
use super::run::SweepResults;
use super::shard::Shard;
use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const RESULTS_CSV: &str = "results.csv";
pub const RESULTS_JSON: &str = "results.json";
pub const TIMINGS_CSV: &str = "timings.csv";
pub const MANIFEST: &str = "sweep.json";

/// sweep.json: what a directory holds, so that merge can refuse shards that do not belong
/// together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub rotaplan: String,
    pub scenario: String,
    pub fingerprint: String,
    /// Variants in the whole sweep.
    pub variants: usize,
    /// `i/n`: which shard the rows are; `1/1` for a whole (or merged) sweep.
    pub shard: String,
    pub parameters: Vec<String>,
}

impl Manifest {
    pub fn of(r: &SweepResults) -> Manifest {
        Manifest {
            rotaplan: env!("CARGO_PKG_VERSION").to_string(),
            scenario: r.scenario.clone(),
            fingerprint: r.fingerprint.clone(),
            variants: r.variants,
            shard: r.shard.to_string(),
            parameters: r.parameters.clone(),
        }
    }

    /// The same sweep, shard aside.
    pub fn same_sweep(&self, other: &Manifest) -> bool {
        Manifest { shard: String::new(), ..self.clone() } == Manifest { shard: String::new(), ..other.clone() }
    }
}

/// The rows of one file, each a line without its newline, with its variant number.
pub struct Lines {
    pub csv: Vec<(usize, Vec<u8>)>,
    pub json: Vec<(usize, String)>,
    pub timings: Vec<(usize, Vec<u8>)>,
}

/// The first line of results.json (the whole sweep's header, no shard in it).
pub fn json_head(m: &Manifest) -> String {
    #[derive(Serialize)]
    struct Head<'a> {
        scenario: &'a str,
        fingerprint: &'a str,
        variants: usize,
        parameters: &'a [String],
    }
    let head =
        Head { scenario: &m.scenario, fingerprint: &m.fingerprint, variants: m.variants, parameters: &m.parameters };
    let text = serde_json::to_string(&head).unwrap_or_else(|_| "{}".into());
    format!("{},\"rows\":[", text.trim_end_matches('}'))
}

/// The four files of a directory, from a manifest and rows already in variant order.
pub fn render(m: &Manifest, rows: &Lines) -> Result<Vec<(&'static str, Vec<u8>)>> {
    let mut csv = csv_record(&csv_header(&m.parameters));
    rows.csv.iter().for_each(|(_, l)| csv.extend_from_slice(l));
    let mut json = json_head(m);
    json.push('\n');
    for (i, (_, line)) in rows.json.iter().enumerate() {
        json.push_str(line);
        json.push_str(if i + 1 < rows.json.len() { ",\n" } else { "\n" });
    }
    json.push_str("]}\n");
    let mut timings = TIMINGS_HEADER.as_bytes().to_vec();
    rows.timings.iter().for_each(|(_, l)| timings.extend_from_slice(l));
    let mut manifest = serde_json::to_vec_pretty(m)?;
    manifest.push(b'\n');
    Ok(vec![(RESULTS_CSV, csv), (RESULTS_JSON, json.into_bytes()), (TIMINGS_CSV, timings), (MANIFEST, manifest)])
}

/// Writes a sweep's (or a shard's) output directory; each file atomically.
pub fn write_results(dir: &Path, r: &SweepResults) -> Result<()> {
    let lines = Lines {
        csv: r.rows.iter().map(|row| (row.variant, csv_record(&csv_cells(row)))).collect(),
        json: r.rows.iter().map(|row| (row.variant, json_line(row))).collect(),
        timings: r.rows.iter().map(|row| (row.variant, timings_line(row))).collect(),
    };
    write_dir(dir, &Manifest::of(r), &lines)
}

pub(crate) fn write_dir(dir: &Path, m: &Manifest, lines: &Lines) -> Result<()> {
    let files: Vec<(std::path::PathBuf, Vec<u8>)> =
        render(m, lines)?.into_iter().map(|(name, bytes)| (dir.join(name), bytes)).collect();
    crate::io::atomic::write_all_atomic(&files)
}

/// The default output directory: `sweep-NAME`, or `sweep-NAME-shard-I-of-N`.
pub fn default_dir(scenario: &str, shard: Shard) -> std::path::PathBuf {
    let name: String =
        scenario.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    if shard == Shard::WHOLE {
        format!("sweep-{name}").into()
    } else {
        format!("sweep-{name}-shard-{}-of-{}", shard.index, shard.count).into()
    }
}
