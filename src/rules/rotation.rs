//! Two rules of the yearly cycle as questions the model, the checker and the explanations
//! share: who is due to rotate this year (`[cycle] rotate_within_years`, rule C021) and
//! whose term, ended last school year, the plan may extend by a year (`[cycle]
//! extend_terms`, rule C022). docs/model.md, "The yearly cycle", gives the maths.
//!
//! ## Reference
//! 2014 exchange opinion: exchange becomes routine within 3-5 years, a term is commonly 3
//! years; Tokyo (transfer after 6 years, mandatory after 8), Karnataka (10 years) and
//! Haryana (5 years) make a move compulsory after a fixed time. Extending a term where the
//! receiving school needs the teacher is a local choice.

use super::{destination_problem, is_eligible};
use crate::domain::{County, ExchangeTerm, MoveKind, Policy};
use crate::report::i18n::say;

/// School years, this one included, that teacher `t` (eligible this year) has been eligible
/// without an exchange: since reaching the minimum tenure (`years_at_school - min + 1`)
/// and since the end of the cool-off after their last term (`Y - returned - cool_off`),
/// whichever is fewer. `None` when the teacher is not eligible this year.
pub fn years_eligible(county: &County, t: usize, policy: &Policy) -> Option<u32> {
    let teacher = &county.teachers[t];
    if !is_eligible(county, teacher, policy) {
        return None;
    }
    let by_tenure = (teacher.years_at_school + 1).saturating_sub(policy.eligibility.min_years_at_school);
    let since_term = match (county.cycle.year, teacher.cycle.returned) {
        (Some(year), Some(returned)) => year.saturating_sub(returned + policy.cycle.cool_off_years),
        _ => u32::MAX,
    };
    Some(by_tenure.min(since_term))
}

/// Due to rotate this year ([`crate::rules::Rule::RotationDue`]): with `[cycle]
/// rotate_within_years = K > 0`, an eligible teacher in their K-th year (or later) of
/// eligibility without an exchange. This is their last year to rotate within K years.
pub fn rotation_due(county: &County, t: usize, policy: &Policy) -> bool {
    let k = policy.cycle.rotate_within_years;
    k > 0 && years_eligible(county, t, policy).is_some_and(|years| years >= k)
}

/// Teachers due to rotate this year, in teacher order.
pub fn due_teachers(county: &County, policy: &Policy) -> Vec<usize> {
    if policy.cycle.rotate_within_years == 0 {
        return Vec::new();
    }
    (0..county.teachers.len()).filter(|&t| rotation_due(county, t, policy)).collect()
}

/// The term of teacher `t` whose last school year is the one before the year viewed.
fn ended_term(county: &County, t: usize) -> Option<&ExchangeTerm> {
    let year = county.cycle.year?;
    county.cycle.record.iter().rev().find(|term| term.teacher == t && term.last_year() + 1 == year)
}

/// Why teacher `t` may not be kept at school `to` for one more year
/// ([`crate::rules::Rule::Extension`]), or `None` when they may: the policy allows
/// extensions, their term ended with last school year and was not extended before, `to` is
/// its host and still a destination from the home school, and the teacher is neither away
/// on another term this year nor exempt.
pub fn extension_problem(county: &County, t: usize, to: usize, policy: &Policy) -> Option<String> {
    let teacher = &county.teachers[t];
    let id = &teacher.id;
    if !policy.cycle.extend_terms {
        return Some(say(
            "the policy does not allow term extensions ([cycle] extend_terms = false)".into(),
            "政策不允许延长交流期限（[cycle] extend_terms = false）".into(),
        ));
    }
    let Some(term) = ended_term(county, t) else {
        let year = county.cycle.year.map_or("-".into(), |y| (y - 1).to_string());
        return Some(say(
            format!("{id} has no exchange term that ended with school year {year}"),
            format!("{id} 没有在 {year} 学年结束的交流任期"),
        ));
    };
    let (home, host) = (&county.schools[term.home].id, &county.schools[term.host].id);
    if term.kind == MoveKind::Extension {
        return Some(say(
            format!("{id}'s term at {host} was extended once already"),
            format!("{id} 在 {host} 的交流期限已延长过一次"),
        ));
    }
    if to != term.host {
        let to = &county.schools[to].id;
        return Some(say(
            format!("{id}'s term was at {host}, not at {to}"),
            format!("{id} 的交流学校是 {host}，不是 {to}"),
        ));
    }
    if let Some(a) = teacher.cycle.away {
        let now = &county.schools[a.host].id;
        return Some(say(
            format!("{id} is away on another term at {now} this year"),
            format!("{id} 本学年正在 {now} 进行另一期交流"),
        ));
    }
    if teacher.school != term.home {
        return Some(say(format!("{id} is not back at {home}"), format!("{id} 不在派出学校 {home}")));
    }
    if teacher.exempt {
        return Some(say(format!("{id} is marked exempt"), format!("{id} 已标注免于交流")));
    }
    destination_problem(county, term.home, term.host, policy)
}

/// The host teacher `t` may be kept at for one more year, if any.
pub fn extension_host(county: &County, t: usize, policy: &Policy) -> Option<usize> {
    if !policy.cycle.extend_terms {
        return None;
    }
    let host = ended_term(county, t)?.host;
    extension_problem(county, t, host, policy).is_none().then_some(host)
}
