//! The scenario file (TOML): base county and policy, policy overrides, data transforms and
//! the parameter grid. Parsing checks everything that can be checked without the county,
//! and names the key of every problem; `docs/sweeps.md` is the reference.

use super::grid::Grid;
use super::overrides::flatten;
use crate::findings::{Finding, Findings, InvalidInput};
use crate::model::Formulation;
use anyhow::Result;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Code of a problem in a scenario file (syntax, unknown key, bad value).
pub const E_SCENARIO: &str = "E160";
/// Code of a problem found when a variant's policy or transforms are resolved.
pub const E_VARIANT: &str = "E161";

/// A parsed scenario, ready to expand into variants.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    pub description: String,
    /// The scenario file; relative paths in it start from its folder.
    pub file: PathBuf,
    pub base: Base,
    /// The base policy as a TOML table (overrides are set on it by dotted key).
    pub policy_table: toml::Table,
    /// Where the base policy came from, for messages.
    pub policy_source: String,
    /// The fixed overrides of `[policy]`, as (dotted key, value), sorted by key.
    pub policy_overrides: Vec<(String, toml::Value)>,
    /// The `[[transform]]` tables in file order, applied in that order.
    pub transforms: Vec<toml::Table>,
    pub grid: Grid,
    /// Wall-clock seconds per variant.
    pub time_limit: f64,
    pub gap: f64,
    /// Branch-and-bound nodes per search (`[solve] node_limit`): a work budget.
    pub node_limit: Option<u64>,
    /// As `plan --formulation`: aggregated (the default) or plain.
    pub formulation: Formulation,
    /// Hash of the scenario and base policy texts: shards of different files never merge.
    pub fingerprint: String,
}

/// The county every variant starts from.
#[derive(Debug, Clone, PartialEq)]
pub enum Base {
    /// A county data directory.
    Dir(PathBuf),
    /// A synthetic county; without a fixed seed each variant's seed draws it.
    Generate { schools: usize, seed: Option<u64> },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    name: String,
    #[serde(default)]
    description: String,
    base: BaseFile,
    #[serde(default)]
    solve: SolveFile,
    #[serde(default)]
    policy: toml::Table,
    #[serde(default)]
    transform: Vec<toml::Table>,
    #[serde(default)]
    grid: toml::Table,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BaseFile {
    county: Option<PathBuf>,
    generate: Option<GenerateFile>,
    policy: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GenerateFile {
    schools: usize,
    seed: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SolveFile {
    #[serde(default = "default_time_limit")]
    time_limit: f64,
    #[serde(default = "default_gap")]
    gap: f64,
    formulation: Option<String>,
    /// Branch-and-bound nodes per search: a work budget that makes rows cut short the
    /// same on every machine.
    node_limit: Option<u64>,
}

impl Default for SolveFile {
    fn default() -> Self {
        SolveFile { time_limit: default_time_limit(), gap: default_gap(), formulation: None, node_limit: None }
    }
}

fn default_time_limit() -> f64 {
    60.0
}

fn default_gap() -> f64 {
    1e-4
}

/// Reads and parses a scenario file.
pub fn load_scenario(path: &Path) -> Result<Scenario> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        invalid(vec![finding(
            path,
            None,
            format!("cannot read the scenario file: {e}"),
            "give the path of a .toml file",
        )])
    })?;
    parse_scenario(&text, path)
}

/// Parses scenario text; `file` locates relative paths and names the file in findings.
pub fn parse_scenario(text: &str, file: &Path) -> Result<Scenario> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: File = toml::from_str(text).map_err(|e| invalid(vec![syntax(text, file, &e)]))?;
    let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut problems = Vec::new();
    let mut bad = |field: &str, message: String, fix: &str| problems.push(finding(file, Some(field), message, fix));
    if raw.name.trim().is_empty() {
        bad("name", "the scenario name is empty".into(), "name it, e.g. name = \"town-growth\"");
    }
    let base = match (&raw.base.county, &raw.base.generate) {
        (Some(c), None) => Base::Dir(dir.join(c)),
        (None, Some(g)) if (2..=20_000).contains(&g.schools) => Base::Generate { schools: g.schools, seed: g.seed },
        (None, Some(g)) => {
            bad("base.generate.schools", format!("{} schools is outside 2 to 20000", g.schools), "use 2 to 20000");
            Base::Generate { schools: 2, seed: g.seed }
        }
        _ => {
            bad("base", "give exactly one of base.county and base.generate".into(), "see docs/sweeps.md");
            Base::Generate { schools: 2, seed: None }
        }
    };
    if !(raw.solve.time_limit > 0.0 && raw.solve.time_limit.is_finite()) {
        bad("solve.time_limit", format!("{} is not a positive number of seconds", raw.solve.time_limit), "e.g. 60");
    }
    if raw.solve.node_limit == Some(0) {
        bad("solve.node_limit", "0 leaves no node to search".into(), "at least 1, e.g. 1000");
    }
    if !(0.0..1.0).contains(&raw.solve.gap) {
        bad("solve.gap", format!("{} is outside 0 to 1", raw.solve.gap), "a relative gap such as 1e-4");
    }
    let formulation = match raw.solve.formulation.as_deref() {
        None => Formulation::default(),
        Some("aggregated") => Formulation::Aggregated,
        Some("plain") => Formulation::Plain,
        Some(other) => {
            bad("solve.formulation", format!("unknown value \"{other}\""), "use aggregated or plain");
            Formulation::default()
        }
    };
    let ids = transform_ids(&raw.transform, &mut bad);
    let grid = match Grid::parse(&raw.grid) {
        Ok(g) => g,
        Err(errs) => {
            errs.into_iter().for_each(|(k, m)| bad(&k, m, "see the grid section of docs/sweeps.md"));
            Grid::default()
        }
    };
    for p in &grid.params {
        if let Err(m) = check_grid_key(&p.key, &ids) {
            bad(&format!("grid.{}", p.key), m, "grid keys are policy.KEY or transform.ID.FIELD");
        }
    }
    let (policy_table, policy_source, policy_text) = base_policy(raw.base.policy.as_ref().map(|p| dir.join(p)))?;
    let policy_overrides = flatten(&raw.policy);
    if !problems.is_empty() {
        return Err(invalid(problems));
    }
    Ok(Scenario {
        name: raw.name.trim().to_string(),
        description: raw.description,
        file: file.to_path_buf(),
        base,
        policy_table,
        policy_source,
        policy_overrides,
        transforms: raw.transform,
        grid,
        time_limit: raw.solve.time_limit,
        gap: raw.solve.gap,
        node_limit: raw.solve.node_limit,
        formulation,
        fingerprint: format!("{:016x}", crate::io::fnv1a(&[text.as_bytes(), b"\0", policy_text.as_bytes()])),
    })
}

/// The ids of the transforms; each must have a `kind`, and ids must be unique.
fn transform_ids(transforms: &[toml::Table], bad: &mut impl FnMut(&str, String, &str)) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for (i, t) in transforms.iter().enumerate() {
        let at = format!("transform[{}]", i + 1);
        if !matches!(t.get("kind"), Some(toml::Value::String(_))) {
            bad(&at, "a transform needs a kind".into(), super::transforms::KINDS_HELP);
        }
        match t.get("id") {
            Some(toml::Value::String(id)) if !ids.insert(id.clone()) => {
                bad(&format!("{at}.id"), format!("id \"{id}\" is used twice"), "give each transform its own id")
            }
            Some(toml::Value::String(_)) | None => {}
            Some(_) => bad(&format!("{at}.id"), "an id is a text in quotes".into(), "e.g. id = \"town\""),
        }
    }
    ids
}

/// A grid key addresses a policy key or a field of a transform with an id.
fn check_grid_key(key: &str, ids: &BTreeSet<String>) -> Result<(), String> {
    if let Some(rest) = key.strip_prefix("policy.") {
        return if rest.is_empty() { Err(format!("\"{key}\" names no policy key")) } else { Ok(()) };
    }
    let Some(rest) = key.strip_prefix("transform.") else {
        return Err(format!("\"{key}\" is neither policy.KEY nor transform.ID.FIELD"));
    };
    match rest.split_once('.') {
        Some((id, field)) if ids.contains(id) && !field.is_empty() && field != "kind" && field != "id" => Ok(()),
        Some((id, _)) if !ids.contains(id) => Err(format!("\"{key}\": no transform has id \"{id}\"")),
        _ => Err(format!("\"{key}\" names no field of a transform")),
    }
}

/// The base policy as a TOML table, where it came from, and its text.
fn base_policy(path: Option<PathBuf>) -> Result<(toml::Table, String, String)> {
    let (text, source) = match &path {
        None => (crate::io::policy::NATIONAL_2014.to_string(), "models/national-2014.toml".to_string()),
        Some(p) => {
            // The policy reader gives every problem with its line; use it before anything else.
            crate::io::load_policy(Some(p)).map_err(InvalidInput)?;
            let text = std::fs::read_to_string(p)?;
            (text.strip_prefix('\u{feff}').unwrap_or(&text).to_string(), p.display().to_string())
        }
    };
    let table: toml::Table = toml::from_str(&text).map_err(|e| anyhow::anyhow!("{source}: {e}"))?;
    Ok((table, source, text))
}

fn finding(file: &Path, field: Option<&str>, message: String, fix: &str) -> Finding {
    let f = Finding::error(E_SCENARIO, &file.display().to_string(), message, fix);
    match field {
        Some(k) => f.at_field(k),
        None => f,
    }
}

fn invalid(items: Vec<Finding>) -> anyhow::Error {
    InvalidInput(Findings { items }).into()
}

/// A TOML error with its line and column.
fn syntax(text: &str, file: &Path, e: &toml::de::Error) -> Finding {
    let message = super::overrides::clean(e.message());
    let mut f = finding(file, None, message, "see docs/sweeps.md for every key of a scenario file");
    if let Some(span) = e.span() {
        let start = (0..=span.start.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let before = &text[..start];
        f.line = Some(1 + before.matches('\n').count() as u64);
        f.column = Some(1 + before.rsplit('\n').next().unwrap_or_default().chars().count());
    }
    f
}
