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
use std::marker::PhantomData;
use std::sync::{Condvar, Mutex, MutexGuard};

/// The process's counts, which the watchdog and the runners share.
pub(super) static CORES: Cores = Cores::new();

/// Plans holding a reservation, and abandoned stages whose threads still run.
pub(super) struct Cores {
    busy: Mutex<Busy>,
    /// Signalled whenever a plan or an abandoned stage ends.
    freed: Condvar,
}

struct Busy {
    plans: usize,
    abandoned: usize,
}

thread_local! {
    /// This thread holds a reservation: a nested one is granted at once, uncounted (it
    /// would otherwise wait for the thread's own plan). Planning uses no rayon, so a
    /// runner's worker never starts a second plan while it holds a reservation.
    static HOLDS: Cell<bool> = const { Cell::new(false) };
}

/// A core reserved for one plan; given back when dropped, on the thread that took it.
#[must_use = "the core is given back when the reservation is dropped"]
pub struct Reservation<'a> {
    cores: &'a Cores,
    counted: bool,
    /// Not `Send`: the thread-local mark must be cleared on the thread that set it.
    _here: PhantomData<*const ()>,
}

/// Waits until the plans holding a reservation and the abandoned stages still running
/// number fewer than `jobs`, then reserves a core for one more plan.
pub fn reserve(jobs: usize) -> Reservation<'static> {
    CORES.reserve(jobs)
}

/// How many abandoned stages of this process are still running.
pub fn overrunning() -> usize {
    CORES.overrunning()
}

impl Cores {
    pub(super) const fn new() -> Self {
        Cores { busy: Mutex::new(Busy { plans: 0, abandoned: 0 }), freed: Condvar::new() }
    }

    fn reserve(&self, jobs: usize) -> Reservation<'_> {
        let reservation = |counted| Reservation { cores: self, counted, _here: PhantomData };
        if HOLDS.with(Cell::get) {
            return reservation(false);
        }
        let mut busy = self.lock();
        while busy.plans + busy.abandoned >= jobs.max(1) {
            busy = self.freed.wait(busy).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        busy.plans += 1;
        HOLDS.with(|h| h.set(true));
        reservation(true)
    }

    pub(super) fn overrunning(&self) -> usize {
        self.lock().abandoned
    }

    /// A stage was abandoned; its thread runs on.
    pub(super) fn abandoned(&self) {
        self.lock().abandoned += 1;
    }

    /// An abandoned stage's thread has ended.
    pub(super) fn abandoned_ended(&self) {
        self.lock().abandoned -= 1;
        self.freed.notify_all();
    }

    /// The counts are whole after every step, so a panic elsewhere does not make them
    /// unusable.
    fn lock(&self) -> MutexGuard<'_, Busy> {
        self.busy.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        if self.counted {
            HOLDS.with(|h| h.set(false));
            self.cores.lock().plans -= 1;
            self.cores.freed.notify_all();
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use std::sync::mpsc::{self, Receiver};
    use std::time::Duration;

    /// Counts of a test's own, which no other test touches.
    pub(in crate::solve) fn own_cores() -> &'static Cores {
        Box::leak(Box::new(Cores::new()))
    }

    /// Reserves one of `jobs` cores on a thread of its own; the receiver hears when it is
    /// granted.
    fn reserve_elsewhere(cores: &'static Cores, jobs: usize) -> Receiver<()> {
        let (granted, hear) = mpsc::channel();
        std::thread::spawn(move || {
            let _core = cores.reserve(jobs);
            granted.send(()).unwrap();
        });
        hear
    }

    const NOT_YET: Duration = Duration::from_millis(300);
    const SOON: Duration = Duration::from_secs(20);

    #[test]
    fn an_abandoned_stage_holds_a_core_until_it_ends() {
        let cores = own_cores();
        cores.abandoned();
        let granted = reserve_elsewhere(cores, 1);
        assert!(granted.recv_timeout(NOT_YET).is_err(), "granted while the stage ran");
        cores.abandoned_ended();
        assert!(granted.recv_timeout(SOON).is_ok(), "not granted once it ended");
    }

    /// A plan running and an abandoned stage fill two cores between them.
    #[test]
    fn running_plans_count_with_abandoned_stages() {
        let cores = own_cores();
        let (release, released) = mpsc::channel::<()>();
        let (held, hear_held) = mpsc::channel();
        let plan = std::thread::spawn(move || {
            let _core = cores.reserve(2);
            held.send(()).unwrap();
            released.recv().unwrap();
        });
        hear_held.recv().unwrap();
        cores.abandoned();
        let granted = reserve_elsewhere(cores, 2);
        assert!(granted.recv_timeout(NOT_YET).is_err(), "granted with both cores busy");
        release.send(()).unwrap();
        plan.join().unwrap();
        assert!(granted.recv_timeout(SOON).is_ok(), "not granted once the plan ended");
    }

    /// A reservation inside a reservation, on the same thread, does not wait for itself.
    #[test]
    fn a_nested_reservation_is_granted_at_once() {
        let cores = own_cores();
        let outer = cores.reserve(1);
        let inner = cores.reserve(1);
        assert!(!inner.counted);
        drop(inner);
        drop(outer);
        assert_eq!(cores.lock().plans, 0);
    }
}
