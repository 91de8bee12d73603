//! Data transforms: what a what-if changes in the county (and, for allowances, in the
//! policy) before it is planned. Each `[[transform]]` table has a `kind`, an optional
//! `id` (to vary its fields in the grid) and the fields of its kind; transforms apply in
//! file order to a fresh copy of the base county for every variant.
//!
//! | kind | what it does |
//! |---|---|
//! | `enrolment` | students (and given quotas and demand) of the selected schools change by a share |
//! | `retire` | teachers at or over an age leave (or the oldest `count`) |
//! | `hires` | this year's new hires frozen (all, or some subjects) or added |
//! | `close` | a school closes; its students and teachers move to another school |
//! | `pay` | pay of teachers at the selected schools changes by a share and/or an amount |
//! | `allowance` | locale or weak-school allowances change, in the policy and in current pay |

mod pay;
mod schools;
mod staff;

pub use pay::{Allowance, PayChange};
pub use schools::{Close, Enrolment};
pub use staff::{Hires, Retire};

use super::overrides::clean;
use crate::domain::{County, Locale, Policy, School, Stage};
use crate::report::i18n::say;
use anyhow::Result;
use rand_chacha::ChaCha8Rng;
use serde::de::DeserializeOwned;
use toml::{Table, Value};

/// The kinds, for messages.
pub fn kinds_help() -> String {
    let kinds = ["enrolment", "retire", "hires", "close", "pay", "allowance"];
    let zh: Vec<String> = kinds.iter().map(|k| format!("`{k}`")).collect();
    say(format!("kind is one of: {}", kinds.join(", ")), format!("`kind` 可取：{}", zh.join("、")))
}

/// One parsed transform.
#[derive(Debug, Clone, PartialEq)]
pub enum Transform {
    Enrolment(Enrolment),
    Retire(Retire),
    Hires(Hires),
    Close(Close),
    Pay(PayChange),
    Allowance(Allowance),
}

impl Transform {
    /// Parses a `[[transform]]` table; errors name the transform (`at`) and the key.
    pub fn parse(table: &Table, at: &str) -> Result<Transform, String> {
        let mut body = table.clone();
        let kind = match body.remove("kind") {
            Some(Value::String(k)) => k,
            _ => {
                return Err(say(format!("{at}: a transform needs a kind"), format!("{at}：变换缺少 `kind`"))
                    + &say("; ".into(), "；".into())
                    + &kinds_help())
            }
        };
        body.remove("id");
        let at = say(format!("{at} (kind {kind})"), format!("{at}（`kind` = `{kind}`）"));
        let parsed = match kind.as_str() {
            "enrolment" | "enrollment" => Transform::Enrolment(read(body, &at)?),
            "retire" => Transform::Retire(read(body, &at)?),
            "hires" => Transform::Hires(read(body, &at)?),
            "close" => Transform::Close(read(body, &at)?),
            "pay" => Transform::Pay(read(body, &at)?),
            "allowance" => Transform::Allowance(read(body, &at)?),
            other => {
                let (en, zh) =
                    (format!("{at}: unknown kind \"{other}\"; "), format!("{at}：没有 `{other}` 这种 `kind`；"));
                return Err(say(en, zh) + &kinds_help());
            }
        };
        parsed.check().map_err(|m| say(format!("{at}: {m}"), format!("{at}：{m}")))?;
        Ok(parsed)
    }

    /// Values out of range, found before any county is read.
    fn check(&self) -> Result<(), String> {
        match self {
            Transform::Enrolment(t) => t.check(),
            Transform::Retire(t) => t.check(),
            Transform::Hires(t) => t.check(),
            Transform::Close(t) => t.check(),
            Transform::Pay(t) => t.check(),
            Transform::Allowance(t) => t.check(),
        }
    }

    /// Applies the transform. `position` (0-based, in file order) keeps the ids of added
    /// hires apart; `rng` draws anything random (noise, ties), seeded by the variant.
    pub fn apply(&self, county: &mut County, policy: &mut Policy, rng: &mut ChaCha8Rng, position: usize) -> Result<()> {
        match self {
            Transform::Enrolment(t) => t.apply(county, policy, rng),
            Transform::Retire(t) => t.apply(county, rng),
            Transform::Hires(t) => t.apply(county, position),
            Transform::Close(t) => t.apply(county, policy),
            Transform::Pay(t) => t.apply(county),
            Transform::Allowance(t) => t.apply(county, policy),
        }
    }
}

fn read<T: DeserializeOwned>(body: Table, at: &str) -> Result<T, String> {
    Value::Table(body).try_into().map_err(|e: toml::de::Error| {
        let m = clean(&e.to_string());
        say(format!("{at}: {m}"), format!("{at}：{m}"))
    })
}

/// Which schools a transform touches: all conditions given must hold; none given means
/// every school. Written as `locale`, `stage` and `schools` (a word or a list each).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selector {
    pub locales: Vec<Locale>,
    pub stages: Vec<Stage>,
    pub schools: Vec<String>,
}

impl Selector {
    /// Reads the three optional fields, naming the field of any unknown word.
    pub fn read(locale: Option<&Value>, stage: Option<&Value>, schools: Option<&Value>) -> Result<Selector, String> {
        Ok(Selector {
            locales: words(locale, "locale")?
                .iter()
                .map(|w| Locale::parse(w).ok_or_else(|| unknown("locale", w, &Locale::expected())))
                .collect::<Result<_, _>>()?,
            stages: words(stage, "stage")?
                .iter()
                .map(|w| Stage::parse(w).ok_or_else(|| unknown("stage", w, &Stage::expected())))
                .collect::<Result<_, _>>()?,
            schools: words(schools, "schools")?,
        })
    }

    pub fn matches(&self, school: &School) -> bool {
        (self.locales.is_empty() || self.locales.contains(&school.locale))
            && (self.stages.is_empty() || self.stages.contains(&school.stage))
            && (self.schools.is_empty() || self.schools.contains(&school.id))
    }

    /// Every school id named must exist in the county.
    pub fn check_ids(&self, county: &County) -> Result<()> {
        for id in &self.schools {
            let missing =
                || say(format!("schools: no school \"{id}\" in the county"), format!("schools：县域中没有学校“{id}”"));
            anyhow::ensure!(county.school_index(id).is_some(), missing());
        }
        Ok(())
    }
}

pub(super) fn unknown(field: &str, word: &str, expected: &str) -> String {
    say(
        format!("{field}: unknown value \"{word}\"; use one of: {expected}"),
        format!("{field}：不认识的值“{word}”；可用：{expected}"),
    )
}

/// A word or a list of words.
pub(crate) fn words(value: Option<&Value>, field: &str) -> Result<Vec<String>, String> {
    match value {
        None => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(vec![s.clone()]),
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| {
                v.as_str().map(str::to_string).ok_or_else(|| {
                    say(format!("{field}: {v} is not a text in quotes"), format!("{field}：{v} 不是加引号的文字"))
                })
            })
            .collect(),
        Some(v) => Err(say(
            format!("{field}: {v} is neither a text nor a list of texts"),
            format!("{field}：{v} 既不是文字，也不是文字的列表"),
        )),
    }
}

/// `x` when it lies in `[lo, hi]`, else a message naming the field and the range.
pub(crate) fn within(field: &str, x: f64, lo: f64, hi: f64) -> Result<(), String> {
    if x >= lo && x <= hi {
        Ok(())
    } else {
        Err(say(
            format!("{field} = {x} is outside its valid range {lo} to {hi}"),
            format!("{field} = {x} 超出有效范围 {lo} 到 {hi}"),
        ))
    }
}
