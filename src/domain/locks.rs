//! What the bureau has already decided (locks.csv, docs/formats.md): a teacher stays, goes
//! (to a given school or anywhere allowed), or never goes to a school; a new hire is
//! promised to a school. Locks are hard rules of the model and the checker (rule C018).

use super::LockWord;

/// Who a lock is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Locked {
    /// Index into `County::teachers`.
    Teacher(usize),
    /// Index into `County::new_hires`.
    Hire(usize),
}

/// One decision of locks.csv.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lock {
    pub who: Locked,
    pub word: LockWord,
    /// The school of `go` (optional), `not_to` and `place` (required).
    pub school: Option<usize>,
    /// The line of locks.csv (or the workbook row), for messages.
    pub line: u64,
}

impl Lock {
    /// The teacher this lock is about, if any.
    pub fn teacher(&self) -> Option<usize> {
        match self.who {
            Locked::Teacher(t) => Some(t),
            Locked::Hire(_) => None,
        }
    }
}
