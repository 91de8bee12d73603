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
