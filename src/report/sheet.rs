//! A sheet as a bureau files it: the header bold on a shaded row, frozen, with a filter;
//! each column as wide as its longest cell (a Chinese character counting two, within
//! limits); numbers rounded and shown with a fixed number of decimals; yes/no as words.

use crate::io::template::display_width;
use anyhow::Result;
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook};

/// One cell of a report sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A count or another whole number.
    Whole(f64),
    /// A number rounded to this many decimals.
    Fixed(f64, u8),
    Empty,
}

/// A text cell.
pub fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// A number rounded to `decimals`, or an empty cell for a missing one.
pub fn fixed(v: Option<f64>, decimals: u8) -> Cell {
    v.filter(|v| v.is_finite()).map_or(Cell::Empty, |v| Cell::Fixed(round(v, decimals), decimals))
}

/// `v` rounded to `decimals` places.
pub fn round(v: f64, decimals: u8) -> f64 {
    let scale = 10f64.powi(i32::from(decimals));
    (v * scale).round() / scale
}

/// Narrowest and widest column, in Excel's character units.
const WIDTH: (usize, usize) = (6, 48);

/// Adds the sheet `name` with `header` and `rows`.
pub fn write(book: &mut Workbook, name: &str, header: &[&str], rows: &[Vec<Cell>]) -> Result<()> {
    let ws = book.add_worksheet();
    ws.set_name(name)?;
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border_bottom(FormatBorder::Thin);
    let formats: Vec<Format> = (0..=4).map(|d| Format::new().set_num_format(decimals_format(d))).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| display_width(h)).collect();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, u16::try_from(c)?, *h, &head)?;
    }
    for (r, cells) in rows.iter().enumerate() {
        let row = u32::try_from(r + 1)?;
        for (c, cell) in cells.iter().enumerate() {
            let col = u16::try_from(c)?;
            let shown = match cell {
                Cell::Text(s) if !s.is_empty() => {
                    ws.write_string(row, col, s)?;
                    display_width(s)
                }
                Cell::Whole(v) => {
                    ws.write_number(row, col, *v)?;
                    v.to_string().len()
                }
                Cell::Fixed(v, d) => {
                    ws.write_number_with_format(row, col, *v, &formats[usize::from(*d).min(4)])?;
                    format!("{v:.*}", usize::from(*d)).len()
                }
                Cell::Text(_) | Cell::Empty => 0,
            };
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(shown);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(u16::try_from(c)?, (w + 2).clamp(WIDTH.0, WIDTH.1) as f64)?;
    }
    ws.set_freeze_panes(1, 0)?;
    if !header.is_empty() {
        ws.autofilter(0, 0, u32::try_from(rows.len())?, u16::try_from(header.len() - 1)?)?;
    }
    Ok(())
}

fn decimals_format(d: usize) -> String {
    if d == 0 {
        "0".into()
    } else {
        format!("0.{}", "0".repeat(d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_rounded() {
        assert_eq!(round(5.660377358490566, 2), 5.66);
        assert_eq!(fixed(Some(0.35449), 3), Cell::Fixed(0.354, 3));
        assert_eq!(fixed(None, 3), Cell::Empty);
    }
}
