//! WebVTT sidecars: the real time of every second of a working copy, so any
//! player (VLC, a browser) shows when it happened even with nothing burned in.
//!
//! One cue per wall-clock second, its edges where the second changes on the
//! clip's own timeline (the same instant the burned-in caption changes), text
//! `camera` and `2026-10-25 02:00:00 +01:00` (with `korr.` when the recorder's
//! clock was corrected).

use bevis_media::clock::Zoned;
use bevis_media::render::ClipJob;
use std::fmt::Write;

fn cue_time(s: f64) -> String {
    let ms = (s.max(0.0) * 1000.0).round() as u64;
    format!("{:02}:{:02}:{:02}.{:03}", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
}

/// Cue text: camera line, then the time line. WebVTT forbids `-->` and `&`/`<`
/// are markup, so the camera name is escaped.
fn text(camera: Option<&str>, zoned: &Zoned, t: f64) -> Option<String> {
    let time = zoned.label(t)?;
    let esc = |c: &str| c.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    Some(match camera {
        Some(c) if !c.trim().is_empty() => format!("{}\n{time}", esc(c.trim())),
        _ => time,
    })
}

/// The sidecar for `job` (its working copy starts at 0 = the clip's `in`);
/// `None` when the recording's start time is unknown.
pub(super) fn sidecar(job: &ClipJob, zoned: &Zoned, camera: Option<&str>) -> Option<String> {
    let length = job.frame_count() as f64 * job.info.frame_secs();
    let first = zoned.corrected(job.in_s)?;
    let frac = f64::from(first.timestamp_subsec_millis()) / 1000.0;
    let mut out = String::from("WEBVTT\n\n");
    let (mut start, mut n) = (0.0, 1);
    while start < length - 1e-6 {
        let end = ((n as f64) - frac).min(length);
        if end > start + 1e-6 {
            let body = text(camera, zoned, job.in_s + start)?;
            let _ = write!(out, "{n}\n{} --> {}\n{body}\n\n", cue_time(start), cue_time(end));
        }
        start = end;
        n += 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_times_are_hours_minutes_seconds_millis() {
        assert_eq!(cue_time(0.0), "00:00:00.000");
        assert_eq!(cue_time(3661.5), "01:01:01.500");
    }
}
