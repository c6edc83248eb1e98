//! Recording start times from file names.
//!
//! NVRs name files after the moment recording started (`cam1_20261121-124000.mp4`,
//! `Korridor_2026-11-21_12-40-00.mkv`). That name is usually more trustworthy than a
//! container's creation time, which many muxers set to the moment of *export*, so
//! the name wins when both exist. The time is local wall-clock time, as the camera
//! recorded it; no time zone is invented.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::path::Path;

/// Where a recording start time came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum StartSource {
    FileName,
    Container,
    Entered,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct StartTime {
    pub at: NaiveDateTime,
    pub from: StartSource,
}

/// Finds `YYYY MM DD HH MM SS` in the file stem, each pair optionally separated by
/// one of `-_.: T`.
pub fn start_from_name(path: &Path) -> Option<StartTime> {
    let stem = path.file_stem()?.to_str()?.as_bytes();
    (0..stem.len())
        .filter(|&i| i == 0 || !stem[i - 1].is_ascii_digit())
        .find_map(|i| parse_at(&stem[i..]))
        .map(|at| StartTime { at, from: StartSource::FileName })
}

fn parse_at(s: &[u8]) -> Option<NaiveDateTime> {
    let widths = [4, 2, 2, 2, 2, 2];
    let mut fields = [0u32; 6];
    let mut pos = 0;
    for (n, w) in widths.iter().enumerate() {
        if n > 0 && s.get(pos).is_some_and(|c| b"-_.: T".contains(c)) {
            pos += 1;
        }
        let digits = s.get(pos..pos + w)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        fields[n] = std::str::from_utf8(digits).ok()?.parse().ok()?;
        pos += w;
    }
    if s.get(pos).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let [y, mo, d, h, mi, se] = fields;
    NaiveDate::from_ymd_opt(y as i32, mo, d)?.and_hms_opt(h, mi, se)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(name: &str) -> Option<String> {
        start_from_name(Path::new(name)).map(|s| s.at.format("%Y-%m-%d %H:%M:%S").to_string())
    }

    #[test]
    fn reads_common_nvr_patterns() {
        assert_eq!(at("cam1_20261121-124000.mp4").as_deref(), Some("2026-11-21 12:40:00"));
        assert_eq!(at("Korridor_2026-11-21_12-40-05.mkv").as_deref(), Some("2026-11-21 12:40:05"));
        assert_eq!(at("/x/ch02_20261121T083015.ts").as_deref(), Some("2026-11-21 08:30:15"));
    }

    #[test]
    fn rejects_non_dates() {
        assert_eq!(at("vtest.avi"), None);
        assert_eq!(at("cam1_20261341-124000.mp4"), None, "month 13");
        assert_eq!(at("123456789012345678.mp4"), None, "too many digits");
    }
}
