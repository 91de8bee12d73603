use crate::cli::Format;
use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;

pub fn run(_dir: &Path, _plan: Option<&Path>, _policy: Option<&Path>, _format: Format) -> Result<ExitCode> {
    anyhow::bail!("evaluate is being written")
}
