//! Each elastic rule's reason against a case computed by hand: the need and the most the
//! data allows are the numbers the rule's requirement function gives, and they differ.

mod common;

use common::*;
use rotaplan::check::check_plan;
use rotaplan::domain::*;
use rotaplan::model::{Formulation, Instance, Why, WhyProof};
use rotaplan::rules::Rule;

/// The reason of the one violation of `rule` in a plan made and checked by the optimiser.
fn why_of(county: &County, policy: &Policy, rule: Rule) -> String {
    let r = plan_checked(county, policy);
    let found: Vec<_> = r.summary.violations.iter().filter(|v| v.rule == rule).collect();
    assert_eq!(found.len(), 1, "{:#?}", r.summary.violations);
    found[0].why.clone().expect("a plan of the optimiser says why")
}

/// Share 80%: 8 of the 10 eligible teachers must go; all 10 have a destination, but the
/// urban school keeps one teacher of each subject: at most 2 + 2 + 1 + 1 + 1 = 7 can leave
/// (Chinese 3, maths 3, English 1 of 2, music 1 of 2, PE 2 eligible).
#[test]
fn exchange_quota_names_the_teachers_who_can_leave() {
    let mut county = three_schools();
    county.schools[1].staff_quota = Some(20);
    county.schools[2].staff_quota = Some(20);
    let mut policy = simple_policy();
    policy.exchange.share = 0.8;
    assert_eq!(
        why_of(&county, &policy, Rule::ExchangeQuota),
        "the 80% share needs 8 exchanges; at most 7 of the eligible teachers with a destination can leave without leaving their school with no teacher of their subject"
    );
}

/// Share 60% is met in full when nothing else limits it: 6 of the 7 who can leave.
#[test]
fn exchange_quota_of_60_percent_is_met_when_the_data_allows() {
    let mut county = three_schools();
    county.schools[1].staff_quota = Some(20);
    county.schools[2].staff_quota = Some(20);
    let mut policy = simple_policy();
    policy.exchange.share = 0.6;
    let r = plan_checked(&county, &policy);
    assert!(r.summary.violations.iter().all(|v| v.rule != Rule::ExchangeQuota), "{:#?}", r.summary.violations);
    assert_eq!(r.plan.moves.len(), 6);
}

/// Backbone share 90% with two backbone teachers among the eligible: the quota needs 3
/// exchanges, so ceil(0.9 x 3) = 3 backbone teachers, and only 2 exist. Skipping the third
/// exchange would cost a whole teacher of quota, more than the 0.7 of backbone share.
#[test]
fn backbone_share_names_the_backbone_teachers_who_can_go() {
    let mut county = three_schools();
    county.schools[1].staff_quota = Some(20);
    county.schools[2].staff_quota = Some(20);
    county.teachers[0].backbone = Backbone::County;
    county.teachers[3].backbone = Backbone::County;
    let mut policy = simple_policy();
    policy.exchange.share = 0.3;
    policy.exchange.backbone_share = 0.9;
    assert_eq!(
        why_of(&county, &policy, Rule::BackboneShare),
        "the 90% backbone share of the 3 teachers exchanged needs 3 backbone teachers (county level and up); at most 2 eligible backbone teachers can go (a rural or weak school of their stage within 60 km, their school keeping a teacher of their subject); exchanging fewer teachers cannot help, as the exchange quota alone needs 3 exchanges"
    );
}

/// Backbone share 100%, measured on a plan written by hand (the optimiser's choice between
/// the quota and the share is a tie here): 3 exchanged, 2 of them backbone.
#[test]
fn backbone_share_of_100_percent_on_a_hand_made_plan() {
    let mut county = three_schools();
    county.teachers[0].backbone = Backbone::County;
    county.teachers[3].backbone = Backbone::County;
    let mut policy = simple_policy();
    policy.exchange.share = 0.3;
    policy.exchange.backbone_share = 1.0;
    let go = |teacher: usize, to: usize| Move {
        teacher,
        from: 0,
        to,
        kind: MoveKind::Exchange,
        term_years: 3,
        reasons: vec![],
    };
    let plan = Plan { moves: vec![go(0, 1), go(3, 2), go(1, 1)], placements: vec![] };
    let breaches = check_plan(&county, &policy, &plan);
    let b = breaches.iter().find(|b| b.rule == Rule::BackboneShare).expect("backbone breach");
    assert_eq!(b.amount, 1.0);
    let inst = Instance::new(&county, &policy, Formulation::Aggregated);
    let why = Why::new(&inst, &plan, WhyProof { optimum: None, declared: 1.0 }).of(b);
    assert_eq!(
        why,
        "the 100% backbone share of the 3 teachers exchanged needs 3 backbone teachers (county level and up); at most 2 eligible backbone teachers can go (a rural or weak school of their stage within 60 km, their school keeping a teacher of their subject); exchanging fewer teachers cannot help, as the exchange quota alone needs 3 exchanges"
    );
}

/// Three hires and room for two: the urban school is full, each rural school has one post
/// free (quota 4, 3 teachers, tolerance 0).
#[test]
fn staff_quota_names_the_room_for_hires() {
    let mut county = three_schools();
    county.new_hires = (0..3)
        .map(|i| NewHire {
            id: format!("H{i}"),
            subject: Subject::Chinese,
            degree: Degree::Bachelor,
            gender: None,
            monthly_pay: None,
        })
        .collect();
    let mut policy = simple_policy();
    policy.staffing.quota_tolerance = 0;
    policy.exchange.share = 0.0;
    let why = why_of(&county, &policy, Rule::StaffQuota);
    assert_eq!(
        why,
        "every one of the 3 new hires must be placed, and the staff ceilings of all schools leave room for only 2"
    );
}

/// Music at R2: the urban school's only eligible music teacher is its only music teacher
/// once the newcomer (2 years at the school) is gone from the data.
#[test]
fn coverage_names_the_only_teacher_of_the_subject() {
    let mut county = three_schools();
    county.teachers.retain(|t| t.id != "U09");
    let policy = simple_policy();
    assert_eq!(
        why_of(&county, &policy, Rule::Coverage),
        "each of the 1 eligible music teachers who could go there is the only music teacher of their school, and no new hire teaches music"
    );
}

/// A budget of 100 yuan a month and the cheapest destination pays 800: the quota's one
/// exchange costs 800.
#[test]
fn allowance_budget_names_the_cheapest_exchange() {
    let county = three_schools();
    let mut policy = simple_policy();
    policy.pay.allowance_rural = 800.0;
    policy.pay.allowance_weak = 0.0;
    policy.pay.allowance_budget_monthly = Some(100.0);
    assert_eq!(
        why_of(&county, &policy, Rule::AllowanceBudget),
        "the exchange quota's 1 exchanges cost at least 800 yuan a month at the lowest allowance (800), above the budget of 100"
    );
}

/// A rural school with no teacher before the plan: its pay is that of who arrives, never
/// "100% below the county mean".
#[test]
fn pay_band_of_a_school_without_teachers() {
    let mut county = three_schools();
    county.schools.push(school("R3", Locale::Rural, 30, 4, (5.0, 5.0)));
    for t in county.teachers.iter_mut().filter(|t| t.subject == Subject::Pe && t.school == 0) {
        t.monthly_pay = 9000.0;
    }
    let mut posts = county.demand.take().expect("demand").posts;
    posts.insert((3, Subject::Pe), 1);
    county.demand = Some(Demand { posts });
    let mut policy = simple_policy();
    policy.pay.tolerance = 0.1;
    let why = why_of(&county, &policy, Rule::PayBand);
    assert!(
        why.starts_with(
            "R3 had no teachers before the plan, so its mean pay is that of the teachers the plan gives it; "
        ),
        "{why}"
    );
    assert!(why.ends_with("proven, and this plan attains it"), "{why}");
    assert!(!why.contains("100.0%"), "{why}");
}
