//! Rendering one clip of an edit plan: frame-exact trim, crop, redaction, H.264.
//!
//! ```text
//! FrameSource (segment 1) ┐
//! FrameSource (segment 2) ┼─ trim [in, out) ─ ClipJob::compose (crop + redact) ─ Encoder ─ Write
//! …                       ┘
//! ```
//!
//! A frame belongs to `[in, out)` when its timestamp is within half a frame of the
//! range, so `in`/`out` values that are frame times (as the UI produces) select
//! exactly those frames, and values in between round to the nearest frame.

use crate::audio::AudioFeed;
use crate::compose::Composer;
use crate::decode::{Frame, FrameSource};
use crate::encode::{Encoder, EncoderSettings};
use crate::error::{MediaError, Result};
use crate::probe::Rate;
use crate::timeline::{MediaInfo, probe};
use bevis_redact::EditPlan;
use serde::Serialize;
use std::io::Write;

/// How far a render has come.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

/// What a finished render produced.
#[derive(Debug, Clone, Serialize)]
pub struct RenderReport {
    pub frames: u64,
    pub width: usize,
    pub height: usize,
    pub rate: Rate,
    pub bytes: u64,
    /// Timeline time of the first and last frame written.
    pub first: f64,
    pub last: f64,
}

/// One clip, resolved against its footage: the frames it spans and how each is composed.
pub struct ClipJob {
    pub info: MediaInfo,
    pub composer: Composer,
    pub in_s: f64,
    pub out_s: f64,
    /// The plan asks for audio and the footage has some.
    pub keep_audio: bool,
}

impl ClipJob {
    /// Probes the clip's source and checks the plan against it.
    pub fn new(plan: &EditPlan, clip: usize) -> Result<Self> {
        plan.validate()?;
        let c = plan.clips.get(clip).ok_or_else(|| MediaError::Plan(format!("the plan has no clip {}", clip + 1)))?;
        let source = plan.source(&c.source).expect("validated");
        let info = probe(&source.path)?.with_entered_start(source.start.as_deref())?;
        let composer = Composer::from_plan(plan, &c.source, c.crop, &info)?;
        if c.in_s >= info.duration {
            let msg = format!("the clip starts at {:.2} s but the footage is only {:.2} s long", c.in_s, info.duration);
            return Err(MediaError::Plan(msg));
        }
        if plan.options.keep_audio && !info.audio {
            tracing::warn!(path = %source.path.display(), "audio requested but the footage has none");
        }
        let keep_audio = plan.options.keep_audio && info.audio;
        Ok(ClipJob { composer, in_s: c.in_s, out_s: c.out_s.min(info.duration), keep_audio, info })
    }

    /// Number of frames in `[in, out)`.
    pub fn frame_count(&self) -> u64 {
        let d = self.info.frame_secs();
        ((self.out_s / d).round() - (self.in_s / d).round()).max(0.0) as u64
    }

    /// Calls `each(t, frame)` for every frame in `[in, out)`, across segments, in
    /// order. `each` returns `false` to stop early.
    pub fn for_each_frame(&self, mut each: impl FnMut(f64, Frame) -> Result<bool>) -> Result<()> {
        let half = self.info.frame_secs() / 2.0;
        for seg in &self.info.segments {
            if seg.offset + seg.duration <= self.in_s - half || seg.offset >= self.out_s - half {
                continue;
            }
            let mut src = FrameSource::open(&seg.path, None)?;
            let local_in = self.info.snap(self.in_s) - seg.offset;
            if local_in > half {
                src.seek(local_in)?;
            }
            while let Some(frame) = src.next_frame()? {
                let t = seg.offset + frame.t;
                if t < self.in_s - half {
                    continue;
                }
                if t >= self.out_s - half || !each(t, frame)? {
                    break;
                }
            }
        }
        Ok(())
    }
}

/// Renders clip `clip` of `plan` into `out` as H.264 in fragmented MP4.
/// `on_progress` is called after every frame; returning `false` cancels.
pub fn render(
    plan: &EditPlan,
    clip: usize,
    out: &mut dyn Write,
    settings: &EncoderSettings,
    on_progress: impl FnMut(Progress) -> bool,
) -> Result<RenderReport> {
    render_job(&ClipJob::new(plan, clip)?, out, settings, on_progress)
}

/// Renders a prepared clip (see [`ClipJob::new`], which checks the plan against the
/// footage before anything is written).
pub fn render_job(
    job: &ClipJob,
    out: &mut dyn Write,
    settings: &EncoderSettings,
    mut on_progress: impl FnMut(Progress) -> bool,
) -> Result<RenderReport> {
    let rate = if job.info.rate.fps() > 0.0 { job.info.rate } else { Rate { num: 25, den: 1 } };
    let (w, h) = (job.composer.crop.w as usize, job.composer.crop.h as usize);
    let mut enc = Encoder::start(w, h, rate, settings, job.keep_audio, out)?;
    let mut audio = job.keep_audio.then(|| AudioSync::new(AudioFeed::new(job.info.clone(), job.in_s, job.out_s)));
    let total = job.frame_count();
    let (mut done, mut first, mut last, mut cancelled) = (0u64, None, 0.0, false);
    job.for_each_frame(|t, frame| {
        if let Some(a) = audio.as_mut() {
            let until = enc.video_time() + rate.frame_secs();
            a.feed_until(&mut enc, until)?;
        }
        enc.push(job.composer.compose(&frame, t)?)?;
        done += 1;
        first.get_or_insert(t);
        last = t;
        cancelled = !on_progress(Progress { done, total: total.max(done) });
        Ok(!cancelled)
    })?;
    if cancelled {
        tracing::info!(done, total, "render cancelled");
        return Err(MediaError::Cancelled);
    }
    if done == 0 {
        return Err(MediaError::Plan("no frame of the footage falls inside the clip's in/out range".into()));
    }
    if let Some(a) = audio.as_mut() {
        a.feed_until(&mut enc, f64::INFINITY)?;
    }
    let bytes = enc.finish()?;
    tracing::info!(frames = done, bytes, "render finished");
    Ok(RenderReport { frames: done, width: w, height: h, rate, bytes, first: first.unwrap_or(0.0), last })
}

/// Keeps audio level with video so the muxer always has both to interleave.
struct AudioSync {
    feed: AudioFeed,
    pending: Option<gstreamer::Buffer>,
}

impl AudioSync {
    fn new(feed: AudioFeed) -> Self {
        AudioSync { feed, pending: None }
    }

    /// Pushes audio buffers that start before `until` seconds.
    fn feed_until(&mut self, enc: &mut Encoder<'_>, until: f64) -> Result<()> {
        loop {
            let buf = match self.pending.take() {
                Some(b) => b,
                None => match self.feed.next_buffer()? {
                    Some(b) => b,
                    None => return Ok(()),
                },
            };
            if buf.pts().map_or(0.0, crate::pipeline::secs) >= until {
                self.pending = Some(buf);
                return Ok(());
            }
            enc.push_audio(buf)?;
        }
    }
}
