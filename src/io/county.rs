//! Reading a county data directory (schools.csv, teachers.csv, new_hires.csv,
//! distances.csv, demand.csv) into a [`County`], collecting every problem.

use super::table::{opt, read_table, req, ColumnSpec, Table};
use crate::domain::*;
use crate::findings::{Finding, Findings};
use std::collections::HashMap;
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

/// Reads the county in `dir`. Returns the county only when there is no error;
/// the findings hold every error and warning either way.
pub fn load_county(dir: &Path) -> (Option<County>, Findings) {
    let mut findings = Findings::default();
    if !dir.is_dir() {
        findings.push(Finding::error(
            "E100",
            &dir.display().to_string(),
            "the county data directory does not exist",
            "give the directory that holds schools.csv and teachers.csv",
        ));
        return (None, findings);
    }
    let table = |name: &str, spec, required, findings: &mut Findings| {
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

    let schools = schools_t.as_ref().map(|t| read_schools(t, &mut findings)).unwrap_or_default();
    let index: HashMap<String, usize> = schools.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
    let teachers = teachers_t.as_ref().map(|t| read_teachers(t, &index, &mut findings)).unwrap_or_default();
    let new_hires = hires_t.as_ref().map(|t| read_hires(t, &mut findings)).unwrap_or_default();
    let distances = distances_t.as_ref().map(|t| read_distances(t, &index, &mut findings)).unwrap_or_default();
    let demand = demand_t.as_ref().map(|t| read_demand(t, &index, &mut findings));

    let county = County { schools, teachers, new_hires, distances, demand };
    if findings.has_errors() || schools_t.is_none() || teachers_t.is_none() {
        (None, findings)
    } else {
        (Some(county), findings)
    }
}

/// Reports a duplicate id (E120) and returns whether `id` is new.
fn first_time(
    seen: &mut HashMap<String, u64>,
    id: &str,
    line: u64,
    file: &str,
    col: &str,
    column: usize,
    findings: &mut Findings,
) -> bool {
    if let Some(first) = seen.get(id) {
        findings.push(
            Finding::error(
                "E120",
                file,
                format!("{col} \"{id}\" appears twice (first on line {first})"),
                format!("give each row its own {col}, or delete the repeated row"),
            )
            .at_cell(line, column, col),
        );
        return false;
    }
    seen.insert(id.to_string(), line);
    true
}

fn school_ref(row: &mut super::table::Row<'_>, col: &str, index: &HashMap<String, usize>) -> Option<usize> {
    let id = row.text(col)?;
    let found = index.get(&id).copied();
    if found.is_none() {
        row.problem(
            "E121",
            col,
            format!("school \"{id}\" does not exist in schools.csv"),
            "use a school_id listed in schools.csv, or add that school".into(),
        );
    }
    found
}

fn read_schools(t: &Table, findings: &mut Findings) -> Vec<School> {
    let mut schools = Vec::new();
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
        if let (true, Some(id), Some(stage), Some(locale), Some(weak), Some(tp), Some(students)) =
            (ok, id, stage, locale, weak, teaching_point, students)
        {
            if !first_time(&mut seen, &id, line, &t.file, "school_id", t.column_number("school_id"), findings) {
                continue;
            }
            if let Some(c) = &campus {
                if let Some(first) = campus_stage.insert((c.clone(), stage), line) {
                    findings.push(
                        Finding::error("E122", &t.file, format!("campus \"{c}\" has two {stage} rows (lines {first} and {line})"), "a nine-year school is one primary and one junior row; merge the two rows or give them different campuses")
                            .at_line(line)
                            .at_field("campus"),
                    );
                }
            }
            let position = x.zip(y);
            schools.push(School {
                id,
                name,
                stage,
                campus,
                locale,
                weak,
                teaching_point: tp,
                students,
                staff_quota,
                position,
                facilities,
            });
        }
    }
    schools
}

fn read_teachers(t: &Table, index: &HashMap<String, usize>, findings: &mut Findings) -> Vec<Teacher> {
    let mut teachers = Vec::new();
    let mut seen = HashMap::new();
    for i in 0..t.records.len() {
        let mut row = t.row(i, findings);
        let id = row.text("teacher_id");
        let school = school_ref(&mut row, "school_id", index);
        let subject = row.value("subject", Subject::parse, &Subject::expected(), None);
        let title = row.value("title", Title::parse, &Title::expected(), Some(Title::None));
        let degree = row.value("degree", Degree::parse, &Degree::expected(), Some(Degree::Bachelor));
        let backbone = row.value("backbone", Backbone::parse, &Backbone::expected(), Some(Backbone::None));
        let years = row.whole("years_at_school", 0, 60, true);
        let age = row.whole("age", 18, 70, true);
        let gender = row.value("gender", Gender::parse, &Gender::expected(), None);
        if let (Some(y), Some(a)) = (years, age) {
            if y > a.saturating_sub(16) {
                row.problem(
                    "E114",
                    "years_at_school",
                    format!("{y} years at school is impossible at age {a}"),
                    "check years_at_school and age".into(),
                );
            }
        }
        let pay = row.number("monthly_pay", 0.01, MAX_PAY, true);
        let exempt = row.flag("exempt", false);
        let name = row.cell("name").unwrap_or_default().to_string();
        let (line, ok) = (row.line, row.ok);
        if let (
            true,
            Some(id),
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
        ) = (ok, id, school, subject, title, degree, backbone, years, age, gender, pay, exempt)
        {
            if first_time(&mut seen, &id, line, &t.file, "teacher_id", t.column_number("teacher_id"), findings) {
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
        let monthly_pay = row.number("monthly_pay", 0.01, MAX_PAY, false);
        let (line, ok) = (row.line, row.ok);
        if let (true, Some(id), Some(subject), Some(degree), Some(gender)) = (ok, id, subject, degree, gender) {
            if first_time(&mut seen, &id, line, &t.file, "hire_id", t.column_number("hire_id"), findings) {
                hires.push(NewHire { id, subject, degree, gender, monthly_pay });
            }
        }
    }
    hires
}

fn read_distances(t: &Table, index: &HashMap<String, usize>, findings: &mut Findings) -> Distances {
    let mut d = Distances::default();
    let mut seen: HashMap<(usize, usize), u64> = HashMap::new();
    for i in 0..t.records.len() {
        let mut row = t.row(i, findings);
        let from = school_ref(&mut row, "from_school", index);
        let to = school_ref(&mut row, "to_school", index);
        let km = row.number("km", 0.0, 10_000.0, true);
        let (line, ok) = (row.line, row.ok);
        if let (true, Some(a), Some(b), Some(km)) = (ok, from, to, km) {
            if let Some(first) = seen.insert((a.min(b), a.max(b)), line) {
                findings.push(
                    Finding::error(
                        "E123",
                        &t.file,
                        format!("this pair of schools was already given on line {first}"),
                        "keep one row per pair of schools",
                    )
                    .at_line(line),
                );
                continue;
            }
            d.road_km.insert((a, b), km);
            d.road_km.insert((b, a), km);
        }
    }
    d
}

fn read_demand(t: &Table, index: &HashMap<String, usize>, findings: &mut Findings) -> Demand {
    let mut demand = Demand::default();
    let mut seen: HashMap<(usize, Subject), u64> = HashMap::new();
    for i in 0..t.records.len() {
        let mut row = t.row(i, findings);
        let school = school_ref(&mut row, "school_id", index);
        let subject = row.value("subject", Subject::parse, &Subject::expected(), None);
        let posts = row.whole("posts", 0, MAX_STUDENTS, true);
        let (line, ok) = (row.line, row.ok);
        if let (true, Some(s), Some(k), Some(p)) = (ok, school, subject, posts) {
            if let Some(first) = seen.insert((s, k), line) {
                findings.push(
                    Finding::error(
                        "E123",
                        &t.file,
                        format!("this school and subject were already given on line {first}"),
                        "keep one row per school and subject",
                    )
                    .at_line(line),
                );
                continue;
            }
            demand.posts.insert((s, k), p);
        }
    }
    demand
}
