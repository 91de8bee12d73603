//! The yearly cycle: the exchange record (exchanges.csv) and the county as it stands in
//! one school year of it.
//!
//! teachers.csv gives every teacher's home school (the school that holds their post and
//! that they return to). The record says who was or is away, where, and for which years.
//! [`year_view`] is the one place that decides where a teacher on exchange counts in year
//! `Y`: it places them at the school where they teach for the subject posts, the indicators
//! and pay (`[cycle] teaching_at`), and records their post's school for the staff quota
//! (`[cycle] post_at`, read by [`post_school`]). The model, the checker and the metrics all
//! read the view, never the record.
//!
//! ## Reference
//! 2014 MOE/MOF/MOHRSS opinion on county teacher exchange (terms, commonly 3 years, at
//! least one school year; 人走关系留 or 人走关系走 is a local choice).

use super::county::{County, Teacher};
use super::plan::{MoveKind, Plan};
use super::policy::{CountsAt, Policy};

/// One exchange term of the record: `teacher` away from `home` at `host` from the school
/// year `start_year` (the autumn it starts) for `term_years`, or until `end_year` when the
/// term was cut short or extended.
#[derive(Debug, Clone, PartialEq)]
pub struct ExchangeTerm {
    /// Index into `County::teachers`.
    pub teacher: usize,
    pub home: usize,
    pub host: usize,
    pub kind: MoveKind,
    pub start_year: u32,
    pub term_years: u32,
    /// The last school year away, when it differs from `start_year + term_years - 1`.
    pub end_year: Option<u32>,
    /// Line of exchanges.csv (0 for a term made by a plan).
    pub line: u64,
}

impl ExchangeTerm {
    /// The last school year the teacher is away.
    pub fn last_year(&self) -> u32 {
        self.end_year.unwrap_or(self.start_year + self.term_years.max(1) - 1)
    }

    /// Away during school year `year`.
    pub fn away_in(&self, year: u32) -> bool {
        (self.start_year..=self.last_year()).contains(&year)
    }
}

/// The record and the year the county is viewed in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cycle {
    /// The school year planned (the autumn it starts); `None` with no record.
    pub year: Option<u32>,
    /// Every term of exchanges.csv, past and current, in file order.
    pub record: Vec<ExchangeTerm>,
    /// What a horizon assumes of the years ahead (hires_by_year.csv, enrolment.csv).
    pub projection: Projection,
}

/// The years ahead as the bureau projects them, read by `rotaplan horizon` only.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Projection {
    /// hires_by_year.csv: new hires of a subject and degree in a school year.
    pub hires: Vec<YearHires>,
    /// enrolment.csv: students of a school (index) in a school year, overriding the
    /// policy's growth rate for that school and year.
    pub enrolment: std::collections::BTreeMap<(usize, u32), u32>,
}

/// One row of hires_by_year.csv.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearHires {
    pub year: u32,
    pub subject: super::Subject,
    pub degree: super::Degree,
    pub count: u32,
}

/// Where one teacher stands in the cycle this year (set by [`year_view`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TeacherCycle {
    /// Away on exchange this year.
    pub away: Option<Away>,
    /// The last school year of the teacher's latest term that has ended (cool-off).
    pub returned: Option<u32>,
    /// Exchanged at least once in the record (away now included).
    pub rotated: bool,
    /// Applying for a senior title (teachers.csv `seeks_promotion`): such teachers are
    /// sent first among interchangeable ones.
    pub seeks_promotion: bool,
}

/// A teacher's current term: home and host schools and its last year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Away {
    pub home: usize,
    pub host: usize,
    pub last_year: u32,
}

/// The year the record asks to plan when none is given: the one after its latest start.
pub fn default_year(record: &[ExchangeTerm]) -> Option<u32> {
    record.iter().map(|t| t.start_year + 1).max()
}

/// The county in school year `year`: each teacher's cycle state from the record, and a
/// teacher away counted at the school `[cycle] teaching_at` names, with that school's
/// allowance when it is the host (an exchanged teacher receives the host's allowance).
/// `county` may be as read (every teacher at their home school) or a view of another year.
pub fn year_view(county: &County, policy: &Policy, year: u32) -> County {
    let county = &home_view(county, policy);
    let mut view = county.clone();
    view.cycle.year = Some(year);
    for term in &county.cycle.record {
        let c = &mut view.teachers[term.teacher].cycle;
        if term.start_year > year {
            continue;
        }
        c.rotated = true;
        if term.away_in(year) {
            c.away = Some(Away { home: term.home, host: term.host, last_year: term.last_year() });
        } else {
            c.returned = c.returned.max(Some(term.last_year()));
        }
    }
    for t in &mut view.teachers {
        if let Some(a) = t.cycle.away {
            if policy.cycle.teaching_at == CountsAt::Host {
                let host = &county.schools[a.host];
                t.school = a.host;
                t.monthly_pay += policy.allowance(host.locale, host.weak);
            }
        }
    }
    view
}

/// The county with every teacher at their home school, as teachers.csv gives them: a
/// view of some year undone.
pub fn home_view(county: &County, policy: &Policy) -> County {
    let mut home = county.clone();
    home.cycle.year = None;
    for t in &mut home.teachers {
        if let (Some(a), CountsAt::Host) = (t.cycle.away, policy.cycle.teaching_at) {
            let host = &county.schools[a.host];
            t.school = a.home;
            t.monthly_pay -= policy.allowance(host.locale, host.weak);
        }
        t.cycle = TeacherCycle { seeks_promotion: t.cycle.seeks_promotion, ..Default::default() };
    }
    home
}

/// The school whose staff quota a teacher's post counts in: the school where they are,
/// except for a teacher away, whose post stays home or moves to the host by `[cycle]
/// post_at` (人走关系留 / 人走关系走).
pub fn post_school(teacher: &Teacher, policy: &Policy) -> usize {
    match (teacher.cycle.away, policy.cycle.post_at) {
        (Some(a), CountsAt::Home) => a.home,
        (Some(a), CountsAt::Host) => a.host,
        (None, _) => teacher.school,
    }
}

/// The school a teacher belongs to: home while away, else where they are.
pub fn home_school(teacher: &Teacher) -> usize {
    teacher.cycle.away.map_or(teacher.school, |a| a.home)
}

/// Posts counted per school before the plan ([`post_school`]).
pub fn posts_by_school(county: &County, policy: &Policy) -> Vec<u32> {
    let mut posts = vec![0; county.schools.len()];
    for t in &county.teachers {
        posts[post_school(t, policy)] += 1;
    }
    posts
}

/// The record after year `year`'s plan: the old terms, each extension's term (ended with
/// `year - 1`) running to the end of `year` with kind `extension`, and one new term per
/// exchange of the plan, starting in `year` (transfers are permanent and make no term).
/// Moves name teachers at their home school in `county`'s teacher order.
pub fn record_after(county: &County, plan: &Plan, year: u32) -> Vec<ExchangeTerm> {
    let mut record = county.cycle.record.clone();
    for m in plan.moves.iter().filter(|m| m.kind == MoveKind::Extension) {
        let ended = record.iter_mut().rev().find(|r| r.teacher == m.teacher && r.last_year() + 1 == year);
        if let Some(term) = ended {
            term.end_year = Some(year);
            term.kind = MoveKind::Extension;
        }
    }
    for m in plan.moves.iter().filter(|m| m.kind == MoveKind::Exchange) {
        record.push(ExchangeTerm {
            teacher: m.teacher,
            home: m.from,
            host: m.to,
            kind: m.kind,
            start_year: year,
            term_years: m.term_years,
            end_year: None,
            line: 0,
        });
    }
    record
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(start_year: u32, term_years: u32, end_year: Option<u32>) -> ExchangeTerm {
        ExchangeTerm {
            teacher: 0,
            home: 0,
            host: 1,
            kind: MoveKind::Exchange,
            start_year,
            term_years,
            end_year,
            line: 2,
        }
    }

    #[test]
    fn a_term_covers_its_years_and_no_other() {
        let t = term(2024, 3, None);
        assert_eq!(t.last_year(), 2026);
        assert!(!t.away_in(2023) && t.away_in(2024) && t.away_in(2026) && !t.away_in(2027));
        let cut = term(2024, 3, Some(2024));
        assert!(cut.away_in(2024) && !cut.away_in(2025));
    }

    #[test]
    fn the_default_year_follows_the_latest_start() {
        assert_eq!(default_year(&[term(2022, 3, None), term(2025, 3, None)]), Some(2026));
        assert_eq!(default_year(&[]), None);
    }
}
