//! "Find people" end to end: generated footage with walking figures on a detailed
//! still background, searched through a review session (the CLI and the desk),
//! rendered, and judged on the decoded pixels — every figure hidden in every
//! frame; keep-visible leaves the chosen one sharp and hides the others.

mod common;
#[path = "../../bevis-media/tests/common/mod.rs"]
mod media;
use bevis::desk::DeskError;
use bevis::media::synth::{self, Codec, Spec};
use bevis::redact::{Clip, EditPlan, Mode, Rect, Track};
use common::Site;
use std::path::{Path, PathBuf};
use std::process::Command;

/// 8 s at 10 fps, 640×360, three figures walking back and forth.
fn walkers(dir: &Path) -> (Spec, PathBuf) {
    let spec = Spec::new(640, 360, 10, 8, Codec::H264Mp4);
    let src = dir.join("gard_20261121-120000.mp4");
    synth::write(&src, &spec).unwrap();
    (spec, src)
}

fn plan_for(src: &Path) -> EditPlan {
    let mut plan = EditPlan::for_source(src);
    plan.clips.push(Clip { source: "s1".into(), in_s: 0.0, out_s: 8.0, crop: None });
    plan
}

/// The share of `r` inside the union of the tracks' boxes at `t`.
fn hidden(tracks: &[Track], r: Rect, t: f64) -> f64 {
    let boxes: Vec<Rect> = tracks.iter().filter_map(|k| k.rect_at(t, 0.05)).collect();
    bevis::detect::score::covered_share(&r, &boxes)
}

fn render(plan: &EditPlan, out: &Path) -> media::Gray {
    let mut f = std::fs::File::create(out).unwrap();
    bevis::media::render::render(plan, 0, &mut f, &Default::default(), |_| true).unwrap();
    media::decode_gray(out)
}

fn sharpness(g: &media::Gray, f: usize, r: Rect) -> f64 {
    let (v, w, h) = g.region(f, r);
    media::laplacian_var(&v, w, h)
}

#[test]
fn every_walking_figure_is_hidden_in_every_frame_of_the_render() {
    let site = Site::new();
    let (spec, src) = walkers(site.dir.path());
    let id = site.session(&src, "2026-11-21T12:00:00", "2026-11-21T12:00:00", "2026-11-21T12:00:08");
    let plan_in = site.dir.path().join("plan.json");
    let plan_out = site.dir.path().join("found.json");
    std::fs::write(&plan_in, plan_for(&src).to_json()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_bevis"))
        .args(site.login("anna"))
        .args(["detect", "--session", &id.to_string(), "--plan"])
        .args([&plan_in, Path::new("--out"), &plan_out])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let plan = EditPlan::from_json(&std::fs::read_to_string(&plan_out).unwrap()).unwrap();
    assert!(!plan.tracks.is_empty() && plan.tracks.iter().all(|t| t.id.starts_with("auto-")));
    assert!(String::from_utf8_lossy(&out.stdout).contains("auto-1"), "the proposals are listed");
    let mut short = Vec::new();
    for n in 0..spec.frames {
        for k in 0..spec.figures {
            let share = hidden(&plan.tracks, synth::figure_at(&spec, k, n), n as f64 / 10.0);
            if share < 0.9 {
                short.push(format!("frame {n}: figure {k} only {:.0} % hidden", share * 100.0));
            }
        }
    }
    assert!(short.is_empty(), "{short:#?}");
    let (before, after) = (media::decode_gray(&src), render(&plan, &site.dir.path().join("out.mp4")));
    assert_eq!(after.frames.len(), 80);
    for n in [3usize, 27, 52, 76] {
        for k in 0..spec.figures {
            let r = synth::figure_at(&spec, k, n as u32);
            let (b, a) = (sharpness(&before, n, r), sharpness(&after, n, r));
            assert!(a < b * 0.1, "frame {n}, figure {k}: Laplacian variance {b:.0} → {a:.0}: not hidden");
        }
    }
    let log = site.desk("it").audit_entries().unwrap();
    assert!(log.iter().any(|e| e.action == "detect" && e.detail.contains("tracks proposed")), "the search is audited");
    let kept = site.dir.path().join("keep.json");
    let keep = |track: &str| {
        Command::new(env!("CARGO_BIN_EXE_bevis"))
            .args(["keep", "--track", track, "--plan"])
            .args([&plan_out, Path::new("--out"), &kept])
            .output()
            .unwrap()
    };
    assert!(keep("auto-1").status.success());
    let k = EditPlan::from_json(&std::fs::read_to_string(&kept).unwrap()).unwrap();
    assert_eq!(k.mode, Mode::KeepVisible);
    assert_eq!(k.tracks.iter().filter(|t| t.keep).map(|t| t.id.as_str()).collect::<Vec<_>>(), ["auto-1"]);
    let wrong = keep("nobody");
    assert!(!wrong.status.success() && String::from_utf8_lossy(&wrong.stderr).contains("no track nobody"));
}

#[test]
fn keep_visible_leaves_the_chosen_figure_sharp_and_hides_the_others() {
    let site = Site::new();
    let (spec, src) = walkers(site.dir.path());
    let id = site.session(&src, "2026-11-21T12:00:00", "2026-11-21T12:00:00", "2026-11-21T12:00:08");
    let mut desk = site.desk("anna");
    let found = desk.find_people(id, 0, "s1", (0.0, 8.0), &mut |_| true).unwrap();
    assert!(!found.camera_moves, "walkers in front of a fixed camera");
    let mut plan = plan_for(&src);
    plan.tracks = found.proposals.into_iter().map(|p| p.track).collect();
    // The subject: the track that best covers figure 0 in the middle of the clip.
    let subject = synth::figure_at(&spec, 0, 40);
    let best = (0..plan.tracks.len())
        .max_by(|&a, &b| {
            let s = |i: usize| hidden(&plan.tracks[i..=i], subject, 4.0);
            s(a).total_cmp(&s(b))
        })
        .unwrap();
    plan.tracks[best].keep = true;
    plan.mode = Mode::KeepVisible;
    let (before, after) = (media::decode_gray(&src), render(&plan, &site.dir.path().join("keep.mp4")));
    let kept = &plan.tracks[best];
    let mut checked = 0;
    for n in (0..80usize).step_by(3) {
        let t = n as f64 / 10.0;
        let Some(kbox) = kept.rect_at(t, 0.05) else { continue };
        let me = synth::figure_at(&spec, 0, n as u32);
        let others: Vec<Rect> = (1..spec.figures).map(|k| synth::figure_at(&spec, k, n as u32)).collect();
        if hidden(std::slice::from_ref(kept), me, t) < 1.0 || others.iter().any(|o| overlap(o, &kbox)) {
            continue;
        }
        let inner = Rect { x: me.x + 4, y: me.y + 4, w: me.w - 8, h: me.h - 8 };
        assert!(sharpness(&after, n, inner) > sharpness(&before, n, inner) * 0.5, "frame {n}: the subject is sharp");
        for o in &others {
            let (b, a) = (sharpness(&before, n, *o), sharpness(&after, n, *o));
            assert!(a < b * 0.1, "frame {n}: a bystander is hidden ({b:.0} → {a:.0})");
        }
        checked += 1;
    }
    assert!(checked >= 5, "enough frames where the subject stands apart: {checked}");
}

fn overlap(a: &Rect, b: &Rect) -> bool {
    a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()
}

#[test]
fn searching_outside_the_window_or_without_a_session_is_refused() {
    let site = Site::new();
    let src = site.dir.path().join("lang_20261121-120000.mp4");
    synth::write(&src, &Spec::new(160, 120, 10, 200, Codec::H264Mp4)).unwrap();
    let id = site.session(&src, "2026-11-21T12:00:00", "2026-11-21T12:00:00", "2026-11-21T12:00:10");
    let mut anna = site.desk("anna");
    let err = anna.find_people(id, 0, "s1", (0.0, 150.0), &mut |_| true).map(|_| ());
    assert!(matches!(err, Err(DeskError::Forbidden(ref m)) if m.contains("outside the incident window")), "{err:?}");
    let err = site.desk("dpo").find_people(id, 0, "s1", (0.0, 1.0), &mut |_| true).map(|_| ());
    assert!(matches!(err, Err(DeskError::Forbidden(_))), "the auditor sees no footage: {err:?}");
    let cancelled = anna.find_people(id, 0, "s1", (0.0, 2.0), &mut |_| false).map(|_| ());
    assert!(matches!(cancelled, Err(DeskError::Detect(bevis::detect::DetectError::Cancelled))), "{cancelled:?}");
    let log = site.desk("it").audit_entries().unwrap();
    assert!(log.iter().any(|e| e.action == "detect" && e.detail.contains("cancelled")));
}
