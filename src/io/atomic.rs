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
    // A temporary file is created owner-only (0600); outputs are ordinary files that
    // colleagues and other programs must be able to read.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    tmp.persist(path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Writes the files of one output directory. All bytes are rendered by the caller before
/// this is called, and each file is renamed into place whole, so an error while rendering
/// leaves no partial output.
pub fn write_all_atomic<P: AsRef<Path>>(files: &[(P, Vec<u8>)]) -> Result<()> {
    for (path, bytes) in files {
        write_atomic(path.as_ref(), bytes)?;
    }
    Ok(())
}
