//! A file whose lines are in two encodings: rows pasted together from a UTF-8 file and a
//! GBK one. Read whole either way, the Chinese of one part comes out as wrong characters,
//! so the mixture is named (E107) at the first line of the encoding that starts later.

use super::{damaged_utf8, decode_gb18030};
use crate::findings::{Finding, Text};

/// The encoding a line plainly is in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum LineText {
    /// UTF-8 Chinese; `gbk_too` when its bytes happen to be GBK text as well.
    Utf8 {
        gbk_too: bool,
    },
    Gbk,
}

/// E107 when some lines of `bytes` are plainly GBK and others plainly UTF-8 Chinese: a
/// line that cannot be GBK, or two in a row (no GBK line between) that are GBK text only
/// by chance. One GBK line in a few thousand is also UTF-8 Chinese by chance; two in a
/// row practically never, while pasted rows come in a block.
pub(super) fn mixed_encodings(bytes: &[u8], file: &str) -> Option<Finding> {
    let (mut utf8, mut gbk) = ((0, None), (0, None));
    let (mut plainly_utf8, mut after_utf8) = (false, false);
    for (line, text) in lines(bytes) {
        let (count, first) = match encoding(text) {
            Some(LineText::Utf8 { gbk_too }) => {
                plainly_utf8 |= !gbk_too || after_utf8;
                after_utf8 = true;
                (&mut utf8.0, &mut utf8.1)
            }
            Some(LineText::Gbk) => {
                after_utf8 = false;
                (&mut gbk.0, &mut gbk.1)
            }
            None => continue,
        };
        *count += 1;
        first.get_or_insert(line);
    }
    let ((n_utf8, Some(first_utf8)), (n_gbk, Some(first_gbk))) = (utf8, gbk) else { return None };
    if !plainly_utf8 {
        return None;
    }
    let text = Text::new("E107")
        .arg("n_utf8", n_utf8)
        .arg("first_utf8", first_utf8)
        .arg("n_gbk", n_gbk)
        .arg("first_gbk", first_gbk);
    Some(Finding::new(file, text).at_line(first_utf8.max(first_gbk)))
}

/// Each line's number and bytes; a line ends at LF, CRLF or CR (bytes no GBK character has).
fn lines(bytes: &[u8]) -> Vec<(u64, &[u8])> {
    let mut lines = Vec::new();
    let (mut number, mut start, mut i) = (1, 0, 0);
    while i < bytes.len() {
        if bytes[i] == b'\n' || bytes[i] == b'\r' {
            lines.push((number, &bytes[start..i]));
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            number += 1;
            start = i + 1;
        }
        i += 1;
    }
    if start < bytes.len() {
        lines.push((number, &bytes[start..]));
    }
    lines
}

/// The encoding a line plainly is in: UTF-8 when it is UTF-8 whose every other character
/// is Chinese, and that GBK would read as rarer characters than GB2312's; GBK when it is
/// not UTF-8, nor UTF-8 with a few damaged bytes, but is GB18030. `None` for ASCII and for
/// lines either reading could be (a short GBK line may happen to be UTF-8 too).
fn encoding(line: &[u8]) -> Option<LineText> {
    if line.is_ascii() {
        return None;
    }
    match std::str::from_utf8(line) {
        Ok(text) => {
            let chinese = text.chars().filter(|&c| !c.is_ascii()).all(|c| is_chinese(c) || c == '·');
            let gbk_too = decode_gb18030(line).is_ok();
            (chinese && !gb2312_text(line)).then_some(LineText::Utf8 { gbk_too })
        }
        Err(_) if damaged_utf8(line) => None,
        Err(_) => decode_gb18030(line).is_ok().then_some(LineText::Gbk),
    }
}

/// Chinese characters (the common block), CJK punctuation and full-width forms: what the
/// Chinese of a UTF-8 file is made of, and GBK bytes read as UTF-8 by chance seldom are.
fn is_chinese(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

/// Whether every non-ASCII character of `line`, read as GBK, is one of GB2312's (both
/// bytes from 0xA1): the everyday Chinese a GBK file holds.
fn gb2312_text(line: &[u8]) -> bool {
    let gb2312 = |b: u8| (0xA1..=0xFE).contains(&b);
    let mut i = 0;
    while i < line.len() {
        if line[i].is_ascii() {
            i += 1;
        } else if gb2312(line[i]) && line.get(i + 1).is_some_and(|&b| gb2312(b)) {
            i += 2;
        } else {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(text: &str) -> Vec<u8> {
        encoding_rs::GBK.encode(text).0.into_owned()
    }

    #[test]
    fn utf8_and_gbk_lines_in_one_file_are_named() {
        let mut bytes = "teacher_id,name\r\nT1,王丽\r\nT2,李强\r\n".as_bytes().to_vec();
        bytes.extend(gbk("T3,张敏\r\nT4,刘洋\r\n"));
        let f = mixed_encodings(&bytes, "t.csv").expect("mixed");
        assert_eq!((f.code, f.line), ("E107", Some(4)));
        assert!(f.message.starts_with("the file mixes two encodings: 2 line(s) in UTF-8 (the first is line 2)"));
    }

    #[test]
    fn one_encoding_is_not_a_mixture() {
        // 学校 in GBK is also valid UTF-8 (two Cyrillic letters): not counted as UTF-8.
        let bytes = gbk("name\n学校\n城关第一小学\n");
        assert!(std::str::from_utf8(&gbk("学校")).is_ok());
        assert!(mixed_encodings(&bytes, "t.csv").is_none());
        assert!(mixed_encodings("name\r城关第一小学\r".as_bytes(), "t.csv").is_none());
        // 涔佷竴 in GBK is also 乁一 in UTF-8: one such line among GBK lines is chance.
        let by_chance = gbk("name\n张敏\n涔佷竴\n刘洋\n");
        assert!(std::str::from_utf8(&gbk("涔佷竴")).is_ok_and(|u| u == "乁一"));
        assert!(mixed_encodings(&by_chance, "t.csv").is_none());
    }

    #[test]
    fn lines_end_at_any_break() {
        let numbers: Vec<u64> = lines(b"a\r\nb\rc\nd").iter().map(|l| l.0).collect();
        assert_eq!(numbers, [1, 2, 3, 4]);
    }
}
