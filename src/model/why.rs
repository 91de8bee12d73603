//! Why a rule the checker found unmet is not met: the binding limit in the county's data,
//! computed with the same requirement functions as the checker ([`crate::rules`]), with
//! the need and the most the data allows as two different numbers; or, when no single
//! limit binds, what the violations stage proved (the least total of unmet rules).

use super::instance::Instance;
use crate::check::Breach;
use crate::domain::{MoveKind, Plan, QuotaScope, Subject};
use crate::report::i18n::{self, say, Lang};
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
            Rule::RotationDue => {
                self.rotation_due(breach.school.unwrap_or(0), breach.subject.unwrap_or(Subject::Other))
            }
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
            | Rule::CoolOff
            | Rule::Extension => {
                return say(
                    "a hard rule: rotaplan's own plans never break it; the plan was made or edited elsewhere".into(),
                    "硬性规则：rotaplan 自己的方案从不违反；该方案是在别处制定或修改的".into(),
                )
            }
        };
        limit.unwrap_or_else(|| self.trade_off())
    }

    /// No single limit of the data binds: the rule gives way to the others, as proved (or
    /// not) by the violations stage.
    fn trade_off(&self) -> String {
        let Proof { optimum, declared } = self.proof;
        match optimum {
            Some(best) if declared <= best + 1e-6 * best.abs().max(1.0) => say(
                format!("no plan meets more of it without leaving more of the other rules unmet: the least total of unmet rules is {best:.2}, proven, and this plan attains it"),
                format!("没有方案能更多地满足这条规则而不让其他规则更多地无法满足：已证明未满足规则的最小总量为 {best:.2}，本方案达到了这一最小值"),
            ),
            Some(best) => say(
                format!("this plan leaves {declared:.2} of the rules unmet where {best:.2} is the proven least; naming the teachers of interchangeable classes broke more than the optimum needed"),
                format!("本方案未满足的规则总量为 {declared:.2}，已证明的最小值为 {best:.2}；为可互换的教师类别确定具体人选时多违反了一些规则"),
            ),
            None => say(
                "the violations stage stopped before proving the least total of unmet rules; a longer run may meet more of this rule".into(),
                "政策规则阶段在证明未满足规则的最小总量之前已停止；延长求解时间可能更多地满足这条规则".into(),
            ),
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
        let (n, m) = (pool.len(), movable.len());
        if m < need {
            Some(say(
                format!("the {pct:.0}% share needs {need} of the {n} eligible teachers exchanged; only {m} of them have a rural or weak school of their stage within {cap} km"),
                format!("{pct:.0}% 的交流比例要求 {n} 名应交流教师中交流 {need} 人；其中只有 {m} 人在 {cap} 公里内有同学段的乡村或薄弱学校可去"),
            ))
        } else if leavable < need {
            Some(say(
                format!("the {pct:.0}% share needs {need} exchanges; at most {leavable} of the eligible teachers with a destination can leave without leaving their school with no teacher of their subject"),
                format!("{pct:.0}% 的交流比例要求交流 {need} 人；有去处的应交流教师中，最多 {leavable} 人离开后原校仍有本学科教师"),
            ))
        } else if (room as usize) < need {
            Some(say(
                format!("the {pct:.0}% share needs {need} exchanges; rural and weak schools have room for only {room} more teachers under their staff ceilings"),
                format!("{pct:.0}% 的交流比例要求交流 {need} 人；乡村和薄弱学校在编制上限内只能再接收 {room} 人"),
            ))
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
            say(
                format!("; exchanging fewer teachers cannot help, as the exchange quota alone needs {quota} exchanges"),
                format!("；减少交流人数也无济于事，因为交流比例本身就要求交流 {quota} 人"),
            )
        } else {
            String::new()
        };
        let (pct, level, cap) = (
            policy.exchange.backbone_share * 100.0,
            policy.exchange.backbone_min_level,
            policy.exchange.max_distance_km,
        );
        Some(say(
            format!("the {pct:.0}% backbone share of the {exchanged} teachers exchanged needs {need} backbone teachers ({level} level and up); at most {most} eligible backbone teachers can go (a rural or weak school of their stage within {cap} km, their school keeping a teacher of their subject){fewer}"),
            format!("交流的 {exchanged} 人中骨干教师占 {pct:.0}% 需要 {need} 名{}及以上骨干教师；最多只有 {most} 名应交流的骨干教师能去（{cap} 公里内有同学段的乡村或薄弱学校，且原校仍有本学科教师）{fewer}", level.chinese()),
        ))
    }

    fn staff_quota(&self) -> Option<String> {
        let inst = self.inst;
        let room: u32 = (0..inst.county.schools.len()).map(|s| self.room(s)).sum();
        let hires = inst.county.new_hires.len();
        (hires as u32 > room).then(|| {
            say(
                format!("every one of the {hires} new hires must be placed, and the staff ceilings of all schools leave room for only {room}"),
                format!("{hires} 名新教师都必须分配，而各校编制上限只剩 {room} 个空位"),
            )
        })
    }

    fn pay_band(&self, school: usize) -> String {
        let inst = self.inst;
        let tol = inst.policy.pay.tolerance * 100.0;
        let id = &inst.county.schools[school].id;
        let n0 = inst.staff_before[school];
        let before = if n0 == 0 {
            say(
                format!(
                    "{id} had no teachers before the plan, so its mean pay is that of the teachers the plan gives it"
                ),
                format!("{id} 方案前没有教师，其平均工资即方案分配给它的教师的平均工资"),
            )
        } else {
            let dev0 = (inst.pay_before[school] / n0 as f64 / inst.ref_pay - 1.0) * 100.0;
            let (side, side_zh) = if dev0 > 0.0 { ("above", "高于") } else { ("below", "低于") };
            let (band, band_zh) = if dev0.abs() > tol { ("already outside", "已超出") } else { ("within", "在") };
            let dev = dev0.abs();
            say(
                format!(
                    "before the plan its mean pay was {dev:.1}% {side} the county mean, {band} the ±{tol:.0}% band"
                ),
                format!("方案前该校平均工资{side_zh}全县平均 {dev:.1}%，{band_zh} ±{tol:.0}% 的范围内"),
            )
        };
        format!("{before}{}{}", i18n::pick(i18n::current(), "; ", "；"), self.trade_off())
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
        let zh = i18n::subject(Lang::Zh, subject);
        if candidates.is_empty() {
            return Some(say(
                format!("no eligible {subject} teacher can be sent there (none at an urban or town school of its stage within {cap} km) and no new hire teaches {subject}"),
                format!("没有应交流的{zh}教师能派到该校（{cap} 公里内同学段的城区或镇区学校都没有），新教师中也没有{zh}教师"),
            ));
        }
        (leavable(inst, &candidates) == 0).then(|| {
            let n = candidates.len();
            say(
                format!("each of the {n} eligible {subject} teachers who could go there is the only {subject} teacher of their school, and no new hire teaches {subject}"),
                format!("能去该校的 {n} 名应交流{zh}教师都是原校唯一的{zh}教师，新教师中也没有{zh}教师"),
            )
        })
    }

    fn allowance_budget(&self) -> Option<String> {
        let inst = self.inst;
        let budget = inst.policy.pay.allowance_budget_monthly?;
        let quota = rules::quota_needed(inst.eligible.len(), inst.policy);
        let cheapest = inst.pairs.iter().map(|p| inst.allowance(p.to)).fold(f64::INFINITY, f64::min);
        let least = quota as f64 * cheapest;
        (cheapest.is_finite() && least > budget + 1e-6).then(|| {
            say(
                format!("the exchange quota's {quota} exchanges cost at least {least:.0} yuan a month at the lowest allowance ({cheapest:.0}), above the budget of {budget:.0}"),
                format!("交流比例要求的 {quota} 人按最低补贴（{cheapest:.0} 元）每月至少需 {least:.0} 元，超过预算 {budget:.0} 元"),
            )
        })
    }

    /// Due teachers of one school and subject who cannot all go: locked to stay, without a
    /// destination, or more than can leave with the school keeping a teacher of the subject.
    fn rotation_due(&self, school: usize, subject: Subject) -> Option<String> {
        let inst = self.inst;
        let county = inst.county;
        let due: Vec<usize> = inst
            .due
            .iter()
            .copied()
            .filter(|&t| county.teachers[t].school == school && county.teachers[t].subject == subject)
            .collect();
        let n = due.len();
        let locks = rules::TeacherLocks::of(county);
        let stay = due.iter().filter(|&&t| locks.stays(t)).count();
        let can_go: Vec<usize> = due.iter().copied().filter(|&t| self.can_go[t]).collect();
        let most = leavable(inst, &can_go);
        let (id, k, zh) =
            (&county.schools[school].id, inst.policy.cycle.rotate_within_years, i18n::subject(Lang::Zh, subject));
        let cap = inst.policy.exchange.max_distance_km;
        if stay > 0 {
            Some(say(
                format!("{stay} of the {n} {subject} teachers of {id} due to rotate within {k} years are locked to stay (locks.csv)"),
                format!("{id} 的 {n} 名限期轮岗的{zh}教师中有 {stay} 名被锁定留任（locks.csv）"),
            ))
        } else if can_go.len() < n {
            let m = n - can_go.len();
            Some(say(
                format!("{m} of the {n} {subject} teachers of {id} due to rotate within {k} years have no rural or weak school of their stage within {cap} km"),
                format!("{id} 的 {n} 名限期轮岗的{zh}教师中有 {m} 名在 {cap} 公里内没有同学段的乡村或薄弱学校可去"),
            ))
        } else if most < n {
            Some(say(
                format!("{n} {subject} teachers of {id} are due to rotate within {k} years; at most {most} can leave with the school keeping a teacher of {subject}"),
                format!("{id} 有 {n} 名{zh}教师限期轮岗；该校须保留{zh}教师，最多只能派出 {most} 名"),
            ))
        } else if inst.due.len() > self.receiving_room() as usize {
            let (all, room) = (inst.due.len(), self.receiving_room());
            Some(say(
                format!("{all} teachers of the county are due to rotate within {k} years; rural and weak schools have room for only {room} more teachers under their staff ceilings"),
                format!("全县有 {all} 名教师限期轮岗；乡村和薄弱学校在编制上限内只能再接收 {room} 人"),
            ))
        } else {
            None
        }
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
