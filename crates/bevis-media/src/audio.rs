//! The audio of a clip, for the rare export that keeps it (audio is dropped by
//! default: sound carries bystanders' voices and is seldom needed as evidence).
//!
//! ```text
//! filesrc ─ decodebin (raw audio only) ─ audioconvert ─ audioresample ─ F32 stereo 48 kHz ─ appsink
//! ```
//!
//! Each segment is seeked with a start *and* stop position, so the decoder itself
//! cuts the samples to `[in, out)`; timestamps are re-based to the clip's start.

use crate::error::Result;
use crate::pipeline::{self, Guard, make};
use crate::timeline::MediaInfo;
use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_app as gst_app;
use std::path::Path;

/// The raw audio format handed to the encoder.
pub fn caps() -> gst::Caps {
    gst::Caps::builder("audio/x-raw")
        .field("format", "F32LE")
        .field("layout", "interleaved")
        .field("rate", 48000i32)
        .field("channels", 2i32)
        .build()
}

/// Audio buffers of `[in, out)` across the timeline's segments, in order.
pub struct AudioFeed {
    info: MediaInfo,
    in_s: f64,
    out_s: f64,
    next_seg: usize,
    open: Option<(f64, Guard, gst_app::AppSink, std::path::PathBuf)>,
}

impl AudioFeed {
    pub fn new(info: MediaInfo, in_s: f64, out_s: f64) -> Self {
        AudioFeed { info, in_s, out_s, next_seg: 0, open: None }
    }

    /// The next buffer, stamped with its time since the clip's `in`.
    pub fn next_buffer(&mut self) -> Result<Option<gst::Buffer>> {
        loop {
            if self.open.is_none() && !self.open_next()? {
                return Ok(None);
            }
            let (offset, pipe, sink, path) = self.open.as_ref().expect("opened above");
            match pipeline::pull(sink, pipe, path)? {
                Some(sample) => {
                    let (Some(mut buf), Some(seg)) = (sample.buffer_owned(), sample.segment().cloned()) else {
                        continue;
                    };
                    let seg = seg
                        .downcast::<gst::ClockTime>()
                        .map_err(|_| crate::MediaError::Pipeline("audio segment".into()))?;
                    let Some(t) = buf.pts().and_then(|p| seg.to_stream_time(p)).map(pipeline::secs) else { continue };
                    let rel = (offset + t - self.in_s).max(0.0);
                    buf.make_mut().set_pts(pipeline::clock(rel));
                    return Ok(Some(buf));
                }
                None => self.open = None,
            }
        }
    }

    /// Opens the next segment that overlaps `[in, out)`; `false` when none is left.
    fn open_next(&mut self) -> Result<bool> {
        while let Some(seg) = self.info.segments.get(self.next_seg) {
            self.next_seg += 1;
            let (start, stop) = (self.in_s - seg.offset, self.out_s - seg.offset);
            if stop <= 0.0 || start >= seg.duration {
                continue;
            }
            let (pipe, sink) = open(&seg.path)?;
            let flags = gst::SeekFlags::FLUSH | gst::SeekFlags::ACCURATE;
            let (start, stop) = (pipeline::clock(start.max(0.0)), pipeline::clock(stop));
            pipe.seek(1.0, flags, gst::SeekType::Set, start, gst::SeekType::Set, stop)?;
            pipe.set_state(gst::State::Playing)?;
            self.open = Some((seg.offset, pipe, sink, seg.path.clone()));
            return Ok(true);
        }
        Ok(false)
    }
}

fn open(path: &Path) -> Result<(Guard, gst_app::AppSink)> {
    let pipe = Guard(gst::Pipeline::new());
    let src = make("filesrc")?;
    src.set_property("location", path.to_string_lossy().as_ref());
    let decode = make("decodebin")?;
    decode.set_property("caps", gst::Caps::builder("audio/x-raw").build());
    let convert = make("audioconvert")?;
    let resample = make("audioresample")?;
    let sink = gst_app::AppSink::builder().caps(&caps()).sync(false).max_buffers(16).enable_last_sample(false).build();
    pipe.add_many([&src, &decode, &convert, &resample, sink.upcast_ref()])?;
    src.link(&decode)?;
    gst::Element::link_many([&convert, &resample, sink.upcast_ref()])?;
    pipeline::link_decoded(&decode, &convert);
    pipeline::preroll(&pipe, path)?;
    Ok((pipe, sink))
}
