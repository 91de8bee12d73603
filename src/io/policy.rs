//! Reading a policy TOML file, with the key, line and valid range of every problem.

use crate::domain::Policy;
use crate::findings::{Finding, Findings};
use std::path::Path;

/// The default policy shipped in `models/`, compiled in so `rotaplan` works from any directory.
pub const NATIONAL_2014: &str = include_str!("../../models/national-2014.toml");

/// Reads a policy file; `None` path means the built-in `national-2014`.
pub fn load_policy(path: Option<&Path>) -> Result<Policy, Findings> {
    let (text, file) = match path {
        None => (NATIONAL_2014.to_string(), "models/national-2014.toml".to_string()),
        Some(p) => {
            let file = p.display().to_string();
            match std::fs::read_to_string(p) {
                Ok(t) => (t, file),
                Err(e) => {
                    let mut f = Findings::default();
                    f.push(Finding::error(
                        "E140",
                        &file,
                        format!("cannot read the policy file: {e}"),
                        "give the path of a policy .toml file, e.g. models/national-2014.toml",
                    ));
                    return Err(f);
                }
            }
        }
    };
    parse_policy(&text, &file)
}

/// Parses policy text; `file` names it in findings.
pub fn parse_policy(text: &str, file: &str) -> Result<Policy, Findings> {
    let mut findings = Findings::default();
    let policy: Policy = match toml::from_str(text) {
        Ok(p) => p,
        Err(e) => {
            let mut f = Finding::error(
                "E141",
                file,
                e.message().trim().to_string(),
                "compare the key with models/national-2014.toml, where every key is listed and explained",
            );
            if let Some(span) = e.span() {
                let before = &text.as_bytes()[..span.start.min(text.len())];
                let line = 1 + before.iter().filter(|&&b| b == b'\n').count() as u64;
                let column = 1 + before.iter().rev().take_while(|&&b| b != b'\n').count();
                f.line = Some(line);
                f.column = Some(column);
            }
            findings.push(f);
            return Err(findings);
        }
    };
    for (key, message) in policy.range_errors() {
        findings.push(
            Finding::error(
                "E142",
                file,
                message,
                "set it inside its valid range (see the comment on the key in models/national-2014.toml)",
            )
            .at_field(&key),
        );
    }
    if findings.has_errors() {
        Err(findings)
    } else {
        Ok(policy)
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
    }

    #[test]
    fn out_of_range_named_with_range() {
        let text = NATIONAL_2014.replace("share = 0.10", "share = 1.5");
        let err = parse_policy(&text, "p.toml").unwrap_err();
        assert_eq!(err.items[0].code, "E142");
        assert_eq!(err.items[0].field.as_deref(), Some("exchange.share"));
        assert!(err.items[0].message.contains("0 to 1"), "{}", err.items[0].message);
    }
}
