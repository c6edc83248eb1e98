//! Wall-clock times as instants: the recorder's clock, the real (corrected)
//! time, and the UTC offset of each, so the repeated autumn hour is never
//! ambiguous.
//!
//! A recorder names its files by local time without a zone. Bevis resolves each
//! segment's start once in the recording's time zone and counts the footage's
//! own elapsed time from there, so a clip that runs through 03:00 → 02:00 on the
//! last Sunday of October reads 02:59:59+02:00 then 02:00:00+01:00. An ambiguous
//! start takes the reading that continues the previous segment (the earlier one
//! for the first); a start inside the spring gap is read with the offset before it.
//! Real time = recorder time − the recorder's offset (positive: it was ahead).

use crate::error::{MediaError, Result};
use crate::timeline::MediaInfo;
use chrono::{DateTime, LocalResult, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

/// The time zone recordings are in unless a session says otherwise.
pub const DEFAULT_ZONE: &str = "Europe/Stockholm";

/// Parses an IANA time zone name.
pub fn zone(name: &str) -> Result<Tz> {
    name.parse::<Tz>()
        .map_err(|_| MediaError::Plan(format!("'{name}' is not a known time zone (e.g. Europe/Stockholm)")))
}

/// One recording's timeline mapped to instants.
#[derive(Debug, Clone)]
pub struct Zoned {
    tz: Tz,
    offset: TimeDelta,
    /// Segment offsets on the timeline and their resolved starts.
    segments: Vec<(f64, Option<DateTime<Utc>>)>,
}

fn ms(s: f64) -> TimeDelta {
    TimeDelta::milliseconds((s * 1000.0).round() as i64)
}

/// `naive` in `tz`, the reading nearest to `near` when it is ambiguous.
fn resolve(tz: Tz, naive: NaiveDateTime, near: Option<DateTime<Utc>>) -> DateTime<Utc> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => {
            let (a, b) = (a.with_timezone(&Utc), b.with_timezone(&Utc));
            match near {
                Some(n) if (b - n).abs() < (a - n).abs() => b,
                _ => a,
            }
        }
        LocalResult::None => {
            let before = tz.from_local_datetime(&(naive - TimeDelta::hours(3))).earliest();
            let off = before.map_or(TimeDelta::zero(), |b| b.naive_local() - b.naive_utc());
            Utc.from_utc_datetime(&(naive - off))
        }
    }
}

impl Zoned {
    /// `offset_s`: seconds the recorder was ahead of real time.
    pub fn new(info: &MediaInfo, tz: Tz, offset_s: f64) -> Self {
        let mut segments = Vec::with_capacity(info.segments.len());
        let mut prev_end: Option<DateTime<Utc>> = None;
        for (i, s) in info.segments.iter().enumerate() {
            let naive = s.start.or(info.start.map(|st| st.at).filter(|_| i == 0));
            let at = naive.map(|n| resolve(tz, n, prev_end));
            prev_end = at.map(|a| a + ms(s.duration)).or(prev_end);
            segments.push((s.offset, at));
        }
        Zoned { tz, offset: ms(offset_s), segments }
    }

    /// The timeline of `info` under a plan source's clock (`None`: not checked:
    /// offset 0 in [`DEFAULT_ZONE`]).
    pub fn of(info: &MediaInfo, clock: Option<&bevis_redact::SourceClock>) -> Result<Self> {
        let (name, offset) = clock.map_or((DEFAULT_ZONE, 0.0), |c| (c.time_zone.as_str(), c.offset_s));
        Ok(Zoned::new(info, zone(name)?, offset))
    }

    /// Real time at `t` as captions and subtitles show it: `2026-10-25 02:00:00 +01:00`,
    /// followed by `korr.` when the recorder's clock was corrected.
    pub fn label(&self, t: f64) -> Option<String> {
        let mark = if self.is_corrected() { " korr." } else { "" };
        self.corrected(t).map(|w| format!("{}{mark}", w.format("%Y-%m-%d %H:%M:%S %:z")))
    }

    pub fn time_zone(&self) -> Tz {
        self.tz
    }

    /// The clock was corrected (a non-zero offset was entered).
    pub fn is_corrected(&self) -> bool {
        !self.offset.is_zero()
    }

    /// The recorder's clock at timeline time `t`.
    pub fn recorder(&self, t: f64) -> Option<DateTime<Tz>> {
        let i = self.segments.partition_point(|(o, _)| *o <= t + 1e-9).saturating_sub(1);
        let (offset, start) = *self.segments.get(i)?;
        Some((start? + ms(t - offset)).with_timezone(&self.tz))
    }

    /// Real time at timeline time `t`.
    pub fn corrected(&self, t: f64) -> Option<DateTime<Tz>> {
        self.recorder(t).map(|r| r - self.offset)
    }
}

/// RFC 3339 with milliseconds and the UTC offset: `2026-10-25T02:00:00.000+01:00`.
pub fn stamp(t: &DateTime<Tz>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap()
    }

    #[test]
    fn the_repeated_autumn_hour_reads_with_its_offset() {
        let tz = zone(DEFAULT_ZONE).unwrap();
        let start = resolve(tz, at("2026-10-25T02:59:58"), None).with_timezone(&tz);
        assert_eq!(stamp(&start), "2026-10-25T02:59:58.000+02:00");
        assert_eq!(stamp(&(start + ms(2.0))), "2026-10-25T02:00:00.000+01:00");
        let later = resolve(tz, at("2026-10-25T02:10:00"), Some(start.with_timezone(&Utc) + TimeDelta::minutes(70)));
        assert_eq!(stamp(&later.with_timezone(&tz)), "2026-10-25T02:10:00.000+01:00");
        let spring = resolve(tz, at("2026-03-29T02:30:00"), None).with_timezone(&tz);
        assert_eq!(stamp(&spring), "2026-03-29T03:30:00.000+02:00");
        assert!(zone("Mars/Olympus").is_err());
    }
}
