//! Writing the exchange record (exchanges.csv, `docs/formats.md`): the terms of a county's
//! record, or the record after a year's plan (`plan --year`, `horizon`), ready to be read
//! back as the next year's record.

use crate::domain::{County, ExchangeTerm};

/// The columns of exchanges.csv, in the contract's order.
pub const RECORD_HEADER: [&str; 7] =
    ["teacher_id", "home_school", "host_school", "kind", "start_year", "term_years", "end_year"];

/// Renders exchanges.csv: one row per term, in record order.
pub fn exchanges_csv(county: &County, record: &[ExchangeTerm]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(RECORD_HEADER);
    for t in record {
        let _ = w.write_record([
            county.teachers[t.teacher].id.as_str(),
            &county.schools[t.home].id,
            &county.schools[t.host].id,
            t.kind.name(),
            &t.start_year.to_string(),
            &t.term_years.to_string(),
            &t.end_year.map(|y| y.to_string()).unwrap_or_default(),
        ]);
    }
    w.into_inner().unwrap_or_default()
}
