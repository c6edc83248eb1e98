//! Synthetic CCTV-like footage with known ground truth, for tests, benchmarks and
//! the demo profile.
//!
//! Every frame carries its own number as a row of black/white blocks in the top
//! left corner (readable after lossy encoding), and a few textured "figures" walk
//! back and forth over a detailed static background. Because [`figure_at`] says
//! exactly where each figure is in each frame, tests can check that a redaction
//! covers them and that everything else is untouched.
//!
//! ```text
//! appsrc (I420) ─ encoder ─ parser ─ muxer ─ filesink
//! audiotestsrc ─ aac ─────────────────┘        (optional)
//! ```

use crate::error::{MediaError, Result};
use crate::frame::Planar;
use crate::pipeline::{self, Guard};
use crate::probe::Rate;
use bevis_redact::Rect;
use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_app as gst_app;
use std::path::Path;
use std::time::{Duration, Instant};

/// Container and codec of a synthetic clip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    H264Mp4,
    H264Mkv,
    H264Ts,
    H265Mkv,
    MjpegAvi,
    Mpeg4Avi,
}

#[derive(Debug, Clone)]
pub struct Spec {
    pub width: u32,
    pub height: u32,
    pub rate: Rate,
    pub frames: u32,
    /// Number printed in the first frame (segments continue each other's count).
    pub first_frame: u32,
    pub figures: usize,
    pub codec: Codec,
    pub audio: bool,
    /// Keyframe interval in frames.
    pub gop: u32,
}

impl Spec {
    pub fn new(width: u32, height: u32, fps: i32, seconds: u32, codec: Codec) -> Spec {
        let rate = Rate { num: fps, den: 1 };
        Spec {
            width,
            height,
            rate,
            frames: seconds * fps as u32,
            first_frame: 0,
            figures: 3,
            codec,
            audio: false,
            gop: 2 * fps as u32,
        }
    }
}

/// Side of one frame-number block.
pub fn block_size(width: u32) -> usize {
    (width as usize / 24).clamp(8, 24)
}

/// Bits in the frame-number code.
pub const CODE_BITS: usize = 16;

/// Where figure `k` stands in frame `n` (the number printed in the frame).
pub fn figure_at(spec: &Spec, k: usize, n: u32) -> Rect {
    let (w, h) = (spec.width as i64, spec.height as i64);
    let (fw, fh) = ((w / 12).max(8), (h * 2 / 7).max(8));
    let span = (w - fw).max(1);
    let speed = 3 + 2 * k as i64;
    let travel = (n as i64 * speed * w / 640 + k as i64 * span / 3) % (2 * span);
    let x = if travel < span { travel } else { 2 * span - travel };
    let y = (h / 4 + k as i64 * h / 7).min(h - fh);
    Rect { x, y, w: fw, h: fh }
}

/// Draws frame number `n`.
pub fn draw(spec: &Spec, n: u32) -> Planar {
    let (w, h) = (spec.width as usize, spec.height as usize);
    let mut frame = Planar::blank(w, h).expect("synthetic sizes are valid");
    let [ys, cs, _] = frame.strides;
    let [_, uo, vo] = frame.offsets;
    for y in 0..h {
        for x in 0..w {
            // A detailed, static "scene": gradient plus fine texture.
            frame.data[y * ys + x] = (60 + (x * 60 / w) as u32 + (((x * 7) ^ (y * 13)) % 29) as u32) as u8;
        }
    }
    for y in 0..h / 2 {
        for x in 0..w / 2 {
            frame.data[uo + y * cs + x] = 128 - (x * 40 / w) as u8;
            frame.data[vo + y * cs + x] = 118 + (y * 40 / h) as u8;
        }
    }
    for k in 0..spec.figures {
        paint_figure(&mut frame, figure_at(spec, k, n), k);
    }
    paint_code(&mut frame, n, block_size(spec.width));
    frame
}

fn paint_figure(f: &mut Planar, r: Rect, k: usize) {
    let Some(r) = r.clamp_to(f.width as i64, f.height as i64) else { return };
    let ([ys, cs, _], uo) = (f.strides, f.offsets[1]);
    for y in r.y as usize..r.bottom() as usize {
        for x in r.x as usize..r.right() as usize {
            let (lx, ly) = (x - r.x as usize, y - r.y as usize);
            // Stripes (clothing, text) and a fine checker "face" in the top fifth.
            let v = if ly < r.h as usize / 5 {
                if (lx / 2 + ly / 2) % 2 == 0 { 235 } else { 40 }
            } else if (ly / 3) % 2 == 0 {
                200
            } else {
                30 + 40 * k as u8
            };
            f.data[y * ys + x] = v;
            f.data[uo + (y / 2) * cs + x / 2] = 90 + 40 * (k as u8 % 3);
        }
    }
}

fn paint_code(f: &mut Planar, n: u32, block: usize) {
    let (w, ys) = (f.width, f.strides[0]);
    for bit in 0..CODE_BITS {
        let v = if n >> (CODE_BITS - 1 - bit) & 1 == 1 { 235 } else { 16 };
        for y in 0..block.min(f.height) {
            let x0 = bit * block;
            if x0 + block <= w {
                f.data[y * ys + x0..y * ys + x0 + block].fill(v);
            }
        }
    }
}

/// Reads the frame number back from a decoded luma plane (after cropping at `ox`, `oy`).
pub fn read_code(luma: impl Fn(usize, usize) -> u8, block: usize) -> u32 {
    (0..CODE_BITS).fold(0, |acc, bit| acc << 1 | u32::from(luma(bit * block + block / 2, block / 2) > 128))
}

fn encoder_tail(spec: &Spec) -> String {
    let gop = spec.gop;
    // Quality-based rate control, like the VBR most NVRs record with. No VBV: with
    // x264enc's default 600 ms buffer and frame threads, the first second's frame
    // sizes changed from run to run (a still scene's frames 4–9 between 0.3 and
    // 28 KB), so the activity test failed now and then under load. Without it the
    // same spec gives the same bytes (tests/timeline.rs checks).
    let x264 = format!(
        "x264enc speed-preset=ultrafast pass=qual quantizer=20 vbv-buf-capacity=0 key-int-max={gop} ! h264parse"
    );
    match spec.codec {
        Codec::H264Mp4 => format!("{x264} ! mp4mux name=mux"),
        Codec::H264Mkv => format!("{x264} ! matroskamux name=mux"),
        Codec::H264Ts => format!("{x264} ! mpegtsmux name=mux"),
        Codec::H265Mkv => {
            format!("x265enc speed-preset=ultrafast key-int-max={gop} ! h265parse ! matroskamux name=mux")
        }
        Codec::MjpegAvi => "jpegenc quality=85 ! avimux name=mux".into(),
        Codec::Mpeg4Avi => format!("avenc_mpeg4 gop-size={gop} bitrate=4000000 ! avimux name=mux"),
    }
}

/// Writes a synthetic clip to `path`.
pub fn write(path: &Path, spec: &Spec) -> Result<()> {
    pipeline::init()?;
    let caps = format!(
        "video/x-raw,format=I420,width={},height={},framerate={}/{}",
        spec.width, spec.height, spec.rate.num, spec.rate.den
    );
    let loc = path.to_string_lossy().replace('"', "");
    let mut desc =
        format!("appsrc name=src format=time caps=\"{caps}\" ! {} ! filesink location=\"{loc}\"", encoder_tail(spec));
    if spec.audio {
        let spb = 48000 * spec.rate.den / spec.rate.num;
        desc += &format!(
            " audiotestsrc num-buffers={} samplesperbuffer={spb} ! audio/x-raw,rate=48000 ! audioconvert ! avenc_aac ! aacparse ! queue ! mux.",
            spec.frames
        );
    }
    let pipe = gst::parse::launch(&desc).map_err(|e| MediaError::Pipeline(e.to_string()))?;
    let pipe = Guard(pipe.downcast::<gst::Pipeline>().map_err(|_| MediaError::Pipeline("not a pipeline".into()))?);
    let src = pipe.by_name("src").and_then(|e| e.downcast::<gst_app::AppSrc>().ok()).expect("appsrc named src");
    src.set_max_bytes(64 << 20);
    pipe.set_state(gst::State::Playing)?;
    let frame_ns = |i: u64| gst::ClockTime::SECOND.mul_div_floor(i * spec.rate.den as u64, spec.rate.num as u64);
    for i in 0..spec.frames {
        let mut buf = gst::Buffer::from_mut_slice(draw(spec, spec.first_frame + i).data);
        let b = buf.get_mut().expect("fresh buffer");
        b.set_pts(frame_ns(i as u64));
        b.set_duration(frame_ns(i as u64 + 1).zip(frame_ns(i as u64)).map(|(a, b)| a - b));
        src.push_buffer(buf).map_err(|e| MediaError::Pipeline(format!("synth push: {e:?}")))?;
    }
    let _ = src.end_of_stream();
    wait_eos(&pipe, path, Duration::from_secs(600))
}

/// Waits for end of stream (the muxer has finished the file) or an error.
pub fn wait_eos(pipe: &gst::Pipeline, path: &Path, limit: Duration) -> Result<()> {
    let bus = pipe.bus().expect("pipelines have a bus");
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        let Some(msg) = bus
            .timed_pop_filtered(gst::ClockTime::from_mseconds(200), &[gst::MessageType::Eos, gst::MessageType::Error])
        else {
            continue;
        };
        return match msg.view() {
            gst::MessageView::Error(e) => Err(pipeline::classify(path, e)),
            _ => Ok(()),
        };
    }
    Err(pipeline::timeout(path, "finishing the file"))
}
