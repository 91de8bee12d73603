//! Excel in and out. A county written as a workbook reads back as the county its CSV
//! files give; a bureau's workbook (Chinese sheet names and headers, a title row) reads
//! and validates like CSV, with findings at the sheet's row and column; and a plan
//! workbook holds exactly the plan and its metrics.

use assert_cmd::Command;
use calamine::{Data, Reader};
use rotaplan::generate::{generate, GenerateOptions};
use rotaplan::io::load_county;
use rotaplan::io::plan::{hires_csv, moves_csv};
use rotaplan::io::xlsx::county_workbook;
use rotaplan::planner::make_plan;
use rotaplan::report::xlsx::plan_workbook;
use rotaplan::report::Lang;
use rotaplan::solve::SolveOptions;
use std::path::{Path, PathBuf};

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/demo-county")
}

/// Every sheet of a workbook as rows of cell texts (numbers as their shortest decimal).
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let text = |c: &Data| match c {
        Data::Empty => String::new(),
        Data::Float(v) => v.to_string(),
        other => other.to_string(),
    };
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            (name, range.rows().map(|r| r.iter().map(text).collect()).collect())
        })
        .collect()
}

fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes);
    r.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

#[test]
fn the_demo_county_round_trips_through_a_workbook() {
    let (county, findings) = load_county(&demo());
    let county = county.unwrap_or_else(|| panic!("{findings:?}"));
    let tmp = tempfile::tempdir().unwrap();
    let book = tmp.path().join("demo.xlsx");
    std::fs::write(&book, county_workbook(&county).unwrap()).unwrap();
    let (back, findings) = load_county(&book);
    assert!(findings.items.is_empty(), "{findings:?}");
    assert_eq!(back.as_ref(), Some(&county), "the workbook reads back as the CSV county");
    // And as a user runs it: valid, from the file itself.
    Command::cargo_bin("rotaplan").unwrap().arg("validate").arg(&book).assert().success();
}

/// A workbook as bureaus make them: Chinese sheet and column names, a title row merged
/// across the top, numbers as numbers (12.0 for a whole number), Chinese words as values.
fn bureau_workbook(path: &Path, teacher_age: &str) {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name("学校").unwrap();
    ws.write_string(0, 0, "XX县义务教育学校基本情况表").unwrap();
    for (c, h) in ["学校代码", "学校名称", "学段", "城乡类别", "在校生数（人）", "核定编制"].iter().enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    for (r, row) in [["S01", "城关一小", "小学", "城区"], ["S02", "李家村小学", "小学", "乡村"]].iter().enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 2, c as u16, *v).unwrap();
        }
        ws.write_number(r as u32 + 2, 4, [400.0, 90.0][r]).unwrap();
        ws.write_number(r as u32 + 2, 5, [22.0, 6.0][r]).unwrap();
    }
    let ws = book.add_worksheet().set_name("教师").unwrap();
    let header = [
        "教师编号",
        "姓名",
        "学校代码",
        "任教学科",
        "职称",
        "学历",
        "骨干级别",
        "本校任教年限",
        "年龄",
        "性别",
        "月工资（元）",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        ["T1", "王芳", "S01", "语文", "一级教师", "本科", "县级", "8", "41", "女", "7200.5"],
        ["T2", "李强", "S01", "体育与健康", "二级教师", "大专", "无", "3", teacher_age, "男", "6100"],
        ["T3", "张敏", "S02", "数学", "未定级", "本科", "无", "2", "26", "女", "5800"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            match v.parse::<f64>() {
                Ok(n) if c >= 7 && c != 9 => ws.write_number(r as u32 + 1, c as u16, n).unwrap(),
                _ => ws.write_string(r as u32 + 1, c as u16, *v).unwrap(),
            };
        }
    }
    book.add_worksheet().set_name("说明").unwrap().write_string(0, 0, "填表说明").unwrap();
    book.save(path).unwrap();
}

#[test]
fn a_bureau_workbook_reads_like_the_csv_twin() {
    let tmp = tempfile::tempdir().unwrap();
    let book = tmp.path().join("book.xlsx");
    bureau_workbook(&book, "35");
    let dir = tmp.path().join("csv");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("schools.csv"),
        "school_id,name,level,locale,students,staff_quota\nS01,城关一小,primary,urban,400,22\nS02,李家村小学,primary,rural,90,6\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("teachers.csv"),
        "teacher_id,name,school_id,subject,title,degree,backbone,years_at_school,age,gender,monthly_pay\n\
         T1,王芳,S01,chinese,first,bachelor,county,8,41,f,7200.5\nT2,李强,S01,pe,second,associate,none,3,35,m,6100\n\
         T3,张敏,S02,math,none,bachelor,none,2,26,f,5800\n",
    )
    .unwrap();
    let (from_book, f) = load_county(&book);
    assert!(f.items.is_empty(), "{f:?}");
    let (from_csv, _) = load_county(&dir);
    assert_eq!(from_book.unwrap(), from_csv.unwrap());
}

#[test]
fn findings_in_a_workbook_name_the_sheet_row_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let book = tmp.path().join("book.xlsx");
    bureau_workbook(&book, "三十五");
    let out = Command::cargo_bin("rotaplan")
        .unwrap()
        .current_dir(tmp.path())
        .args(["validate", "book.xlsx"])
        .assert()
        .code(2);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(
        stdout,
        "error[E112] [book.xlsx]教师!I3 (年龄): \"三十五\" is not a number\n  \
         fix: write a plain number such as 1200 or 3.5, without units, spaces or thousands separators\n\
         1 error(s), 0 warning(s): the data is invalid.\n"
    );
    let missing = tmp.path().join("no-sheets.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().set_name("说明").unwrap();
    wb.save(&missing).unwrap();
    let out = Command::cargo_bin("rotaplan")
        .unwrap()
        .current_dir(tmp.path())
        .args(["validate", "no-sheets.xlsx"])
        .assert()
        .code(2);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.starts_with(
        "error[E100] no-sheets.xlsx: required sheet \"schools\" is missing from no-sheets.xlsx (its sheets: \"说明\")\n  \
         fix: add a sheet named \"schools\" (or \"学校\")"
    ), "{stdout}");
    std::fs::write(tmp.path().join("broken.xlsx"), b"not a zip").unwrap();
    let out = Command::cargo_bin("rotaplan")
        .unwrap()
        .current_dir(tmp.path())
        .args(["validate", "broken.xlsx"])
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stdout)
        .starts_with("error[E101] broken.xlsx: cannot read broken.xlsx as a workbook"));
}

#[test]
fn a_plan_workbook_holds_the_plan_and_its_metrics() {
    let county = generate(&GenerateOptions { schools: 10, seed: 11 });
    let policy = rotaplan::io::load_policy(None).unwrap();
    let result = make_plan(&county, &policy, &SolveOptions::default()).unwrap();
    assert!(!result.plan.moves.is_empty() && !result.plan.placements.is_empty());
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("plan.xlsx");
    std::fs::write(&path, plan_workbook(&county, &result, Lang::En).unwrap()).unwrap();
    let book = sheets(&path);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["moves", "hires", "schools", "metrics"]);
    // moves and hires hold the columns and rows of moves.csv and hires.csv, by name.
    for ((_, rows), csv) in book.iter().zip([moves_csv(&county, &result.plan), hires_csv(&county, &result.plan)]) {
        let expected = csv_rows(&csv);
        assert_eq!(rows.len(), expected.len());
        let at: Vec<usize> = expected[0].iter().map(|h| rows[0].iter().position(|x| x == h).unwrap()).collect();
        for (row, want) in rows.iter().zip(&expected) {
            assert_eq!(at.iter().map(|&i| row[i].clone()).collect::<Vec<_>>(), *want);
        }
    }
    // Readable reasons come before their codes.
    let moves = &book[0].1[0];
    assert!(moves.iter().position(|h| h == "explanation") < moves.iter().position(|h| h == "reasons"));
    let schools = &book[2].1;
    let col = |name: &str| schools[0].iter().position(|h| h == name).unwrap();
    let before = &result.summary.metrics.before;
    let after = &result.summary.metrics.after;
    for (i, s) in county.schools.iter().enumerate() {
        let row = &schools[i + 1];
        assert_eq!(row[col("school_id")], s.id);
        assert_eq!(row[col("teachers_before")], before.schools[i].teachers.to_string());
        assert_eq!(row[col("teachers_after")], after.schools[i].teachers.to_string());
        let moved_in = result.plan.moves.iter().filter(|m| m.to == i).count();
        assert_eq!(row[col("exchanged_in")], moved_in.to_string());
    }
    let metrics = &book[3].1;
    assert_eq!(
        metrics[0][..7],
        ["stage", "indicator", "label", "threshold", "county_value_before", "cv_before", "pass_before"]
    );
    for row in &metrics[1..] {
        let stage = rotaplan::domain::Stage::parse(&row[0]).unwrap();
        if row[1] == "basic_2012_mean_cv" {
            continue;
        }
        let rounded = |v: f64| ((v * 1000.0).round() / 1000.0).to_string();
        let cv = |e: &rotaplan::metrics::Evaluation| e.cv(stage, &row[1]).map(rounded).unwrap_or_default();
        assert_eq!((row[5].clone(), row[8].clone()), (cv(before), cv(after)), "{row:?}");
    }
}

#[test]
fn a_chinese_plan_workbook_saved_as_csv_reads_back_as_the_plan() {
    let county = generate(&GenerateOptions { schools: 8, seed: 5 });
    let policy = rotaplan::io::load_policy(None).unwrap();
    let result = make_plan(&county, &policy, &SolveOptions::default()).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("plan.xlsx");
    std::fs::write(&path, plan_workbook(&county, &result, Lang::Zh).unwrap()).unwrap();
    let book = sheets(&path);
    assert_eq!(
        book.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        ["交流名单", "新教师分配", "各校情况", "均衡指标"]
    );
    assert_eq!(book[0].1[0][..4], ["教师编号", "姓名", "学科", "派出学校"]);
    assert!(book[2].1[1].iter().any(|c| c == "是" || c == "否"), "yes/no in Chinese: {:?}", book[2].1[1]);
    let plan_dir = tmp.path().join("plan");
    std::fs::create_dir(&plan_dir).unwrap();
    for ((_, rows), file) in book.iter().zip(["moves.csv", "hires.csv"]) {
        let mut w = csv::Writer::from_writer(Vec::new());
        rows.iter().for_each(|r| w.write_record(r).unwrap());
        std::fs::write(plan_dir.join(file), w.into_inner().unwrap()).unwrap();
    }
    assert_eq!(rotaplan::io::load_plan(&plan_dir, &county).unwrap(), result.plan);
}
