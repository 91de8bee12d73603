//! Work on a thread of its own beside a stage's solve, which the stage may stop waiting
//! for: the LP relaxation (`relaxation.rs`) and the search beside the core
//! (`heuristics::spawn`). Once its handle is dropped the work is asked to stop through its
//! flag, which HiGHS reads at its next interrupt check (`raw::solve_interruptible`), so
//! that it takes neither the next stage's core nor its memory for long.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::time::Instant;

/// Work running on a thread of its own; [`Background::wait`] collects its result.
pub(super) struct Background<T> {
    result: Receiver<T>,
    cancelled: Arc<AtomicBool>,
}

impl<T: Send + 'static> Background<T> {
    /// Starts `work` on a thread named `name`, handing it the flag that asks it to stop;
    /// `None` when no thread can be started.
    pub(super) fn spawn(name: &str, work: impl FnOnce(Arc<AtomicBool>) -> T + Send + 'static) -> Option<Self> {
        let (sender, result) = mpsc::channel();
        let cancelled = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&cancelled);
        std::thread::Builder::new()
            .name(name.into())
            // HiGHS's presolve and search recurse: the main thread's 8 MiB.
            .stack_size(8 << 20)
            .spawn(move || {
                // The receiver is gone when the stage stopped waiting: nothing to do then.
                let _ = sender.send(work(stop));
            })
            .ok()?;
        Some(Background { result, cancelled })
    }

    /// The work's result, if it ended by `until`.
    pub(super) fn wait(self, until: Instant) -> Option<T> {
        self.result.recv_timeout(until.saturating_duration_since(Instant::now())).ok()
    }
}

impl<T> Drop for Background<T> {
    /// Work nobody waits for is asked to stop.
    fn drop(&mut self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }
}
