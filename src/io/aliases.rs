//! The names county bureaus give the contract's columns and files, as aliases.
//!
//! Bureaus keep their data in spreadsheets with Chinese headers (学校代码, 任教学科, 月工资,
//! ...) and Chinese sheet names (学校, 教师, ...). Rather than asking them to rename every
//! column, the readers accept these names as aliases of the contract's English names. The
//! contract name itself always wins; an alias only applies to a file whose contract has
//! that column, and a few (a teacher's 姓名, a school's 学校名称) only in the file where
//! they mean the contract column, so that a teachers sheet may keep its school-name column.

use super::table::ColumnSpec;

/// One contract column and the names bureaus give it.
struct Alias {
    column: &'static str,
    names: &'static [&'static str],
    /// The alias applies only in files whose contract has this column (`None`: any file).
    only_with: Option<&'static str>,
}

const fn any(column: &'static str, names: &'static [&'static str]) -> Alias {
    Alias { column, names, only_with: None }
}

const fn with(column: &'static str, only_with: &'static str, names: &'static [&'static str]) -> Alias {
    Alias { column, names, only_with: Some(only_with) }
}

/// Every alias, grouped by the contract file where the column first appears. Names are
/// compared after [`normalise`], so units in brackets and required-marks (`*`) may follow.
const ALIASES: &[Alias] = &[
    // schools.csv
    any("school_id", &["学校代码", "学校编号", "学校标识码", "学校识别码", "学校id", "校代码"]),
    with("name", "level", &["校名", "学校名称", "学校全称"]),
    any("level", &["学段", "教育阶段"]),
    any("campus", &["校区", "校区代码", "校址"]),
    any("locale", &["城乡类别", "城乡分类", "城乡属性", "城乡类型", "城乡分类代码"]),
    any("weak", &["是否薄弱学校", "薄弱学校"]),
    any("teaching_point", &["是否教学点", "教学点"]),
    any("students", &["在校生数", "学生数", "在校学生数", "学生人数"]),
    any("staff_quota", &["核定编制", "编制数", "核定编制数", "教师编制数"]),
    any("x_km", &["横坐标", "x坐标"]),
    any("y_km", &["纵坐标", "y坐标"]),
    any("floor_area_m2", &["教学及辅助用房面积", "校舍面积"]),
    any("sports_area_m2", &["体育运动场馆面积", "运动场面积", "体育场地面积"]),
    any("equipment_yuan", &["教学仪器设备值", "仪器设备值", "教学仪器设备总值"]),
    any("multimedia_rooms", &["网络多媒体教室数", "多媒体教室数", "网络多媒体教室"]),
    // teachers.csv
    any("teacher_id", &["教师编号", "工号", "教师代码", "教职工号"]),
    with("name", "teacher_id", &["姓名", "教师姓名"]),
    any("subject", &["任教学科", "学科", "主教学科", "任教科目"]),
    any("title", &["职称", "专业技术职务", "职称等级"]),
    any("degree", &["学历", "最高学历"]),
    any("backbone", &["骨干级别", "骨干教师级别", "骨干教师", "骨干等级"]),
    any("years_at_school", &["本校任教年限", "本校连续任教年限", "在校年限", "本校工作年限"]),
    any("age", &["年龄"]),
    any("gender", &["性别"]),
    any("monthly_pay", &["月工资", "月应发工资", "月收入", "工资"]),
    any("exempt", &["是否豁免", "豁免", "免交流", "是否免于交流"]),
    any("seeks_promotion", &["申报高级职称", "拟申报高级职称", "是否申报职称"]),
    // new_hires.csv
    any("hire_id", &["新教师编号", "招聘编号", "新进教师编号", "新聘教师编号"]),
    // distances.csv
    any("from_school", &["起点学校", "起点学校代码", "出发学校", "派出学校", "原学校"]),
    any("to_school", &["终点学校", "终点学校代码", "到达学校", "接收学校", "交流学校"]),
    any("km", &["距离", "公里数", "里程", "路程"]),
    // demand.csv
    any("posts", &["岗位数", "需求岗位数", "需求数", "岗位需求"]),
    // plan files (moves.csv, hires.csv)
    any("kind", &["交流类型", "类型"]),
    any("term_years", &["交流年限", "年限"]),
    any("reasons", &["原因", "理由"]),
    // locks.csv
    with("id", "lock", &["编号", "教师或新教师编号", "人员编号"]),
    any("lock", &["锁定", "锁定类型", "决定"]),
    with("school", "lock", &["学校", "学校代码", "指定学校"]),
    // exchanges.csv
    any("home_school", &["原学校代码", "编制学校", "人事关系学校", "派出学校代码"]),
    any("host_school", &["交流学校代码", "接收学校代码", "任教学校", "交流到学校"]),
    any("start_year", &["开始学年", "交流开始年份", "起始年份"]),
    any("end_year", &["结束学年", "实际结束年份", "结束年份"]),
    // hires_by_year.csv, enrolment.csv
    any("year", &["学年", "年份", "年度"]),
    any("count", &["人数", "招聘人数", "新教师人数"]),
];

/// The names bureaus give the contract's files, as sheet names of a workbook.
const SHEETS: &[(&str, &[&str])] = &[
    ("schools", &["学校", "学校信息", "学校表", "学校基本情况"]),
    ("teachers", &["教师", "教师信息", "教师表", "教师名册"]),
    ("new_hires", &["新教师", "新招教师", "新进教师", "新聘教师", "新招聘教师"]),
    ("distances", &["距离", "学校距离", "距离表"]),
    ("demand", &["需求", "岗位需求", "学科需求", "岗位需求表"]),
    ("locks", &["锁定", "锁定名单", "已定事项"]),
    ("exchanges", &["交流记录", "交流轮岗记录", "在外交流教师"]),
    ("hires_by_year", &["逐年新教师", "逐年招聘计划", "新教师招聘计划"]),
    ("enrolment", &["学生数预测", "逐年学生数", "在校生预测"]),
];

/// A header or sheet name as compared with the aliases: lower case, without whitespace
/// (also the ideographic space), without a trailing required-mark `*` and without a
/// trailing unit in brackets, so that `月工资（元）` and ` 学校代码* ` match.
pub fn normalise(name: &str) -> String {
    let mut s: String = name.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
    loop {
        let before = s.len();
        s = s.trim_end_matches(['*', '＊']).to_string();
        for (open, close) in [('(', ')'), ('（', '）'), ('[', ']'), ('【', '】')] {
            if s.ends_with(close) {
                if let Some(i) = s.rfind(open).filter(|&i| i > 0) {
                    s.truncate(i);
                }
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

fn applies(a: &Alias, spec: &[ColumnSpec]) -> bool {
    let has = |col: &str| spec.iter().any(|c| c.name == col);
    has(a.column) && a.only_with.is_none_or(has)
}

/// The contract column that `header` names through an alias, among the columns of `spec`.
pub fn column_for(header: &str, spec: &[ColumnSpec]) -> Option<&'static str> {
    let key = normalise(header);
    if key.is_empty() {
        return None;
    }
    ALIASES.iter().find(|a| applies(a, spec) && a.names.iter().any(|n| normalise(n) == key)).map(|a| a.column)
}

/// The first alias of `column` in files of `spec`, to name it in a bureau's own words.
pub fn local_name(column: &str, spec: &[ColumnSpec]) -> Option<&'static str> {
    ALIASES.iter().find(|a| a.column == column && applies(a, spec)).and_then(|a| a.names.first().copied())
}

/// The first alias of `column` in any file, to name it in Chinese.
pub fn any_local_name(column: &str) -> Option<&'static str> {
    ALIASES.iter().find(|a| a.column == column).and_then(|a| a.names.first().copied())
}

/// An alias one character away from `header` (a typo of a Chinese header), with its column.
pub fn closest(header: &str, spec: &[ColumnSpec]) -> Option<(&'static str, &'static str)> {
    let key: Vec<char> = normalise(header).chars().collect();
    if key.iter().all(char::is_ascii) || key.len() < 2 {
        return None;
    }
    ALIASES
        .iter()
        .filter(|a| applies(a, spec))
        .flat_map(|a| a.names.iter().map(move |n| (*n, a.column)))
        .find(|(n, _)| one_edit_apart(&key, &n.chars().collect::<Vec<_>>()))
}

/// True when `a` and `b` differ by exactly one inserted, deleted or replaced character.
fn one_edit_apart(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match long.len() - short.len() {
        0 => short.iter().zip(long).filter(|(x, y)| x != y).count() == 1,
        1 => {
            let i = short.iter().zip(long).take_while(|(x, y)| x == y).count();
            short[i..] == long[i + 1..]
        }
        _ => false,
    }
}

/// The contract file (`schools`, `teachers`, `new_hires`, `distances`, `demand`) a workbook
/// sheet holds, by its name: the file's own name (with or without `.csv`) or an alias.
pub fn sheet_role(sheet: &str) -> Option<&'static str> {
    let key = normalise(sheet);
    let key = key.strip_suffix(".csv").unwrap_or(&key);
    SHEETS.iter().find(|(role, names)| *role == key || names.iter().any(|n| normalise(n) == key)).map(|(r, _)| *r)
}

/// The names of a plan workbook's sheets (`plan --xlsx`), English and Chinese.
pub const PLAN_SHEETS: &[(&str, &[&str])] =
    &[("moves", &["交流名单", "交流", "交流教师"]), ("hires", &["新教师分配", "新教师", "新招教师分配"])];

/// The plan file (`moves`, `hires`) a sheet of a plan workbook holds, by its name.
pub fn plan_sheet_role(sheet: &str) -> Option<&'static str> {
    let key = normalise(sheet);
    let key = key.strip_suffix(".csv").unwrap_or(&key);
    PLAN_SHEETS.iter().find(|(role, names)| *role == key || names.iter().any(|n| normalise(n) == key)).map(|(r, _)| *r)
}

/// The Chinese sheet name of a contract file, for messages ("教师" for teachers).
pub fn sheet_local_name(role: &str) -> Option<&'static str> {
    SHEETS.iter().find(|(r, _)| *r == role).and_then(|(_, names)| names.first().copied())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::table::{opt, req};

    const SCHOOLS: &[ColumnSpec] = &[req("school_id"), opt("name"), req("level"), req("students")];
    const TEACHERS: &[ColumnSpec] = &[req("teacher_id"), opt("name"), req("school_id"), req("monthly_pay")];

    #[test]
    fn units_marks_and_spaces_are_ignored() {
        assert_eq!(normalise(" 月工资（元）"), "月工资");
        assert_eq!(normalise("学校代码*"), "学校代码");
        assert_eq!(normalise("在校生数 (人)"), "在校生数");
        assert_eq!(column_for("月应发工资(元)", TEACHERS), Some("monthly_pay"));
    }

    #[test]
    fn name_aliases_depend_on_the_file() {
        assert_eq!(column_for("学校名称", SCHOOLS), Some("name"));
        assert_eq!(column_for("学校名称", TEACHERS), None);
        assert_eq!(column_for("姓名", TEACHERS), Some("name"));
        assert_eq!(column_for("姓名", SCHOOLS), None);
        assert_eq!(column_for("学校代码", TEACHERS), Some("school_id"));
        assert_eq!(column_for("月工资", SCHOOLS), None, "not a column of schools.csv");
    }

    #[test]
    fn typos_and_sheets() {
        assert_eq!(closest("学校代马", SCHOOLS), Some(("学校代码", "school_id")));
        assert_eq!(closest("备注", SCHOOLS), None);
        assert_eq!(sheet_role("教师"), Some("teachers"));
        assert_eq!(sheet_role("Teachers.csv"), Some("teachers"));
        assert_eq!(sheet_role("说明"), None);
    }
}
