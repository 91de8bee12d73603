//! `rotaplan check`: an independent plan checker.
//!
//! It recomputes every rule from the county data, the policy and the plan files alone,
//! never from solver internals, so it verifies plans made by the solver, by a baseline
//! rule or by hand alike. Codes:
//!
//! | code | rule | meaning |
//! |---|---|---|
//! | C001 | duplicate_move | a teacher is moved twice |
//! | C002 | wrong_origin | from_school is not the teacher's school |
//! | C003 | eligibility | the teacher is not due to exchange (tenure, age, exempt, school) |
//! | C004 | destination | other stage, same site, not rural or weak, or beyond the distance cap |
//! | C005 | term | an exchange term shorter than one year |
//! | C006 | hire_placement | a new hire placed twice, or not at all |
//! | C010 | exchange_quota | fewer than `share` of eligible teachers exchanged |
//! | C011 | backbone_share | backbone teachers below `backbone_share` of those exchanged |
//! | C012 | staff_quota | a school above its staff ceiling |
//! | C013 | sender_subject | a sending school left without a subject it covered |
//! | C014 | pay_band | a school's mean pay outside the band around the county mean |
//! | C015 | allowance_budget | exchange allowances above the budget |
//! | C016 | coverage | PE, music or art not taught where there is demand |

use crate::domain::{staff_after, County, MoveKind, Plan, Policy, QuotaScope, Subject};
use crate::rules;
use crate::staffing;
use serde::Serialize;

/// One broken rule in a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breach {
    pub code: &'static str,
    pub rule: &'static str,
    /// School id, when the rule is about one school.
    pub school: Option<String>,
    pub subject: Option<String>,
    /// How far the plan is from meeting the rule, in `unit`.
    pub amount: f64,
    pub unit: &'static str,
    pub message: String,
}

impl Breach {
    fn new(code: &'static str, rule: &'static str, amount: f64, unit: &'static str, message: String) -> Self {
        Breach { code, rule, school: None, subject: None, amount, unit, message }
    }
    fn at(mut self, school: &str) -> Self {
        self.school = Some(school.to_string());
        self
    }
    fn subject(mut self, subject: Subject) -> Self {
        self.subject = Some(subject.name().to_string());
        self
    }
}

/// Every rule the plan breaks, structural problems first.
pub fn check_plan(county: &County, policy: &Policy, plan: &Plan) -> Vec<Breach> {
    let mut out = structure(county, policy, plan);
    quotas(county, policy, plan, &mut out);
    staffing_rules(county, policy, plan, &mut out);
    pay(county, policy, plan, &mut out);
    out
}

fn structure(county: &County, policy: &Policy, plan: &Plan) -> Vec<Breach> {
    let mut out = Vec::new();
    let mut moved = vec![false; county.teachers.len()];
    for m in &plan.moves {
        let t = &county.teachers[m.teacher];
        if std::mem::replace(&mut moved[m.teacher], true) {
            out.push(Breach::new(
                "C001",
                "duplicate_move",
                1.0,
                "moves",
                format!("teacher {} is moved more than once", t.id),
            ));
        }
        if m.from != t.school {
            out.push(Breach::new(
                "C002",
                "wrong_origin",
                1.0,
                "moves",
                format!(
                    "teacher {} teaches at {}, not at {}",
                    t.id, county.schools[t.school].id, county.schools[m.from].id
                ),
            ));
        }
        if m.kind == MoveKind::Exchange {
            if let Some(why) = rules::ineligibility(county, t, policy) {
                out.push(Breach::new(
                    "C003",
                    "eligibility",
                    1.0,
                    "moves",
                    format!("teacher {} is not due to exchange: {why}", t.id),
                ));
            }
            if m.term_years < 1 {
                out.push(Breach::new(
                    "C005",
                    "term",
                    1.0,
                    "moves",
                    format!("teacher {}'s exchange term is {} years; it must be at least 1", t.id, m.term_years),
                ));
            }
        }
        if let Some(why) = rules::destination_problem(county, t.school, m.to, policy) {
            out.push(Breach::new(
                "C004",
                "destination",
                1.0,
                "moves",
                format!("teacher {} cannot go to {}: {why}", t.id, county.schools[m.to].id),
            ));
        }
    }
    let mut placed = vec![0u32; county.new_hires.len()];
    for p in &plan.placements {
        placed[p.hire] += 1;
    }
    for (h, &n) in placed.iter().enumerate() {
        if n != 1 {
            let id = &county.new_hires[h].id;
            out.push(Breach::new(
                "C006",
                "hire_placement",
                1.0,
                "hires",
                format!("new hire {id} is placed {n} times; every hire is placed exactly once"),
            ));
        }
    }
    out
}

fn quotas(county: &County, policy: &Policy, plan: &Plan, out: &mut Vec<Breach>) {
    let exchanges: Vec<usize> = plan.moves.iter().filter(|m| m.kind == MoveKind::Exchange).map(|m| m.teacher).collect();
    let eligible: Vec<usize> =
        (0..county.teachers.len()).filter(|&t| rules::is_eligible(county, &county.teachers[t], policy)).collect();
    let mut exchanged = vec![false; county.teachers.len()];
    for &t in &exchanges {
        exchanged[t] = true;
    }
    let is_exchanged = |t: usize| exchanged[t];
    let pct = policy.exchange.share * 100.0;
    match policy.exchange.scope {
        QuotaScope::County => {
            let need = rules::quota_needed(eligible.len(), policy);
            let done = eligible.iter().filter(|&&t| is_exchanged(t)).count();
            if done < need {
                out.push(Breach::new("C010", "exchange_quota", (need - done) as f64, "teachers", format!(
                    "the exchange share {pct:.0}% needs {need} of the {} eligible teachers of urban and town schools exchanged; the plan exchanges {done} ({} short)",
                    eligible.len(), need - done)));
            }
        }
        QuotaScope::School => {
            for (s, school) in county.schools.iter().enumerate() {
                let here: Vec<usize> = eligible.iter().copied().filter(|&t| county.teachers[t].school == s).collect();
                let need = rules::quota_needed(here.len(), policy);
                let done = here.iter().filter(|&&t| is_exchanged(t)).count();
                if done < need {
                    out.push(Breach::new("C010", "exchange_quota", (need - done) as f64, "teachers", format!(
                        "the exchange share {pct:.0}% needs {need} of the {} eligible teachers of {} exchanged; the plan exchanges {done}",
                        here.len(), school.id)).at(&school.id));
                }
            }
        }
    }
    let total = exchanges.len();
    let backbone = exchanges.iter().filter(|&&t| rules::counts_as_backbone(&county.teachers[t], policy)).count();
    let share = policy.exchange.backbone_share;
    if (backbone as f64) + 1e-9 < share * total as f64 {
        let need = rules::backbone_needed(total, policy);
        out.push(Breach::new("C011", "backbone_share", share * total as f64 - backbone as f64, "teachers", format!(
            "backbone share {:.0}% needs {need} backbone teachers ({} level and up) among the {total} exchanged; the plan has {backbone}",
            share * 100.0, policy.exchange.backbone_min_level)));
    }
}

fn staffing_rules(county: &County, policy: &Policy, plan: &Plan, out: &mut Vec<Breach>) {
    let n = county.schools.len();
    let demand = staffing::subject_demand(county, policy);
    let before = staffing::present_by_subject(n, county.teachers.iter().map(|t| (t.school, t.subject)));
    let after_staff = staff_after(county, policy, plan);
    let after = staffing::present_by_subject(n, after_staff.iter().map(|s| (s.school, s.subject)));
    for (s, school) in county.schools.iter().enumerate() {
        let (n0, n1): (u32, u32) = (before[s].iter().sum(), after[s].iter().sum());
        let ceiling = (staffing::staff_quota(school, policy) + policy.staffing.quota_tolerance).max(n0);
        if n1 > ceiling {
            out.push(Breach::new("C012", "staff_quota", (n1 - ceiling) as f64, "teachers", format!(
                "{} has {n1} teachers after the plan, {} over its ceiling of {ceiling} (staff quota plus tolerance, or its staff before the plan)",
                school.id, n1 - ceiling)).at(&school.id));
        }
        for k in Subject::ALL {
            let (b, a) = (before[s][k.index()], after[s][k.index()]);
            if school.is_sending() && b >= 1 && a == 0 {
                out.push(
                    Breach::new(
                        "C013",
                        "sender_subject",
                        1.0,
                        "subjects",
                        format!("{} taught {k} before the plan and has no {k} teacher after it", school.id),
                    )
                    .at(&school.id)
                    .subject(*k),
                );
            }
            if policy.staffing.coverage_subjects.contains(k) && demand[s][k.index()] >= 1 && a == 0 {
                out.push(
                    Breach::new(
                        "C016",
                        "coverage",
                        1.0,
                        "subjects",
                        format!(
                            "{} has demand for {} {k} post(s) and no {k} teacher after the plan",
                            school.id,
                            demand[s][k.index()]
                        ),
                    )
                    .at(&school.id)
                    .subject(*k),
                );
            }
        }
    }
}

fn pay(county: &County, policy: &Policy, plan: &Plan, out: &mut Vec<Breach>) {
    let r = rules::reference_pay(county);
    if r <= 0.0 {
        return;
    }
    let tol = policy.pay.tolerance;
    let mut sum = vec![0.0; county.schools.len()];
    let mut count = vec![0.0; county.schools.len()];
    for s in staff_after(county, policy, plan) {
        sum[s.school] += s.monthly_pay;
        count[s.school] += 1.0;
    }
    for (s, school) in county.schools.iter().enumerate() {
        if count[s] == 0.0 {
            continue;
        }
        // In teacher-equivalents (yuan / R), as the model's slack measures it.
        let over = (sum[s] - (1.0 + tol) * r * count[s]) / r;
        let under = ((1.0 - tol) * r * count[s] - sum[s]) / r;
        let excess = over.max(under);
        if excess > 1e-6 {
            let mean = sum[s] / count[s];
            let dev = (mean / r - 1.0) * 100.0;
            let side = if dev > 0.0 { "above" } else { "below" };
            out.push(Breach::new("C014", "pay_band", excess, "teacher-equivalents of county mean pay", format!(
                "mean pay at {} after the plan is {mean:.0} yuan, {:.1}% {side} the county mean of {r:.0} (tolerance {:.0}%)",
                school.id, dev.abs(), tol * 100.0)).at(&school.id));
        }
    }
    if let Some(budget) = policy.pay.allowance_budget_monthly {
        let paid: f64 = plan
            .moves
            .iter()
            .filter(|m| m.kind == MoveKind::Exchange)
            .map(|m| {
                let to = &county.schools[m.to];
                policy.allowance(to.locale, to.weak)
            })
            .sum();
        if paid > budget + 1e-6 {
            out.push(Breach::new("C015", "allowance_budget", (paid - budget) / r, "teacher-equivalents of county mean pay", format!(
                "allowances of exchanged teachers cost {paid:.0} yuan a month, {:.0} over the budget of {budget:.0}", paid - budget)));
        }
    }
}
