//! The plan the bureau starts from (`plan --start`): a plan written earlier and perhaps
//! edited by hand. Its rows that break no hard rule are what the `changes` term keeps;
//! the others are set aside, each with the rule it breaks and why (docs/model.md,
//! "Re-planning from an edited plan").

use super::{destination_problem, ineligibility, promised_school, Rule, TeacherLocks};
use crate::domain::{County, Plan, Policy};
use crate::report::i18n::say;
use serde::Serialize;
use std::collections::BTreeSet;

/// A start plan split into the rows the model can keep and those it cannot.
#[derive(Debug, Clone, Default)]
pub struct StartPlan {
    /// The rows that break no hard rule, as a plan.
    pub kept: Plan,
    /// The rows that do, in file order (moves first).
    pub set_aside: Vec<SetAside>,
}

/// A row of the start plan that no plan of the model can keep.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetAside {
    /// `moves` or `hires`: the table the row is in.
    pub table: &'static str,
    /// The teacher's or the hire's id.
    pub id: String,
    /// The school the row sends the teacher or places the hire at.
    pub school: String,
    pub rule: Rule,
    pub reason: String,
}

impl StartPlan {
    /// Sorts the rows of `plan` into those a plan of the model can keep and those it
    /// cannot: a teacher's second move (C001), a move that does not start at the
    /// teacher's school (C002), an ineligible teacher (C003), a destination the policy
    /// does not allow (C004), a move against a lock (C018), a hire's second placement
    /// (C006) or a placement against a `place` lock (C018).
    pub fn of(county: &County, policy: &Policy, plan: &Plan) -> StartPlan {
        let mut start = StartPlan::default();
        let locks = TeacherLocks::of(county);
        let mut moved = BTreeSet::new();
        for m in &plan.moves {
            let teacher = &county.teachers[m.teacher];
            let school = county.schools[m.to].id.clone();
            let problem = if !moved.insert(m.teacher) {
                Some((
                    Rule::DuplicateMove,
                    say(
                        format!("{} is already moved by an earlier row", teacher.id),
                        format!("{} 已由前面的行交流", teacher.id),
                    ),
                ))
            } else if m.from != teacher.school {
                let (said, is) = (&county.schools[m.from].id, &county.schools[teacher.school].id);
                Some((
                    Rule::WrongOrigin,
                    say(
                        format!("the row says {said}, but {} teaches at {is}", teacher.id),
                        format!("该行写的是 {said}，但 {} 在 {is} 任教", teacher.id),
                    ),
                ))
            } else if let Some(why) = ineligibility(county, teacher, policy) {
                Some((Rule::Eligibility, why))
            } else if let Some(why) = destination_problem(county, teacher.school, m.to, policy) {
                Some((Rule::Destination, why))
            } else if !locks.may_go_to(m.teacher, m.to) {
                Some((
                    Rule::Lock,
                    say(
                        format!("locks.csv does not let {} go to {school}", teacher.id),
                        format!("locks.csv 不允许 {} 去 {school}", teacher.id),
                    ),
                ))
            } else {
                None
            };
            match problem {
                Some((rule, reason)) => {
                    start.set_aside.push(SetAside { table: "moves", id: teacher.id.clone(), school, rule, reason })
                }
                None => start.kept.moves.push(m.clone()),
            }
        }
        let mut placed = BTreeSet::new();
        for p in &plan.placements {
            let id = county.new_hires[p.hire].id.clone();
            let school = county.schools[p.school].id.clone();
            let problem = if !placed.insert(p.hire) {
                Some((
                    Rule::HirePlacement,
                    say(format!("{id} is already placed by an earlier row"), format!("{id} 已由前面的行分配")),
                ))
            } else {
                promised_school(county, p.hire).filter(|&s| s != p.school).map(|s| {
                    let promised = &county.schools[s].id;
                    (
                        Rule::Lock,
                        say(
                            format!("locks.csv promises {id} to {promised}"),
                            format!("locks.csv 已承诺将 {id} 分配到 {promised}"),
                        ),
                    )
                })
            };
            match problem {
                Some((rule, reason)) => start.set_aside.push(SetAside { table: "hires", id, school, rule, reason }),
                None => start.kept.placements.push(p.clone()),
            }
        }
        start
    }
}

/// Rows of moves.csv and hires.csv in one plan and not the other: the `changes` term,
/// counted from the two plans alone (a teacher sent elsewhere is one row removed and one
/// added). A row is a teacher and destination, or a hire and school.
pub fn changes(start: &Plan, plan: &Plan) -> usize {
    let moves = |p: &Plan| p.moves.iter().map(|m| (m.teacher, m.to)).collect::<BTreeSet<_>>();
    let hires = |p: &Plan| p.placements.iter().map(|h| (h.hire, h.school)).collect::<BTreeSet<_>>();
    moves(start).symmetric_difference(&moves(plan)).count() + hires(start).symmetric_difference(&hires(plan)).count()
}
