//! What a file is, before anyone looks at a single frame of it.
//!
//! Probing demuxes and parses but does not decode (`typefind ! parsebin`): it is
//! fast, it names codecs for which no decoder exists, and it lets us refuse absurd
//! headers (a 100000×100000 frame) before a decoder tries to allocate them.
//!
//! ```text
//! filesrc ─ typefind ─ parsebin ─┬─ queue ─ fakesink   (video)
//!                                └─ queue ─ fakesink   (audio, …)
//! ```

use crate::error::{MediaError, Result};
use crate::names::{self, StartSource, StartTime};
use crate::pipeline::{self, Guard, make};
use gstreamer as gst;
use gstreamer::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Largest frame side Bevis accepts (8K).
pub const MAX_SIDE: i32 = 8192;

/// An exact frame rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Rate {
    pub num: i32,
    pub den: i32,
}

impl Rate {
    pub fn fps(&self) -> f64 {
        if self.num > 0 && self.den > 0 { self.num as f64 / self.den as f64 } else { 0.0 }
    }
    /// Duration of one frame in seconds (1/25 s when the rate is unknown).
    pub fn frame_secs(&self) -> f64 {
        if self.fps() > 0.0 { 1.0 / self.fps() } else { 0.04 }
    }
}

/// What one file holds.
#[derive(Debug, Clone, Serialize)]
pub struct FileInfo {
    pub path: PathBuf,
    pub container: String,
    pub codec: String,
    pub width: u32,
    pub height: u32,
    pub rate: Rate,
    /// Seconds.
    pub duration: f64,
    /// Frames actually present in the file (counted by a demux pass).
    pub frames: Option<u64>,
    pub audio: bool,
    pub start: Option<StartTime>,
}

#[derive(Default)]
struct Found {
    pads: Vec<gst::Pad>,
}

/// Probes one file.
pub fn probe_file(path: &Path) -> Result<FileInfo> {
    pipeline::init()?;
    let meta = std::fs::metadata(path).map_err(|source| MediaError::Io { path: path.into(), source })?;
    if !meta.is_file() {
        return Err(MediaError::NotVideo { path: path.into(), detail: "not a regular file".into() });
    }
    if meta.len() == 0 {
        return Err(MediaError::Empty { path: path.into() });
    }
    let (pipe, found) = opened(path)?;
    let streams = found.lock().expect("probe state").streams();
    let container = pipe.by_name("typefind").and_then(|t| t.property::<Option<gst::Caps>>("caps"));
    let datetime = container_datetime(&pipe);
    let duration = pipe.query_duration::<gst::ClockTime>().map(pipeline::secs).unwrap_or(0.0);
    drop(pipe);
    let mut info = describe(path, (container, streams), duration, datetime)?;
    check_packets(&mut info)?;
    Ok(info)
}

/// The first try at opening a file gets this long; a second one gets the full stall time.
const FIRST_TRY: std::time::Duration = std::time::Duration::from_secs(3);

/// The probing pipeline, prerolled. Tried twice: parsebin now and then drops the
/// error a demuxer posts while it is still being plugged in (seen about once in a
/// hundred opens of a truncated MP4 under load: qtdemux reports "no playable
/// streams" and the pipeline waits forever), and on a second open the error comes
/// through — so a damaged file is named as such instead of timing out.
fn opened(path: &Path) -> Result<(Guard, Arc<Mutex<Found>>)> {
    let first =
        build(path).and_then(|(pipe, found)| pipeline::preroll_within(&pipe, path, FIRST_TRY).map(|_| (pipe, found)));
    match first {
        Err(MediaError::Timeout { .. }) => {
            tracing::debug!("{}: no answer within {FIRST_TRY:?}, opening it again", path.display());
            let (pipe, found) = build(path)?;
            pipeline::preroll(&pipe, path)?;
            Ok((pipe, found))
        }
        other => other,
    }
}

/// Counts the frames actually present and refuses files that hold far fewer than
/// their header announces (truncated copies, sparse or damaged indexes).
fn check_packets(info: &mut FileInfo) -> Result<()> {
    let packets = crate::packets::scan(&info.path)?;
    let count = packets.len() as u64;
    let corrupt = |detail: String| Err(MediaError::Corrupt { path: info.path.clone(), detail });
    if count == 0 {
        return corrupt("it contains no video frames".into());
    }
    let last = packets.iter().map(|p| p.t).fold(0.0, f64::max) + info.rate.frame_secs();
    if let Some(nominal) = info.frames.filter(|&n| count * 10 < n * 9) {
        return corrupt(format!("only {count} of the {nominal} frames its header announces are present"));
    }
    if info.duration > 0.0 && last < info.duration - 1.0 {
        return corrupt(format!("only {last:.1} s of the {:.1} s its header announces can be read", info.duration));
    }
    if info.duration <= 0.0 {
        info.duration = last;
    }
    info.frames = Some(count);
    Ok(())
}

impl Found {
    fn streams(&self) -> Vec<gst::Caps> {
        self.pads.iter().filter_map(|p| p.current_caps()).collect()
    }
}

fn build(path: &Path) -> Result<(Guard, Arc<Mutex<Found>>)> {
    let pipe = Guard(gst::Pipeline::new());
    let src = make("filesrc")?;
    src.set_property("location", path.to_string_lossy().as_ref());
    let typefind = make("typefind")?;
    typefind.set_property("name", "typefind");
    let parse = make("parsebin")?;
    pipe.add_many([&src, &typefind, &parse])?;
    gst::Element::link_many([&src, &typefind, &parse])?;
    let found = Arc::new(Mutex::new(Found::default()));
    let f = found.clone();
    let weak = pipe.downgrade();
    parse.connect_pad_added(move |_, pad| {
        let Some(pipe) = weak.upgrade() else { return };
        // A queue per stream: one streaming thread feeds all pads, and a sink
        // blocked in preroll must not starve the others.
        let (Ok(queue), Ok(sink)) = (make("queue"), make("fakesink")) else { return };
        sink.set_property("sync", false);
        if pipe.add_many([&queue, &sink]).is_ok() && queue.link(&sink).is_ok() {
            let _ = queue.sync_state_with_parent().and(sink.sync_state_with_parent());
            let _ = pad.link(&queue.static_pad("sink").expect("queue has a sink pad"));
        }
        f.lock().expect("probe state").pads.push(pad.clone());
    });
    Ok((pipe, found))
}

fn container_datetime(pipe: &gst::Pipeline) -> Option<gst::DateTime> {
    let bus = pipe.bus()?;
    let mut found = None;
    while let Some(msg) = bus.pop_filtered(&[gst::MessageType::Tag]) {
        if let gst::MessageView::Tag(tag) = msg.view()
            && let Some(dt) = tag.tags().get::<gst::tags::DateTime>()
        {
            found = Some(dt.get());
        }
    }
    found
}

fn describe(
    path: &Path,
    (container, streams): (Option<gst::Caps>, Vec<gst::Caps>),
    duration: f64,
    datetime: Option<gst::DateTime>,
) -> Result<FileInfo> {
    let is_video =
        |c: &&gst::Caps| c.structure(0).is_some_and(|s| s.name().starts_with("video/") || s.name() == "image/jpeg");
    let audio = streams.iter().any(|c| c.structure(0).is_some_and(|s| s.name().starts_with("audio/")));
    let caps = streams.iter().find(is_video).ok_or_else(|| MediaError::NoVideo { path: path.into() })?;
    let s = caps.structure(0).expect("checked above");
    let codec = codec_name(s);
    let (width, height) = (s.get::<i32>("width").unwrap_or(0), s.get::<i32>("height").unwrap_or(0));
    if !has_decoder(caps) {
        return Err(MediaError::UnsupportedCodec { path: path.into(), codec });
    }
    if !(1..=MAX_SIDE).contains(&width) || !(1..=MAX_SIDE).contains(&height) {
        return Err(MediaError::AbsurdSize { path: path.into(), width, height });
    }
    let rate = s.get::<gst::Fraction>("framerate").map(|f| Rate { num: f.numer(), den: f.denom() });
    let rate = rate.unwrap_or(Rate { num: 0, den: 1 });
    let frames = (rate.fps() > 0.0 && duration > 0.0).then(|| (duration * rate.fps()).round() as u64);
    let start = names::start_from_name(path).or_else(|| {
        let at = datetime.and_then(|d| d.to_g_date_time().ok()).and_then(|g| g.format("%Y-%m-%dT%H:%M:%S").ok())?;
        let at = chrono::NaiveDateTime::parse_from_str(&at, "%Y-%m-%dT%H:%M:%S").ok()?;
        Some(StartTime { at, from: StartSource::Container })
    });
    Ok(FileInfo {
        path: path.into(),
        container: container.as_ref().map_or_else(|| "unknown".into(), container_name),
        codec,
        width: width as u32,
        height: height as u32,
        rate,
        duration,
        frames,
        audio,
        start,
    })
}

fn has_decoder(caps: &gst::Caps) -> bool {
    let decoders = gst::ElementFactory::factories_with_type(gst::ElementFactoryType::DECODER, gst::Rank::MARGINAL);
    decoders.iter().any(|f| f.can_sink_all_caps(caps))
}

fn codec_name(s: &gst::StructureRef) -> String {
    match s.name().as_str() {
        "video/x-h264" => "H.264".into(),
        "video/x-h265" => "H.265".into(),
        "image/jpeg" => "MJPEG".into(),
        "video/mpeg" => match s.get::<i32>("mpegversion") {
            Ok(4) => "MPEG-4 Part 2".into(),
            Ok(v) => format!("MPEG-{v}"),
            Err(_) => "MPEG".into(),
        },
        "video/x-divx" | "video/x-xvid" => "MPEG-4 Part 2 (DivX/Xvid)".into(),
        "video/x-msmpeg" => format!("MS-MPEG4 v{}", s.get::<i32>("msmpegversion").unwrap_or(0) % 10),
        other => other.trim_start_matches("video/x-").trim_start_matches("video/").to_uppercase(),
    }
}

fn container_name(caps: &gst::Caps) -> String {
    let Some(s) = caps.structure(0) else { return "unknown".into() };
    match s.name().as_str() {
        "video/quicktime" => match s.get::<&str>("variant") {
            Ok("apple") => "MOV".into(),
            _ => "MP4".into(),
        },
        "video/x-matroska" => "Matroska".into(),
        "video/webm" => "WebM".into(),
        "video/x-msvideo" => "AVI".into(),
        "video/mpegts" => "MPEG-TS".into(),
        other => other.to_string(),
    }
}
