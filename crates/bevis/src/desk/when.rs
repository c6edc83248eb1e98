//! Reading the times people type: an incident window on the camera's clock.
//!
//! `2026-11-21T12:40`, `2026-11-21 12:40:30`, or an offset into the recording
//! (`+95`, `+1:35`, `+0:01:35`) for footage whose clock nobody trusts.

use chrono::{NaiveDateTime, TimeDelta};

/// Parses `text`; offsets count from `start`.
pub fn parse(text: &str, start: NaiveDateTime) -> Option<NaiveDateTime> {
    let text = text.trim();
    if let Some(offset) = text.strip_prefix('+') {
        return seconds(offset).map(|s| start + TimeDelta::milliseconds((s * 1000.0).round() as i64));
    }
    let normal = text.replacen(' ', "T", 1);
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"].iter().find_map(|f| NaiveDateTime::parse_from_str(&normal, f).ok())
}

/// `95`, `1:35`, `0:01:35.5` → seconds.
fn seconds(text: &str) -> Option<f64> {
    let mut total = 0.0;
    let parts: Vec<&str> = text.split(':').collect();
    if parts.len() > 3 {
        return None;
    }
    for p in parts {
        let v: f64 = p.parse().ok().filter(|v: &f64| v.is_finite() && *v >= 0.0)?;
        total = total * 60.0 + v;
    }
    Some(total)
}

/// How a window reads in messages.
pub fn window(from: NaiveDateTime, to: NaiveDateTime) -> String {
    if from.date() == to.date() {
        format!("{} {}–{}", from.date(), from.format("%H:%M:%S"), to.format("%H:%M:%S"))
    } else {
        format!("{from} – {to}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        s.parse().unwrap()
    }

    #[test]
    fn reads_clock_times_and_offsets() {
        let start = t("2026-11-21T12:30:00");
        assert_eq!(parse("2026-11-21T12:40", start), Some(t("2026-11-21T12:40:00")));
        assert_eq!(parse("2026-11-21 12:40:30", start), Some(t("2026-11-21T12:40:30")));
        assert_eq!(parse("+95", start), Some(t("2026-11-21T12:31:35")));
        assert_eq!(parse("+1:00:00", start), Some(t("2026-11-21T13:30:00")));
        assert_eq!(parse("+0:01.5", start), Some(t("2026-11-21T12:30:01.500")));
        for bad in ["", "12:40", "+", "+-5", "+1:2:3:4", "+nan", "2026-13-01T00:00", "yesterday"] {
            assert_eq!(parse(bad, start), None, "{bad}");
        }
    }
}
