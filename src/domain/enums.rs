//! The closed vocabularies of the data contract (`shared/formats.md`).
//!
//! Each enum parses from the contract's lower-case name (trimmed, case-insensitive,
//! with a few common spellings accepted) and prints back as that name, so that what a
//! user typed and what rotaplan writes are the same words.

use std::fmt;

/// Declares a contract enum with its canonical names and accepted aliases.
macro_rules! contract_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $canon:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in contract order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The contract's name for this value.
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $canon),+ }
            }

            /// Parses a cell: trimmed, case-insensitive, canonical names and aliases.
            pub fn parse(text: &str) -> Option<Self> {
                let t = text.trim().to_ascii_lowercase();
                $(if t == $canon $(|| t == $alias)* { return Some($name::$variant); })+
                None
            }

            /// The accepted names, for error messages ("one of: a, b, c").
            pub fn expected() -> String {
                [$($canon),+].join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

contract_enum! {
    /// Stage of compulsory education; each stage is evaluated separately.
    Stage { Primary => "primary" | "小学", Junior => "junior" | "初中" | "middle" }
}

contract_enum! {
    /// National statistics locale. "Urban" in the exchange rules means urban and town.
    Locale { Urban => "urban" | "城区" | "city", Town => "town" | "镇区", Rural => "rural" | "乡村" | "village" }
}

contract_enum! {
    /// Main subject taught, following the national curriculum plan.
    Subject {
        Chinese => "chinese",
        Math => "math" | "maths" | "mathematics",
        English => "english" | "foreign_language",
        Morality => "morality" | "morality_law",
        Science => "science",
        HistoryGeography => "history_geography" | "history" | "geography",
        It => "it" | "information_technology",
        Pe => "pe" | "physical_education",
        Music => "music",
        Art => "art" | "fine_art",
        Labour => "labour" | "labor",
        Other => "other",
    }
}

contract_enum! {
    /// Professional title, low to high.
    Title { None => "none" | "", Third => "third", Second => "second", First => "first", Senior => "senior", Professor => "professor" }
}

contract_enum! {
    /// Highest degree, low to high.
    Degree { Secondary => "secondary", Associate => "associate", Bachelor => "bachelor", Master => "master", Doctor => "doctor" | "phd" }
}

contract_enum! {
    /// Backbone-teacher level, low to high.
    Backbone { None => "none" | "", School => "school", County => "county", City => "city", Province => "province" }
}

contract_enum! {
    /// Gender, for the age exemptions (men 55+, women 50+).
    Gender { F => "f" | "female" | "woman", M => "m" | "male" | "man" }
}

impl Stage {
    /// Degree at or above which a teacher counts in `degree_per_100`
    /// (primary: associate; junior: bachelor; 2017 method).
    pub fn required_degree(self) -> Degree {
        match self {
            Stage::Primary => Degree::Associate,
            Stage::Junior => Degree::Bachelor,
        }
    }
}

impl Subject {
    /// Number of subjects in the contract.
    pub const COUNT: usize = 12;

    /// Position in [`Subject::ALL`], for per-subject arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// PE and the arts (music, fine art): indicator 3 of the 2017 method.
    pub fn is_pe_arts(self) -> bool {
        matches!(self, Subject::Pe | Subject::Music | Subject::Art)
    }
}

impl Title {
    /// Intermediate (first) or higher: the 2012 method's title indicator.
    pub fn is_mid_or_senior(self) -> bool {
        self >= Title::First
    }
}

impl Locale {
    /// Urban and town schools are "城镇" in the exchange rules.
    pub fn is_urban_or_town(self) -> bool {
        matches!(self, Locale::Urban | Locale::Town)
    }
}

/// Parses a boolean cell: true/false/1/0/yes/no (case-insensitive), as formats.md says.
pub fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "y" | "t" | "是" => Some(true),
        "false" | "0" | "no" | "n" | "f" | "否" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in Subject::ALL {
            assert_eq!(Subject::parse(s.name()), Some(*s));
        }
        assert_eq!(Locale::parse(" Rural "), Some(Locale::Rural));
        assert_eq!(Degree::parse("PhD"), Some(Degree::Doctor));
        assert_eq!(Stage::parse("senior"), None);
    }

    #[test]
    fn ordering_follows_contract() {
        assert!(Title::Senior > Title::First);
        assert!(Backbone::County > Backbone::School);
        assert!(Degree::Bachelor >= Stage::Junior.required_degree());
        assert!(Degree::Associate < Stage::Junior.required_degree());
    }

    #[test]
    fn booleans() {
        assert_eq!(parse_bool("Yes"), Some(true));
        assert_eq!(parse_bool("0"), Some(false));
        assert_eq!(parse_bool("maybe"), None);
    }
}
