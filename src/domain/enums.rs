//! The closed vocabularies of the data contract (`docs/formats.md`).
//!
//! Each enum parses from the contract's lower-case name (trimmed, case-insensitive,
//! with a few common spellings and the Chinese words bureaus write accepted) and prints
//! back as that name, so that what rotaplan writes is always the contract's word.

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

            /// The Chinese word for this value: its first Chinese alias, as the template's
            /// drop-down lists and the Chinese messages give it.
            pub fn chinese(self) -> &'static str {
                match self { $($name::$variant => first_chinese(&[$canon $(, $alias)*])),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

/// The first name that is not ASCII (a Chinese word), else the first.
fn first_chinese(names: &[&'static str]) -> &'static str {
    names.iter().find(|n| !n.is_ascii()).unwrap_or(&names[0])
}

contract_enum! {
    /// A lock of locks.csv: what the bureau has already decided about a teacher (stay,
    /// go, not to a school) or a new hire (place at a school).
    LockWord {
        Stay => "stay" | "留任" | "不交流",
        Go => "go" | "交流" | "必须交流",
        NotTo => "not_to" | "不去" | "不得去",
        Place => "place" | "分配" | "安排",
    }
}

contract_enum! {
    /// Stage of compulsory education; each stage is evaluated separately.
    Stage { Primary => "primary" | "小学", Junior => "junior" | "初中" | "middle" | "初级中学" }
}

contract_enum! {
    /// National statistics locale. "Urban" in the exchange rules means urban and town.
    /// Besides the words, the national statistics codes (统计用城乡划分代码) of the school's
    /// area: 111/112 urban, 121/122/123 town, 210/220 rural.
    Locale {
        Urban => "urban" | "城区" | "city" | "城市" | "主城区" | "城乡结合区" | "111" | "112",
        Town => "town" | "镇区" | "镇" | "镇中心区" | "镇乡结合区" | "特殊区域" | "121" | "122" | "123",
        Rural => "rural" | "乡村" | "village" | "农村" | "乡中心区" | "村庄" | "210" | "220",
    }
}

contract_enum! {
    /// Main subject taught, following the national curriculum plan.
    Subject {
        Chinese => "chinese" | "语文",
        Math => "math" | "maths" | "mathematics" | "数学",
        English => "english" | "foreign_language" | "英语" | "外语" | "英文",
        Morality => "morality" | "morality_law" | "道德与法治" | "道法" | "思想品德" | "品德与社会" | "品德与生活" | "思想政治" | "政治",
        Science => "science" | "科学" | "物理" | "化学" | "生物" | "生物学",
        HistoryGeography => "history_geography" | "history" | "geography" | "历史与地理" | "历史" | "地理" | "历史与社会",
        It => "it" | "information_technology" | "信息技术" | "信息科技",
        Pe => "pe" | "physical_education" | "体育" | "体育与健康",
        Music => "music" | "音乐",
        Art => "art" | "fine_art" | "美术",
        Labour => "labour" | "labor" | "劳动" | "综合实践" | "综合实践活动" | "劳动与技术",
        Other => "other" | "其他" | "其它",
    }
}

contract_enum! {
    /// Professional title, low to high.
    Title {
        None => "none" | "" | "无" | "未定级" | "未评",
        Third => "third" | "三级教师" | "三级",
        Second => "second" | "二级教师" | "二级",
        First => "first" | "一级教师" | "一级" | "中级",
        Senior => "senior" | "高级教师" | "高级" | "副高级",
        Professor => "professor" | "正高级教师" | "正高级",
    }
}

contract_enum! {
    /// Highest degree, low to high.
    Degree {
        Secondary => "secondary" | "中专" | "高中" | "中师" | "高中及以下" | "中专及以下",
        Associate => "associate" | "大专" | "专科",
        Bachelor => "bachelor" | "本科" | "学士",
        Master => "master" | "硕士" | "研究生" | "硕士研究生",
        Doctor => "doctor" | "phd" | "博士" | "博士研究生",
    }
}

contract_enum! {
    /// Backbone-teacher level, low to high.
    Backbone {
        None => "none" | "" | "无" | "否" | "非骨干",
        School => "school" | "校级" | "校级骨干",
        County => "county" | "县级" | "县级骨干" | "区级" | "县区级",
        City => "city" | "市级" | "市级骨干" | "地市级",
        Province => "province" | "省级" | "省级骨干",
    }
}

contract_enum! {
    /// Gender, for the age exemptions (men 55+, women 50+).
    Gender { F => "f" | "female" | "woman" | "女" | "女性", M => "m" | "male" | "man" | "男" | "男性" }
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
    fn chinese_words_are_aliases() {
        assert_eq!(Subject::parse("体育与健康"), Some(Subject::Pe));
        assert_eq!(Subject::parse(" 道法 "), Some(Subject::Morality));
        assert_eq!(Title::parse("正高级教师"), Some(Title::Professor));
        assert_eq!(Degree::parse("大专"), Some(Degree::Associate));
        assert_eq!(Backbone::parse("县级"), Some(Backbone::County));
        assert_eq!(Gender::parse("女"), Some(Gender::F));
        assert_eq!(Locale::parse("220"), Some(Locale::Rural));
        assert_eq!(Locale::parse("城镇"), None, "城镇 is urban and town together");
        for s in Subject::ALL {
            assert_eq!(Subject::parse(s.chinese()), Some(*s));
        }
        assert_eq!((Title::None.chinese(), Locale::Town.chinese(), Stage::Junior.chinese()), ("无", "镇区", "初中"));
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
