//! A county as a bureau's spreadsheet saves it on Chinese Windows: plain "CSV" in GBK,
//! Chinese column names, Chinese words as values. It must read, validate and plan exactly
//! like its UTF-8 twin with the contract's English names; and a file that is neither UTF-8
//! nor GBK is an error at the line where it breaks, never read garbled.

use assert_cmd::Command;
use rotaplan::generate::{generate, GenerateOptions};
use rotaplan::io::load_county;
use rotaplan::io::write_county::write_county;
use std::path::Path;

/// The Chinese header a bureau uses for each contract column.
const HEADERS: &[(&str, &str)] = &[
    ("school_id", "学校代码"),
    ("level", "学段"),
    ("campus", "校区"),
    ("locale", "城乡类别"),
    ("weak", "是否薄弱学校"),
    ("teaching_point", "是否教学点"),
    ("students", "在校生数（人）"),
    ("staff_quota", "核定编制"),
    ("x_km", "横坐标"),
    ("y_km", "纵坐标"),
    ("floor_area_m2", "教学及辅助用房面积（平方米）"),
    ("sports_area_m2", "体育运动场馆面积"),
    ("equipment_yuan", "教学仪器设备值（元）"),
    ("multimedia_rooms", "网络多媒体教室数"),
    ("teacher_id", "教师编号"),
    ("subject", "任教学科"),
    ("title", "职称"),
    ("degree", "学历"),
    ("backbone", "骨干级别"),
    ("years_at_school", "本校任教年限"),
    ("age", "年龄"),
    ("gender", "性别"),
    ("monthly_pay", "月工资（元）"),
    ("exempt", "是否豁免"),
    ("hire_id", "新教师编号"),
];

/// The Chinese word for a contract value, by column.
fn chinese_value(column: &str, value: &str) -> String {
    let words: &[(&str, &str)] = match column {
        "level" => &[("primary", "小学"), ("junior", "初中")],
        "locale" => &[("urban", "城区"), ("town", "镇区"), ("rural", "乡村")],
        "weak" | "teaching_point" | "exempt" => &[("true", "是"), ("false", "否")],
        "subject" => &[
            ("chinese", "语文"),
            ("math", "数学"),
            ("english", "英语"),
            ("morality", "道德与法治"),
            ("science", "科学"),
            ("history_geography", "历史与地理"),
            ("it", "信息技术"),
            ("pe", "体育"),
            ("music", "音乐"),
            ("art", "美术"),
            ("labour", "劳动"),
            ("other", "其他"),
        ],
        "title" => &[
            ("none", "未定级"),
            ("third", "三级教师"),
            ("second", "二级教师"),
            ("first", "一级教师"),
            ("senior", "高级教师"),
            ("professor", "正高级教师"),
        ],
        "degree" => &[
            ("secondary", "中专"),
            ("associate", "大专"),
            ("bachelor", "本科"),
            ("master", "硕士"),
            ("doctor", "博士"),
        ],
        "backbone" => &[("none", "无"), ("school", "校级"), ("county", "县级"), ("city", "市级"), ("province", "省级")],
        "gender" => &[("f", "女"), ("m", "男")],
        _ => &[],
    };
    words.iter().find(|(en, _)| *en == value).map_or(value.to_string(), |(_, zh)| zh.to_string())
}

/// `dir`'s CSV files rewritten with Chinese headers (the name column too: 学校名称 in
/// schools, 姓名 in teachers) and values, encoded in GBK.
fn gbk_twin(dir: &Path, twin: &Path) {
    std::fs::create_dir_all(twin).unwrap();
    for file in ["schools.csv", "teachers.csv", "new_hires.csv", "exchanges.csv"] {
        // The exchange record is there only when the county has one.
        let Ok(text) = std::fs::read_to_string(dir.join(file)) else { continue };
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let columns: Vec<String> = rows[0].iter().map(str::to_string).collect();
        let mut w = csv::Writer::from_writer(Vec::new());
        let header: Vec<&str> = columns
            .iter()
            .map(|c| match (c.as_str(), file) {
                ("name", "schools.csv") => "学校名称",
                ("name", _) => "姓名",
                (c, _) => HEADERS.iter().find(|(en, _)| *en == c).map_or(c, |(_, zh)| *zh),
            })
            .collect();
        w.write_record(&header).unwrap();
        for row in &rows[1..] {
            w.write_record(row.iter().zip(&columns).map(|(v, c)| chinese_value(c, v))).unwrap();
        }
        let utf8 = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(&utf8);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&gbk).is_err(), "{file} in GBK is not also UTF-8");
        std::fs::write(twin.join(file), &gbk).unwrap();
    }
}

fn rotaplan() -> Command {
    Command::cargo_bin("rotaplan").unwrap()
}

#[test]
fn a_gbk_county_with_chinese_headers_reads_validates_and_plans_like_its_utf8_twin() {
    let tmp = tempfile::tempdir().unwrap();
    let (utf8, gbk) = (tmp.path().join("utf8"), tmp.path().join("gbk"));
    let mut county = generate(&GenerateOptions { schools: 12, seed: 21 });
    // Chinese school names, so the names go through GBK too.
    for (i, s) in county.schools.iter_mut().enumerate() {
        s.name = format!("城关第{}学校", i + 1);
    }
    write_county(&utf8, &county).unwrap();
    gbk_twin(&utf8, &gbk);

    let (a, fa) = load_county(&utf8);
    let (b, fb) = load_county(&gbk);
    assert!(fa.items.is_empty() && fb.items.is_empty(), "{fa:?}\n{fb:?}");
    assert_eq!(a.as_ref().unwrap(), b.as_ref().unwrap());

    for dir in [&utf8, &gbk] {
        rotaplan().arg("validate").arg(dir).assert().success();
    }
    let plans: Vec<_> = [&utf8, &gbk]
        .iter()
        .enumerate()
        .map(|(i, dir)| {
            let out = tmp.path().join(format!("plan{i}"));
            rotaplan().arg("plan").arg(dir).arg("--out").arg(&out).assert().success();
            out
        })
        .collect();
    for file in ["moves.csv", "hires.csv"] {
        let (p, q) = (std::fs::read(plans[0].join(file)).unwrap(), std::fs::read(plans[1].join(file)).unwrap());
        assert!(!p.is_empty());
        assert_eq!(p, q, "{file} differs between the UTF-8 and the GBK county");
    }
}

#[test]
fn a_file_in_neither_utf8_nor_gbk_is_an_error_at_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let (utf8, gbk) = (tmp.path().join("utf8"), tmp.path().join("gbk"));
    write_county(&utf8, &generate(&GenerateOptions { schools: 8, seed: 2 })).unwrap();
    gbk_twin(&utf8, &gbk);
    // 0xFF is no byte of GBK or UTF-8 text: put it in the name (column 2) of line 4.
    let path = gbk.join("teachers.csv");
    let bytes = std::fs::read(&path).unwrap();
    let line_start = bytes.iter().enumerate().filter(|(_, &b)| b == b'\n').nth(2).unwrap().0 + 1;
    let cell = line_start + bytes[line_start..].iter().position(|&b| b == b',').unwrap() + 1;
    let mut broken = bytes.clone();
    broken[cell] = 0xFF;
    std::fs::write(&path, &broken).unwrap();
    let out = rotaplan().current_dir(tmp.path()).args(["validate", "gbk"]).assert().code(2);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.starts_with(
            "error[E102] teachers.csv:4 column B (姓名): the file is neither UTF-8 nor GBK (GB18030) text \
             (the first bytes that are not GBK are here)"
        ),
        "{stdout}"
    );
}

#[test]
fn a_gbk_county_saved_with_crlf_line_breaks_is_placed_at_the_lines_a_spreadsheet_shows() {
    let tmp = tempfile::tempdir().unwrap();
    let (utf8, gbk) = (tmp.path().join("utf8"), tmp.path().join("gbk"));
    write_county(&utf8, &generate(&GenerateOptions { schools: 8, seed: 2 })).unwrap();
    gbk_twin(&utf8, &gbk);
    // The teacher of line 5 again on line 7, and every line ended as Excel ends it.
    let path = gbk.join("teachers.csv");
    let bytes = std::fs::read(&path).unwrap();
    let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty()).collect();
    lines.insert(6, lines[4]);
    std::fs::write(&path, lines.join(&b"\r\n"[..])).unwrap();
    let id = String::from_utf8(lines[4].split(|&b| b == b',').next().unwrap().to_vec()).unwrap();
    let out = rotaplan().current_dir(tmp.path()).args(["validate", "gbk"]).assert().code(2);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let expected =
        format!("error[E120] teachers.csv:7 column A (教师编号): 教师编号 \"{id}\" appears twice (first on line 5)");
    assert!(stdout.starts_with(&expected), "{stdout}");
}
