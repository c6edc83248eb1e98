//! Renders judged by ffprobe/ffmpeg: frame counts, exact trims, crop sizes, and the
//! pixels inside and outside redactions.

mod common;
use bevis_media::synth::{self, Codec, Spec};
use bevis_media::{MediaError, render};
use bevis_redact::{Keyframe, Mode, Rect, Style};
use common::*;

#[test]
fn render_has_exact_frames_duration_and_codec() {
    let dir = tempfile::tempdir().unwrap();
    let src = clip(dir.path(), "src.mp4", &small(4));
    let out = dir.path().join("out.mp4");
    let report = render_to(&plan(&src, 1.0, 3.0, None), &out);
    assert_eq!(report.frames, 50);
    let (frames, w, h, codec, duration) = ffprobe(&out);
    assert_eq!((frames, w, h, codec.as_str()), (50, 640, 360, "h264"));
    assert!((duration - 2.0).abs() < 0.05, "duration {duration}");
    assert_eq!(report.bytes, std::fs::metadata(&out).unwrap().len());
}

#[test]
fn trim_keeps_exactly_the_frames_in_range() {
    let dir = tempfile::tempdir().unwrap();
    let src = clip(dir.path(), "src.mp4", &small(4));
    let out = dir.path().join("out.mp4");
    // 1.0 s = frame 25; 2.52 s = frame 63 (exclusive). Off-grid values round to the nearest frame.
    render_to(&plan(&src, 1.0, 2.52, None), &out);
    let gray = decode_gray(&out);
    let codes: Vec<u32> = (0..gray.frames.len()).map(|f| gray.code(f)).collect();
    assert_eq!(codes, (25..63).collect::<Vec<_>>());
    render_to(&plan(&src, 0.03, 0.2, None), &out);
    let gray = decode_gray(&out);
    assert_eq!((0..gray.frames.len()).map(|f| gray.code(f)).collect::<Vec<_>>(), (1..5).collect::<Vec<_>>());
}

#[test]
fn crop_gives_the_exact_size_and_the_right_pixels() {
    let dir = tempfile::tempdir().unwrap();
    let spec = small(2);
    let src = clip(dir.path(), "src.mp4", &spec);
    let out = dir.path().join("out.mp4");
    let report = render_to(&plan(&src, 0.0, 1.0, Some(Rect { x: 0, y: 0, w: 400, h: 300 })), &out);
    assert_eq!((report.width, report.height), (400, 300));
    let (_, w, h, _, _) = ffprobe(&out);
    assert_eq!((w, h), (400, 300));
    // The frame code sits in the top-left corner and survives a crop anchored there.
    assert_eq!(decode_gray(&out).code_of(7, 640), 7);
    // Odd coordinates are aligned outward to the chroma grid.
    let report = render_to(&plan(&src, 0.0, 1.0, Some(Rect { x: 101, y: 51, w: 301, h: 201 })), &out);
    let (_, w, h, _, _) = ffprobe(&out);
    assert_eq!((w as usize, h as usize), (report.width, report.height));
    assert_eq!((w, h), (302, 202));
}

#[test]
fn blur_track_hides_the_figure_and_leaves_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let spec = small(3);
    let src = clip(dir.path(), "src.mp4", &spec);
    let out = dir.path().join("out.mp4");
    let mut p = plan(&src, 1.0, 2.0, None);
    p.tracks.push(follow(&spec, 0, "t1"));
    render_to(&p, &out);
    let (before, after) = (decode_gray(&src), decode_gray(&out));
    assert_eq!(after.frames.len(), 25);
    for f in [0, 12, 24] {
        let n = after.code(f) as usize;
        assert_eq!(n, 25 + f);
        let r = synth::figure_at(&spec, 0, n as u32);
        let (a, w, h) = after.region(f, r);
        let (b, _, _) = before.region(n, r);
        let (va, vb) = (laplacian_var(&a, w, h), laplacian_var(&b, w, h));
        assert!(va < vb * 0.1, "frame {n}: Laplacian variance {vb:.0} -> {va:.0}, not low-passed enough");
        assert!(mean_abs_diff(&a, &b) > 20.0, "frame {n}: the figure's pixels must change");
        let margin = Rect { x: r.x - 16, y: r.y - 16, w: r.w + 32, h: r.h + 32 };
        let outside = |x: i64, y: i64| !(x >= margin.x && x < margin.right() && y >= margin.y && y < margin.bottom());
        let (mut diff, mut count) = (0.0, 0.0);
        for y in 0..after.height as i64 {
            for x in (0..after.width as i64).filter(|&x| outside(x, y)) {
                diff += after.px(f, x as usize, y as usize).abs_diff(before.px(n, x as usize, y as usize)) as f64;
                count += 1.0;
            }
        }
        assert!(diff / count < 4.0, "frame {n}: outside the track differs by {:.2} on average", diff / count);
    }
}

#[test]
fn keyframes_are_interpolated_in_the_render() {
    let dir = tempfile::tempdir().unwrap();
    let src = clip(dir.path(), "src.mp4", &Spec { figures: 0, ..small(3) });
    let out = dir.path().join("out.mp4");
    let mut p = plan(&src, 0.0, 2.0, None);
    let mut t = follow(&small(3), 0, "box");
    t.style = Style::Solid;
    t.keyframes = vec![
        Keyframe { t: 0.0, x: 100.0, y: 100.0, w: 40.0, h: 40.0 },
        Keyframe { t: 2.0, x: 500.0, y: 200.0, w: 40.0, h: 40.0 },
    ];
    p.tracks.push(t);
    render_to(&p, &out);
    let g = decode_gray(&out);
    // Frame 25 (t = 1.0): halfway, the box is at (300, 150).
    assert!(g.px(25, 320, 170) < 30, "interpolated box is black");
    assert!(g.px(25, 120, 120) > 40, "start position is free again");
    assert!(g.px(0, 120, 120) < 30 && g.px(0, 320, 170) > 40, "first frame: box at the first keyframe");
}

#[test]
fn keep_visible_keeps_the_subject_sharp_and_blurs_everyone_else() {
    let dir = tempfile::tempdir().unwrap();
    let spec = small(2);
    let src = clip(dir.path(), "src.mp4", &spec);
    let out = dir.path().join("out.mp4");
    let mut p = plan(&src, 0.0, 1.0, None);
    p.mode = Mode::KeepVisible;
    let mut subject = follow(&spec, 1, "subject");
    subject.keep = true;
    p.tracks.push(subject);
    render_to(&p, &out);
    let (before, after) = (decode_gray(&src), decode_gray(&out));
    let f = 10;
    let var = |g: &common::Gray, n, r| {
        let (v, w, h) = g.region(n, r);
        laplacian_var(&v, w, h)
    };
    let kept = synth::figure_at(&spec, 1, f as u32);
    let inner = Rect { x: kept.x + 2, y: kept.y + 2, w: kept.w - 4, h: kept.h - 4 };
    assert!(var(&after, f, inner) > var(&before, f, inner) * 0.5, "the subject stays sharp");
    for k in [0, 2] {
        let r = synth::figure_at(&spec, k, f as u32);
        if r.x.abs_diff(kept.x) > kept.w as u64 {
            assert!(var(&after, f, r) < var(&before, f, r) * 0.1, "figure {k} is blurred");
        }
    }
    let corner = Rect { x: 500, y: 300, w: 100, h: 50 };
    assert!(var(&after, f, corner) < var(&before, f, corner) * 0.1, "the background is blurred too");
}

#[test]
fn returning_false_from_progress_cancels() {
    let dir = tempfile::tempdir().unwrap();
    let src = clip(dir.path(), "src.mp4", &small(4));
    let mut sink = Vec::new();
    let mut seen = 0;
    let result = render::render(&plan(&src, 0.0, 4.0, None), 0, &mut sink, &Default::default(), |p| {
        seen = p.done;
        assert_eq!(p.total, 100);
        p.done < 10
    });
    assert!(matches!(result, Err(MediaError::Cancelled)), "{:?}", result.err());
    assert_eq!(seen, 10);
}

#[test]
fn other_codecs_and_sizes_render() {
    let dir = tempfile::tempdir().unwrap();
    for (name, spec) in [
        ("a.mkv", Spec::new(640, 360, 25, 2, Codec::H265Mkv)),
        ("b.avi", Spec::new(320, 240, 15, 2, Codec::MjpegAvi)),
        ("c.mp4", Spec::new(1918, 1078, 25, 1, Codec::H264Mp4)),
        ("d.ts", Spec::new(640, 360, 25, 2, Codec::H264Ts)),
    ] {
        let src = clip(dir.path(), name, &spec);
        let out = dir.path().join(format!("{name}.out.mp4"));
        let report = render_to(&plan(&src, 0.0, 1.0, None), &out);
        let (frames, w, h, _, _) = ffprobe(&out);
        assert_eq!(frames, spec.rate.num as u64, "{name}");
        assert_eq!((w, h), (spec.width & !1, spec.height & !1), "{name}");
        assert_eq!(report.frames, frames);
        assert_eq!(decode_gray(&out).code(5), 5, "{name}: frame 5 is frame 5");
    }
}

#[test]
fn burned_in_caption_shows_camera_and_the_time_of_each_frame() {
    let dir = tempfile::tempdir().unwrap();
    let src = clip(dir.path(), "cam1_20261121-124059.mp4", &small(2));
    let out = dir.path().join("out.mp4");
    let mut p = plan(&src, 0.0, 2.0, None);
    p.options.burn_timestamp = true;
    p.options.burn_camera = true;
    p.sources[0].camera = Some("Korridor A".into());
    render_to(&p, &out);
    let g = decode_gray(&out);
    let band = |f: usize| g.region(f, Rect { x: 0, y: 360 - 24, w: 640, h: 24 }).0;
    let bright = band(0).iter().filter(|&&v| v > 180).count();
    assert!(bright > 300, "caption text is drawn ({bright} bright pixels)");
    assert!(mean_abs_diff(&band(0), &band(10)) < 2.0, "same second, same caption");
    assert!(mean_abs_diff(&band(24), &band(25)) > 2.0, "12:40:59 -> 12:41:00 changes the caption");
    // Without a known start time, a timestamp cannot be burned in.
    let anon = clip(dir.path(), "anon.mp4", &small(1));
    let mut q = plan(&anon, 0.0, 1.0, None);
    q.options.burn_timestamp = true;
    let err = render::render(&q, 0, &mut Vec::new(), &Default::default(), |_| true).unwrap_err().to_string();
    assert!(err.contains("start time is unknown"), "{err}");
    q.sources[0].start = Some("2026-11-21T08:00:00".into());
    let mut sink = Vec::new();
    render::render(&q, 0, &mut sink, &Default::default(), |_| true).expect("an entered start time is enough");
}

#[test]
fn audio_is_dropped_by_default_and_kept_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let src = clip(dir.path(), "a.mp4", &Spec { audio: true, ..small(4) });
    let out = dir.path().join("out.mp4");
    let mut p = plan(&src, 1.0, 3.0, None);
    render_to(&p, &out);
    let streams = |f: &std::path::Path| {
        let o = std::process::Command::new("ffprobe")
            .args(["-v", "error", "-show_entries", "stream=codec_type,duration", "-of", "csv=p=0"])
            .arg(f)
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    assert!(!streams(&out).contains("audio"), "audio dropped by default: {}", streams(&out));
    p.options.keep_audio = true;
    render_to(&p, &out);
    let s = streams(&out);
    let audio: f64 = s
        .lines()
        .find(|l| l.starts_with("audio"))
        .and_then(|l| l.split(',').nth(1))
        .and_then(|d| d.parse().ok())
        .expect("an audio stream");
    assert!((audio - 2.0).abs() < 0.1, "audio trimmed to the clip: {s}");
    assert_eq!(ffprobe(&out).0, 50, "video unchanged");
}

/// A writer that fails like a full drive after `left` bytes.
struct FullDrive {
    left: usize,
}

impl std::io::Write for FullDrive {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if buf.len() > self.left {
            return Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "no space left on device"));
        }
        self.left -= buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_full_drive_stops_the_render_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let src = clip(dir.path(), "src.mp4", &small(4));
    let start = std::time::Instant::now();
    let err =
        render::render(&plan(&src, 0.0, 4.0, None), 0, &mut FullDrive { left: 20_000 }, &Default::default(), |_| true)
            .unwrap_err();
    assert!(matches!(err, MediaError::Output(_)), "{err:?}");
    assert!(err.to_string().contains("no space left"), "{err}");
    assert!(start.elapsed().as_secs() < 10);
}
