//! What each column of the data contract means, in English and Chinese: its meaning, unit,
//! default and, for the columns with a fixed set of words, the words accepted. The
//! template's notes sheet and drop-down lists and the Chinese messages read it from here.

use crate::cli::Lang;
use crate::domain::{Backbone, Degree, Gender, Locale, MoveKind, Stage, Subject, Title};

/// One column's notes: (en, zh) each.
pub struct Note {
    pub meaning: (&'static str, &'static str),
    pub unit: (&'static str, &'static str),
    pub default: (&'static str, &'static str),
}

const fn note(meaning: (&'static str, &'static str), unit: (&'static str, &'static str)) -> Note {
    Note { meaning, unit, default: ("required", "必填") }
}

const fn optional(
    meaning: (&'static str, &'static str),
    unit: (&'static str, &'static str),
    default: (&'static str, &'static str),
) -> Note {
    Note { meaning, unit, default }
}

const NONE: (&str, &str) = ("", "");
const EMPTY: (&str, &str) = ("empty", "空");
const NO: (&str, &str) = ("false", "否");

/// The notes of column `col` in file `file` (`schools`, `teachers`, ...).
pub fn note_of(file: &str, col: &str) -> Note {
    match (file, col) {
        ("schools", "school_id") => note(("unique code of the school (one row per stage)", "学校代码，县内唯一（每个学段一行）"), NONE),
        ("schools", "name") => optional(("school name", "学校名称"), NONE, EMPTY),
        (_, "level") => note(("stage: primary or junior; a nine-year school (九年一贯制) is two rows, one per stage, with the same campus", "学段：小学或初中；九年一贯制学校填两行（小学一行、初中一行），校区相同"), NONE),
        (_, "campus") => optional(("rows with the same campus are one site: moving between them is not an exchange", "校区相同的行是同一校址，校区内调动不算交流"), NONE, EMPTY),
        (_, "locale") => note(("national statistics locale: urban (城区), town (镇区) or rural (乡村); not 城镇, which is both urban and town", "统计用城乡分类：城区、镇区或乡村（或代码111/112、121/122/123、210/220）；不能填“城镇”，它同时包括城区和镇区"), NONE),
        (_, "weak") => optional(("designated weak school", "是否薄弱学校"), NONE, NO),
        (_, "teaching_point") => optional(("teaching point (教学点); with fewer than 50 students left out of the CV", "是否教学点；学生少于50人的教学点不计入差异系数"), NONE, NO),
        (_, "students") => note(("enrolment", "在校生数"), ("students", "人")),
        (_, "staff_quota") => optional(("approved teaching posts", "核定编制数"), ("posts", "个"), ("students / staffing ratio of the stage, rounded up", "在校生数 ÷ 学段师生比，向上取整")),
        (_, "x_km") | (_, "y_km") => optional(("planar coordinate, for distances when there is no distances sheet", "平面坐标，没有距离表时用于计算距离"), ("km", "公里"), EMPTY),
        (_, "floor_area_m2") => optional(("teaching and auxiliary floor area", "教学及辅助用房面积"), ("m²", "平方米"), EMPTY),
        (_, "sports_area_m2") => optional(("sports ground area", "体育运动场馆面积"), ("m²", "平方米"), EMPTY),
        (_, "equipment_yuan") => optional(("value of teaching equipment", "教学仪器设备值"), ("yuan", "元"), EMPTY),
        (_, "multimedia_rooms") => optional(("networked multimedia classrooms", "网络多媒体教室数"), ("rooms", "间"), EMPTY),
        ("teachers", "teacher_id") => note(("unique code of the teacher", "教师编号，唯一"), NONE),
        ("teachers", "name") => optional(("teacher's name", "教师姓名"), NONE, EMPTY),
        ("teachers", "school_id") => note(("home school (where the post is; a teacher on exchange returns to it): a school code of the schools sheet", "编制所在学校（在外交流的教师交流期满后回到该校）：学校表中的学校代码"), NONE),
        (_, "subject") => note(("main subject taught", "主教学科"), NONE),
        (_, "title") => optional(("professional title", "职称"), NONE, ("none", "无")),
        ("new_hires", "degree") => note(("highest degree", "最高学历"), NONE),
        (_, "degree") => optional(("highest degree", "最高学历"), NONE, ("bachelor", "本科")),
        (_, "backbone") => optional(("backbone-teacher level", "骨干教师级别"), NONE, ("none", "无")),
        (_, "years_at_school") => note(("consecutive years at the current school", "在本校连续任教年限"), ("years", "年")),
        (_, "age") => note(("age, 18 to 70", "年龄，18至70"), ("years", "岁")),
        ("new_hires", "gender") => optional(("gender", "性别"), NONE, EMPTY),
        (_, "gender") => note(("gender, for the age exemptions (men 55, women 50)", "性别，用于按年龄免于交流（男55岁、女50岁）"), NONE),
        ("new_hires", "monthly_pay") => optional(("monthly pay", "月工资"), ("yuan", "元"), ("from the policy file", "取政策文件中的值")),
        (_, "monthly_pay") => note(("monthly pay, allowances of the current school included", "月工资，含本校津贴补贴"), ("yuan", "元")),
        (_, "seeks_promotion") => optional(("applying for a senior title: sent first among teachers the plan treats alike (rural service before promotion)", "拟申报高级职称：同等条件下优先交流到乡村或薄弱学校"), NONE, NO),
        ("exchanges", "teacher_id") => note(("the teacher exchanged: a teacher_id of the teachers sheet", "交流教师：教师表中的教师编号"), NONE),
        ("exchanges", "home_school") => note(("the school the teacher came from, their school_id in the teachers sheet", "派出学校，即教师表中该教师的学校代码"), NONE),
        ("exchanges", "host_school") => note(("the school where the teacher serves the term", "交流任教的学校"), NONE),
        ("exchanges", "kind") => optional(("exchange (a term, then back), or extension (a term a plan extended by a year)", "交流（期满回原校），或延期（方案将交流期限延长一年）"), NONE, ("exchange", "交流")),
        ("exchanges", "start_year") => note(("school year the term starts (its autumn)", "交流开始的学年（秋季学期所在年份）"), ("year", "年")),
        ("exchanges", "term_years") => note(("length of the term, 1 to 10", "交流年限，1至10"), ("years", "年")),
        ("exchanges", "end_year") => optional(("last school year away, when the term was cut short or extended", "实际最后一个交流学年（提前结束或延长时填写）"), ("year", "年"), ("start_year + term_years - 1", "开始学年 + 年限 - 1")),
        (_, "exempt") => optional(("personally exempt from exchange this year", "本年度个人免于交流"), NONE, NO),
        (_, "hire_id") => note(("unique code of the new hire", "新教师编号，唯一"), NONE),
        (_, "from_school") => note(("school code", "学校代码"), NONE),
        (_, "to_school") => note(("the other school's code", "另一所学校的代码"), NONE),
        (_, "km") => note(("road distance, in both directions", "道路距离，双向相同"), ("km", "公里")),
        ("demand", "school_id") => note(("school code", "学校代码"), NONE),
        (_, "posts") => note(("teaching posts needed in the subject", "该学科需要的教学岗位数"), ("posts", "个")),
        ("hires_by_year", "year") => note(("school year the hires start (its autumn); read by rotaplan horizon", "新教师入职的学年（秋季学期所在年份）；逐年规划（horizon）使用"), ("year", "年")),
        ("hires_by_year", "count") => note(("new hires of the subject and degree that year, besides those replacing retirements", "当年该学科、学历的新教师人数（不含补充退休的新教师）"), ("teachers", "人")),
        ("enrolment", "school_id") => note(("school code", "学校代码"), NONE),
        ("enrolment", "year") => note(("school year of the projection (its autumn); replaces the policy's growth rate for the school that year", "预测的学年（秋季学期所在年份）；该校该年不再按政策增长率推算"), ("year", "年")),
        ("locks", "id") => note(("a teacher_id or a hire_id", "教师编号或新教师编号"), NONE),
        ("locks", "lock") => note(("stay, go, not_to (teachers) or place (new hires)", "留任、交流、不去（在职教师）或分配（新教师）"), NONE),
        ("locks", "school") => optional(("the school of go (optional), not_to and place (required)", "交流（可不填）、不去和分配（必填）的学校"), NONE, EMPTY),
        _ => optional(NONE, NONE, EMPTY),
    }
}

/// The words a column with a fixed set of values accepts, in `lang` (the contract's words
/// in English, the Chinese words in Chinese); `None` for other columns.
pub fn accepted_words(col: &str, lang: Lang) -> Option<Vec<&'static str>> {
    fn words<T: Copy>(
        all: &[T],
        name: fn(T) -> &'static str,
        chinese: fn(T) -> &'static str,
        lang: Lang,
    ) -> Vec<&'static str> {
        all.iter().map(|&v| if lang == Lang::Zh { chinese(v) } else { name(v) }).collect()
    }
    Some(match col {
        "level" => words(Stage::ALL, Stage::name, Stage::chinese, lang),
        "locale" => words(Locale::ALL, Locale::name, Locale::chinese, lang),
        "subject" => words(Subject::ALL, Subject::name, Subject::chinese, lang),
        "title" => words(Title::ALL, Title::name, Title::chinese, lang),
        "degree" => words(Degree::ALL, Degree::name, Degree::chinese, lang),
        "backbone" => words(Backbone::ALL, Backbone::name, Backbone::chinese, lang),
        "gender" => words(Gender::ALL, Gender::name, Gender::chinese, lang),
        "lock" => {
            words(crate::domain::LockWord::ALL, crate::domain::LockWord::name, crate::domain::LockWord::chinese, lang)
        }
        // Moves and the exchange record (which refuses a transfer: it is permanent).
        "kind" => words(
            &[MoveKind::Exchange, MoveKind::Transfer, MoveKind::Extension],
            MoveKind::name,
            MoveKind::chinese,
            lang,
        ),
        "weak" | "teaching_point" | "exempt" | "seeks_promotion" => match lang {
            Lang::En => vec!["true", "false"],
            Lang::Zh => vec!["是", "否"],
        },
        _ => return None,
    })
}

/// The header a file of `spec` gives column `col` in `lang`: the contract's name, or the
/// name bureaus use (the first alias).
pub fn header(col: &'static str, spec: &[super::table::ColumnSpec], lang: Lang) -> &'static str {
    match lang {
        Lang::En => col,
        Lang::Zh => super::aliases::local_name(col, spec).unwrap_or(col),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::county::FILES;

    #[test]
    fn every_column_has_a_meaning_and_chinese_words_parse() {
        for (file, spec, _) in FILES {
            for c in spec {
                let n = note_of(file, c.name);
                assert!(!n.meaning.0.is_empty() && !n.meaning.1.is_empty(), "{file}.{}", c.name);
                assert_ne!(header(c.name, spec, Lang::Zh), c.name, "{file}.{} has a Chinese header", c.name);
            }
        }
        assert_eq!(accepted_words("locale", Lang::Zh).unwrap(), ["城区", "镇区", "乡村"]);
        assert_eq!(accepted_words("gender", Lang::En).unwrap(), ["f", "m"]);
    }
}
