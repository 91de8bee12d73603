//! What a plan does at a school (who leaves, who comes and why, its posts and indicators
//! before and after), and where a new hire goes and why.

use super::facts::Fact;
use super::teacher::needs_at;
use super::Context;
use crate::domain::{Backbone, LockWord, Locked, Subject};
use serde::Serialize;

/// The teacher indicators a plan moves, shown for a school before and after.
pub const SCHOOL_INDICATORS: [&str; 5] =
    ["degree_per_100", "backbone_per_100", "pe_arts_per_100", "students_per_teacher", "mid_senior_title_per_100"];

/// A teacher who leaves or comes, with the needs the move meets at the receiving school.
#[derive(Debug, Clone, Serialize)]
pub struct Mover {
    pub id: String,
    #[serde(serialize_with = "crate::metrics::by_name")]
    pub subject: Subject,
    /// The other school: where they go, or where they come from; `None` for a hire.
    pub other: Option<String>,
    pub km: Option<f64>,
    #[serde(serialize_with = "super::facts::said")]
    pub facts: Vec<Fact>,
}

/// Posts and teachers of one subject before and after the plan.
#[derive(Debug, Clone, Serialize)]
pub struct Posts {
    #[serde(serialize_with = "crate::metrics::by_name")]
    pub subject: Subject,
    pub posts: u32,
    pub before: u32,
    pub after: u32,
}

/// One indicator of a school before and after the plan, and its stage's county value after.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorChange {
    pub key: &'static str,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub county_after: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SchoolExplanation {
    pub id: String,
    pub name: String,
    /// Urban or town and not weak: it sends teachers.
    pub sends: bool,
    /// Rural or weak: it receives them.
    pub receives: bool,
    pub sent: Vec<Mover>,
    pub received: Vec<Mover>,
    pub hires: Vec<Mover>,
    /// Subjects with posts or teachers, before and after.
    pub posts: Vec<Posts>,
    pub indicators: Vec<IndicatorChange>,
}

/// Explains what the plan does at school `s`.
pub fn explain_school(ctx: &Context<'_>, s: usize) -> SchoolExplanation {
    let (county, school) = (ctx.county, &ctx.county.schools[s]);
    let teacher_move = |t: usize, to: usize, other: usize| {
        let teacher = &county.teachers[t];
        Mover {
            id: teacher.id.clone(),
            subject: teacher.subject,
            other: Some(ctx.school_id(other)),
            km: ctx.km(s, other),
            facts: needs_at(ctx, to, teacher.subject, teacher.degree, teacher.backbone),
        }
    };
    let sent = ctx.plan.moves.iter().filter(|m| m.from == s).map(|m| teacher_move(m.teacher, m.to, m.to)).collect();
    let received = ctx.plan.moves.iter().filter(|m| m.to == s).map(|m| teacher_move(m.teacher, s, m.from)).collect();
    let hires = ctx
        .plan
        .placements
        .iter()
        .filter(|p| p.school == s)
        .map(|p| {
            let h = explain_hire(ctx, p.hire);
            Mover { id: h.id, subject: h.subject, other: None, km: None, facts: h.facts }
        })
        .collect();
    let posts = Subject::ALL
        .iter()
        .map(|&k| Posts {
            subject: k,
            posts: ctx.demand[s][k.index()],
            before: ctx.before[s][k.index()],
            after: ctx.after[s][k.index()],
        })
        .filter(|p| p.posts + p.before + p.after > 0)
        .collect();
    let indicators = SCHOOL_INDICATORS
        .iter()
        .map(|&key| IndicatorChange {
            key,
            before: ctx.eval_before.schools[s].values.get(key),
            after: ctx.eval_after.schools[s].values.get(key),
            county_after: ctx.eval_after.county_value(school.stage, key),
        })
        .collect();
    SchoolExplanation {
        id: school.id.clone(),
        name: school.name.clone(),
        sends: school.is_sending(),
        receives: school.is_receiving(),
        sent,
        received,
        hires,
        posts,
        indicators,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct HireExplanation {
    pub id: String,
    #[serde(serialize_with = "crate::metrics::by_name")]
    pub subject: Subject,
    pub placed_at: Option<String>,
    #[serde(serialize_with = "super::facts::said")]
    pub facts: Vec<Fact>,
}

/// Explains where the plan places new hire `h` and why.
pub fn explain_hire(ctx: &Context<'_>, h: usize) -> HireExplanation {
    let hire = &ctx.county.new_hires[h];
    let at = ctx.plan.placements.iter().find(|p| p.hire == h).map(|p| p.school);
    let mut facts: Vec<Fact> = ctx
        .county
        .locks
        .iter()
        .filter(|l| l.who == Locked::Hire(h) && l.word == LockWord::Place)
        .filter_map(|l| Some(Fact::Promised { line: l.line, school: ctx.school_id(l.school?) }))
        .collect();
    match at {
        None => facts.push(Fact::NotPlaced),
        Some(s) => {
            let needs = needs_at(ctx, s, hire.subject, hire.degree, Backbone::None);
            if needs.is_empty() && facts.is_empty() {
                let (ceiling, staff) = ctx.ceiling_and_staff_after(s);
                facts.push(Fact::StaffRoom { school: ctx.school_id(s), staff, ceiling });
            }
            facts.extend(needs);
        }
    }
    HireExplanation { id: hire.id.clone(), subject: hire.subject, placed_at: at.map(|s| ctx.school_id(s)), facts }
}
