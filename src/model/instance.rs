//! The data of one model, computed once from the county and policy: who may go where,
//! what each school needs and has, and the constants of every rule.

use super::arrivals;
use crate::domain::{County, MoveKind, Plan, Policy, Stage, Subject, Term};
use crate::rules;
use crate::staffing::{self, SubjectPosts};
use std::collections::BTreeMap;

pub use crate::rules::{carries, INDICATORS};

/// How teachers become decision units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Formulation {
    /// Teachers of one school who are interchangeable for every rule (subject, indicator
    /// flags, backbone flag) form one class; the model decides how many go where and the
    /// individuals are named afterwards (longest tenure first).
    #[default]
    Aggregated,
    /// One binary per (teacher, school): the textbook model, kept as the reference that proves optimality when the pay relaxation is not tight.
    Plain,
}

/// A group of eligible teachers of one school that every rule treats alike.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub school: usize,
    /// Teacher indices in naming order: longest tenure first, then id.
    pub members: Vec<usize>,
    pub subject: Subject,
    /// What each member adds to the three teacher indicators at a school of its stage.
    pub carried: [f64; 3],
    /// Members count for the backbone share.
    pub backbone: bool,
    /// Lowest and highest monthly pay among the members.
    pub pay_min: f64,
    pub pay_max: f64,
    /// Members due to rotate this year (rule C021): a unit is all due or none.
    pub due: bool,
    /// `Exchange`, or `Extension` for a teacher whose ended term the plan may extend at its
    /// host (a unit of their own, outside the exchange quota's pool; rule C022).
    pub kind: MoveKind,
    /// For a **child**, the unit whose member it is: one member of a unit whose pay differs,
    /// with exact arrival columns at the exact-pay schools of a refinement
    /// ([`Instance::refined`]); the member moves once, by the parent's count or by the
    /// child's own columns.
    pub parent: Option<usize>,
}

/// New hires that every rule treats alike: same subject, degree and base pay.
#[derive(Debug, Clone, PartialEq)]
pub struct HireUnit {
    /// Hire indices in naming order (file order).
    pub members: Vec<usize>,
    /// The school a `place` lock promises the (only) member to.
    pub promised: Option<usize>,
    pub subject: Subject,
    pub degree: crate::domain::Degree,
    pub base_pay: f64,
}

/// One allowed exchange: members of a unit to a receiving school.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub unit: usize,
    pub to: usize,
    /// Distance, 0 when unknown (then the cap does not apply either).
    pub km: f64,
}

/// Everything the model needs, precomputed in county order (deterministic).
pub struct Instance<'a> {
    pub county: &'a County,
    pub policy: &'a Policy,
    /// Posts needed per school and subject.
    pub demand: Vec<SubjectPosts>,
    /// Teachers present per school and subject before the plan.
    pub base: Vec<SubjectPosts>,
    /// Teachers present per school before the plan.
    pub staff_before: Vec<u32>,
    /// Posts counted per school for the staff quota before the plan: the teachers present,
    /// but a teacher away on a term where `[cycle] post_at` says ([`crate::domain::post_school`]).
    pub posts_before: Vec<u32>,
    /// Staff quota per school.
    pub quota: Vec<u32>,
    /// Eligible teachers (all at sending schools), in teacher order.
    pub eligible: Vec<usize>,
    /// Eligible teachers due to rotate this year (`[cycle] rotate_within_years`), in
    /// teacher order.
    pub due: Vec<usize>,
    /// Teachers whose ended term the plan may extend, and its host (`[cycle] extend_terms`).
    pub extensions: BTreeMap<usize, usize>,
    pub formulation: Formulation,
    /// Decision units of eligible teachers, in order of their first member; then the
    /// extension units, in teacher order; then the children ([`Unit::parent`]), parent by
    /// parent, members in naming order.
    pub units: Vec<Unit>,
    /// Allowed exchanges, unit-major, destinations ascending.
    pub pairs: Vec<Pair>,
    pub hire_units: Vec<HireUnit>,
    /// Reference county mean pay (before the plan).
    pub ref_pay: f64,
    /// Monthly pay sum per school before the plan.
    pub pay_before: Vec<f64>,
    /// Indicator counts per school before the plan, per [`INDICATORS`].
    pub indicator_before: Vec<[f64; 3]>,
    /// Schools counted in the CV of each stage (students > 0, not a small teaching point).
    pub cv_schools: Vec<(Stage, Vec<usize>)>,
    /// The rows of the bureau's start plan the model can keep (`plan --start`); the
    /// `changes` term counts the rows the plan adds to or removes from them.
    pub start: Option<StartRows>,
}

/// The kept rows of a start plan, by person: looked up by the model's units, the
/// `changes` term, the start's columns and the naming of hires.
#[derive(Debug, Clone, Default)]
pub struct StartRows {
    /// Teacher to the school the start sends them to.
    pub sent_to: BTreeMap<usize, usize>,
    /// Hire to the school the start places them at.
    pub placed_at: BTreeMap<usize, usize>,
}

impl StartRows {
    fn of(plan: &Plan) -> Self {
        StartRows {
            sent_to: plan.moves.iter().map(|m| (m.teacher, m.to)).collect(),
            placed_at: plan.placements.iter().map(|p| (p.hire, p.school)).collect(),
        }
    }
}

impl<'a> Instance<'a> {
    pub fn new(county: &'a County, policy: &'a Policy, formulation: Formulation) -> Self {
        Self::refined(county, policy, formulation, &[], None)
    }

    /// Like [`Instance::new`], but with the pay rows of `exact_pay_schools` exact: the
    /// teachers there are units of their own (their departures are exact), and a unit
    /// whose members differ in pay (`pay_max > pay_min`) has no pair to such a school `x`:
    /// each member `t` gets a child unit `{t}` ([`Unit::parent`]) with a binary column per
    /// exact-pay school it may go to, at `t`'s own pay, and the unit keeps its pairs to
    /// every other school (`src/model/arrivals.rs`). The model then grows by the members
    /// of the pay-diverse units that can reach those schools, not by the county. With the
    /// kept rows of a `start` plan, its moved teachers are units of their own too (so that
    /// the plan names the very teachers the start moved).
    pub fn refined(
        county: &'a County,
        policy: &'a Policy,
        formulation: Formulation,
        exact_pay_schools: &[usize],
        start: Option<&'a Plan>,
    ) -> Self {
        let n = county.schools.len();
        let demand = staffing::subject_demand(county, policy);
        let base = staffing::present_by_subject(n, county.teachers.iter().map(|t| (t.school, t.subject)));
        let staff_before = base.iter().map(|p| p.iter().sum()).collect();
        let posts_before = crate::domain::cycle::posts_by_school(county, policy);
        let quota = county.schools.iter().map(|s| staffing::staff_quota(s, policy)).collect();
        let eligible: Vec<usize> =
            (0..county.teachers.len()).filter(|&t| rules::is_eligible(county, &county.teachers[t], policy)).collect();
        let locks = rules::TeacherLocks::of(county);
        // A teacher locked to stay is eligible (counted in the quota's pool) but no unit.
        let movable: Vec<usize> = eligible.iter().copied().filter(|&t| !locks.stays(t)).collect();
        let start = start.map(StartRows::of);
        let alone = |t: usize| {
            locks.any(t)
                || start.as_ref().is_some_and(|s| s.sent_to.contains_key(&t))
                || exact_pay_schools.contains(&county.teachers[t].school)
        };
        let due = rules::due_teachers(county, policy);
        let mut units =
            teacher_units(county, policy, &movable, formulation, &|t| due.binary_search(&t).is_ok(), &alone);
        let extensions = extension_units(county, policy, &locks, &mut units);
        let destinations: Vec<Vec<usize>> =
            units.iter().map(|unit| destinations(county, policy, &locks, &extensions, unit)).collect();
        let pairs = arrivals::pairs_with_exact_arrivals(county, &mut units, &destinations, exact_pay_schools);
        let hire_units = hire_units(county, policy, formulation);
        let mut pay_before = vec![0.0; n];
        let mut indicator_before = vec![[0.0; 3]; n];
        for t in &county.teachers {
            pay_before[t.school] += t.monthly_pay;
            let stage = county.schools[t.school].stage;
            let carried = carries(stage, t.degree, t.backbone, t.subject);
            for j in 0..3 {
                indicator_before[t.school][j] += carried[j];
            }
        }
        let cv_schools = Stage::ALL
            .iter()
            .map(|&g| {
                let schools = (0..n)
                    .filter(|&s| county.schools[s].stage == g && rules::in_cv(&county.schools[s], policy))
                    .collect();
                (g, schools)
            })
            .collect();
        Instance {
            county,
            policy,
            demand,
            base,
            staff_before,
            posts_before,
            quota,
            eligible,
            due,
            extensions,
            formulation,
            units,
            pairs,
            hire_units,
            ref_pay: rules::reference_pay(county),
            pay_before,
            indicator_before,
            cv_schools,
            start,
        }
    }

    /// The terms minimised, in order (`changes` only with a start plan).
    pub fn stages(&self) -> Vec<Term> {
        self.policy.objective.stages(self.start.is_some())
    }

    /// Staff ceiling of a school: its quota plus tolerance, or its posts before the plan if
    /// more (a school already over quota may not grow, but is not forced to shrink).
    pub fn staff_ceiling(&self, school: usize) -> u32 {
        crate::rules::staff_ceiling(self.quota[school], self.posts_before[school], self.policy)
    }

    /// Head count a school may still gain before its staff ceiling.
    pub fn staff_room(&self, school: usize) -> i64 {
        self.staff_ceiling(school) as i64 - self.posts_before[school] as i64
    }

    /// Priority weight of one unfilled post at a school.
    pub fn priority(&self, school: usize) -> f64 {
        let s = &self.county.schools[school];
        self.policy.priority_weight(s.locale, s.weak)
    }

    /// Monthly allowance an exchanged teacher or hire receives at a school.
    pub fn allowance(&self, school: usize) -> f64 {
        let s = &self.county.schools[school];
        self.policy.allowance(s.locale, s.weak)
    }

    /// The children of each unit ([`Unit::parent`]), by unit: empty for most.
    pub fn children(&self) -> Vec<Vec<usize>> {
        let mut children = vec![Vec::new(); self.units.len()];
        for (c, unit) in self.units.iter().enumerate() {
            if let Some(u) = unit.parent {
                children[u].push(c);
            }
        }
        children
    }

    /// Eligible teachers of each sending school (for the school-scope quota).
    pub fn eligible_by_school(&self) -> Vec<Vec<usize>> {
        let mut by = vec![Vec::new(); self.county.schools.len()];
        for &t in &self.eligible {
            by[self.county.teachers[t].school].push(t);
        }
        by
    }

    /// Demand of a school for a subject.
    pub fn demand_of(&self, school: usize, subject: Subject) -> u32 {
        self.demand[school][subject.index()]
    }
}

/// Groups eligible teachers into decision units (see [`Formulation`]); teachers due to
/// rotate (`due`) never share a unit with others.
fn teacher_units(
    county: &County,
    policy: &Policy,
    eligible: &[usize],
    formulation: Formulation,
    due: &dyn Fn(usize) -> bool,
    alone: &dyn Fn(usize) -> bool,
) -> Vec<Unit> {
    type Key = (usize, usize, [u8; 3], bool, bool);
    let mut units: Vec<Unit> = Vec::new();
    let mut index: BTreeMap<Key, usize> = Default::default();
    for &t in eligible {
        let teacher = &county.teachers[t];
        let stage = county.schools[teacher.school].stage;
        let carried = carries(stage, teacher.degree, teacher.backbone, teacher.subject);
        let backbone = rules::counts_as_backbone(teacher, policy);
        let key = (teacher.school, teacher.subject.index(), carried.map(|c| c as u8), backbone, due(t));
        let found = match formulation {
            Formulation::Aggregated if !alone(t) => index.get(&key).copied(),
            _ => None,
        };
        match found {
            Some(u) => {
                let unit = &mut units[u];
                unit.members.push(t);
                unit.pay_min = unit.pay_min.min(teacher.monthly_pay);
                unit.pay_max = unit.pay_max.max(teacher.monthly_pay);
            }
            None => {
                if formulation == Formulation::Aggregated && !alone(t) {
                    index.insert(key, units.len());
                }
                units.push(Unit {
                    school: teacher.school,
                    members: vec![t],
                    subject: teacher.subject,
                    carried,
                    backbone,
                    pay_min: teacher.monthly_pay,
                    pay_max: teacher.monthly_pay,
                    due: due(t),
                    kind: MoveKind::Exchange,
                    parent: None,
                });
            }
        }
    }
    for unit in &mut units {
        // Naming order (documented): teachers seeking a senior title first, then those never
        // exchanged, then longest tenure, then id.
        unit.members.sort_by(|&a, &b| {
            let (ta, tb) = (&county.teachers[a], &county.teachers[b]);
            let first = |t: &crate::domain::Teacher| (!t.cycle.seeks_promotion, t.cycle.rotated);
            first(ta)
                .cmp(&first(tb))
                .then_with(|| tb.years_at_school.cmp(&ta.years_at_school))
                .then_with(|| ta.id.cmp(&tb.id))
        });
    }
    units
}

/// The teachers whose ended term the plan may extend (`[cycle] extend_terms`; not locked
/// to stay), each with the host, added to `units` as units of their own of kind extension.
fn extension_units(
    county: &County,
    policy: &Policy,
    locks: &rules::TeacherLocks,
    units: &mut Vec<Unit>,
) -> BTreeMap<usize, usize> {
    let extensions: BTreeMap<usize, usize> = (0..county.teachers.len())
        .filter(|&t| !locks.stays(t))
        .filter_map(|t| rules::extension_host(county, t, policy).map(|host| (t, host)))
        .collect();
    for &t in extensions.keys() {
        let mut unit = teacher_units(county, policy, &[t], Formulation::Plain, &|_| false, &|_| true).remove(0);
        unit.kind = MoveKind::Extension;
        units.push(unit);
    }
    extensions
}

/// The schools a unit's members may be sent to, ascending: allowed for its school
/// ([`rules::destination_problem`]), no member locked out, and an extension's host only.
fn destinations(
    county: &County,
    policy: &Policy,
    locks: &rules::TeacherLocks,
    extensions: &BTreeMap<usize, usize>,
    unit: &Unit,
) -> Vec<usize> {
    let host = (unit.kind == MoveKind::Extension).then(|| extensions[&unit.members[0]]);
    (0..county.schools.len())
        .filter(|&to| host.is_none_or(|h| h == to))
        .filter(|&to| unit.members.iter().all(|&t| locks.may_go_to(t, to)))
        .filter(|&to| rules::destination_problem(county, unit.school, to, policy).is_none())
        .collect()
}

/// Groups new hires with the same subject, degree and base pay (interchangeable).
fn hire_units(county: &County, policy: &Policy, formulation: Formulation) -> Vec<HireUnit> {
    let mut units: Vec<HireUnit> = Vec::new();
    for (i, h) in county.new_hires.iter().enumerate() {
        let base_pay = h.monthly_pay.unwrap_or(policy.pay.new_hire_monthly_pay);
        let promised = rules::promised_school(county, i);
        let same = |u: &HireUnit| {
            promised.is_none()
                && u.promised.is_none()
                && (u.subject, u.degree, u.base_pay) == (h.subject, h.degree, base_pay)
        };
        match units.iter_mut().find(|u| formulation == Formulation::Aggregated && same(u)) {
            Some(u) => u.members.push(i),
            None => units.push(HireUnit { members: vec![i], promised, subject: h.subject, degree: h.degree, base_pay }),
        }
    }
    units
}
