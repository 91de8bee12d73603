//! Builds the mixed integer linear program: variables, constraint families, objective
//! terms (those with rows of their own in `build/terms.rs`). The maths is in
//! `docs/model.md`; each family below names the policy it encodes.

use super::instance::{carries, Instance};
use crate::domain::{MoveKind, QuotaScope, Stage, Subject, Term};
use crate::rules::{self, Rule};
use good_lp::{constraint, variable, Constraint, Expression, ProblemVariables, Variable};
use std::ops::Range;
use terms::{balance_term, changes_term, shortage_term};

mod terms;

/// A model variable and its column in the solver (columns follow creation order).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Col {
    pub var: Variable,
    pub col: usize,
}

/// A policy rule that may be broken at a cost (elastic slack), and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Slack {
    pub rule: Rule,
    pub school: Option<usize>,
    pub subject: Option<Subject>,
    /// Stage and teacher indicator, for the balance rule.
    pub indicator: Option<(Stage, usize)>,
    pub col: Col,
}

/// All variables, the constraints over them and the objective terms.
pub struct Model {
    pub vars: ProblemVariables,
    /// Every variable in column order.
    columns: Vec<Variable>,
    n_cols: usize,
    /// Exchange decision per allowed pair (parallel to `Instance::pairs`).
    pub exchange: Vec<Col>,
    /// Placement decision per (hire unit, school), unit-major.
    pub placement: Vec<(usize, usize, Col)>,
    /// Members of each unit exchanged, as an expression.
    pub leaving: Vec<Expression>,
    pub slacks: Vec<Slack>,
    /// One entry per school and indicator of the balance term, for the balance stage's
    /// count formulation (`crate::solve`, docs/model.md).
    pub balance: Vec<BalanceEntry>,
    pub constraints: Vec<Constraint>,
    /// Each objective term as a linear expression (constants included).
    pub terms: Vec<(Term, Expression)>,
    /// Exchanges the exchange quota's rows ask for in all (the county's need, or the sum
    /// of the schools'). Each is a move unless its row's slack, counted in `violations`,
    /// makes up for it, so `moves >= exchanges_asked - violations` (the moves stage's
    /// bound without a solve, `crate::solve`).
    pub exchanges_asked: f64,
}

impl Model {
    fn add(&mut self, def: good_lp::VariableDefinition) -> Col {
        let var = self.vars.add(def);
        self.columns.push(var);
        self.n_cols += 1;
        Col { var, col: self.n_cols - 1 }
    }

    fn slack(&mut self, rule: Rule, school: Option<usize>, subject: Option<Subject>) -> Col {
        debug_assert!(rule.is_elastic(), "{rule} has no slack: it is a hard rule");
        let col = self.add(variable().min(0.0));
        self.slacks.push(Slack { rule, school, subject, indicator: None, col });
        col
    }

    fn indicator_slack(&mut self, stage: Stage, indicator: usize) -> Col {
        let col = self.slack(Rule::IndicatorBalance, None, None);
        self.slacks.last_mut().expect("just added").indicator = Some((stage, indicator));
        col
    }

    /// Every variable, in column order.
    pub fn column_vars(&self) -> Vec<Variable> {
        self.columns.clone()
    }

    pub fn n_cols(&self) -> usize {
        self.n_cols
    }

    pub fn term(&self, term: Term) -> &Expression {
        &self.terms.iter().find(|(t, _)| *t == term).expect("every term is built").1
    }
}

/// A school's deviation from the county value of one indicator:
/// `per_student * (before + change) - mean = up - down`, weighing `weight` in the balance
/// term.
#[derive(Debug, Clone)]
pub struct BalanceEntry {
    /// Teachers counted before the plan.
    pub before: f64,
    /// The change the plan makes to the count, when it can make one.
    pub change: Option<Expression>,
    /// 100 / students: from a count to a value per 100 students.
    pub per_student: f64,
    pub mean: Col,
    pub weight: f64,
    pub up: Col,
    pub down: Col,
}

/// Per-school linear changes caused by the plan (sums over decisions).
struct Deltas {
    /// Teachers present per school and subject: in - out + hires.
    subject: Vec<Vec<Expression>>,
    total: Vec<Expression>,
    /// Least and most the school's monthly pay sum can change by: equal where the pay of
    /// those who move is known, else each pay rule reads the bound that favours it.
    pay_least: Vec<Expression>,
    pay_most: Vec<Expression>,
    indicator: Vec<[Expression; 3]>,
    /// Whether the plan can change the indicator count (some decision carries it there).
    indicator_changes: Vec<[bool; 3]>,
    /// Whether anything can change at the school (else its rows are constants).
    touched: Vec<bool>,
}

/// Builds the model of an instance.
pub fn build(inst: &Instance<'_>) -> Model {
    let county = inst.county;
    let n = county.schools.len();
    let mut m = Model {
        vars: ProblemVariables::new(),
        columns: Vec::new(),
        n_cols: 0,
        exchange: Vec::with_capacity(inst.pairs.len()),
        placement: Vec::new(),
        leaving: Vec::new(),
        slacks: Vec::new(),
        balance: Vec::new(),
        constraints: Vec::new(),
        terms: Vec::new(),
        exchanges_asked: 0.0,
    };
    let mut d = Deltas {
        subject: vec![vec![Expression::default(); Subject::COUNT]; n],
        total: vec![Expression::default(); n],
        pay_least: vec![Expression::default(); n],
        pay_most: vec![Expression::default(); n],
        indicator: vec![Default::default(); n],
        indicator_changes: vec![[false; 3]; n],
        touched: vec![false; n],
    };
    // Pairs come grouped by unit (`Instance`); each unit's range of them, computed once.
    let ranges = unit_ranges(inst);
    exchange_decisions(inst, &mut m, &mut d, &ranges);
    hire_decisions(inst, &mut m, &mut d);
    exchange_quota(inst, &mut m);
    rotation_due(inst, &mut m);
    locks(inst, &mut m);
    staffing_rules(inst, &mut m, &d);
    equal_pay(inst, &mut m, &d, &ranges);
    let shortage = shortage_term(inst, &mut m, &d);
    let balance = balance_term(inst, &mut m, &d);
    let violations: Expression = m.slacks.iter().map(|s| s.col.var).sum();
    let moves: Expression = m.leaving.iter().cloned().sum();
    let mut distance = Expression::with_capacity(inst.units.len());
    for range in &ranges {
        distance += unit_total(&mut m, range.clone(), |p| inst.pairs[p].km, None);
    }
    let changes = changes_term(inst, &mut m, &ranges);
    m.terms = vec![
        (Term::Violations, violations),
        (Term::Shortage, shortage),
        (Term::Balance, balance),
        (Term::Moves, moves),
        (Term::Distance, distance),
        (Term::Changes, changes),
    ];
    m
}

/// y[u,s] in 0..=|u| (binary for a single teacher): members of unit u exchanged to s. A
/// teacher moves at most once: sum_s y[u,s] <= |u| (the bound of the unit's count column,
/// with [`members_move_once`] for a unit with children). Eligibility, stage, site and distance
/// are already in the pair list (2014 opinion, local distance caps). Pay enters exactly when
/// the unit's members earn the same; otherwise each side of the pay band reads the members'
/// pay bound that favours it (a relaxation without extra rows or columns, verified after
/// naming: see `planner`).
fn exchange_decisions(inst: &Instance<'_>, m: &mut Model, d: &mut Deltas, ranges: &[Range<usize>]) {
    m.leaving = vec![Expression::default(); inst.units.len()];
    for range in ranges {
        let u = inst.pairs[range.start].unit;
        let unit = &inst.units[u];
        let size = unit.members.len() as f64;
        let from = unit.school;
        let k = unit.subject.index();
        let mut once = Expression::default();
        for pair in &inst.pairs[range.clone()] {
            let to = pair.to;
            let y = count(m, size);
            m.exchange.push(y);
            once.add_mul(1.0, y.var);
            d.subject[to][k].add_mul(1.0, y.var);
            d.total[to].add_mul(1.0, y.var);
            let allowance = inst.allowance(to);
            d.pay_least[to].add_mul(unit.pay_min + allowance, y.var);
            d.pay_most[to].add_mul(unit.pay_max + allowance, y.var);
            for (j, &c) in unit.carried.iter().enumerate() {
                if c > 0.0 {
                    d.indicator[to][j].add_mul(c, y.var);
                    d.indicator_changes[to][j] = true;
                }
            }
            d.touched[to] = true;
        }
        // With one destination the variable's bound already says it. The county-wide rows
        // read the members leaving through a column of the unit (`unit_total`); the sending
        // school's rows keep the sum, which was measured faster than reading the column.
        let out = once;
        m.leaving[u] = unit_total(m, range.clone(), |_| 1.0, Some(size));
        d.subject[from][k] -= out.clone();
        d.total[from] -= out.clone();
        d.pay_least[from] -= unit.pay_max * out.clone();
        d.pay_most[from] -= unit.pay_min * out.clone();
        for (j, &c) in unit.carried.iter().enumerate() {
            if c > 0.0 {
                d.indicator[from][j] -= c * out.clone();
                d.indicator_changes[from][j] = true;
            }
        }
        d.touched[from] = true;
    }
    members_move_once(inst, m);
}

/// A member of a unit with children ([`super::Unit::parent`]) moves once, by the unit's
/// count or by their own child's columns: `sum_s y[u,s] + sum_{c child of u} sum_s y[c,s]
/// <= |u|`. Each child's own `sum_s y[c,s] <= 1` is the bound of its count column.
fn members_move_once(inst: &Instance<'_>, m: &mut Model) {
    for (u, children) in inst.children().iter().enumerate().filter(|(_, c)| !c.is_empty()) {
        let mut sent = m.leaving[u].clone();
        for &c in children {
            sent += m.leaving[c].clone();
        }
        let size = inst.units[u].members.len() as f64;
        m.constraints.push(constraint!(sent <= size));
    }
}

/// `sum_s w[u,s] y[u,s]` over the pairs `range` of one unit, for the county-wide rows
/// (exchange quota, backbone share, allowance budget, and the moves or distance bound of a
/// later stage). With more than one destination it is a column of its own, tied to the
/// pairs by one equation (an integer count in 0..=max when `max` is given): HiGHS derives
/// implications between every binary and every general integer of a row, quadratic in the
/// row's length, and with those rows over all 84,000 pairs a 200-school county's presolve
/// took 22 s against 8 s with these columns (docs/performance.md). A unit's pairs are all
/// binary or all integer, so its own equation costs nothing of the kind.
fn unit_total(
    m: &mut Model,
    range: std::ops::Range<usize>,
    weight: impl Fn(usize) -> f64,
    max: Option<f64>,
) -> Expression {
    let mut sum = Expression::default();
    let mut terms = 0;
    for p in range {
        let w = weight(p);
        if w != 0.0 {
            sum.add_mul(w, m.exchange[p].var);
            terms += 1;
        }
    }
    if terms <= 1 {
        return sum;
    }
    // A count stays integer, so that HiGHS still sees the moves term as integral and
    // rounds its bound up.
    let total = m.add(match max {
        Some(max) => variable().integer().min(0.0).max(max),
        None => variable().min(0.0),
    });
    m.constraints.push(constraint!(sum - total.var == 0.0));
    Expression::from(total.var)
}

/// The first pair of each unit, and one past its last (pairs are grouped by unit).
fn unit_ranges(inst: &Instance<'_>) -> Vec<Range<usize>> {
    let mut ranges = Vec::with_capacity(inst.units.len());
    let mut i = 0;
    while i < inst.pairs.len() {
        let first = i;
        while i < inst.pairs.len() && inst.pairs[i].unit == inst.pairs[first].unit {
            i += 1;
        }
        ranges.push(first..i);
    }
    ranges
}

/// An integer count in 0..=size (binary for one).
fn count(m: &mut Model, size: f64) -> Col {
    if size == 1.0 {
        m.add(variable().binary())
    } else {
        m.add(variable().integer().min(0.0).max(size))
    }
}

/// g[v,s] in 0..=|v|: members of hire unit v placed at s; every hire is placed exactly once:
/// sum_s g[v,s] = |v|.
fn hire_decisions(inst: &Instance<'_>, m: &mut Model, d: &mut Deltas) {
    let county = inst.county;
    for (v, unit) in inst.hire_units.iter().enumerate() {
        let size = unit.members.len() as f64;
        let mut once = Expression::default();
        for (s, school) in county.schools.iter().enumerate() {
            // A hire promised to a school by a `place` lock (rule C018) can go nowhere else.
            if unit.promised.is_some_and(|p| p != s) {
                continue;
            }
            let g = count(m, size);
            m.placement.push((v, s, g));
            once.add_mul(1.0, g.var);
            d.subject[s][unit.subject.index()].add_mul(1.0, g.var);
            d.total[s].add_mul(1.0, g.var);
            d.pay_least[s].add_mul(unit.base_pay + inst.allowance(s), g.var);
            d.pay_most[s].add_mul(unit.base_pay + inst.allowance(s), g.var);
            let carried = carries(school.stage, unit.degree, crate::domain::Backbone::None, unit.subject);
            for (j, &c) in carried.iter().enumerate() {
                if c > 0.0 {
                    d.indicator[s][j].add_mul(c, g.var);
                    d.indicator_changes[s][j] = true;
                }
            }
            d.touched[s] = true;
        }
        m.constraints.push(constraint!(once == size));
    }
}

/// At least `share` of the eligible teachers of sending schools are exchanged (county- or
/// school-wide), and backbone teachers are at least `backbone_share` of those exchanged
/// (2014 opinion: 10% and 20%).
fn exchange_quota(inst: &Instance<'_>, m: &mut Model) {
    let policy = inst.policy;
    let county = inst.county;
    let mut out_of: Vec<Expression> = vec![Expression::default(); county.schools.len()];
    let mut all = Expression::with_capacity(inst.units.len());
    let mut backbone = Expression::default();
    // Extensions keep a teacher of last year's pool at the host; they are no new exchange.
    for (unit, out) in inst.units.iter().zip(&m.leaving).filter(|(u, _)| u.kind == MoveKind::Exchange) {
        out_of[unit.school] += out.clone();
        all += out.clone();
        if unit.backbone {
            backbone += out.clone();
        }
    }
    match policy.exchange.scope {
        QuotaScope::County => {
            let need = rules::quota_needed(inst.eligible.len(), policy) as f64;
            if need > 0.0 {
                let s = m.slack(Rule::ExchangeQuota, None, None);
                m.constraints.push(constraint!(all.clone() + s.var >= need));
                m.exchanges_asked += need;
            }
        }
        QuotaScope::School => {
            for (school, eligible) in inst.eligible_by_school().iter().enumerate() {
                let need = rules::quota_needed(eligible.len(), policy) as f64;
                if need > 0.0 {
                    let s = m.slack(Rule::ExchangeQuota, Some(school), None);
                    m.constraints.push(constraint!(out_of[school].clone() + s.var >= need));
                    m.exchanges_asked += need;
                }
            }
        }
    }
    if policy.exchange.backbone_share > 0.0 {
        let s = m.slack(Rule::BackboneShare, None, None);
        let share = policy.exchange.backbone_share;
        m.constraints.push(constraint!(backbone + s.var - share * all >= 0.0));
    }
}

/// Everyone eligible rotates within K years (`[cycle] rotate_within_years`, rule C021):
/// the teachers due this year are exchanged. Due teachers form units of their own kind
/// (`Instance`), so per school `s` and subject `k`, with `N_sk` teachers due there,
/// `sum_{u due at s, k} leaving_u + slack_sk >= N_sk` (a due unit's children are due
/// units too, each sending its own member); a due teacher locked to stay or with no
/// destination has no unit and is left to the slack.
fn rotation_due(inst: &Instance<'_>, m: &mut Model) {
    let mut need: std::collections::BTreeMap<(usize, Subject), f64> = Default::default();
    for &t in &inst.due {
        let teacher = &inst.county.teachers[t];
        *need.entry((teacher.school, teacher.subject)).or_default() += 1.0;
    }
    for ((s, k), n) in need {
        let mut sent = Expression::default();
        for (unit, out) in inst.units.iter().zip(&m.leaving) {
            if unit.due && unit.school == s && unit.subject == k {
                sent += out.clone();
            }
        }
        let slack = m.slack(Rule::RotationDue, Some(s), Some(k));
        m.constraints.push(constraint!(sent + slack.var >= n));
    }
}

/// The bureau's locks (rule C018): a teacher locked to go is exchanged (a unit of their
/// own: `leaving_u = 1`). Locks to stay or never to a school remove the teacher's pairs,
/// and a hire promised to a school has no placement elsewhere (`Instance`, `hire_decisions`).
fn locks(inst: &Instance<'_>, m: &mut Model) {
    let locks = rules::TeacherLocks::of(inst.county);
    // A locked teacher is a unit of their own and has no child.
    for (u, unit) in inst.units.iter().enumerate().filter(|(_, unit)| unit.parent.is_none()) {
        if unit.members.iter().any(|&t| locks.must_go(t)) {
            m.constraints.push(constraint!(m.leaving[u].clone() == 1.0));
        }
    }
}

/// Staff ceilings (2014 staffing standard), no sending school left without a subject it
/// covers now, and PE/music/art taught wherever there is demand (elastic where the
/// county's teachers do not allow it).
fn staffing_rules(inst: &Instance<'_>, m: &mut Model, d: &Deltas) {
    let county = inst.county;
    let coverage = &inst.policy.staffing.coverage_subjects;
    for s in (0..county.schools.len()).filter(|&s| d.touched[s]) {
        let ceiling = inst.staff_room(s) as f64;
        let slack = m.slack(Rule::StaffQuota, Some(s), None);
        m.constraints.push(constraint!(d.total[s].clone() - slack.var <= ceiling));
        for k in Subject::ALL {
            let base = inst.base[s][k.index()] as f64;
            let delta = &d.subject[s][k.index()];
            if rules::sender_keeps(&county.schools[s], inst.base[s][k.index()]) {
                m.constraints.push(constraint!(delta.clone() >= 1.0 - base));
            }
            if rules::coverage_needed(*k, inst.demand_of(s, *k), inst.policy) && base < 1.0 {
                let slack = m.slack(Rule::Coverage, Some(s), Some(*k));
                m.constraints.push(constraint!(delta.clone() + slack.var >= 1.0 - base));
            }
        }
    }
    // Schools nothing can reach still break the coverage rule: constant slack, so that the
    // plan reports it like every other unmet rule.
    for s in (0..county.schools.len()).filter(|&s| !d.touched[s]) {
        for k in coverage {
            if rules::coverage_needed(*k, inst.demand_of(s, *k), inst.policy) && inst.base[s][k.index()] == 0 {
                let slack = m.slack(Rule::Coverage, Some(s), Some(*k));
                m.constraints.push(constraint!(slack.var >= 1.0));
            }
        }
    }
}

/// Equal pay (Teachers Law; Compulsory Education Law art. 31): each school's mean pay after
/// the plan within `tolerance` of the county mean before it (a constant R, so linear):
/// (1-tol) R n_s <= pay_s <= (1+tol) R n_s; slack in units of R (teacher-equivalents).
/// The allowance budget caps the allowances paid to exchanged teachers.
fn equal_pay(inst: &Instance<'_>, m: &mut Model, d: &Deltas, ranges: &[Range<usize>]) {
    let r = inst.ref_pay;
    if r <= 0.0 {
        return;
    }
    let tol = inst.policy.pay.tolerance;
    for s in 0..inst.county.schools.len() {
        if inst.staff_before[s] == 0 && !d.touched[s] {
            continue;
        }
        let n0 = inst.staff_before[s] as f64;
        let pay0 = inst.pay_before[s];
        let hi = m.slack(Rule::PayBand, Some(s), None);
        let lo = m.slack(Rule::PayBand, Some(s), None);
        // pay0 + dpay <= (1+tol) R (n0 + dn) + R hi
        let upper = d.pay_least[s].clone() - (1.0 + tol) * r * d.total[s].clone() - r * hi.var;
        m.constraints.push(constraint!(upper <= (1.0 + tol) * r * n0 - pay0));
        let lower = d.pay_most[s].clone() - (1.0 - tol) * r * d.total[s].clone() + r * lo.var;
        m.constraints.push(constraint!(lower >= (1.0 - tol) * r * n0 - pay0));
    }
    if let Some(budget) = inst.policy.pay.allowance_budget_monthly {
        let mut paid = Expression::default();
        for range in ranges {
            paid += unit_total(m, range.clone(), |p| inst.allowance(inst.pairs[p].to), None);
        }
        let s = m.slack(Rule::AllowanceBudget, None, None);
        m.constraints.push(constraint!(paid - r * s.var <= budget));
    }
}
