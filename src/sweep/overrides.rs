//! Setting keys by dotted name on a TOML table: how a scenario changes a policy or a
//! transform without rotaplan listing every key by hand. A policy is rebuilt from its
//! TOML with serde (which rejects unknown keys) and range-checked with
//! [`Policy::range_errors`], exactly as a policy file is.

use crate::domain::Policy;
use crate::report::i18n::say;
use toml::{Table, Value};

/// The leaves of a table as (dotted key, value), sorted by key. `[policy]` may write
/// `exchange.share = 0.15` (nested tables) or `"exchange.share" = 0.15` (one quoted key).
pub fn flatten(table: &Table) -> Vec<(String, Value)> {
    fn walk(prefix: &str, table: &Table, out: &mut Vec<(String, Value)>) {
        for (k, v) in table {
            let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
            match v {
                Value::Table(t) => walk(&key, t, out),
                leaf => out.push((key, leaf.clone())),
            }
        }
    }
    let mut out = Vec::new();
    walk("", table, &mut out);
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Sets the dotted `key` of `table` to `value`, creating missing tables. A whole number
/// given where the table holds a decimal becomes a decimal (`share = 0` means 0.0).
pub fn set_dotted(table: &mut Table, key: &str, value: Value) -> Result<(), String> {
    let parts: Vec<&str> = key.split('.').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err(say(
            format!("\"{key}\" is not a dotted key (an empty part)"),
            format!("“{key}”不是有效的点分键（有空的部分）"),
        ));
    }
    let (leaf, path) = parts.split_last().ok_or_else(|| say(format!("\"{key}\" is empty"), format!("“{key}”为空")))?;
    let mut here = table;
    for (i, part) in path.iter().enumerate() {
        let entry = here.entry(part.to_string()).or_insert_with(|| Value::Table(Table::new()));
        here = match entry {
            Value::Table(t) => t,
            _ => {
                let part = parts[..=i].join(".");
                return Err(say(
                    format!("\"{key}\": \"{part}\" is a value, not a table of keys"),
                    format!("“{key}”：“{part}”是一个值，不是键的表"),
                ));
            }
        };
    }
    let value = match (here.get(*leaf), value) {
        (Some(Value::Float(_)), Value::Integer(i)) => Value::Float(i as f64),
        (Some(Value::Table(_)), v) if !v.is_table() => {
            return Err(say(
                format!("\"{key}\" is a table of keys; set one of its keys instead"),
                format!("“{key}”是键的表；请改为设置其中的某个键"),
            ))
        }
        (_, v) => v,
    };
    here.insert(leaf.to_string(), value);
    Ok(())
}

/// Whether the dotted `key` exists in `table`.
pub fn has_dotted(table: &Table, key: &str) -> bool {
    let mut here = table;
    let mut parts = key.split('.').peekable();
    while let Some(part) = parts.next() {
        match (here.get(part), parts.peek()) {
            (Some(_), None) => return true,
            (Some(Value::Table(t)), Some(_)) => here = t,
            _ => return false,
        }
    }
    false
}

/// The policy `base` with `overrides` set, read by serde and range-checked. Each error
/// names the key it is about.
pub fn build_policy(base: &Table, overrides: &[(String, Value)]) -> Result<Policy, Vec<String>> {
    let mut errs = Vec::new();
    let mut table = base.clone();
    for (key, value) in overrides {
        if let Err(m) = set_dotted(&mut table, key, value.clone()) {
            errs.push(say(format!("policy key {m}"), format!("政策键 {m}")));
            continue;
        }
        // A key the base file does not have may be optional or a typo: try it alone, so
        // that serde's "unknown field" can be pinned on this key.
        if !has_dotted(base, key) {
            let mut alone = base.clone();
            let _ = set_dotted(&mut alone, key, value.clone());
            if let Err(e) = Value::Table(alone).try_into::<Policy>() {
                let m = clean(&e.to_string());
                errs.push(say(format!("policy key \"{key}\": {m}"), format!("政策键“{key}”：{m}")));
            }
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let policy: Policy = Value::Table(table).try_into().map_err(|e: toml::de::Error| {
        let keys: Vec<&str> = overrides.iter().map(|(k, _)| k.as_str()).collect();
        let (keys, m) = (keys.join(", "), clean(&e.to_string()));
        vec![say(format!("policy with {keys}: {m}"), format!("设置 {keys} 后的政策：{m}"))]
    })?;
    let range: Vec<String> = policy.range_errors().into_iter().map(|(_, m)| m).collect();
    if range.is_empty() {
        Ok(policy)
    } else {
        Err(range)
    }
}

/// serde's words for someone who edits TOML by hand, on one line, in the run's language.
pub fn clean(message: &str) -> String {
    let (en, zh) = crate::report::i18n::toml_words::words(message);
    say(en, zh)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Table {
        toml::from_str(crate::io::policy::NATIONAL_2014).unwrap()
    }

    #[test]
    fn sets_a_nested_key_and_keeps_decimals() {
        let p = build_policy(&base(), &[("exchange.share".into(), Value::Integer(0))]).unwrap();
        assert_eq!(p.exchange.share, 0.0);
        let p = build_policy(&base(), &[("pay.allowance_budget_monthly".into(), Value::Float(5e4))]).unwrap();
        assert_eq!(p.pay.allowance_budget_monthly, Some(5e4));
    }

    #[test]
    fn unknown_and_out_of_range_keys_are_named() {
        let errs = build_policy(&base(), &[("exchange.shar".into(), Value::Float(0.2))]).unwrap_err();
        assert!(errs[0].contains("exchange.shar") && errs[0].contains("unknown key"), "{errs:?}");
        let errs = build_policy(&base(), &[("exchange.share".into(), Value::Float(1.5))]).unwrap_err();
        assert!(errs[0].contains("exchange.share") && errs[0].contains("0 to 1"), "{errs:?}");
        let errs = build_policy(&base(), &[("exchange.share.x".into(), Value::Float(1.5))]).unwrap_err();
        assert!(errs[0].contains("not a table"), "{errs:?}");
    }

    #[test]
    fn flatten_reads_both_spellings() {
        let t: Table = toml::from_str("exchange.share = 0.2\n\"pay.tolerance\" = 0.3").unwrap();
        let keys: Vec<String> = flatten(&t).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, vec!["exchange.share", "pay.tolerance"]);
    }
}
