//! What the timeline shows before anyone presses play: thumbnails and an activity
//! profile (motion per second), so the incident is found at a glance.
//!
//! Both avoid decoding every frame of an hour of footage:
//! - thumbnails seek to the keyframe nearest each point and decode only that frame
//!   (an exact seek only where keyframes are sparser than the thumbnails);
//! - activity reads the compressed stream (`filesrc ! parsebin ! appsink`): in a
//!   fixed-camera recording an inter-coded frame is small when nothing moves and
//!   grows with motion, so bytes per frame *is* a motion measure, available at
//!   demux speed. Intra-only footage (MJPEG) has no such signal; there the profile
//!   falls back to frame differences of a 64×36 decode.

use crate::decode::FrameSource;
use crate::error::Result;
use crate::frame::Planar;
use crate::timeline::MediaInfo;
use serde::Serialize;

/// One thumbnail: the keyframe nearest to a timeline point.
pub struct Thumb {
    pub t: f64,
    pub image: Planar,
}

/// Motion per second, normalised to 0..1 (0 = the quietest stretch).
#[derive(Debug, Clone, Serialize)]
pub struct Activity {
    pub per_second: Vec<f32>,
    /// `bitstream` or `pixels`.
    pub method: &'static str,
}

/// Thumbnails every `every` seconds, `width` pixels wide (height keeps the aspect).
pub fn thumbnails(
    info: &MediaInfo,
    every: f64,
    width: u32,
    mut keep_going: impl FnMut(usize) -> bool,
) -> Result<Vec<Thumb>> {
    let every = every.max(info.frame_secs());
    let height = ((width as f64 * info.height as f64 / info.width as f64 / 2.0).round() as u32 * 2).max(2);
    let mut out = Vec::new();
    for seg in &info.segments {
        let mut src = FrameSource::open(&seg.path, Some((width & !1, height)))?;
        let first = (seg.offset / every).ceil() as u64;
        for k in first.. {
            let t = k as f64 * every;
            if t >= seg.offset + seg.duration || !keep_going(out.len()) {
                break;
            }
            src.seek_key(t - seg.offset)?;
            let Some(mut frame) = src.next_frame()? else { break };
            if (seg.offset + frame.t - t).abs() > every / 2.0 {
                // Keyframes are sparser than the thumbnails: decode up to the point.
                src.seek(t - seg.offset)?;
                let Some(exact) = src.next_frame()? else { break };
                frame = exact;
            }
            let full = bevis_redact::Rect { x: 0, y: 0, w: frame.info.width() as i64, h: frame.info.height() as i64 };
            out.push(Thumb { t: seg.offset + frame.t, image: Planar::crop_from(&frame.map()?, full)? });
        }
    }
    Ok(out)
}

/// The activity profile of the whole timeline.
pub fn activity(info: &MediaInfo) -> Result<Activity> {
    let seconds = info.duration.ceil().max(1.0) as usize;
    // (timeline second, bytes, frames since the last keyframe) of every inter frame.
    let mut inter = Vec::new();
    for seg in &info.segments {
        let mut since_key = 0usize;
        for crate::packets::Packet { t, bytes, delta } in crate::packets::scan(&seg.path)? {
            since_key = if delta { since_key + 1 } else { 0 };
            if delta {
                let s = ((seg.offset + t).max(0.0) as usize).min(seconds - 1);
                inter.push((s, bytes as f64, since_key.min(MAX_GOP)));
            }
        }
    }
    if inter.is_empty() {
        return pixel_activity(info);
    }
    // Encoders spend more bits on the frames right after a keyframe whatever the
    // scene does; dividing by the typical size at the same GOP position removes
    // that pulse and leaves motion.
    let typical = median_by_position(&inter);
    let mut ratios = vec![Vec::new(); seconds];
    for &(s, bytes, pos) in &inter {
        ratios[s].push(bytes / typical[pos].max(1.0));
    }
    // The median per second, so a short burst (a keyframe pulse) does not count as motion.
    let raw = ratios.into_iter().map(median).collect();
    Ok(Activity { per_second: normalise(fill_gaps(raw)), method: "bitstream" })
}

/// GOP positions beyond this share one statistic.
const MAX_GOP: usize = 300;

fn median_by_position(inter: &[(usize, f64, usize)]) -> Vec<f64> {
    let mut by_pos = vec![Vec::new(); MAX_GOP + 1];
    inter.iter().for_each(|&(_, bytes, pos)| by_pos[pos].push(bytes));
    by_pos.into_iter().map(|v| if v.is_empty() { 1.0 } else { median(v) }).collect()
}

/// Median of the values; NaN for none.
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Seconds without an inter frame (a keyframe-only second) take their neighbour's value.
fn fill_gaps(mut v: Vec<f64>) -> Vec<f64> {
    let mut last = v.iter().copied().find(|x| !x.is_nan()).unwrap_or(0.0);
    for x in &mut v {
        if x.is_nan() {
            *x = last;
        }
        last = *x;
    }
    v
}

/// Maps the 5th percentile to 0 and the maximum to 1.
fn normalise(v: Vec<f64>) -> Vec<f32> {
    let mut sorted = v.clone();
    sorted.sort_by(f64::total_cmp);
    let base = sorted.get(sorted.len() / 20).copied().unwrap_or(0.0);
    let top = sorted.last().copied().unwrap_or(0.0);
    let span = (top - base).max(f64::EPSILON);
    v.iter().map(|x| ((x - base) / span).clamp(0.0, 1.0) as f32).collect()
}

/// Mean absolute luma difference between consecutive 64×36 frames, per second.
fn pixel_activity(info: &MediaInfo) -> Result<Activity> {
    let seconds = info.duration.ceil().max(1.0) as usize;
    let (mut sums, mut counts) = (vec![0f64; seconds], vec![0u32; seconds]);
    for seg in &info.segments {
        let mut src = FrameSource::open(&seg.path, Some((64, 36)))?;
        let mut prev: Option<Vec<u8>> = None;
        while let Some(frame) = src.next_frame()? {
            let map = frame.map()?;
            let luma =
                Planar::crop_from(&map, bevis_redact::Rect { x: 0, y: 0, w: 64, h: 36 })?.data[..64 * 36].to_vec();
            if let Some(p) = &prev {
                let s = ((seg.offset + frame.t) as usize).min(seconds - 1);
                sums[s] += p.iter().zip(&luma).map(|(a, b)| a.abs_diff(*b) as f64).sum::<f64>() / luma.len() as f64;
                counts[s] += 1;
            }
            prev = Some(luma);
        }
    }
    let raw = sums.iter().zip(&counts).map(|(s, &c)| if c > 0 { s / c as f64 } else { f64::NAN }).collect();
    Ok(Activity { per_second: normalise(fill_gaps(raw)), method: "pixels" })
}
