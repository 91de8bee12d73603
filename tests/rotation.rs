//! Two rules of the yearly cycle on the three-school county: everyone eligible rotates
//! within K years (`[cycle] rotate_within_years`, rule C021) and a term the plan extends
//! by a year where the host needs the teacher (`[cycle] extend_terms`, rule C022). Every
//! plan is re-checked by the independent checker (`plan_checked`).

mod common;

use assert_cmd::Command;
use common::*;
use rotaplan::check::check_plan;
use rotaplan::domain::cycle::record_after;
use rotaplan::domain::*;
use rotaplan::explain;
use rotaplan::rules::{self, Rule};

fn moved(county: &County, plan: &Plan) -> Vec<(String, String, MoveKind)> {
    plan.moves
        .iter()
        .map(|m| (county.teachers[m.teacher].id.clone(), county.schools[m.to].id.clone(), m.kind))
        .collect()
}

/// The county with every eligible teacher of U in their first year of eligibility (6 years
/// at the school) but those of `due`, in their third (8 years).
fn with_third_year(due: &[&str]) -> County {
    let mut county = three_schools();
    for t in &mut county.teachers {
        if t.school == 0 && t.years_at_school == 8 {
            t.years_at_school = if due.contains(&t.id.as_str()) { 8 } else { 6 };
        }
    }
    county
}

fn within(k: u32) -> Policy {
    let mut policy = simple_policy();
    policy.cycle.rotate_within_years = k;
    policy
}

#[test]
fn a_teacher_in_the_kth_year_of_eligibility_is_due_and_sent() {
    let county = with_third_year(&["U00"]);
    let policy = within(3);
    let due: Vec<&str> =
        rules::due_teachers(&county, &policy).iter().map(|&t| county.teachers[t].id.as_str()).collect();
    assert_eq!(due, ["U00"], "only the third-year teacher is due with K = 3");
    assert!(rules::due_teachers(&county, &within(4)).is_empty(), "nobody is in a fourth year");
    assert!(rules::due_teachers(&county, &within(0)).is_empty(), "0 turns the rule off");
    // Off, the quota's one exchange goes to the shortages (English to R1, music to R2).
    let off = plan_checked(&county, &simple_policy());
    assert!(moved(&county, &off.plan).iter().all(|(t, _, _)| t != "U00"), "{:?}", moved(&county, &off.plan));
    let r = plan_checked(&county, &policy);
    let m = r.plan.moves.iter().find(|m| county.teachers[m.teacher].id == "U00").expect("U00 is sent");
    assert_eq!(m.kind, MoveKind::Exchange);
    assert!(m.reasons.contains(&Rule::RotationDue.key().to_string()), "{:?}", m.reasons);
    assert!(r.summary.violations.iter().all(|v| v.rule != Rule::RotationDue), "{:?}", r.summary.violations);
    // `explain` says why U00 goes.
    let ctx = explain::Context::new(&county, &policy, &r.plan);
    let e = explain::explain_teacher(&ctx, index(&county, "U00"));
    assert!(e.facts.contains(&explain::Fact::RotationDue { years: 3, within: 3 }), "{:?}", e.facts);
    // A hand-made plan without U00 breaks C021 by one teacher, at U and in Chinese.
    let u00 = index(&county, "U00");
    let without =
        Plan { moves: r.plan.moves.iter().filter(|m| m.teacher != u00).cloned().collect(), placements: vec![] };
    let b: Vec<_> =
        check_plan(&county, &policy, &without).into_iter().filter(|b| b.rule == Rule::RotationDue).collect();
    assert_eq!(b.len(), 1, "{b:?}");
    assert_eq!((b[0].amount, b[0].school, b[0].subject), (1.0, Some(0), Some(Subject::Chinese)));
    assert!(b[0].message.contains("U00"), "{}", b[0].message);
}

#[test]
fn the_cool_off_restarts_the_count() {
    // U00 back after 2020 (cool-off 3 years): eligible again from 2024, so in 2026 the
    // third year of eligibility without an exchange, though 8 years at the school anyway.
    let mut county = with_third_year(&["U00"]);
    let u00 = index(&county, "U00");
    let term = |start| ExchangeTerm {
        teacher: u00,
        home: 0,
        host: 2,
        kind: MoveKind::Exchange,
        start_year: start,
        term_years: 3,
        end_year: None,
        line: 2,
    };
    county.cycle.record.push(term(2018));
    let policy = within(3);
    let view = year_view(&county, &policy, 2026);
    assert_eq!(rules::years_eligible(&view, u00, &policy), Some(3));
    assert!(rules::rotation_due(&view, u00, &policy));
    county.cycle.record[0] = term(2020); // back after 2022: eligible from 2026, first year
    let view = year_view(&county, &policy, 2026);
    assert_eq!(rules::years_eligible(&view, u00, &policy), Some(1));
    assert!(!rules::rotation_due(&view, u00, &policy));
}

#[test]
fn a_rule_the_county_cannot_meet_is_reported_with_its_amount_and_reason() {
    // Both PE teachers of U are due; U must keep one of them (a sending school keeps its
    // subjects), so one cannot rotate: C021 unmet by one teacher, and the reason says why.
    let county = with_third_year(&["U10", "U11"]);
    let policy = within(3);
    let r = plan_checked(&county, &policy);
    let pe = r.plan.moves.iter().filter(|m| county.teachers[m.teacher].subject == Subject::Pe).count();
    assert_eq!(pe, 1, "{:?}", moved(&county, &r.plan));
    let v: Vec<_> = r.summary.violations.iter().filter(|v| v.rule == Rule::RotationDue).collect();
    assert_eq!(v.len(), 1, "{:?}", r.summary.violations);
    assert_eq!(
        (v[0].code, v[0].amount, v[0].school.as_deref(), v[0].subject.as_deref()),
        ("C021", 1.0, Some("U"), Some("pe"))
    );
    let why = v[0].why.as_deref().unwrap_or("");
    assert!(why.contains("at most 1 can leave with the school keeping a teacher of pe"), "{why}");
    assert!(r.summary.checker_agrees);
}

/// U06 on a term at R1 from 2023 to 2025: back at U in 2026, R1 short of English again.
fn returned_from_r1() -> County {
    let mut county = three_schools();
    let u06 = index(&county, "U06");
    county.cycle.record.push(ExchangeTerm {
        teacher: u06,
        home: 0,
        host: 1,
        kind: MoveKind::Exchange,
        start_year: 2023,
        term_years: 3,
        end_year: None,
        line: 2,
    });
    county
}

fn extending() -> Policy {
    let mut policy = simple_policy();
    policy.cycle.extend_terms = true;
    policy
}

#[test]
fn a_term_is_extended_where_the_host_needs_the_teacher() {
    let policy = extending();
    let view = year_view(&returned_from_r1(), &policy, 2026);
    let u06 = index(&view, "U06");
    assert_eq!(rules::extension_host(&view, u06, &policy), Some(1));
    assert_eq!(rules::extension_host(&view, u06, &simple_policy()), None, "off by default");
    let r = plan_checked(&view, &policy);
    let m = r.plan.moves.iter().find(|m| m.teacher == u06).expect("U06 kept at R1");
    assert_eq!((m.from, m.to, m.kind, m.term_years), (0, 1, MoveKind::Extension, 1));
    assert!(m.reasons.contains(&"shortage:english".to_string()), "{:?}", m.reasons);
    // `explain` words it as an extension where the host needs the teacher, not as a
    // teacher moved against the cool-off.
    let e = explain::explain_teacher(&explain::Context::new(&view, &policy, &r.plan), u06);
    assert!(e.facts.contains(&explain::Fact::Extended { host: "R1".into() }), "{:?}", e.facts);
    assert!(!e.facts.contains(&explain::Fact::MovedAnyway), "{:?}", e.facts);
    assert!(
        e.facts.iter().any(|f| matches!(f, explain::Fact::Shortage { school, .. } if school == "R1")),
        "{:?}",
        e.facts
    );
    // The extension is no exchange of the quota: the quota's exchange is made besides it.
    assert!(r.plan.moves.iter().any(|m| m.kind == MoveKind::Exchange), "{:?}", moved(&view, &r.plan));
    // The next record runs the term to the end of 2026, of kind extension: U06 is away in
    // 2026 and back, in the cool-off, in 2027; a term extended once is not extended again.
    let record = record_after(&view, &r.plan, 2026);
    let term = record.iter().find(|t| t.teacher == u06).unwrap();
    assert_eq!((term.kind, term.last_year()), (MoveKind::Extension, 2026));
    let mut next = rotaplan::domain::cycle::home_view(&view, &policy);
    next.cycle.record = record;
    let y2027 = year_view(&next, &policy, 2027);
    assert_eq!(y2027.teachers[u06].cycle.returned, Some(2026));
    assert!(rules::extension_problem(&y2027, u06, 1, &policy).unwrap().contains("extended once already"));
}

#[test]
fn the_checker_holds_an_extension_to_the_policy_and_the_record() {
    let policy = extending();
    let view = year_view(&returned_from_r1(), &policy, 2026);
    let keep = |id: &str, to: usize| one_move(&view, id, to, MoveKind::Extension, 1);
    let c022 = |p: &Policy, plan: &Plan| -> Vec<String> {
        check_plan(&view, p, plan).into_iter().filter(|b| b.rule == Rule::Extension).map(|b| b.message).collect()
    };
    assert!(c022(&policy, &keep("U06", 1)).is_empty());
    let elsewhere = c022(&policy, &keep("U06", 2));
    assert!(elsewhere[0].contains("term was at R1, not at R2"), "{elsewhere:?}");
    let no_term = c022(&policy, &keep("U00", 1));
    assert!(no_term[0].contains("no exchange term that ended with school year 2025"), "{no_term:?}");
    let off = c022(&simple_policy(), &keep("U06", 1));
    assert!(off[0].contains("extend_terms = false"), "{off:?}");
    // A term that runs on into a new one: U06 is away again in 2026, so the ended term
    // cannot be extended (C022), nor U06 sent (C019).
    let mut county = returned_from_r1();
    let u06 = index(&county, "U06");
    let mut next = county.cycle.record[0].clone();
    (next.start_year, next.host) = (2026, 2);
    county.cycle.record.push(next);
    let away = year_view(&county, &policy, 2026);
    let m = Move { teacher: u06, from: 0, to: 1, kind: MoveKind::Extension, term_years: 1, reasons: vec![] };
    let broken = check_plan(&away, &policy, &Plan { moves: vec![m], placements: vec![] });
    let words: Vec<&str> = broken.iter().filter(|b| b.rule == Rule::Extension).map(|b| b.message.as_str()).collect();
    assert!(words.iter().any(|w| w.contains("away on another term at R2")), "{broken:?}");
    // The return is on time: a plan that keeps U06 at R1 as a move from R1 names the wrong
    // school (U06 is back at U, C002) and breaks the cool-off (C020).
    let stays = Move { teacher: u06, from: 1, to: 1, kind: MoveKind::Exchange, term_years: 1, reasons: vec![] };
    let broken: Vec<Rule> =
        check_plan(&view, &policy, &Plan { moves: vec![stays], placements: vec![] }).iter().map(|b| b.rule).collect();
    assert!(broken.contains(&Rule::WrongOrigin) && broken.contains(&Rule::CoolOff), "{broken:?}");
    // Sent again as a new exchange instead, U06 breaks the cool-off (C020).
    let mut again = keep("U06", 1);
    again.moves[0].kind = MoveKind::Exchange;
    again.moves[0].term_years = 3;
    assert!(check_plan(&view, &policy, &again).iter().any(|b| b.rule == Rule::CoolOff));
}

#[test]
fn plan_year_writes_the_extension_in_moves_and_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let county = three_schools();
    rotaplan::io::write_county::write_county(dir.path(), &county).unwrap();
    let mut demand = String::from("school_id,subject,posts\n");
    for (&(s, k), posts) in county.demand.as_ref().unwrap().posts.iter() {
        demand += &format!("{},{},{posts}\n", county.schools[s].id, k.name());
    }
    std::fs::write(dir.path().join("demand.csv"), demand).unwrap();
    std::fs::write(
        dir.path().join("exchanges.csv"),
        "teacher_id,home_school,host_school,kind,start_year,term_years,end_year\nU06,U,R1,exchange,2023,3,\n",
    )
    .unwrap();
    let national = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/models/national-2014.toml")).unwrap();
    let policy = dir.path().join("policy.toml");
    // The spreads free, as in `simple_policy`: moving U06 from U to R1 widens the degree
    // indicator's spread a little, which `no_worse` would forbid.
    let text =
        national.replace("extend_terms = false", "extend_terms = true").replace("no_worse = true", "no_worse = false");
    std::fs::write(&policy, text).unwrap();
    let out = dir.path().join("plan");
    Command::cargo_bin("rotaplan")
        .unwrap()
        .args(["--lang", "en", "plan"])
        .arg(dir.path())
        .args(["--year", "2026", "--time-limit", "30", "--policy"])
        .arg(&policy)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let moves = std::fs::read_to_string(out.join("moves.csv")).unwrap();
    assert!(moves.lines().any(|l| l.starts_with("U06,U,R1,extension,1,")), "{moves}");
    let record = std::fs::read_to_string(out.join("exchanges.csv")).unwrap();
    assert!(record.lines().any(|l| l == "U06,U,R1,extension,2023,3,2026"), "{record}");
    // The plan checks clean against the record, with the policy that allows it.
    let check = Command::cargo_bin("rotaplan")
        .unwrap()
        .args(["--lang", "en", "check"])
        .arg(dir.path())
        .args(["--year", "2026", "--policy"])
        .arg(&policy)
        .arg("--plan")
        .arg(&out)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&check.stdout);
    assert!(!text.contains("[C022]") && !text.contains("[C020]"), "{text}");
}

/// Four years of a horizon with both rules on: each year's plan is checked against that
/// year's view of the record (no hard rule broken: nobody sent while away or cooling off,
/// extensions only of terms that ended, returns on time), and the checker measures each
/// unmet C021 as the solver's slack does.
#[test]
fn every_year_of_a_horizon_with_both_rules_checks_against_its_record() {
    let mut policy = within(6); // U's teachers (8 years at 2026) are due from 2029
    policy.cycle.extend_terms = true;
    let mut moves: Vec<(u32, String, MoveKind)> = Vec::new();
    let mut unmet = Vec::new();
    let opts = rotaplan::solve::SolveOptions::default();
    rotaplan::horizon::run_horizon(&returned_from_r1(), &policy, (2026, 4), &opts, &mut |run| {
        let breaches = check_plan(&run.county, &policy, &run.result.plan);
        let hard: Vec<_> = breaches.iter().filter(|b| !b.rule.is_elastic()).collect();
        assert!(hard.is_empty(), "{}: {hard:?}", run.row.year);
        assert_same_amounts(&breaches, &run.result);
        unmet.extend(breaches.iter().filter(|b| b.rule == Rule::RotationDue).map(|b| (run.row.year, b.amount)));
        let ids =
            run.result.plan.moves.iter().map(|m| (run.row.year, run.county.teachers[m.teacher].id.clone(), m.kind));
        moves.extend(ids);
        Ok(())
    })
    .unwrap();
    assert!(moves.contains(&(2026, "U06".into(), MoveKind::Extension)), "{moves:?}");
    assert!(moves.iter().all(|(y, id, _)| *y == 2026 || id != "U06"), "U06 cools off after the extension: {moves:?}");
    assert!(moves.iter().filter(|m| m.0 < 2029).all(|m| m.2 != MoveKind::Extension || m.1 == "U06"), "{moves:?}");
    // In 2029 more teachers are due than R1 and R2 can take: C021 is reported, not hidden.
    assert!(unmet.iter().all(|(y, _)| *y == 2029) && !unmet.is_empty(), "{unmet:?}");
}
