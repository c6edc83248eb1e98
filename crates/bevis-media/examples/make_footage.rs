//! Writes the test and demo footage set (see README, "Test footage").
//!
//! `cargo run --release -p bevis-media --example make_footage -- DIR [--long]`
//! Everything is synthetic except vtest.avi/tree.avi, which come from Debian's
//! opencv-doc package and are linked in. `--long` adds the 1-hour benchmark files.

use bevis_media::synth::{self, Codec, Spec};
use gstreamer::prelude::*;
use std::path::Path;

fn make(dir: &Path, name: &str, spec: Spec) -> Result<(), Box<dyn std::error::Error>> {
    let path = dir.join(name);
    if path.exists() {
        return Ok(());
    }
    let tmp = dir.join(format!(".{name}.tmp"));
    synth::write(&tmp, &spec)?;
    std::fs::rename(&tmp, &path)?;
    eprintln!("made {}", path.display());
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().ok_or("usage: make_footage DIR [--long]")?);
    let long = args.any(|a| a == "--long");
    std::fs::create_dir_all(dir.join("nvr-cam1"))?;
    for name in ["vtest.avi", "tree.avi"] {
        let src = Path::new("/usr/share/doc/opencv-doc/examples/data").join(name);
        let dst = dir.join(name);
        if src.exists() && !dst.exists() {
            std::os::unix::fs::symlink(&src, &dst)?;
        }
    }
    make(&dir, "h264-1080p25.mp4", Spec::new(1920, 1080, 25, 10, Codec::H264Mp4))?;
    make(&dir, "h264-720p25.mp4", Spec::new(1280, 720, 25, 10, Codec::H264Mp4))?;
    make(&dir, "h265-640x360.mkv", Spec::new(640, 360, 25, 5, Codec::H265Mkv))?;
    make(&dir, "mjpeg-640x480.avi", Spec::new(640, 480, 15, 5, Codec::MjpegAvi))?;
    make(&dir, "odd-1918x1078.mp4", Spec::new(1918, 1078, 25, 3, Codec::H264Mp4))?;
    make(&dir, "sd-4x3-768x576.mp4", Spec::new(768, 576, 25, 5, Codec::H264Mp4))?;
    make(&dir, "h264-ts-640x360.ts", Spec::new(640, 360, 25, 5, Codec::H264Ts))?;
    make(&dir, "with-audio.mp4", Spec { audio: true, ..Spec::new(640, 360, 25, 5, Codec::H264Mp4) })?;
    for (i, minute) in ["124000", "124100", "124200"].iter().enumerate() {
        let spec = Spec { first_frame: i as u32 * 1500, ..Spec::new(640, 360, 25, 60, Codec::H264Mp4) };
        make(&dir.join("nvr-cam1"), &format!("cam1_20261121-{minute}.mp4"), spec)?;
    }
    // One incident, two cameras (the e2e's grid): the same frame numbers at the
    // same real moment once camera B's recorder, 67 s fast, is corrected.
    make(&dir, "cam-korridor.mp4", Spec { gop: 10, ..Spec::new(320, 180, 10, 30, Codec::H264Mp4) })?;
    let entre = Spec { first_frame: 50, gop: 10, ..Spec::new(320, 180, 10, 30, Codec::H264Mp4) };
    make(&dir, "cam-entre.mp4", entre)?;
    if long {
        make(&dir, "bench-1080p-60s.mp4", Spec::new(1920, 1080, 25, 60, Codec::H264Mp4))?;
        make(&dir, "bench-720p-60s.mp4", Spec::new(1280, 720, 25, 60, Codec::H264Mp4))?;
        repeat(&dir, "bench-720p-60s.mp4", 60, "long-720p-1h.mp4")?;
    }
    Ok(())
}

/// Joins `times` copies of a clip into one file without re-encoding (one hour of
/// 720p would take a quarter of an hour to draw and encode on two cores).
fn repeat(dir: &Path, part: &str, times: usize, name: &str) -> Result<(), Box<dyn std::error::Error>> {
    let out = dir.join(name);
    if out.exists() {
        return Ok(());
    }
    let parts = dir.join(".parts");
    let _ = std::fs::remove_dir_all(&parts);
    std::fs::create_dir_all(&parts)?;
    for i in 0..times {
        std::os::unix::fs::symlink(std::fs::canonicalize(dir.join(part))?, parts.join(format!("part{i:03}.mp4")))?;
    }
    let tmp = dir.join(format!(".{name}.tmp"));
    let desc = format!(
        "splitmuxsrc location=\"{}/part*.mp4\" ! queue ! mux.video_0 mp4mux name=mux ! filesink location=\"{}\"",
        parts.display(),
        tmp.display()
    );
    bevis_media::pipeline::init()?;
    let pipe = gstreamer::parse::launch(&desc)?.downcast::<gstreamer::Pipeline>().map_err(|_| "not a pipeline")?;
    let pipe = bevis_media::pipeline::Guard(pipe);
    pipe.set_state(gstreamer::State::Playing)?;
    synth::wait_eos(&pipe, &out, std::time::Duration::from_secs(1800))?;
    std::fs::rename(&tmp, &out)?;
    std::fs::remove_dir_all(&parts)?;
    eprintln!("made {}", out.display());
    Ok(())
}
