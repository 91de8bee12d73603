//! The live line of `plan` (issue 18, item 6): on a terminal, standard error shows the
//! stage, the time and the best value and bound, rewritten in place and cleared at the end;
//! anywhere else (a pipe, a log file) `plan` writes nothing there. The terminal is the
//! pseudo-terminal of util-linux's `script` (Debian's essential bsdutils).

use assert_cmd::Command;
use std::path::Path;

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("rotaplan")
}

fn county(dir: &Path) -> std::path::PathBuf {
    let c = dir.join("county");
    Command::new(bin()).args(["generate", "--schools", "8", "--out"]).arg(&c).assert().success();
    c
}

#[test]
fn plan_is_quiet_on_stderr_when_it_is_not_a_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let c = county(tmp.path());
    let out = Command::new(bin())
        .env("LANG", "C")
        .args(["plan", c.to_str().unwrap(), "--time-limit", "5", "--out"])
        .arg(tmp.path().join("plan"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Plan written to"));
}

#[test]
fn plan_shows_a_live_line_on_a_terminal_in_the_runs_language() {
    let tmp = tempfile::tempdir().unwrap();
    let c = county(tmp.path());
    for (lang, stage, best, bound) in [("en", "stage ", "best ", "bound "), ("zh", "阶段 ", "当前最好 ", "下界 ")]
    {
        let plan = tmp.path().join(format!("plan-{lang}"));
        let command =
            format!("{} --lang {lang} plan {} --time-limit 5 --out {}", bin().display(), c.display(), plan.display());
        let out = std::process::Command::new("script").args(["-qfec", &command, "/dev/null"]).output().unwrap();
        assert!(out.status.success(), "{out:?}");
        let tty = String::from_utf8_lossy(&out.stdout);
        // Each state is written over the last (`\r`, the line, clear to its end) ...
        let line = tty.split('\r').find(|l| l.starts_with(stage)).unwrap_or_else(|| panic!("no live line in {tty:?}"));
        assert!(
            line.ends_with("\x1b[K") && line.contains(best) && line.contains(bound) && line.contains("/5"),
            "{line:?}"
        );
        // ... and the line is cleared before the report.
        let report = if lang == "en" { "Plan written to" } else { "方案已写入" };
        let at = tty.find(report).unwrap_or_else(|| panic!("no report in {tty:?}"));
        assert!(tty[..at].ends_with("\r\x1b[K"), "{tty:?}");
    }
}
