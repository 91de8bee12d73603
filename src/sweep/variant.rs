//! One variant made concrete: its policy (base, `[policy]` overrides, then the grid's
//! `policy.*` values) and its transforms (with the grid's `transform.ID.*` values set),
//! then its county (the base county, or a synthetic one, with the transforms applied).

use super::grid::Variant;
use super::overrides::{build_policy, set_dotted};
use super::scenario::{Base, Scenario};
use super::transforms::Transform;
use crate::domain::{County, Policy};
use crate::generate::{generate_with_policy, GenerateOptions};
use crate::report::i18n::say;
use anyhow::{Context, Result};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use toml::Value;

/// A variant's policy and transforms, known before any county is read.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub policy: Policy,
    pub transforms: Vec<Transform>,
}

/// Resolves a variant; every error names the key it is about.
pub fn resolve(scenario: &Scenario, variant: &Variant) -> Result<Resolved, Vec<String>> {
    let mut overrides = scenario.policy_overrides.clone();
    let mut tables = scenario.transforms.clone();
    let mut errs = Vec::new();
    for (param, value) in scenario.grid.params.iter().zip(&variant.values) {
        if let Some(key) = param.key.strip_prefix("policy.") {
            overrides.retain(|(k, _)| k != key);
            overrides.push((key.to_string(), value.clone()));
        } else if let Some((id, field)) = param.key.strip_prefix("transform.").and_then(|r| r.split_once('.')) {
            match tables.iter_mut().find(|t| t.get("id").and_then(Value::as_str) == Some(id)) {
                Some(t) => {
                    if let Err(m) = set_dotted(t, field, value.clone()) {
                        errs.push(say(format!("grid.{}: {m}", param.key), format!("grid.{}：{m}", param.key)));
                    }
                }
                None => errs.push(say(
                    format!("grid.{}: no transform has id \"{id}\"", param.key),
                    format!("grid.{}：没有 id 为“{id}”的变换", param.key),
                )),
            }
        }
    }
    let policy = build_policy(&scenario.policy_table, &overrides);
    let transforms: Vec<Result<Transform, String>> =
        tables.iter().enumerate().map(|(i, t)| Transform::parse(t, &label(i, t))).collect();
    let policy = match policy {
        Ok(p) => Some(p),
        Err(e) => {
            errs.extend(e);
            None
        }
    };
    let transforms: Vec<Transform> = transforms.into_iter().filter_map(|t| t.map_err(|m| errs.push(m)).ok()).collect();
    match policy {
        Some(policy) if errs.is_empty() => Ok(Resolved { policy, transforms }),
        _ => Err(errs),
    }
}

/// `transform "town"` or `transform 2`, for messages.
pub fn label(position: usize, table: &toml::Table) -> String {
    match table.get("id").and_then(Value::as_str) {
        Some(id) => say(format!("transform \"{id}\""), format!("变换“{id}”")),
        None => say(format!("transform {}", position + 1), format!("第 {} 个变换", position + 1)),
    }
}

/// The variant's county and final policy: a copy of `base` (or a synthetic county drawn
/// with the variant's seed) with every transform applied in order. Each transform draws
/// from its own random stream of the seed, so adding one leaves the others' draws alone.
pub fn build(
    scenario: &Scenario,
    resolved: &Resolved,
    base: Option<&County>,
    seed: u64,
    tables: &[toml::Table],
) -> Result<(County, Policy)> {
    let mut county = match (&scenario.base, base) {
        (_, Some(c)) => c.clone(),
        (Base::Generate { schools, seed: fixed }, None) => {
            let national = crate::io::load_policy(None).map_err(crate::findings::InvalidInput)?;
            generate_with_policy(&GenerateOptions { schools: *schools, seed: fixed.unwrap_or(seed) }, &national)
        }
        (Base::Dir(dir), None) => {
            let dir = dir.display();
            anyhow::bail!(say(format!("the base county {dir} was not loaded"), format!("未能读入基础县域 {dir}")))
        }
    };
    let mut policy = resolved.policy.clone();
    for (i, t) in resolved.transforms.iter().enumerate() {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(i as u64 + 1);
        let name = tables
            .get(i)
            .map_or_else(|| say(format!("transform {}", i + 1), format!("第 {} 个变换", i + 1)), |t| label(i, t));
        t.apply(&mut county, &mut policy, &mut rng, i).with_context(|| name)?;
    }
    let none_left = || say("the transforms leave no school in the county".into(), "变换后县域中没有学校了".into());
    anyhow::ensure!(!county.schools.is_empty(), none_left());
    Ok((county, policy))
}
