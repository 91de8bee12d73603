//! `rotaplan merge`: the shards of a sweep joined into the table an unsharded run writes.

use crate::sweep::merge_dirs;
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(dirs: &[PathBuf], out: &Path) -> Result<ExitCode> {
    let m = merge_dirs(dirs, out)?;
    println!(
        "Merged {} shard(s) of sweep \"{}\": {} variants written to {}.",
        dirs.len(),
        m.scenario,
        m.variants,
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}
