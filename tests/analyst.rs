//! Issue 18 as a bureau analyst meets it: findings in Chinese at the cell of their own
//! sheet, under their own header; the blank template filled in, validated and planned; a
//! plan workbook edited by hand and checked; and `plan --out` refusing a folder of
//! hand-made files.

use assert_cmd::Command;
use calamine::{Data, Reader};
use std::path::{Path, PathBuf};

/// The command, in a locale that says nothing about the language unless a test sets one.
fn rotaplan(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rotaplan"));
    c.current_dir(dir).env_remove("LC_ALL").env_remove("LC_MESSAGES").env("LANG", "C.UTF-8");
    c
}

fn stdout(c: &mut Command, code: i32) -> String {
    let out = c.assert().code(code);
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

type Sheet = (String, Vec<Vec<String>>);

/// Every sheet of a workbook as rows of cell texts.
fn read_book(path: &Path) -> Vec<Sheet> {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let text = |c: &Data| match c {
        Data::Empty => String::new(),
        Data::Float(v) => v.to_string(),
        other => other.to_string(),
    };
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|n| (n.clone(), book.worksheet_range(&n).unwrap().rows().map(|r| r.iter().map(text).collect()).collect()))
        .collect()
}

/// Writes sheets of texts (a cell that reads as a number is written as one, as Excel keeps it).
fn write_book(path: &Path, sheets: &[Sheet]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell.parse::<f64>() {
                    Ok(v) if r > 0 => _ = ws.write_number(r, c, v).unwrap(),
                    _ if cell.is_empty() => {}
                    _ => _ = ws.write_string(r, c, cell).unwrap(),
                }
            }
        }
    }
    book.save(path).unwrap();
}

/// A row under `header` with the given cells by header name (others empty).
fn row(header: &[String], cells: &[(&str, &str)]) -> Vec<String> {
    header.iter().map(|h| cells.iter().find(|(k, _)| k == h).map_or(String::new(), |(_, v)| v.to_string())).collect()
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validate")
}

#[test]
fn findings_in_chinese_name_the_sheet_cell_and_the_users_own_header() {
    let tmp = tempfile::tempdir().unwrap();
    rotaplan(tmp.path()).args(["template", "--lang", "zh", "--out", "t.xlsx"]).assert().success();
    let template = read_book(&tmp.path().join("t.xlsx"));
    let (schools_h, teachers_h) = (template[0].1[0].clone(), template[1].1[0].clone());
    assert_eq!(teachers_h[8], "年龄", "age is column I of the template's teachers sheet");
    let school = |id: &str, level: &str, locale: &str| {
        row(&schools_h, &[("学校代码", id), ("学段", level), ("城乡类别", locale), ("在校生数", "300")])
    };
    let mut teachers = vec![teachers_h.clone()];
    for i in 2..=12 {
        let age = if i == 12 { "三十" } else { "35" };
        let id = format!("T{i:02}");
        teachers.push(row(
            &teachers_h,
            &[
                ("教师编号", &id),
                ("学校代码", "S1"),
                ("任教学科", "语文"),
                ("本校任教年限", "3"),
                ("年龄", age),
                ("性别", "女"),
                ("月工资", "5000"),
            ],
        ));
    }
    let schools = vec![
        schools_h.clone(),
        school("S1", "小学", "城区"),
        school("S2", "小学", "城镇"),
        school("S3", "九年一贯制", "乡村"),
    ];
    write_book(&tmp.path().join("县数据.xlsx"), &[("学校".into(), schools), ("教师名册".into(), teachers)]);

    let zh = stdout(rotaplan(tmp.path()).args(["--lang", "zh", "validate", "县数据.xlsx"]), 2);
    assert!(zh.contains(
        "错误[E112] [县数据.xlsx]教师名册!I12 (年龄)：\"三十\" 不是数字\n  修改：请只填数字，如 1200 或 3.5，不带单位、空格或千位分隔符\n"
    ), "{zh}");
    assert!(
        zh.contains("错误[E111] [县数据.xlsx]学校!E3 (城乡类别)：\"城镇\" 不能作为城乡类别：“城镇”同时包括城区和镇区"),
        "{zh}"
    );
    assert!(zh.contains("修改：请按统计用城乡划分代码填写：城区（主城区、城乡结合区，代码111、112）或镇区"), "{zh}");
    assert!(
        zh.contains("错误[E111] [县数据.xlsx]学校!C4 (学段)：\"九年一贯制\" 不是学段：九年一贯制学校要填成两行"),
        "{zh}"
    );
    assert!(zh.contains("一行学段为小学、一行为初中"), "{zh}");
    assert!(zh.ends_with("3 处错误，0 处警告：数据无效。\n"), "{zh}");

    // The locale's language when --lang is not given; --lang wins over it.
    let from_env = stdout(rotaplan(tmp.path()).env("LANG", "zh_CN.UTF-8").args(["validate", "县数据.xlsx"]), 2);
    assert_eq!(from_env, zh);
    let en =
        stdout(rotaplan(tmp.path()).env("LANG", "zh_CN.UTF-8").args(["--lang", "en", "validate", "县数据.xlsx"]), 2);
    assert!(en.contains("error[E112] [县数据.xlsx]教师名册!I12 (年龄): \"三十\" is not a number\n"), "{en}");
    assert!(en.contains("fix: write urban (城区"), "{en}");
}

#[test]
fn findings_of_a_csv_file_in_chinese_give_row_and_column_letter() {
    let zh = stdout(rotaplan(&fixtures()).args(["validate", "E114-impossible-value", "--lang", "zh"]), 2);
    assert_eq!(zh, "错误[E114] teachers.csv 第14行 I列 (age)：年龄 = 7 不可能\n  修改：年龄的范围：18 至 70\n1 处错误，0 处警告：数据无效。\n");
    let zh =
        stdout(rotaplan(&fixtures()).args(["--lang", "zh", "validate", "E111-unknown-subject", "--format", "csv"]), 2);
    assert!(zh.contains("E111,错误,teachers.csv,4,D,subject,,\"\"\"englsh\"\" 不是有效的任教学科\",请填写以下之一：语文、数学、英语"), "{zh}");
}

/// The template's sheets, filled with three rows each.
fn filled(template: &[Sheet]) -> Vec<Sheet> {
    let rows: [&[&[(&str, &str)]]; 5] = [
        &[
            &[
                ("学校代码", "S1"),
                ("校名", "城关一小"),
                ("学段", "小学"),
                ("城乡类别", "城区"),
                ("是否薄弱学校", "否"),
                ("在校生数", "400"),
            ],
            &[
                ("学校代码", "S2"),
                ("校名", "河口小学"),
                ("学段", "小学"),
                ("城乡类别", "乡村"),
                ("是否薄弱学校", "是"),
                ("在校生数", "120"),
            ],
            &[("学校代码", "S3"), ("校名", "城关中学"), ("学段", "初中"), ("城乡类别", "镇区"), ("在校生数", "300")],
        ],
        &[
            &[
                ("教师编号", "T1"),
                ("学校代码", "S1"),
                ("任教学科", "语文"),
                ("职称", "一级教师"),
                ("学历", "本科"),
                ("骨干级别", "县级"),
                ("本校任教年限", "8"),
                ("年龄", "40"),
                ("性别", "女"),
                ("月工资", "6000"),
                ("是否豁免", "否"),
            ],
            &[
                ("教师编号", "T2"),
                ("学校代码", "S1"),
                ("任教学科", "数学"),
                ("职称", "二级教师"),
                ("本校任教年限", "7"),
                ("年龄", "35"),
                ("性别", "男"),
                ("月工资", "5500"),
            ],
            &[
                ("教师编号", "T3"),
                ("学校代码", "S3"),
                ("任教学科", "英语"),
                ("职称", "高级教师"),
                ("学历", "硕士"),
                ("骨干级别", "市级"),
                ("本校任教年限", "10"),
                ("年龄", "45"),
                ("性别", "女"),
                ("月工资", "7000"),
            ],
        ],
        &[
            &[("新教师编号", "H1"), ("任教学科", "英语"), ("学历", "本科"), ("性别", "女"), ("月工资", "4500")],
            &[("新教师编号", "H2"), ("任教学科", "数学"), ("学历", "本科"), ("性别", "男")],
            &[("新教师编号", "H3"), ("任教学科", "体育"), ("学历", "大专")],
        ],
        &[
            &[("起点学校", "S1"), ("终点学校", "S2"), ("距离", "12")],
            &[("起点学校", "S1"), ("终点学校", "S3"), ("距离", "5")],
            &[("起点学校", "S2"), ("终点学校", "S3"), ("距离", "9")],
        ],
        &[
            &[("学校代码", "S1"), ("任教学科", "语文"), ("岗位数", "2")],
            &[("学校代码", "S2"), ("任教学科", "数学"), ("岗位数", "1")],
            &[("学校代码", "S3"), ("任教学科", "英语"), ("岗位数", "2")],
        ],
    ];
    let mut sheets: Vec<Sheet> = template.to_vec();
    for ((_, sheet), cells) in sheets.iter_mut().zip(rows) {
        let header = sheet[0].clone();
        sheet.extend(cells.iter().map(|c| row(&header, c)));
    }
    sheets
}

#[test]
fn the_template_is_filled_in_validated_and_planned() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    for lang in ["en", "zh"] {
        let out = format!("template-{lang}.xlsx");
        rotaplan(dir).args(["--lang", lang, "template", "--out", &out]).assert().success();
        // The empty template is not broken: it says what is missing.
        let empty = stdout(rotaplan(dir).args(["--lang", "en", "validate", &out]), 2);
        let codes: Vec<&str> = empty.lines().filter(|l| l.starts_with("error[")).map(|l| &l[6..10]).collect();
        assert_eq!(codes, ["E118", "E118"], "{empty}");
        assert!(
            empty.contains("has a header but no schools") && empty.contains("has a header but no teachers"),
            "{empty}"
        );
    }
    let template = read_book(&dir.join("template-zh.xlsx"));
    let names: Vec<&str> = template.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["学校", "教师", "新教师", "距离", "需求", "锁定", "交流记录", "逐年新教师", "学生数预测", "说明"]
    );
    let notes = &template[9].1;
    assert!(notes.iter().any(|r| r[1] == "月工资" && r[4] == "元"), "the notes give units: {notes:?}");
    let schools = &template[0].1[0];
    assert_eq!(schools[..5], ["学校代码", "校名", "学段", "校区", "城乡类别"]);

    write_book(&dir.join("county.xlsx"), &filled(&template));
    let valid = stdout(rotaplan(dir).args(["validate", "county.xlsx"]), 0);
    assert!(valid.ends_with("0 error(s), 1 warning(s): the data is valid.\n"), "{valid}");
    rotaplan(dir)
        .args(["plan", "county.xlsx", "--out", "plan", "--time-limit", "20", "--xlsx", "plan.xlsx"])
        .assert()
        .success();
    // The tiny county cannot meet every rule (the plan says which); the checker reads the
    // plan workbook as it reads the plan folder.
    let from_dir = rotaplan(dir).args(["check", "county.xlsx", "--plan", "plan"]).output().unwrap();
    let from_book = rotaplan(dir).args(["check", "county.xlsx", "--plan", "plan.xlsx"]).output().unwrap();
    assert!(matches!(from_dir.status.code(), Some(0 | 1)), "{from_dir:?}");
    assert_eq!((from_book.status.code(), &from_book.stdout), (from_dir.status.code(), &from_dir.stdout));
}

#[test]
fn a_plan_workbook_edited_by_hand_is_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    rotaplan(dir).args(["generate", "--schools", "10", "--seed", "11", "--out", "c"]).assert().success();
    rotaplan(dir)
        .args(["--lang", "zh", "plan", "c", "--out", "p", "--time-limit", "30", "--xlsx", "plan.xlsx"])
        .assert()
        .success();
    let book = read_book(&dir.join("plan.xlsx"));
    let moves = &book[0].1;
    let n = moves.len() - 1;
    assert!(n >= 2, "{moves:?}");
    assert_eq!(moves[0][3..7], ["派出学校", "派出学校名称", "派出学校城乡类别", "接收学校"]);
    let checked = stdout(rotaplan(dir).args(["--lang", "zh", "check", "c", "--plan", "plan.xlsx"]), 0);
    assert!(checked.starts_with(&format!("已检查 {n} 人交流")), "{checked}");

    // A moved row deleted and another teacher sent elsewhere: read and checked as edited.
    let mut edited = book.clone();
    edited[0].1.remove(1);
    let schools = read_book(&dir.join("plan.xlsx"))[2].1.iter().skip(1).map(|r| r[0].clone()).collect::<Vec<_>>();
    let other = schools.iter().find(|s| **s != edited[0].1[1][3] && **s != edited[0].1[1][6]).cloned().unwrap();
    edited[0].1[1][6] = other;
    write_book(&dir.join("edited.xlsx"), &edited);
    let out = rotaplan(dir).args(["check", "c", "--plan", "edited.xlsx"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(&format!("{} move(s)", n - 1)), "{text}");
    assert!(matches!(out.status.code(), Some(0 | 1)), "read and checked, not refused: {text}");
    rotaplan(dir).args(["evaluate", "c", "--plan", "edited.xlsx"]).assert().success();

    // A school typed that the county does not have: named at its cell.
    edited[0].1[2][6] = "S999".into();
    write_book(&dir.join("typo.xlsx"), &edited);
    let out = rotaplan(dir).args(["check", "c", "--plan", "typo.xlsx"]).assert().code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("error[E150] [typo.xlsx]交流名单!G3 (接收学校): school \"S999\" is not in schools.csv"),
        "{err}"
    );
}

#[test]
fn plan_refuses_a_folder_of_hand_made_files_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    rotaplan(dir).args(["generate", "--schools", "4", "--seed", "2", "--out", "c"]).assert().success();
    std::fs::create_dir(dir.join("mine")).unwrap();
    std::fs::write(dir.join("mine/moves.csv"), "teacher_id,from_school,to_school,kind\n").unwrap();
    let out = rotaplan(dir).args(["plan", "c", "--out", "mine", "--time-limit", "5"]).assert().code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("is not a plan rotaplan wrote (it has no run.json or summary.json) and holds moves.csv"),
        "{err}"
    );
    assert!(err.contains("add --force"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.join("mine/moves.csv")).unwrap(), "teacher_id,from_school,to_school,kind\n");
    let out = rotaplan(dir).args(["plan", "c", "--out", "mine", "--time-limit", "5", "--force"]).assert().success();
    // No live line where standard error is not a terminal.
    assert!(!String::from_utf8_lossy(&out.get_output().stderr).contains('\r'));
    assert!(dir.join("mine/run.json").exists());
    // A plan rotaplan wrote is replaced without --force.
    rotaplan(dir).args(["plan", "c", "--out", "mine", "--time-limit", "5"]).assert().success();
}
