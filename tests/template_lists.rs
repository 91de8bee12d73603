//! `rotaplan template` writes a drop-down list (Excel data validation) on every column with
//! a fixed set of words, in the language of the run. The written workbook is opened as the
//! zip it is, and each sheet's XML read for its `<dataValidation>` elements: every
//! enumerated column has exactly its list, over the rows below the header, and no other
//! column has one.

use assert_cmd::Command;
use calamine::Reader;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

const EN_SUBJECTS: &str = "chinese,math,english,morality,science,history_geography,it,pe,music,art,labour,other";
const ZH_SUBJECTS: &str = "语文,数学,英语,道德与法治,科学,历史与地理,信息技术,体育,音乐,美术,劳动,其他";

/// (sheet, header, list) of every enumerated column, in English and in Chinese, as the
/// data contract (docs/formats.md) words them.
const EN: &[(&str, &str, &str)] = &[
    ("schools", "level", "primary,junior"),
    ("schools", "locale", "urban,town,rural"),
    ("schools", "weak", "true,false"),
    ("schools", "teaching_point", "true,false"),
    ("teachers", "subject", EN_SUBJECTS),
    ("teachers", "title", "none,third,second,first,senior,professor"),
    ("teachers", "degree", "secondary,associate,bachelor,master,doctor"),
    ("teachers", "backbone", "none,school,county,city,province"),
    ("teachers", "gender", "f,m"),
    ("teachers", "exempt", "true,false"),
    ("teachers", "seeks_promotion", "true,false"),
    ("new_hires", "subject", EN_SUBJECTS),
    ("new_hires", "degree", "secondary,associate,bachelor,master,doctor"),
    ("new_hires", "gender", "f,m"),
    ("demand", "subject", EN_SUBJECTS),
    ("locks", "lock", "stay,go,not_to,place"),
    ("exchanges", "kind", "exchange,transfer,extension"),
    ("hires_by_year", "subject", EN_SUBJECTS),
    ("hires_by_year", "degree", "secondary,associate,bachelor,master,doctor"),
];

const ZH: &[(&str, &str, &str)] = &[
    ("学校", "学段", "小学,初中"),
    ("学校", "城乡类别", "城区,镇区,乡村"),
    ("学校", "是否薄弱学校", "是,否"),
    ("学校", "是否教学点", "是,否"),
    ("教师", "任教学科", ZH_SUBJECTS),
    ("教师", "职称", "无,三级教师,二级教师,一级教师,高级教师,正高级教师"),
    ("教师", "学历", "中专,大专,本科,硕士,博士"),
    ("教师", "骨干级别", "无,校级,县级,市级,省级"),
    ("教师", "性别", "女,男"),
    ("教师", "是否豁免", "是,否"),
    ("教师", "申报高级职称", "是,否"),
    ("新教师", "任教学科", ZH_SUBJECTS),
    ("新教师", "学历", "中专,大专,本科,硕士,博士"),
    ("新教师", "性别", "女,男"),
    ("需求", "任教学科", ZH_SUBJECTS),
    ("锁定", "锁定", "留任,交流,不去,分配"),
    ("交流记录", "交流类型", "交流,调动,延期"),
    ("逐年新教师", "任教学科", ZH_SUBJECTS),
    ("逐年新教师", "学历", "中专,大专,本科,硕士,博士"),
];

/// The Excel letters of a 0-based column: 0 -> A, 26 -> AA.
fn letters(mut c: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'A' + (c % 26) as u8) as char);
        if c < 26 {
            return s;
        }
        c = c / 26 - 1;
    }
}

/// Each `<dataValidation>` of a sheet's XML as (sqref, list of words).
fn validations(xml: &str) -> Vec<(String, String)> {
    let attr = |tag: &str, name: &str| {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[start..].split('"').next()?.to_string())
    };
    xml.split("<dataValidation ")
        .skip(1)
        .map(|v| {
            let v = v.split("</dataValidation>").next().unwrap();
            let sqref = attr(v, "sqref").expect("a validation names its cells");
            let formula = v.split("<formula1>").nth(1).and_then(|f| f.split("</formula1>").next()).unwrap_or("");
            let list = formula.replace("&quot;", "\"");
            (sqref, list.trim_matches('"').to_string())
        })
        .collect()
}

/// Every (sheet, header, list) of the workbook at `path`.
fn lists(path: &Path) -> Vec<(String, String, String)> {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = Vec::new();
    for (i, sheet) in book.sheet_names().into_iter().enumerate() {
        let header: Vec<String> = book
            .worksheet_range(&sheet)
            .unwrap()
            .rows()
            .next()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .unwrap_or_default();
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{}.xml", i + 1)).unwrap().read_to_string(&mut xml).unwrap();
        let by_letter: BTreeMap<String, &String> = header.iter().enumerate().map(|(c, h)| (letters(c), h)).collect();
        for (sqref, list) in validations(&xml) {
            let (from, to) = sqref.split_once(':').unwrap_or((&sqref, &sqref));
            let col = from.trim_end_matches(|c: char| c.is_ascii_digit());
            assert_eq!(from, format!("{col}2"), "{sheet}: a list starts under the header ({sqref})");
            assert_eq!(to, format!("{col}10001"), "{sheet}: a list covers 10,000 rows ({sqref})");
            let header =
                by_letter.get(col).unwrap_or_else(|| panic!("{sheet}: a list on column {col}, past the headers"));
            out.push((sheet.clone(), header.to_string(), list));
        }
    }
    out
}

#[test]
fn every_enumerated_column_has_its_list_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    for (lang, expected) in [("en", EN), ("zh", ZH)] {
        let path = tmp.path().join(format!("template-{lang}.xlsx"));
        Command::cargo_bin("rotaplan")
            .unwrap()
            .args(["--lang", lang, "template", "--out"])
            .arg(&path)
            .assert()
            .success();
        let mut got = lists(&path);
        got.sort();
        let mut want: Vec<(String, String, String)> =
            expected.iter().map(|(s, h, l)| (s.to_string(), h.to_string(), l.to_string())).collect();
        want.sort();
        assert_eq!(got, want, "{lang}: the drop-down lists of the template");
    }
}

#[test]
fn validations_are_read_from_the_sheet_xml() {
    let xml = r#"<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="C2:C10001"><formula1>"a,b"</formula1></dataValidation></dataValidations>"#;
    assert_eq!(validations(xml), vec![("C2:C10001".to_string(), "a,b".to_string())]);
    assert_eq!((letters(0), letters(25), letters(26), letters(27)), ("A".into(), "Z".into(), "AA".into(), "AB".into()));
}
