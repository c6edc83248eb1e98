//! Small helpers every pipeline in this crate shares: element creation with a
//! clear error, a guard that always returns a pipeline to `Null`, waiting for
//! preroll with a deadline, and pulling from an appsink without ever blocking
//! forever (a damaged file must give an error within seconds, never a hang).

use crate::error::{MediaError, Result};
use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_app as gst_app;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// How long any single wait on a pipeline may take before the file is declared bad.
pub const STALL: Duration = Duration::from_secs(8);

/// Initialises GStreamer once per process.
pub fn init() -> Result<()> {
    static INIT: OnceLock<Result<(), String>> = OnceLock::new();
    INIT.get_or_init(|| gst::init().map_err(|e| e.to_string())).clone().map_err(MediaError::Pipeline)
}

/// Creates an element, naming the missing plugin if it is not installed.
pub fn make(factory: &'static str) -> Result<gst::Element> {
    gst::ElementFactory::make(factory).build().map_err(|_| MediaError::MissingElement(factory))
}

/// A pipeline that is set back to `Null` when dropped, whatever happened.
pub struct Guard(pub gst::Pipeline);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.set_state(gst::State::Null);
    }
}

impl std::ops::Deref for Guard {
    type Target = gst::Pipeline;
    fn deref(&self) -> &gst::Pipeline {
        &self.0
    }
}

/// Turns a GStreamer error message into the error a user understands.
pub fn classify(path: &Path, err: &gst::message::Error) -> MediaError {
    let e = err.error();
    let detail = e.message().to_string();
    let path = path.to_path_buf();
    if e.matches(gst::StreamError::TypeNotFound) || e.matches(gst::StreamError::WrongType) {
        MediaError::NotVideo { path, detail }
    } else if e.matches(gst::StreamError::CodecNotFound) {
        MediaError::UnsupportedCodec { path, codec: detail }
    } else if e.matches(gst::ResourceError::NotFound) || e.matches(gst::ResourceError::OpenRead) {
        MediaError::Io { path, source: std::io::Error::new(std::io::ErrorKind::NotFound, detail) }
    } else {
        MediaError::Corrupt { path, detail }
    }
}

/// The first error waiting on the bus, if any, without blocking.
pub fn bus_error(pipeline: &gst::Pipeline, path: &Path) -> Option<MediaError> {
    let bus = pipeline.bus()?;
    while let Some(msg) = bus.pop_filtered(&[gst::MessageType::Error]) {
        if let gst::MessageView::Error(err) = msg.view() {
            return Some(classify(path, err));
        }
    }
    None
}

/// Sets the pipeline to `Paused` and waits until it has prerolled.
pub fn preroll(pipeline: &gst::Pipeline, path: &Path) -> Result<()> {
    preroll_within(pipeline, path, STALL)
}

/// [`preroll`], giving up after `limit`.
pub fn preroll_within(pipeline: &gst::Pipeline, path: &Path, limit: Duration) -> Result<()> {
    pipeline.set_state(gst::State::Paused).map_err(|_| failed_state(pipeline, path))?;
    let bus = pipeline.bus().expect("pipelines have a bus");
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(timeout(path, "opening the file"));
        }
        let wait = gst::ClockTime::from_nseconds(left.as_nanos() as u64);
        let Some(msg) = bus.timed_pop_filtered(wait, &[gst::MessageType::Error, gst::MessageType::AsyncDone]) else {
            continue;
        };
        match msg.view() {
            gst::MessageView::Error(err) => return Err(classify(path, err)),
            _ => return Ok(()),
        }
    }
}

fn failed_state(pipeline: &gst::Pipeline, path: &Path) -> MediaError {
    bus_error(pipeline, path).unwrap_or_else(|| MediaError::NotVideo {
        path: path.to_path_buf(),
        detail: "the media framework refused to open it".into(),
    })
}

pub fn timeout(path: &Path, what: &'static str) -> MediaError {
    MediaError::Timeout { path: PathBuf::from(path), secs: STALL.as_secs(), what }
}

/// Pulls the next sample; `Ok(None)` at end of stream. Never waits longer than
/// [`STALL`] without progress, and reports bus errors as they happen.
pub fn pull(sink: &gst_app::AppSink, pipeline: &gst::Pipeline, path: &Path) -> Result<Option<gst::Sample>> {
    let deadline = Instant::now() + STALL;
    loop {
        if let Some(s) = sink.try_pull_sample(gst::ClockTime::from_mseconds(50)) {
            return Ok(Some(s));
        }
        if let Some(err) = bus_error(pipeline, path) {
            return Err(err);
        }
        if sink.is_eos() {
            return Ok(None);
        }
        if Instant::now() > deadline {
            return Err(timeout(path, "decoding"));
        }
    }
}

/// Links the first matching pad a decodebin exposes to `target`'s sink pad.
pub fn link_decoded(decode: &gst::Element, target: &gst::Element) {
    let weak = target.downgrade();
    decode.connect_pad_added(move |_, pad| {
        let Some(target) = weak.upgrade() else { return };
        let sinkpad = target.static_pad("sink").expect("converters have a sink pad");
        if !sinkpad.is_linked() {
            let _ = pad.link(&sinkpad);
        }
    });
}

/// Writes a sample's bytes to `out`; returns how many.
pub fn write_sample(sample: &gst::Sample, out: &mut dyn std::io::Write) -> Result<u64> {
    let Some(buf) = sample.buffer() else { return Ok(0) };
    let map = buf.map_readable().map_err(|e| MediaError::Pipeline(e.to_string()))?;
    out.write_all(&map).map_err(MediaError::Output)?;
    Ok(map.len() as u64)
}

/// Seconds from a clock time.
pub fn secs(t: gst::ClockTime) -> f64 {
    t.nseconds() as f64 / 1e9
}

/// A clock time from seconds (negative values clamp to zero).
pub fn clock(s: f64) -> gst::ClockTime {
    gst::ClockTime::from_nseconds((s.max(0.0) * 1e9).round() as u64)
}
