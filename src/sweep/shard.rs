//! Shards: `--shard i/n` solves variants i, i+n, i+2n, ... (round robin, so that every
//! shard gets a like mix of the grid), and `merge` joins the shards' directories into
//! exactly the directory an unsharded run writes.

use super::output::{json_head, write_dir, Lines, Manifest, MANIFEST, RESULTS_CSV, RESULTS_JSON, TIMINGS_CSV};
use super::results::{csv_header, csv_record, TIMINGS_HEADER};
use crate::report::i18n::say;
use anyhow::{bail, ensure, Context, Result};
use std::fmt;
use std::path::{Path, PathBuf};

/// Shard `index` of `count` (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

/// Most shards a sweep may be split into.
pub const MAX_SHARDS: usize = 100_000;

impl Shard {
    /// The whole sweep.
    pub const WHOLE: Shard = Shard { index: 1, count: 1 };

    /// Parses `i/n` with 1 <= i <= n.
    pub fn parse(text: &str) -> Result<Shard> {
        let usage = || {
            say(
                format!("--shard takes i/n with 1 <= i <= n, e.g. 2/8 (got \"{text}\")"),
                format!("--shard 的格式为 i/n，1 <= i <= n，例如 2/8（实际为“{text}”）"),
            )
        };
        let (i, n) = text.trim().split_once('/').with_context(usage)?;
        let (index, count): (usize, usize) =
            (i.trim().parse().with_context(usage)?, n.trim().parse().with_context(usage)?);
        ensure!(index >= 1 && index <= count, usage());
        ensure!(
            count <= MAX_SHARDS,
            say(
                format!("--shard: at most {MAX_SHARDS} shards (got {count})"),
                format!("--shard：最多 {MAX_SHARDS} 个分片（实际为 {count}）"),
            )
        );
        Ok(Shard { index, count })
    }

    /// Whether variant `v` (1-based) belongs to this shard.
    pub fn contains(&self, v: usize) -> bool {
        v >= 1 && self.count > 0 && (v - 1) % self.count + 1 == self.index
    }

    /// This shard's variants of a sweep of `total`, in order.
    pub fn indices(&self, total: usize) -> impl Iterator<Item = usize> {
        (self.index.max(1)..=total).step_by(self.count.max(1))
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// Joins shard directories (every shard of one sweep, each once) into `out`.
pub fn merge_dirs(dirs: &[PathBuf], out: &Path) -> Result<Manifest> {
    ensure!(!dirs.is_empty(), say("give the shard directories to merge".into(), "请给出要合并的分片文件夹".into()));
    let mut parts = Vec::new();
    for d in dirs {
        let path = d.join(MANIFEST);
        let text = std::fs::read_to_string(&path).with_context(|| {
            let d = d.display();
            say(
                format!("{d} is not a sweep output directory (no readable {MANIFEST})"),
                format!("{d} 不是 sweep 的输出文件夹（没有可读的 {MANIFEST}）"),
            )
        })?;
        let m: Manifest = serde_json::from_str(&text).with_context(|| {
            let p = path.display();
            say(format!("{p} is malformed"), format!("{p} 的内容有误"))
        })?;
        let shard = Shard::parse(&m.shard).with_context(|| {
            let p = path.display();
            say(format!("{p}: bad shard"), format!("{p}：分片有误"))
        })?;
        parts.push((d, m, shard));
    }
    let (first_dir, first, first_shard) = (&parts[0].0, parts[0].1.clone(), parts[0].2);
    let mut seen = vec![None::<&PathBuf>; first_shard.count];
    for (d, m, shard) in &parts {
        let (a, b) = (first_dir.display(), d.display());
        ensure!(
            m.same_sweep(&first),
            say(
                format!(
                    "{a} and {b} are not shards of the same sweep (scenario, fingerprint, variants, parameters or \
                     rotaplan version differ)"
                ),
                format!("{a} 和 {b} 不是同一次 sweep 的分片（情景、指纹、变体、参数或 rotaplan 版本不同）"),
            )
        );
        ensure!(
            shard.count == first_shard.count,
            say(
                format!(
                    "{b} is shard {shard} but {a} is shard {first_shard}: all shards must split the sweep the same way"
                ),
                format!("{b} 是分片 {shard}，而 {a} 是分片 {first_shard}：所有分片必须按同一方式拆分"),
            )
        );
        if let Some(other) = seen[shard.index - 1].replace(d) {
            let o = other.display();
            bail!(say(
                format!("shard {shard} is given twice: {o} and {b}"),
                format!("分片 {shard} 给了两次：{o} 和 {b}")
            ));
        }
    }
    let missing: Vec<String> = (0..seen.len()).filter(|&i| seen[i].is_none()).map(|i| (i + 1).to_string()).collect();
    let (list, n) = (missing.join(", "), first_shard.count);
    ensure!(
        missing.is_empty(),
        say(
            format!("shard(s) {list} of {n} missing; merge needs every shard"),
            format!("缺少 {n} 个分片中的第 {list} 个；合并需要全部分片"),
        )
    );
    let mut lines = Lines { csv: Vec::new(), json: Vec::new(), timings: Vec::new() };
    for (d, m, shard) in &parts {
        read_shard(d, m, *shard, &mut lines)?;
    }
    lines.csv.sort_by_key(|(v, _)| *v);
    lines.json.sort_by_key(|(v, _)| *v);
    lines.timings.sort_by_key(|(v, _)| *v);
    let merged = Manifest { shard: Shard::WHOLE.to_string(), ..first };
    write_dir(out, &merged, &lines)?;
    Ok(merged)
}

/// Adds one shard's rows to `lines`, checking that the shard holds exactly its variants.
fn read_shard(dir: &Path, m: &Manifest, shard: Shard, lines: &mut Lines) -> Result<()> {
    let expected: Vec<usize> = shard.indices(m.variants).collect();
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .with_context(|| crate::report::i18n::files::cannot_read(&dir.join(name)))
    };
    let csv = read(RESULTS_CSV)?;
    let header = String::from_utf8(csv_record(&csv_header(&m.parameters)))?;
    let rows = body(&csv, header.trim_end(), None, dir, RESULTS_CSV)?;
    let csv_rows = numbered(rows, dir, RESULTS_CSV, |l| l.split(',').next().and_then(|v| v.parse().ok()))?;
    let json = read(RESULTS_JSON)?;
    let rows = body(&json, &json_head(m), Some("]}"), dir, RESULTS_JSON)?;
    let rows: Vec<&str> = rows.into_iter().map(|l| l.strip_suffix(',').unwrap_or(l)).collect();
    let json_rows = numbered(rows, dir, RESULTS_JSON, |l| {
        serde_json::from_str::<serde_json::Value>(l).ok()?.get("variant")?.as_u64().map(|v| v as usize)
    })?;
    let timings = read(TIMINGS_CSV)?;
    let rows = body(&timings, TIMINGS_HEADER.trim_end(), None, dir, TIMINGS_CSV)?;
    let timing_rows = numbered(rows, dir, TIMINGS_CSV, |l| l.split(',').next().and_then(|v| v.parse().ok()))?;
    for (name, got) in [
        (RESULTS_CSV, csv_rows.iter().map(|r| r.0).collect::<Vec<_>>()),
        (RESULTS_JSON, json_rows.iter().map(|r| r.0).collect()),
        (TIMINGS_CSV, timing_rows.iter().map(|r| r.0).collect()),
    ] {
        ensure!(
            got == expected,
            "{} does not hold exactly the variants of shard {shard} ({} rows, {} expected)",
            dir.join(name).display(),
            got.len(),
            expected.len()
        );
    }
    lines.csv.extend(csv_rows.into_iter().map(|(v, l)| (v, format!("{l}\n").into_bytes())));
    lines.json.extend(json_rows.into_iter().map(|(v, l)| (v, l.to_string())));
    lines.timings.extend(timing_rows.into_iter().map(|(v, l)| (v, format!("{l}\n").into_bytes())));
    Ok(())
}

/// The row lines of a file: after the `head` line and before the `foot` line, if any.
fn body<'a>(text: &'a str, head: &str, foot: Option<&str>, dir: &Path, name: &str) -> Result<Vec<&'a str>> {
    let mut lines: Vec<&str> = text.lines().collect();
    ensure!(
        lines.first() == Some(&head),
        "{}: the first line is not the one this sweep writes (another rotaplan version or a changed file?)",
        dir.join(name).display()
    );
    if let Some(foot) = foot {
        let path = dir.join(name);
        let p = path.display();
        ensure!(
            lines.last() == Some(&foot),
            say(format!("{p}: the file is cut short"), format!("{p}：文件不完整（末尾被截断）"))
        );
        lines.pop();
    }
    Ok(lines.into_iter().skip(1).filter(|l| !l.is_empty()).collect())
}

/// Each line with its variant number, read by `variant`.
fn numbered<'a>(
    lines: Vec<&'a str>,
    dir: &Path,
    name: &str,
    variant: impl Fn(&str) -> Option<usize>,
) -> Result<Vec<(usize, &'a str)>> {
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let v = variant(l).with_context(|| {
                let (p, n) = (dir.join(name), i + 2);
                let p = p.display();
                say(format!("{p} line {n}: no variant number"), format!("{p} 第 {n} 行：没有变体编号"))
            })?;
            Ok((v, l))
        })
        .collect()
}
