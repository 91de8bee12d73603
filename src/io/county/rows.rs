//! The row readers of a county's files: each turns the records of one [`Table`] into
//! domain items, leaving out rows with errors and reporting duplicates.

use super::refs::{first_time, school_ref, SchoolRefs};
use crate::domain::*;
use crate::findings::{cut, quoted, Finding, Findings, Text};
use crate::io::table::{RowSources, Table};
use std::collections::{HashMap, HashSet};

/// Largest plausible values, so that a typo (an extra zero) is caught as impossible.
const MAX_STUDENTS: u32 = 20_000;
const MAX_PAY: f64 = 200_000.0;
/// The earliest age at which anyone starts teaching, for years_at_school against age.
const EARLIEST_START_AGE: u32 = 16;

pub(super) fn read_schools(t: &Table, findings: &mut Findings, sources: &mut RowSources) -> (Vec<School>, SchoolRefs) {
    *sources = t.sources();
    if t.has_no_rows() {
        findings.push(Finding::new(&t.file, Text::new("E118.schools").arg("file", &t.file)).at_line(2));
    }
    let mut schools = Vec::new();
    let mut refs = SchoolRefs { index: HashMap::new(), all_ids: HashSet::new() };
    let mut seen = HashMap::new();
    let mut campus_stage: HashMap<(String, Stage), u64> = HashMap::new();
    for i in 0..t.records.len() {
        let mut row = t.row(i, findings);
        let id = row.required("school_id");
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
                let text = Text::new("E122")
                    .arg("v", quoted(c))
                    .both("stage", stage.name(), stage.chinese())
                    .arg("first", first)
                    .arg("line", line);
                findings.push(t.locate(Finding::new(&t.file, text), line, "campus"));
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

pub(super) fn read_teachers(
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
        let id = row.required("teacher_id");
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
                let text = Text::new("E114.years").arg("years", y).arg("age", a).arg("start", EARLIEST_START_AGE);
                row.problem("years_at_school", text);
            }
        }
        let pay = row.positive("monthly_pay", MAX_PAY, true);
        let exempt = row.flag("exempt", false);
        let seeks_promotion = row.flag("seeks_promotion", false).unwrap_or(false);
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
                cycle: crate::domain::TeacherCycle { seeks_promotion, ..Default::default() },
            });
        }
    }
    teachers
}

pub(super) fn read_hires(t: &Table, findings: &mut Findings) -> Vec<NewHire> {
    let mut hires = Vec::new();
    let mut seen = HashMap::new();
    for i in 0..t.records.len() {
        let mut row = t.row(i, findings);
        let id = row.required("hire_id");
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

pub(super) fn read_distances(t: &Table, refs: Option<&SchoolRefs>, findings: &mut Findings) -> Distances {
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
                let text =
                    Text::new("E123.distance").arg("a", cut(&names.0)).arg("b", cut(&names.1)).arg("first", first);
                findings.push(t.locate(Finding::new(&t.file, text), line, "from_school"));
                continue;
            }
            d.road_km.insert((a, b), km);
            d.road_km.insert((b, a), km);
        }
    }
    d
}

pub(super) fn read_demand(t: &Table, refs: Option<&SchoolRefs>, findings: &mut Findings) -> Demand {
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
                let text = Text::new("E123.demand")
                    .arg("school", cut(&school_id))
                    .both("subject", k.name(), k.chinese())
                    .arg("first", first);
                findings.push(t.locate(Finding::new(&t.file, text), line, "subject"));
                continue;
            }
            demand.posts.insert((s, k), p);
        }
    }
    demand
}
