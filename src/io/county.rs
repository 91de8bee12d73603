//! Reading a county data directory (schools.csv, teachers.csv, new_hires.csv,
//! distances.csv, demand.csv), or a workbook with those sheets, into a [`County`],
//! collecting every problem.

use super::table::{opt, read_table, req, ColumnSpec, Row, RowSources, Table};
use crate::domain::*;
use crate::findings::{Finding, Findings};
use std::collections::{HashMap, HashSet};
use std::path::Path;

const SCHOOL_COLUMNS: &[ColumnSpec] = &[
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
const TEACHER_COLUMNS: &[ColumnSpec] = &[
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
];
const HIRE_COLUMNS: &[ColumnSpec] = &[req("hire_id"), req("subject"), req("degree"), opt("gender"), opt("monthly_pay")];
const DISTANCE_COLUMNS: &[ColumnSpec] = &[req("from_school"), req("to_school"), req("km")];
const DEMAND_COLUMNS: &[ColumnSpec] = &[req("school_id"), req("subject"), req("posts")];

/// Largest plausible values, so that a typo (an extra zero) is caught as impossible.
const MAX_STUDENTS: u32 = 20_000;
const MAX_PAY: f64 = 200_000.0;
/// The earliest age at which anyone starts teaching, for years_at_school against age.
const EARLIEST_START_AGE: u32 = 16;

/// Where the schools and teachers of a county were read from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Parallel to `County::schools`.
    pub schools: RowSources,
    /// Parallel to `County::teachers`.
    pub teachers: RowSources,
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
        let what = if dir.exists() { "is a file, not a folder" } else { "does not exist" };
        findings.push(Finding::error(
            "E100",
            &dir.display().to_string(),
            format!("the county data folder {what}"),
            "give the folder that holds schools.csv and teachers.csv",
        ));
        return CountyRead { county: None, findings, sources };
    }
    let table = |name: &str, spec, required, findings: &mut Findings| {
        if let Some(book) = &book {
            return book.table(name, spec, required, findings);
        }
        let path = dir.join(name);
        if !path.exists() {
            if required {
                findings.push(Finding::error(
                    "E100",
                    name,
                    format!("required file {name} is missing from {}", dir.display()),
                    format!("add {name}; see the data contract in the README"),
                ));
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
    let new_hires = hires_t.as_ref().map(|t| read_hires(t, &mut findings)).unwrap_or_default();
    let distances = distances_t.as_ref().map(|t| read_distances(t, refs, &mut findings)).unwrap_or_default();
    let demand = demand_t.as_ref().map(|t| read_demand(t, refs, &mut findings));

    let usable = !findings.has_errors() && schools_t.is_some() && teachers_t.is_some();
    let county = usable.then_some(County { schools, teachers, new_hires, distances, demand });
    CountyRead { county, findings, sources }
}

/// The school ids other files may refer to.
struct SchoolRefs {
    /// Index into the schools read, by id.
    index: HashMap<String, usize>,
    /// Every id in schools.csv, including rows left out for their own errors.
    all_ids: HashSet<String>,
}

/// Reports a duplicate id (E120) and returns whether `id` is new.
fn first_time(
    seen: &mut HashMap<String, u64>,
    id: &str,
    line: u64,
    t: &Table,
    col: &str,
    findings: &mut Findings,
) -> bool {
    if let Some(first) = seen.get(id) {
        findings.push(t.locate(
            Finding::error(
                "E120",
                &t.file,
                format!("{col} \"{id}\" appears twice (first on line {first})"),
                format!("give each row its own {col}, or delete the repeated row"),
            ),
            line,
            col,
        ));
        return false;
    }
    seen.insert(id.to_string(), line);
    true
}

/// The school a cell names. A school whose own row has an error is not reported again;
/// when schools.csv cannot be read at all, nothing is checked.
fn school_ref(row: &mut Row<'_>, col: &str, refs: Option<&SchoolRefs>) -> Option<usize> {
    let id = row.text(col)?;
    let Some(refs) = refs else {
        row.ok = false;
        return None;
    };
    if let Some(&i) = refs.index.get(&id) {
        return Some(i);
    }
    if refs.all_ids.contains(&id) {
        row.ok = false;
        return None;
    }
    let same_but_case = refs.all_ids.iter().filter(|k| k.to_lowercase() == id.to_lowercase()).min();
    let fix = match same_but_case {
        Some(k) => format!("schools.csv has \"{k}\": write the id exactly as it is there"),
        None => "use a school_id listed in schools.csv, or add that school to schools.csv".to_string(),
    };
    row.problem("E121", col, format!("school \"{id}\" does not exist in schools.csv"), fix);
    None
}

fn read_schools(t: &Table, findings: &mut Findings, sources: &mut RowSources) -> (Vec<School>, SchoolRefs) {
    *sources = t.sources();
    if t.has_no_rows() {
        findings.push(
            Finding::error(
                "E103",
                &t.file,
                "schools.csv has a header but no schools",
                "add one row per school; a nine-year school is one primary and one junior row",
            )
            .at_line(2),
        );
    }
    let mut schools = Vec::new();
    let mut refs = SchoolRefs { index: HashMap::new(), all_ids: HashSet::new() };
    let mut seen = HashMap::new();
    let mut campus_stage: HashMap<(String, Stage), u64> = HashMap::new();
    for i in 0..t.records.len() {
        let mut row = t.row(i, findings);
        let id = row.text("school_id");
        let stage = row.value("level", Stage::parse, &Stage::expected(), None);
        let locale = row.value("locale", Locale::parse, &Locale::expected(), None);
        let weak = row.flag("weak", false);
        let teaching_point = row.flag("teaching_point", false);
        let students = row.whole("students", 0, MAX_STUDENTS, true);
        let staff_quota = row.whole("staff_quota", 0, MAX_STUDENTS, false);
        let x = row.number("x_km", -10_000.0, 10_000.0, false);
        let y = row.number("y_km", -10_000.0, 10_000.0, false);
        let facilities = Facilities {
            floor_area_m2: row.number("floor_area_m2", 0.0, 1e7, false),
            sports_area_m2: row.number("sports_area_m2", 0.0, 1e7, false),
            equipment_yuan: row.number("equipment_yuan", 0.0, 1e10, false),
            multimedia_rooms: row.number("multimedia_rooms", 0.0, 1e4, false),
        };
        let name = row.cell("name").unwrap_or_default().to_string();
        let campus = row.cell("campus").map(str::to_string);
        let (line, ok) = (row.line, row.ok);
        let Some(id) = id else { continue };
        refs.all_ids.insert(id.clone());
        if !first_time(&mut seen, &id, line, t, "school_id", findings) {
            continue;
        }
        let (true, Some(stage), Some(locale), Some(weak), Some(teaching_point), Some(students)) =
            (ok, stage, locale, weak, teaching_point, students)
        else {
            continue;
        };
        if let Some(c) = &campus {
            if let Some(first) = campus_stage.insert((c.clone(), stage), line) {
                findings.push(t.locate(
                    Finding::error(
                        "E122",
                        &t.file,
                        format!("campus \"{c}\" has two {stage} rows (lines {first} and {line})"),
                        "a nine-year school is one primary row and one junior row with the same campus; \
                         correct the level of one row, or give the rows different campuses",
                    ),
                    line,
                    "campus",
                ));
                continue;
            }
        }
        refs.index.insert(id.clone(), schools.len());
        sources.lines.push(line);
        schools.push(School {
            id,
            name,
            stage,
            campus,
            locale,
            weak,
            teaching_point,
            students,
            staff_quota,
            position: x.zip(y),
            facilities,
        });
    }
    (schools, refs)
}

fn read_teachers(
    t: &Table,
    refs: Option<&SchoolRefs>,
    findings: &mut Findings,
    sources: &mut RowSources,
) -> Vec<Teacher> {
    *sources = t.sources();
    let mut teachers = Vec::new();
    let mut seen = HashMap::new();
    for i in 0..t.records.len() {
        let mut row = t.row(i, findings);
        let id = row.text("teacher_id");
        let school = school_ref(&mut row, "school_id", refs);
        let subject = row.value("subject", Subject::parse, &Subject::expected(), None);
        let title = row.value("title", Title::parse, &Title::expected(), Some(Title::None));
        let degree = row.value("degree", Degree::parse, &Degree::expected(), Some(Degree::Bachelor));
        let backbone = row.value("backbone", Backbone::parse, &Backbone::expected(), Some(Backbone::None));
        let years = row.whole("years_at_school", 0, 60, true);
        let age = row.whole("age", 18, 70, true);
        let gender = row.value("gender", Gender::parse, &Gender::expected(), None);
        if let (Some(y), Some(a)) = (years, age) {
            if y > a.saturating_sub(EARLIEST_START_AGE) {
                row.problem(
                    "E114",
                    "years_at_school",
                    format!("{y} years at this school is impossible at age {a}"),
                    format!("check years_at_school and age; no one teaches before age {EARLIEST_START_AGE}"),
                );
            }
        }
        let pay = row.positive("monthly_pay", MAX_PAY, true);
        let exempt = row.flag("exempt", false);
        let name = row.cell("name").unwrap_or_default().to_string();
        let (line, ok) = (row.line, row.ok);
        let Some(id) = id else { continue };
        if !first_time(&mut seen, &id, line, t, "teacher_id", findings) {
            continue;
        }
        if let (
            true,
            Some(school),
            Some(subject),
            Some(title),
            Some(degree),
            Some(backbone),
            Some(years_at_school),
            Some(age),
            Some(gender),
            Some(monthly_pay),
            Some(exempt),
        ) = (ok, school, subject, title, degree, backbone, years, age, gender, pay, exempt)
        {
            sources.lines.push(line);
            teachers.push(Teacher {
                id,
                name,
                school,
                subject,
                title,
                degree,
                backbone,
                years_at_school,
                age,
                gender,
                monthly_pay,
                exempt,
            });
        }
    }
    teachers
}

fn read_hires(t: &Table, findings: &mut Findings) -> Vec<NewHire> {
    let mut hires = Vec::new();
    let mut seen = HashMap::new();
    for i in 0..t.records.len() {
        let mut row = t.row(i, findings);
        let id = row.text("hire_id");
        let subject = row.value("subject", Subject::parse, &Subject::expected(), None);
        let degree = row.value("degree", Degree::parse, &Degree::expected(), None);
        let gender = row.value("gender", |g| Gender::parse(g).map(Some), &Gender::expected(), Some(None));
        let monthly_pay = row.positive("monthly_pay", MAX_PAY, false);
        let (line, ok) = (row.line, row.ok);
        let Some(id) = id else { continue };
        if !first_time(&mut seen, &id, line, t, "hire_id", findings) {
            continue;
        }
        if let (true, Some(subject), Some(degree), Some(gender)) = (ok, subject, degree, gender) {
            hires.push(NewHire { id, subject, degree, gender, monthly_pay });
        }
    }
    hires
}

fn read_distances(t: &Table, refs: Option<&SchoolRefs>, findings: &mut Findings) -> Distances {
    let mut d = Distances::default();
    let mut seen: HashMap<(usize, usize), u64> = HashMap::new();
    for i in 0..t.records.len() {
        let mut row = t.row(i, findings);
        let from = school_ref(&mut row, "from_school", refs);
        let to = school_ref(&mut row, "to_school", refs);
        let km = row.number("km", 0.0, 10_000.0, true);
        let names = (
            row.cell("from_school").unwrap_or_default().to_string(),
            row.cell("to_school").unwrap_or_default().to_string(),
        );
        let (line, ok) = (row.line, row.ok);
        if let (true, Some(a), Some(b), Some(km)) = (ok, from, to, km) {
            if let Some(first) = seen.insert((a.min(b), a.max(b)), line) {
                findings.push(t.locate(
                    Finding::error(
                        "E123",
                        &t.file,
                        format!(
                            "the distance between {} and {} is given twice (first on line {first})",
                            names.0, names.1
                        ),
                        "keep one row per pair of schools; a distance holds in both directions",
                    ),
                    line,
                    "from_school",
                ));
                continue;
            }
            d.road_km.insert((a, b), km);
            d.road_km.insert((b, a), km);
        }
    }
    d
}

fn read_demand(t: &Table, refs: Option<&SchoolRefs>, findings: &mut Findings) -> Demand {
    let mut demand = Demand::default();
    let mut seen: HashMap<(usize, Subject), u64> = HashMap::new();
    for i in 0..t.records.len() {
        let mut row = t.row(i, findings);
        let school = school_ref(&mut row, "school_id", refs);
        let subject = row.value("subject", Subject::parse, &Subject::expected(), None);
        let posts = row.whole("posts", 0, MAX_STUDENTS, true);
        let school_id = row.cell("school_id").unwrap_or_default().to_string();
        let (line, ok) = (row.line, row.ok);
        if let (true, Some(s), Some(k), Some(p)) = (ok, school, subject, posts) {
            if let Some(first) = seen.insert((s, k), line) {
                findings.push(t.locate(
                    Finding::error(
                        "E123",
                        &t.file,
                        format!("posts for {school_id} and {k} are given twice (first on line {first})"),
                        "keep one row per school and subject",
                    ),
                    line,
                    "subject",
                ));
                continue;
            }
            demand.posts.insert((s, k), p);
        }
    }
    demand
}
