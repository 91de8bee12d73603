//! A horizon's per-year rows as a table, CSV or JSON: pure functions from rows to text.
//! No timing is written, so that the same horizon gives the same bytes on any machine.

use super::YearRow;
use crate::domain::Stage;
use crate::report::i18n::{self, Lang};

/// The CSV columns before the CVs (one column `stage:indicator` per CV follows).
const HEADER: [&str; 16] = [
    "year",
    "status",
    "teachers",
    "eligible",
    "exchanges",
    "extensions",
    "returns",
    "away",
    "retirements",
    "hires",
    "unfilled_urban",
    "unfilled_town",
    "unfilled_rural",
    "rotated_share",
    "quota_met",
    "breaches",
];

fn cells(r: &YearRow) -> Vec<String> {
    let mut cells = vec![r.year.to_string(), r.status.to_string()];
    cells.extend(r.counts().iter().map(usize::to_string));
    cells.extend([
        r.unfilled_urban.to_string(),
        r.unfilled_town.to_string(),
        r.unfilled_rural.to_string(),
        format!("{:.3}", r.rotated_share),
        r.quota_met.to_string(),
        r.breaches.join(";"),
    ]);
    cells
}

/// A CV cell: the value and `pass`/`fail`, `-` without a CV.
fn cv_cell(cv: &super::YearCv) -> String {
    match (cv.cv, cv.pass) {
        (Some(v), Some(true)) => format!("{v:.3} pass"),
        (Some(v), _) => format!("{v:.3} fail"),
        (None, _) => "-".into(),
    }
}

pub fn csv(rows: &[YearRow]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = HEADER.iter().map(|h| h.to_string()).collect();
    if let Some(first) = rows.first() {
        header.extend(first.cvs.iter().map(|c| format!("cv_{}:{}", c.stage, c.indicator)));
    }
    let _ = w.write_record(&header);
    for r in rows {
        let mut row = cells(r);
        row.extend(r.cvs.iter().map(cv_cell));
        let _ = w.write_record(&row);
    }
    w.into_inner().unwrap_or_default()
}

pub fn json(rows: &[YearRow]) -> String {
    serde_json::to_string_pretty(&serde_json::json!({ "years": rows })).unwrap_or_default() + "\n"
}

/// The per-year table in the run's language (`i18n::current`).
pub fn table(rows: &[YearRow]) -> String {
    match i18n::current() {
        Lang::En => table_en(rows),
        Lang::Zh => table_zh(rows),
    }
}

/// The per-year table: the counts, then the teacher-indicator CVs with pass/fail.
fn table_en(rows: &[YearRow]) -> String {
    let mut text = String::from(
        "year  status      teachers eligible exchanges extended returns away retired hires  unfilled u/t/r  rotated quota  breaches\n",
    );
    for r in rows {
        let [teachers, eligible, exchanges, extensions, returns, away, retired, hires] = r.counts();
        text.push_str(&format!(
            "{:<5} {:<11} {teachers:>8} {eligible:>8} {exchanges:>9} {extensions:>8} {returns:>7} {away:>4} \
             {retired:>7} {hires:>5}  {:>5}/{}/{:<5}  {:>6.1}% {:<5}  {}\n",
            r.year,
            r.status,
            r.unfilled_urban,
            r.unfilled_town,
            r.unfilled_rural,
            100.0 * r.rotated_share,
            if r.quota_met { "met" } else { "short" },
            counted(&r.breaches)
        ));
    }
    text.push_str("CV after each year's plan (pass/fail against the stage's threshold):\n");
    if let Some(first) = rows.first() {
        for (i, c) in first.cvs.iter().enumerate() {
            let line: Vec<String> = rows.iter().map(|r| r.cvs.get(i).map_or("-".into(), cv_cell)).collect();
            text.push_str(&format!("  {:<8} {:<20} {}\n", c.stage, c.indicator, line.join("  ")));
        }
    }
    text
}

/// The per-year table in Chinese: one labelled line per year (Chinese characters take two
/// columns, so labels rather than aligned headers), then the CVs with 达标/未达标.
fn table_zh(rows: &[YearRow]) -> String {
    let mut text = String::new();
    for r in rows {
        let [teachers, eligible, exchanges, extensions, returns, away, retired, hires] = r.counts();
        text.push_str(&format!(
            "{} 年  {}：教师 {teachers}，可交流 {eligible}，交流 {exchanges}，延期 {extensions}，返回 {returns}，\
             在外 {away}，退休 {retired}，新教师 {hires}；缺岗 城区/镇区/乡村 {}/{}/{}；已轮岗 {:.1}%；交流比例{}；\
             未满足规则 {}\n",
            r.year,
            i18n::status(Lang::Zh, r.status),
            r.unfilled_urban,
            r.unfilled_town,
            r.unfilled_rural,
            100.0 * r.rotated_share,
            if r.quota_met { "达到要求" } else { "未达要求" },
            Some(counted(&r.breaches)).filter(|c| c != "-").unwrap_or_else(|| "无".into())
        ));
    }
    text.push_str("每年方案后的教师指标差异系数（对照该学段标准）：\n");
    if let Some(first) = rows.first() {
        for (i, c) in first.cvs.iter().enumerate() {
            let cell = |r: &YearRow| match r.cvs.get(i).map(|c| (c.cv, c.pass)) {
                Some((Some(v), Some(true))) => format!("{v:.3} 达标"),
                Some((Some(v), _)) => format!("{v:.3} 未达标"),
                _ => "-".into(),
            };
            let line: Vec<String> = rows.iter().map(cell).collect();
            let stage = if c.stage == Stage::Primary.name() { "小学" } else { "初中" };
            let indicator = i18n::indicator_short(Lang::Zh, c.indicator);
            text.push_str(&format!("  {stage} {indicator}  {}\n", line.join("  ")));
        }
    }
    text
}

/// Breach codes once each, in first-seen order, with how many places break them when more
/// than one (`C021x12,C012`); `-` for none.
pub fn counted(codes: &[&str]) -> String {
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for &c in codes {
        match seen.iter_mut().find(|(s, _)| *s == c) {
            Some((_, n)) => *n += 1,
            None => seen.push((c, 1)),
        }
    }
    if seen.is_empty() {
        return "-".into();
    }
    let words: Vec<String> =
        seen.iter().map(|&(c, n)| if n > 1 { format!("{c}x{n}") } else { c.to_string() }).collect();
    words.join(",")
}
