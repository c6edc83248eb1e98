//! Does "find people" hold on cameras other than one clip? Renditions of
//! vtest.avi — other sizes and frame rates, darker, noisier, low bitrate — made
//! with ffmpeg, the hand labels mapped by the same scale (times stay), and the
//! whole pass scored on each (issue #14, Must 3; numbers in docs/MODELS.md).
//! The floor is the original's: 95 % of labelled people hidden on every one.
//! x264 runs on one thread so that a rendition is the same bytes every time.

use bevis_detect::score::{Labels, score};
use bevis_detect::{Detector, default_model_path};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const VTEST: &str = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";

/// Name, ffmpeg filter chain, output width and height, extra encoder arguments, frames per second.
type Rendition = (&'static str, &'static str, u32, u32, &'static str, f64);
const RENDITIONS: [Rendition; 6] = [
    ("original-10fps", "null", 768, 576, "-crf 18", 10.0),
    ("1440x1080-25fps", "scale=1440:1080,fps=25", 1440, 1080, "-crf 23", 25.0),
    ("480x360-15fps", "scale=480:360,fps=15", 480, 360, "-crf 23", 15.0),
    ("dim", "eq=brightness=-0.22:contrast=0.55", 768, 576, "-crf 23", 10.0),
    ("noisy-night", "eq=brightness=-0.18:contrast=0.6,noise=alls=18:allf=t", 768, 576, "-crf 23", 10.0),
    ("low-bitrate", "null", 768, 576, "-b:v 120k", 10.0),
];

/// The longest run of frames (at `fps`) in which a labelled person, interpolated
/// between two labelled frames where the same person's boxes overlap, is less
/// than 90 % covered: `(frames, at seconds)`. Reported, not yet required (Must 4).
fn longest_uncovered(labels: &Labels, tracks: &[bevis_redact::Track], fps: f64) -> (u32, f64) {
    use bevis_detect::score::covered_share;
    use bevis_redact::Rect;
    let rect = |b: &[i64; 4]| Rect { x: b[0], y: b[1], w: b[2], h: b[3] };
    let overlap = |a: &Rect, b: &Rect| {
        let w = (a.x + a.w).min(b.x + b.w) - a.x.max(b.x);
        let h = (a.y + a.h).min(b.y + b.h) - a.y.max(b.y);
        (w.max(0) * h.max(0)) as f64 / ((a.w * a.h).min(b.w * b.h).max(1)) as f64
    };
    let mut worst = (0u32, 0.0);
    for pair in labels.frames.windows(2) {
        let (t0, t1) = (pair[0].frame as f64 / 10.0, pair[1].frame as f64 / 10.0);
        for a in pair[0].boxes.iter().map(rect) {
            let Some(b) = pair[1].boxes.iter().map(rect).max_by(|p, q| overlap(&a, p).total_cmp(&overlap(&a, q)))
            else {
                continue;
            };
            if overlap(&a, &b) < 0.3 {
                continue;
            }
            let mut run = 0u32;
            let mut t = t0;
            while t <= t1 + 1e-9 {
                let f = (t - t0) / (t1 - t0).max(1e-9);
                let lerp = |p: i64, q: i64| (p as f64 + (q - p) as f64 * f).round() as i64;
                let r = Rect { x: lerp(a.x, b.x), y: lerp(a.y, b.y), w: lerp(a.w, b.w), h: lerp(a.h, b.h) };
                let shown: Vec<Rect> = tracks.iter().filter_map(|k| k.rect_at(t, 0.5 / fps)).collect();
                run = if covered_share(&r, &shown) < 0.9 { run + 1 } else { 0 };
                if run > worst.0 {
                    worst = (run, t);
                }
                t += 1.0 / fps;
            }
        }
    }
    worst
}

fn make(out: &Path, (name, vf, _, _, enc, _): Rendition) -> PathBuf {
    let file = out.join(format!("{name}.mp4"));
    if !file.exists() {
        let mut args = vec![
            "-v", "error", "-y", "-i", VTEST, "-vf", vf, "-c:v", "libx264", "-preset", "veryfast", "-threads", "1",
        ];
        args.extend(enc.split(' '));
        let ok = Command::new("ffmpeg").args(&args).arg(&file).status().map(|s| s.success()).unwrap_or(false);
        assert!(ok, "ffmpeg made {name}");
    }
    file
}

fn scaled(labels: &Labels, sx: f64, sy: f64) -> Labels {
    let mut l = labels.clone();
    for f in &mut l.frames {
        for b in &mut f.boxes {
            *b = [
                (b[0] as f64 * sx) as i64,
                (b[1] as f64 * sy) as i64,
                (b[2] as f64 * sx).ceil() as i64,
                (b[3] as f64 * sy).ceil() as i64,
            ];
        }
    }
    l
}

#[test]
fn find_people_hides_95_percent_on_every_rendition() {
    let out = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/labels/vtest.json")).unwrap();
    let labels: Labels = serde_json::from_str(&text).unwrap();
    let det = Detector::load(&default_model_path()).unwrap();
    let mut table = String::from(
        "| rendition | coverage | recall | precision | tracks | pass | longest uncovered run |\n|---|---|---|---|---|---|---|\n",
    );
    let mut low = Vec::new();
    for r in RENDITIONS {
        let file = make(out.path(), r);
        let started = Instant::now();
        let found = bevis_detect::find_people(&det, &file, "s1", (0.0, 79.5), &mut |_| true).unwrap();
        let tracks: Vec<_> = found.into_iter().map(|p| p.track).collect();
        let mapped = scaled(&labels, f64::from(r.2) / 768.0, f64::from(r.3) / 576.0);
        let s = score(&mapped, &tracks, 0.1);
        let (run, at) = longest_uncovered(&mapped, &tracks, r.5);
        table += &format!(
            "| {} | {:.1} % | {:.1} % | {:.1} % | {} | {:.1} s | {run} frames at {at:.1} s |\n",
            r.0,
            s.coverage() * 100.0,
            s.recall() * 100.0,
            s.precision() * 100.0,
            tracks.len(),
            started.elapsed().as_secs_f64(),
        );
        if s.coverage() < 0.95 {
            low.push((r.0, s.coverage(), s.missed.clone()));
        }
    }
    eprintln!("{table}");
    assert!(low.is_empty(), "below 95 % coverage: {low:#?}");
}
