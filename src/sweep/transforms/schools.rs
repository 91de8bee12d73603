//! Transforms of schools: enrolment change, and a school closed and merged into another.

use super::{within, Selector};
use crate::domain::{County, Demand, Policy, Subject};
use crate::report::i18n::say;
use crate::staffing::{staff_quota, subject_demand};
use anyhow::{ensure, Context, Result};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::Deserialize;
use std::collections::HashMap;
use toml::Value;

/// Enrolment changes by `change` (0.15 = +15%) at the selected schools, plus, with
/// `noise`, a uniform draw in `[-noise, noise]` per school from the variant's seed.
/// Students are rounded to whole pupils; a staff quota or demand.csv posts given in the
/// data scale by the same factor (rounded), since they were set for the old enrolment;
/// a quota left empty follows the students through the policy's ratio anyway.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enrolment {
    pub change: f64,
    #[serde(default)]
    pub noise: f64,
    pub locale: Option<Value>,
    pub stage: Option<Value>,
    pub schools: Option<Value>,
}

impl Enrolment {
    pub(super) fn check(&self) -> Result<(), String> {
        within("change", self.change, -1.0, 10.0)?;
        within("noise", self.noise, 0.0, 1.0)?;
        self.selector().map(|_| ())
    }

    fn selector(&self) -> Result<Selector, String> {
        Selector::read(self.locale.as_ref(), self.stage.as_ref(), self.schools.as_ref())
    }

    pub(super) fn apply(&self, county: &mut County, _policy: &Policy, rng: &mut ChaCha8Rng) -> Result<()> {
        let selector = self.selector().map_err(anyhow::Error::msg)?;
        selector.check_ids(county)?;
        let scale = |x: f64, factor: f64| (x * factor).round().max(0.0);
        for i in 0..county.schools.len() {
            if !selector.matches(&county.schools[i]) {
                continue;
            }
            let noise = if self.noise > 0.0 { rng.gen_range(-self.noise..=self.noise) } else { 0.0 };
            let factor = (1.0 + self.change + noise).max(0.0);
            let school = &mut county.schools[i];
            school.students = scale(f64::from(school.students), factor) as u32;
            school.staff_quota = school.staff_quota.map(|q| scale(f64::from(q), factor) as u32);
            if let Some(demand) = county.demand.as_mut() {
                for ((s, _), posts) in demand.posts.iter_mut() {
                    if *s == i {
                        *posts = scale(f64::from(*posts), factor) as u32;
                    }
                }
            }
        }
        Ok(())
    }
}

/// `school` closes and merges into `into` (same stage): its students, teachers, staff
/// quota and subject posts are added to `into`. Teachers keep their years at school
/// unless `reset_years` (a merged school may count as a new school locally). The closed
/// school's buildings are not added: `into`'s facility data stays as it is.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Close {
    pub school: String,
    pub into: String,
    #[serde(default)]
    pub reset_years: bool,
}

impl Close {
    pub(super) fn check(&self) -> Result<(), String> {
        if self.school == self.into {
            let s = &self.school;
            return Err(say(
                format!("school and into are both \"{s}\"; a school cannot merge into itself"),
                format!("school 和 into 都是“{s}”；学校不能并入自己"),
            ));
        }
        Ok(())
    }

    pub(super) fn apply(&self, county: &mut County, policy: &Policy) -> Result<()> {
        let no_school =
            |field: &str, id: &str| say(format!("{field}: no school \"{id}\""), format!("{field}：没有学校“{id}”"));
        let c = county.school_index(&self.school).with_context(|| no_school("school", &self.school))?;
        let to = county.school_index(&self.into).with_context(|| no_school("into", &self.into))?;
        let (closed, kept) = (&county.schools[c], &county.schools[to]);
        let zh_stage = |s| crate::report::i18n::stage(crate::cli::Lang::Zh, s);
        ensure!(
            closed.stage == kept.stage,
            say(
                format!(
                    "cannot merge {} school \"{}\" into {} school \"{}\": the stages differ",
                    closed.stage, closed.id, kept.stage, kept.id
                ),
                format!(
                    "不能把{}“{}”并入{}“{}”：学段不同",
                    zh_stage(closed.stage),
                    closed.id,
                    zh_stage(kept.stage),
                    kept.id
                ),
            )
        );
        let quota = staff_quota(closed, policy) + staff_quota(kept, policy);
        let quota_given = closed.staff_quota.is_some() || kept.staff_quota.is_some();
        let posts = subject_demand(county, policy);
        let students = closed.students;
        let kept = &mut county.schools[to];
        kept.students += students;
        if quota_given {
            kept.staff_quota = Some(quota);
        }
        if let Some(demand) = county.demand.as_mut() {
            merge_demand(demand, &posts, c, to);
        }
        for t in county.teachers.iter_mut().filter(|t| t.school == c) {
            t.school = to;
            if self.reset_years {
                t.years_at_school = 0;
            }
        }
        remove_school(county, c);
        Ok(())
    }
}

/// When either school lists its posts in demand.csv, `into` lists the sum of both
/// schools' posts (each as the planner sees them), and the closed school's rows go.
fn merge_demand(demand: &mut Demand, posts: &[[u32; Subject::COUNT]], closed: usize, into: usize) {
    let listed = |s: usize| demand.posts.keys().any(|&(i, _)| i == s);
    if !listed(closed) && !listed(into) {
        return;
    }
    demand.posts.retain(|&(s, _), _| s != closed && s != into);
    for &k in Subject::ALL {
        let total = posts[closed][k.index()] + posts[into][k.index()];
        if total > 0 {
            demand.posts.insert((into, k), total);
        }
    }
}

/// Removes school `c` (which must have no teachers left) and renumbers every index past it.
fn remove_school(county: &mut County, c: usize) {
    let shift = |i: usize| if i > c { i - 1 } else { i };
    county.schools.remove(c);
    for t in &mut county.teachers {
        t.school = shift(t.school);
    }
    let road: HashMap<(usize, usize), f64> = county
        .distances
        .road_km
        .iter()
        .filter(|(&(a, b), _)| a != c && b != c)
        .map(|(&(a, b), &km)| ((shift(a), shift(b)), km))
        .collect();
    county.distances.road_km = road;
    if let Some(demand) = county.demand.as_mut() {
        demand.posts =
            demand.posts.iter().filter(|(&(s, _), _)| s != c).map(|(&(s, k), &p)| ((shift(s), k), p)).collect();
    }
}
