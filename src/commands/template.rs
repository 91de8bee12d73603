//! `rotaplan template --out county.xlsx`: a blank county workbook to fill in.

use crate::cli::Lang;
use anyhow::{Context, Result};
use std::path::Path;
use std::process::ExitCode;

pub fn run(out: &Path, lang: Lang) -> Result<ExitCode> {
    super::plan::output_file("--out", Some(out))?;
    let bytes = crate::io::template::template_workbook(lang)?;
    crate::io::write_atomic(out, &bytes).with_context(|| {
        let p = out.display();
        crate::report::i18n::pick(lang, format!("cannot write {p}"), format!("无法写入 {p}"))
    })?;
    println!(
        "{}",
        crate::report::i18n::pick(
            lang,
            format!(
                "Template written to {}: fill in the schools and teachers sheets, then run `rotaplan validate {}`.",
                out.display(),
                out.display()
            ),
            format!(
                "模板已写入 {}：请填写学校和教师工作表，然后运行 `rotaplan validate {}`。",
                out.display(),
                out.display()
            ),
        )
    );
    Ok(ExitCode::SUCCESS)
}
