//! The explanations and costs as console text, in English or Chinese.

use super::cost::{Cost, TermChange};
use super::facts::Fact;
use super::place::{HireExplanation, Mover, SchoolExplanation};
use super::teacher::TeacherExplanation;
use super::Explanation;
use crate::cli::Lang;
use crate::domain::LockWord;
use crate::report::i18n::{self, pick};
use std::fmt::Write;

/// One explanation as text (a header line, then one indented line per fact).
pub fn explanation(lang: Lang, e: &Explanation) -> String {
    match e {
        Explanation::Teacher(t) => teacher(lang, t),
        Explanation::School(s) => school(lang, s),
        Explanation::Hire(h) => hire(lang, h),
    }
}

fn km(lang: Lang, km: Option<f64>) -> String {
    km.map_or(String::new(), |km| pick(lang, format!(" ({km:.1} km)"), format!("（{km:.1} 公里）")))
}

fn facts(lang: Lang, facts: &[Fact], out: &mut String) {
    for f in facts {
        let _ = writeln!(out, "  - {}", f.words(lang));
    }
}

pub fn teacher(lang: Lang, e: &TeacherExplanation) -> String {
    let k = i18n::subject(lang, e.subject);
    let fate = match &e.moved_to {
        Some(to) => pick(lang, format!("exchanged to {to}"), format!("交流到 {to}")) + &km(lang, e.km),
        None => pick(lang, "not moved", "未交流").to_string(),
    };
    let mut out = match lang {
        Lang::En => format!("Teacher {} ({}), {} {}, {k}: {fate}\n", e.id, e.name, e.school, e.school_name),
        Lang::Zh => format!("教师 {}（{}，{} {}，{k}）：{fate}\n", e.id, e.name, e.school, e.school_name),
    };
    facts(lang, &e.facts, &mut out);
    out
}

pub fn hire(lang: Lang, e: &HireExplanation) -> String {
    let k = i18n::subject(lang, e.subject);
    let at = match &e.placed_at {
        Some(s) => pick(lang, format!("placed at {s}"), format!("分配到 {s}")),
        None => pick(lang, "not placed", "未分配").to_string(),
    };
    let mut out = pick(lang, format!("New hire {} ({k}): {at}\n", e.id), format!("新教师 {}（{k}）：{at}\n", e.id));
    facts(lang, &e.facts, &mut out);
    out
}

/// A mover in one line: id, subject, the other school, and the needs met in short words.
fn mover(lang: Lang, m: &Mover, to: bool) -> String {
    let k = i18n::subject(lang, m.subject);
    let other = match (&m.other, to) {
        (Some(s), true) => pick(lang, format!(" to {s}"), format!("，到 {s}")),
        (Some(s), false) => pick(lang, format!(" from {s}"), format!("，来自 {s}")),
        (None, _) => String::new(),
    };
    let why: Vec<String> = m.facts.iter().filter_map(Fact::code).map(|c| i18n::reason(lang, &c)).collect();
    let why = if why.is_empty() {
        pick(lang, "no need of the school".into(), "无学校需求".into())
    } else {
        why.join(pick(lang, "; ", "；"))
    };
    pick(
        lang,
        format!("{} ({k}){other}{}: {why}", m.id, km(lang, m.km)),
        format!("{}（{k}）{other}{}：{why}", m.id, km(lang, m.km)),
    )
}

fn list(lang: Lang, title: (&str, &str), rows: Vec<String>, out: &mut String) {
    let _ = writeln!(out, "  {}", pick(lang, title.0, title.1));
    if rows.is_empty() {
        let _ = writeln!(out, "    {}", pick(lang, "none", "无"));
    }
    for r in rows {
        let _ = writeln!(out, "    {r}");
    }
}

pub fn school(lang: Lang, e: &SchoolExplanation) -> String {
    let role = match (e.sends, e.receives) {
        (true, _) => pick(lang, "sends exchanged teachers", "派出交流教师"),
        (false, true) => pick(lang, "receives exchanged teachers", "接收交流教师"),
        _ => pick(lang, "neither sends nor receives", "既不派出也不接收"),
    };
    let mut out =
        pick(lang, format!("School {} ({}): {role}\n", e.id, e.name), format!("学校 {}（{}）：{role}\n", e.id, e.name));
    list(lang, ("sent:", "派出："), e.sent.iter().map(|m| mover(lang, m, true)).collect(), &mut out);
    list(lang, ("received:", "接收："), e.received.iter().map(|m| mover(lang, m, false)).collect(), &mut out);
    list(lang, ("new hires:", "新教师："), e.hires.iter().map(|m| mover(lang, m, false)).collect(), &mut out);
    let posts = e
        .posts
        .iter()
        .map(|p| {
            let k = i18n::subject(lang, p.subject);
            pick(
                lang,
                format!("{k}: {} post(s), teachers {} -> {}", p.posts, p.before, p.after),
                format!("{k}：岗位 {} 个，教师 {} -> {} 人", p.posts, p.before, p.after),
            )
        })
        .collect();
    list(lang, ("posts (teachers before -> after the plan):", "学科岗位（方案前 -> 方案后教师数）："), posts, &mut out);
    let value = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.2}"));
    let indicators = e
        .indicators
        .iter()
        .map(|i| {
            let name = i18n::indicator_short(lang, i.key);
            let county = value(i.county_after);
            pick(
                lang,
                format!("{name}: {} -> {} (county {county})", value(i.before), value(i.after)),
                format!("{name}：{} -> {}（全县 {county}）", value(i.before), value(i.after)),
            )
        })
        .collect();
    list(lang, ("indicators (before -> after the plan):", "指标（方案前 -> 方案后）："), indicators, &mut out);
    out
}

/// A term's values and change, as its unit reads.
fn term_line(lang: Lang, c: &TermChange) -> String {
    let d = c.change();
    let judged = match d.partial_cmp(&0.0) {
        Some(std::cmp::Ordering::Greater) => pick(lang, "worse", "更差"),
        Some(std::cmp::Ordering::Less) => pick(lang, "better", "更好"),
        _ => pick(lang, "same", "不变"),
    };
    let (a, b, delta) = match c.term {
        "moves" => (format!("{:.0}", c.plan), format!("{:.0}", c.other), format!("{d:+.0}")),
        "distance" => (format!("{:.1}", c.plan), format!("{:.1}", c.other), format!("{d:+.1}")),
        "balance" if c.plan > 0.0 => {
            (format!("{:.4}", c.plan), format!("{:.4}", c.other), format!("{:+.1}%", 100.0 * d / c.plan))
        }
        "balance" => (format!("{:.4}", c.plan), format!("{:.4}", c.other), format!("{d:+.4}")),
        _ => (format!("{:.2}", c.plan), format!("{:.2}", c.other), format!("{d:+.2}")),
    };
    let change = if d == 0.0 {
        judged.to_string()
    } else {
        pick(lang, format!("{delta}, {judged}"), format!("{delta}，{judged}"))
    };
    pick(
        lang,
        format!("{}: {a} -> {b} ({change})", i18n::term(lang, c.term)),
        format!("{}：{a} -> {b}（{change}）", i18n::term(lang, c.term)),
    )
}

/// The counterfactual of a teacher as text.
pub fn cost(lang: Lang, c: &Cost) -> String {
    let id = &c.teacher;
    let what = match (c.lock, &c.other_to) {
        (LockWord::Stay, _) => {
            pick(lang, format!("keeping {id} at home (a stay lock)"), format!("让 {id} 留任（留任锁定）"))
        }
        (_, Some(to)) => pick(
            lang,
            format!("sending {id} (a go lock; the other plan sends them to {to})"),
            format!("让 {id} 交流（交流锁定；另一方案派其到 {to}）"),
        ),
        _ => pick(lang, format!("sending {id} (a go lock)"), format!("让 {id} 交流（交流锁定）")),
    };
    let mut out = String::new();
    if !c.blocked.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            pick(
                lang,
                format!("Cost of {what}: not possible, a hard rule forbids it:"),
                format!("{what}的代价：不可行，违反硬性规则：")
            )
        );
        for b in &c.blocked {
            let _ = writeln!(out, "    - [{}] {}: {}", b.code, b.rule.title(lang), pick(lang, &b.en, &b.zh));
        }
        return out;
    }
    let _ = writeln!(
        out,
        "  {}",
        pick(lang, format!("Cost of {what}, against this plan:"), format!("{what}的代价，与本方案相比："))
    );
    for t in &c.terms {
        let mut line = term_line(lang, t);
        if t.term == "shortage" && !c.posts.is_empty() {
            let posts: Vec<String> = c
                .posts
                .iter()
                .map(|p| format!("{} {} {:+}", i18n::locale(lang, p.locale), i18n::subject(lang, p.subject), p.change))
                .collect();
            line += &pick(
                lang,
                format!("; by locale and subject: {}", posts.join(", ")),
                format!("；按城乡和学科：{}", posts.join("，")),
            );
        }
        let _ = writeln!(out, "    {line}");
    }
    let _ = writeln!(out, "    {}", verdict(lang, c));
    let _ = writeln!(out, "    {}", proof(lang, c));
    out
}

/// Which term decides, and whether the other plan is better there.
fn verdict(lang: Lang, c: &Cost) -> String {
    let Some(term) = c.decisive else {
        return pick(
            lang,
            "no term changes: the other plan is as good as this one".into(),
            "各目标项均不变：另一方案与本方案一样好".into(),
        );
    };
    let name = i18n::term(lang, term);
    let better = c.terms.iter().find(|t| t.term == term).is_some_and(|t| t.change() < 0.0);
    match (lang, better) {
        (Lang::En, false) => format!("decided by {name}, the first term in the policy's order that changes"),
        (Lang::Zh, false) => format!("决定项：{name}（按政策顺序第一个发生变化的目标项）"),
        (Lang::En, true) => format!("the other plan is better in {name}, the first term in the policy's order that changes: this plan is not the best for this policy and data"),
        (Lang::Zh, true) => format!("另一方案在{name}上更好（按政策顺序第一个发生变化的目标项）：本方案不是该政策和数据下的最优方案"),
    }
}

/// Whether the difference is proven.
fn proof(lang: Lang, c: &Cost) -> String {
    if c.plan_proof.is_optimal() && c.other_proof.is_optimal() {
        return pick(
            lang,
            "both plans are proven optimal: the difference is what the decision costs".into(),
            "两个方案均已证明最优：差值即该决定的代价".into(),
        );
    }
    let state = |p: &super::Proof| match (&p.status, p.gap) {
        (Some(s), Some(g)) => pick(
            lang,
            format!("{}, gap {:.2}%", i18n::status(lang, s), g * 100.0),
            format!("{}，差距 {:.2}%", i18n::status(lang, s), g * 100.0),
        ),
        (Some(s), None) => i18n::status(lang, s).to_string(),
        _ => pick(lang, "not known (no summary.json)", "未知（无 summary.json）").to_string(),
    };
    let (a, b) = (state(&c.plan_proof), state(&c.other_proof));
    pick(
        lang,
        format!("not both proven optimal (this plan: {a}; the other: {b}): the difference is between plans found in the time, not a proven cost"),
        format!("两个方案并非均已证明最优（本方案：{a}；另一方案：{b}）：差值只是限定时间内所得方案之差，不是已证明的代价"),
    )
}
