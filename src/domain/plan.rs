//! A plan: who is exchanged where, where each new hire goes. Made by the solver, by a
//! baseline rule, or by hand; read back by `check` and `evaluate`.

use super::county::County;
use super::enums::{Backbone, Degree, Subject, Title};
use super::policy::Policy;

/// Exchange: a term elsewhere, then back. Transfer: permanent. Extension: a teacher whose
/// term ended last school year kept at the host for one more year (`[cycle] extend_terms`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MoveKind {
    Exchange,
    Transfer,
    Extension,
}

impl MoveKind {
    pub fn name(self) -> &'static str {
        match self {
            MoveKind::Exchange => "exchange",
            MoveKind::Transfer => "transfer",
            MoveKind::Extension => "extension",
        }
    }
    /// The Chinese word, as the plan workbook writes it.
    pub fn chinese(self) -> &'static str {
        match self {
            MoveKind::Exchange => "交流",
            MoveKind::Transfer => "调动",
            MoveKind::Extension => "延期",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "exchange" | "交流" | "轮岗" | "交流轮岗" => Some(MoveKind::Exchange),
            "transfer" | "调动" | "调任" => Some(MoveKind::Transfer),
            "extension" | "延期" | "延长" | "延长交流" => Some(MoveKind::Extension),
            _ => None,
        }
    }
}

/// One teacher sent from their school to another.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    /// Index into `County::teachers`.
    pub teacher: usize,
    pub from: usize,
    pub to: usize,
    pub kind: MoveKind,
    pub term_years: u32,
    /// Codes such as `shortage:english`, `exchange_quota`, `balance:backbone_per_100`.
    pub reasons: Vec<String>,
}

/// One new hire placed at a school.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// Index into `County::new_hires`.
    pub hire: usize,
    pub school: usize,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub moves: Vec<Move>,
    pub placements: Vec<Placement>,
}

/// A teaching post holder as the indicators count them: a teacher or a placed hire, at the
/// school where they teach this term.
#[derive(Debug, Clone, PartialEq)]
pub struct Staff {
    pub school: usize,
    pub subject: Subject,
    pub degree: Degree,
    pub title: Title,
    pub backbone: Backbone,
    /// Pay at this school: an exchanged teacher keeps their pay and receives the
    /// receiving school's allowance; a hire gets their base pay plus that allowance.
    pub monthly_pay: f64,
}

/// Who teaches where before any plan.
pub fn staff_before(county: &County) -> Vec<Staff> {
    county
        .teachers
        .iter()
        .map(|t| Staff {
            school: t.school,
            subject: t.subject,
            degree: t.degree,
            title: t.title,
            backbone: t.backbone,
            monthly_pay: t.monthly_pay,
        })
        .collect()
}

/// Who teaches where once the plan is carried out. Indices in the plan must be valid
/// for `county` (the plan reader guarantees it).
pub fn staff_after(county: &County, policy: &Policy, plan: &Plan) -> Vec<Staff> {
    let mut staff = staff_before(county);
    for m in &plan.moves {
        let to = &county.schools[m.to];
        let s = &mut staff[m.teacher];
        s.school = m.to;
        s.monthly_pay += policy.allowance(to.locale, to.weak);
    }
    for p in &plan.placements {
        let hire = &county.new_hires[p.hire];
        let school = &county.schools[p.school];
        staff.push(Staff {
            school: p.school,
            subject: hire.subject,
            degree: hire.degree,
            title: Title::None,
            backbone: Backbone::None,
            monthly_pay: hire.monthly_pay.unwrap_or(policy.pay.new_hire_monthly_pay)
                + policy.allowance(school.locale, school.weak),
        });
    }
    staff
}
