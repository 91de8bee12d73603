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
//! | C017 | indicator_balance | a teacher indicator spread wider than before the plan |
//! | C018 | lock | a lock of locks.csv broken |
//! | C019 | away | a teacher sent while away on an exchange term (exchanges.csv) |
//! | C020 | cool_off | a teacher sent within the cool-off after a term |
//! | C021 | rotation_due | a teacher due to rotate within K years not exchanged |
//! | C022 | extension | a term extended where the policy or the record does not allow it |
//!
//! The rules of the yearly cycle (C019-C022) are in [`cycle`].

mod cycle;

use crate::domain::{staff_after, County, MoveKind, Plan, Policy, QuotaScope, Stage, Subject};
use crate::report::i18n::{self, say, Lang};
use crate::rules::{self, Rule};
use crate::staffing;
use serde::Serialize;

/// One broken rule in a plan: the rule, where (school and subject indices), how far the
/// plan is from meeting it in the rule's unit, and the checker's words.
#[derive(Debug, Clone, PartialEq)]
pub struct Breach {
    pub rule: Rule,
    pub school: Option<usize>,
    pub subject: Option<Subject>,
    /// Stage and teacher indicator (an index of [`rules::INDICATORS`]), for the balance rule.
    pub indicator: Option<(Stage, usize)>,
    /// How far the plan is from meeting the rule, in `rule.unit()`.
    pub amount: f64,
    pub message: String,
}

impl Breach {
    fn new(rule: Rule, amount: f64, message: String) -> Self {
        Breach { rule, school: None, subject: None, indicator: None, amount, message }
    }
    fn at(mut self, school: usize) -> Self {
        self.school = Some(school);
        self
    }
    fn subject(mut self, subject: Subject) -> Self {
        self.subject = Some(subject);
        self
    }
}

/// A breach as summary.json, `check --format json` and the reports give it: ids rendered,
/// and why the plan does not meet the rule where that is known (the optimiser's plans and
/// the baselines' always say; `check` of a plan from elsewhere does not).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    pub code: &'static str,
    pub rule: Rule,
    pub school: Option<String>,
    pub subject: Option<String>,
    /// `stage:indicator` for the balance rule (`junior:backbone_per_100`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    pub amount: f64,
    pub unit: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

impl Violation {
    pub fn new(county: &County, b: &Breach, why: Option<String>) -> Self {
        Violation {
            code: b.rule.code(),
            rule: b.rule,
            school: b.school.map(|s| county.schools[s].id.clone()),
            subject: b.subject.map(|k| k.name().to_string()),
            indicator: b.indicator.map(|(g, j)| format!("{}:{}", g.name(), rules::INDICATORS[j])),
            amount: b.amount,
            unit: b.rule.unit().as_str(),
            message: b.message.clone(),
            why,
        }
    }
}

/// Every rule the plan breaks, structural problems first.
pub fn check_plan(county: &County, policy: &Policy, plan: &Plan) -> Vec<Breach> {
    let mut out = structure(county, policy, plan);
    for lock in &county.locks {
        if let Some(message) = rules::lock_broken(county, plan, lock) {
            out.push(Breach::new(Rule::Lock, 1.0, message));
        }
    }
    quotas(county, policy, plan, &mut out);
    cycle::rotation_due(county, policy, plan, &mut out);
    staffing_rules(county, policy, plan, &mut out);
    pay(county, policy, plan, &mut out);
    if policy.balance.no_worse {
        balance(county, policy, plan, &mut out);
    }
    out
}

/// Each teacher indicator's spread over a stage's schools, after the plan against before.
fn balance(county: &County, policy: &Policy, plan: &Plan, out: &mut Vec<Breach>) {
    for (g, j, s0, s1) in indicator_spreads(county, policy, plan) {
        if s1 > s0 + 1e-9 {
            let key = rules::INDICATORS[j];
            let mut b = Breach::new(
                Rule::IndicatorBalance,
                s1 - s0,
                say(
                    format!("{key} of {g} schools is spread {s1:.4} (relative mean deviation) after the plan, {s0:.4} before it"),
                    format!("{}{}的离散度（相对平均偏差）由方案前的 {s0:.4} 升至 {s1:.4}",
                        i18n::stage(Lang::Zh, g), i18n::indicator_long(Lang::Zh, key, key)),
                ),
            );
            b.indicator = Some((g, j));
            out.push(b);
        }
    }
}

/// (stage, teacher indicator, spread before, spread after) for every stage and indicator of
/// [`rules::INDICATORS`], by [`rules::indicator_spread`].
pub fn indicator_spreads(county: &County, policy: &Policy, plan: &Plan) -> Vec<(Stage, usize, f64, f64)> {
    let n = county.schools.len();
    let counts = |staff: &[crate::domain::Staff]| {
        let mut c = vec![[0.0; 3]; n];
        for s in staff {
            let carried = rules::carries(county.schools[s.school].stage, s.degree, s.backbone, s.subject);
            for j in 0..3 {
                c[s.school][j] += carried[j];
            }
        }
        c
    };
    let (before, after) = (counts(&crate::domain::staff_before(county)), counts(&staff_after(county, policy, plan)));
    let mut out = Vec::new();
    for &g in Stage::ALL {
        let schools: Vec<usize> =
            (0..n).filter(|&s| county.schools[s].stage == g && rules::in_cv(&county.schools[s], policy)).collect();
        let students: f64 = schools.iter().map(|&s| county.schools[s].students as f64).sum();
        for j in 0..rules::INDICATORS.len() {
            let at = |c: &[[f64; 3]]| -> Vec<(f64, f64)> {
                schools.iter().map(|&s| (county.schools[s].students as f64, c[s][j])).collect()
            };
            let mean0 = 100.0 * schools.iter().map(|&s| before[s][j]).sum::<f64>() / students.max(1.0);
            out.push((g, j, rules::indicator_spread(&at(&before), mean0), rules::indicator_spread(&at(&after), mean0)));
        }
    }
    out
}

fn structure(county: &County, policy: &Policy, plan: &Plan) -> Vec<Breach> {
    let mut out = Vec::new();
    let mut moved = vec![false; county.teachers.len()];
    for m in &plan.moves {
        let t = &county.teachers[m.teacher];
        if std::mem::replace(&mut moved[m.teacher], true) {
            out.push(Breach::new(
                Rule::DuplicateMove,
                1.0,
                say(format!("teacher {} is moved more than once", t.id), format!("教师 {} 被交流了不止一次", t.id)),
            ));
        }
        if m.from != t.school {
            out.push(Breach::new(Rule::WrongOrigin, 1.0, {
                let (is, said) = (&county.schools[t.school].id, &county.schools[m.from].id);
                say(
                    format!("teacher {} teaches at {is}, not at {said}", t.id),
                    format!("教师 {} 在 {is} 任教，不在 {said}", t.id),
                )
            }));
        }
        if m.kind == MoveKind::Extension {
            out.extend(cycle::extension(county, policy, m));
        } else if let Some((rule, why)) = rules::cycle_problem(county, t, policy) {
            out.push(Breach::new(
                rule,
                1.0,
                say(format!("teacher {} cannot be sent: {why}", t.id), format!("教师 {} 不能派出：{why}", t.id)),
            ));
        } else if let Some(why) = rules::ineligibility(county, t, policy).filter(|_| m.kind == MoveKind::Exchange) {
            out.push(Breach::new(
                Rule::Eligibility,
                1.0,
                say(
                    format!("teacher {} is not due to exchange: {why}", t.id),
                    format!("教师 {} 不属于应交流人员：{why}", t.id),
                ),
            ));
        }
        if m.kind == MoveKind::Exchange && m.term_years < 1 {
            out.push(Breach::new(
                Rule::Term,
                1.0,
                say(
                    format!("teacher {}'s exchange term is {} years; it must be at least 1", t.id, m.term_years),
                    format!("教师 {} 的交流期限为 {} 年，至少应为 1 年", t.id, m.term_years),
                ),
            ));
        }
        if let Some(why) = rules::destination_problem(county, t.school, m.to, policy) {
            out.push(Breach::new(Rule::Destination, 1.0, {
                let to = &county.schools[m.to].id;
                say(
                    format!("teacher {} cannot go to {to}: {why}", t.id),
                    format!("教师 {} 不能交流到 {to}：{why}", t.id),
                )
            }));
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
                Rule::HirePlacement,
                1.0,
                say(
                    format!("new hire {id} is placed {n} times; every hire is placed exactly once"),
                    format!("新教师 {id} 被分配了 {n} 次；每名新教师应恰好分配一次"),
                ),
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
                out.push(Breach::new(Rule::ExchangeQuota, (need - done) as f64, {
                    let (n, short) = (eligible.len(), need - done);
                    say(
                        format!("the exchange share {pct:.0}% needs {need} of the {n} eligible teachers of urban and town schools exchanged; the plan exchanges {done} ({short} short)"),
                        format!("交流比例 {pct:.0}% 要求城区和镇区学校 {n} 名应交流教师中交流 {need} 人；方案交流 {done} 人（差 {short} 人）"),
                    )
                }));
            }
        }
        QuotaScope::School => {
            for (s, school) in county.schools.iter().enumerate() {
                let here: Vec<usize> = eligible.iter().copied().filter(|&t| county.teachers[t].school == s).collect();
                let need = rules::quota_needed(here.len(), policy);
                let done = here.iter().filter(|&&t| is_exchanged(t)).count();
                if done < need {
                    out.push(Breach::new(Rule::ExchangeQuota, (need - done) as f64, {
                        let (n, id) = (here.len(), &school.id);
                        say(
                            format!("the exchange share {pct:.0}% needs {need} of the {n} eligible teachers of {id} exchanged; the plan exchanges {done}"),
                            format!("交流比例 {pct:.0}% 要求 {id} 的 {n} 名应交流教师中交流 {need} 人；方案交流 {done} 人"),
                        )
                    }).at(s));
                }
            }
        }
    }
    let total = exchanges.len();
    let backbone = exchanges.iter().filter(|&&t| rules::counts_as_backbone(&county.teachers[t], policy)).count();
    let share = policy.exchange.backbone_share;
    if (backbone as f64) + 1e-9 < share * total as f64 {
        let need = rules::backbone_needed(total, policy);
        out.push(Breach::new(Rule::BackboneShare, share * total as f64 - backbone as f64, {
            let (pct, level) = (share * 100.0, policy.exchange.backbone_min_level);
            say(
                format!("backbone share {pct:.0}% needs {need} backbone teachers ({level} level and up) among the {total} exchanged; the plan has {backbone}"),
                format!("骨干教师比例 {pct:.0}% 要求交流的 {total} 人中有 {need} 名{}及以上骨干教师；方案中有 {backbone} 名", level.chinese()),
            )
        }));
    }
}

fn staffing_rules(county: &County, policy: &Policy, plan: &Plan, out: &mut Vec<Breach>) {
    let n = county.schools.len();
    let demand = staffing::subject_demand(county, policy);
    let before = staffing::present_by_subject(n, county.teachers.iter().map(|t| (t.school, t.subject)));
    let after_staff = staff_after(county, policy, plan);
    let after = staffing::present_by_subject(n, after_staff.iter().map(|s| (s.school, s.subject)));
    let posts = crate::domain::cycle::posts_by_school(county, policy);
    for (s, school) in county.schools.iter().enumerate() {
        // Posts for the staff quota: those before ([`crate::domain::post_school`]) and the
        // plan's change in head count (a teacher the plan moves has no term yet).
        let (t0, t1): (u32, u32) = (before[s].iter().sum(), after[s].iter().sum());
        let (n0, n1) = (posts[s], (posts[s] + t1).saturating_sub(t0));
        let ceiling = rules::staff_ceiling(staffing::staff_quota(school, policy), n0, policy);
        if n1 > ceiling {
            out.push(Breach::new(Rule::StaffQuota, (n1 - ceiling) as f64, {
                let (id, over) = (&school.id, n1 - ceiling);
                say(
                    format!("{id} has {n1} teachers after the plan, {over} over its ceiling of {ceiling} (staff quota plus tolerance, or its staff before the plan)"),
                    format!("{id} 方案后有 {n1} 名教师，超出上限 {ceiling} 人中的 {over} 人（上限为编制数加允许超编数，或方案前的教师数）"),
                )
            }).at(s));
        }
        for k in Subject::ALL {
            let (b, a) = (before[s][k.index()], after[s][k.index()]);
            if rules::sender_keeps(school, b) && a == 0 {
                out.push(
                    Breach::new(Rule::SenderSubject, 1.0, {
                        let (id, zh) = (&school.id, i18n::subject(Lang::Zh, *k));
                        say(
                            format!("{id} taught {k} before the plan and has no {k} teacher after it"),
                            format!("{id} 方案前开设{zh}课，方案后没有{zh}教师"),
                        )
                    })
                    .at(s)
                    .subject(*k),
                );
            }
            if rules::coverage_needed(*k, demand[s][k.index()], policy) && a == 0 {
                out.push(
                    Breach::new(Rule::Coverage, 1.0, {
                        let (id, d, zh) = (&school.id, demand[s][k.index()], i18n::subject(Lang::Zh, *k));
                        say(
                            format!("{id} has demand for {d} {k} post(s) and no {k} teacher after the plan"),
                            format!("{id} 需要 {d} 个{zh}岗位，方案后没有{zh}教师"),
                        )
                    })
                    .at(s)
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
        let (low, high) = rules::pay_band(r, count[s], policy);
        let (over, under) = ((sum[s] - high) / r, (low - sum[s]) / r);
        let excess = over.max(under);
        if excess > 1e-6 {
            let mean = sum[s] / count[s];
            let dev = (mean / r - 1.0) * 100.0;
            let (side, side_zh) = if dev > 0.0 { ("above", "高于") } else { ("below", "低于") };
            let (id, dev, tol) = (&school.id, dev.abs(), tol * 100.0);
            out.push(Breach::new(Rule::PayBand, excess, say(
                format!("mean pay at {id} after the plan is {mean:.0} yuan, {dev:.1}% {side} the county mean of {r:.0} (tolerance {tol:.0}%)"),
                format!("{id} 方案后平均工资为 {mean:.0} 元，{side_zh}全县平均 {r:.0} 元 {dev:.1}%（允许差距 {tol:.0}%）"),
            )).at(s));
        }
    }
    if let Some(budget) = policy.pay.allowance_budget_monthly {
        let paid: f64 = plan
            .moves
            .iter()
            .filter(|m| matches!(m.kind, MoveKind::Exchange | MoveKind::Extension))
            .map(|m| {
                let to = &county.schools[m.to];
                policy.allowance(to.locale, to.weak)
            })
            .sum();
        if paid > budget + 1e-6 {
            out.push(Breach::new(Rule::AllowanceBudget, (paid - budget) / r, {
                let over = paid - budget;
                say(
                    format!("allowances of exchanged teachers cost {paid:.0} yuan a month, {over:.0} over the budget of {budget:.0}"),
                    format!("交流教师补贴每月 {paid:.0} 元，超出预算 {budget:.0} 元 {over:.0} 元"),
                )
            }));
        }
    }
}
