//! The nine indicators per school, as a schools x indicators matrix.
//!
//! Each indicator is an amount `A_i` at school `i` (teachers of a kind, floor area, yuan,
//! rooms) over its students `P_i`. The CV is always taken of `A_i / P_i` weighted by `P_i`,
//! so its mean is the county total over county students. `students_per_teacher` is shown
//! as `P_i / A_i` but its CV is that of teachers per student (师生比), as the 2012 method
//! defines the indicator: the CV of `x` and of `1/x` differ, and only this form is finite
//! at a school without teachers.
//!
//! ## Reference
//! 2017 quality-balance method (indicators 1-7); 2012 basic-balance method (student-teacher
//! ratio, teachers above the required degree, intermediate-or-higher titles, facilities).

use crate::domain::{Backbone, County, Staff};
use ndarray::{Array1, Array2};
use serde::Serialize;

/// How a school's value is formed from its amount `A_i` and students `P_i`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `100 * A_i / P_i`.
    Per100,
    /// `A_i / P_i`.
    PerStudent,
    /// `P_i / A_i`, with `A_i` the teachers.
    StudentsPerTeacher,
}

/// One indicator: its key in the data contract, a plain-language label and its methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndicatorDef {
    pub key: &'static str,
    pub label: &'static str,
    pub form: Form,
    /// One of the seven 2017 indicators: it has a minimum and a CV limit of its own.
    pub quality_2017: bool,
    /// Counted in the 2012 basic-balance mean of CVs.
    pub basic_2012: bool,
    /// Moves with teachers, so an exchange plan changes it.
    pub teacher: bool,
}

/// Which methods an indicator belongs to.
struct Methods {
    quality_2017: bool,
    basic_2012: bool,
    teacher: bool,
}

const fn def(key: &'static str, label: &'static str, form: Form, m: Methods) -> IndicatorDef {
    IndicatorDef { key, label, form, quality_2017: m.quality_2017, basic_2012: m.basic_2012, teacher: m.teacher }
}

const TEACHER_2017_2012: Methods = Methods { quality_2017: true, basic_2012: true, teacher: true };
const TEACHER_2017: Methods = Methods { quality_2017: true, basic_2012: false, teacher: true };
const TEACHER_2012: Methods = Methods { quality_2017: false, basic_2012: true, teacher: true };
const FACILITY_2017_2012: Methods = Methods { quality_2017: true, basic_2012: true, teacher: false };
const FACILITY_2017: Methods = Methods { quality_2017: true, basic_2012: false, teacher: false };

/// Every indicator, in the official order: the seven 2017 ones, then the two of 2012 only.
/// The 2012 mean leaves out `multimedia_per_100` (a 2017 indicator); the 2012 method's
/// computers per 100 students and books per student are not in the data contract.
pub const INDICATORS: [IndicatorDef; 9] = [
    def("degree_per_100", "Teachers above the required degree per 100 students", Form::Per100, TEACHER_2017_2012),
    def("backbone_per_100", "County-level-or-higher backbone teachers per 100 students", Form::Per100, TEACHER_2017),
    def("pe_arts_per_100", "PE, music and art teachers per 100 students", Form::Per100, TEACHER_2017),
    def("floor_area", "Teaching and auxiliary floor area per student (m2)", Form::PerStudent, FACILITY_2017_2012),
    def("sports_area", "Sports ground area per student (m2)", Form::PerStudent, FACILITY_2017_2012),
    def("equipment", "Teaching equipment value per student (yuan)", Form::PerStudent, FACILITY_2017_2012),
    def("multimedia_per_100", "Networked multimedia classrooms per 100 students", Form::Per100, FACILITY_2017),
    def("students_per_teacher", "Students per teacher", Form::StudentsPerTeacher, TEACHER_2012),
    def(
        "mid_senior_title_per_100",
        "Teachers with intermediate or higher title per 100 students",
        Form::Per100,
        TEACHER_2012,
    ),
];

/// Every indicator key, in the official order.
pub const KEYS: [&str; 9] = {
    let mut keys = [""; 9];
    let mut k = 0;
    while k < 9 {
        keys[k] = INDICATORS[k].key;
        k += 1;
    }
    keys
};

/// Columns of [`IndicatorMatrix::amounts`], in the order of [`INDICATORS`].
pub mod col {
    pub const DEGREE: usize = 0;
    pub const BACKBONE: usize = 1;
    pub const PE_ARTS: usize = 2;
    pub const FLOOR_AREA: usize = 3;
    pub const SPORTS_AREA: usize = 4;
    pub const EQUIPMENT: usize = 5;
    pub const MULTIMEDIA: usize = 6;
    pub const TEACHERS: usize = 7;
    pub const MID_SENIOR: usize = 8;
}

/// The definition of an indicator key.
pub fn indicator(key: &str) -> Option<&'static IndicatorDef> {
    INDICATORS.iter().find(|d| d.key == key)
}

/// Lowest backbone level counted by indicator 2 (county level and up, 2017 method).
pub const BACKBONE_MIN_LEVEL: Backbone = Backbone::County;

/// A school's nine indicator values; `None` where the school has no students, or lacks
/// the data the indicator needs (a facility column; any teacher, for students per teacher).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct IndicatorValues {
    pub degree_per_100: Option<f64>,
    pub backbone_per_100: Option<f64>,
    pub pe_arts_per_100: Option<f64>,
    pub floor_area: Option<f64>,
    pub sports_area: Option<f64>,
    pub equipment: Option<f64>,
    pub multimedia_per_100: Option<f64>,
    pub students_per_teacher: Option<f64>,
    pub mid_senior_title_per_100: Option<f64>,
}

impl IndicatorValues {
    /// The value of an indicator by key (`None` also for an unknown key).
    pub fn get(&self, key: &str) -> Option<f64> {
        match key {
            "degree_per_100" => self.degree_per_100,
            "backbone_per_100" => self.backbone_per_100,
            "pe_arts_per_100" => self.pe_arts_per_100,
            "floor_area" => self.floor_area,
            "sports_area" => self.sports_area,
            "equipment" => self.equipment,
            "multimedia_per_100" => self.multimedia_per_100,
            "students_per_teacher" => self.students_per_teacher,
            "mid_senior_title_per_100" => self.mid_senior_title_per_100,
            _ => None,
        }
    }

    /// Values in the order of [`INDICATORS`].
    fn from_row(row: [Option<f64>; 9]) -> Self {
        IndicatorValues {
            degree_per_100: row[col::DEGREE],
            backbone_per_100: row[col::BACKBONE],
            pe_arts_per_100: row[col::PE_ARTS],
            floor_area: row[col::FLOOR_AREA],
            sports_area: row[col::SPORTS_AREA],
            equipment: row[col::EQUIPMENT],
            multimedia_per_100: row[col::MULTIMEDIA],
            students_per_teacher: row[col::TEACHERS],
            mid_senior_title_per_100: row[col::MID_SENIOR],
        }
    }
}

/// Students and indicator amounts of every school: the schools x indicators matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorMatrix {
    /// `P_i`, students per school.
    pub students: Array1<f64>,
    /// `A_ik`, one row per school and one column per entry of [`INDICATORS`] (see
    /// [`col`]); NaN where the data are missing.
    pub amounts: Array2<f64>,
}

impl IndicatorMatrix {
    /// Counts the staff at each school and reads the facility data. Staff pointing at a
    /// school index outside the county are ignored.
    pub fn build(county: &County, staff: &[Staff]) -> Self {
        let n = county.schools.len();
        let mut amounts = Array2::<f64>::zeros((n, INDICATORS.len()));
        let count = |yes: bool| if yes { 1.0 } else { 0.0 };
        for s in staff.iter().filter(|s| s.school < n) {
            let stage = county.schools[s.school].stage;
            let mut row = amounts.row_mut(s.school);
            row[col::DEGREE] += count(s.degree >= stage.required_degree());
            row[col::BACKBONE] += count(s.backbone >= BACKBONE_MIN_LEVEL);
            row[col::PE_ARTS] += count(s.subject.is_pe_arts());
            row[col::TEACHERS] += 1.0;
            row[col::MID_SENIOR] += count(s.title.is_mid_or_senior());
        }
        for (i, school) in county.schools.iter().enumerate() {
            let f = &school.facilities;
            for (k, v) in [
                (col::FLOOR_AREA, f.floor_area_m2),
                (col::SPORTS_AREA, f.sports_area_m2),
                (col::EQUIPMENT, f.equipment_yuan),
                (col::MULTIMEDIA, f.multimedia_rooms),
            ] {
                amounts[[i, k]] = v.unwrap_or(f64::NAN);
            }
        }
        let students = county.schools.iter().map(|s| f64::from(s.students)).collect();
        IndicatorMatrix { students, amounts }
    }

    /// Teachers (staff of any kind) at school `i`.
    pub fn teachers(&self, i: usize) -> u32 {
        self.amounts[[i, col::TEACHERS]] as u32
    }

    /// School `i`'s value of indicator `k` as reported.
    pub fn value(&self, i: usize, k: usize) -> Option<f64> {
        let (p, a) = (self.students[i], self.amounts[[i, k]]);
        if p <= 0.0 || !a.is_finite() {
            return None;
        }
        match INDICATORS[k].form {
            Form::Per100 => Some(100.0 * a / p),
            Form::PerStudent => Some(a / p),
            Form::StudentsPerTeacher => (a > 0.0).then(|| p / a),
        }
    }

    /// School `i`'s amount per student `A_ik / P_i`: the form the CV is taken of.
    pub fn per_student(&self, i: usize, k: usize) -> Option<f64> {
        let (p, a) = (self.students[i], self.amounts[[i, k]]);
        (p > 0.0 && a.is_finite()).then(|| a / p)
    }

    /// All nine values of school `i`.
    pub fn values(&self, i: usize) -> IndicatorValues {
        IndicatorValues::from_row(std::array::from_fn(|k| self.value(i, k)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_follow_the_indicator_order() {
        let named = [
            (col::DEGREE, "degree_per_100"),
            (col::BACKBONE, "backbone_per_100"),
            (col::PE_ARTS, "pe_arts_per_100"),
            (col::FLOOR_AREA, "floor_area"),
            (col::SPORTS_AREA, "sports_area"),
            (col::EQUIPMENT, "equipment"),
            (col::MULTIMEDIA, "multimedia_per_100"),
            (col::TEACHERS, "students_per_teacher"),
            (col::MID_SENIOR, "mid_senior_title_per_100"),
        ];
        for (k, key) in named {
            assert_eq!(KEYS[k], key);
        }
        let minimum_keys: Vec<&str> = INDICATORS.iter().filter(|d| d.quality_2017).map(|d| d.key).collect();
        assert_eq!(minimum_keys, crate::domain::policy::MINIMUM_KEYS);
    }

    #[test]
    fn values_by_key() {
        let v = IndicatorValues { equipment: Some(2.0), ..Default::default() };
        assert_eq!(v.get("equipment"), Some(2.0));
        assert_eq!(v.get("books"), None);
    }
}
