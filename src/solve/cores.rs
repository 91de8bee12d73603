//! The cores a process's plans keep busy, for runners of many plans (sweeps, comparisons).
//!
//! A stage abandoned by the watchdog (`watchdog.rs`) still holds a core and its memory
//! until HiGHS returns, possibly minutes later. A runner that started a new plan for each
//! plan that came back would then run more solves than it has threads: each would get a
//! share of a core, overrun its own limit in turn, and abandoned models would fill the
//! memory. So a runner reserves a core for each plan ([`reserve`]), and a reservation is
//! granted only while the plans running and the abandoned stages still running number
//! fewer than the runner's threads.

use std::cell::Cell;
use std::sync::{Condvar, Mutex, MutexGuard};

/// Plans holding a reservation, and abandoned stages whose threads still run.
struct Busy {
    plans: usize,
    abandoned: usize,
}

struct Cores {
    busy: Mutex<Busy>,
    /// Signalled whenever a plan or an abandoned stage ends.
    freed: Condvar,
}

static CORES: Cores = Cores { busy: Mutex::new(Busy { plans: 0, abandoned: 0 }), freed: Condvar::new() };

thread_local! {
    /// This thread holds a reservation: a nested one is granted at once (it would
    /// otherwise wait for the thread's own plan).
    static HOLDS: Cell<bool> = const { Cell::new(false) };
}

/// A core reserved for one plan; given back when dropped.
#[must_use = "the core is given back when the reservation is dropped"]
pub struct Reservation {
    counted: bool,
}

/// Waits until the plans holding a reservation and the abandoned stages still running
/// number fewer than `jobs`, then reserves a core for one more plan.
pub fn reserve(jobs: usize) -> Reservation {
    if HOLDS.with(Cell::get) {
        return Reservation { counted: false };
    }
    let mut busy = lock();
    while busy.plans + busy.abandoned >= jobs.max(1) {
        busy = CORES.freed.wait(busy).unwrap_or_else(std::sync::PoisonError::into_inner);
    }
    busy.plans += 1;
    HOLDS.with(|h| h.set(true));
    Reservation { counted: true }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        if self.counted {
            HOLDS.with(|h| h.set(false));
            lock().plans -= 1;
            CORES.freed.notify_all();
        }
    }
}

/// How many abandoned stages of this process are still running.
pub fn overrunning() -> usize {
    lock().abandoned
}

/// A stage was abandoned; its thread runs on.
pub(super) fn abandoned() {
    lock().abandoned += 1;
}

/// An abandoned stage's thread has ended.
pub(super) fn abandoned_ended() {
    lock().abandoned -= 1;
    CORES.freed.notify_all();
}

/// The counts are whole after every step, so a panic elsewhere does not make them unusable.
fn lock() -> MutexGuard<'static, Busy> {
    CORES.busy.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::watchdog::within;
    use std::time::{Duration, Instant};

    /// Abandons a stage that sleeps for `seconds`, then optionally panics.
    fn abandon(seconds: f64, panics: bool) {
        let until = Instant::now() + Duration::from_millis(50);
        // SAFETY: the closure captures plain values only.
        let got = unsafe {
            within(until, move || {
                std::thread::sleep(Duration::from_secs_f64(seconds));
                assert!(!panics, "the abandoned stage failed");
            })
        };
        assert!(got.unwrap().is_none());
    }

    /// (Tests of this binary run at once and share the counts: each may wait for the
    /// others' stages too, hence the generous upper bounds.)
    #[test]
    fn a_reservation_waits_for_an_abandoned_stage() {
        let started = Instant::now();
        abandon(2.0, false);
        assert!(overrunning() >= 1);
        drop(reserve(1));
        let waited = started.elapsed();
        assert!(waited >= Duration::from_secs(2) && waited < Duration::from_secs(20), "{waited:?}");
    }

    /// A plan running and an abandoned stage fill two cores between them.
    #[test]
    fn running_plans_count_with_abandoned_stages() {
        let started = Instant::now();
        let (held, release) = std::sync::mpsc::channel();
        let plan = std::thread::spawn(move || {
            let _core = reserve(2);
            held.send(()).unwrap();
            std::thread::sleep(Duration::from_millis(1500));
        });
        release.recv().unwrap();
        abandon(1.5, false);
        drop(reserve(2));
        let waited = started.elapsed();
        plan.join().unwrap();
        assert!(waited >= Duration::from_millis(1400) && waited < Duration::from_secs(20), "{waited:?}");
    }

    /// An abandoned stage that panics still gives its core back.
    #[test]
    fn a_panicking_abandoned_stage_frees_its_core() {
        abandon(0.3, true);
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            drop(reserve(1));
            done.send(()).unwrap();
        });
        assert!(finished.recv_timeout(Duration::from_secs(20)).is_ok(), "the core was not given back");
    }
}
