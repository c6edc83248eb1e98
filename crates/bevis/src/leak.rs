//! The leak check: nobody leaves unmasked by accident.
//!
//! The person detector's tracks over the exported clips are compared, frame by
//! frame, with what the plan hides. In *blur tracks* mode a detected person is a
//! finding when, for at least [`MIN_FRAMES`] frames in a row inside a clip (and
//! inside its crop), no blur track covers most of them and no `involved` entry
//! names them. In *keep visible* mode a kept track is a finding when two or more
//! people stand inside it for that long (the requester's copy would show someone
//! else). Pure: the detection runs elsewhere (`desk::leak`), so the rule is
//! tested on its own.

use bevis_redact::{EditPlan, Mode, Rect, Track, interp::interpolate};
use serde::Serialize;

/// Consecutive frames a person may be uncovered before it counts (a blur that
/// starts a frame late is a finding at 3 frames: 0.12 s at 25 fps).
pub const MIN_FRAMES: u32 = 3;
/// Share of a person's box a blur must cover.
const COVERED: f64 = 0.7;
/// Overlap (intersection over union) that ties a detection to an `involved` entry.
const SAME_PERSON: f64 = 0.3;
/// Share of a person's box that must fall inside the crop to be exported at all.
const IN_CROP: f64 = 0.3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "LeakKind")]
pub enum Kind {
    /// A person left visible in a blur-tracks export.
    Uncovered,
    /// A kept (visible) track that holds more than one person.
    SharedKeep,
}

/// One person the plan would leave visible, with where and when.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Finding {
    pub id: String,
    pub kind: Kind,
    pub source: String,
    /// The longest uncovered run: its first and last frame (source seconds).
    pub from: f64,
    pub to: f64,
    pub frames: u32,
    /// The person's box in the run's middle frame (source pixels).
    pub at: f64,
    pub rect: Rect,
    /// The detected track: a mask made from it covers the person.
    pub track: Track,
}

fn area(r: &Rect) -> f64 {
    (r.w.max(0) * r.h.max(0)) as f64
}

fn intersection(a: &Rect, b: &Rect) -> f64 {
    let w = a.right().min(b.right()) - a.x.max(b.x);
    let h = a.bottom().min(b.bottom()) - a.y.max(b.y);
    (w.max(0) * h.max(0)) as f64
}

fn iou(a: &Rect, b: &Rect) -> f64 {
    let i = intersection(a, b);
    i / (area(a) + area(b) - i).max(1.0)
}

fn involved_at(plan: &EditPlan, source: &str, t: f64, det: &Rect) -> bool {
    plan.involved.iter().filter(|p| p.source == source).any(|p| {
        interpolate(&p.keyframes, t).is_some_and(|k| {
            let r = Rect { x: k.x as i64, y: k.y as i64, w: k.w as i64, h: k.h as i64 };
            iou(&r, det) >= SAME_PERSON
        })
    })
}

/// Whether the person at `det` is exported unmasked at `t`.
fn exposed(plan: &EditPlan, source: &str, t: f64, det: &Rect, half: f64) -> bool {
    let hidden = plan
        .tracks_of(source)
        .filter(|p| !p.keep)
        .any(|p| p.rect_at(t, half).is_some_and(|r| intersection(&r, det) >= COVERED * area(det)));
    !hidden && !involved_at(plan, source, t, det)
}

/// People kept visible inside kept track `keep` at `t`.
fn inside_keep(people: &[(String, Track)], keep: &Track, t: f64, half: f64) -> usize {
    let Some(k) = keep.rect_at(t, half) else { return 0 };
    people
        .iter()
        .filter(|(s, _)| *s == keep.source)
        .filter_map(|(_, p)| p.rect_at(t, half))
        .filter(|d| intersection(d, &k) >= 0.5 * area(d))
        .count()
}

/// The longest run of frames of the plan's clips for which `bad(t, frame)`
/// holds: `(first, last, frames)`.
fn longest_run(
    plan: &EditPlan,
    source: &str,
    frame_s: f64,
    mut bad: impl FnMut(f64, Option<Rect>) -> bool,
) -> (f64, f64, u32) {
    let mut best = (0.0, 0.0, 0u32);
    for clip in plan.clips.iter().filter(|c| c.source == source) {
        let (mut start, mut n) = (clip.in_s, 0u32);
        let frames = ((clip.out_s - clip.in_s) / frame_s).round().max(0.0) as u32;
        for i in 0..frames {
            let t = clip.in_s + f64::from(i) * frame_s;
            if bad(t, clip.crop) {
                if n == 0 {
                    start = t;
                }
                n += 1;
                if n > best.2 {
                    best = (start, t, n);
                }
            } else {
                n = 0;
            }
        }
    }
    best
}

fn finding(kind: Kind, source: &str, track: &Track, (from, to, frames): (f64, f64, u32), half: f64) -> Option<Finding> {
    let at = (from + to) / 2.0;
    let rect = track.rect_at(at, half).or_else(|| track.rect_at(from, half))?;
    let id = format!("{}-{}-{:.2}", source, track.id, from);
    Some(Finding { id, kind, source: source.into(), from, to, frames, at, rect, track: track.clone() })
}

/// What `plan` would leave visible, given the people detected in its clips
/// (`(plan source id, track)`), at `frame_s` seconds per frame.
pub fn findings(plan: &EditPlan, people: &[(String, Track)], frame_s: f64) -> Vec<Finding> {
    let half = frame_s / 2.0;
    let mut out = Vec::new();
    match plan.mode {
        Mode::BlurTracks => {
            for (source, person) in people {
                let run = longest_run(plan, source, frame_s, |t, crop| {
                    person.rect_at(t, half).is_some_and(|det| {
                        let in_crop = crop.is_none_or(|c| intersection(&c, &det) >= IN_CROP * area(&det));
                        in_crop && exposed(plan, source, t, &det, half)
                    })
                });
                if run.2 >= MIN_FRAMES {
                    out.extend(finding(Kind::Uncovered, source, person, run, half));
                }
            }
        }
        Mode::KeepVisible => {
            for keep in plan.tracks.iter().filter(|t| t.keep) {
                let run = longest_run(plan, &keep.source, frame_s, |t, _| inside_keep(people, keep, t, half) >= 2);
                if run.2 >= MIN_FRAMES {
                    out.extend(finding(Kind::SharedKeep, &keep.source, keep, run, half));
                }
            }
        }
    }
    out
}

/// Numbers to a millionth: a plan that went through JSON elsewhere (the web
/// view) may come back a unit in the last place off (serde_json parses floats
/// "best effort"), and must still be the plan that was checked.
fn settled(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Number(n) if !(n.is_i64() || n.is_u64()) => {
            let x = n.as_f64().unwrap_or(0.0);
            serde_json::json!((x * 1e6).round() / 1e6)
        }
        Value::Array(a) => Value::Array(a.into_iter().map(settled).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, settled(v))).collect()),
        other => other,
    }
}

/// The plan's fingerprint for the leak check: what is exported and what is
/// hidden (SHA-256 of the mode, clips, tracks and involved people as JSON). A
/// passing check counts for an export only with the same fingerprint.
pub fn fingerprint(plan: &EditPlan) -> String {
    use sha2::{Digest, Sha256};
    let key = settled(serde_json::json!([plan.mode, plan.clips, plan.tracks, plan.involved]));
    hex::encode(Sha256::digest(key.to_string().as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use bevis_redact::{Clip, Involved, Keyframe};

    fn track(id: &str, x: f64, keep: bool) -> Track {
        let kf = |t: f64| serde_json::json!({"t": t, "x": x, "y": 100.0, "w": 40.0, "h": 100.0});
        let v = serde_json::json!({"id": id, "source": "s1", "keyframes": [kf(0.0), kf(10.0)], "keep": keep});
        serde_json::from_value(v).unwrap()
    }

    fn plan() -> EditPlan {
        let mut p = EditPlan::for_source("/x.mp4");
        p.clips.push(Clip { source: "s1".into(), in_s: 2.0, out_s: 4.0, crop: None });
        p
    }

    #[test]
    fn an_unmasked_person_is_found_a_masked_or_involved_one_is_not() {
        let people = vec![("s1".to_string(), track("p1", 100.0, false)), ("s1".to_string(), track("p2", 400.0, false))];
        let mut p = plan();
        p.tracks.push(track("m1", 95.0, false));
        let f = findings(&p, &people, 0.1);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].track.id.as_str(), f[0].frames, f[0].from), ("p2", 20, 2.0));
        let kf = |t: f64| Keyframe { t, x: 402.0, y: 98.0, w: 40.0, h: 100.0 };
        p.involved.push(Involved {
            source: "s1".into(),
            label: "the pupil hit".into(),
            keyframes: vec![kf(0.0), kf(10.0)],
        });
        assert!(findings(&p, &people, 0.1).is_empty());
        assert_ne!(fingerprint(&p), fingerprint(&plan()), "resolving changes the fingerprint");
        let mut nudged = p.clone();
        nudged.involved[0].keyframes[0].h = f64::from_bits(100.0f64.to_bits() + 1);
        assert_eq!(fingerprint(&nudged), fingerprint(&p), "a unit in the last place is the same plan");
    }

    #[test]
    fn a_mask_that_starts_late_is_found_when_three_frames_are_open() {
        let people = vec![("s1".to_string(), track("p1", 100.0, false))];
        let mut late = track("m1", 95.0, false);
        late.from = Some(2.3);
        let mut p = plan();
        p.tracks.push(late);
        let f = findings(&p, &people, 0.1);
        assert_eq!((f.len(), f[0].frames), (1, 3), "2.0, 2.1 and 2.2 are open: {f:?}");
        p.tracks[0].from = Some(2.2);
        assert!(findings(&p, &people, 0.1).is_empty(), "two open frames are below the limit");
    }

    #[test]
    fn a_kept_track_with_two_people_in_it_is_found() {
        let mut p = plan();
        p.mode = Mode::KeepVisible;
        let mut wide = track("k1", 90.0, true);
        wide.keyframes.iter_mut().for_each(|k| k.w = 120.0);
        p.tracks.push(wide);
        let one = vec![("s1".to_string(), track("p1", 100.0, false))];
        assert!(findings(&p, &one, 0.1).is_empty());
        let two = vec![one[0].clone(), ("s1".to_string(), track("p2", 160.0, false))];
        assert_eq!(findings(&p, &two, 0.1)[0].kind, Kind::SharedKeep);
    }
}
