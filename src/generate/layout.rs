//! School rows: the locale mix, nine-year campuses, teaching points, weak schools,
//! coordinates, enrolments, staff quotas and facilities.

use super::{between, id_width, round_to};
use crate::domain::{Facilities, Locale, Policy, School, Stage};
use rand::seq::index::sample;
use rand_chacha::ChaCha8Rng;

/// What kind of site a school row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An ordinary primary or junior school.
    Regular(Stage),
    /// A rural teaching point (教学点): primary, a handful of grades.
    TeachingPoint,
    /// A nine-year school: a primary and a junior row on one campus.
    NineYear,
}

/// One site before it becomes rows.
struct Site {
    locale: Locale,
    kind: Kind,
    weak: bool,
    position: (f64, f64),
}

/// Side of the county in km; the county seat (urban area) is at the centre.
const SIDE_KM: f64 = 60.0;

/// The school rows of a county with `n` rows.
pub(super) fn schools(rng: &mut ChaCha8Rng, n: usize, policy: &Policy) -> Vec<School> {
    let mut sites = plan_sites(n);
    mark_weak(rng, &mut sites);
    place(rng, &mut sites);
    rows(rng, &sites, n, policy)
}

/// Row counts per locale (20/30/50) and the kind of every site, urban first.
fn plan_sites(n: usize) -> Vec<Site> {
    let n_urban = (n as f64 * 0.2).round() as usize;
    let n_town = ((n as f64 * 0.3).round() as usize).min(n - n_urban);
    let mut left = [n_urban, n_town, n - n_urban - n_town];
    // Nine-year campuses, about one per 16 rows, mostly rural, every third in a town.
    let campuses = if n >= 6 { (n as f64 / 16.0).round().max(1.0) as usize } else { 0 };
    let mut nine_year = [0usize; 3];
    for j in 0..campuses {
        let order = if j % 3 == 2 { [1, 2] } else { [2, 1] };
        if let Some(&l) = order.iter().find(|&&l| left[l] >= 2) {
            nine_year[l] += 1;
            left[l] -= 2;
        }
    }
    let locales = [Locale::Urban, Locale::Town, Locale::Rural];
    let junior_share = [0.35, 0.35, 0.15];
    let mut sites = Vec::new();
    for l in 0..3 {
        let juniors = (left[l] as f64 * junior_share[l]).round() as usize;
        let primaries = left[l] - juniors;
        let points = if locales[l] == Locale::Rural && primaries >= 2 {
            ((primaries as f64 * 0.35).round() as usize).max(1)
        } else {
            0
        };
        let mut kinds = vec![Kind::Regular(Stage::Primary); primaries - points];
        kinds.extend(vec![Kind::Regular(Stage::Junior); juniors]);
        kinds.extend(vec![Kind::NineYear; nine_year[l]]);
        kinds.extend(vec![Kind::TeachingPoint; points]);
        sites.extend(kinds.into_iter().map(|kind| Site {
            locale: locales[l],
            kind,
            weak: false,
            position: (0.0, 0.0),
        }));
    }
    sites
}

/// Designates a few weak schools: about 8% of urban and town sites (at least one when
/// there are three or more) and about 15% of rural schools; never a teaching point.
fn mark_weak(rng: &mut ChaCha8Rng, sites: &mut [Site]) {
    let urban_town: Vec<usize> = (0..sites.len())
        .filter(|&i| sites[i].locale.is_urban_or_town() && sites[i].kind != Kind::TeachingPoint)
        .collect();
    let rural: Vec<usize> = (0..sites.len())
        .filter(|&i| sites[i].locale == Locale::Rural && sites[i].kind != Kind::TeachingPoint)
        .collect();
    for (pool, share, min_pool) in [(urban_town, 0.08, 3), (rural, 0.15, 2)] {
        if pool.len() < min_pool {
            continue;
        }
        let k = ((pool.len() as f64 * share).round() as usize).clamp(1, pool.len());
        for i in sample(rng, pool.len(), k).into_iter() {
            sites[pool[i]].weak = true;
        }
    }
}

/// Coordinates: urban sites within 5 km of the centre, town sites around township seats
/// on a ring 12-24 km out, rural sites spread over a ring 8-34 km out (clipped to the
/// 60 x 60 km county), so that nearly all pairs are within 60 km.
fn place(rng: &mut ChaCha8Rng, sites: &mut [Site]) {
    let c = SIDE_KM / 2.0;
    let n_town = sites.iter().filter(|s| s.locale == Locale::Town).count();
    let n_seats = n_town.div_ceil(3).clamp(1, 12);
    let offset = between(rng, 0.0, std::f64::consts::TAU);
    let seats: Vec<(f64, f64)> = (0..n_seats)
        .map(|k| {
            let angle = offset + std::f64::consts::TAU * k as f64 / n_seats as f64 + between(rng, -0.2, 0.2);
            polar(c, c, between(rng, 12.0, 24.0), angle)
        })
        .collect();
    let mut town_index = 0;
    for site in sites.iter_mut() {
        let (x, y) = match site.locale {
            Locale::Urban => polar(c, c, 5.0 * between(rng, 0.0, 1.0).sqrt(), between(rng, 0.0, std::f64::consts::TAU)),
            Locale::Town => {
                let seat = seats[town_index % n_seats];
                town_index += 1;
                polar(seat.0, seat.1, between(rng, 0.3, 1.5), between(rng, 0.0, std::f64::consts::TAU))
            }
            Locale::Rural => {
                let r = between(rng, 8.0 * 8.0, 34.0 * 34.0).sqrt();
                polar(c, c, r, between(rng, 0.0, std::f64::consts::TAU))
            }
        };
        let clip = |v: f64| round_to(v.clamp(0.5, SIDE_KM - 0.5), 2);
        site.position = (clip(x), clip(y));
    }
}

fn polar(x: f64, y: f64, r: f64, angle: f64) -> (f64, f64) {
    (x + r * angle.cos(), y + r * angle.sin())
}

/// Turns sites into school rows with ids, names, enrolments, quotas and facilities.
fn rows(rng: &mut ChaCha8Rng, sites: &[Site], n: usize, policy: &Policy) -> Vec<School> {
    let width = id_width(n, 3);
    let mut schools = Vec::with_capacity(n);
    let mut counters = std::collections::BTreeMap::new();
    let mut first_point = true;
    let mut campuses = 0;
    for site in sites {
        let label = match site.kind {
            Kind::Regular(Stage::Primary) => "Primary",
            Kind::Regular(Stage::Junior) => "Junior",
            Kind::TeachingPoint => "Teaching Point",
            Kind::NineYear => "Nine-Year School",
        };
        let count = counters.entry((locale_word(site.locale), label)).or_insert(0);
        *count += 1;
        let base = match site.kind {
            Kind::TeachingPoint => format!("{label} {count}"),
            _ => format!("{} {label} {count}", locale_word(site.locale)),
        };
        let stages: &[(Stage, Option<&str>)] = match site.kind {
            Kind::Regular(stage) => &[(stage, None)][..],
            Kind::TeachingPoint => &[(Stage::Primary, None)],
            Kind::NineYear => &[(Stage::Primary, Some("primary")), (Stage::Junior, Some("junior"))],
        };
        let campus = (site.kind == Kind::NineYear).then(|| {
            campuses += 1;
            format!("C{campuses:02}")
        });
        for &(stage, section) in stages {
            let students = enrolment(rng, site, stage, first_point);
            first_point &= site.kind != Kind::TeachingPoint;
            let school = School {
                id: format!("S{:0width$}", schools.len() + 1),
                name: section.map_or_else(|| base.clone(), |s| format!("{base} ({s})")),
                stage,
                campus: campus.clone(),
                locale: site.locale,
                weak: site.weak,
                teaching_point: site.kind == Kind::TeachingPoint,
                students,
                staff_quota: class_quota(site, stage, students, policy),
                position: Some(site.position),
                facilities: facilities(rng, site, stage, students),
            };
            schools.push(school);
        }
    }
    schools
}

fn locale_word(locale: Locale) -> &'static str {
    match locale {
        Locale::Urban => "Urban",
        Locale::Town => "Town",
        Locale::Rural => "Rural",
    }
}

/// Enrolment by locale and stage; a nine-year campus's rows are a little smaller, weak
/// schools lose students to their neighbours, and the county's first teaching point has
/// fewer than 50 students (left out of the CV).
fn enrolment(rng: &mut ChaCha8Rng, site: &Site, stage: Stage, first_point: bool) -> u32 {
    let (lo, hi) = match (site.kind, stage, site.locale) {
        (Kind::TeachingPoint, _, _) if first_point => (10.0, 45.0),
        (Kind::TeachingPoint, _, _) => (10.0, 80.0),
        (_, Stage::Primary, Locale::Urban) => (900.0, 2200.0),
        (_, Stage::Primary, Locale::Town) => (300.0, 1000.0),
        (_, Stage::Primary, Locale::Rural) => (60.0, 400.0),
        (_, Stage::Junior, Locale::Urban) => (1100.0, 2600.0),
        (_, Stage::Junior, Locale::Town) => (400.0, 1300.0),
        (_, Stage::Junior, Locale::Rural) => (150.0, 600.0),
    };
    let mut students = between(rng, lo, hi);
    if site.kind == Kind::NineYear {
        students *= 0.8;
    }
    if site.weak {
        students *= 0.85;
    }
    students.round() as u32
}

/// Staff quota where the class-based minimum of small rural schools exceeds the ratio:
/// two posts at a teaching point, six at a rural primary (one per grade), nine at a rural
/// junior. Elsewhere `None`: the policy's students-per-teacher ratio decides.
fn class_quota(site: &Site, stage: Stage, students: u32, policy: &Policy) -> Option<u32> {
    let minimum = match (site.kind, site.locale, stage) {
        (Kind::TeachingPoint, _, _) => 2,
        (_, Locale::Rural, Stage::Primary) => 6,
        (_, Locale::Rural, Stage::Junior) => 9,
        _ => return None,
    };
    let by_ratio = (students as f64 / policy.students_per_teacher(stage) - 1e-9).ceil().max(0.0) as u32;
    (minimum > by_ratio).then_some(minimum)
}

/// Facilities per student, better in urban schools, worse in weak ones; junior values
/// scaled as the 2017 minimums are (floor 5.8/4.5, sports 10.2/7.5, equipment 2500/2000).
fn facilities(rng: &mut ChaCha8Rng, site: &Site, stage: Stage, students: u32) -> Facilities {
    let (floor, sports, equipment, rooms) = match site.locale {
        Locale::Urban => ((6.0, 8.5), (8.5, 13.0), (3000.0, 5000.0), (3.0, 4.5)),
        Locale::Town => ((5.0, 7.0), (7.5, 11.0), (2100.0, 3500.0), (2.2, 3.4)),
        Locale::Rural => ((4.2, 6.5), (6.0, 10.0), (1500.0, 2800.0), (1.6, 2.8)),
    };
    let (k_floor, k_sports, k_equipment) = match stage {
        Stage::Primary => (1.0, 1.0, 1.0),
        Stage::Junior => (1.29, 1.36, 1.25),
    };
    let weak = if site.weak { 0.85 } else { 1.0 };
    let s = students as f64;
    let draw = |rng: &mut ChaCha8Rng, (lo, hi): (f64, f64), k: f64| between(rng, lo, hi) * k * weak;
    let floor_area = (s * draw(rng, floor, k_floor)).max(120.0).round();
    let sports_area = (s * draw(rng, sports, k_sports)).max(200.0).round();
    let equipment_yuan = (s * draw(rng, equipment, k_equipment) / 100.0).round() * 100.0;
    let multimedia = (s / 100.0 * draw(rng, rooms, 1.0)).round().max(1.0);
    Facilities {
        floor_area_m2: Some(floor_area),
        sports_area_m2: Some(sports_area),
        equipment_yuan: Some(equipment_yuan),
        multimedia_rooms: Some(multimedia),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_counts_add_up_for_every_size() {
        for n in 0..80 {
            let sites = plan_sites(n);
            let rows: usize = sites.iter().map(|s| if s.kind == Kind::NineYear { 2 } else { 1 }).sum();
            assert_eq!(rows, n, "n = {n}");
        }
    }

    #[test]
    fn sixty_rows_have_the_promised_mix() {
        let sites = plan_sites(60);
        let rows =
            |l: Locale| sites.iter().filter(move |s| s.locale == l).map(|s| 1 + (s.kind == Kind::NineYear) as usize);
        assert_eq!(rows(Locale::Urban).sum::<usize>(), 12);
        assert_eq!(rows(Locale::Town).sum::<usize>(), 18);
        assert_eq!(rows(Locale::Rural).sum::<usize>(), 30);
        assert!(sites.iter().any(|s| s.kind == Kind::TeachingPoint));
        assert!(sites.iter().any(|s| s.kind == Kind::NineYear));
    }
}
