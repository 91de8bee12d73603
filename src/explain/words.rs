//! Each [`Fact`] in English and Chinese: the words live here, one arm per fact, so that
//! the two languages are kept side by side.

use super::facts::{Fact, Filler};
use crate::cli::Lang;
use crate::report::i18n::{indicator_long, pick, subject as subj};

fn indicator(lang: Lang, key: &str) -> String {
    let label = crate::metrics::INDICATORS.iter().find(|d| d.key == key).map_or(key, |d| d.label);
    let name = indicator_long(lang, key, label);
    // In the middle of an English sentence: "the county value of teachers above ...".
    let mut chars = name.chars();
    chars.next().map_or(String::new(), |c| c.to_lowercase().chain(chars).collect())
}

/// "met" or "n short".
fn met(lang: Lang, done: usize, needed: usize) -> String {
    match needed.saturating_sub(done) {
        0 => pick(lang, "met", "已达到").to_string(),
        n => pick(lang, format!("{n} short"), format!("差 {n} 名")),
    }
}

fn filler(lang: Lang, f: &Filler, own_km: Option<f64>) -> String {
    let Some(from) = &f.from else {
        return pick(lang, format!("new hire {} (no move needed)", f.id), format!("新教师 {}（无需交流）", f.id));
    };
    let nearer = matches!((f.km, own_km), (Some(a), Some(b)) if a < b - 1e-9);
    match (lang, f.km) {
        (Lang::En, Some(km)) => format!("{} from {from} ({km:.1} km{})", f.id, if nearer { ", nearer" } else { "" }),
        (Lang::En, None) => format!("{} from {from}", f.id),
        (Lang::Zh, Some(km)) => format!("{}（来自 {from}，{km:.1} 公里{}）", f.id, if nearer { "，更近" } else { "" }),
        (Lang::Zh, None) => format!("{}（来自 {from}）", f.id),
    }
}

impl Fact {
    /// The fact in words.
    pub fn words(&self, lang: Lang) -> String {
        self.eligibility(lang)
            .or_else(|| self.lock(lang))
            .or_else(|| self.need(lang))
            .or_else(|| self.home(lang))
            .or_else(|| self.reach(lang))
            .unwrap_or_default()
    }

    fn eligibility(&self, lang: Lang) -> Option<String> {
        Some(match self {
            Fact::Eligible { years, min } => pick(
                lang,
                format!("due to exchange: {years} years at an urban or town school (the policy asks {min}), not exempt"),
                format!("符合交流条件：在城镇学校任教 {years} 年（政策要求 {min} 年），未被免除"),
            ),
            Fact::SchoolDoesNotSend { school } => pick(
                lang,
                format!("not due to exchange: {school} is a rural or weak school, which receives exchanged teachers and does not send them (rule C003)"),
                format!("不符合交流条件：{school} 是乡村或薄弱学校，只接收交流教师，不派出（规则 C003）"),
            ),
            Fact::Exempt => pick(
                lang,
                "not due to exchange: marked exempt in the teacher list (rule C003)".into(),
                "不符合交流条件：教师名册中标注为免于交流（规则 C003）".into(),
            ),
            Fact::AgeExempt { age, limit } => pick(
                lang,
                format!("not due to exchange: aged {age}, at or over the exemption age of {limit} (rule C003)"),
                format!("不符合交流条件：年龄 {age} 岁，已达到 {limit} 岁的免交流年龄（规则 C003）"),
            ),
            Fact::TooNew { years, min } => pick(
                lang,
                format!("not due to exchange: {years} years at the school, fewer than the {min} the policy asks (rule C003)"),
                format!("不符合交流条件：在本校任教 {years} 年，不足政策要求的 {min} 年（规则 C003）"),
            ),
            Fact::Away { home, host, last_year } => pick(
                lang,
                format!("not due to exchange: away from {home} on an exchange term at {host} until the end of school year {last_year} (rule C019)"),
                format!("不符合交流条件：由 {home} 派出，正在 {host} 交流，任期至 {last_year} 学年结束（规则 C019）"),
            ),
            Fact::CoolingOff { returned, cool_off } => pick(
                lang,
                format!("not due to exchange: back from an exchange term after school year {returned}, within the {cool_off}-year cool-off (rule C020)"),
                format!("不符合交流条件：{returned} 学年结束交流返回，仍在 {cool_off} 年间隔期内（规则 C020）"),
            ),
            Fact::RotationDue { years, within } => pick(
                lang,
                format!("due to rotate this year: {years} years eligible without an exchange, and everyone eligible rotates within {within} years (rule C021)"),
                format!("本年须轮岗：符合交流条件 {years} 年未交流，政策要求 {within} 年内轮岗一次（规则 C021）"),
            ),
            Fact::Extended { host } => pick(
                lang,
                format!("their term ended last school year; the plan keeps them at {host} for one more year (rule C022)"),
                format!("交流期已于上学年结束；方案将其在 {host} 的交流延长一年（规则 C022）"),
            ),
            Fact::MovedAnyway => pick(
                lang,
                "the plan moves them all the same, which breaks rule C003 (`check` reports it)".into(),
                "方案仍安排其交流，违反规则 C003（`check` 会报告）".into(),
            ),
            _ => return None,
        })
    }

    fn lock(&self, lang: Lang) -> Option<String> {
        Some(match self {
            Fact::LockedStay { line } => pick(
                lang,
                format!("the bureau locked them to stay (locks.csv line {line}, rule C018)"),
                format!("教育局已锁定其留任（locks.csv 第 {line} 行，规则 C018）"),
            ),
            Fact::LockedGo { line, school } => match school {
                Some(s) => pick(
                    lang,
                    format!("the bureau locked them to go to {s} (locks.csv line {line}, rule C018)"),
                    format!("教育局已锁定其交流到 {s}（locks.csv 第 {line} 行，规则 C018）"),
                ),
                None => pick(
                    lang,
                    format!("the bureau locked them to go (locks.csv line {line}, rule C018)"),
                    format!("教育局已锁定其交流（locks.csv 第 {line} 行，规则 C018）"),
                ),
            },
            Fact::LockedNotTo { line, school } => pick(
                lang,
                format!("the bureau keeps them from {school} (locks.csv line {line}, rule C018)"),
                format!("教育局已锁定其不去 {school}（locks.csv 第 {line} 行，规则 C018）"),
            ),
            Fact::Promised { line, school } => pick(
                lang,
                format!("the bureau promised this hire to {school} (locks.csv line {line}, rule C018)"),
                format!("教育局已锁定该新教师分配到 {school}（locks.csv 第 {line} 行，规则 C018）"),
            ),
            _ => return None,
        })
    }

    fn need(&self, lang: Lang) -> Option<String> {
        Some(match self {
            Fact::Shortage { school, subject, posts, before, after } => {
                let k = subj(lang, *subject);
                pick(
                    lang,
                    format!("{school} lacked {k} teachers: {posts} post(s), {before} teacher(s) before the plan, {after} after (the shortage term)"),
                    format!("{school} 缺{k}教师：岗位 {posts} 个，方案前 {before} 人，方案后 {after} 人（缺岗目标项）"),
                )
            }
            Fact::Coverage { school, subject } => {
                let k = subj(lang, *subject);
                pick(
                    lang,
                    format!("{school} had {k} posts and no {k} teacher; PE, music and art are to be taught everywhere (rule C016)"),
                    format!("{school} 有{k}岗位但没有{k}教师；体育、音乐、美术须开齐（规则 C016）"),
                )
            }
            Fact::Balance { school, indicator: key, value, county } => {
                let name = indicator(lang, key);
                pick(
                    lang,
                    format!("{school} was below its stage's county value of {name}: {value:.2} against {county:.2} (the balance term)"),
                    format!("{school} 的“{name}”低于本学段全县水平：{value:.2}，全县 {county:.2}（均衡目标项）"),
                )
            }
            Fact::Quota { exchanged, needed, eligible, school } => {
                let m = met(lang, *exchanged, *needed);
                let (of_en, of_zh) = school.as_ref().map_or((String::new(), String::new()), |s| (format!(" of {s}"), format!("{s} ")));
                pick(
                    lang,
                    format!("exchange quota (rule C010): {needed} of the {eligible} eligible teachers{of_en} are to be exchanged; the plan exchanges {exchanged} ({m})"),
                    format!("交流比例（规则 C010）：{of_zh}{eligible} 名符合条件的教师中须交流 {needed} 名；方案交流 {exchanged} 名（{m}）"),
                )
            }
            Fact::Backbone { exchanged, backbone, needed } => {
                let m = met(lang, *backbone, *needed);
                pick(
                    lang,
                    format!("backbone share (rule C011): {needed} of the {exchanged} exchanged are to be backbone teachers; the plan has {backbone} ({m}), and this teacher counts"),
                    format!("骨干教师比例（规则 C011）：交流的 {exchanged} 名教师中须有 {needed} 名骨干教师；方案有 {backbone} 名（{m}），该教师计入"),
                )
            }
            Fact::StaffRoom { school, staff, ceiling } => pick(
                lang,
                format!("every hire is placed (rule C006), and {school} has room: {staff} staff after the plan for a staff ceiling of {ceiling}; no shortage of the hire's subject there, and no indicator below the county value that the hire adds to"),
                format!("新教师须全部分配（规则 C006），{school} 有编制空间：方案后 {staff} 人，编制上限 {ceiling} 人；该校不缺该学科教师，也没有该新教师可提高的低于全县水平的指标"),
            ),
            Fact::NotPlaced => pick(
                lang,
                "the plan does not place this hire, which breaks rule C006 (every hire is placed)".into(),
                "方案未分配该新教师，违反规则 C006（新教师须全部分配）".into(),
            ),
            _ => return None,
        })
    }

    fn home(&self, lang: Lang) -> Option<String> {
        Some(match self {
            Fact::HomeStillCovered { school, subject, posts, after } => {
                let k = subj(lang, *subject);
                pick(
                    lang,
                    format!(
                        "{school} keeps {after} {k} teacher(s) for {posts} post(s): the move opens no post at home"
                    ),
                    format!("{school} 交流后仍有{k}教师 {after} 人，岗位 {posts} 个：原学校不因此缺岗"),
                )
            }
            Fact::HomeLeftShort { school, subject, posts, after } => {
                let k = subj(lang, *subject);
                pick(
                    lang,
                    format!("{school} is left with {after} {k} teacher(s) for {posts} post(s): the move opens a post at home, weighed against the need it meets (the shortage term)"),
                    format!("{school} 交流后{k}教师 {after} 人，岗位 {posts} 个：原学校因此缺岗，与所补需求权衡（缺岗目标项）"),
                )
            }
            Fact::HomeNeedsThem { school, subject, posts, after } => {
                let k = subj(lang, *subject);
                pick(
                    lang,
                    format!("{school} has {after} {k} teacher(s) for {posts} post(s): leaving would open a post at home (the shortage term)"),
                    format!("{school} 有{k}教师 {after} 人，岗位 {posts} 个：若交流出去，原学校将缺岗（缺岗目标项）"),
                )
            }
            Fact::HomeHasSpare { school, subject, posts, after } => {
                let k = subj(lang, *subject);
                pick(
                    lang,
                    format!(
                        "{school} has {after} {k} teacher(s) for {posts} post(s): leaving would open no post at home"
                    ),
                    format!("{school} 有{k}教师 {after} 人，岗位 {posts} 个：交流出去不会使原学校缺岗"),
                )
            }
            Fact::OnlyTeacher { school, subject } => {
                let k = subj(lang, *subject);
                pick(
                    lang,
                    format!("they are the last {k} teacher left at {school} under the plan, and a sending school keeps one (rule C013)"),
                    format!("按本方案其为 {school} 留下的唯一一名{k}教师，派出学校须保留该学科教师（规则 C013）"),
                )
            }
            _ => return None,
        })
    }

    fn reach(&self, lang: Lang) -> Option<String> {
        Some(match self {
            Fact::Nowhere { km } => pick(
                lang,
                format!("no school can receive them: none is a rural or weak school of their stage within {km} km that the locks allow (rule C004)"),
                format!("没有可去的学校：{km} 公里以内没有锁定允许的同学段乡村或薄弱学校（规则 C004）"),
            ),
            Fact::NoNeedInReach { reachable, subject } => {
                let k = subj(lang, *subject);
                pick(
                    lang,
                    format!("none of the {reachable} schools they could go to lacked {k} teachers before the plan"),
                    format!("其可去的 {reachable} 所学校在方案前都不缺{k}教师"),
                )
            }
            Fact::FilledBy { school, subject, by, own_km } => {
                let k = subj(lang, *subject);
                let list: Vec<String> = by.iter().map(|f| filler(lang, f, *own_km)).collect();
                let own = own_km.map_or(String::new(), |km| {
                    pick(lang, format!("; this teacher is {km:.1} km away"), format!("；该教师距该校 {km:.1} 公里"))
                });
                pick(
                    lang,
                    format!("{school} lacked {k} teachers; the plan filled the post(s) with {}{own}", list.join(", ")),
                    format!("{school} 原缺{k}教师，方案已由他人补上：{}{own}", list.join("、")),
                )
            }
            Fact::StillShort { school, subject, short, room } => {
                let k = subj(lang, *subject);
                match (lang, room) {
                    (Lang::En, 0) => format!("{school} still lacks {short} {k} teacher(s) after the plan, and has no room under its staff ceiling (rule C012)"),
                    (Lang::En, r) => format!("{school} still lacks {short} {k} teacher(s) after the plan, with room for {r} more under its staff ceiling"),
                    (Lang::Zh, 0) => format!("方案后 {school} 仍缺{k}教师 {short} 人，且已达编制上限（规则 C012）"),
                    (Lang::Zh, r) => format!("方案后 {school} 仍缺{k}教师 {short} 人，尚有 {r} 个编制空额"),
                }
            }
            _ => return None,
        })
    }
}
