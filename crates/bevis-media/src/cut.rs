//! Lossless cut: the recorder's own packets for a stretch of one file,
//! stream-copied into a container of the same family, never decoded.
//!
//! ```text
//! filesrc ─ parsebin (demuxer only) ─ appsink   (seek: keyframe at or before `from`)
//!                         │ packets, unchanged
//! appsrc ─ mp4mux | matroskamux | mpegtsmux ─ appsink ─► writer
//! ```
//!
//! Police guidance wants the recorder's own format as the master exhibit; a
//! re-encode loses quality and metadata. Two pipelines rather than one because a
//! muxer that has started writing cannot be flushed by a seek: the reader seeks,
//! the writer only ever sees the packets of the cut. Only the video stream is
//! copied. AVI needs a seekable output for its index, so AVI sources are cut into
//! Matroska, which carries the same packets.

use crate::error::{MediaError, Result};
use crate::pipeline::{self, Guard, make};
use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_app as gst_app;
use std::io::Write;
use std::path::Path;

/// What a cut wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct CutReport {
    /// File name extension of the container written (`mp4`, `mkv`, `ts`).
    pub extension: &'static str,
    pub packets: u64,
    pub bytes: u64,
    /// Seconds of the source (from its first packet) that the cut covers:
    /// the keyframe at or before `from` to the first frame at or after `to`.
    pub from: f64,
    pub to: f64,
}

/// The container a cut of a file in `container` (as [`crate::probe`] names it) is written in.
pub fn extension_for(container: &str) -> &'static str {
    match container {
        "MP4" | "MOV" => "mp4",
        "MPEG-TS" => "ts",
        _ => "mkv",
    }
}

/// Time an aggregating muxer may queue per input: with none (the default when
/// not live) its input thread and its own thread hand over every packet, six
/// futex calls each — for a cut that was ten times the muxing itself.
const QUEUE_NS: u64 = 2_000_000_000;

fn muxer(extension: &str) -> Result<gst::Element> {
    let mux = match extension {
        "mp4" => {
            let m = make("mp4mux")?;
            m.set_property("fragment-duration", 1000u32);
            m.set_property("streamable", true);
            m.set_property("latency", QUEUE_NS);
            m
        }
        "ts" => {
            let m = make("mpegtsmux")?;
            m.set_property("latency", QUEUE_NS);
            m
        }
        _ => {
            let m = make("matroskamux")?;
            m.set_property("streamable", true);
            m
        }
    };
    Ok(mux)
}

/// Reader half: the file's video packets from a keyframe on.
struct Reader {
    pipe: Guard,
    sink: gst_app::AppSink,
    t0: gst::ClockTime,
}

/// A video elementary stream (not a container, whose caps are `video/…` too).
fn is_video(caps: &gst::Caps) -> bool {
    const CONTAINERS: [&str; 7] = [
        "video/quicktime",
        "video/x-matroska",
        "video/webm",
        "video/x-msvideo",
        "video/mpegts",
        "video/x-flv",
        "video/x-ms-asf",
    ];
    caps.structure(0).is_some_and(|s| {
        let system = s.get::<bool>("systemstream").unwrap_or(false);
        (s.name().starts_with("video/") || s.name() == "image/jpeg")
            && !system
            && !CONTAINERS.contains(&s.name().as_str())
    })
}

/// The demuxer's caps with `alignment=au` where H.264/H.265 caps leave it
/// out: MPEG-TS demuxing gives one access unit per PES packet, which is what
/// the TS muxer wants to be told.
fn aligned(caps: &gst::CapsRef) -> gst::Caps {
    let mut caps = caps.to_owned();
    if let Some(s) = caps.make_mut().structure_mut(0) {
        let h26x = s.name() == "video/x-h264" || s.name() == "video/x-h265";
        if h26x && !s.has_field("alignment") {
            s.set("alignment", "au");
        }
    }
    caps
}

impl Reader {
    fn open(path: &Path, from: f64) -> Result<Self> {
        pipeline::init()?;
        let pipe = Guard(gst::Pipeline::new());
        let src = make("filesrc")?;
        src.set_property("location", path.to_string_lossy().as_ref());
        let parse = make("parsebin")?;
        let sink = gst_app::AppSink::builder().sync(false).enable_last_sample(false).max_buffers(64).build();
        pipe.add_many([&src, &parse, sink.upcast_ref()])?;
        src.link(&parse)?;
        // The demuxer's own packets: no parser may convert them (H.264/H.265
        // parsers re-box streams and insert parameter sets after a seek).
        parse.connect("autoplug-continue", false, |args| {
            let video = args.get(2).and_then(|v| v.get::<gst::Caps>().ok()).is_some_and(|c| is_video(&c));
            Some((!video).to_value())
        });
        let weak = sink.downgrade();
        parse.connect_pad_added(move |_, pad| {
            let caps = pad.current_caps().unwrap_or_else(|| pad.query_caps(None));
            let Some(sink) = weak.upgrade() else { return };
            let sinkpad = sink.static_pad("sink").expect("appsink has a sink pad");
            if is_video(&caps) && !sinkpad.is_linked() {
                let _ = pad.link(&sinkpad);
            }
        });
        pipeline::preroll(&pipe, path)?;
        let first = sink.pull_preroll().map_err(|_| pipeline::timeout(path, "opening the file"))?;
        let t0 = first.buffer().and_then(|b| b.pts().or(b.dts())).unwrap_or(gst::ClockTime::ZERO);
        if from > 0.0 {
            let flags = gst::SeekFlags::FLUSH | gst::SeekFlags::KEY_UNIT | gst::SeekFlags::SNAP_BEFORE;
            pipe.seek_simple(flags, t0 + pipeline::clock(from)).map_err(|_| MediaError::Corrupt {
                path: path.to_path_buf(),
                detail: format!("cannot seek to {from:.3} s"),
            })?;
        }
        pipe.set_state(gst::State::Playing)?;
        Ok(Reader { pipe, sink, t0 })
    }
}

/// Packets handed to the muxer at a time: one hand-over between threads per
/// batch instead of per packet (which cost more than the muxing itself).
const BATCH: usize = 64;

/// Writer half: packets in, container bytes out.
struct Muxer<'w> {
    pipe: Guard,
    src: gst_app::AppSrc,
    sink: gst_app::AppSink,
    out: &'w mut dyn Write,
    bytes: u64,
    batch: Vec<gst::Buffer>,
}

impl<'w> Muxer<'w> {
    fn start(caps: &gst::Caps, extension: &str, out: &'w mut dyn Write) -> Result<Self> {
        let pipe = Guard(gst::Pipeline::new());
        let src =
            gst_app::AppSrc::builder().caps(caps).format(gst::Format::Time).block(true).max_bytes(8 << 20).build();
        let mux = muxer(extension)?;
        let sink = gst_app::AppSink::builder().sync(false).enable_last_sample(false).build();
        pipe.add_many([src.upcast_ref(), &mux, sink.upcast_ref()])?;
        let template = if extension == "ts" { "sink_%d" } else { "video_%u" };
        let pad = mux.request_pad_simple(template).ok_or(MediaError::MissingElement("a muxer video pad"))?;
        src.static_pad("src")
            .expect("appsrc has a src pad")
            .link(&pad)
            .map_err(|e| MediaError::Pipeline(format!("the {extension} muxer does not take this video: {e:?}")))?;
        mux.link(&sink)?;
        pipe.set_state(gst::State::Playing)?;
        Ok(Muxer { pipe, src, sink, out, bytes: 0, batch: Vec::with_capacity(BATCH) })
    }

    fn push(&mut self, buf: gst::Buffer) -> Result<()> {
        self.batch.push(buf);
        if self.batch.len() >= BATCH { self.hand_over() } else { Ok(()) }
    }

    /// Hands the batch to the muxer and writes what it has made so far.
    fn hand_over(&mut self) -> Result<()> {
        if !self.batch.is_empty() {
            let mut list = gst::BufferList::new_sized(self.batch.len());
            let l = list.get_mut().expect("a new list is writable");
            self.batch.drain(..).for_each(|b| l.add(b));
            let refused = |e| MediaError::Pipeline(format!("the muxer refused a packet: {e:?}"));
            self.src.push_buffer_list(list).map_err(refused)?;
        }
        while let Some(sample) = self.sink.try_pull_sample(gst::ClockTime::ZERO) {
            self.write(&sample)?;
        }
        Ok(())
    }

    fn write(&mut self, sample: &gst::Sample) -> Result<()> {
        self.bytes += pipeline::write_sample(sample, self.out)?;
        Ok(())
    }

    fn finish(mut self) -> Result<u64> {
        self.hand_over()?;
        let _ = self.src.end_of_stream();
        while let Some(sample) = pipeline::pull(&self.sink, &self.pipe, Path::new("muxer"))? {
            self.write(&sample)?;
        }
        self.out.flush().map_err(MediaError::Output)?;
        Ok(self.bytes)
    }
}

/// Where a cut ends. Packets come in decoding order; with B-frames a frame
/// shown before `to` can be decoded after the first frame shown at or after
/// it. The cut runs to the last packet (in decoding order) shown at or before
/// `target`, the earliest frame at or after `to`: packets shown later are held
/// back and written only if such a packet follows them (it may need them), and
/// the cut ends after [`REORDER`] held packets in a row.
#[derive(Default)]
struct End {
    target: Option<f64>,
    held: Vec<gst::Buffer>,
}

/// More consecutive frames than any encoder reorders.
const REORDER: usize = 32;

impl End {
    /// The packets to write now, or `None` when the cut is complete.
    fn take(&mut self, t: f64, to: f64, buf: gst::Buffer) -> Option<Vec<gst::Buffer>> {
        if t >= to - 1e-3 && self.target.is_none_or(|x| t < x) {
            self.target = Some(t);
        }
        if self.target.is_some_and(|x| t > x + 1e-6) {
            self.held.push(buf);
            return (self.held.len() < REORDER).then(Vec::new);
        }
        let mut out = std::mem::take(&mut self.held);
        out.push(buf);
        Some(out)
    }
}

/// Copies the video packets of `path` from the keyframe at or before `from` to
/// the first frame at or after `to` (seconds from the file's first packet; see
/// [`End`]) into `out`, in a container of `extension_for(container)`.
/// `keep_going` is asked after every packet; returning `false` cancels.
pub fn cut(
    path: &Path,
    container: &str,
    (from, to): (f64, f64),
    out: &mut dyn Write,
    mut keep_going: impl FnMut() -> bool,
) -> Result<CutReport> {
    let extension = extension_for(container);
    let reader = Reader::open(path, from)?;
    let (mut muxer, mut out): (Option<Muxer>, _) = (None, Some(out));
    let (mut end, mut base, mut packets, mut first, mut last) = (End::default(), None, 0u64, None, 0.0f64);
    while let Some(sample) = pipeline::pull(&reader.sink, &reader.pipe, path)? {
        let Some(buf) = sample.buffer_owned() else { continue };
        let Some(pts) = buf.pts().or(buf.dts()) else { continue };
        let t = pipeline::secs(pts.saturating_sub(reader.t0));
        if muxer.is_none() {
            let caps = sample.caps().ok_or_else(|| MediaError::Pipeline("a packet without caps".into()))?;
            let out = out.take().expect("the muxer starts once");
            muxer = Some(Muxer::start(&aligned(caps), extension, out)?);
        }
        let base = *base.get_or_insert(buf.dts().unwrap_or(pts).min(pts));
        let Some(ready) = end.take(t, to, buf) else { break };
        for buf in ready {
            let shown = buf.pts().or(buf.dts()).map_or(0.0, |p| pipeline::secs(p.saturating_sub(reader.t0)));
            let mut copy = buf.copy();
            let b = copy.make_mut();
            b.set_pts(buf.pts().map(|p| p.saturating_sub(base)));
            b.set_dts(buf.dts().map(|d| d.saturating_sub(base)));
            muxer.as_mut().expect("started above").push(copy)?;
            packets += 1;
            first.get_or_insert(shown);
            last = last.max(shown);
        }
        if !keep_going() {
            return Err(MediaError::Cancelled);
        }
    }
    let muxer = muxer.ok_or_else(|| MediaError::Plan(format!("{} has no video to cut", path.display())))?;
    let bytes = muxer.finish()?;
    Ok(CutReport { extension, packets, bytes, from: first.unwrap_or(from), to: last })
}
