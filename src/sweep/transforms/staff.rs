//! Transforms of staff: retirements, and this year's new hires frozen or added.

use super::{within, words};
use crate::domain::{County, Degree, Gender, NewHire, Subject};
use crate::report::i18n::say;
use anyhow::Result;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use toml::Value;

/// Teachers at or over `age` leave (only those of `gender`, when given). With `count`,
/// at most that many leave: the oldest first, teachers of equal age in an order drawn
/// from the variant's seed. With `count` and no `age`, the `count` oldest leave.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retire {
    pub age: Option<u32>,
    pub gender: Option<String>,
    pub count: Option<usize>,
}

impl Retire {
    pub(super) fn check(&self) -> Result<(), String> {
        if self.age.is_none() && self.count.is_none() {
            return Err(say(
                "give age (teachers at or over it leave), count (the oldest leave), or both".into(),
                "请给出 age（达到该年龄的教师离开）、count（年龄最大的若干人离开）或两者".into(),
            ));
        }
        if let Some(a) = self.age {
            within("age", f64::from(a), 18.0, 70.0)?;
        }
        self.gender().map(|_| ())
    }

    fn gender(&self) -> Result<Option<Gender>, String> {
        self.gender.as_deref().map(|g| Gender::parse(g).ok_or_else(|| unknown_gender(g))).transpose()
    }

    pub(super) fn apply(&self, county: &mut County, rng: &mut ChaCha8Rng) -> Result<()> {
        let gender = self.gender().map_err(anyhow::Error::msg)?;
        let mut leaving: Vec<usize> = (0..county.teachers.len())
            .filter(|&i| {
                let t = &county.teachers[i];
                self.age.is_none_or(|a| t.age >= a) && gender.is_none_or(|g| t.gender == g)
            })
            .collect();
        if let Some(count) = self.count {
            leaving.shuffle(rng);
            leaving.sort_by_key(|&i| std::cmp::Reverse(county.teachers[i].age));
            leaving.truncate(count);
        }
        let leaving: HashSet<usize> = leaving.into_iter().collect();
        let mut i = 0;
        county.teachers.retain(|_| {
            i += 1;
            !leaving.contains(&(i - 1))
        });
        Ok(())
    }
}

/// This year's new hires: `freeze = true` drops them all, `freeze = ["it", "pe"]` those
/// of some subjects; `add = { english = 5, pe = 3 }` adds hires by subject, with `degree`
/// (default bachelor), `gender` and `monthly_pay` (default the policy's new-hire pay).
/// A freeze applies before the additions of the same transform.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hires {
    pub freeze: Option<Value>,
    #[serde(default)]
    pub add: BTreeMap<String, u32>,
    pub degree: Option<String>,
    pub gender: Option<String>,
    pub monthly_pay: Option<f64>,
}

/// What a freeze drops.
enum Freeze {
    Nothing,
    All,
    Subjects(Vec<Subject>),
}

impl Hires {
    pub(super) fn check(&self) -> Result<(), String> {
        self.freeze()?;
        self.added()?;
        if let Some(p) = self.monthly_pay {
            within("monthly_pay", p, 1.0, 1e6)?;
        }
        Ok(())
    }

    fn freeze(&self) -> Result<Freeze, String> {
        match &self.freeze {
            None | Some(Value::Boolean(false)) => Ok(Freeze::Nothing),
            Some(Value::Boolean(true)) => Ok(Freeze::All),
            other => Ok(Freeze::Subjects(
                words(other.as_ref(), "freeze")?.iter().map(|w| subject("freeze", w)).collect::<Result<_, _>>()?,
            )),
        }
    }

    /// (subject, how many), in contract order of subjects, plus degree and gender.
    #[allow(clippy::type_complexity)]
    fn added(&self) -> Result<(Vec<(Subject, u32)>, Degree, Option<Gender>), String> {
        let mut added = Vec::new();
        for (name, &n) in &self.add {
            within(&format!("add.{name}"), f64::from(n), 0.0, 100_000.0)?;
            added.push((subject(&format!("add.{name}"), name)?, n));
        }
        added.sort_by_key(|&(k, _)| k.index());
        let degree = match self.degree.as_deref() {
            None => Degree::Bachelor,
            Some(d) => Degree::parse(d).ok_or_else(|| super::unknown("degree", d, &Degree::expected()))?,
        };
        let gender = self.gender.as_deref().map(|g| Gender::parse(g).ok_or_else(|| unknown_gender(g))).transpose()?;
        Ok((added, degree, gender))
    }

    pub(super) fn apply(&self, county: &mut County, position: usize) -> Result<()> {
        match self.freeze().map_err(anyhow::Error::msg)? {
            Freeze::Nothing => {}
            Freeze::All => county.new_hires.clear(),
            Freeze::Subjects(ks) => county.new_hires.retain(|h| !ks.contains(&h.subject)),
        }
        let (added, degree, gender) = self.added().map_err(anyhow::Error::msg)?;
        let taken: HashSet<String> = county.new_hires.iter().map(|h| h.id.clone()).collect();
        for (subject, n) in added {
            for i in 1..=n {
                let mut id = format!("X{}-{}-{i:04}", position + 1, subject.name());
                while taken.contains(&id) {
                    id.push('x');
                }
                county.new_hires.push(NewHire { id, subject, degree, gender, monthly_pay: self.monthly_pay });
            }
        }
        Ok(())
    }
}

fn subject(field: &str, name: &str) -> Result<Subject, String> {
    Subject::parse(name).ok_or_else(|| super::unknown(field, name, &Subject::expected()))
}

fn unknown_gender(g: &str) -> String {
    say(format!("gender: unknown value \"{g}\"; use f or m"), format!("gender：不认识的值“{g}”；可用 f 或 m"))
}
