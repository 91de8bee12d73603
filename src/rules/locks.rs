//! The bureau's locks (rule C018) as questions the model, the checker and the pre-solve
//! check share: who must stay, who must go and where, where a hire is promised.

use super::{destination_problem, ineligibility, sender_keeps};
use crate::domain::{County, Lock, LockWord, Locked, Plan, Policy, Subject};
use crate::findings::{quoted, Text};
use crate::report::i18n::say;
use std::collections::BTreeMap;

/// The locks of each teacher.
pub struct TeacherLocks {
    by_teacher: BTreeMap<usize, Vec<Lock>>,
}

impl TeacherLocks {
    pub fn of(county: &County) -> Self {
        let mut by_teacher: BTreeMap<usize, Vec<Lock>> = BTreeMap::new();
        for l in &county.locks {
            if let Some(t) = l.teacher() {
                by_teacher.entry(t).or_default().push(*l);
            }
        }
        TeacherLocks { by_teacher }
    }

    fn of_teacher(&self, t: usize) -> &[Lock] {
        self.by_teacher.get(&t).map_or(&[], Vec::as_slice)
    }

    /// Any lock on the teacher (a unit of their own in the model).
    pub fn any(&self, t: usize) -> bool {
        self.by_teacher.contains_key(&t)
    }

    pub fn stays(&self, t: usize) -> bool {
        self.of_teacher(t).iter().any(|l| l.word == LockWord::Stay)
    }

    pub fn must_go(&self, t: usize) -> bool {
        self.of_teacher(t).iter().any(|l| l.word == LockWord::Go)
    }

    /// Whether the locks allow teacher `t` to be exchanged to `to`.
    pub fn may_go_to(&self, t: usize, to: usize) -> bool {
        self.of_teacher(t).iter().all(|l| match l.word {
            LockWord::Stay => false,
            LockWord::Go => l.school.is_none_or(|s| s == to),
            LockWord::NotTo => l.school != Some(to),
            LockWord::Place => true,
        })
    }
}

/// The school a `place` lock promises new hire `h` to.
pub fn promised_school(county: &County, h: usize) -> Option<usize> {
    county.locks.iter().find(|l| l.who == Locked::Hire(h) && l.word == LockWord::Place).and_then(|l| l.school)
}

/// Whether `plan` keeps `lock`, and if not, the checker's words.
pub fn lock_broken(county: &County, plan: &Plan, lock: &Lock) -> Option<String> {
    let school_id = |s: Option<usize>| s.map_or("-".to_string(), |s| county.schools[s].id.clone());
    match lock.who {
        Locked::Teacher(t) => {
            let id = &county.teachers[t].id;
            let to = plan.moves.iter().find(|m| m.teacher == t).map(|m| m.to);
            match (lock.word, to) {
                (LockWord::Stay, Some(to)) => {
                    let to = school_id(Some(to));
                    Some(say(
                        format!("teacher {id} is locked to stay but goes to {to}"),
                        format!("教师 {id} 锁定留任，却被交流到 {to}"),
                    ))
                }
                (LockWord::Go, None) => Some(say(
                    format!("teacher {id} is locked to go but stays"),
                    format!("教师 {id} 锁定交流，却留在原校"),
                )),
                (LockWord::Go, Some(to)) if lock.school.is_some_and(|s| s != to) => {
                    let (locked, to) = (school_id(lock.school), school_id(Some(to)));
                    Some(say(
                        format!("teacher {id} is locked to go to {locked} but goes to {to}"),
                        format!("教师 {id} 锁定交流到 {locked}，却被交流到 {to}"),
                    ))
                }
                (LockWord::NotTo, Some(to)) if lock.school == Some(to) => {
                    let to = school_id(Some(to));
                    Some(say(
                        format!("teacher {id} is locked never to go to {to} but goes there"),
                        format!("教师 {id} 锁定不去 {to}，却被交流到该校"),
                    ))
                }
                _ => None,
            }
        }
        Locked::Hire(h) => {
            let at = plan.placements.iter().find(|p| p.hire == h).map(|p| p.school);
            (at != lock.school).then(|| {
                let (id, promised, at) = (&county.new_hires[h].id, school_id(lock.school), school_id(at));
                say(
                    format!("new hire {id} is promised to {promised} but placed at {at}"),
                    format!("新教师 {id} 已承诺分配到 {promised}，却被分配到 {at}"),
                )
            })
        }
    }
}

/// Locks that cannot hold under the policy, each as the index of the lock in
/// `County::locks` and its message (E125), found before any solve: a teacher locked to go who is not due to exchange, who
/// is locked to a school they may not go to, or who has nowhere to go; locks that send
/// every teacher of a subject away from a sending school.
pub fn lock_conflicts(county: &County, policy: &Policy) -> Vec<(usize, Text)> {
    let locks = TeacherLocks::of(county);
    let mut out = Vec::new();
    // The first go lock of each sending school and subject, to place a conflict of them.
    let mut leaving: BTreeMap<(usize, Subject), (usize, usize)> = BTreeMap::new();
    for (i, l) in county.locks.iter().enumerate().filter(|(_, l)| l.word == LockWord::Go) {
        let Some(t) = l.teacher() else { continue };
        let teacher = &county.teachers[t];
        let v = quoted(&teacher.id);
        if let Some(why) = ineligibility(county, teacher, policy) {
            out.push((i, Text::new("E125.ineligible").arg("v", v).arg("why", why)));
            continue;
        }
        if let Some(s) = l.school {
            if let Some(why) = destination_problem(county, teacher.school, s, policy) {
                let text = Text::new("E125.destination").arg("v", v).arg("school", &county.schools[s].id);
                out.push((i, text.arg("why", why)));
                continue;
            }
        }
        let reachable = (0..county.schools.len())
            .any(|to| locks.may_go_to(t, to) && destination_problem(county, teacher.school, to, policy).is_none());
        if !reachable {
            out.push((i, Text::new("E125.nowhere").arg("v", v).arg("km", policy.exchange.max_distance_km)));
            continue;
        }
        leaving.entry((teacher.school, teacher.subject)).or_insert((i, 0)).1 += 1;
    }
    for ((s, k), (first, n)) in leaving {
        let here = county.teachers.iter().filter(|t| t.school == s && t.subject == k).count();
        if n >= here && sender_keeps(&county.schools[s], here as u32) {
            let text = Text::new("E125.sender")
                .arg("n", n)
                .both("subject", k.name(), k.chinese())
                .arg("school", &county.schools[s].id);
            out.push((first, text));
        }
    }
    out
}
