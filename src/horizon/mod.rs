//! `rotaplan horizon`: plans several consecutive school years, each optimised given the
//! earlier ones (rolling, not clairvoyant). Year `Y` is planned on the county's view of `Y`
//! ([`year_view`]), its plan is checked by the independent checker against the record
//! (rules C019 and C020 among the others), and the county advances to `Y + 1`
//! ([`advance::next_year`]).

pub mod advance;
pub mod output;

use crate::check::check_plan;
use crate::domain::cycle::year_view;
use crate::domain::{staff_after, County, Locale, MoveKind, Plan, Policy};
use crate::planner::{make_plan, PlanResult};
use crate::rules::{self, Rule};
use crate::solve::SolveOptions;
use crate::staffing;
use anyhow::Result;
use serde::Serialize;

/// One CV of a teacher or facility indicator in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearCv {
    pub stage: &'static str,
    pub indicator: &'static str,
    pub cv: Option<f64>,
    pub pass: Option<bool>,
}

/// One year of a horizon: what happened and where the county stands after the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearRow {
    pub year: u32,
    pub status: &'static str,
    pub teachers: usize,
    pub eligible: usize,
    pub exchanges: usize,
    /// Terms the plan extends by this year (`[cycle] extend_terms`).
    pub extensions: usize,
    /// Teachers back at their home school this year (their term ended last year and was
    /// not extended).
    pub returns: usize,
    /// Teachers away on a term during the year, this year's exchanges included.
    pub away: usize,
    /// Retirements at the end of the year (their hires come next year).
    pub retirements: usize,
    pub hires: usize,
    /// Unfilled subject posts after the plan, by locale of the school.
    pub unfilled_urban: u32,
    pub unfilled_town: u32,
    pub unfilled_rural: u32,
    /// Share of the teachers due by tenure (sending school, not exempt, enough years) who
    /// have been exchanged at least once, this year's exchanges included.
    pub rotated_share: f64,
    pub quota_met: bool,
    /// Rules the independent checker finds broken (codes), hard ones included.
    pub breaches: Vec<&'static str>,
    pub cvs: Vec<YearCv>,
}

impl YearRow {
    /// The year's head counts in the order every table shows them: teachers, eligible,
    /// exchanges, extensions, returns, away, retirements, hires.
    pub fn counts(&self) -> [usize; 8] {
        [
            self.teachers,
            self.eligible,
            self.exchanges,
            self.extensions,
            self.returns,
            self.away,
            self.retirements,
            self.hires,
        ]
    }
}

/// Each year's county (as planned), plan and row.
pub struct YearRun {
    pub county: County,
    pub result: PlanResult,
    pub row: YearRow,
}

/// Plans `years` consecutive school years from `first_year`, starting from `county` as read
/// (teachers at their home schools). `each` sees every year as soon as it is planned.
pub fn run_horizon(
    county: &County,
    policy: &Policy,
    (first_year, years): (u32, u32),
    opts: &SolveOptions,
    each: &mut dyn FnMut(&YearRun) -> Result<()>,
) -> Result<Vec<YearRow>> {
    let mut home = county.clone();
    advance::enrol(&mut home, first_year);
    let mut rows = Vec::new();
    for year in first_year..first_year + years {
        let view = year_view(&home, policy, year);
        let result = make_plan(&view, policy, opts)?;
        let (next, turnover) = advance::next_year(&view, policy, &result.plan, year);
        let row = year_row(&view, policy, &result, year, turnover.retirements);
        let run = YearRun { county: view, result, row };
        each(&run)?;
        rows.push(run.row);
        home = next;
    }
    Ok(rows)
}

fn year_row(view: &County, policy: &Policy, result: &PlanResult, year: u32, retirements: usize) -> YearRow {
    let plan = &result.plan;
    let s = &result.summary;
    let kind = |k: MoveKind| plan.moves.iter().filter(|m| m.kind == k).count();
    let (exchanges, extensions) = (kind(MoveKind::Exchange), kind(MoveKind::Extension));
    let returns =
        view.teachers.iter().filter(|t| t.cycle.returned == Some(year - 1)).count().saturating_sub(extensions);
    let away = view.teachers.iter().filter(|t| t.cycle.away.is_some()).count() + exchanges + extensions;
    let [unfilled_urban, unfilled_town, unfilled_rural] = unfilled(view, policy, plan);
    let breaches: Vec<&'static str> = check_plan(view, policy, plan).iter().map(|b| b.rule.code()).collect();
    let quota_met = !breaches.contains(&Rule::ExchangeQuota.code());
    let cvs = s
        .metrics
        .after
        .stages
        .iter()
        .flat_map(|g| {
            g.indicators.iter().filter(|i| i.threshold.is_some()).map(|i| YearCv {
                stage: g.stage.name(),
                indicator: i.key,
                cv: i.cv,
                pass: i.pass,
            })
        })
        .collect();
    YearRow {
        year,
        status: s.status.as_str(),
        teachers: view.teachers.len(),
        eligible: s.counts.eligible,
        exchanges,
        extensions,
        returns,
        away,
        retirements,
        hires: view.new_hires.len(),
        unfilled_urban,
        unfilled_town,
        unfilled_rural,
        rotated_share: rotated_share(view, policy, plan),
        quota_met,
        breaches,
        cvs,
    }
}

/// Unfilled subject posts after the plan (demand above teachers present), by locale.
fn unfilled(county: &County, policy: &Policy, plan: &Plan) -> [u32; 3] {
    let demand = staffing::subject_demand(county, policy);
    let staff = staff_after(county, policy, plan);
    let present = staffing::present_by_subject(county.schools.len(), staff.iter().map(|s| (s.school, s.subject)));
    let mut out = [0; 3];
    for (s, school) in county.schools.iter().enumerate() {
        let gap: u32 = demand[s].iter().zip(&present[s]).map(|(d, p)| d.saturating_sub(*p)).sum();
        let i = match school.locale {
            Locale::Urban => 0,
            Locale::Town => 1,
            Locale::Rural => 2,
        };
        out[i] += gap;
    }
    out
}

/// Among the teachers due by tenure (at a sending home school, not exempt, at least the
/// minimum years there), the share exchanged at least once, this year's plan included.
fn rotated_share(county: &County, policy: &Policy, plan: &Plan) -> f64 {
    let sent: std::collections::HashSet<usize> = plan.moves.iter().map(|m| m.teacher).collect();
    let due: Vec<usize> = (0..county.teachers.len())
        .filter(|&i| {
            let t = &county.teachers[i];
            let home = crate::domain::cycle::home_school(t);
            county.schools[home].is_sending()
                && !t.exempt
                && !rules::exempt_by_age(t, policy)
                && t.years_at_school >= policy.eligibility.min_years_at_school
        })
        .collect();
    if due.is_empty() {
        return 0.0;
    }
    let rotated = due.iter().filter(|&&i| county.teachers[i].cycle.rotated || sent.contains(&i)).count();
    rotated as f64 / due.len() as f64
}
