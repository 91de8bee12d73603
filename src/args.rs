//! The command line read in the run's language: `--lang` (or the locale) is known before
//! clap parses, so that `--help`, the usage line and every parse error are in Chinese when
//! the run is. The definitions stay in [`crate::cli`]; the Chinese words are in
//! [`crate::report::i18n::help`] and [`crate::report::i18n::parse_error`].

use crate::cli::{Cli, Lang};
use crate::report::i18n::{help, parse_error};
use clap::builder::Str;
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};
use std::ffi::OsString;

/// Parses the process's arguments, printing help or a parse error in the run's language
/// and exiting as clap does (0 for help and version, 2 for a parse error).
pub fn parse() -> Cli {
    parse_from(std::env::args_os()).unwrap_or_else(|refusal| refusal.exit())
}

/// What clap says instead of arguments (help, the version or a parse error), in the
/// run's language.
#[derive(Debug)]
pub enum Refusal {
    En(clap::Error),
    Zh(clap::error::Error<parse_error::Chinese>),
}

impl Refusal {
    fn new(error: clap::Error, lang: Lang) -> Refusal {
        match lang {
            Lang::En => Refusal::En(error),
            Lang::Zh => Refusal::Zh(error.apply()),
        }
    }

    /// Prints the text (help on stdout, an error on stderr) and exits with clap's code.
    pub fn exit(self) -> ! {
        match self {
            Refusal::En(e) => e.exit(),
            Refusal::Zh(e) => e.exit(),
        }
    }

    /// The text as printed, without colours.
    pub fn render(&self) -> String {
        match self {
            Refusal::En(e) => e.render().to_string(),
            Refusal::Zh(e) => e.render().to_string(),
        }
    }

    /// 0 for help and the version, 2 for a parse error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Refusal::En(e) => e.exit_code(),
            Refusal::Zh(e) => e.exit_code(),
        }
    }
}

/// [`parse`] on `argv` (the program name first), the error returned instead of printed.
pub fn parse_from<I, T>(argv: I) -> Result<Cli, Refusal>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let argv: Vec<OsString> = argv.into_iter().map(Into::into).collect();
    let lang = lang_of(&argv).unwrap_or_else(Lang::from_env);
    let mut cmd = command(lang);
    let refusal = |error| Refusal::new(error, lang);
    let mut matches = cmd.try_get_matches_from_mut(argv).map_err(refusal)?;
    Cli::from_arg_matches_mut(&mut matches).map_err(|e| refusal(e.format(&mut cmd)))
}

/// The value of `--lang` in `argv` (`--lang zh` or `--lang=zh`, before any `--`), when it
/// is one clap accepts; the locale decides otherwise.
pub fn lang_of(argv: &[OsString]) -> Option<Lang> {
    let args: Vec<&str> = argv.iter().skip(1).map(|a| a.to_str().unwrap_or("")).collect();
    let end = args.iter().position(|a| *a == "--").unwrap_or(args.len());
    let args = &args[..end];
    let value = args.iter().enumerate().rev().find_map(|(i, a)| match a.strip_prefix("--lang") {
        Some("") => args.get(i + 1).copied(),
        Some(rest) => rest.strip_prefix('='),
        None => None,
    })?;
    clap::ValueEnum::from_str(value, false).ok()
}

/// The clap command of [`Cli`] in `lang`: as derived in English; in Chinese every about,
/// help, value name, heading, default and list of values translated.
pub fn command(lang: Lang) -> Command {
    let mut cmd = Cli::command();
    if lang == Lang::Zh {
        cmd.build();
        cmd = in_chinese(cmd);
    }
    cmd
}

/// A built command and its subcommands in Chinese.
fn in_chinese(cmd: Command) -> Command {
    let about = cmd.get_about().map(|a| help::zh(&a.to_string()));
    let mut cmd = cmd
        .mut_args(arg_in_chinese)
        .mut_subcommands(in_chinese)
        .help_template(help::TEMPLATE)
        .subcommand_help_heading(help::COMMANDS)
        .subcommand_value_name(help::COMMAND);
    if let Some(about) = about {
        cmd = cmd.about(about);
    }
    // The usage line clap would write, with its one English placeholder translated.
    let usage = cmd.render_usage().to_string();
    let usage = usage.split_once(": ").map_or(usage.as_str(), |(_, u)| u);
    cmd.override_usage(help::usage(usage))
}

/// An argument in Chinese: its help (with the default and the accepted values written in
/// it, as clap writes them in English), value name and heading.
fn arg_in_chinese(arg: Arg) -> Arg {
    let mut text = arg.get_help().map(|h| help::zh(&h.to_string())).unwrap_or_default();
    let values: Vec<String> = arg.get_possible_values().iter().map(|v| v.get_name().to_string()).collect();
    let takes_value = takes_value(&arg);
    if takes_value && !values.is_empty() {
        text.push_str(&help::accepted(&values));
    }
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if takes_value && !defaults.is_empty() {
        text.push_str(&help::default(&defaults.join(",")));
    }
    let heading = if arg.is_positional() { help::ARGUMENTS } else { help::OPTIONS };
    let names: Option<Vec<Str>> = arg
        .get_value_names()
        .map(|names| names.iter().map(|n| help::value_name(n).map_or_else(|| n.clone(), Str::from)).collect());
    let mut arg = arg.help(text).long_help(None).hide_default_value(true).hide_possible_values(true);
    arg = arg.help_heading(heading);
    match names {
        Some(names) => arg.value_names(names),
        None => arg,
    }
}

/// Whether the argument is given a value (not a flag such as `--force` or `--help`).
fn takes_value(arg: &Arg) -> bool {
    !matches!(arg.get_action(), ArgAction::SetTrue | ArgAction::Help | ArgAction::Version)
}

/// Every English text `--help` shows: the abouts and helps of the command and its
/// subcommands, and the value names (what [`help::zh`] and [`help::value_name`] translate).
pub fn english_texts() -> Vec<String> {
    let mut cmd = Cli::command();
    cmd.build();
    let mut texts = Vec::new();
    collect(&cmd, &mut texts);
    texts.sort();
    texts.dedup();
    texts
}

fn collect(cmd: &Command, texts: &mut Vec<String>) {
    texts.extend(cmd.get_about().map(|a| a.to_string()));
    for arg in cmd.get_arguments() {
        texts.extend(arg.get_help().map(|h| h.to_string()));
        texts.extend(arg.get_long_help().map(|h| h.to_string()));
        if takes_value(arg) {
            texts.extend(arg.get_value_names().into_iter().flatten().map(|n| format!("<{n}>")));
        }
    }
    for sub in cmd.get_subcommands() {
        collect(sub, texts);
    }
}
