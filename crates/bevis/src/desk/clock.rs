//! The recorder's clock against real time. The most common reason CCTV evidence
//! is unusable is a recorder clock that was wrong and nobody said by how much
//! (NPCC/Home Office *Recovery and Acquisition of Video Evidence*). The offset
//! is entered per recording, says how it was established, and is audited; the
//! incident window is real time, so the gate compares corrected times.

use super::{Desk, DeskError, Result};
use bevis_register::accounts::Role;
use bevis_register::sessions::{Clock, Session};

/// The largest offset Bevis believes: a recorder a day off has a date problem,
/// which the session's recording start should fix instead.
const MAX_OFFSET_S: f64 = 86_400.0;

/// Parses an offset: `+67`, `-3600`, `+1:07` (minutes:seconds) or
/// `+1:00:00`; positive = the recorder is ahead of real time.
pub fn parse_offset(text: &str) -> Option<f64> {
    let t = text.trim();
    let (sign, rest) = match t.strip_prefix('-') {
        Some(r) => (-1.0, r),
        None => (1.0, t.strip_prefix('+').unwrap_or(t)),
    };
    let parts: Vec<f64> =
        rest.split(':').map(|p| p.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0)).collect::<Option<_>>()?;
    let seconds = match parts[..] {
        [s] => s,
        [m, s] if s < 60.0 => m * 60.0 + s,
        [h, m, s] if m < 60.0 && s < 60.0 => h * 3600.0 + m * 60.0 + s,
        _ => return None,
    };
    Some(sign * seconds)
}

/// A time zone of the IANA database (`Europe/Stockholm`), as exports resolve them.
fn known_zone(tz: &str) -> bool {
    tz.len() <= 64 && bevis_media::clock::zone(tz).is_ok()
}

impl Desk {
    /// Sets recording `index`'s clock offset in session `id` (own open session).
    pub fn set_clock(&mut self, id: i64, index: usize, clock: &Clock) -> Result<Session> {
        self.allow(&[Role::Admin, Role::Reviewer], "set a recorder's clock")?;
        let s = self.usable_session(id)?;
        if index >= s.sources.len() {
            return Err(DeskError::Invalid(format!("review session {id} has no recording {}", index + 1)));
        }
        if !clock.offset_s.is_finite() || clock.offset_s.abs() > MAX_OFFSET_S {
            return Err(DeskError::Invalid(
                "a clock offset of more than a day: check the recording's start date".into(),
            ));
        }
        if clock.how.trim().is_empty() {
            return Err(DeskError::Invalid(
                "say how the offset was established (e.g. compared with a phone's clock)".into(),
            ));
        }
        if !known_zone(&clock.time_zone) {
            return Err(DeskError::Invalid(format!(
                "'{}' is not a time zone such as Europe/Stockholm",
                clock.time_zone
            )));
        }
        Ok(self.reg.set_clock(id, index, clock, &self.user.username)?)
    }
}

#[cfg(test)]
mod tests {
    use super::parse_offset;

    #[test]
    fn offsets_are_read_with_their_sign_and_units() {
        assert_eq!(parse_offset("+67"), Some(67.0));
        assert_eq!(parse_offset("-3600"), Some(-3600.0));
        assert_eq!(parse_offset("1:07"), Some(67.0));
        assert_eq!(parse_offset("-1:00:00"), Some(-3600.0));
        assert_eq!(parse_offset("+0.5"), Some(0.5));
        for bad in ["", "+", "1:75", "abc", "--3", "1:2:3:4", "NaN", "inf"] {
            assert_eq!(parse_offset(bad), None, "{bad}");
        }
    }
}
