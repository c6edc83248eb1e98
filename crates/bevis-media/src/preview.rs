//! Exact frames for the review screen: the frame at a time, the next one, the
//! previous one — composed (cropped and redacted) by the same [`Composer`] as the
//! export.
//!
//! A `Previewer` keeps its decoder open between requests: stepping forward reads
//! on instead of seeking, and short jumps ahead decode through rather than flush,
//! so frame stepping and playback cost one decode per frame.

use crate::compose::Composer;
use crate::decode::FrameSource;
use crate::error::{MediaError, Result};
use crate::frame::Planar;
use crate::timeline::MediaInfo;

/// Jumps ahead shorter than this decode through instead of seeking.
const READ_AHEAD: f64 = 0.5;

/// A composed frame and where it is on the timeline.
pub struct PreviewFrame {
    pub t: f64,
    /// Frame number on the timeline (0 = first frame).
    pub index: u64,
    pub image: Planar,
}

pub struct Previewer {
    info: MediaInfo,
    composer: Composer,
    open: Option<(usize, FrameSource)>,
    /// Timeline time of the frame last returned.
    last: Option<f64>,
}

impl Previewer {
    pub fn new(info: MediaInfo, composer: Composer) -> Self {
        Previewer { info, composer, open: None, last: None }
    }

    pub fn info(&self) -> &MediaInfo {
        &self.info
    }

    /// Timeline time of the frame last returned.
    pub fn last(&self) -> Option<f64> {
        self.last
    }

    /// Replaces the crop and tracks (after an edit) without reopening the footage.
    pub fn set_composer(&mut self, composer: Composer) {
        self.composer = composer;
    }

    /// The frame shown at timeline time `t` (clamped to the footage).
    pub fn frame_at(&mut self, t: f64) -> Result<PreviewFrame> {
        self.frame_reading_ahead(t, READ_AHEAD)
    }

    /// Like [`frame_at`](Self::frame_at), but any step forward in the open segment
    /// decodes on instead of seeking — for passes that walk through a range, where
    /// a seek would decode again from a keyframe that may be many seconds back.
    pub fn frame_ahead(&mut self, t: f64) -> Result<PreviewFrame> {
        self.frame_reading_ahead(t, f64::INFINITY)
    }

    fn frame_reading_ahead(&mut self, t: f64, read_ahead: f64) -> Result<PreviewFrame> {
        let d = self.info.frame_secs();
        let t = self.info.snap(t.clamp(0.0, (self.info.duration - d).max(0.0)));
        let (seg, local) = self.info.locate(t);
        let reuse = matches!((&self.open, self.last), (Some((s, _)), Some(last)) if *s == seg && t > last && t - last < read_ahead);
        if !reuse {
            let mut src = match self.open.take() {
                Some((s, src)) if s == seg => src,
                _ => FrameSource::open(&self.info.segments[seg].path, None)?,
            };
            src.seek(local)?;
            self.open = Some((seg, src));
        }
        self.read_until(t)?.ok_or_else(|| MediaError::Plan(format!("there is no frame at {t:.3} s")))
    }

    /// The frame after the last one returned.
    pub fn next_frame(&mut self) -> Result<Option<PreviewFrame>> {
        let Some(last) = self.last else { return self.frame_at(0.0).map(Some) };
        let d = self.info.frame_secs();
        if let Some(f) = self.read_until(last + d)? {
            return Ok(Some(f));
        }
        // End of this segment: continue in the next one, if any.
        let (seg, _) = self.info.locate(last);
        match self.info.segments.get(seg + 1) {
            Some(next) => self.frame_at(next.offset).map(Some),
            None => Ok(None),
        }
    }

    /// The frame before the last one returned.
    pub fn prev_frame(&mut self) -> Result<PreviewFrame> {
        let last = self.last.unwrap_or(0.0);
        self.frame_at((last - self.info.frame_secs()).max(0.0))
    }

    /// Reads forward to the first frame whose time is within half a frame of `t`
    /// or later; `None` at the end of the open segment.
    fn read_until(&mut self, t: f64) -> Result<Option<PreviewFrame>> {
        let Some((seg, src)) = self.open.as_mut() else { return Ok(None) };
        let offset = self.info.segments[*seg].offset;
        let d = self.info.frame_secs();
        while let Some(frame) = src.next_frame()? {
            let ft = offset + frame.t;
            if ft < t - d / 2.0 {
                continue;
            }
            self.last = Some(ft);
            let image = self.composer.compose(&frame, ft)?;
            return Ok(Some(PreviewFrame { t: ft, index: (ft / d).round() as u64, image }));
        }
        Ok(None)
    }
}
