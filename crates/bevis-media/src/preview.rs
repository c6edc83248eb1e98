//! Exact frames for the review screen: the frame at a time, the next one, the
//! previous one — composed (cropped and redacted) by the same [`Composer`] as the
//! export.
//!
//! A `Previewer` keeps its decoder open between requests: stepping forward reads
//! on instead of seeking, jumps ahead decode through while that is cheaper than a
//! seek (measured on the footage), and a step back decodes a window of frames
//! once and steps through it ([`crate::stepback`]) — so frame stepping and
//! playback cost one decode per frame, in either direction, even when keyframes
//! are far apart.

use crate::compose::Composer;
use crate::decode::{Frame, FrameSource};
use crate::error::{MediaError, Result};
use crate::frame::Planar;
use crate::stepback::{BackCache, Costs};
use crate::timeline::MediaInfo;
use std::time::Instant;

/// Before the costs are measured, jumps ahead shorter than this decode through.
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
    /// Timeline time of the frame the open decoder gave last.
    pos: Option<f64>,
    /// Timeline time of the frame last returned.
    last: Option<f64>,
    back: BackCache,
    costs: Costs,
    seeks: u64,
}

impl Previewer {
    pub fn new(info: MediaInfo, composer: Composer) -> Self {
        let (open, pos, last, seeks) = (None, None, None, 0);
        Previewer { info, composer, open, pos, last, back: BackCache::default(), costs: Costs::default(), seeks }
    }

    pub fn info(&self) -> &MediaInfo {
        &self.info
    }

    /// Timeline time of the frame last returned.
    pub fn last(&self) -> Option<f64> {
        self.last
    }

    /// Decoder seeks so far; each one decodes from the keyframe before its target.
    pub fn seeks(&self) -> u64 {
        self.seeks
    }

    /// Replaces the crop and tracks (after an edit) without reopening the footage.
    pub fn set_composer(&mut self, composer: Composer) {
        self.composer = composer;
    }

    /// The frame shown at timeline time `t` (clamped to the footage).
    pub fn frame_at(&mut self, t: f64) -> Result<PreviewFrame> {
        self.frame_reading_ahead(t, false)
    }

    /// Like [`frame_at`](Self::frame_at), but any step forward in the open segment
    /// decodes on instead of seeking — for passes that walk through a range.
    pub fn frame_ahead(&mut self, t: f64) -> Result<PreviewFrame> {
        self.frame_reading_ahead(t, true)
    }

    fn frame_reading_ahead(&mut self, t: f64, always_read_on: bool) -> Result<PreviewFrame> {
        let d = self.info.frame_secs();
        let t = self.info.snap(t.clamp(0.0, (self.info.duration - d).max(0.0)));
        if let Some(f) = self.kept(t)? {
            return Ok(f);
        }
        let (seg, local) = self.info.locate(t);
        if matches!(self.last, Some(last) if t < last && last - t < 1.5 * d) {
            return self.step_back(seg, t);
        }
        let seeking = !self.reads_on(seg, t, always_read_on);
        let started = Instant::now();
        if seeking {
            self.seek(seg, local)?;
        }
        let (ft, frame, decoded) = self.decode_until(t)?.ok_or_else(|| no_frame(t))?;
        let took = started.elapsed().as_secs_f64();
        if seeking {
            self.costs.seeked(took)
        } else {
            self.costs.decoded(took, decoded)
        }
        self.emit(ft, &frame)
    }

    /// Whether the open decoder reads on to `t` rather than seeking.
    fn reads_on(&self, seg: usize, t: f64, always: bool) -> bool {
        let d = self.info.frame_secs();
        let here = matches!(&self.open, Some((s, _)) if *s == seg);
        match self.pos {
            Some(pos) if here && t > pos + d / 2.0 => {
                always || self.costs.read_on_pays((t - pos) / d, t - pos < READ_AHEAD)
            }
            _ => false,
        }
    }

    /// Positions the decoder of segment `seg` at `local` seconds into it.
    fn seek(&mut self, seg: usize, local: f64) -> Result<()> {
        let mut src = match self.open.take() {
            Some((s, src)) if s == seg => src,
            _ => FrameSource::open(&self.info.segments[seg].path, None)?,
        };
        self.pos = None;
        self.seeks += 1;
        src.seek(local)?;
        self.open = Some((seg, src));
        Ok(())
    }

    /// One frame back from the last: decodes the window before it once, keeps it,
    /// and answers the next steps back from there.
    fn step_back(&mut self, seg: usize, t: f64) -> Result<PreviewFrame> {
        let d = self.info.frame_secs();
        let window = BackCache::capacity(self.info.width as usize * self.info.height as usize * 3 / 2);
        let offset = self.info.segments[seg].offset;
        let from = self.info.snap((t - (window - 1) as f64 * d).max(offset));
        self.back.clear();
        self.seek(seg, (from - offset).max(0.0))?;
        let (mut at, mut started) = (from, Instant::now());
        while let Some((ft, frame, _)) = self.decode_until(at)? {
            // The first frame measures the seek, each later one a single decode.
            let took = started.elapsed().as_secs_f64();
            if at == from {
                self.costs.seeked(took)
            } else {
                self.costs.decoded(took, 1)
            }
            self.back.push(ft, &frame)?;
            if ft >= t - d / 2.0 {
                break;
            }
            (at, started) = (ft + d, Instant::now());
        }
        self.kept(t)?.ok_or_else(|| no_frame(t))
    }

    /// The frame at `t` from the window kept by the last step back, if it is there.
    fn kept(&mut self, t: f64) -> Result<Option<PreviewFrame>> {
        let Some((ft, frame)) = self.back.get(t, self.info.frame_secs() / 2.0) else { return Ok(None) };
        let (ft, image) = (*ft, self.composer.compose(frame, *ft)?);
        Ok(Some(self.shown(ft, image)))
    }

    /// The frame after the last one returned.
    pub fn next_frame(&mut self) -> Result<Option<PreviewFrame>> {
        let Some(last) = self.last else { return self.frame_at(0.0).map(Some) };
        let d = self.info.frame_secs();
        if let Some(f) = self.kept(last + d)? {
            return Ok(Some(f));
        }
        if self.pos != Some(last) {
            // The decoder is elsewhere (it filled the cache, or a seek failed).
            let end = last + d > self.info.duration - d / 2.0;
            return if end { Ok(None) } else { self.frame_at(last + d).map(Some) };
        }
        if let Some((ft, frame, _)) = self.decode_until(last + d)? {
            return self.emit(ft, &frame).map(Some);
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

    /// Decodes forward to the first frame whose time is within half a frame of `t`
    /// or later: its timeline time, the frame, and how many frames were decoded.
    /// `None` at the end of the open segment.
    fn decode_until(&mut self, t: f64) -> Result<Option<(f64, Frame, usize)>> {
        let Some((seg, src)) = self.open.as_mut() else { return Ok(None) };
        let offset = self.info.segments[*seg].offset;
        let d = self.info.frame_secs();
        let mut decoded = 0;
        while let Some(frame) = src.next_frame()? {
            decoded += 1;
            let ft = offset + frame.t;
            self.pos = Some(ft);
            if ft >= t - d / 2.0 {
                return Ok(Some((ft, frame, decoded)));
            }
        }
        Ok(None)
    }

    fn emit(&mut self, ft: f64, frame: &Frame) -> Result<PreviewFrame> {
        let image = self.composer.compose(frame, ft)?;
        Ok(self.shown(ft, image))
    }

    fn shown(&mut self, ft: f64, image: Planar) -> PreviewFrame {
        self.last = Some(ft);
        PreviewFrame { t: ft, index: (ft / self.info.frame_secs()).round() as u64, image }
    }
}

fn no_frame(t: f64) -> MediaError {
    MediaError::Plan(format!("there is no frame at {t:.3} s"))
}
