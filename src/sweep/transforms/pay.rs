//! Transforms of pay: a raise (or cut) at some schools, and new allowances.

use super::{within, Selector};
use crate::domain::{County, Policy};
use anyhow::Result;
use serde::Deserialize;
use toml::Value;

/// Monthly pay of the teachers at the selected schools becomes `pay * (1 + change) + add`
/// (yuan, at least 1). New hires' base pay is the policy key `pay.new_hire_monthly_pay`,
/// which a policy override changes.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PayChange {
    #[serde(default)]
    pub change: f64,
    #[serde(default)]
    pub add: f64,
    pub locale: Option<Value>,
    pub stage: Option<Value>,
    pub schools: Option<Value>,
}

impl PayChange {
    pub(super) fn check(&self) -> Result<(), String> {
        within("change", self.change, -0.9, 10.0)?;
        within("add", self.add, -1e5, 1e5)?;
        self.selector().map(|_| ())
    }

    fn selector(&self) -> Result<Selector, String> {
        Selector::read(self.locale.as_ref(), self.stage.as_ref(), self.schools.as_ref())
    }

    pub(super) fn apply(&self, county: &mut County) -> Result<()> {
        let selector = self.selector().map_err(anyhow::Error::msg)?;
        selector.check_ids(county)?;
        let chosen: Vec<bool> = county.schools.iter().map(|s| selector.matches(s)).collect();
        for t in county.teachers.iter_mut().filter(|t| chosen[t.school]) {
            t.monthly_pay = (t.monthly_pay * (1.0 + self.change) + self.add).max(1.0);
        }
        Ok(())
    }
}

/// New monthly allowances (yuan) by locale and for weak schools. The policy's allowances
/// change (so exchanged teachers and hires receive the new amounts), and so does the pay
/// of every teacher now at a school whose allowance changes, since their pay includes it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allowance {
    pub urban: Option<f64>,
    pub town: Option<f64>,
    pub rural: Option<f64>,
    pub weak: Option<f64>,
}

impl Allowance {
    pub(super) fn check(&self) -> Result<(), String> {
        for (field, v) in [("urban", self.urban), ("town", self.town), ("rural", self.rural), ("weak", self.weak)] {
            if let Some(v) = v {
                within(field, v, 0.0, 1e5)?;
            }
        }
        Ok(())
    }

    pub(super) fn apply(&self, county: &mut County, policy: &mut Policy) -> Result<()> {
        let before = policy.clone();
        let p = &mut policy.pay;
        for (slot, new) in [
            (&mut p.allowance_urban, self.urban),
            (&mut p.allowance_town, self.town),
            (&mut p.allowance_rural, self.rural),
            (&mut p.allowance_weak, self.weak),
        ] {
            if let Some(v) = new {
                *slot = v;
            }
        }
        let delta: Vec<f64> = county
            .schools
            .iter()
            .map(|s| policy.allowance(s.locale, s.weak) - before.allowance(s.locale, s.weak))
            .collect();
        for t in &mut county.teachers {
            t.monthly_pay = (t.monthly_pay + delta[t.school]).max(1.0);
        }
        Ok(())
    }
}
