//! Findings: one problem in the input, with where it is and how to fix it.
//!
//! Readers and checks push findings into a list and go on; nothing stops at the first
//! problem. Codes are stable: `E…` makes the data invalid, `W…` is legal but suspicious.
//!
//! | code | meaning |
//! |---|---|
//! | E100 | a required file (or workbook sheet) is missing |
//! | E101 | a file cannot be read |
//! | E102 | a file is neither UTF-8 nor GBK (GB18030) text |
//! | E103 | a CSV file is malformed (a row with the wrong number of cells, no header, or no schools) |
//! | E104 | a required column is missing |
//! | E105 | a column appears twice |
//! | W106 | an unknown column is ignored |
//! | E110 | a required cell is empty |
//! | E111 | a value is not one of the allowed words |
//! | E112 | a cell is not a number |
//! | E113 | a cell is not a boolean |
//! | E114 | a value is outside its possible range |
//! | E120 | an id appears twice |
//! | E121 | a school id that does not exist |
//! | E122 | two rows of the same stage on one campus |
//! | E123 | a pair given twice (distances, demand) |
//! | W130 | a school with students and no teachers |
//! | W131 | a teacher past the exemption age not marked exempt |
//! | E140 | the policy file cannot be read |
//! | E141 | the policy file has a syntax error, an unknown key or a wrong type |
//! | E142 | a policy value is outside its valid range |
//! | E150 | a plan refers to a teacher, hire or school that does not exist, or is malformed |
//! | E160 | a sweep scenario file is malformed (unknown key, bad grid key, wrong type) |
//! | E161 | a sweep variant's policy overrides or transforms are invalid |

use serde::Serialize;
use std::fmt;

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
}

impl Finding {
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
        }
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

    /// `file:line:column`, as much of it as is known.
    pub fn location(&self) -> String {
        let mut loc = self.file.clone();
        if let Some(l) = self.line {
            loc.push_str(&format!(":{l}"));
            if let Some(c) = self.column {
                loc.push_str(&format!(":{c}"));
            }
        }
        loc
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{kind}[{}] {}", self.code, self.location())?;
        if let Some(field) = &self.field {
            write!(f, " ({field})")?;
        }
        write!(f, ": {}\n  fix: {}", self.message, self.fix)
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
    pub fn errors(&self) -> usize {
        self.items.iter().filter(|f| f.is_error()).count()
    }
    pub fn warnings(&self) -> usize {
        self.items.len() - self.errors()
    }
    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }
    pub fn extend(&mut self, other: Findings) {
        self.items.extend(other.items);
    }
}

/// Returned when input is invalid: every finding, errors first.
#[derive(Debug, Clone, PartialEq)]
pub struct InvalidInput(pub Findings);

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.errors();
        writeln!(f, "the input has {n} error{}:", if n == 1 { "" } else { "s" })?;
        for finding in self.0.items.iter().filter(|x| x.is_error()) {
            writeln!(f, "{finding}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InvalidInput {}
