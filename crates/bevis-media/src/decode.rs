//! Decoded frames of one file, in order, from any position — frame exactly.
//!
//! ```text
//! filesrc ─ decodebin (raw video only) ─ videoconvert ─ I420 [─ videoscale ─ W×H] ─ appsink
//! ```
//!
//! Time 0 is the file's first frame, whatever the container's timestamps say
//! (MPEG-TS starts at arbitrary clock values). A seek is flushing and accurate, so
//! the first frame pulled afterwards is the frame shown at the requested time.
//! The appsink holds at most a few frames: the decoder waits for us, which keeps
//! memory flat however long the file is.

use crate::error::{MediaError, Result};
use crate::pipeline::{self, Guard, make};
use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_app as gst_app;
use gstreamer_video as gst_video;
use std::path::{Path, PathBuf};

/// A decoded frame and where it sits in the file.
pub struct Frame {
    /// Seconds since the file's first frame.
    pub t: f64,
    pub buffer: gst::Buffer,
    pub info: gst_video::VideoInfo,
}

impl Frame {
    pub fn map(&self) -> Result<gst_video::VideoFrameRef<&gst::BufferRef>> {
        gst_video::VideoFrameRef::from_buffer_ref_readable(self.buffer.as_ref(), &self.info)
            .map_err(|_| MediaError::Pipeline("could not map a decoded frame".into()))
    }
}

/// A decoding pipeline positioned somewhere in one file.
pub struct FrameSource {
    pipe: Guard,
    sink: gst_app::AppSink,
    path: PathBuf,
    t0: f64,
}

impl FrameSource {
    /// Opens `path`, decoding to I420 at full size or scaled to `scale`.
    pub fn open(path: &Path, scale: Option<(u32, u32)>) -> Result<Self> {
        pipeline::init()?;
        let (pipe, sink) = build(path, scale)?;
        pipeline::preroll(&pipe, path)?;
        let first = sink.try_pull_preroll(pipeline::clock(pipeline::STALL.as_secs_f64()));
        let t0 = first
            .as_ref()
            .and_then(stream_time)
            .ok_or_else(|| MediaError::Corrupt { path: path.into(), detail: "no frame could be decoded".into() })?;
        pipe.set_state(gst::State::Playing)?;
        Ok(FrameSource { pipe, sink, path: path.into(), t0 })
    }

    /// Positions so that the next frame is the one shown at `t` seconds.
    pub fn seek(&mut self, t: f64) -> Result<()> {
        self.seek_with(gst::SeekFlags::ACCURATE, t)
    }

    /// Positions at the keyframe nearest to `t` (cheap: no frames are decoded
    /// before it). Used for thumbnails, where the nearest picture will do.
    pub fn seek_key(&mut self, t: f64) -> Result<()> {
        self.seek_with(gst::SeekFlags::KEY_UNIT | gst::SeekFlags::SNAP_NEAREST, t)
    }

    fn seek_with(&mut self, flags: gst::SeekFlags, t: f64) -> Result<()> {
        let flags = flags | gst::SeekFlags::FLUSH;
        self.pipe
            .seek_simple(flags, pipeline::clock(self.t0 + t))
            .map_err(|_| MediaError::Corrupt { path: self.path.clone(), detail: format!("cannot seek to {t:.3} s") })
    }

    /// The next decoded frame, or `None` at the end of the file.
    pub fn next_frame(&mut self) -> Result<Option<Frame>> {
        loop {
            let Some(sample) = pipeline::pull(&self.sink, &self.pipe, &self.path)? else {
                return Ok(None);
            };
            let (Some(t), Some(buffer), Some(caps)) = (stream_time(&sample), sample.buffer_owned(), sample.caps())
            else {
                continue;
            };
            let info = gst_video::VideoInfo::from_caps(caps).map_err(|e| MediaError::Pipeline(e.to_string()))?;
            return Ok(Some(Frame { t: t - self.t0, buffer, info }));
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn stream_time(sample: &gst::Sample) -> Option<f64> {
    let pts = sample.buffer()?.pts()?;
    let segment = sample.segment()?.downcast_ref::<gst::ClockTime>()?;
    segment.to_stream_time(pts).map(pipeline::secs)
}

fn build(path: &Path, scale: Option<(u32, u32)>) -> Result<(Guard, gst_app::AppSink)> {
    let pipe = Guard(gst::Pipeline::new());
    let src = make("filesrc")?;
    src.set_property("location", path.to_string_lossy().as_ref());
    let decode = make("decodebin")?;
    decode.set_property("caps", gst::Caps::builder("video/x-raw").build());
    let convert = make("videoconvert")?;
    let scaler = make("videoscale")?;
    let filter = make("capsfilter")?;
    let mut caps = gst::Caps::builder("video/x-raw").field("format", "I420");
    if let Some((w, h)) = scale {
        caps = caps
            .field("width", w as i32)
            .field("height", h as i32)
            .field("pixel-aspect-ratio", gst::Fraction::new(1, 1));
    }
    filter.set_property("caps", caps.build());
    let sink = gst_app::AppSink::builder().sync(false).max_buffers(3).enable_last_sample(false).build();
    pipe.add_many([&src, &decode, &convert, &scaler, &filter, sink.upcast_ref()])?;
    src.link(&decode)?;
    gst::Element::link_many([&convert, &scaler, &filter, sink.upcast_ref()])?;
    pipeline::link_decoded(&decode, &convert);
    Ok((pipe, sink))
}
