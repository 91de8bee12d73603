//! `rotaplan::metrics::evaluate` on a small county with every number worked by hand.
//!
//! The county is `tests/fixtures/evaluate/county` (national-2014 policy):
//!
//! | school | stage | locale | students | notes | facilities (floor m2, sports m2, yuan, rooms) |
//! |---|---|---|---|---|---|
//! | P1 | primary | urban | 200 | | 1000, 1600, 440000, 5 |
//! | P2 | primary | rural | 100 | | 400, 800, 250000, 3 |
//! | P3 | primary | rural | 50 | | 150, 500, 125000, 2 |
//! | P4 | primary | rural | 30 | teaching point (< 50: out of the CV) | none |
//! | P5 | primary | rural | 80 | teaching point (>= 50: in the CV) | none |
//! | P6 | primary | rural | 0 | no students (out of the CV) | none |
//! | J1 | junior | town | 135 | demand.csv lists it | none |
//! | J2 | junior | urban | 270 | | none |
//!
//! Teachers (counts that matter; degree counted against the stage: primary associate+,
//! junior bachelor+; backbone county level and up; PE/music/art; title first and up):
//!
//! | school | teachers | degree | backbone | pe_arts | mid_senior |
//! |---|---|---|---|---|---|
//! | P1 | 10 | 10 | 2 (county, city; a school-level one does not count) | 3 | 4 |
//! | P2 | 5 | 5 (all associate) | 1 | 1 | 1 |
//! | P3 | 3 | 3 | 2 | 1 | 1 |
//! | P4 | 2 | 2 | 0 | 0 | 0 |
//! | P5 | 4 | 3 (one secondary) | 1 | 1 | 2 |
//! | P6 | 1 | 1 | 0 | 0 | 0 |
//! | J1 | 10 | 8 (two associate) | 2 | 1 | 5 |
//! | J2 | 20 | 20 | 3 | 3 | 6 |

use rotaplan::domain::{County, Locale, Policy, Stage, Subject, Title};
use rotaplan::metrics::{self, Evaluation, MinimumsRule, PostGap};
use std::path::Path;

const FIXTURE: &str = "tests/fixtures/evaluate/county";

fn inputs() -> (County, Policy) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
    rotaplan::commands::load_inputs(&dir, None).expect("the fixture county is valid")
}

fn eval_of(county: &County, policy: &Policy) -> Evaluation {
    metrics::evaluate(county, policy, &rotaplan::domain::staff_before(county))
}

fn before() -> Evaluation {
    let (county, policy) = inputs();
    eval_of(&county, &policy)
}

fn close(actual: Option<f64>, expected: f64) {
    let a = actual.unwrap_or_else(|| panic!("expected {expected}, got None"));
    assert!((a - expected).abs() <= 1e-6 * expected.abs().max(1.0), "expected {expected}, got {a}");
}

#[test]
fn school_values_of_every_indicator() {
    let e = before();
    let v = |id: &str| e.school(id).unwrap().values;
    // P1: 200 students, 10 teachers.
    let p1 = v("P1");
    close(p1.degree_per_100, 5.0); // 100 * 10 / 200
    close(p1.backbone_per_100, 1.0); // 100 * 2 / 200
    close(p1.pe_arts_per_100, 1.5); // 100 * 3 / 200
    close(p1.floor_area, 5.0); // 1000 / 200
    close(p1.sports_area, 8.0); // 1600 / 200
    close(p1.equipment, 2200.0); // 440000 / 200
    close(p1.multimedia_per_100, 2.5); // 100 * 5 / 200
    close(p1.students_per_teacher, 20.0); // 200 / 10
    close(p1.mid_senior_title_per_100, 2.0); // 100 * 4 / 200
                                             // P5: a secondary-degree teacher does not count at primary; no facility data.
    let p5 = v("P5");
    close(p5.degree_per_100, 3.75); // 100 * 3 / 80
    close(p5.backbone_per_100, 1.25); // 100 * 1 / 80
    assert_eq!((p5.floor_area, p5.sports_area, p5.equipment, p5.multimedia_per_100), (None, None, None, None));
    // J1: associate degrees do not count at junior.
    let j1 = v("J1");
    close(j1.degree_per_100, 800.0 / 135.0); // 5.925926
    close(j1.pe_arts_per_100, 100.0 / 135.0); // 0.740741
    close(j1.students_per_teacher, 13.5); // 135 / 10
                                          // P6: no students, so no values at all (never a division by zero).
    assert_eq!(v("P6"), metrics::IndicatorValues::default());
    assert_eq!(e.school("P6").unwrap().teachers, 1);
}

/// Primary schools in the CV: P1 (200), P2 (100), P3 (50), P5 (80); P = 430.
#[test]
fn primary_county_values_and_cvs() {
    let e = before();
    let p = Stage::Primary;
    // degree_per_100: x = 5.0, 5.0, 6.0, 3.75
    //   mean = (200*5 + 100*5 + 50*6 + 80*3.75) / 430 = 2100 / 430 = 4.883721
    //   S^2  = (200*0.116279^2 + 100*0.116279^2 + 50*1.116279^2 + 80*1.133721^2) / 430
    //        = (2.704164 + 1.352082 + 62.303948 + 102.825852) / 430 = 0.393456
    //   S = 0.627261, CV = 0.627261 / 4.883721 = 0.128439 (<= 0.50: pass)
    close(e.county_value(p, "degree_per_100"), 2100.0 / 430.0);
    close(e.cv(p, "degree_per_100"), 0.128439085);
    assert_eq!(e.passes(p, "degree_per_100"), Some(true));
    // backbone_per_100: x = 1.0, 1.0, 4.0, 1.25; mean = 100*6/430 = 1.395349
    //   S^2 = (300*0.395349^2 + 50*2.604651^2 + 80*0.145349^2) / 430
    //       = (46.890211 + 339.210384 + 1.690102) / 430 = 0.901839; S = 0.949652
    //   CV = 0.680584 (> 0.50: FAIL)
    close(e.county_value(p, "backbone_per_100"), 600.0 / 430.0);
    close(e.cv(p, "backbone_per_100"), 0.680583900);
    assert_eq!(e.passes(p, "backbone_per_100"), Some(false));
    // pe_arts_per_100: x = 1.5, 1.0, 2.0, 1.25; mean = 600/430 = 1.395349
    //   S^2 = (200*0.104651^2 + 100*0.395349^2 + 50*0.604651^2 + 80*0.145349^2) / 430
    //       = (2.190373 + 15.630070 + 18.280152 + 1.690102) / 430 = 0.087886; CV = 0.212459
    close(e.cv(p, "pe_arts_per_100"), 0.212459146);
    // mid_senior_title_per_100: x = 2.0, 1.0, 2.0, 2.5; mean = 800/430 = 1.860465
    //   S^2 = (250*0.139535^2 + 100*0.860465^2 + 80*0.639535^2) / 430 = 0.259600; CV = 0.273861
    close(e.county_value(p, "mid_senior_title_per_100"), 800.0 / 430.0);
    close(e.cv(p, "mid_senior_title_per_100"), 0.273861279);
    // students_per_teacher: county 430 / 22 = 19.545455; the CV is of teachers per student
    //   (师生比) y = 0.05, 0.05, 0.06, 0.05; mean = 22/430 = 0.051163
    //   S^2 = (380*0.001163^2 + 50*0.008837^2) / 430 = 0.0000102758; S = 0.0032056; CV = 0.062655
    close(e.county_value(p, "students_per_teacher"), 430.0 / 22.0);
    close(e.cv(p, "students_per_teacher"), 0.062654767);
    assert_eq!(e.passes(p, "students_per_teacher"), None, "no CV limit of its own (2012 method)");
    // Facilities: only P1, P2, P3 have them; P = 350.
    // floor_area: x = 5, 4, 3; mean = 1550/350 = 4.428571;
    //   S^2 = (200*0.571429^2 + 100*0.428571^2 + 50*1.428571^2) / 350 = 0.530612; CV = 0.164485
    close(e.county_value(p, "floor_area"), 1550.0 / 350.0);
    close(e.cv(p, "floor_area"), 0.164484500);
    // sports_area: x = 8, 8, 10; mean = 2900/350 = 8.285714; S^2 = 0.489796; CV = 0.084465
    close(e.cv(p, "sports_area"), 0.084465164);
    // equipment: x = 2200, 2500, 2500; mean = 815000/350 = 2328.571; S = 148.4615; CV = 0.063756
    close(e.county_value(p, "equipment"), 815000.0 / 350.0);
    close(e.cv(p, "equipment"), 0.063756471);
    // multimedia_per_100: x = 2.5, 3, 4; mean = 1000/350 = 2.857143; S^2 = 0.265306; CV = 0.180278
    close(e.county_value(p, "multimedia_per_100"), 1000.0 / 350.0);
    close(e.cv(p, "multimedia_per_100"), 0.180277564);
    let stage = e.stage(p).unwrap();
    assert_eq!(stage.indicators.iter().find(|i| i.key == "floor_area").unwrap().schools, 3);
    assert_eq!((stage.cvs_assessed, stage.cvs_passing), (7, 6));
    // 2012 mean over students_per_teacher, degree, mid_senior, floor, sports, equipment:
    //   (0.062655 + 0.128439 + 0.273861 + 0.164485 + 0.084465 + 0.063756) / 6 = 0.129610
    let b = &stage.basic_2012;
    assert_eq!(
        b.keys,
        [
            "degree_per_100",
            "floor_area",
            "sports_area",
            "equipment",
            "students_per_teacher",
            "mid_senior_title_per_100"
        ]
    );
    close(b.mean_cv, 0.129610211);
    assert_eq!((b.threshold, b.pass), (0.65, Some(true)));
}

/// Junior schools: J1 (135), J2 (270); P = 405; no facility data.
#[test]
fn junior_county_values_and_cvs() {
    let e = before();
    let j = Stage::Junior;
    // degree_per_100: x = 800/135 = 5.925926, 2000/270 = 7.407407; mean = 2800/405 = 6.913580
    //   S^2 = (135*0.987654^2 + 270*0.493827^2) / 405 = 0.487731; S = 0.698377; CV = 0.101015
    close(e.county_value(j, "degree_per_100"), 2800.0 / 405.0);
    close(e.cv(j, "degree_per_100"), 0.101015254);
    // backbone_per_100: x = 1.481481, 1.111111; mean = 500/405 = 1.234568; CV = 0.141421
    close(e.cv(j, "backbone_per_100"), 0.141421356);
    // pe_arts_per_100: x = 0.740741, 1.111111; mean = 400/405 = 0.987654
    //   S^2 = (135*0.246914^2 + 270*0.123457^2) / 405 = 0.030483; S = 0.174594; CV = 0.176777
    close(e.cv(j, "pe_arts_per_100"), 0.176776695);
    assert_eq!(e.passes(j, "pe_arts_per_100"), Some(true));
    assert_eq!(e.indicator(j, "pe_arts_per_100").unwrap().threshold, Some(0.45));
    // mid_senior: x = 3.703704, 2.222222; mean = 1100/405; CV = 0.257130
    close(e.cv(j, "mid_senior_title_per_100"), 0.257129739);
    // students_per_teacher: 13.5 at both, so CV 0 (defined: the mean is positive).
    close(e.county_value(j, "students_per_teacher"), 13.5);
    assert_eq!(e.cv(j, "students_per_teacher"), Some(0.0));
    // No facility data: no county value, no CV, no verdict.
    for key in ["floor_area", "sports_area", "equipment", "multimedia_per_100"] {
        let i = e.indicator(j, key).unwrap();
        assert_eq!((i.county_value, i.cv, i.pass, i.schools), (None, None, None, 0), "{key}");
    }
    // 2012 mean: (0.101015 + 0.257130 + 0) / 3 = 0.119382 <= 0.55.
    let b = &e.stage(j).unwrap().basic_2012;
    assert_eq!(b.keys.len(), 3);
    close(b.mean_cv, 0.119381664);
    assert_eq!(b.pass, Some(true));
}

#[test]
fn teaching_points_under_the_minimum_and_empty_schools_are_left_out() {
    let (county, mut policy) = inputs();
    let e = eval_of(&county, &policy);
    let stage = e.stage(Stage::Primary).unwrap();
    assert_eq!((stage.schools, stage.schools_in_cv, stage.students_in_cv), (6, 4, 430));
    let excluded: Vec<(&str, &str)> =
        stage.excluded.iter().map(|x| (x.school_id.as_str(), x.reason.as_str())).collect();
    assert_eq!(excluded, [("P4", "teaching point with 30 students (under 50)"), ("P6", "no students")]);
    assert!(e.school("P5").unwrap().in_cv, "a teaching point with 80 students counts");
    // P4's 2 teachers and 30 students are not in the county value (2100/430, not 2300/460).
    close(e.county_value(Stage::Primary, "degree_per_100"), 2100.0 / 430.0);
    // With a limit of 100 students P5 is out too: P1, P2, P3 (P = 350), x = 5, 5, 6:
    //   mean = 1800/350 = 5.142857; S^2 = (300*0.142857^2 + 50*0.857143^2) / 350 = 0.122449
    //   S = 0.349927; CV = 0.068041
    policy.evaluation.teaching_point_min_students = 100;
    let e = eval_of(&county, &policy);
    assert_eq!(e.stage(Stage::Primary).unwrap().schools_in_cv, 3);
    close(e.cv(Stage::Primary, "degree_per_100"), 0.068041382);
}

/// The 6-of-7 rule with the 85% floor (primary minimums 4.2, 1.0, 0.9, 4.5, 7.5, 2000, 2.3).
#[test]
fn six_of_seven_minimums_with_floor() {
    let (county, mut policy) = inputs();
    let e = eval_of(&county, &policy);
    let m = |e: &Evaluation, id: &str| e.school(id).unwrap().minimums.clone().unwrap();
    // P1: 5.0, 1.0 (equal to the minimum counts as met), 1.5, 5.0, 8.0, 2200, 2.5: 7 of 7.
    let p1 = m(&e, "P1");
    assert_eq!((p1.rule, p1.count_met, p1.required, p1.met), (MinimumsRule::SevenIndicators, 7, 6, true));
    // P2: floor area 4.0 < 4.5 but >= 0.85 * 4.5 = 3.825; the other six met: meets.
    let p2 = m(&e, "P2");
    assert_eq!((p2.count_met, p2.met), (6, true));
    assert_eq!(p2.not_met().map(|c| c.key).collect::<Vec<_>>(), ["floor_area"]);
    // P3: six met, but floor area 3.0 < 3.825: fails.
    let p3 = m(&e, "P3");
    assert_eq!((p3.rule, p3.count_met, p3.met), (MinimumsRule::SevenIndicators, 6, false));
    assert!(!p3.checks.iter().find(|c| c.key == "floor_area").unwrap().above_floor);
    // With all seven required, P2 fails too; with a 60% floor (2.7), P3 meets.
    policy.evaluation.minimums_required = 7;
    assert!(!m(&eval_of(&county, &policy), "P2").met);
    policy.evaluation.minimums_required = 6;
    policy.evaluation.minimum_floor_share = 0.6;
    assert!(m(&eval_of(&county, &policy), "P3").met);
}

/// Without complete facility data the three teacher minimums must all be met.
#[test]
fn teacher_only_minimums_when_facility_data_are_missing() {
    let (mut county, policy) = inputs();
    let e = eval_of(&county, &policy);
    let m = |e: &Evaluation, id: &str| e.school(id).unwrap().minimums.clone().unwrap();
    // J1 (junior minimums 5.3, 1.0, 0.9): 5.93 and 1.48 met, PE/arts 0.74 not: fails,
    // although 2 of 3 are met and 0.74 is 82% of the minimum.
    let j1 = m(&e, "J1");
    assert_eq!(
        (j1.rule, j1.checks.len(), j1.count_met, j1.required, j1.met),
        (MinimumsRule::TeacherIndicators, 3, 2, 3, false)
    );
    // J2: 7.41, 1.11, 1.11: meets.
    assert!(m(&e, "J2").met);
    // P5: degree 3.75 < 4.2: fails.
    assert!(!m(&e, "P5").met);
    assert!(e.school("P6").unwrap().minimums.is_none(), "no students: nothing to check");
    // One facility value missing at P1 is enough to fall back to the teacher rule.
    county.schools[0].facilities.multimedia_rooms = None;
    let p1 = m(&eval_of(&county, &policy), "P1");
    assert_eq!((p1.rule, p1.checks.len(), p1.met), (MinimumsRule::TeacherIndicators, 3, true));
    // Stage summaries count the schools in the CV only (P4, a failing teaching point, is not).
    let s = &e.stage(Stage::Primary).unwrap().minimums;
    assert_eq!((s.schools_assessed, s.schools_meeting, s.by_seven_indicators, s.by_teacher_indicators), (4, 2, 3, 1));
    assert_eq!(s.failing, ["P3", "P5"]);
    assert_eq!(e.stage(Stage::Junior).unwrap().minimums.failing, ["J1"]);
}

#[test]
fn subject_gaps_per_school_locale_and_county() {
    let e = before();
    let school = |id: &str| e.subjects.schools.iter().find(|s| s.school_id == id).unwrap();
    let gap = |id: &str, k: Subject| school(id).subjects.iter().find(|g| g.subject == k).map(|g| g.gap);
    // J1 from demand.csv: chinese 2, math 2, english 2, pe 1, music 1, art 1; present:
    // chinese 3, math 2, english 1, pe 1, science 2, history_geography 1.
    assert_eq!(gap("J1", Subject::English), Some(PostGap::new(2, 1)));
    assert_eq!(gap("J1", Subject::Music), Some(PostGap { demand: 1, present: 0, shortage: 1, surplus: 0 }));
    assert_eq!(gap("J1", Subject::Chinese), Some(PostGap { demand: 2, present: 3, shortage: 0, surplus: 1 }));
    assert_eq!(gap("J1", Subject::Science), Some(PostGap { demand: 0, present: 2, shortage: 0, surplus: 2 }));
    assert_eq!(gap("J1", Subject::It), None, "neither demand nor teachers");
    assert_eq!(school("J1").total, PostGap { demand: 9, present: 10, shortage: 3, surplus: 4 });
    // P2: quota ceil(100/19) = 6 split by the primary shares: exact 1.26 chinese, 0.96
    // labour, 0.84 math, 0.66 pe, 0.48 science, 0.42 morality, ...: floors give chinese 1,
    // the 5 largest remainders give labour, math, pe, science, morality 1 each.
    // Present: art 1, chinese 2, math 1, science 1.
    assert_eq!(gap("P2", Subject::Pe), Some(PostGap::new(1, 0)));
    assert_eq!(gap("P2", Subject::Morality), Some(PostGap::new(1, 0)));
    assert_eq!(gap("P2", Subject::Art), Some(PostGap::new(0, 1)));
    assert_eq!(school("P2").total, PostGap { demand: 6, present: 5, shortage: 3, surplus: 2 });
    // J1 is the only town school, so the town totals are J1's.
    let town = e.subjects.locale(Locale::Town).unwrap();
    assert_eq!(town.total, school("J1").total);
    assert_eq!(town.subjects.iter().map(|g| g.gap.shortage).sum::<u32>(), 3);
    // Locale and county totals add up the schools' gaps (shortages are not netted).
    let sum = |ids: &[&str]| {
        ids.iter().fold((0, 0), |(s, p), id| (s + school(id).total.shortage, p + school(id).total.surplus))
    };
    let rural = e.subjects.locale(Locale::Rural).unwrap().total;
    assert_eq!((rural.shortage, rural.surplus), sum(&["P2", "P3", "P4", "P5", "P6"]));
    let all = sum(&["P1", "P2", "P3", "P4", "P5", "P6", "J1", "J2"]);
    assert_eq!((e.subjects.total.shortage, e.subjects.total.surplus), all);
    assert_eq!(e.subjects.total.present, 55);
    let by_subject: u32 = e.subjects.county.iter().map(|g| g.gap.shortage).sum();
    assert_eq!(by_subject, all.0);
}

#[test]
fn pay_means_and_deviations() {
    let e = before();
    let pay = &e.pay;
    // 55 teachers; urban 30 (P1 64,000 + J2 126,000), town 10 (J1 60,000), rural 15
    // (P2 26,000, P3 16,000, P4 10,000, P5 22,000, P6 5,000): total 329,000.
    assert_eq!(pay.teachers, 55);
    close(pay.county_mean, 329000.0 / 55.0); // 5,981.82
    close(pay.locale(Locale::Urban).map(|g| g.mean), 190000.0 / 30.0);
    close(pay.locale(Locale::Town).map(|g| g.mean), 6000.0);
    close(pay.locale(Locale::Rural).map(|g| g.mean), 79000.0 / 15.0);
    // By title: none 2 (11,000), third 1 (5,000), second 33 (186,500), first 16 (107,000),
    // senior 3 (19,500).
    close(pay.title(Title::First).map(|g| g.mean), 107000.0 / 16.0);
    close(pay.title(Title::Second).map(|g| g.mean), 186500.0 / 33.0);
    assert_eq!(pay.title(Title::Professor), None);
    assert_eq!(pay.by_title.iter().map(|g| g.teachers).sum::<usize>(), 55);
    // P1: 6,400, +418.18 (+6.99%); P4: 5,000, -16.4%: outside the 15% tolerance, like P6.
    let school = |id: &str| pay.schools.iter().find(|s| s.school_id == id).unwrap();
    close(school("P1").mean, 6400.0);
    close(school("P1").deviation, 6400.0 - 329000.0 / 55.0);
    close(school("P1").deviation_share, (6400.0 - 329000.0 / 55.0) / (329000.0 / 55.0));
    assert_eq!(school("P1").within_tolerance, Some(true));
    close(school("P4").deviation_share, -0.164134);
    assert_eq!(pay.schools_outside_tolerance, ["P4", "P6"]);
}

/// Plan: t01 (P1, bachelor, county backbone, first title, 7,000) exchanged to P5, and new
/// hire h1 (PE, bachelor, default pay 5,200) placed at P5. The rural allowance is 800.
#[test]
fn after_a_plan() {
    let (county, policy) = inputs();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("moves.csv"),
        "teacher_id,from_school,to_school,kind,term_years,reasons\nt01,P1,P5,exchange,3,balance:backbone_per_100\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("hires.csv"), "hire_id,school_id,reasons\nh1,P5,shortage:pe\n").unwrap();
    let plan = rotaplan::io::load_plan(dir.path(), &county).unwrap();
    let cmp = metrics::evaluate_plan(&county, &policy, &plan);
    assert_eq!(cmp.before, eval_of(&county, &policy));
    let a = &cmp.after;
    // P1 keeps 9 (degree 9, backbone 1, pe_arts 3, mid 3); P5 has 6 (degree 5, backbone 2,
    // pe_arts 2, mid 3).
    close(a.school("P1").unwrap().values.backbone_per_100, 0.5);
    close(a.school("P5").unwrap().values.degree_per_100, 6.25);
    close(a.school("P5").unwrap().values.pe_arts_per_100, 2.5);
    // degree_per_100 after: x = 4.5, 5.0, 6.0, 6.25; mean = 2200/430 = 5.116279
    //   S^2 = (200*0.616279^2 + 100*0.116279^2 + 50*0.883721^2 + 80*1.133721^2) / 430
    //       = (75.959978 + 1.352082 + 39.048134 + 102.825852) / 430 = 0.509735; CV = 0.139546
    close(a.county_value(Stage::Primary, "degree_per_100"), 2200.0 / 430.0);
    close(a.cv(Stage::Primary, "degree_per_100"), 0.139546195);
    // P1 now fails (backbone 0.5 < 0.85), P5 now meets its teacher minimums.
    assert!(!a.school("P1").unwrap().minimums.as_ref().unwrap().met);
    assert!(a.school("P5").unwrap().minimums.as_ref().unwrap().met);
    // Subject posts: the hire fills P5's PE post.
    assert_eq!(a.subjects.total.present, 56);
    // Pay: t01 earns 7,000 + 800 at P5, h1 5,200 + 800: county (329,000 + 800 + 6,000) / 56.
    close(a.pay.county_mean, 335800.0 / 56.0);
    close(a.pay.schools.iter().find(|s| s.school_id == "P5").unwrap().mean, 35800.0 / 6.0);
}

#[test]
fn json_has_the_documented_shape() {
    let e = before();
    let v = serde_json::to_value(&e).unwrap();
    let stage = &v["stages"][0];
    assert_eq!(stage["stage"], "primary");
    let keys: Vec<&str> = stage["indicators"].as_array().unwrap().iter().map(|i| i["key"].as_str().unwrap()).collect();
    assert_eq!(keys, metrics::KEYS);
    let backbone = &stage["indicators"][1];
    assert_eq!((backbone["threshold"].as_f64(), backbone["pass"].as_bool()), (Some(0.5), Some(false)));
    assert!(stage["basic_2012"]["mean_cv"].is_number());
    let p1 = &v["schools"][0];
    assert_eq!(p1["school_id"], "P1");
    assert_eq!(p1["values"]["degree_per_100"], 5.0);
    assert_eq!(p1["minimums"]["rule"], "seven_indicators");
    assert_eq!(v["schools"][5]["values"]["degree_per_100"], serde_json::Value::Null);
    assert_eq!(v["subjects"]["by_locale"][0]["locale"], "urban");
    assert_eq!(v["subjects"]["county"][0]["subject"], "chinese");
    assert!(v["pay"]["county_mean"].is_number());
}
