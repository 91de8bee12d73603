//! Model build and whole-plan times on generated counties (issue 8).
//!
//! `cargo bench --bench plan`. Build is measured at small (50 schools), medium (200) and
//! large (400) scale; the whole plan, which takes seconds to minutes at county
//! scale, is measured on small generated counties for both formulations. The numbers in
//! docs/performance.md come from this bench and from the CLI runs listed there.

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

criterion_group!(benches, model_build, whole_plan);
criterion_main!(benches);
