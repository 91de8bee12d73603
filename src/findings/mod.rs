//! Findings: one problem in the input, with where it is and how to fix it.
//!
//! Readers and checks push findings into a list and go on; nothing stops at the first
//! problem. Codes are stable: `E…` makes the data invalid, `W…` is legal but suspicious.
//! More than [`SHOWN_PER_KIND`] findings of one code in one column are summarised
//! ([`Findings::summarise`]), and a cell value is quoted cut to [`QUOTED_CHARS`] ([`quoted`]).
//!
//! | code | meaning |
//! |---|---|
//! | E100 | a required file (or workbook sheet) is missing |
//! | E101 | a file cannot be read |
//! | E102 | a file is neither UTF-8 nor GBK (GB18030) text |
//! | E103 | a CSV file is malformed (a row with the wrong number of cells, or no header) |
//! | E104 | a required column is missing |
//! | E105 | a column appears twice |
//! | W106 | an unknown column is ignored |
//! | E107 | a file mixes UTF-8 and GBK (GB18030) lines |
//! | W108 | a file separated by semicolons or tabs, not commas, read with its own separator |
//! | W109 | a repeated header row is skipped |
//! | E110 | a required cell is empty |
//! | E111 | a value is not one of the allowed words |
//! | E112 | a cell is not a number |
//! | E113 | a cell is not a boolean |
//! | E114 | a value is outside its possible range |
//! | E115 | a date (date text or an Excel date serial) where a number belongs |
//! | E116 | a control character (NUL, ...) or an invisible character in a cell |
//! | W117 | full-width (or other compatibility) characters read as ordinary ones (NFKC) |
//! | E118 | a required file or sheet has its header but no rows (nothing filled in yet) |
//! | E120 | an id appears twice |
//! | E121 | a school id that does not exist |
//! | E122 | two rows of the same stage on one campus |
//! | E123 | a pair given twice (distances, demand) |
//! | E124 | a lock names no teacher or new hire, or does not fit who it names |
//! | E125 | locks that cannot all hold, or that meet a hard rule of the policy |
//! | E126 | an exchange record row that cannot hold (exchanges.csv) |
//! | W127 | an exchange record row of a teacher no longer in teachers.csv, left out |
//! | E128 | a horizon projection row given twice (hires_by_year.csv, enrolment.csv) |
//! | W130 | a school with students and no teachers |
//! | W131 | a teacher past the exemption age not marked exempt |
//! | E140 | the policy file cannot be read |
//! | E141 | the policy file has a syntax error, an unknown key or a wrong type |
//! | E142 | a policy value is outside its valid range |
//! | E150 | a plan refers to a teacher, hire or school that does not exist, or is malformed |
//! | E151 | a plan file is not the one its run.json lists (two runs mixed, or edited since) |
//! | E160 | a sweep scenario file is malformed (unknown key, bad grid key, wrong type) |
//! | E161 | a sweep variant's policy overrides or transforms are invalid |
//!
//! Each finding's words, in English and Chinese, are in [`catalogue`]; a finding keeps its
//! English `message` and `fix` and its [`Text`], to be shown in the language of the run
//! ([`Finding::render`]). Its place is shown as the user finds it in Excel ([`place`]).

pub mod catalogue;
pub mod place;

use crate::cli::Lang;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

/// One argument of a message: its placeholder name and its words in each language.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    pub name: &'static str,
    pub en: String,
    pub zh: String,
}

/// A catalogue entry and the arguments that fill it.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub key: &'static str,
    pub args: Vec<Arg>,
}

impl Text {
    /// The message of catalogue entry `key` (`E110.required`, `E111`, ...).
    pub fn new(key: &'static str) -> Text {
        Text { key, args: Vec::new() }
    }

    /// An argument written the same in both languages (an id, a number, the user's header).
    pub fn arg(self, name: &'static str, value: impl ToString) -> Text {
        let v = value.to_string();
        self.both(name, v.clone(), v)
    }

    /// An argument with its English and Chinese words.
    pub fn both(mut self, name: &'static str, en: impl Into<String>, zh: impl Into<String>) -> Text {
        self.args.push(Arg { name, en: en.into(), zh: zh.into() });
        self
    }

    /// The code of the entry: the key up to its first dot.
    pub fn code(&self) -> &'static str {
        self.key.split('.').next().unwrap_or(self.key)
    }

    /// The message and the fix in `lang`; `None` when the catalogue has no such key.
    pub fn render(&self, lang: Lang) -> Option<(String, String)> {
        let &(_, en, en_fix, zh, zh_fix) = catalogue::entry(self.key)?;
        let (m, f) = if lang == Lang::Zh { (zh, zh_fix) } else { (en, en_fix) };
        Some((catalogue::fill(m, &self.args, lang), catalogue::fill(f, &self.args, lang)))
    }
}

/// Findings of one code in one column shown in full before the rest are summarised.
pub const SHOWN_PER_KIND: usize = 20;
/// Characters of a cell value quoted in a message; a longer value is cut.
pub const QUOTED_CHARS: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    /// File name as the user knows it (e.g. `teachers.csv`).
    pub file: String,
    /// 1-based line in the file, when the problem is on a line.
    pub line: Option<u64>,
    /// 1-based column number, when the problem is in a cell.
    pub column: Option<usize>,
    /// Column (or policy key) name.
    pub field: Option<String>,
    pub message: String,
    /// What the user should do about it.
    pub fix: String,
    /// When this finding summarises others like it ("and N more rows like this"): N.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub more_rows: Option<u64>,
    /// The column's header as the user's file has it (`年龄`), when it is in a table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// The catalogue entry the message and fix come from, for other languages.
    #[serde(skip)]
    pub text: Option<Text>,
    /// For a summary: the last line it stands for.
    #[serde(skip)]
    last_line: Option<u64>,
}

impl Finding {
    /// A finding with words of its own (English only, such as a scenario reader's); in
    /// Chinese it is shown after its code's meaning. Prefer [`Finding::new`].
    pub fn error(code: &'static str, file: &str, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Finding {
            code,
            severity: if code.starts_with('W') { Severity::Warning } else { Severity::Error },
            file: file.to_string(),
            line: None,
            column: None,
            field: None,
            message: message.into(),
            fix: fix.into(),
            more_rows: None,
            header: None,
            text: None,
            last_line: None,
        }
    }

    /// The finding of catalogue entry `text` in `file`; its code is the entry's.
    pub fn new(file: &str, text: Text) -> Self {
        let (message, fix) = text.render(Lang::En).unwrap_or_else(|| (text.key.to_string(), String::new()));
        Finding { text: Some(text.clone()), ..Finding::error(text.code(), file, message, fix) }
    }

    /// The user's own header of the column, shown in place of the column's name.
    pub fn with_header(mut self, header: Option<&str>) -> Self {
        self.header = header.map(str::to_string);
        self
    }

    /// The message and fix in `lang`.
    pub fn words(&self, lang: Lang) -> (String, String) {
        if lang == Lang::En {
            return (self.message.clone(), self.fix.clone());
        }
        let (mut message, fix) = match self.text.as_ref().and_then(|t| t.render(lang)) {
            Some(words) => words,
            None => {
                let meaning = catalogue::meaning(self.code, lang).unwrap_or_default();
                (format!("{meaning}：{}", self.message), self.fix.clone())
            }
        };
        if let Some(n) = self.more_rows {
            message = more_rows(n, self.line, self.last_line, lang);
        }
        (message, fix)
    }

    /// The finding as `validate` prints it, in `lang`: severity, code, place, message, fix.
    pub fn render(&self, lang: Lang) -> String {
        let kind = match (self.severity, lang) {
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Error, Lang::Zh) => "错误",
            (Severity::Warning, Lang::Zh) => "警告",
        };
        let (message, fix) = self.words(lang);
        let (colon, fix_label) = if lang == Lang::Zh { ("：", "修改") } else { (": ", "fix") };
        format!("{kind}[{}] {}{colon}{message}\n  {fix_label}{colon}{fix}", self.code, place::location(self, lang))
    }

    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    pub fn at_cell(mut self, line: u64, column: usize, field: &str) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self.field = Some(field.to_string());
        self
    }

    pub fn at_field(mut self, field: &str) -> Self {
        self.field = Some(field.to_string());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Where the finding is, in English: `teachers.csv:12 column I`, `[book.xlsx]教师!I12`.
    pub fn location(&self) -> String {
        place::location(&Finding { header: None, field: None, ..self.clone() }, Lang::En)
    }
}

impl fmt::Display for Finding {
    /// In the language of the run ([`crate::report::i18n::current`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(crate::report::i18n::current()))
    }
}

/// All findings of one read or check, errors and warnings together.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Findings {
    pub items: Vec<Finding>,
}

impl Findings {
    pub fn push(&mut self, f: Finding) {
        self.items.push(f);
    }
    /// Number of errors, counting those a summary stands for.
    pub fn errors(&self) -> usize {
        self.items.iter().filter(|f| f.is_error()).map(Finding::count).sum()
    }
    /// Number of warnings, counting those a summary stands for.
    pub fn warnings(&self) -> usize {
        self.items.iter().filter(|f| !f.is_error()).map(Finding::count).sum()
    }
    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }
    pub fn extend(&mut self, other: Findings) {
        self.items.extend(other.items);
    }

    /// Keeps the first [`SHOWN_PER_KIND`] findings of each code in each column (of each
    /// file) and replaces the rest by one: "and N more rows like this", placed at the first
    /// of them. A shifted column gives a screenful, not one error per teacher.
    pub fn summarise(&mut self) {
        let kind = |f: &Finding| (f.code, f.file.clone(), f.field.clone());
        let mut totals: HashMap<_, (usize, Option<u64>)> = HashMap::new();
        for f in &self.items {
            let entry = totals.entry(kind(f)).or_default();
            entry.0 += f.count();
            entry.1 = f.line.max(entry.1);
        }
        let mut seen: HashMap<_, usize> = HashMap::new();
        let mut kept = Vec::with_capacity(self.items.len());
        for f in self.items.drain(..) {
            let key = kind(&f);
            let (total, last_line) = totals[&key];
            let n = seen.entry(key).or_default();
            *n += 1;
            if total <= SHOWN_PER_KIND || *n <= SHOWN_PER_KIND {
                kept.push(f);
            } else if *n == SHOWN_PER_KIND + 1 {
                // Already a summary when summarised before.
                kept.push(if f.more_rows.is_some() { f } else { summary(f, total - SHOWN_PER_KIND, last_line) });
            }
        }
        self.items = kept;
    }
}

impl Finding {
    /// How many findings this one stands for.
    fn count(&self) -> usize {
        self.more_rows.map_or(1, |n| n as usize)
    }
}

/// The finding that stands for `n` findings like `first` (the first of them), up to `last_line`.
fn summary(first: Finding, n: usize, last_line: Option<u64>) -> Finding {
    let message = more_rows(n as u64, first.line, last_line, Lang::En);
    Finding { message, more_rows: Some(n as u64), last_line, ..first }
}

/// "and N more rows like this (lines A to B)" in `lang`.
fn more_rows(n: u64, first: Option<u64>, last: Option<u64>, lang: Lang) -> String {
    let lines = match (first, last) {
        (Some(a), Some(b)) if b > a => (format!(" (lines {a} to {b})"), format!("（第 {a} 至 {b} 行）")),
        _ => (String::new(), String::new()),
    };
    let arg = |name, en: String, zh: String| Arg { name, en, zh };
    let args = [
        arg("rows", if n == 1 { "row" } else { "rows" }.into(), String::new()),
        arg("n", n.to_string(), n.to_string()),
        arg("lines", lines.0, lines.1),
    ];
    let template = if lang == Lang::Zh { catalogue::MORE.1 } else { catalogue::MORE.0 };
    catalogue::fill(template, &args, lang)
}

/// A cell value as a message quotes it: in quotes, control and invisible characters
/// written as escapes (`\0`, `\u{200b}`), and a value longer than [`QUOTED_CHARS`]
/// characters cut, with its length: `"ABC…" (200000 characters)`.
pub fn quoted(value: &str) -> String {
    let n = value.chars().count();
    if n <= QUOTED_CHARS {
        format!("\"{}\"", cut(value))
    } else {
        format!("\"{}\" ({n} characters)", cut(value))
    }
}

/// A cell value as a message shows it unquoted: escaped and cut like [`quoted`], with `…`
/// where it is cut.
pub fn cut(value: &str) -> String {
    let mut shown: String = value.chars().take(QUOTED_CHARS).flat_map(visible).collect();
    if value.chars().nth(QUOTED_CHARS).is_some() {
        shown.push('…');
    }
    shown
}

/// A character as a message shows it: itself, or an escape when it cannot be seen.
fn visible(c: char) -> Vec<char> {
    if is_invisible(c) {
        c.escape_debug().collect()
    } else {
        vec![c]
    }
}

/// Control characters (NUL, ESC, ...; tab and line breaks aside) and the invisible
/// characters that text pasted from other programs carries (zero-width spaces, a
/// byte-order mark inside the text): never meant in a cell, and never seen on screen.
pub fn is_invisible(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Returned when input is invalid: every finding, errors first.
#[derive(Debug, Clone, PartialEq)]
pub struct InvalidInput(pub Findings);

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.errors();
        match crate::report::i18n::current() {
            Lang::Zh => writeln!(f, "输入有 {n} 处错误：")?,
            Lang::En => writeln!(f, "the input has {n} error{}:", if n == 1 { "" } else { "s" })?,
        }
        for finding in self.0.items.iter().filter(|x| x.is_error()) {
            writeln!(f, "{finding}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InvalidInput {}

#[cfg(test)]
mod tests {
    use super::*;

    fn e111(line: u64, column: usize) -> Finding {
        Finding::error("E111", "t.csv", "\"x\" is not a valid subject", "use one of: math")
            .at_cell(line, column, "subject")
    }

    #[test]
    fn past_twenty_findings_of_a_kind_in_a_column_one_stands_for_the_rest() {
        let mut f = Findings::default();
        (2..32).for_each(|line| f.push(e111(line, 4)));
        f.push(Finding::error("E112", "t.csv", "m", "x").at_cell(40, 9, "age"));
        f.summarise();
        assert_eq!(f.items.len(), 22);
        let summary = &f.items[20];
        assert_eq!((summary.line, summary.column, summary.code), (Some(22), Some(4), "E111"));
        assert_eq!(summary.message, "and 10 more rows like this (lines 22 to 31)");
        assert_eq!((f.errors(), f.warnings()), (31, 0));
        let again = f.clone();
        f.summarise();
        assert_eq!(f, again, "summarising twice changes nothing");
    }

    #[test]
    fn twenty_findings_are_all_shown() {
        let mut f = Findings::default();
        (2..22).for_each(|line| f.push(e111(line, 4)));
        f.summarise();
        assert_eq!((f.items.len(), f.errors()), (20, 20));
    }

    #[test]
    fn quoted_values_are_cut_and_escaped() {
        assert_eq!(quoted("T001"), "\"T001\"");
        assert_eq!(quoted("T0\u{0}1\u{200b}"), "\"T0\\01\\u{200b}\"");
        let long = "名".repeat(200_000);
        assert_eq!(quoted(&long), format!("\"{}…\" (200000 characters)", "名".repeat(QUOTED_CHARS)));
        assert_eq!(cut(&long).chars().count(), QUOTED_CHARS + 1);
    }
}
