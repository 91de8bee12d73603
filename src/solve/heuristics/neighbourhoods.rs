//! The neighbourhoods of the search: which decision columns stay free, and which sums of
//! them are held at the incumbent's values (docs/model.md, "Primal heuristics").
//!
//! A **region** `R` is a school and its nearest schools of the same stage (exchanges stay
//! within a stage), grown in order of distance until about [`REGION_COLUMNS`] decisions
//! are free: the pairs `y_us` with both the sending school of `u` and `s` in `R`, and the
//! placements `g_vs` with `s ∈ R`. Everything else is held at the incumbent, so hires move
//! only between schools of `R` (`Σ_s g_vs = |v|` holds the rest).
//!
//! The **transportation** neighbourhood frees every pair and holds, at the incumbent's
//! values, each unit's members leaving `ℓ_u = Σ_s y_us` and each receiving school's
//! arrivals of each type `τ` (subject, the three indicator flags, the backbone flag):
//! `Σ_{u ∈ τ} y_us = ȳ_τs`. Every row of a school then reads the same counts except its
//! pay band (members of one type differ in pay), so the earlier terms keep their values
//! and what is left is `min Σ km_us y_us` over a transportation problem per type, whose
//! LP is integral but for the pay rows.

use crate::model::{Instance, Model};
use good_lp::{IntoAffineExpression, Variable};
use std::collections::{BTreeMap, HashMap};

/// About this many decision columns are left free in a region.
pub(super) const REGION_COLUMNS: usize = 2_500;

/// A subject's neighbourhood is split by stage above this many columns.
pub(super) const SUBJECT_COLUMNS: usize = 4_000;

/// A subject's neighbourhood in one stage is cut into even parts above this many columns
/// (400 schools: up to 33,000, whose sub-MIP took 32 s of a 84 s balance stage; 200
/// schools: at most about 9,600, left whole).
pub(super) const SUBJECT_PART_COLUMNS: usize = 12_000;

/// Where each decision column acts.
pub(in crate::solve) struct Layout {
    /// Every integer decision column (pairs, then placements).
    pub(super) decisions: Vec<usize>,
    /// Pair columns with their sending and receiving school.
    pairs: Vec<(usize, usize, usize)>,
    /// Placement columns with their school.
    placements: Vec<(usize, usize)>,
    /// Per pair, the type of its unit (index into the types met).
    pair_type: Vec<usize>,
    /// Subject of each pair's unit and of each placement's hires.
    pair_subject: Vec<usize>,
    placement_subject: Vec<usize>,
    /// Per unit with pairs, the column that counts its members leaving.
    leaving: Vec<usize>,
    /// Per school, the pairs (indices into `pairs`) leaving it and arriving at it, and
    /// its placements (indices into `placements`).
    leaving_from: Vec<Vec<usize>>,
    arriving_at: Vec<Vec<usize>>,
    placed_at: Vec<Vec<usize>>,
    /// Each school's stage, as a number.
    stage: Vec<u8>,
    /// Each school's same-stage schools, nearest first (itself first).
    nearest: Vec<Vec<usize>>,
}

/// Decision columns left free, and sums of columns held at the incumbent's value.
#[derive(Debug, Clone)]
pub(in crate::solve) struct Neighbourhood {
    pub(super) free: Vec<usize>,
    pub(super) held_sums: Vec<Vec<usize>>,
}

impl Layout {
    pub(in crate::solve) fn new(inst: &Instance<'_>, model: &Model, index: &HashMap<Variable, usize>) -> Self {
        let county = inst.county;
        let mut types = BTreeMap::new();
        let mut pairs = Vec::with_capacity(inst.pairs.len());
        let mut pair_type = Vec::with_capacity(inst.pairs.len());
        for (pair, col) in inst.pairs.iter().zip(&model.exchange) {
            let unit = &inst.units[pair.unit];
            pairs.push((col.col, unit.school, pair.to));
            let key = (unit.subject.index(), unit.carried.map(|c| c as u8), unit.backbone);
            let n = types.len();
            pair_type.push(*types.entry(key).or_insert(n));
        }
        let placements: Vec<(usize, usize)> = model.placement.iter().map(|&(_, s, col)| (col.col, s)).collect();
        let pair_subject = inst.pairs.iter().map(|p| inst.units[p.unit].subject.index()).collect();
        let placement_subject = model.placement.iter().map(|&(v, _, _)| inst.hire_units[v].subject.index()).collect();
        let decisions = pairs.iter().map(|p| p.0).chain(placements.iter().map(|p| p.0)).collect();
        let leaving = model.leaving.iter().filter_map(|e| single_column(e, index)).collect();
        let nearest = (0..county.schools.len())
            .map(|a| {
                let stage = county.schools[a].stage;
                let mut near: Vec<usize> =
                    (0..county.schools.len()).filter(|&b| county.schools[b].stage == stage).collect();
                let km = |b: usize| county.distance_km(a, b).unwrap_or(f64::INFINITY);
                near.sort_by(|&x, &y| km(x).total_cmp(&km(y)).then(x.cmp(&y)));
                near
            })
            .collect();
        let stage = county.schools.iter().map(|s| s.stage as u8).collect();
        let (leaving_from, arriving_at, placed_at) = by_school(county.schools.len(), &pairs, &placements);
        Layout {
            decisions,
            pairs,
            placements,
            pair_type,
            pair_subject,
            placement_subject,
            leaving,
            leaving_from,
            arriving_at,
            placed_at,
            stage,
            nearest,
        }
    }

    /// A layout with these decision columns and nothing else, for the search's tests.
    #[cfg(test)]
    pub(super) fn of_decisions(decisions: Vec<usize>) -> Layout {
        Layout {
            decisions,
            pairs: Vec::new(),
            placements: Vec::new(),
            pair_type: Vec::new(),
            pair_subject: Vec::new(),
            placement_subject: Vec::new(),
            leaving: Vec::new(),
            leaving_from: Vec::new(),
            arriving_at: Vec::new(),
            placed_at: Vec::new(),
            stage: Vec::new(),
            nearest: Vec::new(),
        }
    }

    /// One region around each school that some pair leaves from or goes to, in a fixed
    /// order that spreads consecutive regions over the county.
    pub(in crate::solve) fn regions(&self) -> Vec<Neighbourhood> {
        let n = self.nearest.len();
        let mut touched = vec![false; n];
        for &(_, from, to) in &self.pairs {
            touched[from] = true;
            touched[to] = true;
        }
        spread(n).into_iter().filter(|&s| touched[s]).map(|s| self.region(s, REGION_COLUMNS)).collect()
    }

    /// The region grown from `seed` until at least `columns` decisions are free (module
    /// doc), one school at a time: the school's pairs to and from the schools already
    /// inside, and its placements, become free.
    fn region(&self, seed: usize, columns: usize) -> Neighbourhood {
        let mut inside = vec![false; self.nearest.len()];
        let mut free = Vec::new();
        for &school in &self.nearest[seed] {
            inside[school] = true;
            let leaving = self.leaving_from[school].iter().filter(|&&i| inside[self.pairs[i].2]);
            let arriving =
                self.arriving_at[school].iter().filter(|&&i| inside[self.pairs[i].1] && self.pairs[i].1 != school);
            free.extend(leaving.chain(arriving).map(|&i| self.pairs[i].0));
            free.extend(self.placed_at[school].iter().map(|&i| self.placements[i].0));
            if free.len() >= columns {
                break;
            }
        }
        free.sort_unstable();
        Neighbourhood { free, held_sums: Vec::new() }
    }

    /// One neighbourhood per subject: every pair of its teachers and every placement of its
    /// hires, county-wide; split by stage (primary, junior) when that is more than
    /// [`SUBJECT_COLUMNS`] columns, and a stage's part cut into even runs of its columns
    /// (pairs by unit, so by sending school, then the placements) when that is more than
    /// [`SUBJECT_PART_COLUMNS`].
    pub(in crate::solve) fn subjects(&self) -> Vec<Neighbourhood> {
        let mut by: BTreeMap<(usize, u8), Vec<usize>> = BTreeMap::new();
        for (p, &k) in self.pairs.iter().zip(&self.pair_subject) {
            by.entry((k, self.stage[p.1])).or_default().push(p.0);
        }
        for (p, &k) in self.placements.iter().zip(&self.placement_subject) {
            by.entry((k, self.stage[p.1])).or_default().push(p.0);
        }
        let mut subjects: BTreeMap<usize, Vec<Vec<usize>>> = BTreeMap::new();
        for ((k, _), cols) in by {
            subjects.entry(k).or_default().push(cols);
        }
        let mut list = Vec::new();
        for parts in subjects.into_values() {
            if parts.iter().map(Vec::len).sum::<usize>() > SUBJECT_COLUMNS {
                list.extend(parts);
            } else {
                list.push(parts.concat());
            }
        }
        list.into_iter().flat_map(even_runs).map(|free| Neighbourhood { free, held_sums: Vec::new() }).collect()
    }

    /// The transportation neighbourhood (module doc).
    pub(in crate::solve) fn transportation(&self) -> Neighbourhood {
        let mut arrivals: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
        for (&(col, _, to), &t) in self.pairs.iter().zip(&self.pair_type) {
            arrivals.entry((to, t)).or_default().push(col);
        }
        let mut held_sums: Vec<Vec<usize>> = self.leaving.iter().map(|&c| vec![c]).collect();
        held_sums.extend(arrivals.into_values());
        Neighbourhood { free: self.pairs.iter().map(|p| p.0).collect(), held_sums }
    }
}

/// Per school, the indices of the pairs leaving it and arriving at it, and of its
/// placements.
type BySchool = (Vec<Vec<usize>>, Vec<Vec<usize>>, Vec<Vec<usize>>);

fn by_school(n: usize, pairs: &[(usize, usize, usize)], placements: &[(usize, usize)]) -> BySchool {
    let (mut leaving_from, mut arriving_at, mut placed_at) =
        (vec![Vec::new(); n], vec![Vec::new(); n], vec![Vec::new(); n]);
    for (i, &(_, from, to)) in pairs.iter().enumerate() {
        leaving_from[from].push(i);
        arriving_at[to].push(i);
    }
    for (i, &(_, school)) in placements.iter().enumerate() {
        placed_at[school].push(i);
    }
    (leaving_from, arriving_at, placed_at)
}

/// `cols` cut into the fewest runs of at most [`SUBJECT_PART_COLUMNS`], of even length.
fn even_runs(cols: Vec<usize>) -> Vec<Vec<usize>> {
    let parts = cols.len().div_ceil(SUBJECT_PART_COLUMNS).max(1);
    let size = cols.len().div_ceil(parts).max(1);
    cols.chunks(size).map(<[usize]>::to_vec).collect()
}

/// The one column of an expression that is exactly one column with coefficient 1.
fn single_column(expr: &good_lp::Expression, index: &HashMap<Variable, usize>) -> Option<usize> {
    let mut terms = expr.clone().linear_coefficients().filter(|(_, c)| *c != 0.0);
    match (terms.next(), terms.next()) {
        (Some((v, 1.0)), None) => Some(index[&v]),
        _ => None,
    }
}

/// `0..n` in an order where consecutive entries lie far apart: by bit-reversed index.
fn spread(n: usize) -> Vec<usize> {
    let bits = usize::BITS - n.max(1).leading_zeros();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (i.reverse_bits() >> (usize::BITS - bits), i));
    order
}

#[cfg(test)]
mod tests {
    use super::{by_school, spread, Layout};

    /// Four schools of one stage on a line, a pair between every two of them and a
    /// placement at each; column `j` of a pair is `10 * from + to`, of a placement `100 + s`.
    fn line() -> Layout {
        let n = 4;
        let pairs: Vec<(usize, usize, usize)> =
            (0..n).flat_map(|a| (0..n).filter(move |&b| b != a).map(move |b| (10 * a + b, a, b))).collect();
        let placements: Vec<(usize, usize)> = (0..n).map(|s| (100 + s, s)).collect();
        let (leaving_from, arriving_at, placed_at) = by_school(n, &pairs, &placements);
        let nearest = (0..n)
            .map(|a| {
                let mut near: Vec<usize> = (0..n).collect();
                near.sort_by_key(|&b| (a.abs_diff(b), b));
                near
            })
            .collect();
        Layout {
            decisions: pairs.iter().map(|p| p.0).chain(placements.iter().map(|p| p.0)).collect(),
            pair_type: vec![0; pairs.len()],
            pair_subject: vec![0; pairs.len()],
            placement_subject: vec![0; n],
            leaving: Vec::new(),
            leaving_from,
            arriving_at,
            placed_at,
            stage: vec![0; n],
            nearest,
            pairs,
            placements,
        }
    }

    /// A region is every pair with both ends among the schools grown into it and every
    /// placement at one of them, the schools taken nearest first until enough are free.
    #[test]
    fn a_region_frees_the_pairs_inside_it_and_its_placements() {
        let layout = line();
        for seed in 0..4 {
            for columns in [1, 3, 6, 9, 100] {
                let region = layout.region(seed, columns);
                let mut inside = Vec::new();
                let mut expected = Vec::new();
                for &school in &layout.nearest[seed] {
                    inside.push(school);
                    let pairs = layout.pairs.iter().filter(|p| inside.contains(&p.1) && inside.contains(&p.2));
                    let placed = layout.placements.iter().filter(|p| inside.contains(&p.1));
                    expected = pairs.map(|p| p.0).chain(placed.map(|p| p.0)).collect();
                    if expected.len() >= columns {
                        break;
                    }
                }
                expected.sort_unstable();
                assert_eq!(region.free, expected, "seed {seed}, {columns} columns");
            }
        }
        // School 1 and its nearest, school 0: both pairs between them, both placements.
        assert_eq!(layout.region(1, 3).free, [1, 10, 100, 101]);
    }

    #[test]
    fn a_large_subject_is_cut_into_even_runs() {
        use super::{even_runs, SUBJECT_PART_COLUMNS as MAX};
        assert_eq!(even_runs(vec![1, 2, 3]), [vec![1, 2, 3]]);
        assert_eq!(even_runs(Vec::new()), Vec::<Vec<usize>>::new());
        let runs = even_runs((0..2 * MAX + 3).collect());
        assert_eq!(runs.iter().map(Vec::len).collect::<Vec<_>>(), [MAX / 3 * 2 + 1, MAX / 3 * 2 + 1, MAX / 3 * 2 + 1]);
        assert_eq!(runs.concat(), (0..2 * MAX + 3).collect::<Vec<_>>());
        assert_eq!(even_runs((0..MAX).collect()).len(), 1);
    }

    #[test]
    fn spread_is_a_permutation() {
        for n in [0, 1, 2, 7, 8, 100] {
            let mut s = spread(n);
            s.sort();
            assert_eq!(s, (0..n).collect::<Vec<_>>());
        }
        assert_eq!(spread(4), [0, 2, 1, 3]);
    }
}
