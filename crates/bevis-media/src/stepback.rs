//! What keeps the review screen quick on CCTV footage, whose keyframes are often
//! 25–60 s apart — and every seek decodes from the keyframe before its target:
//!
//! - [`BackCache`]: a step back decodes a window of frames before the target once
//!   and keeps copies of them, so the next steps back (and forward again) need no
//!   seek. Without it every step back decoded the whole way from the keyframe.
//! - [`Costs`]: the measured cost of a seek and of decoding one frame decide
//!   whether a jump ahead reads on through the open decoder or seeks.
//!
//! The copies live in memory only (decoded footage never goes to disk).

use crate::decode::Frame;
use crate::error::{MediaError, Result};
use std::collections::VecDeque;

/// Memory the cache may hold: decoded, uncompressed frames.
const CACHE_BYTES: usize = 96 << 20;
/// Most frames one refill keeps.
const CACHE_FRAMES: usize = 100;

/// Decoded frames just before the last backward step, in timeline order.
#[derive(Default)]
pub(crate) struct BackCache {
    frames: VecDeque<(f64, Frame)>,
}

impl BackCache {
    /// How many frames a refill keeps when one frame takes `bytes`.
    pub fn capacity(bytes: usize) -> usize {
        (CACHE_BYTES / bytes.max(1)).clamp(2, CACHE_FRAMES)
    }

    pub fn clear(&mut self) {
        self.frames.clear();
    }

    /// Keeps a copy of `frame` shown at timeline time `t` (a copy: the decoder's own
    /// buffers go back to its pool, which may be small for hardware decoders).
    pub fn push(&mut self, t: f64, frame: &Frame) -> Result<()> {
        let buffer = frame.buffer.copy_deep().map_err(|_| MediaError::Pipeline("could not copy a frame".into()))?;
        self.frames.push_back((t, Frame { t: frame.t, buffer, info: frame.info.clone() }));
        Ok(())
    }

    /// The kept frame within `half` a frame of `t`.
    pub fn get(&self, t: f64, half: f64) -> Option<&(f64, Frame)> {
        self.frames.iter().find(|(ft, _)| (ft - t).abs() < half)
    }
}

/// Running estimates of what the open footage costs to decode, in seconds.
#[derive(Default, Debug, Clone, Copy)]
pub(crate) struct Costs {
    /// A seek and the decode up to its target frame.
    seek: Option<f64>,
    /// One frame decoded while reading on.
    frame: Option<f64>,
}

/// Weight of the newest measurement in the running estimates.
const NEWEST: f64 = 0.3;

fn blend(old: Option<f64>, new: f64) -> Option<f64> {
    Some(old.map_or(new, |o| o + NEWEST * (new - o)))
}

impl Costs {
    pub fn seeked(&mut self, secs: f64) {
        self.seek = blend(self.seek, secs);
    }

    pub fn decoded(&mut self, secs: f64, frames: usize) {
        if frames > 0 {
            self.frame = blend(self.frame, secs / frames as f64);
        }
    }

    /// Whether decoding `frames` frames on is cheaper than a seek; `unmeasured`
    /// until both have been seen.
    pub fn read_on_pays(&self, frames: f64, unmeasured: bool) -> bool {
        match (self.seek, self.frame) {
            (Some(seek), Some(frame)) => frames * frame < seek,
            _ => unmeasured,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_on_wins_until_it_costs_more_than_a_seek() {
        let mut c = Costs::default();
        assert!(c.read_on_pays(3.0, true) && !c.read_on_pays(3.0, false), "unmeasured: the caller's rule");
        c.seeked(0.250);
        c.decoded(0.010, 10);
        assert!(c.read_on_pays(200.0, false), "long GOP: 200 frames at 1 ms beat a 250 ms seek");
        assert!(!c.read_on_pays(300.0, true));
        c.seeked(0.050);
        assert!((c.seek.unwrap() - 0.190).abs() < 1e-9, "running estimate moves 30 % towards the newest");
        c.decoded(0.0, 0);
        assert_eq!(c.frame, Some(0.001), "nothing decoded says nothing");
    }

    #[test]
    fn the_cache_holds_a_bounded_number_of_frames() {
        assert_eq!(BackCache::capacity(768 * 576 * 3 / 2), 100);
        assert_eq!(BackCache::capacity(1920 * 1080 * 3 / 2), 32);
        assert_eq!(BackCache::capacity(7680 * 4320 * 3 / 2), 2);
    }
}
