//! Opening footage: probe facts, segment folders as one timeline, exact preview
//! frames, thumbnails and the activity profile.

mod common;
use bevis_media::compose::Composer;
use bevis_media::preview::Previewer;
use bevis_media::synth::{self, Codec, Spec};
use bevis_media::{overview, probe};
use common::*;
use std::path::Path;

fn segments(dir: &Path, names: &[&str], seconds: u32, figures: &[usize]) {
    std::fs::create_dir_all(dir).unwrap();
    for (i, name) in names.iter().enumerate() {
        let spec = Spec { first_frame: i as u32 * seconds * 25, figures: figures[i], ..small(seconds) };
        clip(dir, name, &spec);
    }
}

#[test]
fn probe_reports_the_facts() {
    let dir = tempfile::tempdir().unwrap();
    let p = clip(dir.path(), "Korridor_2026-11-21_12-40-05.mkv", &Spec::new(320, 240, 15, 2, Codec::H265Mkv));
    let info = probe(&p).unwrap();
    assert_eq!((info.container.as_str(), info.codec.as_str()), ("Matroska", "H.265"));
    assert_eq!((info.width, info.height, info.rate.num, info.rate.den), (320, 240, 15, 1));
    assert_eq!(info.frames, Some(30));
    assert!((info.duration - 2.0).abs() < 0.01);
    assert!(!info.audio);
    assert_eq!(info.start.unwrap().at.to_string(), "2026-11-21 12:40:05");
    let a = clip(dir.path(), "a.mp4", &Spec { audio: true, ..small(1) });
    assert!(probe(&a).unwrap().audio);
}

#[test]
fn real_cctv_footage_opens() {
    let info = probe(Path::new("/usr/share/doc/opencv-doc/examples/data/vtest.avi")).expect("opencv-doc is installed");
    assert_eq!((info.width, info.height, info.frames), (768, 576, Some(795)));
    assert_eq!(info.rate.fps(), 10.0);
}

#[test]
fn segment_folder_is_one_timeline_without_gap_or_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let nvr = dir.path().join("nvr");
    // Name order (a, m, z) is the reverse of time order: the timeline follows the times.
    segments(&nvr, &["z_20261121-124000.mp4", "m_20261121-124002.mp4", "a_20261121-124004.mp4"], 2, &[3, 3, 3]);
    let info = probe(&nvr).unwrap();
    assert_eq!(info.segments.len(), 3);
    assert!(info.segments[0].path.ends_with("z_20261121-124000.mp4"), "sorted by start time");
    assert!((info.duration - 6.0).abs() < 0.01);
    assert_eq!(info.frames, Some(150));
    assert!(info.gaps.is_empty(), "{:?}", info.gaps);
    assert_eq!(info.wall_clock(4.5).unwrap().to_string(), "2026-11-21 12:40:04.500");
    let out = dir.path().join("out.mp4");
    render_to(&plan(&nvr, 1.0, 5.0, None), &out);
    let g = decode_gray(&out);
    let codes: Vec<u32> = (0..g.frames.len()).map(|f| g.code(f)).collect();
    assert_eq!(codes, (25..125).collect::<Vec<_>>());
}

#[test]
fn missing_segment_is_reported_as_a_gap() {
    let dir = tempfile::tempdir().unwrap();
    segments(dir.path(), &["cam1_20261121-124000.mp4", "cam1_20261121-124010.mp4"], 2, &[1, 1]);
    let info = probe(dir.path()).unwrap();
    assert_eq!(info.gaps.len(), 1);
    assert_eq!(info.gaps[0].after, 0);
    assert!((info.gaps[0].seconds - 8.0).abs() < 0.01);
    assert_eq!(info.wall_clock(2.0).unwrap().to_string(), "2026-11-21 12:40:10");
}

#[test]
fn a_wall_clock_moment_maps_back_to_the_frame_at_or_before_it_and_a_gap_to_none() {
    let dir = tempfile::tempdir().unwrap();
    segments(dir.path(), &["cam1_20261121-124000.mp4", "cam1_20261121-124010.mp4"], 2, &[1, 1]);
    let info = probe(dir.path()).unwrap();
    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f").unwrap();
    assert_eq!(info.timeline_at(at("2026-11-21 12:40:00.0")), Some(0.0));
    let t = info.timeline_at(at("2026-11-21 12:40:01.059")).unwrap();
    assert!((t - 1.04).abs() < 1e-6, "the frame at or before: {t}");
    assert_eq!(info.timeline_at(at("2026-11-21 12:40:05.0")), None, "the recorder was off");
    let t = info.timeline_at(at("2026-11-21 12:40:10.53")).unwrap();
    assert!((t - 2.52).abs() < 1e-6, "the second file continues the timeline: {t}");
    assert_eq!(info.timeline_at(at("2026-11-21 12:39:59.9")), None);
    assert_eq!(info.timeline_at(at("2026-11-21 12:40:12.0")), None);
}

#[test]
fn preview_gives_exact_frames_forward_backward_and_across_segments() {
    let dir = tempfile::tempdir().unwrap();
    segments(dir.path(), &["c_20261121-124000.mp4", "c_20261121-124002.mp4"], 2, &[3, 3]);
    let info = probe(dir.path()).unwrap();
    let mut pv = Previewer::new(info.clone(), Composer::plain(&info));
    let code =
        |f: &bevis_media::preview::PreviewFrame| synth::read_code(|x, y| f.image.luma(x, y), synth::block_size(640));
    for (t, n) in [(1.0, 25), (0.52, 13), (3.3, 83), (0.0, 0), (1.98, 50), (2.0, 50), (0.07, 2)] {
        let f = pv.frame_at(t).unwrap();
        assert_eq!((code(&f), f.index), (n, n as u64), "frame at {t}");
    }
    let mut f = pv.frame_at(1.92).unwrap();
    for n in 49..53 {
        f = pv.next_frame().unwrap().unwrap();
        assert_eq!(code(&f), n, "stepping over the segment boundary");
    }
    assert_eq!(code(&f), 52);
    assert_eq!(code(&pv.prev_frame().unwrap()), 51);
    assert_eq!(code(&pv.prev_frame().unwrap()), 50);
    assert_eq!(code(&pv.prev_frame().unwrap()), 49);
}

#[test]
fn preview_with_a_plan_matches_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let spec = small(2);
    let src = clip(dir.path(), "src.mp4", &spec);
    let mut p = plan(&src, 0.0, 2.0, Some(bevis_redact::Rect { x: 40, y: 20, w: 480, h: 300 }));
    p.tracks.push(follow(&spec, 0, "t"));
    let info = probe(&src).unwrap();
    let composer = Composer::from_plan(&p, "s1", p.clips[0].crop, &info).unwrap();
    let frame = Previewer::new(info, composer).frame_at(1.0).unwrap();
    let out = dir.path().join("out.mp4");
    render_to(&p, &out);
    let g = decode_gray(&out);
    assert_eq!((frame.image.width, frame.image.height), (g.width, g.height));
    let preview: Vec<u8> =
        (0..g.height).flat_map(|y| (0..g.width).map(move |x| (x, y))).map(|(x, y)| frame.image.luma(x, y)).collect();
    let diff = mean_abs_diff(&preview, &g.frames[25]);
    assert!(diff < 5.0, "preview and export differ by {diff:.2} on average (more than codec noise)");
    // Inside the track the two agree too, while the unredacted source does not.
    let r = synth::figure_at(&spec, 0, 25);
    let r = bevis_redact::Rect { x: r.x - 40, y: r.y - 20, ..r };
    let (exported, w, _) = g.region(25, r);
    let previewed: Vec<u8> = (r.y..r.bottom())
        .flat_map(|y| (r.x..r.x + w as i64).map(move |x| (x, y)))
        .map(|(x, y)| frame.image.luma(x as usize, y as usize))
        .collect();
    let plain = Previewer::new(
        probe(&src).unwrap(),
        Composer::from_plan(&plan(&src, 0.0, 2.0, p.clips[0].crop), "s1", p.clips[0].crop, &probe(&src).unwrap())
            .unwrap(),
    )
    .frame_at(1.0)
    .unwrap();
    let unredacted: Vec<u8> = (r.y..r.bottom())
        .flat_map(|y| (r.x..r.x + w as i64).map(move |x| (x, y)))
        .map(|(x, y)| plain.image.luma(x as usize, y as usize))
        .collect();
    assert!(mean_abs_diff(&previewed, &exported) < 5.0);
    assert!(mean_abs_diff(&unredacted, &exported) > 20.0, "the track makes a visible difference");
}

#[test]
fn thumbnails_and_activity_describe_the_timeline() {
    let dir = tempfile::tempdir().unwrap();
    segments(dir.path(), &["c_20261121-124000.mp4", "c_20261121-124004.mp4"], 4, &[0, 3]);
    let info = probe(dir.path()).unwrap();
    let thumbs = overview::thumbnails(&info, 2.0, 160, |_| true).unwrap();
    let times: Vec<f64> = thumbs.iter().map(|t| t.t).collect();
    assert_eq!(times, vec![0.0, 2.0, 4.0, 6.0], "GOP is 2 s, so keyframes sit on the points");
    assert_eq!((thumbs[0].image.width, thumbs[0].image.height), (160, 90));
    let act = overview::activity(&info).unwrap();
    assert_eq!(act.per_second.len(), 8);
    assert_eq!(act.method, "bitstream");
    let (still, moving) = (&act.per_second[..4], &act.per_second[4..]);
    let max_still = still.iter().copied().fold(0.0, f32::max);
    // Once seen failing under load (still[0] = 0.78); say what the scan saw if it does again.
    let packets = |i: usize| {
        let p = bevis_media::packets::scan(&info.segments[i].path).unwrap();
        let keys: Vec<f64> = p.iter().filter(|p| !p.delta).map(|p| p.t).collect();
        let bytes: Vec<usize> = p.iter().map(|p| p.bytes).collect();
        format!("segment {i}: {} packets, keyframes at {keys:?}, bytes {bytes:?}", p.len())
    };
    assert!(
        moving.iter().all(|&m| m > max_still + 0.3),
        "still {still:?} vs moving {moving:?}\n{}\n{}",
        packets(0),
        packets(1)
    );
}

#[test]
fn synthetic_footage_encodes_the_same_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec { figures: 0, ..small(2) };
    // Packet sizes, not file bytes: the MP4 header carries the second it was written.
    let sizes = |i: usize| -> Vec<usize> {
        let p = clip(dir.path(), &format!("{i}.mp4"), &spec);
        bevis_media::packets::scan(&p).unwrap().iter().map(|p| p.bytes).collect()
    };
    let (a, b, c) = (sizes(0), sizes(1), sizes(2));
    assert!(a == b && b == c, "the encoder's output must not depend on timing:\n{a:?}\n{b:?}\n{c:?}");
}

#[test]
fn intra_only_footage_gets_a_pixel_activity_profile() {
    let dir = tempfile::tempdir().unwrap();
    let p = clip(dir.path(), "m.avi", &Spec::new(320, 240, 10, 3, Codec::MjpegAvi));
    let act = overview::activity(&probe(&p).unwrap()).unwrap();
    assert_eq!((act.method, act.per_second.len()), ("pixels", 3));
    assert!(act.per_second.iter().any(|&v| v > 0.5));
}

#[test]
fn the_caption_shows_real_time_with_its_utc_offset_and_says_it_was_corrected() {
    use bevis_media::caption::Caption;
    use bevis_media::clock::{Zoned, zone};
    let dir = tempfile::tempdir().unwrap();
    let src = common::clip(dir.path(), "c.mp4", &common::small(2));
    let info = bevis_media::timeline::probe(&src).unwrap().with_entered_start(Some("2026-11-21T12:40:00")).unwrap();
    let tz = zone("Europe/Stockholm").unwrap();
    let plain = Caption { camera: Some("Entré".into()), clock: Some(Zoned::new(&info, tz, 0.0)) };
    assert_eq!(plain.text(1.0), "Entré  2026-11-21 12:40:01 +01:00");
    let fast = Caption { camera: None, clock: Some(Zoned::new(&info, tz, 67.0)) };
    assert_eq!(fast.text(1.0), "2026-11-21 12:38:54 +01:00 korr.", "recorder time − 67 s, marked corrected");
    let slow = Caption { camera: None, clock: Some(Zoned::new(&info, tz, -3600.0)) };
    assert_eq!(slow.text(0.0), "2026-11-21 13:40:00 +01:00 korr.");
}
