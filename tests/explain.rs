//! `explain` on a small county where the true reason of each decision is known by
//! construction, and `--cost` against the two plans' terms recomputed independently.
//!
//! Two urban schools U (0, 0) and V (30, 0), alike but for an art teacher at U and an
//! "other" teacher at V, each with a spare English teacher due to exchange; a rural school
//! R (10, 0) short of English, PE and art, with room for two more staff; an urban school W
//! (200, 0) whose one teacher due to exchange has no school within the 60 km cap; one PE
//! hire. Due to exchange: U_eng, V_eng, U_art (U's only art teacher), W_pe: the 10% quota
//! asks one exchange. The optimum sends U_eng to R (10 km, V_eng would travel 20) and
//! places the PE hire at R; R's art post stays open (U_art may not leave, rule C013).

mod common;

use common::*;
use rotaplan::check::{check_plan, indicator_spreads};
use rotaplan::domain::*;
use rotaplan::explain::{self, Context, Fact, Filler, Proof};
use rotaplan::planner::PlanResult;
use rotaplan::rules::Rule;
use rotaplan::solve::SolveOptions;

fn county() -> County {
    use Subject::*;
    let schools = vec![
        school("U", Locale::Urban, 190, 12, (0.0, 0.0)),
        school("V", Locale::Urban, 190, 12, (30.0, 0.0)),
        school("R", Locale::Rural, 60, 4, (10.0, 0.0)),
        school("W", Locale::Urban, 40, 3, (200.0, 0.0)),
    ];
    let mut teachers = Vec::new();
    for (s, p) in [(0, "U"), (1, "V")] {
        for (i, k) in [Chinese, Chinese, Chinese, Math, Math, Math, Pe, Pe].iter().enumerate() {
            teachers.push(teacher(&format!("{p}{i}"), s, *k, 2));
        }
        teachers.push(teacher(&format!("{p}_eng"), s, English, 8));
        teachers.push(teacher(&format!("{p}_eng2"), s, English, 2));
    }
    teachers.push(teacher("U_art", 0, Art, 8));
    teachers.push(teacher("V_other", 1, Other, 2));
    teachers.push(teacher("R_chi", 2, Chinese, 3));
    teachers.push(teacher("R_math", 2, Math, 3));
    teachers.push(teacher("W_pe", 3, Pe, 8));
    let mut rows = Vec::new();
    for s in [0, 1] {
        rows.extend([(s, Chinese, 3), (s, Math, 3), (s, English, 1), (s, Pe, 2)]);
    }
    rows.extend([(0, Art, 1), (1, Other, 1), (2, Chinese, 1), (2, Math, 1), (2, English, 1), (2, Pe, 1)]);
    rows.extend([(2, Art, 1), (3, Pe, 1)]);
    let hire = NewHire { id: "H_pe".into(), subject: Pe, degree: Degree::Bachelor, gender: None, monthly_pay: None };
    County { schools, teachers, new_hires: vec![hire], demand: Some(demand(&rows)), ..Default::default() }
}

fn facts(county: &County, plan: &Plan, id: &str) -> (Option<String>, Vec<Fact>) {
    let policy = simple_policy();
    let ctx = Context::new(county, &policy, plan);
    let e = explain::explain_teacher(&ctx, index(county, id));
    (e.moved_to, e.facts)
}

fn planned() -> (County, PlanResult) {
    let county = county();
    let result = plan_checked(&county, &simple_policy());
    (county, result)
}

#[test]
fn the_plan_of_the_county_is_the_one_constructed() {
    let (county, r) = planned();
    let moves: Vec<_> = r
        .plan
        .moves
        .iter()
        .map(|m| (county.teachers[m.teacher].id.as_str(), county.schools[m.to].id.as_str()))
        .collect();
    assert_eq!(moves, [("U_eng", "R")]);
    assert_eq!(r.plan.placements.iter().map(|p| p.school).collect::<Vec<_>>(), [2]);
}

#[test]
fn a_moved_teacher_serves_the_hosts_shortage_and_the_quota() {
    let (county, r) = planned();
    let (to, facts) = facts(&county, &r.plan, "U_eng");
    assert_eq!(to.as_deref(), Some("R"));
    assert_eq!(facts[0], Fact::Eligible { years: 8, min: 6 });
    let shortage = Fact::Shortage { school: "R".into(), subject: Subject::English, posts: 1, before: 0, after: 1 };
    assert!(facts.contains(&shortage), "{facts:#?}");
    assert!(facts.contains(&Fact::Quota { exchanged: 1, needed: 1, eligible: 4, school: None }), "{facts:#?}");
    let home = Fact::HomeStillCovered { school: "U".into(), subject: Subject::English, posts: 1, after: 1 };
    assert_eq!(facts.last(), Some(&home));
    // English is no PE, music or art subject: no coverage; the backbone share is off.
    assert!(!facts.iter().any(|f| matches!(f, Fact::Coverage { .. } | Fact::Backbone { .. })), "{facts:#?}");
}

#[test]
fn an_unmoved_teacher_whose_need_was_met_nearer_says_by_whom() {
    let (county, r) = planned();
    let (to, facts) = facts(&county, &r.plan, "V_eng");
    assert_eq!(to, None);
    let by = vec![Filler { id: "U_eng".into(), from: Some("U".into()), km: Some(10.0) }];
    let filled = Fact::FilledBy { school: "R".into(), subject: Subject::English, by, own_km: Some(20.0) };
    let spare = Fact::HomeHasSpare { school: "V".into(), subject: Subject::English, posts: 1, after: 2 };
    let quota = Fact::Quota { exchanged: 1, needed: 1, eligible: 4, school: None };
    assert_eq!(facts, [Fact::Eligible { years: 8, min: 6 }, spare, filled, quota]);
    let words = facts[2].words(rotaplan::cli::Lang::En);
    assert!(words.contains("U_eng from U (10.0 km, nearer)") && words.contains("20.0 km away"), "{words}");
}

#[test]
fn the_last_teacher_of_a_subject_stays_by_rule_c013() {
    let (county, r) = planned();
    let (to, facts) = facts(&county, &r.plan, "U_art");
    assert_eq!(to, None);
    assert_eq!(facts[1], Fact::OnlyTeacher { school: "U".into(), subject: Subject::Art });
    let still = Fact::StillShort { school: "R".into(), subject: Subject::Art, short: 1, room: 0 };
    assert!(facts.contains(&still), "{facts:#?}");
    // The checker agrees that R's art is not covered, and the plan cannot send U_art.
    let breaches = check_plan(&county, &simple_policy(), &r.plan);
    assert!(breaches.iter().any(|b| b.rule == Rule::Coverage && b.school == Some(2)), "{breaches:#?}");
}

#[test]
fn a_teacher_with_no_school_in_reach_and_an_ineligible_one() {
    let (county, r) = planned();
    assert_eq!(facts(&county, &r.plan, "W_pe").1[1], Fact::Nowhere { km: 60.0 });
    assert_eq!(facts(&county, &r.plan, "U_eng2").1, [Fact::TooNew { years: 2, min: 6 }]);
    assert_eq!(facts(&county, &r.plan, "R_chi").1, [Fact::SchoolDoesNotSend { school: "R".into() }]);
}

#[test]
fn a_teacher_locked_to_stay_is_explained_by_the_lock() {
    let mut county = county();
    let u = index(&county, "U_eng");
    county.locks = vec![Lock { who: Locked::Teacher(u), word: LockWord::Stay, school: None, line: 2 }];
    let r = plan_checked(&county, &simple_policy());
    assert_eq!(facts(&county, &r.plan, "U_eng").1[1..].to_vec(), vec![Fact::LockedStay { line: 2 }]);
    assert_eq!(facts(&county, &r.plan, "V_eng").0.as_deref(), Some("R"));
}

#[test]
fn a_hire_and_a_school_are_explained_by_the_needs_they_meet() {
    let (county, r) = planned();
    let policy = simple_policy();
    let ctx = Context::new(&county, &policy, &r.plan);
    let h = explain::explain_hire(&ctx, 0);
    assert_eq!(h.placed_at.as_deref(), Some("R"));
    assert_eq!(h.facts[0], Fact::Shortage { school: "R".into(), subject: Subject::Pe, posts: 1, before: 0, after: 1 });
    assert_eq!(h.facts[1], Fact::Coverage { school: "R".into(), subject: Subject::Pe });
    let s = explain::explain_school(&ctx, 2);
    assert!(s.receives && !s.sends && s.sent.is_empty());
    assert_eq!(s.received.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["U_eng"]);
    assert_eq!(s.hires.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["H_pe"]);
    let english = s.posts.iter().find(|p| p.subject == Subject::English).unwrap();
    assert_eq!((english.posts, english.before, english.after), (1, 0, 1));
    // R's staff: 2 teachers for 60 students before, 4 after.
    let spt = s.indicators.iter().find(|i| i.key == "students_per_teacher").unwrap();
    assert_eq!((spt.before, spt.after), (Some(30.0), Some(15.0)));
    let u = explain::explain_school(&ctx, 0);
    assert_eq!(u.sent.iter().map(|m| (m.id.as_str(), m.other.as_deref())).collect::<Vec<_>>(), [("U_eng", Some("R"))]);
}

/// The terms of a plan recomputed apart from the explain module: violations from the
/// checker, shortage from the evaluation's subject gaps, balance from the checker's
/// indicator spreads, moves and distance from the plan.
fn terms(county: &County, policy: &Policy, plan: &Plan) -> [f64; 5] {
    let violations = check_plan(county, policy, plan).iter().filter(|b| b.rule.is_elastic()).map(|b| b.amount).sum();
    let eval = rotaplan::metrics::evaluate(county, policy, &staff_after(county, policy, plan));
    let shortage = eval
        .subjects
        .schools
        .iter()
        .zip(&county.schools)
        .map(|(s, school)| policy.priority_weight(school.locale, school.weak) * f64::from(s.total.shortage))
        .sum();
    let balance = indicator_spreads(county, policy, plan).iter().map(|x| x.3).sum();
    let distance = plan.moves.iter().map(|m| county.distance_km(m.from, m.to).unwrap()).sum();
    [violations, shortage, balance, plan.moves.len() as f64, distance]
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(1.0)
}

#[test]
fn keeping_a_moved_teacher_home_costs_the_difference_of_the_two_plans() {
    let (county, r) = planned();
    let policy = simple_policy();
    let proof = Proof { status: Some(r.summary.status.as_str().into()), gap: Some(r.summary.mip_gap) };
    let u = index(&county, "U_eng");
    let cost = explain::counterfactual(&county, &policy, &r.plan, proof, u, &SolveOptions::default()).unwrap();
    assert_eq!(cost.lock, LockWord::Stay);
    assert!(cost.blocked.is_empty() && cost.other_proof.is_optimal() && cost.plan_proof.is_optimal());
    // The other plan keeps U_eng home, sends V_eng 20 km, and breaks no hard rule.
    let mut locked = county.clone();
    locked.locks.push(Lock { who: Locked::Teacher(u), word: LockWord::Stay, school: None, line: 0 });
    assert!(check_plan(&locked, &policy, &cost.other_plan).iter().all(|b| b.rule.is_elastic()));
    assert_eq!(cost.other_plan.moves.iter().map(|m| m.teacher).collect::<Vec<_>>(), [index(&county, "V_eng")]);
    let (a, b) = (terms(&county, &policy, &r.plan), terms(&county, &policy, &cost.other_plan));
    let names = ["violations", "shortage", "balance", "moves", "distance"];
    for (i, t) in cost.terms.iter().enumerate() {
        assert_eq!(t.term, names[i]);
        assert!(close(t.plan, a[i]) && close(t.other, b[i]), "{t:?} against {} and {}", a[i], b[i]);
        // The plan's term as the solver reported it.
        assert!(close(t.plan, r.summary.objective[names[i]]), "{t:?}");
    }
    assert!(close(b[4] - a[4], 10.0), "20 km against 10 km");
    assert_eq!(cost.decisive, Some("distance"));
    assert!(cost.posts.is_empty());
}

#[test]
fn sending_a_teacher_who_cannot_go_names_the_hard_rule() {
    let (county, r) = planned();
    let policy = simple_policy();
    let opts = SolveOptions::default();
    let blocked = |id: &str| {
        let c = explain::counterfactual(&county, &policy, &r.plan, Proof::default(), index(&county, id), &opts);
        c.unwrap().blocked.iter().map(|b| b.rule).collect::<Vec<_>>()
    };
    assert_eq!(blocked("U_art"), [Rule::SenderSubject]);
    assert_eq!(blocked("W_pe"), [Rule::Destination]);
    assert_eq!(blocked("U_eng2"), [Rule::Eligibility]);
    let c = explain::counterfactual(&county, &policy, &r.plan, Proof::default(), index(&county, "U_art"), &opts);
    let text = explain::render::cost(rotaplan::cli::Lang::En, &c.unwrap());
    assert!(text.contains("[C013]") && text.contains("all 1 art teachers of U away"), "{text}");
}

#[test]
fn unknown_ids_are_all_named() {
    let county = county();
    let ids: Vec<String> = ["U_eng", "nobody", "R", "H_pe", "u_eng"].iter().map(|s| s.to_string()).collect();
    assert_eq!(explain::resolve(&county, &ids).unwrap_err(), ["nobody", "u_eng"]);
}
