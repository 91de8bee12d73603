//! A county's data after reading and validation: plain types, indices instead of ids.

use super::enums::{Backbone, Degree, Gender, Locale, Stage, Subject, Title};
use std::collections::HashMap;

/// One school row: one stage of one site. A nine-year school is two rows sharing a campus.
#[derive(Debug, Clone, PartialEq)]
pub struct School {
    pub id: String,
    pub name: String,
    pub stage: Stage,
    /// Rows sharing a campus are one site: moving between them is not an exchange.
    pub campus: Option<String>,
    pub locale: Locale,
    /// Designated weak school (薄弱学校).
    pub weak: bool,
    /// Teaching point (教学点); with fewer students than the policy minimum it is left out of the CV.
    pub teaching_point: bool,
    pub students: u32,
    /// Approved teaching posts as given; `None` means the policy ratio decides.
    pub staff_quota: Option<u32>,
    /// Planar coordinates in km, used for distances when distances.csv lacks a pair.
    pub position: Option<(f64, f64)>,
    pub facilities: Facilities,
}

/// Facility data for indicators 4-7 of the 2017 method; each may be missing.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Facilities {
    pub floor_area_m2: Option<f64>,
    pub sports_area_m2: Option<f64>,
    pub equipment_yuan: Option<f64>,
    pub multimedia_rooms: Option<f64>,
}

impl School {
    /// Urban or town, and not designated weak: the schools that must send teachers.
    pub fn is_sending(&self) -> bool {
        self.locale.is_urban_or_town() && !self.weak
    }

    /// Rural or weak: the schools that have priority and receive exchanged teachers.
    pub fn is_receiving(&self) -> bool {
        self.locale == Locale::Rural || self.weak
    }

    /// The same site as `other` (same campus label), so a move between them is no exchange.
    pub fn same_campus(&self, other: &School) -> bool {
        matches!((&self.campus, &other.campus), (Some(a), Some(b)) if a == b)
    }
}

/// One teacher on the county's books.
#[derive(Debug, Clone, PartialEq)]
pub struct Teacher {
    pub id: String,
    pub name: String,
    /// Index into `County::schools`.
    pub school: usize,
    pub subject: Subject,
    pub title: Title,
    pub degree: Degree,
    pub backbone: Backbone,
    pub years_at_school: u32,
    pub age: u32,
    pub gender: Gender,
    /// Yuan per month, allowances of the current school included.
    pub monthly_pay: f64,
    /// Personally exempt this year (pregnancy, illness, special duty).
    pub exempt: bool,
    /// Where the teacher stands in the exchange cycle this year ([`super::cycle::year_view`]).
    pub cycle: super::cycle::TeacherCycle,
}

/// One of this year's new hires, not yet placed.
#[derive(Debug, Clone, PartialEq)]
pub struct NewHire {
    pub id: String,
    pub subject: Subject,
    pub degree: Degree,
    pub gender: Option<Gender>,
    /// Base pay; `None` means the policy's new-hire pay.
    pub monthly_pay: Option<f64>,
}

/// Road distances between schools, with planar coordinates as the fallback.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Distances {
    /// Given road distances, keyed by the ordered pair of school indices (both directions stored).
    pub road_km: HashMap<(usize, usize), f64>,
}

/// Teaching posts needed per school and subject, when demand.csv gives them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Demand {
    pub posts: HashMap<(usize, Subject), u32>,
}

/// Everything rotaplan knows about one county.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct County {
    pub schools: Vec<School>,
    pub teachers: Vec<Teacher>,
    pub new_hires: Vec<NewHire>,
    pub distances: Distances,
    /// `None` when demand.csv is absent: the policy's curriculum shares decide.
    pub demand: Option<Demand>,
    /// The bureau's decisions (locks.csv; empty when absent).
    pub locks: Vec<super::Lock>,
    /// The exchange record (exchanges.csv) and the year viewed (empty when absent).
    pub cycle: super::cycle::Cycle,
}

impl County {
    /// Index of a school by id.
    pub fn school_index(&self, id: &str) -> Option<usize> {
        self.schools.iter().position(|s| s.id == id)
    }

    /// Distance in km between two schools: road distance if given, else straight-line
    /// distance between coordinates, else `None` (distance rules are then off for the pair).
    pub fn distance_km(&self, a: usize, b: usize) -> Option<f64> {
        if a == b {
            return Some(0.0);
        }
        if let Some(&km) = self.distances.road_km.get(&(a, b)) {
            return Some(km);
        }
        let (pa, pb) = (self.schools[a].position?, self.schools[b].position?);
        Some(((pa.0 - pb.0).powi(2) + (pa.1 - pb.1).powi(2)).sqrt())
    }

    /// Whether any distance information exists at all.
    pub fn has_distances(&self) -> bool {
        !self.distances.road_km.is_empty() || self.schools.iter().any(|s| s.position.is_some())
    }

    /// Teachers currently at each school (indices into `teachers`).
    pub fn teachers_by_school(&self) -> Vec<Vec<usize>> {
        let mut by_school = vec![Vec::new(); self.schools.len()];
        for (i, t) in self.teachers.iter().enumerate() {
            by_school[t.school].push(i);
        }
        by_school
    }
}
