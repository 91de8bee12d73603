//! Model build and whole-plan times on generated counties (issue 8).
//!
//! `cargo bench --bench plan`. Build is measured at small (50 schools), medium (200) and
//! large (400) scale; the first stage's solve (violations: presolve, root LP and search)
//! at 50 and 200 schools; the whole plan, which takes minutes at county scale, on small
//! generated counties for both formulations. The numbers in docs/performance.md come from
//! this bench and from the CLI runs listed there.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use rotaplan::generate::{generate, GenerateOptions};
use rotaplan::model::{build, Formulation, Instance};
use rotaplan::planner::make_plan;
use rotaplan::solve::SolveOptions;
use std::time::Duration;

fn model_build(c: &mut Criterion) {
    let policy = rotaplan::io::load_policy(None).unwrap();
    let mut group = c.benchmark_group("model_build");
    group.sample_size(10).measurement_time(Duration::from_secs(5));
    for schools in [50, 200, 400] {
        let county = generate(&GenerateOptions { schools, seed: 1 });
        for (name, f) in [("aggregated", Formulation::Aggregated), ("plain", Formulation::Plain)] {
            group.bench_with_input(BenchmarkId::new(name, schools), &county, |b, county| {
                b.iter(|| {
                    let inst = Instance::new(county, &policy, f);
                    build(&inst).n_cols()
                })
            });
        }
    }
    group.finish();
}

fn whole_plan(c: &mut Criterion) {
    let policy = rotaplan::io::load_policy(None).unwrap();
    let mut group = c.benchmark_group("plan");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    for schools in [8, 16, 32] {
        let county = generate(&GenerateOptions { schools, seed: 1 });
        for (name, formulation) in [("aggregated", Formulation::Aggregated), ("plain", Formulation::Plain)] {
            let opts = SolveOptions { formulation, time_limit: 600.0, ..Default::default() };
            group.bench_with_input(BenchmarkId::new(name, schools), &county, |b, county| {
                b.iter(|| make_plan(county, &policy, &opts).unwrap().summary.objective["moves"])
            });
        }
    }
    group.finish();
}

/// The violations stage alone: the whole solve of a plan whose policy minimises only the
/// unmet rules. It shows how presolve and the root LP grow with the county.
fn first_stage(c: &mut Criterion) {
    let mut policy = rotaplan::io::load_policy(None).unwrap();
    policy.objective.order = vec![rotaplan::domain::Term::Violations];
    let mut group = c.benchmark_group("first_stage");
    group.sample_size(10).measurement_time(Duration::from_secs(60));
    for schools in [50, 200] {
        let county = generate(&GenerateOptions { schools, seed: 1 });
        let opts = SolveOptions { time_limit: 600.0, ..Default::default() };
        group.bench_with_input(BenchmarkId::new("aggregated", schools), &county, |b, county| {
            b.iter(|| make_plan(county, &policy, &opts).unwrap().summary.objective["violations"])
        });
    }
    group.finish();
}

criterion_group!(benches, model_build, first_stage, whole_plan);
criterion_main!(benches);
