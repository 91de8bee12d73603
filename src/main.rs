use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = rotaplan::cli::Cli::parse();
    match rotaplan::commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Error: {e:#}");
            ExitCode::from(rotaplan::commands::exit_code_of(&e))
        }
    }
}
