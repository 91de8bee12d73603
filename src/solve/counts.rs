//! The balance stage's count formulation (docs/model.md, "Balance counts").
//!
//! During the balance stage only, each school's count of an indicator that the plan can
//! change becomes an integer column `c = before + change`, and the balance term is
//! restated on new deviation columns over those counts:
//! `per_student * c - mean = up' - down'`, objective `sum weight (up' + down')`. Branching
//! on `c` decides a school's count at once, which closes the stage's bound far faster than
//! branching on pairs. The original deviation rows stay, with zero cost, so presolve drops
//! them. After the stage the new deviations are copied onto the original `up`/`down`
//! columns (the same deviation, since both rows read the same decisions and mean), and the
//! added rows and columns are removed, so that later stages see the plain model.

use super::raw;
use crate::model::BalanceEntry;
use anyhow::Result;
use good_lp::{IntoAffineExpression, Variable};
use highs_sys::HighsInt;
use std::collections::HashMap;

/// The rows and columns appended for one balance stage.
pub(super) struct CountStage {
    n_cols: usize,
    n_rows: usize,
    /// Count columns (entries that the plan can change), then `up'`, `down'` per entry.
    counts: usize,
    entries: usize,
}

impl CountStage {
    /// Appends the count columns and rows after the model's `n_cols` columns and `n_rows`
    /// rows.
    pub(super) fn add(
        model: &mut highs::Model,
        entries: &[BalanceEntry],
        index: &HashMap<Variable, usize>,
        n_cols: usize,
        n_rows: usize,
    ) -> Result<Self> {
        let rows_now = raw::num_rows(model);
        debug_assert_eq!(rows_now, n_rows, "the count rows must follow every existing row");
        let counts = entries.iter().filter(|e| e.change.is_some()).count();
        let stage = CountStage { n_cols, n_rows, counts, entries: entries.len() };
        let mut costs = vec![0.0; counts];
        costs.extend(entries.iter().flat_map(|e| [e.weight, e.weight]));
        let new = costs.len();
        raw::add_empty_cols(model, &costs, &vec![0.0; new], &vec![f64::INFINITY; new])?;
        raw::set_integrality(model, n_cols, &vec![raw::INTEGER; counts])?;
        let mut rows = Rows::default();
        // c - change = before
        let mut c = n_cols;
        for e in entries {
            if let Some(change) = &e.change {
                let mut row = vec![(c, 1.0)];
                row.extend(
                    change.clone().linear_coefficients().filter(|(_, a)| *a != 0.0).map(|(v, a)| (index[&v], -a)),
                );
                rows.push(&row, e.before + change.constant());
                c += 1;
            }
        }
        // per_student * c - mean - up' + down' = 0, with `before` in place of c where the
        // plan cannot change the count.
        let mut c = n_cols;
        for (i, e) in entries.iter().enumerate() {
            let (up, down) = (n_cols + counts + 2 * i, n_cols + counts + 2 * i + 1);
            let mut row = vec![(e.mean.col, -1.0), (up, -1.0), (down, 1.0)];
            let rhs = if e.change.is_some() {
                row.push((c, e.per_student));
                c += 1;
                0.0
            } else {
                -e.per_student * e.before
            };
            rows.push(&row, rhs);
        }
        rows.add_to(model)?;
        Ok(stage)
    }

    /// A start for the stage: the decisions' values, then each count and deviation.
    pub(super) fn start(&self, values: &[f64], entries: &[BalanceEntry], index: &HashMap<Variable, usize>) -> Vec<f64> {
        let mut start = values.to_vec();
        // Each count once, from the change's own terms (not a dense pass over every column).
        let counts: Vec<f64> = entries
            .iter()
            .map(|e| match &e.change {
                Some(change) => {
                    let sum: f64 = change.clone().linear_coefficients().map(|(v, a)| a * values[index[&v]]).sum();
                    (e.before + change.constant() + sum).round()
                }
                None => e.before,
            })
            .collect();
        start.extend(entries.iter().zip(&counts).filter(|(e, _)| e.change.is_some()).map(|(_, &c)| c));
        for (e, &count) in entries.iter().zip(&counts) {
            let deviation = e.per_student * count - values[e.mean.col];
            start.extend([deviation.max(0.0), (-deviation).max(0.0)]);
        }
        start
    }

    /// The decisions' values of a solution of the stage, with the stage's deviations on
    /// the original `up`/`down` columns.
    pub(super) fn read_back(&self, solution: &[f64], entries: &[BalanceEntry]) -> Vec<f64> {
        let mut values = solution[..self.n_cols].to_vec();
        for (i, e) in entries.iter().enumerate() {
            let at = self.n_cols + self.counts + 2 * i;
            values[e.up.col] = solution[at];
            values[e.down.col] = solution[at + 1];
        }
        values
    }

    /// Removes every row and column [`CountStage::add`] appended.
    pub(super) fn remove(self, model: &mut highs::Model) -> Result<()> {
        let rows = self.counts + self.entries;
        let cols = self.counts + 2 * self.entries;
        raw::delete_rows(model, self.n_rows, rows)?;
        raw::delete_cols(model, self.n_cols, cols)
    }
}

/// Equality rows in compressed row form.
#[derive(Default)]
struct Rows {
    starts: Vec<HighsInt>,
    index: Vec<HighsInt>,
    value: Vec<f64>,
    rhs: Vec<f64>,
}

impl Rows {
    fn push(&mut self, row: &[(usize, f64)], rhs: f64) {
        self.starts.push(self.index.len() as HighsInt);
        for &(col, a) in row {
            self.index.push(col as HighsInt);
            self.value.push(a);
        }
        self.rhs.push(rhs);
    }

    fn add_to(&self, model: &mut highs::Model) -> Result<()> {
        let block = raw::RowBlock {
            lower: &self.rhs,
            upper: &self.rhs,
            starts: &self.starts,
            index: &self.index,
            value: &self.value,
        };
        raw::add_rows(model, &block)
    }
}
