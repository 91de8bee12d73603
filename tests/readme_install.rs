//! The README's set-up: it installs the command before its everyday commands use it, and
//! every everyday command is one the installed program accepts as typed (its subcommand
//! and every option it names). Fast: `--help` only; the install itself is not run here
//! (`cargo install --path . --locked --root DIR` builds HiGHS again in a fresh target).

use assert_cmd::Command;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The lines of the fenced `sh` blocks under the heading `heading`, up to the next heading.
fn sh_lines(text: &str, heading: &str) -> Vec<String> {
    let start = text.find(heading).unwrap_or_else(|| panic!("no {heading:?} in the README"));
    let section = &text[start + heading.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut lines = Vec::new();
    let mut inside = false;
    for line in section.lines() {
        match (inside, line.trim()) {
            (false, "```sh") => inside = true,
            (true, "```") => inside = false,
            (true, l) => lines.push(l.split('#').next().unwrap().trim().to_string()),
            _ => {}
        }
    }
    lines
}

#[test]
fn the_readme_installs_the_command_after_its_prerequisites() {
    let setup = sh_lines(&readme(), "## Set-up on a fresh machine");
    let at = |needle: &str| setup.iter().position(|l| l.contains(needle));
    let install = at("cargo install --path . --locked").expect("the README installs rotaplan with cargo install");
    let prerequisites = at("apt-get install").expect("the README installs the build prerequisites");
    assert!(prerequisites < install, "prerequisites first: {setup:?}");
    for tool in ["cmake", "libclang-dev"] {
        assert!(setup[prerequisites].contains(tool), "{tool} in {:?}", setup[prerequisites]);
    }
    assert!(setup[install + 1..].iter().any(|l| l == "rotaplan --version"), "the install is checked: {setup:?}");
    // The two fresh-machine commands stay.
    let two = sh_lines(&readme(), "## The two commands");
    assert_eq!(two, ["cargo run --release -- plan scenarios/demo-county --out demo-plan", "cargo test --release"]);
}

#[test]
fn every_everyday_command_is_accepted_as_typed() {
    let commands = sh_lines(&readme(), "## Everyday use");
    assert!(commands.len() >= 6, "{commands:?}");
    for line in &commands {
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(words[0], "rotaplan", "{line}");
        let help = Command::cargo_bin("rotaplan").unwrap().args([words[1], "--help"]).output().unwrap();
        assert!(help.status.success(), "`rotaplan {} --help` fails: {line}", words[1]);
        let help = String::from_utf8_lossy(&help.stdout);
        for option in words.iter().filter(|w| w.starts_with("--")) {
            assert!(help.contains(&format!("{option} ")), "`{line}`: rotaplan {} has no {option}", words[1]);
        }
    }
    let version = Command::cargo_bin("rotaplan").unwrap().arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("rotaplan "), "rotaplan --version");
}
