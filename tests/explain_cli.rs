//! `rotaplan explain` as a user runs it on the demo county, against a fixed plan
//! (tests/fixtures/explain/demo-plan: the optimiser's plan of the demo county, written once
//! and re-checked here, so the output does not depend on a solve): a moved teacher
//! (T00005), an eligible teacher left at home (T00004), one not due to exchange (T00001)
//! and one away on an exchange term (T00228), with the exact output in English and Chinese.

use assert_cmd::Command;

const PLAN: &str = "tests/fixtures/explain/demo-plan";

fn rotaplan(lang: &str) -> Command {
    let mut cmd = Command::cargo_bin("rotaplan").unwrap();
    cmd.env("LC_ALL", "C.UTF-8").args(["--lang", lang]);
    cmd
}

fn explain(lang: &str, ids: &[&str]) -> String {
    let out = rotaplan(lang).args(["explain", "scenarios/demo-county", "--plan", PLAN]).args(ids).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn the_fixed_plan_meets_every_rule() {
    rotaplan("en").args(["check", "scenarios/demo-county", "--plan", PLAN]).assert().success();
}

#[test]
fn three_demo_teachers_in_english() {
    assert_eq!(explain("en", &["T00005", "T00004", "T00001", "T00228"]), EN);
}

#[test]
fn three_demo_teachers_in_chinese() {
    assert_eq!(explain("zh", &["T00005", "T00004", "T00001", "T00228"]), ZH);
}

#[test]
fn unknown_ids_are_all_named_with_the_fix_and_exit_2() {
    let out = rotaplan("en")
        .args(["explain", "scenarios/demo-county", "--plan", PLAN, "T00005", "nobody", "t00004"])
        .assert()
        .code(2);
    let o = out.get_output();
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("unknown id(s): nobody, t00004.") && err.contains("teachers.csv"), "{err}");
}

#[test]
fn json_gives_the_facts_with_their_words() {
    let out = rotaplan("zh")
        .args(["explain", "scenarios/demo-county", "--plan", PLAN, "--format", "json", "T00001", "S037"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let e = &v["explanations"];
    assert_eq!(e[0]["of"], "teacher");
    assert_eq!(e[0]["eligible"], false);
    assert_eq!(e[0]["facts"][0]["kind"], "too_new");
    assert_eq!(e[0]["facts"][0]["text"], "不符合交流条件：在本校任教 3 年，不足政策要求的 6 年（规则 C003）");
    assert_eq!(e[1]["of"], "school");
    let received: Vec<&str> = e[1]["received"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert!(received.contains(&"T00005"), "{received:?}");
}

const EN: &str = concat!(
    "Teacher T00005 (Liang Ming), S001 Urban Primary 1, English: exchanged to S037 (30.3 km)\n",
    "  - due to exchange: 16 years at an urban or town school (the policy asks 6), not exempt\n",
    "  - S037 lacked English teachers: 1 post(s), 0 teacher(s) before the plan, 1 after (the shortage term)\n",
    "  - S037 was below its stage's county value of teachers above the required degree per 100 students: 3.16 against 4.96 (the balance term)\n",
    "  - S037 was below its stage's county value of county-level-or-higher backbone teachers per 100 students: 0.00 against 0.92 (the balance term)\n",
    "  - backbone share (rule C011): 20 of the 98 exchanged are to be backbone teachers; the plan has 49 (met), and this teacher counts\n",
    "  - exchange quota (rule C010): 91 of the 901 eligible teachers are to be exchanged; the plan exchanges 98 (met)\n",
    "  - S001 keeps 4 English teacher(s) for 4 post(s): the move opens no post at home\n",
    "Teacher T00004 (Zheng Ling), S001 Urban Primary 1, Chinese: not moved\n",
    "  - due to exchange: 22 years at an urban or town school (the policy asks 6), not exempt\n",
    "  - S001 has 13 Chinese teacher(s) for 13 post(s): leaving would open a post at home (the shortage term)\n",
    "  - S036 still lacks 1 Chinese teacher(s) after the plan, and has no room under its staff ceiling (rule C012)\n",
    "  - S018 lacked Chinese teachers; the plan filled the post(s) with T00376 from S005 (19.2 km, nearer); this teacher is 24.1 km away\n",
    "  - S034 lacked Chinese teachers; the plan filled the post(s) with T00590 from S008 (24.8 km, nearer); this teacher is 24.8 km away\n",
    "  - backbone share (rule C011): 20 of the 98 exchanged are to be backbone teachers; the plan has 49 (met), and this teacher counts\n",
    "  - exchange quota (rule C010): 91 of the 901 eligible teachers are to be exchanged; the plan exchanges 98 (met)\n",
    "Teacher T00001 (Song Juan), S001 Urban Primary 1, IT: not moved\n",
    "  - not due to exchange: 3 years at the school, fewer than the 6 the policy asks (rule C003)\n",
    "Teacher T00228 (Hu Ting), S035 Rural Primary 5, IT: not moved\n",
    "  - not due to exchange: away from S004 on an exchange term at S035 until the end of school year 2026 (rule C019)\n",
);

const ZH: &str = concat!(
    "教师 T00005（Liang Ming，S001 Urban Primary 1，英语）：交流到 S037（30.3 公里）\n",
    "  - 符合交流条件：在城镇学校任教 16 年（政策要求 6 年），未被免除\n",
    "  - S037 缺英语教师：岗位 1 个，方案前 0 人，方案后 1 人（缺岗目标项）\n",
    "  - S037 的“每百名学生拥有高于规定学历教师数”低于本学段全县水平：3.16，全县 4.96（均衡目标项）\n",
    "  - S037 的“每百名学生拥有县级及以上骨干教师数”低于本学段全县水平：0.00，全县 0.92（均衡目标项）\n",
    "  - 骨干教师比例（规则 C011）：交流的 98 名教师中须有 20 名骨干教师；方案有 49 名（已达到），该教师计入\n",
    "  - 交流比例（规则 C010）：901 名符合条件的教师中须交流 91 名；方案交流 98 名（已达到）\n",
    "  - S001 交流后仍有英语教师 4 人，岗位 4 个：原学校不因此缺岗\n",
    "教师 T00004（Zheng Ling，S001 Urban Primary 1，语文）：未交流\n",
    "  - 符合交流条件：在城镇学校任教 22 年（政策要求 6 年），未被免除\n",
    "  - S001 有语文教师 13 人，岗位 13 个：若交流出去，原学校将缺岗（缺岗目标项）\n",
    "  - 方案后 S036 仍缺语文教师 1 人，且已达编制上限（规则 C012）\n",
    "  - S018 原缺语文教师，方案已由他人补上：T00376（来自 S005，19.2 公里，更近）；该教师距该校 24.1 公里\n",
    "  - S034 原缺语文教师，方案已由他人补上：T00590（来自 S008，24.8 公里，更近）；该教师距该校 24.8 公里\n",
    "  - 骨干教师比例（规则 C011）：交流的 98 名教师中须有 20 名骨干教师；方案有 49 名（已达到），该教师计入\n",
    "  - 交流比例（规则 C010）：901 名符合条件的教师中须交流 91 名；方案交流 98 名（已达到）\n",
    "教师 T00001（Song Juan，S001 Urban Primary 1，信息技术）：未交流\n",
    "  - 不符合交流条件：在本校任教 3 年，不足政策要求的 6 年（规则 C003）\n",
    "教师 T00228（Hu Ting，S035 Rural Primary 5，信息技术）：未交流\n",
    "  - 不符合交流条件：由 S004 派出，正在 S035 交流，任期至 2026 学年结束（规则 C019）\n",
);

/// The workbook and the report give one row per id asked, with the console's text.
#[test]
fn the_workbook_and_the_report_hold_the_same_text() {
    use calamine::Reader;
    let tmp = tempfile::tempdir().unwrap();
    let (book, page) = (tmp.path().join("why.xlsx"), tmp.path().join("why.html"));
    let ids = ["T00005", "T00004", "T00001", "T00228"];
    let out = rotaplan("zh")
        .args(["explain", "scenarios/demo-county", "--plan", PLAN])
        .args(ids)
        .arg("--xlsx")
        .arg(&book)
        .arg("--report")
        .arg(&page)
        .assert()
        .success();
    assert_eq!(String::from_utf8(out.get_output().stdout.clone()).unwrap(), ZH);
    let mut wb = calamine::open_workbook_auto(&book).unwrap();
    let sheet = wb.worksheet_range("解释说明").unwrap();
    let rows: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(rows[0], ["编号", "说明"]);
    assert_eq!(rows.len(), ids.len() + 1);
    // The console's text, one explanation from each line that starts one.
    let mut console: Vec<String> = Vec::new();
    for line in ZH.lines() {
        match console.last_mut() {
            Some(text) if !line.starts_with("教师 ") => text.push_str(&format!("\n{line}")),
            _ => console.push(line.to_string()),
        }
    }
    assert_eq!(console.len(), ids.len());
    for ((row, id), text) in rows[1..].iter().zip(ids).zip(&console) {
        assert_eq!(row[0], id);
        assert_eq!(&row[1], text);
    }
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("不符合交流条件：由 S004 派出，正在 S035 交流"), "{html}");
    assert_eq!(html.matches("<tr><td>").count(), ids.len());
}
