//! The messages several commands print, each in English and Chinese in one place; a
//! command's own messages stay in its file. Errors are worded in the run's language
//! ([`crate::report::i18n::current`]), as `main` prints them.

use crate::report::i18n::{pick, say, Lang};
use anyhow::{ensure, Result};
use std::path::Path;

/// "Report written to PATH." (said on standard error by the commands whose standard
/// output is the table).
pub fn report_written(lang: Lang, path: &Path) -> String {
    let p = path.display();
    pick(lang, format!("Report written to {p}."), format!("报告已写入 {p}。"))
}

/// "Workbook written to PATH."
pub fn workbook_written(lang: Lang, path: &Path) -> String {
    let p = path.display();
    pick(lang, format!("Workbook written to {p}."), format!("工作簿已写入 {p}。"))
}

/// The context of a failed write of the report.
pub fn cannot_write_report(path: &Path) -> String {
    let p = path.display();
    say(format!("cannot write the report {p}"), format!("无法写入报告 {p}"))
}

/// The context of a failed write of the workbook.
pub fn cannot_write_workbook(path: &Path) -> String {
    let p = path.display();
    say(format!("cannot write the workbook {p}"), format!("无法写入工作簿 {p}"))
}

/// `--time-limit` must be a positive number of seconds.
pub fn check_time_limit(seconds: f64) -> Result<()> {
    ensure!(
        seconds > 0.0,
        say(
            format!("--time-limit must be more than 0 seconds (got {seconds})"),
            format!("--time-limit 必须大于 0 秒（实际为 {seconds}）"),
        )
    );
    Ok(())
}

/// The solve options a user can give wrong, each said in the run's language.
pub fn check_solve_options(opts: &crate::solve::SolveOptions) -> Result<()> {
    check_time_limit(opts.time_limit)?;
    let (gap, threads) = (opts.gap, opts.threads);
    ensure!(
        (0.0..1.0).contains(&gap),
        say(format!("--gap must be from 0 to 1 (got {gap})"), format!("--gap 必须在 0 到 1 之间（实际为 {gap}）"))
    );
    ensure!(
        opts.node_limit != Some(0),
        say(
            "--node-limit must be at least 1 (a search needs its root node)".into(),
            "--node-limit 至少为 1（搜索至少需要根节点）".into()
        )
    );
    ensure!(
        (1..=256).contains(&threads),
        say(
            format!("--threads must be from 1 to 256 (got {threads})"),
            format!("--threads 必须在 1 到 256 之间（实际为 {threads}）")
        )
    );
    Ok(())
}

/// An output file given by `flag` must not be a folder, and its folder must accept it.
pub fn check_output_file(flag: &str, path: Option<&Path>) -> Result<()> {
    if let Some(p) = path {
        let (shown, example) = (p.display(), p.join("plan.html"));
        let example = example.display();
        ensure!(
            !p.is_dir(),
            say(
                format!("{flag} {shown} is a folder; give a file name, such as {example}"),
                format!("{flag} {shown} 是一个文件夹；请给出文件名，例如 {example}"),
            )
        );
        crate::io::atomic::check_writable(flag, p)?;
    }
    Ok(())
}
