//! The scenario file (TOML): base county and policy, policy overrides, data transforms and
//! the parameter grid. Parsing checks everything that can be checked without the county,
//! and names the key of every problem; `docs/sweeps.md` is the reference.

use super::grid::Grid;
use super::overrides::flatten;
use crate::findings::{Finding, Findings, InvalidInput};
use crate::model::Formulation;
use crate::report::i18n::files::os_error;
use crate::report::i18n::say;
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
            say(format!("cannot read the scenario file: {e}"), format!("无法读取情景文件：{}", os_error(&e))),
            &say("give the path of a .toml file".into(), "请给出一个 .toml 文件的路径".into()),
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
    let mut bad = |field: &str, message: String, fix: String| problems.push(finding(file, Some(field), message, &fix));
    let t = |en: &str, zh: &str| say(en.into(), zh.into());
    if raw.name.trim().is_empty() {
        bad(
            "name",
            t("the scenario name is empty", "情景名称为空"),
            t("name it, e.g. name = \"town-growth\"", "请命名，如 name = \"town-growth\""),
        );
    }
    let base = match (&raw.base.county, &raw.base.generate) {
        (Some(c), None) => Base::Dir(dir.join(c)),
        (None, Some(g)) if (2..=20_000).contains(&g.schools) => Base::Generate { schools: g.schools, seed: g.seed },
        (None, Some(g)) => {
            let n = g.schools;
            bad(
                "base.generate.schools",
                say(format!("{n} schools is outside 2 to 20000"), format!("{n} 所学校超出 2 到 20000 的范围")),
                t("use 2 to 20000", "请用 2 到 20000"),
            );
            Base::Generate { schools: 2, seed: g.seed }
        }
        _ => {
            bad(
                "base",
                t("give exactly one of base.county and base.generate", "base.county 和 base.generate 须且只能给出一个"),
                t("see docs/sweeps.md", "见 docs/sweeps.md"),
            );
            Base::Generate { schools: 2, seed: None }
        }
    };
    if !(raw.solve.time_limit > 0.0 && raw.solve.time_limit.is_finite()) {
        let s = raw.solve.time_limit;
        bad(
            "solve.time_limit",
            say(format!("{s} is not a positive number of seconds"), format!("{s} 不是正的秒数")),
            t("e.g. 60", "如 60"),
        );
    }
    if raw.solve.node_limit == Some(0) {
        bad(
            "solve.node_limit",
            t("0 leaves no node to search", "为 0 时无节点可搜索"),
            t("at least 1, e.g. 1000", "至少为 1，如 1000"),
        );
    }
    if !(0.0..1.0).contains(&raw.solve.gap) {
        let g = raw.solve.gap;
        bad(
            "solve.gap",
            say(format!("{g} is outside 0 to 1"), format!("{g} 超出 0 到 1 的范围")),
            t("a relative gap such as 1e-4", "相对间隙，如 1e-4"),
        );
    }
    let formulation = match raw.solve.formulation.as_deref() {
        None => Formulation::default(),
        Some("aggregated") => Formulation::Aggregated,
        Some("plain") => Formulation::Plain,
        Some(other) => {
            bad(
                "solve.formulation",
                say(format!("unknown value \"{other}\""), format!("不认识的值“{other}”")),
                t("use aggregated or plain", "可用 aggregated 或 plain"),
            );
            Formulation::default()
        }
    };
    let ids = transform_ids(&raw.transform, &mut bad);
    let grid = match Grid::parse(&raw.grid) {
        Ok(g) => g,
        Err(errs) => {
            errs.into_iter().for_each(|(k, m)| {
                bad(&k, m, t("see the grid section of docs/sweeps.md", "见 docs/sweeps.md 的 grid 一节"))
            });
            Grid::default()
        }
    };
    for p in &grid.params {
        if let Err(m) = check_grid_key(&p.key, &ids) {
            bad(
                &format!("grid.{}", p.key),
                m,
                t("grid keys are policy.KEY or transform.ID.FIELD", "grid 的键写作 policy.键 或 transform.ID.字段"),
            );
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
fn transform_ids(transforms: &[toml::Table], bad: &mut impl FnMut(&str, String, String)) -> BTreeSet<String> {
    let t = |en: &str, zh: &str| say(en.into(), zh.into());
    let mut ids = BTreeSet::new();
    for (i, table) in transforms.iter().enumerate() {
        let at = format!("transform[{}]", i + 1);
        if !matches!(table.get("kind"), Some(toml::Value::String(_))) {
            bad(&at, t("a transform needs a kind", "变换缺少 `kind`"), super::transforms::kinds_help());
        }
        match table.get("id") {
            Some(toml::Value::String(id)) if !ids.insert(id.clone()) => {
                let twice = say(format!("id \"{id}\" is used twice"), format!("id“{id}”用了两次"));
                bad(&format!("{at}.id"), twice, t("give each transform its own id", "每个变换用各自的 id"))
            }
            Some(toml::Value::String(_)) | None => {}
            Some(_) => bad(
                &format!("{at}.id"),
                t("an id is a text in quotes", "id 是加引号的文字"),
                t("e.g. id = \"town\"", "如 id = \"town\""),
            ),
        }
    }
    ids
}

/// A grid key addresses a policy key or a field of a transform with an id.
fn check_grid_key(key: &str, ids: &BTreeSet<String>) -> Result<(), String> {
    if let Some(rest) = key.strip_prefix("policy.") {
        let none = || say(format!("\"{key}\" names no policy key"), format!("“{key}”没有指明政策键"));
        return if rest.is_empty() { Err(none()) } else { Ok(()) };
    }
    let Some(rest) = key.strip_prefix("transform.") else {
        return Err(say(
            format!("\"{key}\" is neither policy.KEY nor transform.ID.FIELD"),
            format!("“{key}”既不是 policy.键，也不是 transform.ID.字段"),
        ));
    };
    match rest.split_once('.') {
        Some((id, field)) if ids.contains(id) && !field.is_empty() && field != "kind" && field != "id" => Ok(()),
        Some((id, _)) if !ids.contains(id) => {
            Err(say(format!("\"{key}\": no transform has id \"{id}\""), format!("“{key}”：没有 id 为“{id}”的变换")))
        }
        _ => Err(say(format!("\"{key}\" names no field of a transform"), format!("“{key}”没有指明变换的字段"))),
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
    let fix =
        say("see docs/sweeps.md for every key of a scenario file".into(), "情景文件的全部键见 docs/sweeps.md".into());
    let mut f = finding(file, None, message, &fix);
    if let Some(span) = e.span() {
        let start = (0..=span.start.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let before = &text[..start];
        f.line = Some(1 + before.matches('\n').count() as u64);
        f.column = Some(1 + before.rsplit('\n').next().unwrap_or_default().chars().count());
    }
    f
}
