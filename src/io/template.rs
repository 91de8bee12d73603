//! `rotaplan template`: a blank county workbook a bureau fills in. One sheet per contract
//! file (named as the readers accept them: `schools`, ... or 学校, 教师, ... in Chinese) with
//! the header row, required columns shaded, a drop-down list on every column with a fixed
//! set of words, and a notes sheet (`notes` / 说明, which the readers ignore) giving each
//! column's meaning, unit and default.

use super::aliases;
use super::columns::{accepted_words, header, note_of};
use super::county::FILES;
use crate::cli::Lang;
use crate::report::i18n::pick;
use anyhow::{anyhow, Result};
use rust_xlsxwriter::{Color, DataValidation, Format, FormatBorder, Workbook, Worksheet};

/// Rows that get the drop-down lists (the header is row 1).
const LIST_ROWS: u32 = 10_000;

/// The template's bytes.
pub fn template_workbook(lang: Lang) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_border_bottom(FormatBorder::Thin);
    let required = bold.clone().set_background_color(Color::RGB(0xFFF2CC));
    for (file, spec, _) in FILES {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(file, lang))?;
        for (c, col) in spec.iter().enumerate() {
            let c16 = u16::try_from(c)?;
            let name = header(col.name, spec, lang);
            ws.write_string_with_format(0, c16, name, if col.required { &required } else { &bold })?;
            ws.set_column_width(c16, (display_width(name) + 4).max(12) as f64)?;
            if let Some(words) = accepted_words(col.name, lang) {
                drop_down(ws, c16, file, col.name, &words, lang)?;
            }
        }
        ws.set_freeze_panes(1, 0)?;
    }
    notes_sheet(&mut book, lang, &bold)?;
    book.save_to_buffer().map_err(|e| anyhow!(crate::report::i18n::files::cannot_render_workbook(e)))
}

/// The sheet name of a contract file in `lang`.
pub fn sheet_name(file: &str, lang: Lang) -> &str {
    match lang {
        Lang::En => file,
        Lang::Zh => aliases::sheet_local_name(file).unwrap_or(file),
    }
}

fn drop_down(ws: &mut Worksheet, col: u16, file: &str, name: &str, words: &[&str], lang: Lang) -> Result<()> {
    let n = note_of(file, name);
    let title = pick(lang, "Choose from the list", "请从列表中选择");
    let message = pick(lang, n.meaning.0, n.meaning.1);
    let error = pick(lang, format!("Accepted: {}", words.join(", ")), format!("可填：{}", words.join("、")));
    let v = DataValidation::new()
        .allow_list_strings(words)?
        .set_input_title(title)?
        .set_input_message(cut(message, 250))?
        .set_error_title(title)?
        .set_error_message(cut(&error, 250))?;
    ws.add_data_validation(1, col, LIST_ROWS, col, &v)?;
    Ok(())
}

/// The notes sheet: per sheet and column, required or not, meaning, unit, default and the
/// accepted words.
fn notes_sheet(book: &mut Workbook, lang: Lang, bold: &Format) -> Result<()> {
    let ws = book.add_worksheet();
    ws.set_name(pick(lang, "notes", "说明"))?;
    let header = pick(
        lang,
        ["sheet", "column", "required", "meaning", "unit", "default (empty cell)", "accepted values"],
        ["工作表", "列名", "是否必填", "含义", "单位", "默认值（空单元格）", "可填的值"],
    );
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, u16::try_from(c)?, *h, bold)?;
    }
    let mut row = 1u32;
    for (file, spec, file_required) in FILES {
        for col in spec {
            let n = note_of(file, col.name);
            let words = accepted_words(col.name, lang).map(|w| w.join(pick(lang, ", ", "、"))).unwrap_or_default();
            let sheet = match (file_required, lang) {
                (true, _) => sheet_name(file, lang).to_string(),
                (false, Lang::En) => format!("{file} (optional sheet)"),
                (false, Lang::Zh) => format!("{}（可选工作表）", sheet_name(file, lang)),
            };
            let required = pick(lang, if col.required { "yes" } else { "no" }, if col.required { "是" } else { "否" });
            let default = if col.required { pick(lang, "-", "-") } else { pick(lang, n.default.0, n.default.1) };
            let cells = [
                sheet.as_str(),
                header_of(col.name, spec, lang),
                required,
                pick(lang, n.meaning.0, n.meaning.1),
                pick(lang, n.unit.0, n.unit.1),
                default,
                &words,
            ];
            for (c, text) in cells.iter().enumerate() {
                ws.write_string(row, u16::try_from(c)?, *text)?;
            }
            row += 1;
        }
    }
    row += 1;
    let footer = pick(
        lang,
        "Shaded headers are required columns. Delete no header; leave optional cells empty for their default. \
         Check the filled workbook with `rotaplan validate county.xlsx`.",
        "底色标出的是必填列。请勿删除表头；可选单元格留空即取默认值。填好后运行 `rotaplan validate 文件名.xlsx` 检查。",
    );
    ws.write_string(row, 0, footer)?;
    for (c, width) in [18.0, 16.0, 10.0, 60.0, 10.0, 28.0, 60.0].into_iter().enumerate() {
        ws.set_column_width(u16::try_from(c)?, width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn header_of(col: &'static str, spec: &[super::table::ColumnSpec], lang: Lang) -> &'static str {
    header(col, spec, lang)
}

/// Width of a text in Excel's character units: a Chinese character counts two.
pub fn display_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn cut(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_write_a_workbook() {
        for lang in [Lang::En, Lang::Zh] {
            assert!(template_workbook(lang).unwrap().len() > 1000);
        }
        assert_eq!(sheet_name("teachers", Lang::Zh), "教师");
    }
}
