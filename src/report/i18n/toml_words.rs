//! The TOML reader's (serde's) messages in words for someone who edits a policy or scenario
//! file by hand, on one line, in both languages: keys quoted "like this" in English and in
//! `backticks` (typed as they are) in Chinese.

/// (English, Chinese) of a TOML or serde message.
pub fn words(message: &str) -> (String, String) {
    let message = message.trim();
    let en = [
        ("`", "\""),
        ("unknown field", "unknown key"),
        ("missing field", "missing key"),
        ("unknown variant", "unknown value"),
        ("invalid type: ", "wrong kind of value: "),
        ("expected f64", "expected a number"),
        ("expected u32", "expected a whole number"),
        ("expected a sequence", "expected a list in [ ]"),
        ("\n", "; "),
    ];
    let zh = [
        ("unknown field", "未知的键"),
        ("missing field", "缺少键"),
        ("unknown variant", "不认识的值"),
        ("invalid type: ", "值的类型不对："),
        (", expected one of ", "，可用的有 "),
        (", expected ", "，应为 "),
        ("expected ", "应为 "),
        ("f64", "数"),
        ("u32", "不小于 0 的整数"),
        ("integer", "整数"),
        ("floating point", "小数"),
        ("a sequence", "用 [ ] 括起的列表"),
        ("a string", "文字"),
        ("string", "文字"),
        ("a boolean", "true 或 false"),
        ("boolean", "true/false"),
        ("a map", "表"),
        ("\n", "；"),
        ("；in ", "；位于 "),
    ];
    let replace = |pairs: &[(&str, &str)]| pairs.iter().fold(message.to_string(), |t, (from, to)| t.replace(from, to));
    (replace(&en), replace(&zh))
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn an_unknown_key_in_both_languages() {
        let (en, zh) = words("unknown field `shares`, expected one of `share`, `scope`\nin `exchange`\n");
        assert_eq!(en, "unknown key \"shares\", expected one of \"share\", \"scope\"; in \"exchange\"");
        assert_eq!(zh, "未知的键 `shares`，可用的有 `share`, `scope`；位于 `exchange`");
    }
}
