//! "Find people": one pass over a range of a recording.
//!
//! Detection runs every few frames, not on every frame: how often adapts to how
//! fast the people on screen move relative to their size (a person should move
//! less than 0.6 of their width between two detections), between a quarter of a
//! second (or one frame, if slower) and one second. The frames in between are
//! covered by the tracks' keyframe interpolation and padding. Frames come from
//! the feed (`feed.rs`), which also runs the background model.

use crate::faces::Faces;
use crate::feed::{self, Prepared};
use crate::propose::{Kind, Shaping, to_track};
use crate::tiles::{infer, inside};
use crate::track::{Tracked, Tracker};
use crate::{DetectError, Detection, Detector, Result};
use bevis_redact::Track;
use image::RgbImage;
use std::collections::HashMap;
use std::path::Path;

/// The shortest and longest time between two detections (at least one frame).
const MIN_INTERVAL: f64 = 0.25;
const MAX_INTERVAL: f64 = 1.0;
/// How far (in widths) a person may walk between two detections, and the time
/// between detections when nobody is on screen.
const STRIDE: f64 = 0.6;
const MAX_IDLE: f64 = 0.6;
/// The longest time a track survives without being seen.
const MAX_GAP: f64 = 2.0;
/// The longest gap a lost track is carried on over to where its person
/// reappears (after the pass: longer than the tracker dares online).
const CARRY_ON: f64 = 3.0;
/// How long a person track explains the movement where it is predicted.
const RECENT: f64 = 0.5;
/// How far before the stated end a missing frame counts as the end of the footage.
const END_SLACK: f64 = 1.0;
/// Detections below this score are not used at all.
const FLOOR: f32 = 0.3;
/// A picture this much unlike the background was taken by a moving camera (or
/// in changing light, or of a dense crowd); a pass with a third of its pictures
/// like that says so — see [`Found::camera_moves`]. Measured share per detection:
/// vtest ≤ 0.05 (its noisy night copy ≤ 0.04), the synthetic corridor with large
/// walking figures ≤ 0.13; Market Street from a moving tram median 0.25.
const UNSTEADY: f32 = 0.2;

/// A proposed track with what the review list shows next to it.
pub struct Proposal {
    pub track: Track,
    pub kind: Kind,
    /// A JPEG of the person at their best detection (in memory only: it is footage).
    pub thumb: Vec<u8>,
}

/// What a pass found.
pub struct Found {
    pub proposals: Vec<Proposal>,
    /// Much of the picture kept changing through the range (a moving camera,
    /// changing light, a dense crowd): the background model, which assumes a
    /// fixed camera, then flags boxes everywhere, and on such footage the person
    /// model was measured missing a quarter of the people (docs/MODELS.md, Market
    /// Street). Whoever reviews must not rely on the proposals or the leak check.
    pub camera_moves: bool,
}

/// How far the pass has come; the callback returns `false` to cancel.
#[derive(Debug, Clone, Copy, serde::Serialize, ts_rs::TS)]
pub struct Progress {
    pub done_s: f64,
    pub total_s: f64,
    pub detections: usize,
    pub tracks: usize,
}

/// Finds the people in `[from, to]` of the recording at `path` (a file or a folder
/// of segments) and proposes one track each, for plan source `source`.
pub fn find_people(
    det: &Detector,
    path: &Path,
    source: &str,
    (from, to): (f64, f64),
    progress: &mut dyn FnMut(Progress) -> bool,
) -> Result<Found> {
    let info = bevis_media::probe(path).map_err(feed::media)?;
    let (w, h, frame_s) = (info.width, info.height, info.frame_secs());
    let to = to.min(info.duration);
    if !(from >= 0.0 && to > from) {
        return Err(DetectError::Input(format!("nothing to search between {from:.2} s and {to:.2} s")));
    }
    let stopped = || DetectError::Input("the decoder stopped".into());
    let mut run = Run::new(Faces::load(w, h, MAX_GAP));
    let longest = std::thread::scope(|s| -> Result<f64> {
        let (ask, get) = feed::start(s, info, (from, to));
        ask.send((from, 0)).map_err(|_| stopped())?;
        let (mut t, mut longest, mut n) = (from, frame_s, 0);
        loop {
            let Some(frame) = received(get.recv().map_err(|_| stopped())?, t, to, n)? else { return Ok(longest) };
            // Ask for the next frame before detecting in this one (the interval
            // from the tracks as they were one detection ago).
            let interval = run.interval(w, h).clamp(MIN_INTERVAL.max(frame_s), MAX_INTERVAL.max(frame_s));
            longest = longest.max(interval);
            t = next_time(t.max(frame.t) + interval, frame.t, to - frame_s, frame_s);
            let more = t <= to && ask.send((t, n + 1)).is_ok();
            run.step(det, &frame, n)?;
            n += 1;
            let tracks = run.people.active().len();
            if !progress(Progress { done_s: frame.t - from, total_s: to - from, detections: n, tracks }) {
                return Err(DetectError::Cancelled);
            }
            if !more {
                return Ok(longest);
            }
        }
    })?;
    let shaping = Shaping { source: source.into(), width: w as f64, height: h as f64, interval: longest, from, to };
    Ok(run.finish(&shaping))
}

/// The frame asked for at `t`, or `None` where the footage ends a little short
/// of its stated length (an AVI index that promises more than the file holds):
/// the range then ends at the real last frame.
fn received(got: Result<Prepared>, t: f64, to: f64, n: usize) -> Result<Option<Prepared>> {
    match got {
        Ok(frame) => Ok(Some(frame)),
        Err(e) if n > 0 && t >= to - END_SLACK => {
            tracing::info!(at = t, "the footage ends before its stated length: {e}");
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// When the next detection would fall after the range's last frame, the last
/// frame itself is looked at instead: someone who walks in just before the out
/// point is found (and their track reaches back one interval), not left visible.
fn next_time(next: f64, now: f64, last_frame: f64, frame_s: f64) -> f64 {
    if next > last_frame && now < last_frame - frame_s / 2.0 { last_frame } else { next }
}

struct Run {
    people: Tracker,
    motion: Tracker,
    faces: Option<Faces>,
    thumbs: HashMap<(Kind, usize), RgbImage>,
    /// Times of the detections so far.
    times: Vec<f64>,
    /// Detections made on a picture much unlike its background (`UNSTEADY`).
    unsteady: usize,
}

impl Run {
    fn new(faces: Option<Faces>) -> Run {
        let (people, motion) = (Tracker::new(MAX_GAP), Tracker::new(MAX_GAP).merging());
        Run { people, motion, faces, thumbs: HashMap::new(), times: Vec::new(), unsteady: 0 }
    }

    fn step(&mut self, det: &Detector, frame: &Prepared, n: usize) -> Result<()> {
        let (t, rgb) = (frame.t, &frame.rgb);
        self.times.push(t);
        self.unsteady += usize::from(frame.changed >= UNSTEADY);
        let (people, faces) = self.look(det, frame, n)?;
        // Moving regions nobody explains: no person seen there now or a moment ago
        // (a track that has not been seen for a while does not explain anything).
        let recent = self.people.active().iter().filter(|k| k.obs.len() > 1 && t - k.last_t() <= RECENT);
        let known: Vec<Detection> = people.iter().copied().chain(recent.map(|k| k.predict(t))).collect();
        let moving: Vec<Detection> = frame
            .moving
            .iter()
            .copied()
            .filter(|m| known.iter().all(|p| inside(p, m) < 0.3 && inside(m, p) < 0.3))
            .collect();
        if let (Some(tracker), Some(faces)) = (self.faces.as_mut(), faces) {
            for (id, b) in tracker.follow(t, &faces, &known) {
                self.thumbs.insert((Kind::Face, id), crop(rgb, &b));
            }
        }
        for (id, b) in self.people.step(t, people) {
            self.thumbs.insert((Kind::Person, id), crop(rgb, &b));
        }
        for (id, b) in self.motion.step(t, moving) {
            self.thumbs.insert((Kind::Motion, id), crop(rgb, &b));
        }
        Ok(())
    }

    /// The people and (on every few detections) the faces in the frame: the face
    /// model runs on its own thread beside the person model's two, so the two
    /// cores are busy where the face model would otherwise run alone (the vtest
    /// pass 5.0 → 4.4 s).
    fn look(&self, det: &Detector, frame: &Prepared, n: usize) -> Result<(Vec<Detection>, Option<Vec<Detection>>)> {
        std::thread::scope(|s| {
            // A thread only on the detections faces are looked for in.
            let due = self.faces.as_ref().filter(|_| Faces::due(n));
            let faces = due.map(|f| s.spawn(move || f.look(&frame.rgb)));
            let people = infer(det, &frame.inputs, FLOOR)?;
            let faces = match faces.map(|h| h.join()) {
                Some(Ok(found)) => Some(found?),
                Some(Err(_)) => return Err(DetectError::Model("the face thread failed".into())),
                None => None,
            };
            Ok((people, faces))
        })
    }

    /// Seconds until the next detection: the fastest person (or moving region)
    /// seen at least three times (so its speed is known) should move at most
    /// `STRIDE` of their width; with nobody on screen, `MAX_IDLE`.
    fn interval(&self, w: u32, h: u32) -> f64 {
        let per = |k: &Tracked| {
            let b = k.obs.last().expect("tracks are never empty").b;
            let speed = ((k.vel.0 * w as f32).powi(2) + (k.vel.1 * h as f32).powi(2)).sqrt() as f64;
            (b.w as f64 * w as f64 * STRIDE) / speed.max(1e-3)
        };
        let people = self.people.active().iter().filter(|k| k.obs.len() > 2);
        let moving = self.motion.active().iter().filter(|k| k.obs.len() > 2);
        people.chain(moving).map(per).fold(MAX_IDLE, f64::min)
    }

    fn finish(self, s: &Shaping) -> Found {
        let camera_moves = self.unsteady * 3 >= self.times.len().max(1);
        if camera_moves {
            tracing::warn!(
                unsteady = self.unsteady,
                of = self.times.len(),
                "the camera moves: proposals are unreliable"
            );
        }
        Found { proposals: self.proposals(s), camera_moves }
    }

    fn proposals(mut self, s: &Shaping) -> Vec<Proposal> {
        let mut out = Vec::new();
        // Confident once is enough; weak tracks must have been seen three times —
        // unless the range cut them short: seen in its first detection, or in one of
        // its last two (someone walking in just before the out point has no time
        // for three sightings, and the detector may miss them in one of them).
        let first = self.times.first().copied().unwrap_or(f64::NAN);
        let late = self.times.iter().rev().nth(1).or(self.times.last()).copied().unwrap_or(f64::NAN);
        let cut = |k: &Tracked| k.obs[0].t <= first || k.last_t() >= late;
        let keep = |k: &Tracked| k.best() >= crate::track::HIGH || k.obs.len() >= 3 || cut(k);
        let faces = self.faces.map(|f| (Kind::Face, f.tracker));
        for (kind, tracker) in [(Kind::Person, self.people), (Kind::Motion, self.motion)].into_iter().chain(faces) {
            let motion = kind == Kind::Motion;
            let tracks = if motion { tracker.finish() } else { crate::bridge::carry_on(tracker.finish(), CARRY_ON) };
            for k in tracks.into_iter().filter(|k| keep(k) && (!motion || k.obs.len() >= 3)) {
                let thumb = self.thumbs.remove(&(kind, k.id)).map(jpeg).unwrap_or_default();
                out.push(Proposal { track: to_track(&k, kind, out.len() + 1, s), kind, thumb });
            }
        }
        out.sort_by(|a, b| b.track.confidence.partial_cmp(&a.track.confidence).unwrap_or(std::cmp::Ordering::Equal));
        out
    }
}

/// The person's box (a little padded), scaled to 96 pixels high.
fn crop(rgb: &RgbImage, b: &Detection) -> RgbImage {
    let (w, h) = rgb.dimensions();
    let x0 = ((b.x - b.w * 0.1).max(0.0) * w as f32) as u32;
    let y0 = ((b.y - b.h * 0.05).max(0.0) * h as f32) as u32;
    let x1 = (((b.x + b.w * 1.1) * w as f32) as u32).clamp(x0 + 1, w);
    let y1 = (((b.y + b.h * 1.05) * h as f32) as u32).clamp(y0 + 1, h);
    let part = image::imageops::crop_imm(rgb, x0.min(w - 1), y0.min(h - 1), x1 - x0, y1 - y0).to_image();
    let scale = 96.0 / part.height() as f32;
    let tw = ((part.width() as f32 * scale) as u32).clamp(1, 160);
    image::imageops::resize(&part, tw, 96, image::imageops::FilterType::Triangle)
}

fn jpeg(img: RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80);
    match img.write_with_encoder(enc) {
        Ok(()) => out,
        Err(e) => {
            tracing::warn!("thumbnail not encoded: {e}");
            Vec::new()
        }
    }
}
