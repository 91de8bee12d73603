//! Reading a county data directory (schools.csv, teachers.csv, new_hires.csv,
//! distances.csv, demand.csv), or a workbook with those sheets, into a [`County`],
//! collecting every problem. This file holds the columns of each file and the order of
//! reading; the per-file row readers are in `rows`, the id checks they share in `refs`.

mod exchanges;
mod locks;
mod projection;
mod refs;
mod rows;

use super::table::{opt, read_table, req, ColumnSpec, RowSources};
use crate::domain::County;
use crate::findings::{Finding, Findings, Text};
use rows::{read_demand, read_distances, read_hires, read_schools, read_teachers};
use std::path::Path;

pub(crate) const SCHOOL_COLUMNS: &[ColumnSpec] = &[
    req("school_id"),
    opt("name"),
    req("level"),
    opt("campus"),
    req("locale"),
    opt("weak"),
    opt("teaching_point"),
    req("students"),
    opt("staff_quota"),
    opt("x_km"),
    opt("y_km"),
    opt("floor_area_m2"),
    opt("sports_area_m2"),
    opt("equipment_yuan"),
    opt("multimedia_rooms"),
];
pub(crate) const TEACHER_COLUMNS: &[ColumnSpec] = &[
    req("teacher_id"),
    opt("name"),
    req("school_id"),
    req("subject"),
    opt("title"),
    opt("degree"),
    opt("backbone"),
    req("years_at_school"),
    req("age"),
    req("gender"),
    req("monthly_pay"),
    opt("exempt"),
    opt("seeks_promotion"),
];
pub(crate) const HIRE_COLUMNS: &[ColumnSpec] =
    &[req("hire_id"), req("subject"), req("degree"), opt("gender"), opt("monthly_pay")];
pub(crate) const DISTANCE_COLUMNS: &[ColumnSpec] = &[req("from_school"), req("to_school"), req("km")];
pub(crate) const DEMAND_COLUMNS: &[ColumnSpec] = &[req("school_id"), req("subject"), req("posts")];
pub(crate) const LOCK_COLUMNS: &[ColumnSpec] = &[req("id"), req("lock"), opt("school")];
pub(crate) const EXCHANGE_COLUMNS: &[ColumnSpec] = &[
    req("teacher_id"),
    req("home_school"),
    req("host_school"),
    opt("kind"),
    req("start_year"),
    req("term_years"),
    opt("end_year"),
];
pub(crate) const HIRES_BY_YEAR_COLUMNS: &[ColumnSpec] = &[req("year"), req("subject"), req("count"), opt("degree")];
pub(crate) const ENROLMENT_COLUMNS: &[ColumnSpec] = &[req("school_id"), req("year"), req("students")];

/// The county's files: name, columns, and whether a county must have it.
pub(crate) const FILES: [(&str, &[ColumnSpec], bool); 9] = [
    ("schools", SCHOOL_COLUMNS, true),
    ("teachers", TEACHER_COLUMNS, true),
    ("new_hires", HIRE_COLUMNS, false),
    ("distances", DISTANCE_COLUMNS, false),
    ("demand", DEMAND_COLUMNS, false),
    ("locks", LOCK_COLUMNS, false),
    ("exchanges", EXCHANGE_COLUMNS, false),
    ("hires_by_year", HIRES_BY_YEAR_COLUMNS, false),
    ("enrolment", ENROLMENT_COLUMNS, false),
];

/// Where the schools and teachers of a county were read from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Parallel to `County::schools`.
    pub schools: RowSources,
    /// Parallel to `County::teachers`.
    pub teachers: RowSources,
    /// Parallel to `County::locks`.
    pub locks: RowSources,
    /// Parallel to `County::cycle.record`.
    pub exchanges: RowSources,
}

/// Everything reading a county directory gives.
pub struct CountyRead {
    /// The county, only when there is no error.
    pub county: Option<County>,
    /// Every error and warning met while reading.
    pub findings: Findings,
    /// File lines of the schools and teachers, for findings made later (warnings).
    pub sources: Sources,
}

/// Reads the county in `dir` (a folder, or an .xlsx workbook with one sheet per file).
/// Returns the county only when there is no error;
/// the findings hold every error and warning either way.
pub fn load_county(dir: &Path) -> (Option<County>, Findings) {
    let read = read_county(dir);
    (read.county, read.findings)
}

/// [`load_county`], also saying where each school and teacher came from.
pub fn read_county(dir: &Path) -> CountyRead {
    let mut findings = Findings::default();
    let mut sources = Sources::default();
    // A workbook holds the files as sheets; it is read through the same table parser.
    let book = if super::xlsx::is_workbook(dir) {
        match super::xlsx::Workbook::open(dir, &mut findings) {
            Some(b) => Some(b),
            None => return CountyRead { county: None, findings, sources },
        }
    } else {
        None
    };
    if book.is_none() && !dir.is_dir() {
        let key = if dir.exists() { "E100.not_folder" } else { "E100.folder" };
        findings.push(Finding::new(&dir.display().to_string(), Text::new(key)));
        return CountyRead { county: None, findings, sources };
    }
    let table = |name: &str, spec, required, findings: &mut Findings| {
        if let Some(book) = &book {
            return book.table(name, spec, required, findings);
        }
        let path = dir.join(name);
        if !path.exists() {
            if required {
                let text = Text::new("E100.file").arg("file", name).arg("dir", dir.display());
                findings.push(Finding::new(name, text));
            }
            return None;
        }
        read_table(&path, name, spec, findings)
    };
    let schools_t = table("schools.csv", SCHOOL_COLUMNS, true, &mut findings);
    let teachers_t = table("teachers.csv", TEACHER_COLUMNS, true, &mut findings);
    let hires_t = table("new_hires.csv", HIRE_COLUMNS, false, &mut findings);
    let distances_t = table("distances.csv", DISTANCE_COLUMNS, false, &mut findings);
    let demand_t = table("demand.csv", DEMAND_COLUMNS, false, &mut findings);
    let locks_t = table("locks.csv", LOCK_COLUMNS, false, &mut findings);
    let exchanges_t = table("exchanges.csv", EXCHANGE_COLUMNS, false, &mut findings);
    let hires_by_year_t = table("hires_by_year.csv", HIRES_BY_YEAR_COLUMNS, false, &mut findings);
    let enrolment_t = table("enrolment.csv", ENROLMENT_COLUMNS, false, &mut findings);

    let (schools, refs) = match &schools_t {
        Some(t) => {
            let (schools, refs) = read_schools(t, &mut findings, &mut sources.schools);
            // With no school rows at all, every reference would be reported: say it once.
            (schools, (!t.has_no_rows()).then_some(refs))
        }
        None => (Vec::new(), None),
    };
    let refs = refs.as_ref();
    let teachers =
        teachers_t.as_ref().map(|t| read_teachers(t, refs, &mut findings, &mut sources.teachers)).unwrap_or_default();
    if let Some(t) = teachers_t.as_ref().filter(|t| t.has_no_rows()) {
        findings.push(Finding::new(&t.file, Text::new("E118.teachers").arg("file", &t.file)).at_line(2));
    }
    let new_hires = hires_t.as_ref().map(|t| read_hires(t, &mut findings)).unwrap_or_default();
    let distances = distances_t.as_ref().map(|t| read_distances(t, refs, &mut findings)).unwrap_or_default();
    let demand = demand_t.as_ref().map(|t| read_demand(t, refs, &mut findings));
    let locks = locks_t
        .as_ref()
        .map(|t| locks::read_locks(t, refs, (&teachers, &new_hires), &mut findings, &mut sources.locks))
        .unwrap_or_default();
    let record = exchanges_t
        .as_ref()
        .map(|t| exchanges::read_exchanges(t, refs, &teachers, &mut findings, &mut sources.exchanges))
        .unwrap_or_default();
    let mut projection = crate::domain::Projection::default();
    if let Some(t) = &hires_by_year_t {
        projection.hires = projection::read_hires_by_year(t, &mut findings);
    }
    if let Some(t) = &enrolment_t {
        projection::read_enrolment(t, refs, &mut findings, &mut projection);
    }
    let cycle = crate::domain::Cycle { year: None, record, projection };

    let usable = !findings.has_errors() && schools_t.is_some() && teachers_t.is_some();
    findings.summarise();
    let county = usable.then_some(County { schools, teachers, new_hires, distances, demand, locks, cycle });
    CountyRead { county, findings, sources }
}
