//! A plausible exchange record for a synthetic county planning school year
//! [`PLAN_YEAR`]: rotation history from [`FIRST_YEAR`] on, a cohort that returns this year
//! (its term ended last year), cohorts still away mid-term, one term cut short, and a few
//! teachers applying for a senior title. Drawn from a stream of its own, so the schools,
//! teachers and hires are those of a county without a record.

use crate::domain::{County, ExchangeTerm, MoveKind, Policy, Title};
use crate::rules;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The year the record prepares: its latest terms start the year before.
pub const PLAN_YEAR: u32 = 2026;
/// The first year of the programme in the record.
const FIRST_YEAR: u32 = 2017;
/// Students of a school that hosts teachers of the record.
const LARGE_HOST: u32 = 300;
/// Share of the tenure-due teachers of sending schools sent each year: the programme grew
/// towards the 10% quota.
fn share_sent(year: u32) -> f64 {
    if year >= 2023 {
        0.015
    } else {
        0.005
    }
}

/// Adds the record to `county` and marks a few teachers as seeking a senior title.
pub fn add_record(county: &mut County, policy: &Policy, seed: u64) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6379_636c_6521);
    let term = policy.exchange.term_years;
    let mut pool: Vec<usize> = (0..county.teachers.len())
        .filter(|&t| {
            let teacher = &county.teachers[t];
            county.schools[teacher.school].is_sending() && !teacher.exempt && !rules::exempt_by_age(teacher, policy)
        })
        .collect();
    let due = pool.len();
    pool.shuffle(&mut rng);
    for year in FIRST_YEAR..PLAN_YEAR {
        // Due by tenure in `year`: the years at the school then reach the policy's minimum.
        let tenure = policy.eligibility.min_years_at_school + (PLAN_YEAR - year);
        let n = (due as f64 * share_sent(year)).round() as usize;
        let sent: Vec<usize> =
            pool.iter().copied().filter(|&t| county.teachers[t].years_at_school >= tenure).take(n).collect();
        pool.retain(|t| !sent.contains(t));
        for t in sent {
            let home = county.teachers[t].school;
            // Large receiving schools, where one teacher's pay barely moves the school's mean.
            let hosts: Vec<usize> = (0..county.schools.len())
                .filter(|&s| county.schools[s].students >= LARGE_HOST)
                .filter(|&s| rules::destination_problem(county, home, s, policy).is_none())
                .collect();
            let Some(&host) = hosts.choose(&mut rng) else { continue };
            let cut = rng.gen_bool(0.03) && year + term <= PLAN_YEAR;
            county.cycle.record.push(ExchangeTerm {
                teacher: t,
                home,
                host,
                kind: MoveKind::Exchange,
                start_year: year,
                term_years: term,
                end_year: cut.then_some(year + term.saturating_sub(2)),
                line: county.cycle.record.len() as u64 + 2,
            });
        }
    }
    for t in pool.into_iter().take(due / 40) {
        let teacher = &mut county.teachers[t];
        teacher.cycle.seeks_promotion = teacher.title == Title::First && teacher.age < 50;
    }
}
