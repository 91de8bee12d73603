//! Writing outputs so that a reader never sees half a file: write to a temporary file in
//! the same directory, flush it, then rename it over the target.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically (temporary file + rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create directory {}", dir.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).with_context(|| format!("cannot write in {}", dir.display()))?;
    tmp.write_all(bytes).with_context(|| format!("cannot write {}", path.display()))?;
    tmp.as_file().sync_all().ok();
    tmp.persist(path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Writes several files of one output directory: all are rendered first, then each is
/// renamed into place, so an error while rendering leaves no partial output.
pub fn write_all_atomic(files: &[(&Path, Vec<u8>)]) -> Result<()> {
    for (path, bytes) in files {
        write_atomic(path, bytes)?;
    }
    Ok(())
}
