//! Pure serialisers: results in, text or bytes out. Nothing here reads files or runs a
//! solver, so every output can be snapshot-tested.
//!
//! - [`evaluation`]: `rotaplan evaluate` as a table, CSV and JSON;
//! - [`html`]: the self-contained HTML report of a plan or an evaluation;
//! - [`svg`]: the chart primitives the HTML reports are drawn with (reusable by any report);
//! - [`xlsx`]: a plan as an Excel workbook;
//! - [`i18n`]: the reports' words in English and Chinese;
//! - [`text`]: aligned plain-text tables and number formats.

pub mod evaluation;
mod evaluation_table;
pub mod html;
pub mod i18n;
pub mod sheet;
pub mod svg;
pub mod text;
pub mod xlsx;

pub use i18n::Lang;
