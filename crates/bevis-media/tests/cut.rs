//! Lossless cuts judged by ffprobe: every video packet's payload hash in the cut
//! equals the source's, over a run of the source's packets that starts at a
//! keyframe at or before `in` and holds every frame up to the first at or after
//! `out` — on H.264 MP4, H.265 MKV (with B-frames), MPEG-4 AVI and MPEG-TS.

mod common;
use bevis_media::cut;
use bevis_media::synth::{Codec, Spec};
use common::clip;
use std::path::Path;
use std::process::Command;

/// `(pts seconds, keyframe, sha256 of the payload)` of every video packet, in decoding order.
fn packets(path: &Path) -> Vec<(f64, bool, String)> {
    let out = Command::new("ffprobe")
        .args(["-v", "error", "-select_streams", "v:0", "-show_packets", "-show_data_hash", "sha256"])
        .args(["-show_entries", "packet=pts_time,flags,data_hash", "-of", "json"])
        .arg(path)
        .output()
        .expect("ffprobe is installed (scripts/setup.sh)");
    assert!(out.status.success(), "ffprobe failed: {}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = |p: &serde_json::Value, k: &str| p[k].as_str().unwrap_or_default().to_string();
    json["packets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (text(p, "pts_time").parse().unwrap_or(f64::NAN), text(p, "flags").starts_with('K'), text(p, "data_hash"))
        })
        .collect()
}

fn check(codec: Codec, name: &str, (from, to): (f64, f64)) {
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec { gop: 25, ..Spec::new(320, 240, 25, 6, codec) };
    let src = clip(dir.path(), name, &spec);
    let info = bevis_media::timeline::probe(&src).unwrap();
    let mut bytes = Vec::new();
    let report = cut::cut(&src, &info.container, (from, to), &mut bytes, || true).unwrap();
    let out = dir.path().join(format!("cut.{}", report.extension));
    std::fs::write(&out, &bytes).unwrap();
    let (source, cut) = (packets(&src), packets(&out));
    let t0 = source.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let hashes: Vec<&str> = source.iter().map(|p| p.2.as_str()).collect();
    let start = hashes.iter().position(|h| *h == cut[0].2).expect("the cut's first packet is a source packet");
    let run = &source[start..start + cut.len()];
    let same: Vec<bool> = run.iter().zip(&cut).map(|(a, b)| a.2 == b.2).collect();
    assert!(same.iter().all(|s| *s), "{name}: packet payloads differ from the source's: {same:?}");
    assert!(run[0].1 && run[0].0 - t0 <= from + 1e-3, "{name}: starts at a keyframe at or before {from}: {:?}", run[0]);
    let target = source.iter().map(|p| p.0 - t0).filter(|t| *t >= to - 1e-3).fold(f64::INFINITY, f64::min);
    let wanted = source.iter().filter(|p| p.0 - t0 >= run[0].0 - t0 - 1e-6 && p.0 - t0 <= target + 1e-6);
    let missing: Vec<f64> = wanted.filter(|p| !cut.iter().any(|c| c.2 == p.2)).map(|p| p.0).collect();
    assert!(missing.is_empty(), "{name}: frames up to the first at or after {to} are missing: {missing:?}");
    assert_eq!(report.packets as usize, cut.len(), "{name}");
}

#[test]
fn an_h264_mp4_cut_keeps_every_packet_byte_for_byte() {
    check(Codec::H264Mp4, "a.mp4", (2.3, 4.1));
}

#[test]
fn an_h265_mkv_cut_with_b_frames_keeps_every_packet() {
    check(Codec::H265Mkv, "a.mkv", (1.5, 3.3));
}

#[test]
fn an_mpeg4_avi_cut_keeps_every_packet_in_matroska() {
    check(Codec::Mpeg4Avi, "a.avi", (2.0, 2.6));
}

#[test]
fn an_mpeg_ts_cut_keeps_every_packet() {
    check(Codec::H264Ts, "a.ts", (2.2, 3.0));
}

#[test]
fn a_file_without_video_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("notes.mp4");
    std::fs::write(&bad, b"not a video at all").unwrap();
    let err = cut::cut(&bad, "MP4", (0.0, 1.0), &mut Vec::new(), || true).unwrap_err();
    assert!(!err.to_string().is_empty());
}
