//! Sweeps on small synthetic counties: every transform kind in one grid, the same rows for
//! any number of jobs, a failing variant as a row, and the example scenarios resolving.

use rotaplan::sweep::output::{render, Lines, Manifest};
use rotaplan::sweep::results::{csv_cells, csv_record, json_line};
use rotaplan::sweep::variant::{build, resolve};
use rotaplan::sweep::{load_scenario, parse_scenario, run_sweep, Base, Shard, SweepOptions, SweepResults};
use std::path::Path;

/// 8 variants of 10-school counties, with every kind of transform.
const ALL_KINDS: &str = r#"
name = "all-kinds"
[base]
generate = { schools = 10 }
[solve]
time_limit = 60
formulation = "aggregated"   # the default; every plan must be proven optimal
[policy]
"exchange.backbone_share" = 0.15
[[transform]]
id = "town"
kind = "enrolment"
locale = "town"
change = 0.0
noise = 0.05
[[transform]]
kind = "retire"
count = 5
[[transform]]
kind = "hires"
freeze = ["it"]
add = { english = 2 }
[[transform]]
kind = "close"
school = "S010"
into = "S008"
[[transform]]
kind = "pay"
locale = "rural"
add = 150.0
[[transform]]
kind = "allowance"
rural = 1000.0
[grid]
"policy.exchange.share" = [0.10, 0.20]
"transform.town.change" = [0.0, 0.3]
seeds = [1, 2]
"#;

fn scenario(text: &str) -> rotaplan::sweep::Scenario {
    parse_scenario(text, Path::new("test.toml")).expect("scenario parses")
}

/// The bytes of results.csv and results.json of a run.
fn bytes(r: &SweepResults) -> (Vec<u8>, Vec<u8>) {
    let lines = Lines {
        csv: r.rows.iter().map(|row| (row.variant, csv_record(&csv_cells(row)))).collect(),
        json: r.rows.iter().map(|row| (row.variant, json_line(row))).collect(),
        timings: Vec::new(),
    };
    let files = render(&Manifest::of(r), &lines).unwrap();
    (files[0].1.clone(), files[1].1.clone())
}

#[test]
fn rows_do_not_depend_on_the_number_of_jobs() {
    let s = scenario(ALL_KINDS);
    assert_eq!(s.grid.len(), 8);
    let one = run_sweep(&s, &SweepOptions { jobs: 1, ..Default::default() }).unwrap();
    let two = run_sweep(&s, &SweepOptions { jobs: 2, ..Default::default() }).unwrap();
    assert_eq!(one.rows.iter().map(|r| r.variant).collect::<Vec<_>>(), (1..=8).collect::<Vec<_>>());
    for row in &one.rows {
        assert_eq!(row.status, "optimal", "variant {}: {}", row.variant, row.reason);
        let o = row.outcome.as_ref().unwrap();
        assert!(o.checker_agrees, "variant {}: the checker disagrees", row.variant);
    }
    assert_eq!(bytes(&one), bytes(&two), "rows differ between 1 and 2 jobs");
    // The grid did something: the exchange share changes the moves of some county.
    let moves: Vec<usize> = one.rows.iter().map(|r| r.outcome.as_ref().unwrap().counts.exchanges).collect();
    assert_ne!(moves[..4], moves[4..]);
}

#[test]
fn a_failing_variant_is_a_row_and_the_sweep_goes_on() {
    let text = r#"
name = "closures"
[base]
generate = { schools = 10, seed = 1 }
[solve]
formulation = "aggregated"
[[transform]]
id = "shut"
kind = "close"
school = "S010"
into = "S008"
[grid]
"transform.shut.into" = ["S008", "S999", "S009"]
"#;
    let r = run_sweep(&scenario(text), &SweepOptions { jobs: 2, ..Default::default() }).unwrap();
    let status: Vec<&str> = r.rows.iter().map(|r| r.status.as_str()).collect();
    assert_eq!(status, ["optimal", "error", "error"]);
    assert!(r.rows[1].reason.contains("no school \"S999\""), "{}", r.rows[1].reason);
    assert!(r.rows[2].reason.contains("stages differ"), "{}", r.rows[2].reason);
    assert!(r.rows[0].outcome.as_ref().unwrap().checker_agrees);
    let (csv, _) = bytes(&r);
    let csv = String::from_utf8(csv).unwrap();
    let widths: Vec<usize> = csv.lines().map(|l| l.split(',').count()).collect();
    assert!(widths.iter().all(|&w| w == widths[0]), "every row has every column: {widths:?}");
}

#[test]
fn scenario_errors_name_the_key() {
    let err = |text: &str| {
        let e = parse_scenario(text, Path::new("s.toml")).map(|s| {
            let v = s.grid.variant(1);
            resolve(&s, &v).map(|_| ())
        });
        match e {
            Err(e) => format!("{e:#}"),
            Ok(Err(msgs)) => msgs.join("\n"),
            Ok(Ok(())) => panic!("accepted: {text}"),
        }
    };
    let base = "name = 'x'\n[base]\ngenerate = { schools = 4 }\n";
    assert!(err(&format!("{base}[policy]\n\"exchange.shar\" = 0.2")).contains("exchange.shar"));
    assert!(err(&format!("{base}[policy]\nexchange.share = 1.5")).contains("exchange.share = 1.5"));
    assert!(err(&format!("{base}[grid]\n\"exchange.share\" = [0.1]")).contains("grid.exchange.share"));
    assert!(err(&format!("{base}[grid]\n\"transform.t.change\" = [0.1]")).contains("no transform has id \"t\""));
    assert!(err(&format!("{base}[grid]\nx = {{ from = 1, to = 0, step = 1 }}")).contains("grid.x"));
    assert!(err(&format!("{base}[solve]\ntime_limit = 0")).contains("solve.time_limit"));
    assert!(err(&format!("{base}colour = 'red'")).contains("colour"));
    assert!(err("name = 'x'\n[base]\n").contains("base"));
}

#[test]
fn shard_parsing_and_round_robin() {
    assert_eq!(Shard::parse("2/8").unwrap(), Shard { index: 2, count: 8 });
    for bad in ["0/3", "4/3", "1", "a/b", "1/0"] {
        assert!(Shard::parse(bad).is_err(), "{bad}");
    }
    let s = Shard { index: 2, count: 3 };
    assert_eq!(s.indices(8).collect::<Vec<_>>(), [2, 5, 8]);
    let mut all: Vec<usize> = (1..=3).flat_map(|i| Shard { index: i, count: 3 }.indices(8)).collect();
    all.sort();
    assert_eq!(all, (1..=8).collect::<Vec<_>>());
}

/// Every example in scenarios/ parses, resolves every variant, and builds its first and
/// last variant's county (transforms applied) without solving.
#[test]
fn example_scenarios_resolve() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    files.sort();
    assert!(files.len() >= 4, "{files:?}");
    for file in files {
        let s = load_scenario(&file).unwrap_or_else(|e| panic!("{}: {e:#}", file.display()));
        let base = match &s.base {
            Base::Dir(d) => Some(rotaplan::io::load_county(d).0.expect("base county reads")),
            Base::Generate { .. } => None,
        };
        for i in 1..=s.grid.len() {
            let v = s.grid.variant(i);
            let r = resolve(&s, &v).unwrap_or_else(|e| panic!("{} variant {i}: {e:?}", file.display()));
            if i == 1 || i == s.grid.len() {
                build(&s, &r, base.as_ref(), v.seed, &s.transforms)
                    .unwrap_or_else(|e| panic!("{} variant {i}: {e:#}", file.display()));
            }
        }
        if s.name == "demo-what-if" {
            assert!(s.grid.len() >= 50);
        }
    }
}
