//! Writing outputs so that a reader never sees half a file: write to a temporary file in
//! the same directory, flush it, then rename it over the target. A directory whose files
//! belong together (a plan) is replaced as a whole ([`replace_dir`]), so it never mixes
//! the files of two runs; what a killed run leaves beside it is removed by the next one.

use crate::report::i18n::files::{cannot_create, cannot_read, cannot_replace, cannot_write};
use crate::report::i18n::say;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically (temporary file + rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).with_context(|| cannot_create(dir))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).with_context(|| cannot_write(dir))?;
    tmp.write_all(bytes).with_context(|| cannot_write(path))?;
    tmp.as_file().sync_all().ok();
    // A temporary file is created owner-only (0600); outputs are ordinary files that
    // colleagues and other programs must be able to read.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    tmp.persist(path).with_context(|| cannot_write(path))?;
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

/// Hidden siblings of a directory being replaced start with this; the next run removes
/// them (see [`remove_leftovers`]).
const LEFTOVER_PREFIX: &str = ".rotaplan-";

/// Replaces the directory `target` as a whole by one holding exactly `files` (name, bytes).
///
/// The files are written into a new hidden sibling, `.rotaplan-NAME.TAG.new`, flushed, and
/// the sibling is exchanged with `target` in one step (Linux `renameat2(RENAME_EXCHANGE)`),
/// so at every moment `target` holds the old files or the new ones, never a mixture. Where
/// the exchange is not supported the old directory is first renamed to
/// `.rotaplan-NAME.TAG.old` and restored by the next run if it is killed between the two
/// renames. The old directory is then removed. `tag` names this run's siblings.
pub fn replace_dir(target: &Path, tag: &str, files: &[(&str, &[u8])]) -> Result<()> {
    let target = resolve_link(target)?;
    let (parent, name) = split(&target)?;
    std::fs::create_dir_all(&parent).with_context(|| cannot_create(&parent))?;
    remove_leftovers(&target)?;
    let staging = parent.join(format!("{LEFTOVER_PREFIX}{name}.{tag}.new"));
    if let Err(e) = write_staging(&staging, files) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e.context(cannot_write(&target)));
    }
    let old = match std::fs::symlink_metadata(&target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| cannot_read(&target)),
        Ok(m) if !m.is_dir() => {
            let _ = std::fs::remove_dir_all(&staging);
            let t = target.display();
            anyhow::bail!(say(
                format!("{t} is a file, not a folder; give a folder name for the output"),
                format!("{t} 是文件而不是文件夹；请给输出一个文件夹名"),
            ))
        }
        Ok(_) => Some(swap_in(&staging, &target, &parent, name, tag)?),
    };
    if old.is_none() {
        std::fs::rename(&staging, &target).with_context(|| cannot_create(&target))?;
    }
    sync_dir(&parent);
    if let Some(old) = old {
        if let Err(e) = std::fs::remove_dir_all(&old) {
            let (t, o) = (target.display(), old.display());
            eprintln!(
                "{}",
                say(
                    format!("warning: the old {t} is left in {o} ({e}); the next run removes it"),
                    format!("警告：旧的 {t} 留在了 {o}（{e}）；下次运行时会删除"),
                )
            );
        }
    }
    Ok(())
}

/// Puts the complete `staging` directory in the place of the existing `target`; returns
/// where the old directory now is.
fn swap_in(staging: &Path, target: &Path, parent: &Path, name: &str, tag: &str) -> Result<std::path::PathBuf> {
    match exchange(staging, target) {
        Ok(()) => return Ok(staging.to_path_buf()),
        Err(e) if !exchange_unsupported(&e) => {
            let _ = std::fs::remove_dir_all(staging);
            return Err(e).with_context(|| cannot_replace(target));
        }
        Err(_) => {}
    }
    let old = parent.join(format!("{LEFTOVER_PREFIX}{name}.{tag}.old"));
    if let Err(e) = std::fs::rename(target, &old) {
        let _ = std::fs::remove_dir_all(staging);
        return Err(e).with_context(|| cannot_replace(target));
    }
    if let Err(e) = std::fs::rename(staging, target) {
        let _ = std::fs::rename(&old, target);
        let _ = std::fs::remove_dir_all(staging);
        return Err(e).with_context(|| cannot_replace(target));
    }
    Ok(old)
}

/// Creates `dir` and writes each file into it, flushed to disk.
fn write_staging(dir: &Path, files: &[(&str, &[u8])]) -> Result<()> {
    std::fs::create_dir(dir).with_context(|| cannot_create(dir))?;
    for (name, bytes) in files {
        let path = dir.join(name);
        let mut file = std::fs::File::create(&path).with_context(|| cannot_create(&path))?;
        file.write_all(bytes).with_context(|| cannot_write(&path))?;
        file.sync_all().with_context(|| cannot_write(&path))?;
    }
    sync_dir(dir);
    Ok(())
}

/// Removes what killed runs left next to `target`: `.rotaplan-NAME.TAG.new` and `.old`
/// siblings. When `target` itself is missing and an `.old` sibling holds the previous
/// directory (a run killed between its two renames), that one is renamed back first.
pub fn remove_leftovers(target: &Path) -> Result<()> {
    let (parent, name) = split(target)?;
    let Ok(entries) = std::fs::read_dir(&parent) else { return Ok(()) };
    let mut leftovers: Vec<(std::path::PathBuf, bool)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| leftover_of(&e.file_name().to_string_lossy(), name).map(|old| (e.path(), old)))
        .collect();
    leftovers.sort();
    if !target.exists() {
        if let Some((old, _)) = leftovers.iter().find(|(_, old)| *old) {
            std::fs::rename(old, target).with_context(|| {
                let (t, o) = (target.display(), old.display());
                say(
                    format!("cannot restore {t} from {o}; rename it back by hand"),
                    format!("无法从 {o} 恢复 {t}；请手工改回原名"),
                )
            })?;
        }
    }
    for (path, _) in leftovers.iter().filter(|(p, _)| p.exists()) {
        let removed = if path.is_dir() { std::fs::remove_dir_all(path) } else { std::fs::remove_file(path) };
        removed.with_context(|| {
            let p = path.display();
            say(
                format!("cannot remove {p}, left by a run that was stopped; remove it by hand"),
                format!("无法删除 {p}（被中断的运行留下的）；请手工删除"),
            )
        })?;
    }
    Ok(())
}

/// Whether `entry` is a leftover sibling of the directory `name`: `Some(true)` for an old
/// directory (`.old`), `Some(false)` for an unfinished new one (`.new`).
fn leftover_of(entry: &str, name: &str) -> Option<bool> {
    let rest = entry.strip_prefix(LEFTOVER_PREFIX)?;
    let (rest, old) = match (rest.strip_suffix(".old"), rest.strip_suffix(".new")) {
        (Some(r), _) => (r, true),
        (_, Some(r)) => (r, false),
        _ => return None,
    };
    let (stem, tag) = rest.rsplit_once('.')?;
    (stem == name && !tag.is_empty() && tag.chars().all(|c| c.is_ascii_hexdigit())).then_some(old)
}

/// A symbolic link given as the directory to replace stands for the directory it points
/// to (replacing the link itself would move the output away from where it pointed).
fn resolve_link(target: &Path) -> Result<std::path::PathBuf> {
    match std::fs::symlink_metadata(target) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(target).with_context(|| {
            let t = target.display();
            say(format!("{t} is a broken link"), format!("{t} 是失效的链接"))
        }),
        _ => Ok(target.to_path_buf()),
    }
}

/// The parent folder (`.` for a bare name) and the name of `dir`.
fn split(dir: &Path) -> Result<(std::path::PathBuf, &str)> {
    let name = dir.file_name().and_then(|n| n.to_str()).with_context(|| {
        let d = dir.display();
        say(
            format!("{d} is not a folder name rotaplan can replace; give a named folder, such as plan-2026"),
            format!("{d} 不是 rotaplan 可以替换的文件夹名；请给出一个有名字的文件夹，如 plan-2026"),
        )
    })?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    Ok((parent, name))
}

/// Flushes a directory's entries (new names, renames) to disk; best effort.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Whether a failed exchange means the system cannot exchange (then two renames do).
fn exchange_unsupported(e: &std::io::Error) -> bool {
    const EINVAL: i32 = 22;
    const ENOSYS: i32 = 38;
    e.kind() == std::io::ErrorKind::Unsupported || matches!(e.raw_os_error(), Some(EINVAL | ENOSYS))
}

/// Exchanges two paths atomically (Linux 3.15+, glibc 2.28+).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::{c_char, c_int, c_uint, CString};
    use std::os::unix::ffi::OsStrExt;
    extern "C" {
        fn renameat2(
            olddirfd: c_int,
            oldpath: *const c_char,
            newdirfd: c_int,
            newpath: *const c_char,
            flags: c_uint,
        ) -> c_int;
    }
    const AT_FDCWD: c_int = -100;
    const RENAME_EXCHANGE: c_uint = 1 << 1;
    let (a, b) = (CString::new(a.as_os_str().as_bytes())?, CString::new(b.as_os_str().as_bytes())?);
    // SAFETY: both arguments are NUL-terminated strings alive until the call returns, and
    // renameat2 only reads them; AT_FDCWD and RENAME_EXCHANGE are Linux's values.
    let rc = unsafe { renameat2(AT_FDCWD, a.as_ptr(), AT_FDCWD, b.as_ptr(), RENAME_EXCHANGE) };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Checks, before a long run, that an output can be created at `path` (a file or a
/// folder, new or existing): the nearest existing folder on its way must accept a new file.
pub fn check_writable(flag: &str, path: &Path) -> Result<()> {
    let mut dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    while !dir.exists() {
        match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => dir = p.to_path_buf(),
            _ => dir = std::path::PathBuf::from("."),
        }
    }
    let (p, d) = (path.display(), dir.display());
    anyhow::ensure!(
        dir.is_dir(),
        say(
            format!("{flag} {p} cannot be written: {d} is a file, not a folder; give a path inside a folder"),
            format!("{flag} {p} 无法写入：{d} 是文件而不是文件夹；请给出某个文件夹中的路径"),
        )
    );
    // An unnamed temporary file (O_TMPFILE on Linux) leaves nothing behind if killed.
    tempfile::tempfile_in(&dir).map(drop).with_context(|| {
        say(
            format!("{flag} {p} cannot be written in {d}; choose a folder you may write to"),
            format!("{flag} {p} 无法写入 {d}；请选择有写入权限的文件夹"),
        )
    })
}
