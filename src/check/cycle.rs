//! The checker's rules of the yearly cycle that a plan's own rows can break beyond C019
//! and C020 (which `structure` checks with eligibility): an extension the policy and the
//! record allow (C022), and every teacher due to rotate within K years exchanged (C021).

use super::Breach;
use crate::domain::{County, Move, MoveKind, Plan, Policy, Subject};
use crate::report::i18n::{self, say, Lang};
use crate::rules::{self, Rule};
use std::collections::BTreeMap;

/// A breach of rule C022 when `m`, an extension, keeps a teacher at a school the policy and
/// the record do not allow.
pub(super) fn extension(county: &County, policy: &Policy, m: &Move) -> Option<Breach> {
    let why = rules::extension_problem(county, m.teacher, m.to, policy)?;
    let (id, to) = (&county.teachers[m.teacher].id, &county.schools[m.to].id);
    Some(Breach::new(
        Rule::Extension,
        1.0,
        say(
            format!("teacher {id} cannot be kept at {to} for another year: {why}"),
            format!("教师 {id} 不能在 {to} 延长交流一年：{why}"),
        ),
    ))
}

/// Rule C021: per school and subject, the teachers due to rotate this year whom the plan
/// does not exchange.
pub(super) fn rotation_due(county: &County, policy: &Policy, plan: &Plan, out: &mut Vec<Breach>) {
    let due = rules::due_teachers(county, policy);
    if due.is_empty() {
        return;
    }
    let sent: std::collections::BTreeSet<usize> =
        plan.moves.iter().filter(|m| m.kind == MoveKind::Exchange).map(|m| m.teacher).collect();
    let mut missed: BTreeMap<(usize, Subject), Vec<&str>> = BTreeMap::new();
    for &t in due.iter().filter(|t| !sent.contains(t)) {
        let teacher = &county.teachers[t];
        missed.entry((teacher.school, teacher.subject)).or_default().push(&teacher.id);
    }
    let k = policy.cycle.rotate_within_years;
    for ((s, subject), ids) in missed {
        let (school, n, list) = (&county.schools[s].id, ids.len(), ids.join(", "));
        let zh = i18n::subject(Lang::Zh, subject);
        let mut b = Breach::new(
            Rule::RotationDue,
            n as f64,
            say(
                format!(
                    "{n} {subject} teacher(s) of {school} due to rotate within {k} years are not exchanged: {list}"
                ),
                format!("{school} 的 {n} 名{zh}教师已到 {k} 年内须轮岗的期限，方案未交流：{list}"),
            ),
        );
        b = b.at(s).subject(subject);
        out.push(b);
    }
}
