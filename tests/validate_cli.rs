//! `rotaplan validate` as a user runs it: one fixture per finding code, each the valid
//! county of `tests/fixtures/validate/valid` with one defect, and the exact text printed.

use assert_cmd::Command;
use rotaplan::domain::County;
use rotaplan::io::{load_county, load_plan};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validate")
}

/// Runs `rotaplan validate <args>` from the fixtures folder, so paths in messages are short.
fn validate(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rotaplan"))
        .current_dir(fixtures())
        .arg("validate")
        .args(args)
        .output()
        .expect("rotaplan runs");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("output is UTF-8");
    (out.status.code().expect("exit code"), text(out.stdout), text(out.stderr))
}

const INVALID: i32 = 2;
const OK: i32 = 0;

/// Validates `fixture` (with `--policy <fixture>/policy.toml` when `policy`) and checks the
/// exit code and the whole of stdout: the one finding, then the verdict.
fn expect(fixture: &str, policy: bool, code: i32, finding: &str) {
    let policy_path = format!("{fixture}/policy.toml");
    let mut args = vec![fixture];
    if policy {
        args.extend(["--policy", &policy_path]);
    }
    let (status, stdout, stderr) = validate(&args);
    let verdict = match (finding.starts_with("error"), finding.is_empty()) {
        (_, true) => "0 error(s), 0 warning(s): the data is valid.",
        (true, _) => "1 error(s), 0 warning(s): the data is invalid.",
        (false, _) => "0 error(s), 1 warning(s): the data is valid.",
    };
    let expected = if finding.is_empty() { format!("{verdict}\n") } else { format!("{finding}\n{verdict}\n") };
    assert_eq!(stdout, expected, "stdout of `rotaplan validate {}`", args.join(" "));
    assert_eq!(status, code, "exit code of {fixture}");
    assert_eq!(stderr, "", "stderr of {fixture}");
}

const SUBJECTS: &str =
    "chinese, math, english, morality, science, history_geography, it, pe, music, art, labour, other";
const SAVE_AS_UTF8: &str =
    "in Excel use Save As > \"CSV UTF-8 (comma delimited)\"; in WPS choose the UTF-8 encoding when saving";

#[test]
fn valid_county_has_no_findings() {
    expect("valid", false, OK, "");
}

#[test]
fn e100_missing_required_file() {
    expect(
        "E100-missing-teachers",
        false,
        INVALID,
        "error[E100] teachers.csv: required file teachers.csv is missing from E100-missing-teachers\n  \
         fix: add teachers.csv; see the data contract in the README",
    );
}

#[test]
fn e100_missing_folder() {
    expect(
        "no-such-county",
        false,
        INVALID,
        "error[E100] no-such-county: the county data folder does not exist\n  \
         fix: give the folder that holds schools.csv and teachers.csv",
    );
}

#[test]
fn e101_unreadable_file() {
    expect(
        "E101-unreadable-schools",
        false,
        INVALID,
        "error[E101] schools.csv: schools.csv is a folder, not a file\n  \
         fix: put the CSV file schools.csv here in place of the folder",
    );
}

#[test]
fn e102_not_utf8() {
    expect(
        "E102-not-utf8",
        false,
        INVALID,
        &format!(
            "error[E102] teachers.csv:4 column B (name): the file is neither UTF-8 nor GBK (GB18030) text (the first bytes \
             that are neither are here)\n  fix: {SAVE_AS_UTF8}"
        ),
    );
}

#[test]
fn e103_wrong_number_of_cells() {
    expect(
        "E103-wrong-cell-count",
        false,
        INVALID,
        "error[E103] teachers.csv:6: this row has 13 cells but the header has 12\n  \
         fix: check for a stray comma or a missing cell; put a cell that contains a comma in quotes",
    );
}

#[test]
fn e104_missing_column() {
    expect(
        "E104-missing-column",
        false,
        INVALID,
        "error[E104] teachers.csv:1 (gender): required column \"gender\" is missing\n  \
         fix: add a column named \"gender\" to the header row",
    );
}

#[test]
fn e105_duplicate_column() {
    expect(
        "E105-duplicate-column",
        false,
        INVALID,
        "error[E105] schools.csv:1 column M (locale): column \"locale\" appears twice (columns E and M)\n  \
         fix: delete one of the two columns",
    );
}

#[test]
fn w106_unknown_column_is_a_warning() {
    expect(
        "W106-unknown-column",
        false,
        OK,
        "warning[W106] schools.csv:1 column M (principal): unknown column \"principal\" is ignored\n  \
         fix: if it is a misspelling, rename it to one of: school_id, name, level, campus, locale, weak, \
         teaching_point, students, staff_quota, x_km, y_km, floor_area_m2, sports_area_m2, equipment_yuan, \
         multimedia_rooms; otherwise this warning can be ignored",
    );
}

#[test]
fn e110_empty_required_cell() {
    expect(
        "E110-empty-required",
        false,
        INVALID,
        "error[E110] teachers.csv:8 column I (age): age is empty\n  fix: fill in age, a number from 18 to 70",
    );
}

#[test]
fn e111_unknown_word() {
    expect(
        "E111-unknown-subject",
        false,
        INVALID,
        &format!(
            "error[E111] teachers.csv:4 column D (subject): \"englsh\" is not a valid subject\n  fix: use one of: {SUBJECTS}"
        ),
    );
}

#[test]
fn e112_not_a_number() {
    expect(
        "E112-not-a-number",
        false,
        INVALID,
        "error[E112] teachers.csv:11 column K (monthly_pay): \"6500元\" is not a number\n  \
         fix: write a plain number such as 1200 or 3.5, without units, spaces or thousands separators",
    );
}

#[test]
fn e113_not_a_boolean() {
    expect(
        "E113-not-a-boolean",
        false,
        INVALID,
        "error[E113] schools.csv:6 column F (weak): \"√\" is not a yes/no value\n  \
         fix: write true or false (yes/no and 1/0 work too); leave it empty for false",
    );
}

#[test]
fn e114_impossible_value() {
    expect(
        "E114-impossible-value",
        false,
        INVALID,
        "error[E114] teachers.csv:14 column I (age): age = 7 is impossible\n  fix: age must be from 18 to 70",
    );
}

#[test]
fn e120_duplicate_id() {
    expect(
        "E120-duplicate-id",
        false,
        INVALID,
        "error[E120] teachers.csv:13 column A (teacher_id): teacher_id \"T011\" appears twice (first on line 12)\n  \
         fix: give each row its own teacher_id, or delete the repeated row",
    );
}

#[test]
fn e121_unknown_school() {
    expect(
        "E121-unknown-school",
        false,
        INVALID,
        "error[E121] teachers.csv:19 column C (school_id): school \"S04\" does not exist in schools.csv\n  \
         fix: use a school_id listed in schools.csv, or add that school to schools.csv",
    );
}

#[test]
fn e122_two_rows_of_one_stage_on_a_campus() {
    expect(
        "E122-two-primary-rows",
        false,
        INVALID,
        "error[E122] schools.csv:5 column D (campus): campus \"QS\" has two primary rows (lines 4 and 5)\n  \
         fix: a nine-year school is one primary row and one junior row with the same campus; \
         correct the level of one row, or give the rows different campuses",
    );
}

#[test]
fn e123_pair_given_twice() {
    expect(
        "E123-duplicate-pair",
        false,
        INVALID,
        "error[E123] distances.csv:7 column A (from_school): the distance between S02 and S01 is given twice \
         (first on line 2)\n  fix: keep one row per pair of schools; a distance holds in both directions",
    );
}

#[test]
fn w130_school_without_teachers_is_a_warning() {
    expect(
        "W130-school-without-teachers",
        false,
        OK,
        "warning[W130] schools.csv:8 column A (school_id): school \"S07\" has 120 students but no teachers in \
         teachers.csv\n  fix: check that its teachers have school_id \"S07\" in teachers.csv; if it really has \
         none, the plan will try to staff it",
    );
}

#[test]
fn w131_exemption_age_not_marked_is_a_warning() {
    expect(
        "W131-exempt-age-not-marked",
        false,
        OK,
        "warning[W131] teachers.csv:20 column L (exempt): teacher \"T019\" is 57, at or past the exemption age for men \
         (55), but is not marked exempt\n  fix: rotaplan exempts them by age anyway; set exempt to true to say so, \
         or correct the age",
    );
}

#[test]
fn e140_unreadable_policy() {
    expect(
        "E140-unreadable-policy",
        true,
        INVALID,
        "error[E140] E140-unreadable-policy/policy.toml: the policy path is a folder, not a file\n  \
         fix: give the path of a policy .toml file, e.g. a copy of models/national-2014.toml",
    );
}

#[test]
fn e141_unknown_policy_key() {
    expect(
        "E141-unknown-policy-key",
        true,
        INVALID,
        "error[E141] E141-unknown-policy-key/policy.toml:26:1 (exchange.shares): unknown key \"shares\", \
         expected one of \"share\", \"scope\", \"backbone_share\", \"backbone_min_level\", \"term_years\", \
         \"max_distance_km\"\n  fix: correct the spelling of the key; models/national-2014.toml lists and \
         explains every key",
    );
}

#[test]
fn e142_policy_value_out_of_range() {
    expect(
        "E142-policy-out-of-range",
        true,
        INVALID,
        "error[E142] E142-policy-out-of-range/policy.toml:26:1 (exchange.share): exchange.share = 10 is outside \
         its valid range 0 to 1\n  fix: a share is a fraction of 1: write 0.10 for 10%, not 10",
    );
}

const E150: &str = "error[E150] moves.csv:3 column A (teacher_id): teacher \"T099\" is not in teachers.csv\n  \
                    fix: use a teacher_id from teachers.csv; a plan only fits the county data it was made from";

/// E150 is about plan files, which `evaluate --plan` and `check` read, not `validate`.
#[test]
fn e150_plan_names_an_unknown_teacher() {
    let out = Command::new(env!("CARGO_BIN_EXE_rotaplan"))
        .current_dir(fixtures())
        .args(["evaluate", "valid", "--plan", "E150-plan-unknown-teacher"])
        .output()
        .expect("rotaplan runs");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert_eq!(out.status.code(), Some(INVALID), "{stderr}");
    assert!(stderr.contains(&format!("{E150}\n")), "{stderr}");
}

/// The same through the library: exactly one finding.
#[test]
fn e150_load_plan_reports_exactly_the_unknown_teacher() {
    let county = load_county(&fixtures().join("valid")).0.expect("the valid county loads");
    let err = load_plan(&fixtures().join("E150-plan-unknown-teacher"), &county).expect_err("the plan is invalid");
    let text: Vec<String> = err.items.iter().map(|f| f.to_string()).collect();
    assert_eq!(text, [E150]);
}

#[test]
fn every_problem_is_reported_at_once() {
    let (status, stdout, _) = validate(&["many-defects", "--format", "json"]);
    assert_eq!(status, INVALID);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON output");
    let found: Vec<String> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let (code, file) = (f["code"].as_str().unwrap(), f["file"].as_str().unwrap());
            format!("{code} {file}:{} column {}", f["line"], f["column_letter"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        found,
        [
            "E113 schools.csv:6 column F",
            "E111 teachers.csv:4 column D",
            "E114 teachers.csv:14 column I",
            "E121 teachers.csv:19 column C",
            "E110 new_hires.csv:3 column C",
            "E123 distances.csv:7 column A",
            "E112 demand.csv:3 column C",
        ]
    );
    assert_eq!(json["errors"], 7);
    assert_eq!(json["warnings"], 0);

    let (status, table, _) = validate(&["many-defects"]);
    assert_eq!(status, INVALID);
    assert_eq!(table.lines().filter(|l| l.starts_with("error[")).count(), 7);
    assert!(table.ends_with("7 error(s), 0 warning(s): the data is invalid.\n"), "{table}");
}

#[test]
fn json_output_has_every_field() {
    let (status, stdout, _) = validate(&["E111-unknown-subject", "--format", "json"]);
    assert_eq!(status, INVALID);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON output");
    assert_eq!(json["valid"], false);
    assert_eq!(json["errors"], 1);
    assert_eq!(json["warnings"], 0);
    let f = &json["findings"][0];
    assert_eq!(f["code"], "E111");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["file"], "teachers.csv");
    assert_eq!(f["line"], 4);
    assert_eq!(f["column"], 4);
    assert_eq!(f["field"], "subject");
    assert_eq!(f["message"], "\"englsh\" is not a valid subject");
    assert_eq!(f["fix"], format!("use one of: {SUBJECTS}"));

    let (status, stdout, _) = validate(&["W131-exempt-age-not-marked", "--format", "json"]);
    assert_eq!(status, OK);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON output");
    assert_eq!(
        (json["valid"].as_bool(), json["errors"].as_u64(), json["warnings"].as_u64()),
        (Some(true), Some(0), Some(1))
    );
    assert_eq!(json["findings"][0]["severity"], "warning");

    let (_, stdout, _) = validate(&["E100-missing-teachers", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON output");
    let f = &json["findings"][0];
    assert!(f["line"].is_null() && f["column"].is_null() && f["field"].is_null(), "{f}");
}

#[test]
fn csv_output_has_one_row_per_finding() {
    let (status, stdout, _) = validate(&["many-defects", "--format", "csv"]);
    assert_eq!(status, INVALID);
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    assert_eq!(
        reader.headers().expect("header").iter().collect::<Vec<_>>(),
        ["code", "severity", "file", "line", "column", "field", "header", "message", "fix"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("CSV rows");
    assert_eq!(rows.len(), 7);
    assert_eq!(
        rows[1].iter().collect::<Vec<_>>(),
        [
            "E111",
            "error",
            "teachers.csv",
            "4",
            "D",
            "subject",
            "",
            "\"englsh\" is not a valid subject",
            &format!("use one of: {SUBJECTS}"),
        ]
    );
    let (status, stdout, _) = validate(&["valid", "--format", "csv"]);
    assert_eq!((status, stdout.as_str()), (OK, "code,severity,file,line,column,field,header,message,fix\n"));
}

#[test]
fn e107_file_mixing_utf8_and_gbk() {
    expect(
        "E107-mixed-encodings",
        false,
        INVALID,
        "error[E107] teachers.csv:10: the file mixes two encodings: 16 line(s) in UTF-8 (the first is line 2) and \
         3 in GBK (the first is line 10); read either way, the Chinese of the other lines would come out as wrong \
         characters\n  fix: the rows were pasted together from files saved in different encodings: open each \
         original file in Excel or WPS, copy its rows into one sheet, and save that as \"CSV UTF-8 (comma \
         delimited)\"",
    );
}

#[test]
fn w108_semicolon_separated_file_is_read_with_a_warning() {
    expect(
        "W108-semicolon-separated",
        false,
        OK,
        "warning[W108] schools.csv:1: the cells of this file are separated by semicolons, not commas; it was read \
         with semicolons\n  fix: nothing needs doing; to silence this warning, save the file again as \"CSV UTF-8 \
         (comma delimited)\"",
    );
    assert_eq!(county_with_one_warning("W108-semicolon-separated"), county("valid"));
}

#[test]
fn w109_repeated_header_row_is_skipped_with_a_warning() {
    expect(
        "W109-repeated-header",
        false,
        OK,
        "warning[W109] teachers.csv:12: this row repeats the header row (rows pasted in from another file with \
         their header); it is skipped\n  fix: delete the row; nothing else needs doing",
    );
    assert_eq!(county_with_one_warning("W109-repeated-header"), county("valid"));
}

const AS_NUMBER: &str = "age is a number from 18 to 70, not a date: format the column as Number (Excel: Format \
                         Cells > Number; WPS: 设置单元格格式 > 数值) and type age again";

#[test]
fn e115_excel_date_serial_in_a_number_column() {
    expect(
        "E115-excel-date-serial",
        false,
        INVALID,
        &format!(
            "error[E115] teachers.csv:7 column I (age): age = 31108 is impossible: it is how Excel stores the date \
             1985-03-02, so the cell is probably formatted as a date\n  fix: {AS_NUMBER}"
        ),
    );
}

#[test]
fn e115_date_text_in_a_number_column() {
    expect(
        "E115-date-text",
        false,
        INVALID,
        &format!("error[E115] teachers.csv:7 column I (age): \"1985/3/1\" is a date, not a number\n  fix: {AS_NUMBER}"),
    );
}

#[test]
fn e116_nul_character_in_a_cell() {
    expect(
        "E116-nul-in-id",
        false,
        INVALID,
        "error[E116] teachers.csv:8 column A (teacher_id): \"T0\\007\" holds a NUL character (U+0000) at character 3\n  \
         fix: retype the cell: the character cannot be seen on screen and came with text pasted from another \
         program or a damaged file; the row is left out until then",
    );
}

#[test]
fn w117_full_width_digits_are_read_with_a_warning() {
    expect(
        "W117-full-width-digits",
        false,
        OK,
        "warning[W117] teachers.csv:9 column I (age): \"３６\" is read as \"36\": it holds full-width characters, as an \
         input method's full-width mode types them\n  fix: nothing needs doing; to silence this warning, retype \
         the cell with the input method in half-width mode (半角)",
    );
    assert_eq!(county_with_one_warning("W117-full-width-digits"), county("valid"));
}

/// Reads a fixture that must load.
fn county(fixture: &str) -> County {
    let (county, findings) = load_county(&fixtures().join(fixture));
    assert!(findings.items.is_empty(), "{fixture}: {findings:?}");
    county.expect("county")
}

/// Reads a fixture that must load with exactly one warning.
fn county_with_one_warning(fixture: &str) -> County {
    let (county, findings) = load_county(&fixtures().join(fixture));
    assert_eq!((findings.errors(), findings.warnings()), (0, 1), "{fixture}: {findings:?}");
    county.expect("county")
}

#[test]
fn byte_order_mark_is_accepted() {
    expect("bom-schools", false, OK, "");
    assert_eq!(county("bom-schools"), county("valid"));
}

#[test]
fn messy_but_legal_cells_are_accepted() {
    // Spaces around cells, Yes/TRUE/1/No/0, upper-case words and header names, 960.0 for
    // 960, quoted cells, CRLF line ends, blank lines.
    expect("messy-legal", false, OK, "");
    let mut messy = county("messy-legal");
    let t020 = messy.teachers.iter_mut().find(|t| t.id == "T020").expect("T020");
    assert!(t020.exempt, "TRUE reads as true");
    t020.exempt = false;
    assert_eq!(messy, county("valid"), "the messy county reads as the valid one");
}

#[test]
fn bad_format_flag_is_a_usage_error() {
    let (status, stdout, stderr) = validate(&["valid", "--format", "xml"]);
    assert_eq!(status, 2);
    assert_eq!(stdout, "");
    assert!(stderr.contains("invalid value 'xml' for '--format <FORMAT>'"), "{stderr}");
}

#[test]
fn w108_tab_separated_file_is_read_with_a_warning() {
    // The valid county with its schools saved as "Text (tab delimited)".
    let tmp = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(fixtures().join("valid")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, tmp.path().join(path.file_name().unwrap())).unwrap();
    }
    let schools = std::fs::read_to_string(tmp.path().join("schools.csv")).unwrap();
    std::fs::write(tmp.path().join("schools.csv"), schools.replace(',', "\t")).unwrap();
    let (read, findings) = load_county(tmp.path());
    let texts: Vec<String> = findings.items.iter().map(|f| f.render(rotaplan::cli::Lang::En)).collect();
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(
        texts[0].starts_with(
            "warning[W108] schools.csv:1: the cells of this file are separated by tabs, not commas; it was read with tabs"
        ),
        "{texts:?}"
    );
    let zh = findings.items[0].render(rotaplan::cli::Lang::Zh);
    assert!(zh.contains("制表符"), "{zh}");
    assert_eq!(read.expect("county"), county("valid"));
}
