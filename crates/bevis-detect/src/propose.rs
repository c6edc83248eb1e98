//! From followed detections to edit-plan tracks the intendent can review.
//!
//! The boxes are smoothed (a detector's box jitters by a few pixels from one pass
//! to the next), padded (so hair, a raised arm or the distance walked since the
//! last detection stays inside) and started one detection interval early and
//! ended one late, moved along the person's velocity — a person is found a little
//! after they appear and lost a little before they leave, and those frames must
//! not show them. Between keyframes the plan interpolates linearly, which is what
//! bridges gaps.

use crate::Detection;
use crate::track::Tracked;
use bevis_redact::{Keyframe, Shape, Style, Track};

/// Padding around each box, as a share of its width and height, and at least a
/// share of the picture's: a far-away walker 20 px wide drifts out of a box padded
/// by a share of 20 px between two detections. Chosen by the one-frame leak
/// measure (docs/MODELS.md): padding 0.15/0.08 left 64 uncovered frames of people
/// on vtest, 0.25/0.12 28, with the minimum 3 — at a precision of 67 % (was 79 %):
/// more blur around people, fewer of them showing.
const PAD_X: f64 = 0.25;
const PAD_Y: f64 = 0.12;
const MIN_PAD: f64 = 0.02;

/// What a track was found by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "FoundKind")]
pub enum Kind {
    Person,
    /// A face (as a head) where the person detector saw no one.
    Face,
    /// Moved against the background, but the person detector did not see anyone.
    Motion,
}

/// How a finished track becomes a plan track.
pub struct Shaping {
    pub source: String,
    pub width: f64,
    pub height: f64,
    /// Seconds between detections (the longest used).
    pub interval: f64,
    /// The range that was searched; tracks never leave it.
    pub from: f64,
    pub to: f64,
}

/// How sure a track is: its best scores, damped for tracks seen only once or twice.
pub fn confidence(k: &Tracked) -> f64 {
    let mut s: Vec<f32> = k.obs.iter().map(|o| o.b.score).collect();
    s.sort_by(|a, b| b.total_cmp(a));
    let top = &s[..s.len().div_ceil(2)];
    let mean = top.iter().sum::<f32>() as f64 / top.len() as f64;
    (mean * (k.obs.len() as f64 / 3.0).min(1.0).sqrt() * 100.0).round() / 100.0
}

pub fn to_track(k: &Tracked, kind: Kind, n: usize, s: &Shaping) -> Track {
    let boxes = smooth(&k.obs.iter().map(|o| o.b).collect::<Vec<_>>());
    let speed = (k.vel.0.abs() as f64 * s.width, k.vel.1.abs() as f64 * s.height);
    let mut keys: Vec<Keyframe> =
        k.obs.iter().zip(&boxes).map(|(o, b)| s.keyframe(o.t, b, 0.0, (0.0, 0.0), speed)).collect();
    let (first, last) = (k.obs[0], *k.obs.last().expect("tracks are never empty"));
    let start = (first.t - s.interval).max(s.from);
    let end = (last.t + s.interval).min(s.to);
    let early = s.keyframe(start, &boxes[0], start - first.t, k.vel, speed);
    let late = s.keyframe(end, &boxes[boxes.len() - 1], end - last.t, k.vel, speed);
    // At the picture's edge a person is often missed for longer (half in view).
    let (edge_start, edge_end) = ((first.t - EDGE * s.interval).max(s.from), (last.t + EDGE * s.interval).min(s.to));
    let (back, way) = s.walks(k);
    let head = s.edge_strip(edge_start, &keys[0], first.t > s.from, back).unwrap_or_else(|| vec![early]);
    let tail = s.edge_strip(edge_end, &keys[keys.len() - 1], last.t < s.to, way).unwrap_or_else(|| vec![late]);
    keys.splice(0..0, head);
    keys.extend(tail);
    keys.dedup_by(|b, a| (b.t - a.t).abs() < 1e-6);
    let (start, end) = (keys[0].t, keys[keys.len() - 1].t);
    let label = match kind {
        Kind::Person => format!("Person {n}"),
        Kind::Face => format!("Ansikte {n}"),
        Kind::Motion => format!("Rörelse {n}"),
    };
    Track {
        id: format!("auto-{n}"),
        source: s.source.clone(),
        label,
        shape: Shape::Rect,
        style: Style::Blur,
        strength: 1.0,
        keyframes: keys,
        from: Some(start),
        to: Some(end),
        keep: false,
        confidence: Some(confidence(k)),
    }
}

impl Shaping {
    /// A padded keyframe for box `b` moved by `dt` seconds along `vel`.
    fn keyframe(&self, t: f64, b: &Detection, dt: f64, vel: (f32, f32), speed: (f64, f64)) -> Keyframe {
        let (w, h) = (b.w as f64 * self.width, b.h as f64 * self.height);
        let x = (b.x as f64 + vel.0 as f64 * dt) * self.width;
        let y = (b.y as f64 + vel.1 as f64 * dt) * self.height;
        let px = (PAD_X * w).max(MIN_PAD * self.width) + speed.0 * self.interval / 2.0;
        let py = (PAD_Y * h).max(MIN_PAD * self.height) + speed.1 * self.interval / 2.0;
        let round = |v: f64| (v * 10.0).round() / 10.0;
        Keyframe { t: round_t(t), x: round(x - px), y: round(y - py), w: round(w + 2.0 * px), h: round(h + 2.0 * py) }
    }
}

/// How long the edge strip is held next to a sighting (a keyframe pair this close
/// makes the plan's linear interpolation a step).
const HOLD: f64 = 0.001;
/// Detection intervals the edge strip reaches before a first (after a last) sighting.
const EDGE: f64 = 2.0;
/// A walking speed in pixels per second, sideways and down.
type Pace = (f64, f64);

/// Pixels per second below which a track's direction along an axis is not trusted.
const STILL: f64 = 5.0;

impl Shaping {
    /// Which way someone walked before their first sighting (backwards from their
    /// first three) and after their last (from their last three), in pixels per
    /// second; `None` for tracks seen fewer than three times.
    fn walks(&self, k: &Tracked) -> (Option<Pace>, Option<Pace>) {
        let n = k.obs.len();
        if n < 3 {
            return (None, None);
        }
        let centre = |o: &crate::track::Obs| {
            ((o.b.x + o.b.w / 2.0) as f64 * self.width, (o.b.y + o.b.h / 2.0) as f64 * self.height)
        };
        let pace = |a: &crate::track::Obs, b: &crate::track::Obs| {
            let (p, q, dt) = (centre(a), centre(b), (b.t - a.t).max(1e-6));
            ((q.0 - p.0) / dt, (q.1 - p.1) / dt)
        };
        let (ahead, after) = (pace(&k.obs[0], &k.obs[2]), pace(&k.obs[n - 3], &k.obs[n - 1]));
        (Some((-ahead.0, -ahead.1)), Some(after))
    }

    /// For someone seen near the picture's edge at `seen` (first or last sighting)
    /// and not at the range's end: from `t` until the sighting, the whole strip
    /// from their box to that edge — they most likely came in (or went out) there,
    /// unseen, and the walk back along one velocity estimate would miss them.
    /// `way` is the direction of that unseen walk in pixels per second (backwards
    /// before a first sighting), `None` when the track is too short to know it:
    /// only edges it leads to (or, standing still or unknown, every near edge).
    fn edge_strip(&self, t: f64, seen: &Keyframe, cut_by_time: bool, way: Option<Pace>) -> Option<Vec<Keyframe>> {
        let room = (t - seen.t).abs() > 2.0 * HOLD;
        let e = self.stretched_to_edge(seen, way).filter(|_| cut_by_time && room)?;
        let near = if t < seen.t { seen.t - HOLD } else { seen.t + HOLD };
        let (a, b) = (Keyframe { t: round_t(t), ..e }, Keyframe { t: round_t(near), ..e });
        Some(if t < seen.t { vec![a, b] } else { vec![b, a] })
    }

    /// `k` stretched to the picture edges it is within a box width (sideways) or
    /// a quarter of its height (top, bottom) of and that `way` leads to; `None`
    /// when there is none.
    fn stretched_to_edge(&self, k: &Keyframe, way: Option<Pace>) -> Option<Keyframe> {
        let (mut x0, mut x1, mut y0, mut y1) = (k.x, k.x + k.w, k.y, k.y + k.h);
        // Below this speed (pixels per second) the direction along an axis is unknown.
        let towards = |v: f64, sign: f64| v.abs() < STILL || v * sign > 0.0;
        let (vx, vy) = way.unwrap_or((0.0, 0.0));
        let near = [
            x0 < k.w && towards(vx, -1.0),
            x1 > self.width - k.w && towards(vx, 1.0),
            y0 < k.h / 4.0 && towards(vy, -1.0),
            y1 > self.height - k.h / 4.0 && towards(vy, 1.0),
        ];
        if !near.iter().any(|&n| n) {
            return None;
        }
        (x0, x1) = (if near[0] { x0.min(0.0) } else { x0 }, if near[1] { x1.max(self.width) } else { x1 });
        (y0, y1) = (if near[2] { y0.min(0.0) } else { y0 }, if near[3] { y1.max(self.height) } else { y1 });
        Some(Keyframe { x: x0, y: y0, w: x1 - x0, h: y1 - y0, ..*k })
    }
}

fn round_t(t: f64) -> f64 {
    (t * 1000.0).round() / 1000.0
}

/// A 1-2-1 average over neighbouring observations (ends kept), grown to hold the
/// observation itself: averaging pulls the box of someone who speeds up behind
/// them (on vtest at 73.0 s a striding leg 18 px out of the smoothed box, in
/// the detector's), and smoothing must never uncover what the detector saw.
fn smooth(boxes: &[Detection]) -> Vec<Detection> {
    let mut out = boxes.to_vec();
    for i in 1..boxes.len().saturating_sub(1) {
        let (a, b, c) = (&boxes[i - 1], &boxes[i], &boxes[i + 1]);
        let f = |p: f32, q: f32, r: f32| (p + 2.0 * q + r) / 4.0;
        let (sx, sy) = (f(a.x, b.x, c.x), f(a.y, b.y, c.y));
        let (sw, sh) = (f(a.w, b.w, c.w), f(a.h, b.h, c.h));
        let (x, y) = (sx.min(b.x), sy.min(b.y));
        let (right, bottom) = ((sx + sw).max(b.x + b.w), (sy + sh).max(b.y + b.h));
        out[i] = Detection { x, y, w: right - x, h: bottom - y, ..*b };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::track::Obs;

    fn walker(n: usize) -> Tracked {
        let obs = (0..n)
            .map(|i| Obs {
                t: 1.0 + i as f64 * 0.5,
                b: Detection { x: 0.3 + 0.05 * i as f32, y: 0.2, w: 0.1, h: 0.4, score: 0.8 },
            })
            .collect();
        Tracked { id: 1, obs, vel: (0.1, 0.0) }
    }

    fn shaping() -> Shaping {
        Shaping { source: "s1".into(), width: 1000.0, height: 500.0, interval: 0.5, from: 0.8, to: 10.0 }
    }

    #[test]
    fn tracks_start_early_end_late_and_cover_the_person_between_keyframes() {
        let k = walker(5);
        let t = to_track(&k, Kind::Person, 3, &shaping());
        assert_eq!((t.id.as_str(), t.label.as_str()), ("auto-3", "Person 3"));
        assert_eq!(t.visible_range(), (0.8, 3.5), "0.5 s early but not before the range; 0.5 s late");
        assert_eq!(t.keyframes.len(), 7);
        assert!(t.keyframes[0].x < t.keyframes[1].x, "the early keyframe is moved back along the walk");
        for i in 0..40 {
            let time = 1.0 + i as f64 * 0.05;
            let truth = (300.0 + 100.0 * (time - 1.0), 100.0, 100.0, 200.0);
            let r = t.rect_at(time, 0.0).unwrap();
            assert!(r.x as f64 <= truth.0 && r.right() as f64 >= truth.0 + truth.2, "{time}: {r:?}");
            assert!(r.y as f64 <= truth.1 && r.bottom() as f64 >= truth.1 + truth.3, "{time}: {r:?}");
        }
        assert_eq!(t.confidence, Some(0.8));
        assert_eq!(confidence(&walker(1)), 0.46, "seen once: less sure");
    }

    #[test]
    fn someone_first_seen_at_the_edge_is_hidden_out_to_it_before_the_sighting() {
        // Walking in from the right: first seen at 2 s, 60 px from the edge.
        let obs = (0..4)
            .map(|i| Obs {
                t: 2.0 + i as f64 * 0.5,
                b: Detection { x: 0.84 - 0.05 * i as f32, y: 0.2, w: 0.1, h: 0.4, score: 0.9 },
            })
            .collect();
        let t = to_track(&Tracked { id: 1, obs, vel: (-0.1, 0.0) }, Kind::Person, 1, &shaping());
        assert_eq!(t.visible_range().0, 1.0, "two intervals before the first sighting");
        for time in [1.0, 1.5, 1.99] {
            let r = t.rect_at(time, 0.0).unwrap();
            assert!(r.x <= 840 && r.right() >= 1000, "{time} s: {r:?} leaves the strip to the edge open");
        }
        let r = t.rect_at(3.5, 0.0).unwrap();
        assert!(r.right() < 1000, "after the first sighting the box follows the person: {r:?}");
    }

    #[test]
    fn the_edge_strip_goes_only_where_the_walk_leads() {
        // Walking right, towards the right edge, first seen near it: they came from the left.
        let obs = (0..4)
            .map(|i| Obs {
                t: 2.0 + i as f64 * 0.5,
                b: Detection { x: 0.8 + 0.02 * i as f32, y: 0.2, w: 0.1, h: 0.4, score: 0.9 },
            })
            .collect();
        let t = to_track(&Tracked { id: 1, obs, vel: (0.04, 0.0) }, Kind::Person, 1, &shaping());
        let r = t.rect_at(1.6, 0.0).unwrap();
        assert!(r.right() < 1000, "before the first sighting: not stretched to the edge behind them: {r:?}");
        let r = t.rect_at(4.2, 0.0).unwrap();
        assert!(r.right() >= 1000, "after the last sighting: out to the edge they walked to: {r:?}");
    }

    #[test]
    fn a_walker_hidden_for_two_detections_stays_hidden_in_the_gap() {
        let mut tr = crate::track::Tracker::new(2.0);
        let truth = |t: f64| Detection { x: 0.1 + 0.04 * t as f32, y: 0.3, w: 0.06, h: 0.2, score: 0.9 };
        for i in 0..12 {
            let t = i as f64 * 0.3;
            tr.step(t, if i == 5 || i == 6 { vec![] } else { vec![truth(t)] });
        }
        let tracks = tr.finish();
        assert_eq!(tracks.len(), 1, "one track across the gap");
        let plan = to_track(&tracks[0], Kind::Person, 1, &Shaping { from: 0.0, to: 4.0, ..shaping() });
        for i in 0..36 {
            let t = i as f64 * 0.1;
            let d = truth(t);
            let r = plan.rect_at(t, 0.0).expect("visible all along");
            let (x, w) = (d.x as f64 * 1000.0, d.w as f64 * 1000.0);
            assert!(r.x as f64 <= x && r.right() as f64 >= x + w, "{t:.1} s: {r:?} leaves the walker at {x:.0}");
        }
    }
}
