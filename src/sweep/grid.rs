//! The parameter grid: a list or a range of values per parameter, their cartesian product,
//! and the seeds. Variants are numbered from 1 in a fixed order (parameters in the
//! alphabetical order of their keys, the last varying fastest, then the seed fastest of
//! all), so that a variant's number means the same thing on every machine and shard.

use crate::report::i18n::say;
use toml::Value;

/// Largest number of variants a scenario may ask for, to catch a range with a tiny step.
pub const MAX_VARIANTS: usize = 1_000_000;

/// One parameter of the grid and its values, in the order given.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// `policy.DOTTED.KEY` or `transform.ID.FIELD`.
    pub key: String,
    pub values: Vec<Value>,
}

/// The parameters (sorted by key) and the seeds.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub params: Vec<Param>,
    pub seeds: Vec<u64>,
}

impl Default for Grid {
    fn default() -> Self {
        Grid { params: Vec::new(), seeds: vec![1] }
    }
}

/// One point of the grid with one seed.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// 1-based number of the variant in the whole sweep.
    pub index: usize,
    pub seed: u64,
    /// One value per [`Grid::params`] entry.
    pub values: Vec<Value>,
}

impl Grid {
    /// Parses `[grid]`: each key is a parameter with a list, a range `{ from, to, step }`
    /// or a single value; `seeds` is a list or a range of whole numbers (default `[1]`).
    /// Errors are (key, message).
    pub fn parse(table: &toml::Table) -> Result<Grid, Vec<(String, String)>> {
        let mut errs = Vec::new();
        let mut grid = Grid::default();
        let mut keys: Vec<&String> = table.keys().collect();
        keys.sort();
        for key in keys {
            let at = format!("grid.{key}");
            let value = &table[key];
            if key == "seeds" {
                match seeds(value) {
                    Ok(s) => grid.seeds = s,
                    Err(m) => errs.push((at, m)),
                }
                continue;
            }
            match values(value) {
                Ok(values) => grid.params.push(Param { key: key.clone(), values }),
                Err(m) => errs.push((at, m)),
            }
        }
        if errs.is_empty() && grid.checked_len().is_none() {
            errs.push((
                "grid".into(),
                say(
                    format!("the grid has more than {MAX_VARIANTS} variants"),
                    format!("网格的变体超过 {MAX_VARIANTS} 个"),
                ),
            ));
        }
        if errs.is_empty() {
            Ok(grid)
        } else {
            Err(errs)
        }
    }

    /// Number of variants: the product of the parameters' value counts, times the seeds.
    pub fn len(&self) -> usize {
        self.checked_len().unwrap_or(MAX_VARIANTS)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn checked_len(&self) -> Option<usize> {
        let n = self.params.iter().try_fold(self.seeds.len(), |n, p| n.checked_mul(p.values.len()))?;
        (n <= MAX_VARIANTS).then_some(n)
    }

    /// The variant with 1-based number `index` (`1..=len()`). A grid built by hand with
    /// an empty list (which [`Grid::parse`] refuses) reads it as seed 1 or `false`.
    pub fn variant(&self, index: usize) -> Variant {
        let mut rest = index.saturating_sub(1);
        let n = self.seeds.len().max(1);
        let seed = self.seeds.get(rest % n).copied().unwrap_or(1);
        rest /= n;
        let mut values = vec![Value::Boolean(false); self.params.len()];
        for (slot, p) in values.iter_mut().zip(&self.params).rev() {
            let n = p.values.len().max(1);
            if let Some(v) = p.values.get(rest % n) {
                *slot = v.clone();
            }
            rest /= n;
        }
        Variant { index, seed, values }
    }
}

/// A parameter's values: a non-empty list, a range table, or one value.
fn values(value: &Value) -> Result<Vec<Value>, String> {
    match value {
        Value::Array(a) if a.is_empty() => Err(say("the list of values is empty".into(), "取值列表为空".into())),
        Value::Array(a) => Ok(a.clone()),
        Value::Table(t) => range(t),
        v => Ok(vec![v.clone()]),
    }
}

/// `{ from, to, step }`, both ends included. Whole numbers stay whole; decimals are
/// rounded to 10 places so that 0.1 + 0.05 prints as 0.15 in the results.
fn range(t: &toml::Table) -> Result<Vec<Value>, String> {
    if let Some(k) = t.keys().find(|k| !["from", "to", "step"].contains(&k.as_str())) {
        return Err(say(
            format!("unknown key \"{k}\" in a range; a range is {{ from = A, to = B, step = C }}"),
            format!("范围中有未知的键“{k}”；范围写作 {{ from = A, to = B, step = C }}"),
        ));
    }
    let num = |k: &str| match t.get(k) {
        Some(Value::Integer(i)) => Ok((*i as f64, true)),
        Some(Value::Float(f)) if f.is_finite() => Ok((*f, false)),
        Some(_) => Err(say(format!("\"{k}\" of a range must be a number"), format!("范围的“{k}”必须是数"))),
        None => Err(say(
            format!("a range needs \"{k}\": {{ from = A, to = B, step = C }}"),
            format!("范围缺少“{k}”：写作 {{ from = A, to = B, step = C }}"),
        )),
    };
    let ((from, fi), (to, ti), (step, si)) = (num("from")?, num("to")?, num("step")?);
    if step <= 0.0 || to < from {
        return Err(say(
            format!("a range needs from <= to and step > 0 (got from {from}, to {to}, step {step})"),
            format!("范围须满足 from <= to 且 step > 0（现为 from {from}，to {to}，step {step}）"),
        ));
    }
    let count = ((to - from) / step + 1e-9).floor() + 1.0;
    if count > MAX_VARIANTS as f64 {
        return Err(say(
            format!("the range has more than {MAX_VARIANTS} values"),
            format!("范围的取值超过 {MAX_VARIANTS} 个"),
        ));
    }
    let whole = fi && ti && si;
    Ok((0..count as usize)
        .map(|i| {
            let x = from + i as f64 * step;
            if whole {
                Value::Integer(x.round() as i64)
            } else {
                Value::Float(format!("{x:.10}").parse().unwrap_or(x))
            }
        })
        .collect())
}

/// Seeds: a list of whole numbers >= 0, or `{ from, to }` (step 1 unless given).
fn seeds(value: &Value) -> Result<Vec<u64>, String> {
    let list = match value {
        Value::Table(t) => {
            let mut t = t.clone();
            t.entry("step").or_insert(Value::Integer(1));
            range(&t)?
        }
        Value::Array(a) if !a.is_empty() => a.clone(),
        _ => {
            return Err(say(
                "seeds is a list of whole numbers, e.g. [1, 2, 3], or { from = 1, to = 10 }".into(),
                "seeds 应为整数列表，如 [1, 2, 3]，或 { from = 1, to = 10 }".into(),
            ))
        }
    };
    list.iter()
        .map(|v| match v {
            Value::Integer(i) if *i >= 0 => Ok(*i as u64),
            other => Err(say(
                format!("seed {other} is not a whole number >= 0"),
                format!("种子 {other} 不是不小于 0 的整数"),
            )),
        })
        .collect()
}

/// A parameter value as a results cell: numbers and text as written, anything else as TOML.
pub fn cell(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Integer(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Boolean(b) => b.to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(text: &str) -> Grid {
        Grid::parse(&toml::from_str(text).unwrap()).unwrap()
    }

    #[test]
    fn product_order_is_fixed() {
        let g = grid("b = [1, 2]\na = { from = 0.1, to = 0.2, step = 0.05 }\nseeds = [7, 8]");
        assert_eq!(g.len(), 12);
        assert_eq!(g.params[0].key, "a");
        assert_eq!(g.params[0].values, vec![Value::Float(0.1), Value::Float(0.15), Value::Float(0.2)]);
        let v = g.variant(1);
        assert_eq!((v.seed, v.values.clone()), (7, vec![Value::Float(0.1), Value::Integer(1)]));
        let v = g.variant(4);
        assert_eq!((v.seed, v.values.clone()), (8, vec![Value::Float(0.1), Value::Integer(2)]));
        assert_eq!(g.variant(12).values, vec![Value::Float(0.2), Value::Integer(2)]);
    }

    #[test]
    fn whole_ranges_and_seed_ranges() {
        let g = grid("x = { from = 55, to = 60, step = 5 }\nseeds = { from = 1, to = 3 }");
        assert_eq!(g.params[0].values, vec![Value::Integer(55), Value::Integer(60)]);
        assert_eq!(g.seeds, vec![1, 2, 3]);
    }

    #[test]
    fn bad_ranges_are_named() {
        let errs = Grid::parse(&toml::from_str("x = { from = 1, to = 0, step = 1 }").unwrap()).unwrap_err();
        assert_eq!(errs[0].0, "grid.x");
        let errs = Grid::parse(&toml::from_str("seeds = [-1]").unwrap()).unwrap_err();
        assert_eq!(errs[0].0, "grid.seeds");
    }
}
