//! Messages about files and folders, and the operating system's own errors, in the run's
//! language: what rotaplan could not do with a path, and why.

use super::say;
use std::path::Path;

/// "cannot read PATH".
pub fn cannot_read(path: &Path) -> String {
    let p = path.display();
    say(format!("cannot read {p}"), format!("无法读取 {p}"))
}

/// "cannot write PATH".
pub fn cannot_write(path: &Path) -> String {
    let p = path.display();
    say(format!("cannot write {p}"), format!("无法写入 {p}"))
}

/// "cannot create PATH" (a file or a folder).
pub fn cannot_create(path: &Path) -> String {
    let p = path.display();
    say(format!("cannot create {p}"), format!("无法创建 {p}"))
}

/// "cannot replace PATH" (an output folder).
pub fn cannot_replace(path: &Path) -> String {
    let p = path.display();
    say(format!("cannot replace {p}"), format!("无法替换 {p}"))
}

/// "cannot write the workbook" (rendering it, before any file is written).
pub fn cannot_render_workbook(e: impl std::fmt::Display) -> String {
    say(format!("cannot write the workbook: {e}"), format!("无法生成工作簿：{e}"))
}

/// An error and its causes on one line, as `main` prints it: `{:#}` in English; in
/// Chinese joined with a full-width colon, the operating system's errors in words.
pub fn chain(e: &anyhow::Error) -> String {
    if super::current() == super::Lang::En {
        return format!("{e:#}");
    }
    let parts: Vec<String> = e
        .chain()
        .map(|cause| match cause.downcast_ref::<std::io::Error>() {
            Some(io) => os_error(io),
            None => cause.to_string(),
        })
        .collect();
    parts.join("：")
}

/// An operating-system error in the run's language: in Chinese by its kind (the system's
/// text when the kind is not one a user meets).
pub fn os_error(e: &std::io::Error) -> String {
    os_error_in(super::current(), e)
}

/// [`os_error`] in `lang`.
pub fn os_error_in(lang: super::Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    if lang == super::Lang::En {
        return e.to_string();
    }
    let zh = match e.kind() {
        NotFound => "找不到该文件或文件夹",
        PermissionDenied => "没有权限",
        AlreadyExists => "已存在",
        IsADirectory => "这是一个文件夹",
        NotADirectory => "路径中有一段不是文件夹",
        DirectoryNotEmpty => "文件夹不是空的",
        ReadOnlyFilesystem => "磁盘是只读的",
        StorageFull => "磁盘已满",
        FileTooLarge => "文件太大",
        InvalidData => "内容无法识别",
        InvalidFilename => "文件名无效",
        UnexpectedEof => "文件意外结束",
        _ => return e.to_string(),
    };
    zh.to_string()
}
