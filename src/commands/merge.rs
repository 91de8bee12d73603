//! `rotaplan merge`: the shards of a sweep joined into the table an unsharded run writes.

use crate::report::i18n::{current, pick};
use crate::sweep::merge_dirs;
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(dirs: &[PathBuf], out: &Path) -> Result<ExitCode> {
    let m = merge_dirs(dirs, out)?;
    let (n, name, variants, out) = (dirs.len(), &m.scenario, m.variants, out.display());
    println!(
        "{}",
        pick(
            current(),
            format!("Merged {n} shard(s) of sweep \"{name}\": {variants} variants written to {out}."),
            format!("已合并情景“{name}”的 {n} 个分片：{variants} 个变体已写入 {out}。"),
        )
    );
    Ok(ExitCode::SUCCESS)
}
