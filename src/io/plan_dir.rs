//! A plan directory as one unit: moves.csv, hires.csv and summary.json are written together
//! by one run, replaced as a whole ([`super::atomic::replace_dir`]), and read back only
//! while they still belong together.
//!
//! Every run has a run id. summary.json carries it as `run_id`; moves.csv and hires.csv keep
//! the headers bureaus open in Excel, so `run.json` ties them to the run: it names the run
//! and gives each file's length and FNV-1a hash. A folder without run.json is a hand-made
//! plan and is read as it is. See docs/plan-directory.md.

use super::atomic::{check_writable, remove_leftovers, replace_dir};
use crate::findings::{Finding, Text};
use crate::report::i18n::say;
use anyhow::{bail, ensure, Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The manifest of a plan directory.
pub const MANIFEST: &str = "run.json";
/// The files of a plan, in the order they are listed.
pub const PLAN_FILES: [&str; 3] = ["moves.csv", "hires.csv", "summary.json"];
/// The exchange record for the next year a plan of `plan --year` also writes.
pub const RECORD_FILE: &str = "exchanges.csv";
/// Files the desktop or Excel puts in any folder (`~$` is Excel's lock file); they go with
/// the old plan when it is replaced.
const LITTER: [&str; 3] = [".DS_Store", "Thumbs.db", "desktop.ini"];

/// run.json: which run wrote the plan, and each of its files.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    run_id: String,
    written_by: String,
    files: BTreeMap<String, FileStamp>,
}

/// A file's length and 64-bit FNV-1a hash (hex): enough to tell two runs' files apart.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct FileStamp {
    bytes: u64,
    fnv1a64: String,
}

impl FileStamp {
    fn of(bytes: &[u8]) -> Self {
        let hash = super::fnv1a(&[bytes]);
        FileStamp { bytes: bytes.len() as u64, fnv1a64: format!("{hash:016x}") }
    }
}

/// summary.json with the run id as its first field.
#[derive(Serialize)]
struct Stamped<'a, S: Serialize> {
    run_id: &'a str,
    #[serde(flatten)]
    summary: &'a S,
}

/// Replaces the plan directory `dir` by moves.csv, hires.csv, summary.json (with `run_id`)
/// and run.json of a new run; returns the run id.
pub fn write_plan<S: Serialize>(dir: &Path, moves: &[u8], hires: &[u8], summary: &S) -> Result<String> {
    write_plan_with(dir, moves, hires, summary, None)
}

/// [`write_plan`], with the next year's exchange record ([`RECORD_FILE`]) when given.
pub fn write_plan_with<S: Serialize>(
    dir: &Path,
    moves: &[u8],
    hires: &[u8],
    summary: &S,
    record: Option<&[u8]>,
) -> Result<String> {
    let run_id = format!("{:016x}", rand::random::<u64>());
    let mut summary = serde_json::to_vec_pretty(&Stamped { run_id: &run_id, summary })?;
    summary.push(b'\n');
    let mut files: Vec<(&str, &[u8])> = PLAN_FILES.into_iter().zip([moves, hires, &summary[..]]).collect();
    files.extend(record.map(|bytes| (RECORD_FILE, bytes)));
    let manifest = Manifest {
        run_id: run_id.clone(),
        written_by: format!("rotaplan {}", env!("CARGO_PKG_VERSION")),
        files: files.iter().map(|(name, bytes)| (name.to_string(), FileStamp::of(bytes))).collect(),
    };
    let mut manifest = serde_json::to_vec_pretty(&manifest)?;
    manifest.push(b'\n');
    files.push((MANIFEST, &manifest));
    replace_dir(dir, &run_id, &files)?;
    Ok(run_id)
}

/// E151 for each plan file that is not the one run.json lists: a folder mixing two runs,
/// or a file edited since. Nothing when there is no run.json (a hand-made plan).
pub fn verify(dir: &Path) -> Vec<Finding> {
    let manifest = match std::fs::read(dir.join(MANIFEST)) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => return vec![unusable(dir, &format!("it cannot be read ({e})"))],
        Ok(text) => match serde_json::from_slice::<Manifest>(&text) {
            Err(e) => return vec![unusable(dir, &format!("it is not a plan manifest ({e})"))],
            Ok(m) => m,
        },
    };
    let id = &manifest.run_id;
    let mut findings = Vec::new();
    for name in PLAN_FILES {
        let listed = manifest.files.get(name);
        let key = match (listed, std::fs::read(dir.join(name)).ok()) {
            (Some(_), None) => "E151.missing",
            (None, Some(_)) => "E151.unlisted",
            (Some(stamp), Some(bytes)) if *stamp != FileStamp::of(&bytes) => "E151.changed",
            _ => continue,
        };
        let text = Text::new(key).arg("name", name).arg("id", id);
        findings.push(Finding::new(name, fixed(text, dir)));
    }
    findings
}

fn unusable(dir: &Path, why: &str) -> Finding {
    Finding::new(MANIFEST, fixed(Text::new("E151.unusable").arg("why", why), dir))
}

/// The arguments of E151's fix.
fn fixed(text: Text, dir: &Path) -> Text {
    text.arg("dir", dir.display()).arg("manifest", dir.join(MANIFEST).display())
}

/// Before a long run: `dir` (given as `flag`) can become a plan directory. It is new, or a
/// folder holding only a plan's files (and `keep`, outputs of this same run, such as a
/// report written inside it), and its folder and itself accept new files. A folder with
/// files that is not a rotaplan plan (no run.json, no summary.json: a hand-made plan) is
/// replaced only when `force`. What killed runs left beside it is removed.
pub fn prepare_out(flag: &str, dir: &Path, keep: &[&Path], force: bool) -> Result<()> {
    let target = match std::fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(dir).with_context(|| {
            let d = dir.display();
            say(format!("{flag} {d} is a broken link"), format!("{flag} {d} 是一个失效的链接"))
        })?,
        _ => dir.to_path_buf(),
    };
    match std::fs::symlink_metadata(&target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => check_writable(flag, &target)?,
        Err(e) => return Err(e).with_context(|| unreadable(flag, dir)),
        Ok(m) if !m.is_dir() => {
            let d = dir.display();
            bail!(say(
                format!("{flag} {d} is a file; a plan is a folder of files: give a folder name, such as plan-2026"),
                format!("{flag} {d} 是一个文件；方案是一个文件夹：请给出文件夹名，例如 plan-2026"),
            ))
        }
        Ok(_) => {
            only_plan_files(flag, &target, keep)?;
            if !force {
                a_rotaplan_plan(flag, &target, keep)?;
            }
            check_writable(flag, &target.join(MANIFEST))?;
            check_writable(flag, &target)?;
        }
    }
    remove_leftovers(&target)
}

/// "--out DIR cannot be read".
fn unreadable(flag: &str, dir: &Path) -> String {
    let d = dir.display();
    say(format!("{flag} {d} cannot be read"), format!("{flag} {d} 无法读取"))
}

/// An existing `dir` with files in it is a plan rotaplan wrote (run.json or summary.json),
/// not files a user made by hand and would lose.
fn a_rotaplan_plan(flag: &str, dir: &Path, keep: &[&Path]) -> Result<()> {
    if dir.join(MANIFEST).is_file() || dir.join("summary.json").is_file() {
        return Ok(());
    }
    let keep: Vec<PathBuf> = keep.iter().filter_map(|p| std::fs::canonicalize(p).ok()).collect();
    let canonical = std::fs::canonicalize(dir).with_context(|| unreadable(flag, dir))?;
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| unreadable(flag, dir))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !(LITTER.contains(&n.as_str()) || n.starts_with("~$") || keep.contains(&canonical.join(n))))
        .collect();
    files.sort();
    if files.is_empty() {
        return Ok(());
    }
    let d = dir.display();
    bail!(say(
        format!(
            "{flag} {d} is not a plan rotaplan wrote (it has no run.json or summary.json) and holds {}; a plan folder \
             is replaced as a whole, so they would be lost: give a new or empty folder, or add --force to replace it",
            files.join(", ")
        ),
        format!(
            "{flag} {d} 不是 rotaplan 写出的方案文件夹（没有 run.json 或 summary.json），其中已有 {}：\
             方案文件夹会被整体替换，这些文件将丢失。请换一个新的或空的文件夹；确实要替换时加上 --force",
            files.join("、")
        ),
    ));
}

/// An existing `dir` is replaced as a whole, so it may hold nothing a user would lose.
fn only_plan_files(flag: &str, dir: &Path, keep: &[&Path]) -> Result<()> {
    let canonical = std::fs::canonicalize(dir).with_context(|| unreadable(flag, dir))?;
    if let Ok(cwd) = std::env::current_dir() {
        let d = dir.display();
        ensure!(
            !cwd.starts_with(&canonical),
            say(
                format!("{flag} {d} is the current folder or holds it; give a folder of its own, such as plan-2026"),
                format!("{flag} {d} 是当前文件夹或包含当前文件夹；请给方案一个单独的文件夹，例如 plan-2026"),
            )
        );
    }
    let keep: Vec<PathBuf> = keep.iter().filter_map(|p| std::fs::canonicalize(p).ok()).collect();
    let mut foreign = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| unreadable(flag, dir))? {
        let entry = entry.with_context(|| unreadable(flag, dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().map(|t| t.is_file()).unwrap_or(false);
        let ours = is_file && (PLAN_FILES.contains(&name.as_str()) || name == MANIFEST || name == RECORD_FILE);
        let litter = is_file && (LITTER.contains(&name.as_str()) || name.starts_with("~$"));
        if !(ours || litter || keep.contains(&canonical.join(&name))) {
            foreign.push(name);
        }
    }
    foreign.sort();
    if !foreign.is_empty() {
        let (d, n, one) = (dir.display(), foreign.len(), foreign.len() == 1);
        let more = if n > 5 { format!(" and {} more", n - 5) } else { String::new() };
        let more_zh = if n > 5 { format!(" 等 {n} 项") } else { String::new() };
        let shown = foreign.iter().take(5).map(String::as_str).collect::<Vec<_>>();
        bail!(say(
            format!(
                "{flag} {d} holds {} not part of a plan ({}{more}); a plan folder is replaced as a whole, so give a new \
                 or empty folder, or move {} out first",
                if one { "an entry" } else { "entries" },
                shown.join(", "),
                if one { "it" } else { "them" }
            ),
            format!(
                "{flag} {d} 中有不属于方案的内容（{}{more_zh}）；方案文件夹会被整体替换，请换一个新的或空的文件夹，\
                 或先把它们移走",
                shown.join("、")
            ),
        ));
    }
    Ok(())
}
