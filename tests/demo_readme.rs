//! The numbers that scenarios/demo-county/README.md states about the demo county are the
//! data's: each is recomputed here from the files, so a regenerated county cannot leave
//! the README behind.

use rotaplan::domain::{Locale, Stage};
use std::path::Path;

fn stated(readme: &str, pattern: &str) -> usize {
    let at = readme.find(pattern).unwrap_or_else(|| panic!("the README no longer says `{pattern}`"));
    let before = &readme[..at];
    let digits: String = before
        .chars()
        .rev()
        .skip_while(|c| c.is_whitespace())
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .filter(|c| *c != ',')
        .collect();
    digits.parse().unwrap_or_else(|_| panic!("no number before `{pattern}`"))
}

#[test]
fn the_demo_readme_states_the_data_as_it_is() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/demo-county");
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    // The county as it stands in the year its exchange record prepares.
    let v = rotaplan::validate::validate_dir(&dir, None);
    let county = v.county.unwrap_or_else(|| panic!("{:?}", v.findings));
    let policy = rotaplan::io::load_policy(None).unwrap();
    let record = &county.cycle.record;
    let year = county.cycle.year.expect("the demo has a record");
    let away = county.teachers.iter().filter(|t| t.cycle.away.is_some()).count();
    let back = county.teachers.iter().filter(|t| t.cycle.returned == Some(year - 1)).count();
    let seeking = county.teachers.iter().filter(|t| t.cycle.seeks_promotion).count();
    let schools = &county.schools;
    let count = |f: &dyn Fn(&rotaplan::domain::School) -> bool| schools.iter().filter(|s| f(s)).count();
    let eligible = county.teachers.iter().filter(|t| rotaplan::rules::is_eligible(&county, t, &policy)).count();
    let backbone = county.teachers.iter().filter(|t| rotaplan::rules::counts_as_backbone(t, &policy)).count();
    let facts = [
        ("school rows", schools.len()),
        ("urban", count(&|s| s.locale == Locale::Urban)),
        ("town and", count(&|s| s.locale == Locale::Town)),
        ("rural (", count(&|s| s.locale == Locale::Rural)),
        ("primary,", count(&|s| s.stage == Stage::Primary)),
        ("junior)", count(&|s| s.stage == Stage::Junior)),
        ("teaching points (", count(&|s| s.teaching_point)),
        ("with fewer than 50 students)", count(&|s| s.teaching_point && s.students < 50)),
        ("designated weak schools", count(&|s| s.weak)),
        ("teachers, each", county.teachers.len()),
        ("of them are eligible", eligible),
        ("are backbone teachers", backbone),
        ("new hires,", county.new_hires.len()),
        ("exchange terms since", record.len()),
        ("teachers are away", away),
        ("came back", back),
        ("seek a senior title", seeking),
        ("(the year after its latest start)", year as usize),
    ];
    for (pattern, actual) in facts {
        assert_eq!(stated(&readme, pattern), actual, "scenarios/demo-county/README.md: the number before `{pattern}`");
    }
}

/// The number (with its decimals) just after `pattern` in `text`.
fn decimal_after(text: &str, pattern: &str) -> f64 {
    let at = text.find(pattern).unwrap_or_else(|| panic!("the README no longer says `{pattern}`")) + pattern.len();
    let digits: String = text[at..].trim_start().chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    digits.trim_end_matches('.').parse().unwrap_or_else(|_| panic!("no number after `{pattern}`"))
}

/// The README's figures about the demo county that follow from its data alone (its size,
/// who is eligible or away, the CVs before any plan) are the data's. The figures of the
/// plan itself depend on a 60-second solve on a given machine, and the README says so.
#[test]
fn the_main_readme_states_the_demo_data_as_it_is() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let readme = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    let dir = root.join("scenarios/demo-county");
    let v = rotaplan::validate::validate_dir(&dir, None);
    let county = v.county.unwrap_or_else(|| panic!("{:?}", v.findings));
    let policy = rotaplan::io::load_policy(None).unwrap();
    let eligible = county.teachers.iter().filter(|t| rotaplan::rules::is_eligible(&county, t, &policy)).count();
    let away = county.teachers.iter().filter(|t| t.cycle.away.is_some()).count();
    let year = county.cycle.year.expect("the demo has a record");
    let back = county.teachers.iter().filter(|t| t.cycle.returned == Some(year - 1)).count();
    let facts = [
        ("back from one are cooling off", back),
        ("schools, 2,405 teachers", county.schools.len()),
        ("teachers, 77 new hires", county.teachers.len()),
        ("new hires; about a minute", county.new_hires.len()),
        ("eligible teachers exchanged (", eligible),
        ("are away on a term", away),
        ("hires placed; every", county.new_hires.len()),
    ];
    for (pattern, actual) in facts {
        assert_eq!(stated(&readme, pattern), actual, "README.md: the number before `{pattern}`");
    }
    let out = assert_cmd::Command::cargo_bin("rotaplan")
        .unwrap()
        .args(["evaluate", dir.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cv = |stage: &str, key: &str| {
        let s = json["stages"].as_array().unwrap().iter().find(|s| s["stage"] == stage).unwrap();
        let i = s["indicators"].as_array().unwrap().iter().find(|i| i["key"] == key).unwrap();
        (i["cv"].as_f64().unwrap() * 1000.0).round() / 1000.0
    };
    assert_eq!(decimal_after(&readme, "backbone-teacher CV goes from"), cv("junior", "backbone_per_100"));
    assert_eq!(decimal_after(&readme, "to 0.350, primary from"), cv("primary", "backbone_per_100"));
}
