//! The TOML forms of the policy fields that hold domain enums: a backbone level and a
//! list of subjects, written and read by their names.

use crate::domain::enums::{Backbone, Subject};

pub mod backbone_name {
    use super::Backbone;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};
    pub fn serialize<S: Serializer>(b: &Backbone, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(b.name())
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Backbone, D::Error> {
        let text = String::deserialize(d)?;
        Backbone::parse(&text).ok_or_else(|| {
            D::Error::custom(format!("unknown backbone level \"{text}\"; use one of: {}", Backbone::expected()))
        })
    }
}

pub mod subject_names {
    use super::Subject;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};
    pub fn serialize<S: Serializer>(v: &[Subject], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|x| x.name()))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Subject>, D::Error> {
        let names = Vec::<String>::deserialize(d)?;
        names
            .iter()
            .map(|n| {
                Subject::parse(n).ok_or_else(|| {
                    D::Error::custom(format!("unknown subject \"{n}\"; use one of: {}", Subject::expected()))
                })
            })
            .collect()
    }
}

/// A count per subject (`{ english = 2, music = 1 }`), read by the subjects' names.
pub mod subject_counts {
    use super::Subject;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};
    use std::collections::BTreeMap;
    pub fn serialize<S: Serializer>(v: &BTreeMap<Subject, u32>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(v.iter().map(|(k, n)| (k.name(), n)))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<Subject, u32>, D::Error> {
        let names = BTreeMap::<String, u32>::deserialize(d)?;
        names
            .into_iter()
            .map(|(n, count)| {
                let subject = Subject::parse(&n).ok_or_else(|| {
                    D::Error::custom(format!("unknown subject \"{n}\"; use one of: {}", Subject::expected()))
                })?;
                Ok((subject, count))
            })
            .collect()
    }
}
