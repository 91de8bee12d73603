use crate::findings::InvalidInput;
use crate::generate::{generate_with_policy, GenerateOptions};
use crate::report::i18n::say;
use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;

/// Largest county `generate` writes (school rows), to keep a typo from filling the disk.
const MAX_SCHOOLS: usize = 20_000;

pub fn run(schools: usize, seed: u64, out: &Path) -> Result<ExitCode> {
    anyhow::ensure!(
        schools >= 2,
        say(format!("--schools must be at least 2 (got {schools})"), format!("--schools 至少为 2（实际为 {schools}）"))
    );
    anyhow::ensure!(
        schools <= MAX_SCHOOLS,
        say(
            format!("--schools must be at most {MAX_SCHOOLS} (got {schools})"),
            format!("--schools 至多为 {MAX_SCHOOLS}（实际为 {schools}）")
        )
    );
    for stale in ["distances.csv", "demand.csv"] {
        let dir = out.display();
        anyhow::ensure!(
            !out.join(stale).exists(),
            say(
                format!(
                    "{dir} already holds {stale}, which would be read with the generated county; \
                     remove it or choose another --out directory"
                ),
                format!("{dir} 中已有 {stale}，会与生成的县数据一起被读取；请删除它或换一个 --out 文件夹"),
            )
        );
    }
    let policy = crate::io::load_policy(None).map_err(InvalidInput)?;
    let county = generate_with_policy(&GenerateOptions { schools, seed }, &policy);
    crate::io::write_county::write_county(out, &county)?;
    let (s, t, h, out) = (county.schools.len(), county.teachers.len(), county.new_hires.len(), out.display());
    println!(
        "{}",
        say(
            format!("wrote {s} schools, {t} teachers, {h} new hires to {out}"),
            format!("已写入 {s} 所学校、{t} 名教师、{h} 名新教师到 {out}"),
        )
    );
    Ok(ExitCode::SUCCESS)
}
