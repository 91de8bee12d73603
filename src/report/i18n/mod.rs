//! The words of the human-readable reports in English and Chinese.
//!
//! Codes stay the contract's everywhere machine-readable (CSV, JSON); the HTML report and
//! the workbook's headers speak the reader's language. Chinese names follow the official
//! texts: the subjects of the 2022 curriculum plan, the locales of the national statistics
//! (城区, 镇区, 乡村) and the indicators of the 2017 quality-balance method.

pub mod files;
pub mod help;
pub mod parse_error;
pub mod toml_words;

pub use crate::cli::Lang;
use crate::domain::{Degree, Locale, Stage, Subject};

/// The language of this run's messages (`--lang`, or the locale's), set once by
/// `commands::run`; English until then, so library callers and tests read English.
static CURRENT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Sets the language of messages for the rest of the process.
pub fn set_current(lang: Lang) {
    CURRENT.store(lang == Lang::Zh, std::sync::atomic::Ordering::Relaxed);
}

/// The language of messages: what [`set_current`] set, English by default.
pub fn current() -> Lang {
    if CURRENT.load(std::sync::atomic::Ordering::Relaxed) {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// Picks the English or the Chinese text.
pub fn pick<T>(lang: Lang, en: T, zh: T) -> T {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// The English or the Chinese text, in the language of this run ([`current`]): how a
/// message made deep in the library (a checker's breach, a rule's why) has both words in
/// one place.
pub fn say(en: String, zh: String) -> String {
    pick(current(), en, zh)
}

pub fn subject(lang: Lang, s: Subject) -> &'static str {
    use Subject::*;
    let (en, zh) = match s {
        Chinese => ("Chinese", "语文"),
        Math => ("Maths", "数学"),
        English => ("English", "英语"),
        Morality => ("Morality & law", "道德与法治"),
        Science => ("Science", "科学"),
        HistoryGeography => ("History & geography", "历史与地理"),
        It => ("IT", "信息技术"),
        Pe => ("PE", "体育"),
        Music => ("Music", "音乐"),
        Art => ("Art", "美术"),
        Labour => ("Labour", "劳动"),
        Other => ("Other", "其他"),
    };
    pick(lang, en, zh)
}

pub fn locale(lang: Lang, l: Locale) -> &'static str {
    match l {
        Locale::Urban => pick(lang, "Urban", "城区"),
        Locale::Town => pick(lang, "Town", "镇区"),
        Locale::Rural => pick(lang, "Rural", "乡村"),
    }
}

pub fn stage(lang: Lang, s: Stage) -> &'static str {
    match s {
        Stage::Primary => pick(lang, "Primary schools", "小学"),
        Stage::Junior => pick(lang, "Junior secondary schools", "初中"),
    }
}

pub fn degree(lang: Lang, d: Degree) -> &'static str {
    match d {
        Degree::Secondary => pick(lang, "Secondary", "中专/高中"),
        Degree::Associate => pick(lang, "Associate", "大专"),
        Degree::Bachelor => pick(lang, "Bachelor", "本科"),
        Degree::Master => pick(lang, "Master", "硕士"),
        Degree::Doctor => pick(lang, "Doctor", "博士"),
    }
}

/// An indicator's short name, for chart axes.
pub fn indicator_short(lang: Lang, key: &str) -> String {
    let (en, zh) = match key {
        "degree_per_100" => ("Degree", "学历"),
        "backbone_per_100" => ("Backbone", "骨干"),
        "pe_arts_per_100" => ("PE & arts", "体艺"),
        "floor_area" => ("Floor area", "校舍"),
        "sports_area" => ("Sports area", "运动场"),
        "equipment" => ("Equipment", "设备"),
        "multimedia_per_100" => ("Multimedia", "多媒体"),
        "students_per_teacher" => ("Students/teacher", "生师比"),
        "mid_senior_title_per_100" => ("Mid/senior title", "中高级职称"),
        other => return other.to_string(),
    };
    pick(lang, en, zh).to_string()
}

/// An indicator's full name, as the official method words it.
pub fn indicator_long(lang: Lang, key: &str, english_label: &str) -> String {
    let zh = match key {
        "degree_per_100" => "每百名学生拥有高于规定学历教师数",
        "backbone_per_100" => "每百名学生拥有县级及以上骨干教师数",
        "pe_arts_per_100" => "每百名学生拥有体育、艺术（美术、音乐）专任教师数",
        "floor_area" => "生均教学及辅助用房面积（平方米）",
        "sports_area" => "生均体育运动场馆面积（平方米）",
        "equipment" => "生均教学仪器设备值（元）",
        "multimedia_per_100" => "每百名学生拥有网络多媒体教室数",
        "students_per_teacher" => "生师比",
        "mid_senior_title_per_100" => "每百名学生拥有中级及以上职称教师数",
        _ => english_label,
    };
    pick(lang, english_label, zh).to_string()
}

/// A reason code of moves.csv or hires.csv in words (`shortage:english` -> "English
/// shortage" / "补英语缺岗"); an unknown code is shown as it is.
pub fn reason(lang: Lang, code: &str) -> String {
    let (kind, arg) = code.split_once(':').unwrap_or((code, ""));
    let subject_name = || Subject::parse(arg).map_or(arg.to_string(), |s| subject(lang, s).to_string());
    match kind {
        "shortage" => pick(lang, format!("{} shortage", subject_name()), format!("补{}缺岗", subject_name())),
        k if k == crate::rules::Rule::Coverage.key() => {
            pick(lang, format!("{} coverage", subject_name()), format!("开齐{}课", subject_name()))
        }
        "balance" => pick(
            lang,
            format!("balance: {}", indicator_short(lang, arg)),
            format!("均衡：{}", indicator_short(lang, arg)),
        ),
        "staff_room" => pick(lang, "room under the staff quota", "有空余编制").to_string(),
        _ => crate::rules::Rule::parse(kind).map_or(code.to_string(), |r| r.as_reason(lang)),
    }
}

/// A solve status as summary.json names it.
pub fn status(lang: Lang, status: &str) -> &'static str {
    match status {
        "optimal" => pick(lang, "optimal", "最优"),
        "feasible" => pick(lang, "feasible (not proven optimal)", "可行（未证明最优）"),
        "time_limit" => pick(lang, "stopped at the time limit", "达到时间限制"),
        "work_limit" => pick(lang, "stopped at the work limit", "达到计算量限制"),
        "infeasible" => pick(lang, "infeasible", "无可行方案"),
        "error" => pick(lang, "error", "出错"),
        _ => pick(lang, "unknown", "未知"),
    }
}

/// How a stage's bound was proved, as summary.json names it: the name itself in English
/// (the table's words), in words in Chinese.
pub fn proof(lang: Lang, proof: &str) -> &str {
    let zh = match proof {
        "search" => "分支定界搜索",
        "core_lp_bound" => "核心子问题的线性松弛界",
        "widened_core_lp_bound" => "扩大核心后的线性松弛界",
        "search_after_fixing" => "固定变量后的分支定界搜索",
        "abandoned" => "超时放弃",
        "not_run" => "未运行",
        "column_bounds" => "变量自身的界",
        "lp_relaxation" => "本阶段的线性松弛界",
        "exchange_quota" => "交流比例要求的最少人数",
        other => other,
    };
    pick(lang, proof, zh)
}

/// An objective term (`violations`, `shortage`, `balance`, `moves`, `distance`).
pub fn term(lang: Lang, term: &str) -> String {
    let (en, zh) = match term {
        "violations" => ("policy rules not met", "未满足政策规则"),
        "shortage" => ("unfilled posts", "缺岗"),
        "balance" => ("balance", "均衡"),
        "moves" => ("moves", "交流人数"),
        "distance" => ("distance", "交流距离"),
        "changes" => ("changes to the start plan", "对起始方案的改动"),
        other => return other.to_string(),
    };
    pick(lang, en, zh).to_string()
}

/// How a rule's plan is made (`[allocator] rule`): the optimiser or a baseline.
pub fn allocator(lang: Lang, rule: &str) -> String {
    let (en, zh) = match rule {
        "optimise" => ("optimiser", "优化模型"),
        "seniority" => ("seniority (baseline)", "按任教年限（基准规则）"),
        "lottery" => ("lottery (baseline)", "抽签（基准规则）"),
        "greedy-priority" => ("greedy priority (baseline)", "按优先级逐个分配（基准规则）"),
        "plan" => ("given plan (not optimised)", "给定方案（未优化）"),
        other => return other.to_string(),
    };
    pick(lang, en, zh).to_string()
}

/// The words of the sweep report (`rotaplan sweep --report`), by key; an unknown key is
/// shown as it is.
pub fn sweep_word(lang: Lang, key: &str) -> &str {
    let (en, zh) = match key {
        "summary" => ("Summary", "概况"),
        "scenario" => ("Scenario", "情景"),
        "grid" => ("Grid parameters", "参数网格"),
        "trade_offs" => ("Trade-offs", "参数影响"),
        "trade_offs_note" => (
            "Each point is the mean, at that value of the parameter, over the other parameters and the seeds \
             (variants without a plan left out). CVs after the plan, lower is more balanced; a point above the \
             dashed line fails the national limit.",
            "每个点为该参数取值下其他参数和随机种子的平均值（无方案的变体不计）。差异系数为方案实施后的值，越小越均衡；\
             高于虚线的点未达到国家标准。",
        ),
        "nothing_varies" => ("No grid parameter with numeric values varies.", "没有取数值且变化的网格参数。"),
        "cv_title" => (": CV of the teacher indicators after the plan", "：方案后教师指标差异系数"),
        "posts_title" => ("Unfilled posts after the plan", "方案后缺岗数"),
        "unfilled" => ("Unfilled posts", "缺岗数"),
        "total" => ("Total", "合计"),
        "variants" => ("Variants", "各变体结果"),
        "variants_count" => ("variants", "变体数"),
        "variant" => ("Variant", "变体"),
        "seed" => ("Seed", "随机种子"),
        "status" => ("Status", "求解状态"),
        "rules_unmet" => ("Rules not met", "未满足政策"),
        "moves" => ("Moves", "交流人数"),
        "unfilled_total" => ("Unfilled posts", "缺岗数"),
        "unfilled_rural" => ("Unfilled rural", "乡村缺岗数"),
        "cvs_passing" => ("CVs within limit", "差异系数达标"),
        "table_note" => (
            "Rules not met: policy rules the plan does not meet (schools and subjects counted apart). Unfilled \
             posts: subject posts without a teacher after the plan. CVs within limit: the 2017 indicators of both \
             stages within their limit. Hover over a status for the reason a variant failed or stopped early.",
            "未满足政策：方案未满足的政策规则数（按学校、学科分别计）。缺岗数：方案实施后无教师任教的学科岗位。\
             差异系数达标：两个学段2017年各项指标中差异系数达到标准的项数。鼠标停在求解状态上可查看变体失败或提前停止的原因。",
        ),
        other => return other,
    };
    pick(lang, en, zh)
}

/// A sweep's grid key in words, for chart titles, axes and table headers:
/// `policy.exchange.share` is "Exchange share" / "交流比例", `transform.town.change` is
/// "Change, as a share (town)" / "变动比例（town）" (the transform's id as the scenario
/// gives it). A key with no words is shown as it is.
pub fn sweep_parameter(lang: Lang, key: &str) -> String {
    let words = if let Some(rest) = key.strip_prefix("policy.") {
        policy_key(lang, rest)
    } else if let Some((id, field)) = key.strip_prefix("transform.").and_then(|r| r.split_once('.')) {
        transform_field(lang, field).map(|name| pick(lang, format!("{name} ({id})"), format!("{name}（{id}）")))
    } else {
        None
    };
    words.unwrap_or_else(|| key.to_string())
}

/// A policy key (without `policy.`) in words.
fn policy_key(lang: Lang, key: &str) -> Option<String> {
    let parts: Vec<&str> = key.split('.').collect();
    let stage_of = |s: &str| Stage::parse(s).map(|s| stage(lang, s));
    match parts.as_slice() {
        ["curriculum", s, k] => {
            let (s, k) = (stage_of(s)?, subject(lang, Subject::parse(k)?));
            return Some(pick(lang, format!("Share of posts: {k} ({s})"), format!("{s}{k}课时比例")));
        }
        ["evaluation", "minimums", s, k] => {
            let (s, k) = (stage_of(s)?, indicator_short(lang, k));
            return Some(pick(lang, format!("Minimum: {k} ({s})"), format!("{s}最低标准：{k}")));
        }
        _ => {}
    }
    let (en, zh) = match key {
        "eligibility.min_years_at_school" => ("Years at school before exchange", "应交流的本校任教年限"),
        "eligibility.exempt_age_men" => ("Exempt age, men", "男教师免交流年龄"),
        "eligibility.exempt_age_women" => ("Exempt age, women", "女教师免交流年龄"),
        "exchange.share" => ("Exchange share", "交流比例"),
        "exchange.scope" => ("Where the share is counted", "交流比例计算范围"),
        "exchange.backbone_share" => ("Backbone share", "骨干教师比例"),
        "exchange.backbone_min_level" => ("Lowest backbone level", "骨干教师最低级别"),
        "exchange.term_years" => ("Term (years)", "交流年限"),
        "exchange.max_distance_km" => ("Farthest exchange (km)", "最远交流距离（公里）"),
        "staffing.students_per_teacher_primary" => ("Students per post, primary", "小学生师比标准"),
        "staffing.students_per_teacher_junior" => ("Students per post, junior", "初中生师比标准"),
        "staffing.quota_tolerance" => ("Posts above the staff quota", "可超编岗位数"),
        "staffing.coverage_subjects" => ("Subjects taught everywhere", "须开齐的学科"),
        "evaluation.cv_max_primary" => ("CV limit, primary", "小学差异系数标准"),
        "evaluation.cv_max_junior" => ("CV limit, junior", "初中差异系数标准"),
        "evaluation.basic_cv_mean_max_primary" => ("2012 mean CV limit, primary", "小学基本均衡差异系数标准"),
        "evaluation.basic_cv_mean_max_junior" => ("2012 mean CV limit, junior", "初中基本均衡差异系数标准"),
        "evaluation.teaching_point_min_students" => ("Teaching points counted from (students)", "教学点计入学生数下限"),
        "evaluation.minimums_required" => ("Minimums a school meets", "学校须达到的最低标准项数"),
        "evaluation.minimum_floor_share" => ("Share of the other minimums", "其余指标须达到的比例"),
        "pay.tolerance" => ("Pay gap allowed", "工资差距上限"),
        "pay.new_hire_monthly_pay" => ("New hire monthly pay (yuan)", "新教师月工资（元）"),
        "pay.allowance_urban" => ("Urban allowance (yuan)", "城区补贴（元）"),
        "pay.allowance_town" => ("Town allowance (yuan)", "镇区补贴（元）"),
        "pay.allowance_rural" => ("Rural allowance (yuan)", "乡村补贴（元）"),
        "pay.allowance_weak" => ("Weak-school allowance (yuan)", "薄弱学校补贴（元）"),
        "pay.allowance_budget_monthly" => ("Allowance budget (yuan a month)", "每月补贴预算（元）"),
        "priority.urban" => ("Weight of an urban post", "城区缺岗权重"),
        "priority.town" => ("Weight of a town post", "镇区缺岗权重"),
        "priority.rural" => ("Weight of a rural post", "乡村缺岗权重"),
        "priority.weak_bonus" => ("Added weight at weak schools", "薄弱学校附加权重"),
        "objective.order" => ("Order of the objective terms", "目标项顺序"),
        "balance.no_worse" => ("No indicator less balanced", "教师指标均衡不恶化"),
        "cycle.teaching_at" => ("Teacher away counts for teaching at", "在外交流教师的任教计入"),
        "cycle.post_at" => ("Teacher away's post counts at", "在外交流教师的编制计入"),
        "cycle.cool_off_years" => ("Cool-off after a term (years)", "交流期满后的间隔年限"),
        "cycle.rotate_within_years" => ("Everyone eligible rotates within (years)", "应交流教师须在几年内轮岗一次"),
        "cycle.extend_terms" => ("Terms may be extended by a year", "可将交流期限延长一年"),
        "cycle.retire_age_men" => ("Retirement age, men", "男教师退休年龄"),
        "cycle.retire_age_women" => ("Retirement age, women", "女教师退休年龄"),
        "cycle.replace_retirements" => ("Retirements refilled by hires", "退休教师由新教师补充"),
        "cycle.growth_urban" => ("Urban enrolment growth a year", "城区学生年增长率"),
        "cycle.growth_town" => ("Town enrolment growth a year", "镇区学生年增长率"),
        "cycle.growth_rural" => ("Rural enrolment growth a year", "乡村学生年增长率"),
        _ => return None,
    };
    Some(pick(lang, en, zh).to_string())
}

/// A transform's field (`change`, `age`, `add.english`, ...) in words.
fn transform_field(lang: Lang, field: &str) -> Option<String> {
    if let Some(k) = field.strip_prefix("add.") {
        let k = subject(lang, Subject::parse(k)?);
        return Some(pick(lang, format!("Hires added: {k}"), format!("新增教师：{k}")));
    }
    let (en, zh) = match field {
        "change" => ("Change, as a share", "变动比例"),
        "noise" => ("Noise, as a share", "随机波动比例"),
        "age" => ("Retirement age", "退休年龄"),
        "count" => ("Teachers retiring", "退休人数"),
        "freeze" => ("Hiring frozen", "暂停招聘"),
        "add" => ("Pay added (yuan)", "增加工资（元）"),
        "urban" => ("Urban allowance (yuan)", "城区补贴（元）"),
        "town" => ("Town allowance (yuan)", "镇区补贴（元）"),
        "rural" => ("Rural allowance (yuan)", "乡村补贴（元）"),
        "weak" => ("Weak-school allowance (yuan)", "薄弱学校补贴（元）"),
        "reset_years" => ("Years at school reset", "重新计算本校任教年限"),
        "monthly_pay" => ("Monthly pay (yuan)", "月工资（元）"),
        "degree" => ("Degree", "学历"),
        "gender" => ("Gender", "性别"),
        "school" => ("School closed", "撤并学校"),
        "into" => ("Merged into", "并入学校"),
        "locale" => ("Locale", "城乡类别"),
        "stage" => ("Stage", "学段"),
        "schools" => ("Schools", "学校"),
        _ => return None,
    };
    Some(pick(lang, en, zh).to_string())
}

/// "pass", "fail" or "-".
pub fn verdict(lang: Lang, pass: Option<bool>) -> &'static str {
    match pass {
        Some(true) => pick(lang, "pass", "达标"),
        Some(false) => pick(lang, "fail", "未达标"),
        None => "-",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_in_both_languages() {
        assert_eq!(reason(Lang::En, "shortage:english"), "English shortage");
        assert_eq!(reason(Lang::Zh, "shortage:english"), "补英语缺岗");
        assert_eq!(reason(Lang::Zh, "balance:backbone_per_100"), "均衡：骨干");
        assert_eq!(reason(Lang::Zh, "made_up"), "made_up");
    }

    #[test]
    fn sweep_parameters_in_words() {
        assert_eq!(sweep_parameter(Lang::En, "policy.exchange.share"), "Exchange share");
        assert_eq!(sweep_parameter(Lang::Zh, "policy.exchange.share"), "交流比例");
        assert_eq!(sweep_parameter(Lang::Zh, "transform.town.change"), "变动比例（town）");
        assert_eq!(sweep_parameter(Lang::Zh, "transform.hires.add.english"), "新增教师：英语（hires）");
        assert_eq!(sweep_parameter(Lang::Zh, "policy.curriculum.junior.pe"), "初中体育课时比例");
        assert_eq!(
            sweep_parameter(Lang::En, "policy.evaluation.minimums.primary.backbone_per_100"),
            "Minimum: Backbone (Primary schools)"
        );
        assert_eq!(sweep_parameter(Lang::Zh, "policy.no.such_key"), "policy.no.such_key");
    }

    #[test]
    fn every_key_of_the_national_policy_has_words() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/models/national-2014.toml")).unwrap();
        let policy: toml::Table = text.parse().unwrap();
        let mut keys = Vec::new();
        fn walk(prefix: &str, t: &toml::Table, keys: &mut Vec<String>) {
            for (k, v) in t {
                let key = format!("{prefix}.{k}");
                match v {
                    toml::Value::Table(t) => walk(&key, t, keys),
                    _ => keys.push(key),
                }
            }
        }
        walk("policy", &policy, &mut keys);
        for key in keys.iter().filter(|k| !matches!(k.as_str(), "policy.name" | "policy.description")) {
            for lang in [Lang::En, Lang::Zh] {
                assert_ne!(&sweep_parameter(lang, key), key, "{key} has no words");
            }
        }
    }

    #[test]
    fn every_subject_has_the_curriculum_name() {
        let zh: Vec<&str> = Subject::ALL.iter().map(|&s| subject(Lang::Zh, s)).collect();
        assert_eq!(zh.join(" "), "语文 数学 英语 道德与法治 科学 历史与地理 信息技术 体育 音乐 美术 劳动 其他");
    }
}
