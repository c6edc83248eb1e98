//! Frame stepping on long-GOP footage (CCTV keyframes are often 10–60 s apart):
//! the review screen must give exactly the right frame, in either direction,
//! without decoding from the keyframe again for every step back.

mod common;
use bevis_media::compose::Composer;
use bevis_media::preview::{PreviewFrame, Previewer};
use bevis_media::synth::{self, Codec, Spec};
use bevis_media::{MediaInfo, probe};
use common::*;

/// 12 s of 640×360 at 25 fps with a keyframe every 10 s.
fn long_gop(dir: &std::path::Path, name: &str, first_frame: u32) -> Spec {
    let spec = Spec { gop: 250, first_frame, ..Spec::new(640, 360, 25, 12, Codec::H264Mp4) };
    clip(dir, name, &spec);
    spec
}

fn code(f: &PreviewFrame) -> u32 {
    synth::read_code(|x, y| f.image.luma(x, y), synth::block_size(640))
}

/// A previewer that hides figure 0 of `spec`, so the test also sees the redaction.
fn previewer(info: &MediaInfo, spec: &Spec) -> Previewer {
    let mut p = plan(&info.segments[0].path, 0.0, info.duration, None);
    p.tracks.push(follow(spec, 0, "t"));
    Previewer::new(info.clone(), Composer::from_plan(&p, "s1", None, info).unwrap())
}

#[test]
fn stepping_back_through_a_long_gop_gives_every_frame_without_a_seek_per_step() {
    let dir = tempfile::tempdir().unwrap();
    let spec = long_gop(dir.path(), "long.mp4", 0);
    let info = probe(&dir.path().join("long.mp4")).unwrap();
    let mut pv = previewer(&info, &spec);
    assert_eq!(code(&pv.frame_at(9.6).unwrap()), 240);
    let before = pv.seeks();
    for n in (180..240).rev() {
        let f = pv.prev_frame().unwrap();
        assert_eq!((code(&f), f.index), (n, n as u64), "step back to frame {n}");
        if n % 20 == 0 {
            // The same frame fresh from a new previewer: the same pixels, redaction included.
            let fresh = previewer(&info, &spec).frame_at(f.t).unwrap();
            assert!(fresh.image.data == f.image.data, "frame {n} differs from a fresh decode");
        }
    }
    let seeks = pv.seeks() - before;
    assert!(seeks <= 1, "60 steps back decoded from the keyframe {seeks} times (one window of 100 frames is enough)");
    for n in 181..=245 {
        let f = pv.next_frame().unwrap().unwrap();
        assert_eq!(code(&f), n, "forward again after stepping back");
    }
    assert_eq!(code(&pv.frame_at(4.0).unwrap()), 100, "a jump back lands exactly");
    assert_eq!(code(&pv.frame_at(4.8).unwrap()), 120, "a jump ahead lands exactly");
    assert_eq!(code(&pv.prev_frame().unwrap()), 119);
    assert_eq!(code(&pv.frame_at(4.8).unwrap()), 120, "forward again right after a step back");
}

#[test]
fn stepping_back_over_a_segment_boundary_continues_in_the_earlier_file() {
    let dir = tempfile::tempdir().unwrap();
    long_gop(dir.path(), "c_20261121-124000.mp4", 0);
    long_gop(dir.path(), "c_20261121-124012.mp4", 300);
    let info = probe(dir.path()).unwrap();
    assert_eq!(info.segments.len(), 2);
    let mut pv = Previewer::new(info.clone(), Composer::plain(&info));
    assert_eq!(code(&pv.frame_at(12.08).unwrap()), 302);
    let codes: Vec<u32> = (0..6).map(|_| code(&pv.prev_frame().unwrap())).collect();
    assert_eq!(codes, vec![301, 300, 299, 298, 297, 296]);
    let codes: Vec<u32> = (0..6).map(|_| code(&pv.next_frame().unwrap().unwrap())).collect();
    assert_eq!(codes, vec![297, 298, 299, 300, 301, 302]);
}
