//! Plain-text building blocks for reports: aligned tables and number formats.

/// A plain-text table: a header row and rows of cells, the first column left-aligned and
/// the others right-aligned, columns two spaces apart.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    rows: Vec<Vec<String>>,
}

impl Grid {
    pub fn new<S: Into<String>>(header: impl IntoIterator<Item = S>) -> Self {
        Grid { rows: vec![header.into_iter().map(Into::into).collect()] }
    }

    pub fn row<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    /// Rows besides the header.
    pub fn len(&self) -> usize {
        self.rows.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The table, each line indented by two spaces and ending in a newline.
    pub fn render(&self) -> String {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..columns)
            .map(|c| self.rows.iter().filter_map(|r| r.get(c)).map(|s| width(s)).max().unwrap_or(0))
            .collect();
        let mut out = String::new();
        for row in &self.rows {
            let mut line = String::from(" ");
            for (c, width) in widths.iter().enumerate() {
                let cell = row.get(c).map(String::as_str).unwrap_or("");
                let pad = " ".repeat(width - self::width(cell));
                line.push(' ');
                if c == 0 {
                    line.push_str(cell);
                    line.push_str(&pad);
                } else {
                    line.push(' ');
                    line.push_str(&pad);
                    line.push_str(cell);
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// Columns a text takes in a terminal: two for a wide (CJK, full-width) character, one
/// for any other, so that Chinese tables line up.
pub fn width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// East Asian wide and full-width characters (the common blocks).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// `value` with `decimals` places, or "-" when missing.
pub fn num(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:.decimals$}"))
}

/// A whole amount with thousands separators: 12345.6 -> "12,346".
pub fn thousands(value: f64) -> String {
    let rounded = value.round();
    let digits = format!("{:.0}", rounded.abs());
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if rounded < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// A count with thousands separators: 2486 -> "2,486".
pub fn count(n: usize) -> String {
    thousands(n as f64)
}

/// A signed percentage: 0.0432 -> "+4.3%".
pub fn signed_percent(share: Option<f64>) -> String {
    share.map_or_else(|| "-".to_string(), |s| format!("{:+.1}%", s * 100.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(thousands(1234567.4), "1,234,567");
        assert_eq!(thousands(-950.0), "-950");
        assert_eq!(thousands(100.0), "100");
        assert_eq!(num(None, 2), "-");
        assert_eq!(num(Some(2.0), 2), "2.00");
        assert_eq!(signed_percent(Some(-0.05)), "-5.0%");
    }

    #[test]
    fn grid_aligns() {
        let mut g = Grid::new(["name", "n"]);
        g.row(["a", "10"]);
        g.row(["long name", "2"]);
        assert_eq!(g.render(), "  name        n\n  a          10\n  long name   2\n");
    }

    #[test]
    fn chinese_takes_two_columns() {
        assert_eq!(width("学校 A"), 6);
        let mut g = Grid::new(["学校", "n"]);
        g.row(["abcde", "1"]);
        assert_eq!(g.render(), "  学校   n\n  abcde  1\n");
    }
}
