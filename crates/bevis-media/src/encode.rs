//! The encoder half of a render: raw I420 frames in, a fragmented MP4 byte stream out.
//!
//! ```text
//! appsrc (I420, W×H) ─ queue ─ x264enc (veryfast, CRF 23) ─ h264parse ─ mp4mux (fragmented) ─ appsink
//! appsrc (F32 48 kHz) ─ audioconvert ─ avenc_aac ─ aacparse ─ queue ──┘   (only when audio is kept)
//! ```
//!
//! The MP4 is *fragmented* (`moov` first, then `moof`/`mdat` pairs every second),
//! which is the only MP4 layout a muxer can write front to back without seeking.
//! That lets the bytes flow straight into any `Write` — in the product, the
//! package encryptor — so a plaintext file never exists. VLC, browsers, Windows'
//! player and ffprobe all read fragmented MP4.

use crate::error::{MediaError, Result};
use crate::frame::Planar;
use crate::pipeline::{self, Guard, make};
use crate::probe::Rate;
use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_app as gst_app;
use std::io::Write;
use std::path::Path;

/// x264 settings of an export.
#[derive(Debug, Clone)]
pub struct EncoderSettings {
    /// Constant rate factor (x264's `pass=qual` quantizer).
    pub crf: u32,
    pub preset: &'static str,
}

impl Default for EncoderSettings {
    fn default() -> Self {
        EncoderSettings { crf: 23, preset: "veryfast" }
    }
}

/// A running encoder that writes its output to `out` as it arrives.
pub struct Encoder<'w> {
    pipe: Guard,
    src: gst_app::AppSrc,
    audio: Option<gst_app::AppSrc>,
    sink: gst_app::AppSink,
    out: &'w mut dyn Write,
    rate: Rate,
    pushed: u64,
    pub bytes: u64,
}

impl<'w> Encoder<'w> {
    pub fn start(
        width: usize,
        height: usize,
        rate: Rate,
        settings: &EncoderSettings,
        with_audio: bool,
        out: &'w mut dyn Write,
    ) -> Result<Self> {
        pipeline::init()?;
        let pipe = Guard(gst::Pipeline::new());
        let caps = gst::Caps::builder("video/x-raw")
            .field("format", "I420")
            .field("width", width as i32)
            .field("height", height as i32)
            .field("framerate", gst::Fraction::new(rate.num, rate.den))
            .field("pixel-aspect-ratio", gst::Fraction::new(1, 1))
            .build();
        let src = gst_app::AppSrc::builder()
            .caps(&caps)
            .format(gst::Format::Time)
            .block(true)
            .max_bytes(8 * (width * height * 3 / 2) as u64)
            .build();
        let queue = make("queue")?;
        let x264 = x264(settings, rate)?;
        let profile = make("capsfilter")?;
        profile.set_property("caps", gst::Caps::builder("video/x-h264").field("profile", "high").build());
        let parse = make("h264parse")?;
        let mux = make("mp4mux")?;
        mux.set_property("fragment-duration", 1000u32);
        mux.set_property("streamable", true);
        let sink = gst_app::AppSink::builder().sync(false).enable_last_sample(false).build();
        pipe.add_many([src.upcast_ref(), &queue, &x264, &profile, &parse, &mux, sink.upcast_ref()])?;
        gst::Element::link_many([src.upcast_ref(), &queue, &x264, &profile, &parse, &mux, sink.upcast_ref()])?;
        let audio = with_audio.then(|| audio_branch(&pipe, &mux)).transpose()?;
        pipe.set_state(gst::State::Playing)?;
        Ok(Encoder { pipe, src, audio, sink, out, rate, pushed: 0, bytes: 0 })
    }

    /// Queues one audio buffer (timestamped from the clip's start).
    pub fn push_audio(&mut self, buf: gst::Buffer) -> Result<()> {
        if let Some(audio) = &self.audio {
            audio.push_buffer(buf).map_err(|e| self.failure(format!("{e:?}")))?;
        }
        self.drain(gst::ClockTime::ZERO)
    }

    /// Presentation time of the next video frame, seconds.
    pub fn video_time(&self) -> f64 {
        pipeline::secs(self.at(self.pushed))
    }

    fn at(&self, i: u64) -> gst::ClockTime {
        gst::ClockTime::SECOND.mul_div_floor(i * self.rate.den as u64, self.rate.num as u64).expect("frame time fits")
    }

    /// Queues one frame (blocks while the encoder is busy) and writes what is ready.
    pub fn push(&mut self, frame: Planar) -> Result<()> {
        let mut buf = gst::Buffer::from_mut_slice(frame.data);
        let (pts, next) = (self.at(self.pushed), self.at(self.pushed + 1));
        let b = buf.get_mut().expect("fresh buffer is writable");
        b.set_pts(pts);
        b.set_duration(next - pts);
        self.src.push_buffer(buf).map_err(|e| self.failure(format!("{e:?}")))?;
        self.pushed += 1;
        self.drain(gst::ClockTime::ZERO)
    }

    fn failure(&self, fallback: String) -> MediaError {
        pipeline::bus_error(&self.pipe, Path::new("encoder"))
            .unwrap_or(MediaError::Pipeline(format!("encoder stopped: {fallback}")))
    }

    fn drain(&mut self, wait: gst::ClockTime) -> Result<()> {
        while let Some(sample) = self.sink.try_pull_sample(wait) {
            self.write(&sample)?;
        }
        Ok(())
    }

    fn write(&mut self, sample: &gst::Sample) -> Result<()> {
        self.bytes += pipeline::write_sample(sample, self.out)?;
        Ok(())
    }

    /// Ends the stream, writes the last fragment and flushes the writer.
    pub fn finish(mut self) -> Result<u64> {
        let _ = self.src.end_of_stream();
        if let Some(audio) = &self.audio {
            let _ = audio.end_of_stream();
        }
        while let Some(sample) = pipeline::pull(&self.sink, &self.pipe, Path::new("encoder"))? {
            self.write(&sample)?;
        }
        self.out.flush().map_err(MediaError::Output)?;
        Ok(self.bytes)
    }
}

fn audio_branch(pipe: &gst::Pipeline, mux: &gst::Element) -> Result<gst_app::AppSrc> {
    let src = gst_app::AppSrc::builder()
        .caps(&crate::audio::caps())
        .format(gst::Format::Time)
        .block(true)
        .max_bytes(1 << 20)
        .build();
    let convert = make("audioconvert")?;
    let aac = make("avenc_aac")?;
    let parse = make("aacparse")?;
    let queue = make("queue")?;
    pipe.add_many([src.upcast_ref(), &convert, &aac, &parse, &queue])?;
    gst::Element::link_many([src.upcast_ref(), &convert, &aac, &parse, &queue, mux])?;
    Ok(src)
}

/// x264 in constant-quality mode with a keyframe every two seconds.
fn x264(settings: &EncoderSettings, rate: Rate) -> Result<gst::Element> {
    let x264 = make("x264enc")?;
    x264.set_property_from_str("speed-preset", settings.preset);
    x264.set_property_from_str("pass", "qual");
    x264.set_property("quantizer", settings.crf);
    x264.set_property("key-int-max", (2.0 * rate.fps()).round().max(1.0) as u32);
    Ok(x264)
}
