//! Why a teacher was, or was not, exchanged under a plan.

use super::facts::{Fact, Filler};
use super::Context;
use crate::domain::{Backbone, Degree, LockWord, MoveKind, QuotaScope, Subject};
use crate::rules::{self, NotDue};
use serde::Serialize;

/// Schools named at most in the not-moved facts about the schools within reach.
pub const SCHOOLS_SHOWN: usize = 3;

/// A teacher's explanation.
#[derive(Debug, Clone, Serialize)]
pub struct TeacherExplanation {
    pub id: String,
    pub name: String,
    pub school: String,
    pub school_name: String,
    #[serde(serialize_with = "crate::metrics::by_name")]
    pub subject: Subject,
    pub eligible: bool,
    /// Where the plan sends them, if anywhere.
    pub moved_to: Option<String>,
    pub km: Option<f64>,
    #[serde(serialize_with = "super::facts::said")]
    pub facts: Vec<Fact>,
}

/// Explains teacher `t` under the plan of `ctx`.
pub fn explain_teacher(ctx: &Context<'_>, t: usize) -> TeacherExplanation {
    let teacher = &ctx.county.teachers[t];
    let home = teacher.school;
    let not_due = rules::not_due(ctx.county, teacher, ctx.policy);
    let moved = ctx.move_of(t);
    let mut facts = vec![eligibility(ctx, t, not_due)];
    if let Some(years) = rules::rotation_due(ctx.county, t, ctx.policy)
        .then(|| rules::years_eligible(ctx.county, t, ctx.policy))
        .flatten()
    {
        facts.push(Fact::RotationDue { years, within: ctx.policy.cycle.rotate_within_years });
    }
    facts.extend(lock_facts(ctx, t));
    match (not_due, moved) {
        (Some(_), Some(m)) if m.kind == MoveKind::Extension => {
            facts.push(Fact::Extended { host: ctx.school_id(m.to) });
            facts.extend(needs_at(ctx, m.to, teacher.subject, teacher.degree, teacher.backbone));
        }
        (Some(_), Some(_)) => facts.push(Fact::MovedAnyway),
        (Some(_), None) => {}
        (None, Some(m)) => facts.extend(moved_facts(ctx, t, m.to)),
        (None, None) => facts.extend(unmoved_facts(ctx, t)),
    }
    TeacherExplanation {
        id: teacher.id.clone(),
        name: teacher.name.clone(),
        school: ctx.school_id(home),
        school_name: ctx.county.schools[home].name.clone(),
        subject: teacher.subject,
        eligible: not_due.is_none(),
        moved_to: moved.map(|m| ctx.school_id(m.to)),
        km: moved.and_then(|m| ctx.km(home, m.to)),
        facts,
    }
}

fn eligibility(ctx: &Context<'_>, t: usize, not_due: Option<NotDue>) -> Fact {
    let teacher = &ctx.county.teachers[t];
    match not_due {
        None => Fact::Eligible { years: teacher.years_at_school, min: ctx.policy.eligibility.min_years_at_school },
        Some(NotDue::SchoolDoesNotSend) => Fact::SchoolDoesNotSend { school: ctx.school_id(teacher.school) },
        Some(NotDue::Exempt) => Fact::Exempt,
        Some(NotDue::Age { age, limit }) => Fact::AgeExempt { age, limit },
        Some(NotDue::Tenure { years, min }) => Fact::TooNew { years, min },
        Some(NotDue::Away { home, host, last_year }) => {
            Fact::Away { home: ctx.school_id(home), host: ctx.school_id(host), last_year }
        }
        Some(NotDue::CoolOff { returned, cool_off }) => Fact::CoolingOff { returned, cool_off },
    }
}

/// The teacher's locks of locks.csv.
fn lock_facts(ctx: &Context<'_>, t: usize) -> Vec<Fact> {
    let school = |s: Option<usize>| s.map(|s| ctx.school_id(s));
    ctx.county
        .locks
        .iter()
        .filter(|l| l.teacher() == Some(t))
        .filter_map(|l| match l.word {
            LockWord::Stay => Some(Fact::LockedStay { line: l.line }),
            LockWord::Go => Some(Fact::LockedGo { line: l.line, school: school(l.school) }),
            LockWord::NotTo => Some(Fact::LockedNotTo { line: l.line, school: school(l.school)? }),
            LockWord::Place => None,
        })
        .collect()
}

/// What a teacher or hire of `subject` meets at `school`: its shortage of the subject,
/// coverage of PE, music or art, and each teacher indicator the school was below its
/// stage's county value of and the person adds to (all before the plan).
pub fn needs_at(ctx: &Context<'_>, school: usize, subject: Subject, degree: Degree, backbone: Backbone) -> Vec<Fact> {
    let mut facts = Vec::new();
    let k = subject.index();
    let (posts, before, after) = (ctx.demand[school][k], ctx.before[school][k], ctx.after[school][k]);
    let id = ctx.school_id(school);
    if posts > before {
        facts.push(Fact::Shortage { school: id.clone(), subject, posts, before, after });
    }
    if rules::coverage_needed(subject, posts, ctx.policy) && before == 0 {
        facts.push(Fact::Coverage { school: id.clone(), subject });
    }
    let stage = ctx.county.schools[school].stage;
    let carried = rules::carries(stage, degree, backbone, subject);
    for (key, c) in rules::INDICATORS.iter().zip(carried) {
        let value = ctx.eval_before.schools[school].values.get(key);
        if let (true, Some(value), Some(county)) = (c > 0.0, value, ctx.eval_before.county_value(stage, key)) {
            if value < county {
                facts.push(Fact::Balance { school: id.clone(), indicator: key, value, county });
            }
        }
    }
    facts
}

/// The exchange quota as it stands in the plan, for the pool teacher `t` is counted in.
fn quota(ctx: &Context<'_>, t: usize) -> Fact {
    let (county, policy) = (ctx.county, ctx.policy);
    let home = county.teachers[t].school;
    let per_school = policy.exchange.scope == QuotaScope::School;
    let in_pool = |u: usize| {
        rules::is_eligible(county, &county.teachers[u], policy) && (!per_school || county.teachers[u].school == home)
    };
    let eligible = (0..county.teachers.len()).filter(|&u| in_pool(u)).count();
    let exchanged = ctx.plan.moves.iter().filter(|m| m.kind == MoveKind::Exchange && in_pool(m.teacher)).count();
    let needed = rules::quota_needed(eligible, policy);
    Fact::Quota { exchanged, needed, eligible, school: per_school.then(|| ctx.school_id(home)) }
}

/// The backbone share as it stands in the plan, for a teacher who counts for it.
fn backbone(ctx: &Context<'_>, t: usize) -> Option<Fact> {
    let (county, policy) = (ctx.county, ctx.policy);
    if policy.exchange.backbone_share <= 0.0 || !rules::counts_as_backbone(&county.teachers[t], policy) {
        return None;
    }
    let exchanges: Vec<usize> =
        ctx.plan.moves.iter().filter(|m| m.kind == MoveKind::Exchange).map(|m| m.teacher).collect();
    let backbone = exchanges.iter().filter(|&&u| rules::counts_as_backbone(&county.teachers[u], policy)).count();
    Some(Fact::Backbone {
        exchanged: exchanges.len(),
        backbone,
        needed: rules::backbone_needed(exchanges.len(), policy),
    })
}

/// A moved teacher: the needs met at the host, the quotas, and what the move leaves at home.
fn moved_facts(ctx: &Context<'_>, t: usize, to: usize) -> Vec<Fact> {
    let teacher = &ctx.county.teachers[t];
    let mut facts = needs_at(ctx, to, teacher.subject, teacher.degree, teacher.backbone);
    facts.extend(backbone(ctx, t));
    if ctx.policy.exchange.share > 0.0 {
        facts.push(quota(ctx, t));
    }
    let (home, k) = (teacher.school, teacher.subject);
    let (posts, after) = (ctx.demand[home][k.index()], ctx.after[home][k.index()]);
    let school = ctx.school_id(home);
    facts.push(if after >= posts {
        Fact::HomeStillCovered { school, subject: k, posts, after }
    } else {
        Fact::HomeLeftShort { school, subject: k, posts, after }
    });
    facts
}

/// An eligible teacher the plan leaves at home: a lock, nowhere to go, the last of their
/// subject at home, what leaving would cost at home, the needs within reach and who met
/// them, and the quotas as the plan meets them without this teacher.
fn unmoved_facts(ctx: &Context<'_>, t: usize) -> Vec<Fact> {
    if ctx.locks.stays(t) {
        return Vec::new();
    }
    let teacher = &ctx.county.teachers[t];
    let (home, k) = (teacher.school, teacher.subject);
    let reach = reachable(ctx, t);
    if reach.is_empty() {
        return vec![Fact::Nowhere { km: ctx.policy.exchange.max_distance_km }];
    }
    let school = ctx.school_id(home);
    let (posts, after) = (ctx.demand[home][k.index()], ctx.after[home][k.index()]);
    let mut facts = Vec::new();
    if rules::sender_keeps(&ctx.county.schools[home], ctx.before[home][k.index()]) && after == 1 {
        facts.push(Fact::OnlyTeacher { school: school.clone(), subject: k });
    } else if after <= posts {
        facts.push(Fact::HomeNeedsThem { school, subject: k, posts, after });
    } else {
        facts.push(Fact::HomeHasSpare { school, subject: k, posts, after });
    }
    facts.extend(needs_in_reach(ctx, t, &reach));
    facts.extend(backbone(ctx, t));
    if ctx.policy.exchange.share > 0.0 {
        facts.push(quota(ctx, t));
    }
    facts
}

/// The schools teacher `t` may be exchanged to ([`rules::destination_problem`] and the
/// locks), nearest first.
pub fn reachable(ctx: &Context<'_>, t: usize) -> Vec<usize> {
    let home = ctx.county.teachers[t].school;
    let mut reach: Vec<usize> = (0..ctx.county.schools.len())
        .filter(|&s| ctx.locks.may_go_to(t, s) && rules::destination_problem(ctx.county, home, s, ctx.policy).is_none())
        .collect();
    let km = |s: usize| ctx.km(home, s).unwrap_or(0.0);
    reach.sort_by(|&a, &b| km(a).total_cmp(&km(b)).then(a.cmp(&b)));
    reach
}

/// The reachable schools that lacked the teacher's subject before the plan (nearest
/// first, at most [`SCHOOLS_SHOWN`]): who filled the posts, or how many stay open.
fn needs_in_reach(ctx: &Context<'_>, t: usize, reach: &[usize]) -> Vec<Fact> {
    let teacher = &ctx.county.teachers[t];
    let (home, k) = (teacher.school, teacher.subject);
    let short: Vec<usize> =
        reach.iter().copied().filter(|&s| ctx.demand[s][k.index()] > ctx.before[s][k.index()]).collect();
    if short.is_empty() {
        return vec![Fact::NoNeedInReach { reachable: reach.len(), subject: k }];
    }
    let mut facts = Vec::new();
    for &s in short.iter().take(SCHOOLS_SHOWN) {
        let (posts, after) = (ctx.demand[s][k.index()], ctx.after[s][k.index()]);
        if after >= posts {
            let by = fillers(ctx, s, k);
            facts.push(Fact::FilledBy { school: ctx.school_id(s), subject: k, by, own_km: ctx.km(home, s) });
        } else {
            let (ceiling, staff) = ctx.ceiling_and_staff_after(s);
            let room = ceiling.saturating_sub(staff);
            facts.push(Fact::StillShort { school: ctx.school_id(s), subject: k, short: posts - after, room });
        }
    }
    facts
}

/// The teachers exchanged to, and the hires placed at, school `s` who teach `k`.
pub fn fillers(ctx: &Context<'_>, s: usize, k: Subject) -> Vec<Filler> {
    let county = ctx.county;
    let mut by: Vec<Filler> = ctx
        .plan
        .moves
        .iter()
        .filter(|m| m.to == s && county.teachers[m.teacher].subject == k)
        .map(|m| Filler {
            id: county.teachers[m.teacher].id.clone(),
            from: Some(ctx.school_id(m.from)),
            km: ctx.km(m.from, s),
        })
        .collect();
    by.extend(
        ctx.plan.placements.iter().filter(|p| p.school == s && county.new_hires[p.hire].subject == k).map(|p| Filler {
            id: county.new_hires[p.hire].id.clone(),
            from: None,
            km: None,
        }),
    );
    by
}
