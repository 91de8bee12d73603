//! The live line of `plan` on a terminal: the stage running, the time since the start, and
//! the best value and proven bound of the stage's term, rewritten in place (`\r`) every
//! quarter second. Nothing is written when standard error is not a terminal (a log file,
//! a pipe, a test), so logs and scripts see only the final report.

use crate::report::i18n::{self, pick, Lang};
use crate::solve::live::{self, Live};
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The running live line; dropping it stops it and clears the line.
pub struct Progress {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    _watch: live::Watch,
}

/// Starts the live line when standard error is a terminal.
pub fn start(lang: Lang) -> Option<Progress> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let watch = live::watch();
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let flag = Arc::clone(&stop);
    let thread = std::thread::spawn(move || {
        while !flag.load(Ordering::Relaxed) {
            let text = line(lang, live::now(), started.elapsed().as_secs_f64());
            let mut err = std::io::stderr().lock();
            // `\r` back to the start, the line, then clear what a longer line left.
            let _ = write!(err, "\r{text}\x1b[K");
            let _ = err.flush();
            drop(err);
            std::thread::sleep(Duration::from_millis(250));
        }
        let _ = write!(std::io::stderr(), "\r\x1b[K");
    });
    Some(Progress { stop, thread: Some(thread), _watch: watch })
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The text of the live line.
pub fn line(lang: Lang, now: Option<Live>, elapsed: f64) -> String {
    let Some(l) = now else {
        return pick(lang, format!("building the model ... {elapsed:.0} s"), format!("正在建立模型…… {elapsed:.0} 秒"));
    };
    let value = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.4}"));
    let term = i18n::term(lang, l.term.name());
    pick(
        lang,
        format!(
            "stage {}/{} ({term}) {elapsed:.0} s  best {}  bound {}",
            l.stage,
            l.stages,
            value(l.best),
            value(l.bound)
        ),
        format!(
            "阶段 {}/{}（{term}） 已用 {elapsed:.0} 秒  当前最好 {}  下界 {}",
            l.stage,
            l.stages,
            value(l.best),
            value(l.bound)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Term;

    #[test]
    fn the_line_names_the_stage_time_value_and_bound() {
        let l = Live { stage: 2, stages: 5, term: Term::Shortage, best: Some(4.0), bound: None };
        assert_eq!(line(Lang::En, Some(l), 12.3), "stage 2/5 (unfilled posts) 12 s  best 4.0000  bound -");
        assert_eq!(line(Lang::Zh, Some(l), 12.3), "阶段 2/5（缺岗） 已用 12 秒  当前最好 4.0000  下界 -");
        assert_eq!(line(Lang::En, None, 3.0), "building the model ... 3 s");
    }
}
