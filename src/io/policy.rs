//! Reading a policy TOML file, with the key, line and valid range of every problem.

use crate::domain::Policy;
use crate::findings::{Finding, Findings, Text};
use crate::report::i18n::{
    files::os_error_in,
    Lang::{En, Zh},
};
use std::path::Path;

/// The default policy shipped in `models/`, compiled in so `rotaplan` works from any directory.
pub const NATIONAL_2014: &str = include_str!("../../models/national-2014.toml");

/// Reads a policy file; `None` path means the built-in `national-2014`.
pub fn load_policy(path: Option<&Path>) -> Result<Policy, Findings> {
    let Some(p) = path else {
        return parse_policy(NATIONAL_2014, "models/national-2014.toml");
    };
    let file = p.display().to_string();
    let unreadable = |text: Text| {
        let mut f = Findings::default();
        f.push(Finding::new(&file, text));
        f
    };
    if p.is_dir() {
        return Err(unreadable(Text::new("E140.folder")));
    }
    let bytes = match std::fs::read(p) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(unreadable(Text::new("E140.missing"))),
        Err(e) => {
            return Err(unreadable(Text::new("E140.read").both("error", os_error_in(En, &e), os_error_in(Zh, &e))))
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_policy(text, &file),
        Err(_) => Err(unreadable(Text::new("E140.utf8"))),
    }
}

/// Parses policy text; `file` names it in findings.
pub fn parse_policy(text: &str, file: &str) -> Result<Policy, Findings> {
    let mut findings = Findings::default();
    let policy: Policy = match toml::from_str(text) {
        Ok(p) => p,
        Err(e) => {
            findings.push(syntax_finding(text, file, &e));
            return Err(findings);
        }
    };
    for (key, message) in policy.range_errors() {
        let share = message.ends_with("valid range 0 to 1") || message.ends_with("有效范围 0 到 1");
        let key_name = if share { "E142.share" } else { "E142" };
        let mut f = Finding::new(file, Text::new(key_name).arg("detail", message)).at_field(&key);
        if let Some((line, column)) = locate_key(text, &key) {
            f.line = Some(line);
            f.column = Some(column);
        }
        findings.push(f);
    }
    if findings.has_errors() {
        Err(findings)
    } else {
        Ok(policy)
    }
}

/// E141 for a TOML error, in words for someone who edits the file by hand.
fn syntax_finding(text: &str, file: &str, e: &toml::de::Error) -> Finding {
    let start =
        e.span().map_or(0, |s| (0..=s.start.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0));
    let (en, zh) = crate::report::i18n::toml_words::words(e.message());
    // The TOML reader gives no words for some characters it rejects.
    let (en, zh) = if en.is_empty() {
        match text[start..].chars().next() {
            Some(c) if c.is_control() => (
                format!("an invisible control character (U+{:04X}) is not allowed here", c as u32),
                format!("此处不允许看不见的控制字符（U+{:04X}）", c as u32),
            ),
            Some(c) => (format!("\"{c}\" is not allowed here"), format!("此处不允许 \"{c}\"")),
            None => ("the file ends in the middle of a value".to_string(), "文件在一个值的中间结束了".to_string()),
        }
    } else {
        (en, zh)
    };
    let key = if en.starts_with("unknown key") {
        "E141.unknown"
    } else if en.starts_with("missing key") {
        "E141.missing"
    } else {
        "E141"
    };
    let mut f = Finding::new(file, Text::new(key).both("detail", en, zh));
    if e.span().is_some() {
        let before = &text[..start];
        f.line = Some(1 + before.matches('\n').count() as u64);
        f.column = Some(1 + before.rsplit('\n').next().unwrap_or_default().chars().count());
        f.field = key_at(text, start);
    }
    f
}

/// The dotted key (or table) written on the line holding byte `offset`.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let mut table = String::new();
    let mut pos = 0;
    for line in text.split('\n') {
        let end = pos + line.len();
        let t = line.trim();
        let header = table_header(t);
        if let Some(h) = &header {
            table = h.clone();
        }
        if offset <= end {
            return match header {
                Some(h) => Some(h),
                None => key_name(t).map(|k| join_key(&table, &k)),
            };
        }
        pos = end + 1;
    }
    None
}

/// Line and column of a dotted key (or table header) in policy text.
fn locate_key(text: &str, key: &str) -> Option<(u64, usize)> {
    let mut table = String::new();
    for (i, line) in text.split('\n').enumerate() {
        let t = line.trim();
        let column = 1 + line.chars().take_while(|c| c.is_whitespace()).count();
        if let Some(h) = table_header(t) {
            if h == key {
                return Some((i as u64 + 1, column));
            }
            table = h;
        } else if key_name(t).is_some_and(|k| join_key(&table, &k) == key) {
            return Some((i as u64 + 1, column));
        }
    }
    None
}

/// `[a.b]` gives `a.b`.
fn table_header(line: &str) -> Option<String> {
    let inner = line.strip_prefix('[')?.split('#').next()?.trim_end().strip_suffix(']')?;
    (!inner.starts_with('['))
        .then(|| inner.split('.').map(|p| p.trim().trim_matches('"')).collect::<Vec<_>>().join("."))
}

/// `share = 0.10` gives `share`.
fn key_name(line: &str) -> Option<String> {
    if line.starts_with('#') {
        return None;
    }
    let (k, _) = line.split_once('=')?;
    let k = k.trim().trim_matches('"').trim();
    (!k.is_empty()).then(|| k.to_string())
}

fn join_key(table: &str, key: &str) -> String {
    if table.is_empty() {
        key.to_string()
    } else {
        format!("{table}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_policy_is_valid() {
        let p = load_policy(None).expect("national-2014 parses");
        assert_eq!(p.exchange.share, 0.10);
        assert_eq!(p.eligibility.exempt_age_women, 50);
    }

    #[test]
    fn unknown_key_named_with_line() {
        let text = NATIONAL_2014.replace("share = 0.10", "share = 0.10\nshare_typo = 1");
        let err = parse_policy(&text, "p.toml").unwrap_err();
        let f = &err.items[0];
        assert_eq!(f.code, "E141");
        assert!(f.message.contains("share_typo"), "{}", f.message);
        assert!(f.line.is_some());
        assert_eq!(f.field.as_deref(), Some("exchange.share_typo"));
    }

    #[test]
    fn out_of_range_named_with_range() {
        let text = NATIONAL_2014.replace("share = 0.10", "share = 1.5");
        let err = parse_policy(&text, "p.toml").unwrap_err();
        assert_eq!(err.items[0].code, "E142");
        assert_eq!(err.items[0].field.as_deref(), Some("exchange.share"));
        assert!(err.items[0].message.contains("0 to 1"), "{}", err.items[0].message);
        let line = NATIONAL_2014.lines().position(|l| l.starts_with("share = ")).unwrap() as u64 + 1;
        assert_eq!(err.items[0].line, Some(line));
    }

    #[test]
    fn curriculum_sum_points_at_its_table() {
        let text = NATIONAL_2014.replace("chinese = 0.21", "chinese = 0.31");
        let err = parse_policy(&text, "p.toml").unwrap_err();
        let f = err.items.iter().find(|f| f.field.as_deref() == Some("curriculum.primary")).unwrap();
        let line = NATIONAL_2014.lines().position(|l| l == "[curriculum.primary]").unwrap() as u64 + 1;
        assert_eq!(f.line, Some(line));
    }
}
