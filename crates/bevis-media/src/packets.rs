//! A demux-only pass over a file's video packets (`filesrc ! parsebin ! appsink`).
//!
//! It reads the whole file at disk speed without decoding, which gives three things
//! cheaply: the exact number of frames, proof that the file holds what its header
//! announces (a truncated or sparse file is caught here), and the compressed size
//! of every frame, from which the activity profile is computed.

use crate::error::Result;
use crate::pipeline::{self, Guard, make};
use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_app as gst_app;
use std::path::Path;

/// One compressed video frame.
#[derive(Debug, Clone, Copy)]
pub struct Packet {
    /// Seconds since the first packet.
    pub t: f64,
    pub bytes: usize,
    /// Inter-coded (depends on other frames); keyframes are `false`.
    pub delta: bool,
}

/// Every video packet of a file, in decoding order, without decoding.
pub fn scan(path: &Path) -> Result<Vec<Packet>> {
    pipeline::init()?;
    let pipe = Guard(gst::Pipeline::new());
    let src = make("filesrc")?;
    src.set_property("location", path.to_string_lossy().as_ref());
    let parse = make("parsebin")?;
    let sink = gst_app::AppSink::builder().sync(false).enable_last_sample(false).max_buffers(64).build();
    pipe.add_many([&src, &parse, sink.upcast_ref()])?;
    src.link(&parse)?;
    let weak = sink.downgrade();
    parse.connect_pad_added(move |_, pad| {
        let caps = pad.current_caps().unwrap_or_else(|| pad.query_caps(None));
        let video = caps.structure(0).map(|s| s.name().starts_with("video/") || s.name() == "image/jpeg");
        let Some(sink) = weak.upgrade() else { return };
        let sinkpad = sink.static_pad("sink").expect("appsink has a sink pad");
        if video.unwrap_or(false) && !sinkpad.is_linked() {
            let _ = pad.link(&sinkpad);
        }
    });
    pipe.set_state(gst::State::Playing)?;
    let mut out = Vec::new();
    let mut t0 = None;
    while let Some(sample) = pipeline::pull(&sink, &pipe, path)? {
        let Some(buf) = sample.buffer() else { continue };
        let Some(t) = buf.pts().or(buf.dts()).map(pipeline::secs) else { continue };
        let t0 = *t0.get_or_insert(t);
        out.push(Packet { t: t - t0, bytes: buf.size(), delta: buf.flags().contains(gst::BufferFlags::DELTA_UNIT) });
    }
    Ok(out)
}
