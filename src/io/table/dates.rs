//! Dates where numbers belong. A column Excel formats as dates shows a typed number as a
//! date and stores a date as its serial number (31108 is 1985-03-02), so an age column may
//! hold date text or a serial. Both are named as dates (E115), not as a bad number.

use calamine::{ExcelDateTime, ExcelDateTimeType};

/// Excel's serial numbers (1900 date system) of 1950-01-01 and 2100-12-31: a whole number
/// between them that its column cannot hold is taken for a date.
const FIRST_SERIAL: f64 = 18_264.0;
const LAST_SERIAL: f64 = 73_415.0;

/// The date (`1985-03-02`) that Excel stores as `serial`, when it is a whole number
/// between 1950 and 2100.
pub(super) fn serial_date(serial: f64) -> Option<String> {
    if serial.fract() != 0.0 || !(FIRST_SERIAL..=LAST_SERIAL).contains(&serial) {
        return None;
    }
    let (year, month, day, ..) = ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, false).to_ymd_hms_milli();
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// Whether `text` is a date as people type it or Excel shows it: `1985-03-01`,
/// `1985/3/1`, `1985.3.1`, `3/1/1985`, `1985年3月1日`, `1985年3月`, with or without a
/// time after it (`1985-03-01 00:00:00`).
pub(super) fn is_date_text(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let Some(date) = words.next() else { return false };
    if !words.all(|w| w.contains(':') && w.chars().all(|c| c.is_ascii_digit() || c == ':')) {
        return false;
    }
    if let Some((year, rest)) = date.split_once('年') {
        let (month, day) = rest.split_once('月').unwrap_or((rest, ""));
        let day = day.strip_suffix('日').unwrap_or(day);
        return is_year(year) && in_range(month, 12) && (day.is_empty() || in_range(day, 31));
    }
    ['-', '/', '.'].into_iter().any(|separator| {
        let parts: Vec<&str> = date.split(separator).collect();
        let [a, b, c] = parts[..] else { return false };
        let day_and_month =
            |x: &str, y: &str| in_range(x, 31) && in_range(y, 31) && (in_range(x, 12) || in_range(y, 12));
        (is_year(a) && day_and_month(b, c)) || (is_year(c) && day_and_month(a, b))
    })
}

/// Four digits from 1900 to 2100.
fn is_year(s: &str) -> bool {
    s.len() == 4 && s.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
}

/// One or two digits from 1 to `max`.
fn in_range(s: &str, max: u32) -> bool {
    (1..=2).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_digit())
        && s.parse::<u32>().is_ok_and(|v| (1..=max).contains(&v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_are_dates_of_their_day() {
        assert_eq!(serial_date(31108.0).as_deref(), Some("1985-03-02"));
        assert_eq!(serial_date(45658.0).as_deref(), Some("2025-01-01"));
        assert_eq!(serial_date(31108.5), None);
        assert_eq!(serial_date(250.0), None);
    }

    #[test]
    fn date_text_in_the_ways_it_is_typed() {
        for date in
            ["1985-03-01", "1985/3/1", "1985.3.1", "3/1/1985", "1985年3月1日", "1985年3月", "1985-03-01 00:00:00"]
        {
            assert!(is_date_text(date), "{date}");
        }
        for not in ["3.5", "1.2.3", "12", "1985", "6500元", "1985-13-13", "85-3-1", "1985-03-01 x"] {
            assert!(!is_date_text(not), "{not}");
        }
    }
}
