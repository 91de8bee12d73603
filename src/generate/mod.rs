//! Synthetic counties for demos, tests and benchmarks.
//!
//! A generated county looks like a real Chinese county's compulsory schools: about 20%
//! urban, 30% town and 50% rural school rows; small rural schools and teaching points
//! (教学点), some with fewer than 50 students; nine-year campuses (one primary and one
//! junior row on one site); a few designated weak schools, urban and town ones among them;
//! the structural shortage of English, PE, music, art and IT teachers in rural schools;
//! backbone teachers and senior titles concentrated in urban schools; pay by title and
//! service plus the policy's locale allowance; realistic ages and tenure; and this year's
//! new hires, skewed towards the shortage subjects.
//!
//! The same options always give the same county: one [`ChaCha8Rng`] seeded from
//! [`GenerateOptions::seed`] draws every number in a fixed order. Every assumption and
//! number is explained in `docs/generator.md`.

mod layout;
mod record;
mod staff;

pub use record::PLAN_YEAR;

use crate::domain::{County, Policy, Teacher};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Size and seed of a synthetic county.
#[derive(Debug, Clone, Copy)]
pub struct GenerateOptions {
    /// Number of school rows (a nine-year campus is two rows).
    pub schools: usize,
    pub seed: u64,
}

/// Generates a county under the built-in national policy (`models/national-2014.toml`),
/// whose staffing ratios, curriculum shares, allowances and exemption ages it follows.
///
/// # Panics
/// Only if the built-in policy does not parse, which a unit test of `io::policy` rules
/// out. Callers that must never panic use [`generate_with_policy`].
pub fn generate(opts: &GenerateOptions) -> County {
    match crate::io::load_policy(None) {
        Ok(policy) => generate_with_policy(opts, &policy),
        Err(findings) => panic!("the built-in policy does not parse: {}", crate::findings::InvalidInput(findings)),
    }
}

/// Generates a county following `policy`: staff quotas from its ratios, subjects from its
/// curriculum shares, pay allowances from its locale allowances, exemptions from its ages.
pub fn generate_with_policy(opts: &GenerateOptions, policy: &Policy) -> County {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let schools = layout::schools(&mut rng, opts.schools, policy);
    let mut teachers = staff::teachers(&mut rng, &schools, policy);
    level_pay(&mut teachers, schools.len());
    let new_hires = staff::new_hires(&mut rng, teachers.len(), policy);
    let mut county = County {
        schools,
        teachers,
        new_hires,
        distances: Default::default(),
        demand: None,
        locks: Vec::new(),
        cycle: Default::default(),
    };
    record::add_record(&mut county, policy, opts.seed);
    county
}

/// Band around the county mean within which every school's mean pay is kept: inside the
/// default rule's 15%, so that the pay rule is satisfiable before any plan.
const PAY_BAND: f64 = 0.12;

/// Models a county that already pays equally (Teachers Law; Compulsory Education Law art.
/// 31): a school whose mean pay falls outside the band around the county mean (a tiny rural
/// school of older teachers, typically) has every teacher's pay shifted by the same amount
/// onto the edge of the band. Differences within the school are kept.
fn level_pay(teachers: &mut [Teacher], n_schools: usize) {
    for _ in 0..3 {
        if teachers.is_empty() {
            return;
        }
        let mean = teachers.iter().map(|t| t.monthly_pay).sum::<f64>() / teachers.len() as f64;
        let (mut sum, mut count) = (vec![0.0; n_schools], vec![0usize; n_schools]);
        for t in teachers.iter() {
            sum[t.school] += t.monthly_pay;
            count[t.school] += 1;
        }
        let mut shifted = false;
        for t in teachers.iter_mut() {
            let m = sum[t.school] / count[t.school] as f64;
            let target = m.clamp(mean * (1.0 - PAY_BAND), mean * (1.0 + PAY_BAND));
            if (target - m).abs() >= 0.5 {
                t.monthly_pay = (t.monthly_pay + target - m).round().max(1.0);
                shifted = true;
            }
        }
        if !shifted {
            return;
        }
    }
}

/// A uniform draw from `[lo, hi)`, or `lo` when the range is empty.
fn between(rng: &mut ChaCha8Rng, lo: f64, hi: f64) -> f64 {
    if hi > lo {
        rng.gen_range(lo..hi)
    } else {
        lo
    }
}

/// One of `items`, with probability proportional to its weight; the last item when the
/// draw falls off the end through rounding. `items` must not be empty.
fn pick<T: Copy>(rng: &mut ChaCha8Rng, items: &[(T, f64)], fallback: T) -> T {
    let total: f64 = items.iter().map(|&(_, w)| w.max(0.0)).sum();
    if total <= 0.0 {
        return fallback;
    }
    let mut draw = rng.gen_range(0.0..total);
    for &(item, w) in items {
        let w = w.max(0.0);
        if draw < w {
            return item;
        }
        draw -= w;
    }
    items.last().map_or(fallback, |&(item, _)| item)
}

/// Rounds to `decimals` places, so that values survive writing and reading back exactly.
fn round_to(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

/// Width of zero-padded ids: at least `min` digits, more when `count` needs them.
fn id_width(count: usize, min: usize) -> usize {
    count.to_string().len().max(min)
}
