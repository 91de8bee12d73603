//! Why a rule the checker found unmet is not met: the binding limit in the county's data,
//! computed with the same requirement functions as the checker ([`crate::rules`]), with
//! the need and the most the data allows as two different numbers; or, when no single
//! limit binds, what the violations stage proved (the least total of unmet rules).

use super::instance::Instance;
use crate::check::Breach;
use crate::domain::{MoveKind, Plan, QuotaScope, Subject};
use crate::rules::{self, Rule};

/// What the violations stage established about the plan's unmet rules.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proof {
    /// The least total of unmet rules, when the violations stage proved it.
    pub optimum: Option<f64>,
    /// The total the checker measures in the plan.
    pub declared: f64,
}

/// Explains the unmet rules of one plan.
pub struct Why<'i, 'a> {
    inst: &'i Instance<'a>,
    plan: &'i Plan,
    proof: Proof,
    /// Eligible teachers with at least one allowed destination.
    can_go: Vec<bool>,
}

impl<'i, 'a> Why<'i, 'a> {
    pub fn new(inst: &'i Instance<'a>, plan: &'i Plan, proof: Proof) -> Self {
        let mut can_go = vec![false; inst.county.teachers.len()];
        for p in &inst.pairs {
            for &t in &inst.units[p.unit].members {
                can_go[t] = true;
            }
        }
        Why { inst, plan, proof, can_go }
    }

    /// Why `breach` stands in the plan.
    pub fn of(&self, breach: &Breach) -> String {
        let limit = match breach.rule {
            Rule::ExchangeQuota => self.exchange_quota(breach.school),
            Rule::BackboneShare => self.backbone_share(),
            Rule::StaffQuota => self.staff_quota(),
            Rule::PayBand => return self.pay_band(breach.school.unwrap_or(0)),
            Rule::Coverage => self.coverage(breach.school.unwrap_or(0), breach.subject.unwrap_or(Subject::Other)),
            Rule::AllowanceBudget => self.allowance_budget(),
            // The spread gives way to the quotas and the other rules weighing more.
            Rule::IndicatorBalance => None,
            Rule::DuplicateMove
            | Rule::WrongOrigin
            | Rule::Eligibility
            | Rule::Destination
            | Rule::Term
            | Rule::HirePlacement
            | Rule::SenderSubject
            | Rule::Lock
            | Rule::Away
            | Rule::CoolOff => {
                return "a hard rule: rotaplan's own plans never break it; the plan was made or edited elsewhere".into()
            }
        };
        limit.unwrap_or_else(|| self.trade_off())
    }

    /// No single limit of the data binds: the rule gives way to the others, as proved (or
    /// not) by the violations stage.
    fn trade_off(&self) -> String {
        let Proof { optimum, declared } = self.proof;
        match optimum {
            Some(best) if declared <= best + 1e-6 * best.abs().max(1.0) => format!(
                "no plan meets more of it without leaving more of the other rules unmet: the least total of unmet rules is {best:.2}, proven, and this plan attains it"
            ),
            Some(best) => format!(
                "this plan leaves {declared:.2} of the rules unmet where {best:.2} is the proven least; naming the teachers of interchangeable classes broke more than the optimum needed"
            ),
            None => "the violations stage stopped before proving the least total of unmet rules; a longer run may meet more of this rule".into(),
        }
    }

    /// Eligible teachers (of one school for the school-wide quota).
    fn pool(&self, school: Option<usize>) -> Vec<usize> {
        let teachers = &self.inst.county.teachers;
        self.inst.eligible.iter().copied().filter(|&t| school.is_none_or(|s| teachers[t].school == s)).collect()
    }

    fn exchange_quota(&self, school: Option<usize>) -> Option<String> {
        let (inst, policy) = (self.inst, self.inst.policy);
        let pool = self.pool(if policy.exchange.scope == QuotaScope::School { school } else { None });
        let need = rules::quota_needed(pool.len(), policy);
        let cap = policy.exchange.max_distance_km;
        let movable: Vec<usize> = pool.iter().copied().filter(|&t| self.can_go[t]).collect();
        let leavable = leavable(inst, &movable);
        let room = self.receiving_room();
        let pct = policy.exchange.share * 100.0;
        if movable.len() < need {
            Some(format!(
                "the {pct:.0}% share needs {need} of the {} eligible teachers exchanged; only {} of them have a rural or weak school of their stage within {cap} km",
                pool.len(), movable.len()
            ))
        } else if leavable < need {
            Some(format!("the {pct:.0}% share needs {need} exchanges; at most {leavable} of the eligible teachers with a destination can leave without leaving their school with no teacher of their subject"))
        } else if (room as usize) < need {
            Some(format!("the {pct:.0}% share needs {need} exchanges; rural and weak schools have room for only {room} more teachers under their staff ceilings"))
        } else {
            None
        }
    }

    fn backbone_share(&self) -> Option<String> {
        let (inst, policy) = (self.inst, self.inst.policy);
        let county = inst.county;
        let exchanged = self.plan.moves.iter().filter(|m| m.kind == MoveKind::Exchange).count();
        let need = rules::backbone_needed(exchanged, policy);
        let backbone: Vec<usize> = inst
            .eligible
            .iter()
            .copied()
            .filter(|&t| self.can_go[t] && rules::counts_as_backbone(&county.teachers[t], policy))
            .collect();
        let leavable = leavable(inst, &backbone);
        let most = backbone.len().min(leavable);
        if most >= need {
            return None;
        }
        let quota = rules::quota_needed(inst.eligible.len(), policy);
        let fewer = if rules::backbone_needed(quota, policy) > most {
            format!("; exchanging fewer teachers cannot help, as the exchange quota alone needs {quota} exchanges")
        } else {
            String::new()
        };
        Some(format!(
            "the {:.0}% backbone share of the {exchanged} teachers exchanged needs {need} backbone teachers ({} level and up); at most {most} eligible backbone teachers can go (a rural or weak school of their stage within {} km, their school keeping a teacher of their subject){fewer}",
            policy.exchange.backbone_share * 100.0, policy.exchange.backbone_min_level, policy.exchange.max_distance_km
        ))
    }

    fn staff_quota(&self) -> Option<String> {
        let inst = self.inst;
        let room: u32 = (0..inst.county.schools.len()).map(|s| self.room(s)).sum();
        let hires = inst.county.new_hires.len();
        (hires as u32 > room).then(|| {
            format!("every one of the {hires} new hires must be placed, and the staff ceilings of all schools leave room for only {room}")
        })
    }

    fn pay_band(&self, school: usize) -> String {
        let inst = self.inst;
        let tol = inst.policy.pay.tolerance * 100.0;
        let id = &inst.county.schools[school].id;
        let n0 = inst.staff_before[school];
        let before = if n0 == 0 {
            format!("{id} had no teachers before the plan, so its mean pay is that of the teachers the plan gives it")
        } else {
            let dev0 = (inst.pay_before[school] / n0 as f64 / inst.ref_pay - 1.0) * 100.0;
            let side = if dev0 > 0.0 { "above" } else { "below" };
            let band = if dev0.abs() > tol { "already outside" } else { "within" };
            format!(
                "before the plan its mean pay was {:.1}% {side} the county mean, {band} the ±{tol:.0}% band",
                dev0.abs()
            )
        };
        format!("{before}; {}", self.trade_off())
    }

    fn coverage(&self, school: usize, subject: Subject) -> Option<String> {
        let inst = self.inst;
        let cap = inst.policy.exchange.max_distance_km;
        let candidates: Vec<usize> = inst
            .pairs
            .iter()
            .filter(|p| p.to == school && inst.units[p.unit].subject == subject)
            .flat_map(|p| inst.units[p.unit].members.iter().copied())
            .collect();
        let hires = inst.county.new_hires.iter().filter(|h| h.subject == subject).count();
        if hires > 0 {
            return None;
        }
        if candidates.is_empty() {
            return Some(format!("no eligible {subject} teacher can be sent there (none at an urban or town school of its stage within {cap} km) and no new hire teaches {subject}"));
        }
        (leavable(inst, &candidates) == 0).then(|| {
            format!("each of the {} eligible {subject} teachers who could go there is the only {subject} teacher of their school, and no new hire teaches {subject}", candidates.len())
        })
    }

    fn allowance_budget(&self) -> Option<String> {
        let inst = self.inst;
        let budget = inst.policy.pay.allowance_budget_monthly?;
        let quota = rules::quota_needed(inst.eligible.len(), inst.policy);
        let cheapest = inst.pairs.iter().map(|p| inst.allowance(p.to)).fold(f64::INFINITY, f64::min);
        let least = quota as f64 * cheapest;
        (cheapest.is_finite() && least > budget + 1e-6).then(|| {
            format!("the exchange quota's {quota} exchanges cost at least {least:.0} yuan a month at the lowest allowance ({cheapest:.0}), above the budget of {budget:.0}")
        })
    }

    /// Room under a school's staff ceiling before the plan.
    fn room(&self, s: usize) -> u32 {
        self.inst.staff_room(s).max(0) as u32
    }

    fn receiving_room(&self) -> u32 {
        let schools = &self.inst.county.schools;
        (0..schools.len()).filter(|&s| schools[s].is_receiving()).map(|s| self.room(s)).sum()
    }
}

/// How many of `pool` could leave together without a sending school losing its last
/// teacher of a subject ([`Rule::SenderSubject`]).
fn leavable(inst: &Instance<'_>, pool: &[usize]) -> usize {
    let county = inst.county;
    let mut count = vec![[0u32; Subject::COUNT]; county.schools.len()];
    for &t in pool {
        let teacher = &county.teachers[t];
        count[teacher.school][teacher.subject.index()] += 1;
    }
    let mut total = 0;
    for (s, row) in count.iter().enumerate() {
        for (k, &c) in row.iter().enumerate() {
            let base = inst.base[s][k];
            let keep = u32::from(rules::sender_keeps(&county.schools[s], base));
            total += c.min(base.saturating_sub(keep)) as usize;
        }
    }
    total
}
