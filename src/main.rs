use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = rotaplan::args::parse();
    match rotaplan::commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            let prefix = rotaplan::report::i18n::pick(rotaplan::report::i18n::current(), "Error: ", "错误：");
            eprintln!("{prefix}{}", rotaplan::report::i18n::files::chain(&e));
            ExitCode::from(rotaplan::commands::exit_code_of(&e))
        }
    }
}
