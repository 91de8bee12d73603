//! The facts an explanation is made of, as data (ids, counts, distances), each worded in
//! English and Chinese by [`Fact::words`]. Every fact is computed from the county, the
//! policy and the plan by the rule functions of [`crate::rules`]; none is a guess.

use crate::domain::Subject;
use crate::metrics::by_name;
use serde::Serialize;

/// Who filled a post: a teacher exchanged there (from a school, at a distance) or a hire.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Filler {
    pub id: String,
    /// The school the teacher came from; `None` for a new hire.
    pub from: Option<String>,
    pub km: Option<f64>,
}

/// One true statement about a teacher, a hire or a school under the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fact {
    /// Due to exchange: at a sending school, not exempt, long enough at the school.
    Eligible {
        years: u32,
        min: u32,
    },
    /// Not due: the school is rural or weak (rule C003).
    SchoolDoesNotSend {
        school: String,
    },
    /// Not due: marked exempt (rule C003).
    Exempt,
    /// Not due: at or over the exemption age (rule C003).
    AgeExempt {
        age: u32,
        limit: u32,
    },
    /// Not due: too few years at the school (rule C003).
    TooNew {
        years: u32,
        min: u32,
    },
    /// Not due: away from `home` on an exchange term at `host` until the end of
    /// `last_year` (rule C019).
    Away {
        home: String,
        host: String,
        last_year: u32,
    },
    /// Not due: back from exchange after `returned`, within the cool-off (rule C020).
    CoolingOff {
        returned: u32,
        cool_off: u32,
    },
    /// A hand-made plan moves a teacher who is not due, breaking rule C003.
    MovedAnyway,
    /// Due to rotate this year: `years` of eligibility without an exchange, at least the
    /// `within` of `[cycle] rotate_within_years` (rule C021).
    RotationDue {
        years: u32,
        within: u32,
    },
    /// Kept at `host`, where their term ended last school year, for one more year (rule
    /// C022, `[cycle] extend_terms`).
    Extended {
        host: String,
    },
    /// A lock of locks.csv (rule C018), by its line.
    LockedStay {
        line: u64,
    },
    LockedGo {
        line: u64,
        school: Option<String>,
    },
    LockedNotTo {
        line: u64,
        school: String,
    },
    Promised {
        line: u64,
        school: String,
    },
    /// The school had fewer teachers of the subject than posts before the plan (the
    /// shortage term).
    Shortage {
        school: String,
        #[serde(serialize_with = "by_name")]
        subject: Subject,
        posts: u32,
        before: u32,
        after: u32,
    },
    /// A PE, music or art subject with demand and no teacher before the plan (rule C016).
    Coverage {
        school: String,
        #[serde(serialize_with = "by_name")]
        subject: Subject,
    },
    /// The school was below its stage's county value of an indicator the person adds to
    /// (the balance term).
    Balance {
        school: String,
        indicator: &'static str,
        value: f64,
        county: f64,
    },
    /// The exchange quota (rule C010): `exchanged` of the `eligible` teachers (county-wide,
    /// or of `school` when the quota is counted per school), `needed` asked.
    Quota {
        exchanged: usize,
        needed: usize,
        eligible: usize,
        school: Option<String>,
    },
    /// The backbone share (rule C011): `backbone` of the `exchanged` are backbone teachers.
    Backbone {
        exchanged: usize,
        backbone: usize,
        needed: usize,
    },
    /// After the move, the home school still has `after` teachers of the subject for `posts`.
    HomeStillCovered {
        school: String,
        #[serde(serialize_with = "by_name")]
        subject: Subject,
        posts: u32,
        after: u32,
    },
    /// After the move, the home school has fewer teachers of the subject than posts.
    HomeLeftShort {
        school: String,
        #[serde(serialize_with = "by_name")]
        subject: Subject,
        posts: u32,
        after: u32,
    },
    /// Not moved: leaving would open a post at home (`after` teachers for `posts`).
    HomeNeedsThem {
        school: String,
        #[serde(serialize_with = "by_name")]
        subject: Subject,
        posts: u32,
        after: u32,
    },
    /// Not moved: the home school has more teachers of the subject than posts.
    HomeHasSpare {
        school: String,
        #[serde(serialize_with = "by_name")]
        subject: Subject,
        posts: u32,
        after: u32,
    },
    /// Not moved: the last teacher of the subject at a sending school (rule C013).
    OnlyTeacher {
        school: String,
        #[serde(serialize_with = "by_name")]
        subject: Subject,
    },
    /// Not moved: no rural or weak school of the stage within the cap, or locked out.
    Nowhere {
        km: f64,
    },
    /// Not moved: none of the `reachable` schools lacked teachers of the subject.
    NoNeedInReach {
        reachable: usize,
        #[serde(serialize_with = "by_name")]
        subject: Subject,
    },
    /// Not moved: a reachable school's shortage of the subject was filled by others.
    FilledBy {
        school: String,
        #[serde(serialize_with = "by_name")]
        subject: Subject,
        by: Vec<Filler>,
        own_km: Option<f64>,
    },
    /// Not moved: a reachable school still lacks `short` teachers of the subject after the
    /// plan, with `room` places under its staff ceiling.
    StillShort {
        school: String,
        #[serde(serialize_with = "by_name")]
        subject: Subject,
        short: u32,
        room: u32,
    },
    /// A hire placed where none of the needs applies: every hire is placed (rule C006),
    /// and the school's staff after the plan is within its ceiling.
    StaffRoom {
        school: String,
        staff: u32,
        ceiling: u32,
    },
    /// A hire the plan does not place (rule C006).
    NotPlaced,
}

impl Fact {
    /// The reason code of moves.csv and hires.csv this fact is, if any
    /// (`shortage:english`), so that [`crate::report::i18n::reason`] words it in short.
    pub fn code(&self) -> Option<String> {
        use crate::rules::Rule;
        Some(match self {
            Fact::Shortage { subject, .. } => format!("shortage:{subject}"),
            Fact::Coverage { subject, .. } => format!("{}:{subject}", Rule::Coverage.key()),
            Fact::Balance { indicator, .. } => format!("balance:{indicator}"),
            Fact::Quota { .. } => Rule::ExchangeQuota.key().into(),
            Fact::Backbone { .. } => Rule::BackboneShare.key().into(),
            Fact::LockedGo { .. } | Fact::Promised { .. } => Rule::Lock.key().into(),
            Fact::RotationDue { .. } => Rule::RotationDue.key().into(),
            Fact::Extended { .. } => Rule::Extension.key().into(),
            Fact::StaffRoom { .. } => "staff_room".into(),
            _ => return None,
        })
    }
}

/// A fact with its words in the language of the run, as JSON gives it.
#[derive(Serialize)]
struct Said<'a> {
    #[serde(flatten)]
    fact: &'a Fact,
    text: String,
}

/// Serialises facts each with a `text` in the language of the run
/// ([`crate::report::i18n::current`]).
pub fn said<S: serde::Serializer>(facts: &[Fact], s: S) -> Result<S::Ok, S::Error> {
    let lang = crate::report::i18n::current();
    s.collect_seq(facts.iter().map(|fact| Said { fact, text: fact.words(lang) }))
}
