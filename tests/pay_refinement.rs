//! A refinement makes the pay rows of the schools where the relaxation was not tight exact,
//! at the cost of their arrivals only (docs/model.md, "Naming"): the members of a unit
//! whose pay differs get columns of their own to those schools, and everyone else stays
//! aggregated. Every plan is re-checked by the independent checker (`plan_checked`).

mod common;

use common::*;
use rotaplan::domain::*;
use rotaplan::model::{Formulation, Instance};
use rotaplan::planner::PlanResult;
use rotaplan::solve::Status;

/// Urban U with a Chinese class {senior at 9,000, junior at 5,000}, a third Chinese
/// teacher too new to go, and twelve interchangeable maths teachers at 6,000; two tiny
/// rural schools R1 and R2 (one teacher each), short of a Chinese teacher, whose 10% pay
/// band the senior breaks and the junior does not; six rural schools R3..R8 of eight
/// teachers that the senior does not move out of the band. The Chinese pair is due to
/// rotate when `due` (years at U: 20 and 8, against 20 and 7).
fn county(due: bool) -> County {
    use Subject::*;
    let mut schools = vec![school("U", Locale::Urban, 400, 16, (0.0, 0.0))];
    let mut teachers = vec![
        teacher("U_senior", 0, Chinese, 20),
        teacher("U_junior", 0, Chinese, if due { 8 } else { 7 }),
        teacher("U_new", 0, Chinese, 2),
    ];
    teachers[0].monthly_pay = 9000.0;
    teachers[1].monthly_pay = 5000.0;
    for i in 0..12 {
        teachers.push(teacher(&format!("U_math{i:02}"), 0, Math, 6));
    }
    let mut posts = vec![(0, Chinese, 1), (0, Math, 10)];
    for r in 1..=8 {
        let tiny = r <= 2;
        let (students, quota, staff) = if tiny { (40, 3, 1) } else { (150, 10, 8) };
        schools.push(school(&format!("R{r}"), Locale::Rural, students, quota, (3.0 * r as f64, 4.0)));
        for i in 0..staff {
            teachers.push(teacher(&format!("R{r}_{i}"), r, Math, 3));
        }
        posts.push((r, Math, staff as u32));
        if tiny {
            posts.push((r, Chinese, 1));
        }
    }
    County { schools, teachers, demand: Some(demand(&posts)), ..Default::default() }
}

fn policy(due: bool) -> Policy {
    let mut policy = simple_policy();
    policy.pay.tolerance = 0.10;
    if due {
        policy.cycle.rotate_within_years = 3;
    }
    policy
}

/// The written plan breaks the rules by exactly the least the violations stage proved,
/// and the relaxation was tight for it.
fn assert_proven_least(r: &PlanResult) {
    let declared: f64 = r.summary.violations.iter().map(|v| v.amount).sum();
    let stage = r.summary.stages.iter().find(|s| s.term == Term::Violations).expect("violations stage");
    assert_eq!(stage.status, Status::Optimal);
    assert!((declared - stage.reached).abs() <= 1e-6 * stage.reached.max(1.0), "{declared} against {}", stage.reached);
    assert!(r.summary.pay_relaxation_tight);
}

/// The pairs of the model refined at `exact` if every teacher who could be sent to one of
/// them were a unit of their own, with a pair to each of their destinations.
fn pairs_with_everyone_alone(inst: &Instance<'_>, exact: &[usize]) -> usize {
    let mut pairs = 0;
    for (u, unit) in inst.units.iter().enumerate() {
        let to: Vec<usize> = inst.pairs.iter().filter(|p| p.unit == u).map(|p| p.to).collect();
        let reaches = to.iter().any(|s| exact.contains(s));
        pairs += if reaches { unit.members.len() * to.len() } else { to.len() };
    }
    pairs
}

/// The tenure order sends the senior to R1 and the counts send the class to both tiny
/// schools, so no naming keeps both bands: the model is refined at R1 and R2, where the
/// junior alone can fill a Chinese post.
#[test]
fn a_tiny_school_is_refined_at_the_cost_of_its_arrivals() {
    let (county, policy) = (county(false), policy(false));
    let r = plan_checked(&county, &policy);
    assert_proven_least(&r);
    let id = |t: usize| county.teachers[t].id.as_str();
    let chinese = |m: &&Move| county.teachers[m.teacher].subject == Subject::Chinese;
    let chinese: Vec<(&str, usize)> = r.plan.moves.iter().filter(chinese).map(|m| (id(m.teacher), m.to)).collect();
    assert!(matches!(chinese.as_slice(), [("U_junior", 1 | 2)]), "{chinese:?}");

    let aggregated = Instance::new(&county, &policy, Formulation::Aggregated);
    let refined = Instance::refined(&county, &policy, Formulation::Aggregated, &[1, 2], None);
    assert_eq!(r.summary.model.exchange_pairs, refined.pairs.len(), "the plan is the refined model's");
    // Eight destinations for the maths class and the Chinese class (16 pairs); refined, the
    // Chinese class keeps six, and each of its two members gets R1 and R2.
    assert_eq!((aggregated.pairs.len(), refined.pairs.len()), (16, 18));
    assert_eq!(pairs_with_everyone_alone(&aggregated, &[1, 2]), 112);
}

/// Both Chinese teachers are due (rule C021): the rotation row counts the class and its
/// members' own columns together. The junior goes to a tiny school by their own column, the
/// senior by the class's count to a school whose band they keep.
#[test]
fn a_due_class_is_sent_whole_by_its_count_and_its_members_columns() {
    let (county, policy) = (county(true), policy(true));
    let r = plan_checked(&county, &policy);
    assert_proven_least(&r);
    assert!(r.summary.violations.is_empty(), "{:?}", r.summary.violations);
    let to = |id: &str| r.plan.moves.iter().find(|m| m.teacher == index(&county, id)).map(|m| m.to);
    assert!(matches!(to("U_junior"), Some(1 | 2)), "{:?}", to("U_junior"));
    assert!(matches!(to("U_senior"), Some(3..=8)), "{:?}", to("U_senior"));
    let refined = Instance::refined(&county, &policy, Formulation::Aggregated, &[1, 2], None);
    assert_eq!(r.summary.model.exchange_pairs, refined.pairs.len(), "the plan is the refined model's");
}
