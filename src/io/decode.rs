//! Decoding a data file's bytes to text: UTF-8 as it is, GBK (GB18030) when that is what
//! a spreadsheet on Chinese Windows saved, E107 for a file whose lines mix the two
//! (`mixed`), and E102 for anything else, placed at the line and cell where the text breaks.

mod mixed;

use crate::findings::{Finding, Findings, Text};

/// Decodes file bytes. UTF-8 (a byte-order mark is stripped) is read as it is. Otherwise
/// the bytes are read as GB18030, the superset of GBK that spreadsheets on Chinese Windows
/// save plain "CSV" in, when they are valid GB18030 and do not look like UTF-8 text with a
/// few damaged bytes (which GB18030 would turn into wrong characters without an error).
/// Anything else is E102, naming the line (and cell) where the text breaks: a file is
/// never read garbled.
pub fn decode(bytes: &[u8], file: &str, findings: &mut Findings) -> Option<String> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        findings.push(Finding::new(file, Text::new("E102.utf16")).at_line(1));
        return None;
    }
    let (bytes, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => return Some(text.to_string()),
        Err(e) => e.valid_up_to(),
    };
    if let Some(mixture) = mixed::mixed_encodings(bytes, file) {
        findings.push(mixture);
        return None;
    }
    let utf8_good = std::str::from_utf8(&bytes[..utf8_error]).unwrap_or_default();
    // A byte-order mark says UTF-8: a bad byte after it is damage, not another encoding.
    let gb = if bom { Err((String::new(), 0)) } else { decode_gb18030(bytes) };
    let neither = |en: &str, zh: &str| Text::new("E102.neither").both("what", en, zh);
    let finding = match gb {
        Ok(text) if !damaged_utf8(bytes) => return Some(text),
        Ok(_) => located(utf8_good, file, Text::new("E102.damaged")),
        // Placed where the reading that got further breaks: there the file is damaged.
        Err((gb_good, gb_error)) if gb_error > utf8_error => located(&gb_good, file, neither("not GBK", "不是 GBK")),
        Err((_, gb_error)) if gb_error == utf8_error => located(utf8_good, file, neither("neither", "两者都不是")),
        Err(_) => located(utf8_good, file, neither("not UTF-8", "不是 UTF-8")),
    };
    findings.push(finding);
    None
}

/// The bytes decoded as GB18030 (GBK's superset); or the text before the first bytes that
/// are not GB18030, and their offset.
fn decode_gb18030(bytes: &[u8]) -> Result<String, (String, usize)> {
    use encoding_rs::DecoderResult;
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() * 2);
    let mut read = 0;
    loop {
        let (result, n) = decoder.decode_to_string_without_replacement(&bytes[read..], &mut text, true);
        read += n;
        match result {
            DecoderResult::InputEmpty => return Ok(text),
            // `bad` bytes are malformed, followed by `after` bytes read but not decoded.
            DecoderResult::Malformed(bad, after) => {
                return Err((text, read.saturating_sub(usize::from(bad) + usize::from(after))))
            }
            DecoderResult::OutputFull => text.reserve(bytes.len() - read + 16),
        }
    }
}

/// UTF-8 text with a few bad bytes: its valid part has many characters beyond U+0800 (the
/// range of Chinese in UTF-8) and few bytes that are not UTF-8. GBK bytes read as UTF-8
/// give mostly invalid bytes and hardly any such characters.
fn damaged_utf8(bytes: &[u8]) -> bool {
    let lossy = String::from_utf8_lossy(bytes);
    let bad = lossy.chars().filter(|&c| c == char::REPLACEMENT_CHARACTER).count();
    let wide = lossy.chars().filter(|&c| c >= '\u{800}' && c != char::REPLACEMENT_CHARACTER).count();
    wide >= 2 && bad * 4 < wide
}

/// E102 just after `good`, the text read before the bytes that break it: its line, and its
/// cell when the header names it.
fn located(good: &str, file: &str, text: Text) -> Finding {
    // Lines end at LF, CRLF or CR (an old Mac, or Excel's "CSV (Macintosh)").
    let line = 1 + good.matches(['\n', '\r']).count() as u64 - good.matches("\r\n").count() as u64;
    let line_start = good.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let column = 1 + separators_outside_quotes(&good[line_start..]);
    let mut f = Finding::new(file, text).at_line(line);
    f.column = Some(column);
    if line > 1 {
        let header = good.split(['\n', '\r']).next().unwrap_or_default();
        let name = header.split(',').nth(column - 1).map(|h| h.trim().trim_matches('"').trim());
        f.field = name.filter(|n| !n.is_empty()).map(str::to_string);
    }
    f
}

/// Number of commas in `text` that separate cells (not those inside quotes).
fn separators_outside_quotes(text: &str) -> usize {
    let mut quoted = false;
    let mut commas = 0;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            _ => {}
        }
    }
    commas
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_byte_is_placed_in_its_cell() {
        let mut f = Findings::default();
        assert!(decode(b"school_id,students\nS1,1\xff0\n", "s.csv", &mut f).is_none());
        let e = &f.items[0];
        assert_eq!((e.line, e.column, e.field.as_deref()), (Some(2), Some(2), Some("students")));
    }

    #[test]
    fn gbk_is_read_and_utf8_stays_utf8() {
        let mut f = Findings::default();
        let (gbk, _, _) = encoding_rs::GBK.encode("学校代码,学段\nS1,小学\n");
        assert_eq!(decode(&gbk, "s.csv", &mut f).as_deref(), Some("学校代码,学段\nS1,小学\n"));
        assert_eq!(decode("学段\n小学".as_bytes(), "s.csv", &mut f).as_deref(), Some("学段\n小学"));
        assert!(f.items.is_empty(), "{f:?}");
    }

    #[test]
    fn damaged_utf8_is_not_read_as_gbk() {
        // Valid GB18030 as a whole, but plainly UTF-8 with one bad byte pair: never garbled.
        let mut bytes = "name\n城关第一小学城关第二小学\n".as_bytes().to_vec();
        bytes.extend(b"\xD6\xD0\n");
        assert!(decode_gb18030(&bytes).is_ok());
        let mut f = Findings::default();
        assert!(decode(&bytes, "s.csv", &mut f).is_none());
        assert_eq!((f.items[0].code, f.items[0].line), ("E102", Some(3)));
        // UTF-8 with one damaged byte in a line of Chinese.
        let mut bytes = "name\n城关第一小学城关第二小学".as_bytes().to_vec();
        bytes.extend(b"\xD6\n");
        let mut f = Findings::default();
        assert!(decode(&bytes, "s.csv", &mut f).is_none());
        assert_eq!((f.items[0].code, f.items[0].line), ("E102", Some(2)));
    }

    #[test]
    fn bad_bytes_are_placed_on_their_line_whatever_the_line_breaks() {
        for lines in
            ["school_id,students\nS1,1\nS2,", "school_id,students\r\nS1,1\r\nS2,", "school_id,students\rS1,1\rS2,"]
        {
            let mut bytes = lines.as_bytes().to_vec();
            bytes.extend(b"\xff\n");
            let mut f = Findings::default();
            assert!(decode(&bytes, "s.csv", &mut f).is_none());
            let e = &f.items[0];
            assert_eq!((e.line, e.column, e.field.as_deref()), (Some(3), Some(2), Some("students")), "{lines:?}");
        }
    }

    #[test]
    fn bytes_in_neither_encoding_are_placed_where_gbk_breaks() {
        let (mut gbk, _, _) = encoding_rs::GBK.encode("学校代码,学段\nS1,小学\n");
        let mut bytes = gbk.to_mut().clone();
        bytes.extend(b"S2,\xFF\n");
        let mut f = Findings::default();
        assert!(decode(&bytes, "s.csv", &mut f).is_none());
        let e = &f.items[0];
        assert!(e.message.contains("not GBK"), "{}", e.message);
        assert_eq!((e.line, e.column, e.field.as_deref()), (Some(3), Some(2), Some("学段")));
    }
}
