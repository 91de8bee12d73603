//! `rotaplan explain` as a user runs it on the demo county, against a fixed plan
//! (tests/fixtures/explain/demo-plan: the optimiser's plan of the demo county, written once
//! and re-checked here, so the output does not depend on a solve): a moved teacher
//! (T00005), an eligible teacher left at home (T00017) and one not due to exchange
//! (T00001), with the exact output in English and Chinese.

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
    assert_eq!(explain("en", &["T00005", "T00017", "T00001"]), EN);
}

#[test]
fn three_demo_teachers_in_chinese() {
    assert_eq!(explain("zh", &["T00005", "T00017", "T00001"]), ZH);
}

#[test]
fn unknown_ids_are_all_named_with_the_fix_and_exit_2() {
    let out = rotaplan("en")
        .args(["explain", "scenarios/demo-county", "--plan", PLAN, "T00005", "nobody", "t00017"])
        .assert()
        .code(2);
    let o = out.get_output();
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("unknown id(s): nobody, t00017.") && err.contains("teachers.csv"), "{err}");
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
    "  - backbone share (rule C011): 21 of the 105 exchanged are to be backbone teachers; the plan has 55 (met), and this teacher counts\n",
    "  - exchange quota (rule C010): 100 of the 992 eligible teachers are to be exchanged; the plan exchanges 105 (met)\n",
    "  - S001 keeps 4 English teacher(s) for 4 post(s): the move opens no post at home\n",
    "Teacher T00017 (Gao Rui), S001 Urban Primary 1, PE: not moved\n",
    "  - due to exchange: 7 years at an urban or town school (the policy asks 6), not exempt\n",
    "  - S001 has 7 PE teacher(s) for 7 post(s): leaving would open a post at home (the shortage term)\n",
    "  - S057 lacked PE teachers; the plan filled the post(s) with T00267 from S004 (10.1 km, nearer); this teacher is 14.8 km away\n",
    "  - S036 lacked PE teachers; the plan filled the post(s) with T00476 from S006 (12.2 km, nearer); this teacher is 16.2 km away\n",
    "  - S043 lacked PE teachers; the plan filled the post(s) with T00506 from S007 (16.4 km, nearer); this teacher is 17.2 km away\n",
    "  - backbone share (rule C011): 21 of the 105 exchanged are to be backbone teachers; the plan has 55 (met), and this teacher counts\n",
    "  - exchange quota (rule C010): 100 of the 992 eligible teachers are to be exchanged; the plan exchanges 105 (met)\n",
    "Teacher T00001 (Song Juan), S001 Urban Primary 1, IT: not moved\n",
    "  - not due to exchange: 3 years at the school, fewer than the 6 the policy asks (rule C003)\n",
);

const ZH: &str = concat!(
    "教师 T00005（Liang Ming，S001 Urban Primary 1，英语）：交流到 S037（30.3 公里）\n",
    "  - 符合交流条件：在城镇学校任教 16 年（政策要求 6 年），未被免除\n",
    "  - S037 缺英语教师：岗位 1 个，方案前 0 人，方案后 1 人（缺岗目标项）\n",
    "  - S037 的“每百名学生拥有高于规定学历教师数”低于本学段全县水平：3.16，全县 4.96（均衡目标项）\n",
    "  - S037 的“每百名学生拥有县级及以上骨干教师数”低于本学段全县水平：0.00，全县 0.92（均衡目标项）\n",
    "  - 骨干教师比例（规则 C011）：交流的 105 名教师中须有 21 名骨干教师；方案有 55 名（已达到），该教师计入\n",
    "  - 交流比例（规则 C010）：992 名符合条件的教师中须交流 100 名；方案交流 105 名（已达到）\n",
    "  - S001 交流后仍有英语教师 4 人，岗位 4 个：原学校不因此缺岗\n",
    "教师 T00017（Gao Rui，S001 Urban Primary 1，体育）：未交流\n",
    "  - 符合交流条件：在城镇学校任教 7 年（政策要求 6 年），未被免除\n",
    "  - S001 有体育教师 7 人，岗位 7 个：若交流出去，原学校将缺岗（缺岗目标项）\n",
    "  - S057 原缺体育教师，方案已由他人补上：T00267（来自 S004，10.1 公里，更近）；该教师距该校 14.8 公里\n",
    "  - S036 原缺体育教师，方案已由他人补上：T00476（来自 S006，12.2 公里，更近）；该教师距该校 16.2 公里\n",
    "  - S043 原缺体育教师，方案已由他人补上：T00506（来自 S007，16.4 公里，更近）；该教师距该校 17.2 公里\n",
    "  - 骨干教师比例（规则 C011）：交流的 105 名教师中须有 21 名骨干教师；方案有 55 名（已达到），该教师计入\n",
    "  - 交流比例（规则 C010）：992 名符合条件的教师中须交流 100 名；方案交流 105 名（已达到）\n",
    "教师 T00001（Song Juan，S001 Urban Primary 1，信息技术）：未交流\n",
    "  - 不符合交流条件：在本校任教 3 年，不足政策要求的 6 年（规则 C003）\n",
);
