//! Writing a county data directory: schools.csv, teachers.csv and new_hires.csv in the
//! columns of the data contract (`docs/formats.md`), each file written atomically.
//!
//! No distances.csv is written: the schools' coordinates (x_km, y_km) give distances.
//! Optional values that are missing are written as empty cells (the contract's default).

use super::atomic::write_all_atomic;
use crate::domain::{County, School};
use anyhow::{anyhow, Context, Result};
use std::path::Path;

pub(crate) const SCHOOL_HEADER: [&str; 15] = [
    "school_id",
    "name",
    "level",
    "campus",
    "locale",
    "weak",
    "teaching_point",
    "students",
    "staff_quota",
    "x_km",
    "y_km",
    "floor_area_m2",
    "sports_area_m2",
    "equipment_yuan",
    "multimedia_rooms",
];
pub(crate) const TEACHER_HEADER: [&str; 12] = [
    "teacher_id",
    "name",
    "school_id",
    "subject",
    "title",
    "degree",
    "backbone",
    "years_at_school",
    "age",
    "gender",
    "monthly_pay",
    "exempt",
];
const HIRE_HEADER: [&str; 5] = ["hire_id", "subject", "degree", "gender", "monthly_pay"];

/// Writes `county` into `dir` (created if needed) as schools.csv, teachers.csv,
/// new_hires.csv and, when the county has an exchange record, exchanges.csv. All are
/// rendered before any is written. `county` gives teachers at their home school, as read
/// (not a year's view).
pub fn write_county(dir: &Path, county: &County) -> Result<()> {
    let schools = schools_csv(county)?;
    let teachers = teachers_csv(county)?;
    let hires = hires_csv(county)?;
    let (s, t, h) = (dir.join("schools.csv"), dir.join("teachers.csv"), dir.join("new_hires.csv"));
    let x = dir.join("exchanges.csv");
    let mut files = vec![(s.as_path(), schools), (t.as_path(), teachers), (h.as_path(), hires)];
    if !county.cycle.record.is_empty() {
        files.push((x.as_path(), super::record::exchanges_csv(county, &county.cycle.record)));
    }
    write_all_atomic(&files).with_context(|| crate::report::i18n::files::cannot_write(dir))
}

/// A number with at most `decimals` decimals, trailing zeros dropped ("6200", "12.5").
fn num(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

fn opt_num(value: Option<f64>, decimals: usize) -> String {
    value.map(|v| num(v, decimals)).unwrap_or_default()
}

fn render(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(&row)?;
    }
    writer.into_inner().map_err(|e| anyhow!("cannot render CSV: {}", e.error()))
}

fn school_row(s: &School) -> Vec<String> {
    let f = &s.facilities;
    vec![
        s.id.clone(),
        s.name.clone(),
        s.stage.name().to_string(),
        s.campus.clone().unwrap_or_default(),
        s.locale.name().to_string(),
        s.weak.to_string(),
        s.teaching_point.to_string(),
        s.students.to_string(),
        s.staff_quota.map(|q| q.to_string()).unwrap_or_default(),
        opt_num(s.position.map(|p| p.0), 2),
        opt_num(s.position.map(|p| p.1), 2),
        opt_num(f.floor_area_m2, 2),
        opt_num(f.sports_area_m2, 2),
        opt_num(f.equipment_yuan, 2),
        opt_num(f.multimedia_rooms, 2),
    ]
}

fn schools_csv(county: &County) -> Result<Vec<u8>> {
    render(&SCHOOL_HEADER, county.schools.iter().map(school_row))
}

/// teachers.csv; the `seeks_promotion` column only when some teacher seeks a senior title.
fn teachers_csv(county: &County) -> Result<Vec<u8>> {
    let promotion = county.teachers.iter().any(|t| t.cycle.seeks_promotion);
    let mut rows = Vec::with_capacity(county.teachers.len());
    for t in &county.teachers {
        let school = county.schools.get(t.school).ok_or_else(|| {
            anyhow!("teacher \"{}\" refers to school number {}, which does not exist", t.id, t.school)
        })?;
        rows.push(vec![
            t.id.clone(),
            t.name.clone(),
            school.id.clone(),
            t.subject.name().to_string(),
            t.title.name().to_string(),
            t.degree.name().to_string(),
            t.backbone.name().to_string(),
            t.years_at_school.to_string(),
            t.age.to_string(),
            t.gender.name().to_string(),
            num(t.monthly_pay, 2),
            t.exempt.to_string(),
        ]);
        if promotion {
            rows.last_mut().expect("pushed").push(t.cycle.seeks_promotion.to_string());
        }
    }
    let mut header = TEACHER_HEADER.to_vec();
    if promotion {
        header.push("seeks_promotion");
    }
    render(&header, rows)
}

fn hires_csv(county: &County) -> Result<Vec<u8>> {
    render(
        &HIRE_HEADER,
        county.new_hires.iter().map(|h| {
            vec![
                h.id.clone(),
                h.subject.name().to_string(),
                h.degree.name().to_string(),
                h.gender.map(|g| g.name().to_string()).unwrap_or_default(),
                opt_num(h.monthly_pay, 2),
            ]
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::num;

    #[test]
    fn numbers_are_short_and_exact() {
        assert_eq!(num(6200.0, 2), "6200");
        assert_eq!(num(12.5, 2), "12.5");
        assert_eq!(num(12.346, 2), "12.35");
        assert_eq!(num(-0.001, 2), "0");
        assert_eq!(num(0.0, 2), "0");
    }
}
