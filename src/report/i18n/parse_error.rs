//! clap's parse errors in Chinese: the error's kind and context (the argument, the value,
//! the accepted values, a suggestion, the usage) in our own sentences.

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, Error, ErrorFormatter, ErrorKind};

/// The formatter of parse errors for a Chinese run.
pub struct Chinese;

impl ErrorFormatter for Chinese {
    fn format_error(error: &Error<Self>) -> StyledStr {
        let mut text = format!("错误：{}", sentence(error));
        if let Some(tip) = suggestion(error) {
            text.push_str(&format!("\n\n  提示：{tip}"));
        }
        if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
            let usage = usage.to_string();
            let usage = usage.split_once(": ").map_or(usage.as_str(), |(_, u)| u);
            text.push_str(&format!("\n\n用法：{}", super::help::usage(usage)));
        }
        text.push_str("\n\n加 --help 查看全部说明。\n");
        StyledStr::from(text)
    }
}

/// The context value `kind` as text (a list joined with 、).
fn get<F: ErrorFormatter>(error: &Error<F>, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(v.iter().map(|s| s.to_string()).collect::<Vec<_>>().join("、")),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::Bool(b) => Some(b.to_string()),
        ContextValue::None => None,
        _ => None,
    }
}

/// What is wrong, in one sentence.
fn sentence<F: ErrorFormatter>(error: &Error<F>) -> String {
    let arg = get(error, ContextKind::InvalidArg).unwrap_or_default();
    let value = get(error, ContextKind::InvalidValue).unwrap_or_default();
    let valid = match error.get(ContextKind::ValidValue) {
        Some(ContextValue::Strings(v)) => Some(v.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join("、")),
        _ => None,
    };
    let number = |kind| get(error, kind).unwrap_or_default();
    match error.kind() {
        ErrorKind::UnknownArgument => format!("不认识的参数 `{arg}`"),
        ErrorKind::InvalidSubcommand => {
            format!("没有 `{}` 这个命令", get(error, ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        ErrorKind::MissingSubcommand => match get(error, ContextKind::ValidSubcommand) {
            Some(commands) => format!("缺少命令（可用的命令：{commands}）"),
            None => "缺少命令".to_string(),
        },
        ErrorKind::MissingRequiredArgument => format!("缺少必填的参数：{arg}"),
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} 后面缺少取值"),
        ErrorKind::InvalidValue => match valid {
            Some(valid) => format!("`{value}` 不是 {arg} 可用的值（可选：{valid}）"),
            None => format!("`{value}` 不是 {arg} 可用的值"),
        },
        ErrorKind::ValueValidation => format!("`{value}` 不是 {arg} 可用的值：{}", why_invalid(error)),
        ErrorKind::NoEquals => format!("{arg} 的取值须用等号给出（如 {arg}=值）"),
        ErrorKind::TooManyValues => format!("{arg} 不接受多余的值 `{value}`"),
        ErrorKind::TooFewValues => format!(
            "{arg} 至少需要 {} 个值，只给了 {} 个",
            number(ContextKind::MinValues),
            number(ContextKind::ActualNumValues)
        ),
        ErrorKind::WrongNumberOfValues => format!(
            "{arg} 需要 {} 个值，给了 {} 个",
            number(ContextKind::ExpectedNumValues),
            number(ContextKind::ActualNumValues)
        ),
        ErrorKind::ArgumentConflict => match get(error, ContextKind::PriorArg) {
            Some(prior) => format!("{arg} 不能与 {prior} 同时使用"),
            None => format!("{arg} 不能重复给出"),
        },
        ErrorKind::InvalidUtf8 => "参数中有无法识别的字符（不是 UTF-8 编码）".to_string(),
        _ => "命令行参数有误".to_string(),
    }
}

/// Why a value did not parse (the standard library's English reasons, in Chinese).
fn why_invalid<F: ErrorFormatter>(error: &Error<F>) -> &'static str {
    let source = std::error::Error::source(error).map(|s| s.to_string()).unwrap_or_default();
    if source.contains("float") {
        "应为一个数，如 30 或 0.5"
    } else if source.contains("digit") || source.contains("too large") || source.contains("empty") {
        "应为一个不带小数点的非负整数"
    } else {
        "格式不对"
    }
}

/// A close argument, command or value the user may have meant.
fn suggestion<F: ErrorFormatter>(error: &Error<F>) -> Option<String> {
    let (kind, what) = [
        (ContextKind::SuggestedArg, "参数"),
        (ContextKind::SuggestedSubcommand, "命令"),
        (ContextKind::SuggestedValue, "值"),
    ]
    .into_iter()
    .find(|(kind, _)| error.get(*kind).is_some())?;
    Some(format!("是否想用{what} `{}`？", get(error, kind)?))
}
