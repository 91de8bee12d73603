//! What the stage loop is doing now, for the live line `plan` shows on a terminal
//! (`commands/progress.rs`). Off unless a command asks for it with [`watch`]: a sweep or a
//! comparison, which solve many plans at once, never turns it on.

use crate::domain::Term;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// The stage running, and the best value and proven bound known for its term.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Live {
    /// 1-based number of the stage, and how many there are.
    pub stage: usize,
    pub stages: usize,
    pub term: Term,
    /// The term's value in the best plan known (the stage's start until it ends).
    pub best: Option<f64>,
    /// A proven lower bound on the term, once the stage has ended.
    pub bound: Option<f64>,
}

static WATCHED: AtomicBool = AtomicBool::new(false);
static NOW: Mutex<Option<Live>> = Mutex::new(None);

/// Turns the live state on until the returned guard is dropped.
pub fn watch() -> Watch {
    set(None);
    WATCHED.store(true, Ordering::SeqCst);
    Watch(())
}

/// Keeps the live state on while it exists.
pub struct Watch(());

impl Drop for Watch {
    fn drop(&mut self) {
        WATCHED.store(false, Ordering::SeqCst);
        set(None);
    }
}

/// The stage running now, `None` before the first stage (the model is being built).
pub fn now() -> Option<Live> {
    *NOW.lock().unwrap_or_else(|e| e.into_inner())
}

fn set(live: Option<Live>) {
    *NOW.lock().unwrap_or_else(|e| e.into_inner()) = live;
}

/// Stage `k` (0-based) of `n` starts on `term` from a plan whose value is `start`.
pub(super) fn stage_started(k: usize, n: usize, term: Term, start: Option<f64>) {
    if WATCHED.load(Ordering::Relaxed) {
        set(Some(Live { stage: k + 1, stages: n, term, best: start, bound: None }));
    }
}

/// The running stage ended with `value` and a proven `bound`.
pub(super) fn stage_ended(value: f64, bound: f64) {
    if WATCHED.load(Ordering::Relaxed) {
        let mut now = NOW.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(live) = now.as_mut() {
            live.best = Some(value);
            live.bound = bound.is_finite().then_some(bound);
        }
    }
}
