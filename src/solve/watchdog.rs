//! The time limit as a promise.
//!
//! HiGHS checks its clock in its main loops, but not inside every step of the root node:
//! the analytic centre (interior point, up to 200 iterations, no time limit of its own) and
//! the line-search rounding that follows it can run for minutes on a large model. A
//! 400-school county given `--time-limit 900` ran for 17 min 52 s (docs/performance.md;
//! upstream: ERGO-Code/HiGHS#885, #2226). So each stage's solve runs on a thread of its own
//! and the stage loop waits for it only until the deadline plus a grace period. A stage
//! that has not returned by then is abandoned: the plan of the last finished stage is
//! kept, as when HiGHS itself stops at the limit, and the abandoned thread ends with
//! HiGHS (its result is dropped; the command line exits once the plan is written).
//! Abandoned stages still running are counted (`cores.rs`), so that runners of many plans
//! do not start new ones on cores they fill.

use super::cores::{self, Cores};
use anyhow::{bail, Context, Result};
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long after the deadline a stage is still waited for: HiGHS stops at its own time
/// limit within a few seconds when it can, and this keeps its plan in that case.
pub(super) fn grace(limit_seconds: f64) -> Duration {
    Duration::from_secs_f64(5.0 + 0.02 * limit_seconds.clamp(0.0, 3e9))
}

/// Runs `work` on a thread of its own and waits for its result until `until`. `Ok(None)` if
/// it has not returned by then; the thread then runs on until `work` returns, and its
/// result is dropped. A panic in `work` is resumed here, as if `work` had run on this
/// thread; a thread that cannot be started is an error. A result sent between the timeout
/// and the check that follows it is still returned.
///
/// # Safety
/// `work` is moved to another thread although it need not be `Send` (a HiGHS model is a
/// raw pointer, which Rust cannot know is safe to move). The caller guarantees that
/// everything `work` captures is owned by it alone (nothing shared with the calling thread,
/// such as an `Rc` or a borrowed pointer) and that what it returns is likewise owned, so
/// that moving them between threads is sound. A HiGHS instance has no tie to the thread
/// that created it: HiGHS keeps its task scheduler per calling thread, and a thread's
/// scheduler is disposed when the thread ends.
pub(super) unsafe fn within<T: 'static>(until: Instant, work: impl FnOnce() -> T + 'static) -> Result<Option<T>> {
    // SAFETY: the caller's guarantee, passed on.
    unsafe { within_counted(&cores::CORES, until, work) }
}

/// [`within`], and `cancelled` set when `work` is abandoned: work that reads it (a
/// search's sub-MIPs, through HiGHS's interrupt callback) then stops at HiGHS's next check
/// instead of running on with its model in memory.
///
/// # Safety
/// As for [`within`].
pub(super) unsafe fn within_or_cancel<T: 'static>(
    until: Instant,
    cancelled: &AtomicBool,
    work: impl FnOnce() -> T + 'static,
) -> Result<Option<T>> {
    // SAFETY: the caller's guarantee, passed on.
    let outcome = unsafe { within(until, work)? };
    if outcome.is_none() {
        cancelled.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    Ok(outcome)
}

/// [`within`], counting an abandoned stage in `cores` until its thread ends.
///
/// # Safety
/// As for [`within`].
unsafe fn within_counted<T: 'static>(
    cores: &'static Cores,
    until: Instant,
    work: impl FnOnce() -> T + 'static,
) -> Result<Option<T>> {
    let job = Owned(work);
    let (sender, receiver) = mpsc::channel();
    let fate = Arc::new(Mutex::new(Fate::Awaited));
    let end = EndGuard { fate: Arc::clone(&fate), cores };
    let handle = std::thread::Builder::new()
        .name("rotaplan-stage".into())
        // HiGHS's presolve and search recurse; the main thread's 8 MiB, not the 2 MiB
        // default of a spawned thread.
        .stack_size(8 << 20)
        .spawn(move || {
            // Dropped last, after the result is sent (or on a panic): counts the end of
            // an abandoned stage.
            let _end = end;
            let work = job.into_inner();
            // The receiver is gone when the stage was abandoned: nothing to do then.
            let _ = sender.send(Owned(work()));
        })
        .context("could not start a thread to solve the stage")?;
    let wait = until.saturating_duration_since(Instant::now());
    match receiver.recv_timeout(wait) {
        Ok(result) => Ok(Some(result.into_inner())),
        Err(RecvTimeoutError::Timeout) => {
            let mut fate = lock(&fate);
            // It may have sent its result since the timeout: then it is not abandoned.
            if let Ok(result) = receiver.try_recv() {
                return Ok(Some(result.into_inner()));
            }
            if *fate == Fate::Ended {
                // Ended without a result: it panicked.
                drop(fate);
                return no_result(handle);
            }
            *fate = Fate::Abandoned;
            cores.abandoned();
            Ok(None)
        }
        Err(RecvTimeoutError::Disconnected) => no_result(handle),
    }
}

/// Why a stage's thread ended without sending a result: `work` panicked (resumed here).
fn no_result<T>(handle: JoinHandle<()>) -> Result<T> {
    match handle.join() {
        Err(panic) => std::panic::resume_unwind(panic),
        Ok(()) => bail!("the stage's thread ended without a result"),
    }
}

/// What became of a stage's thread, as the two sides last agreed under the lock.
#[derive(Debug, PartialEq, Eq)]
enum Fate {
    /// The stage loop is waiting for it.
    Awaited,
    /// The stage loop gave up on it: it counts as overrunning (`cores.rs`) until it ends.
    Abandoned,
    /// It has returned (or panicked).
    Ended,
}

/// Marks the end of a stage's thread when dropped.
struct EndGuard {
    fate: Arc<Mutex<Fate>>,
    cores: &'static Cores,
}

impl Drop for EndGuard {
    fn drop(&mut self) {
        let mut fate = lock(&self.fate);
        if *fate == Fate::Abandoned {
            self.cores.abandoned_ended();
        }
        *fate = Fate::Ended;
    }
}

/// A lock that a panic elsewhere has not made unusable: the fate is whole after every step.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A value moved to or from the stage's thread (see [`within`]'s safety contract).
struct Owned<T>(T);

// SAFETY: only built in `within`, whose caller guarantees the value is owned exclusively.
unsafe impl<T> Send for Owned<T> {}

impl<T> Owned<T> {
    /// Takes the whole wrapper by value, so that a closure captures the wrapper (which is
    /// `Send`) and not its field.
    fn into_inner(self) -> T {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_in_time_is_returned() {
        let until = Instant::now() + Duration::from_secs(30);
        // SAFETY: the closure owns its string, and returns a new one.
        let got = unsafe {
            within(until, {
                let name = String::from("balance");
                move || name.to_uppercase()
            })
        };
        assert_eq!(got.unwrap().as_deref(), Some("BALANCE"));
    }

    /// A stage that overruns is abandoned at the deadline, not waited for.
    #[test]
    fn an_overrun_is_abandoned_at_the_deadline() {
        let started = Instant::now();
        let until = started + Duration::from_millis(200);
        // SAFETY: the closure captures nothing.
        let got = unsafe {
            within(until, || {
                std::thread::sleep(Duration::from_secs(3));
                1
            })
        };
        assert_eq!(got.unwrap(), None);
        let waited = started.elapsed();
        assert!(waited >= Duration::from_millis(200) && waited < Duration::from_secs(3), "{waited:?}");
    }

    /// An abandoned stage counts until its thread ends, even when it ends in a panic.
    #[test]
    fn an_abandoned_stage_counts_until_it_ends_even_in_a_panic() {
        for panics in [false, true] {
            let cores = crate::solve::cores::tests::own_cores();
            let (go, gate) = std::sync::mpsc::channel::<()>();
            let until = Instant::now() + Duration::from_millis(50);
            // SAFETY: the closure owns its receiver.
            let got = unsafe {
                within_counted(cores, until, move || {
                    // Ends only when the test says so, after it was abandoned.
                    gate.recv().unwrap();
                    assert!(!panics, "the abandoned stage failed");
                })
            };
            assert!(got.unwrap().is_none());
            assert_eq!(cores.overrunning(), 1);
            go.send(()).unwrap();
            let ended = Instant::now();
            while cores.overrunning() > 0 {
                assert!(ended.elapsed() < Duration::from_secs(20), "never counted as ended (panics: {panics})");
                std::thread::sleep(Duration::from_millis(10));
            }
        }
    }

    /// A panic in the stage is the caller's, not a time limit.
    #[test]
    fn a_panic_in_the_stage_is_resumed() {
        let until = Instant::now() + Duration::from_secs(30);
        let started = Instant::now();
        // SAFETY: the closure captures nothing.
        let caught = std::panic::catch_unwind(|| unsafe { within(until, || -> u8 { panic!("stage failed") }) });
        let payload = caught.expect_err("the panic comes back");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"stage failed"));
        assert!(started.elapsed() < Duration::from_secs(10));
    }
}
