//! Following people from one detection to the next (ByteTrack-style).
//!
//! Each track predicts where its person is now from a smoothed velocity; confident
//! detections are matched first by overlap with the predictions, then the weak
//! ones (score between the floor and `HIGH`) — that is what keeps a half-hidden
//! person on their track instead of dropping them. Unmatched weak detections start
//! tracks too (a person in dark clothes may never score high), but such tracks
//! are only proposed once seen several times (see `pass`).
//! A track that finds no detection is kept for `max_gap` seconds, so a person
//! hidden behind a pillar for a moment keeps one track, and the keyframes on both
//! sides of the gap interpolate across it.

use crate::{Detection, iou};

/// Detections at least this sure start tracks.
pub const HIGH: f32 = 0.5;
/// Minimum overlap between a prediction and a detection to be the same person.
const MATCH_IOU: f32 = 0.15;

/// One observation of a tracked person.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Obs {
    pub t: f64,
    pub b: Detection,
}

#[derive(Debug, Clone)]
pub struct Tracked {
    pub id: usize,
    pub obs: Vec<Obs>,
    /// Velocity of the box centre, fractions of the frame per second.
    pub vel: (f32, f32),
}

impl Tracked {
    fn last(&self) -> Obs {
        *self.obs.last().expect("a track has at least one observation")
    }

    /// When the person was last seen.
    pub fn last_t(&self) -> f64 {
        self.last().t
    }

    /// Where the box is expected at `t`.
    pub fn predict(&self, t: f64) -> Detection {
        let o = self.last();
        let dt = (t - o.t) as f32;
        Detection { x: o.b.x + self.vel.0 * dt, y: o.b.y + self.vel.1 * dt, ..o.b }
    }

    pub fn best(&self) -> f32 {
        self.obs.iter().map(|o| o.b.score).fold(0.0, f32::max)
    }

    fn add(&mut self, t: f64, b: Detection) {
        let o = self.last();
        let dt = (t - o.t) as f32;
        if dt > 0.0 {
            let v = ((b.x + b.w / 2.0 - o.b.x - o.b.w / 2.0) / dt, (b.y + b.h / 2.0 - o.b.y - o.b.h / 2.0) / dt);
            let a = if self.obs.len() == 1 { 1.0 } else { 0.5 };
            self.vel = (self.vel.0 + a * (v.0 - self.vel.0), self.vel.1 + a * (v.1 - self.vel.1));
        }
        self.obs.push(Obs { t, b });
    }
}

pub struct Tracker {
    active: Vec<Tracked>,
    done: Vec<Tracked>,
    max_gap: f64,
    next_id: usize,
    merging: bool,
}

impl Tracker {
    pub fn new(max_gap: f64) -> Tracker {
        Tracker { active: Vec::new(), done: Vec::new(), max_gap, next_id: 1, merging: false }
    }

    /// For moving regions: two people walking past each other become one region
    /// for a while. A track left without a match whose prediction lies inside a
    /// region of this step then follows its own prediction, instead of stopping
    /// where the regions merged.
    pub fn merging(mut self) -> Tracker {
        self.merging = true;
        self
    }

    pub fn active(&self) -> &[Tracked] {
        &self.active
    }

    /// Takes the detections at `t`; returns the ids of tracks whose best
    /// observation is now one of these (for their thumbnails), with that box.
    pub fn step(&mut self, t: f64, dets: Vec<Detection>) -> Vec<(usize, Detection)> {
        let (gone, kept): (Vec<_>, Vec<_>) =
            std::mem::take(&mut self.active).into_iter().partition(|k| t - k.last().t > self.max_gap);
        self.done.extend(gone);
        self.active = kept;
        let regions = if self.merging { dets.clone() } else { Vec::new() };
        let (high, low): (Vec<_>, Vec<_>) = dets.into_iter().partition(|d| d.score >= HIGH);
        let mut free: Vec<usize> = (0..self.active.len()).collect();
        let mut improved = Vec::new();
        let mut left = self.assign(t, high, &mut free, &mut improved);
        left.extend(self.assign(t, low, &mut free, &mut improved));
        for &k in &free {
            let p = self.active[k].predict(t);
            if let Some(r) = regions.iter().find(|r| crate::tiles::inside(&p, r) >= 0.6) {
                self.active[k].add(t, Detection { score: r.score.min(p.score), ..p });
            }
        }
        for b in left {
            let id = self.next_id;
            self.next_id += 1;
            self.active.push(Tracked { id, obs: vec![Obs { t, b }], vel: (0.0, 0.0) });
            improved.push((id, b));
        }
        improved
    }

    /// Greedy matching by similarity to the predictions; returns unmatched detections.
    fn assign(
        &mut self,
        t: f64,
        dets: Vec<Detection>,
        free: &mut Vec<usize>,
        improved: &mut Vec<(usize, Detection)>,
    ) -> Vec<Detection> {
        let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
        for &k in free.iter() {
            let p = self.active[k].predict(t);
            for (j, d) in dets.iter().enumerate() {
                if let Some(sim) = similarity(&p, d) {
                    pairs.push((sim, k, j));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut used = vec![false; dets.len()];
        for (_, k, j) in pairs {
            if used[j] || !free.contains(&k) {
                continue;
            }
            used[j] = true;
            free.retain(|&f| f != k);
            let track = &mut self.active[k];
            if dets[j].score > track.best() {
                improved.push((track.id, dets[j]));
            }
            track.add(t, dets[j]);
        }
        dets.into_iter().zip(used).filter(|(_, u)| !u).map(|(d, _)| d).collect()
    }

    /// All tracks, in the order they started.
    pub fn finish(mut self) -> Vec<Tracked> {
        self.done.append(&mut self.active);
        self.done.sort_by_key(|k| k.id);
        self.done
    }
}

/// How alike a prediction and a detection are: their overlap, or — for small,
/// far-away people, whose boxes stop overlapping after a few pixels of walking —
/// a low-priority match by centre distance (under ¾ of the height) when the sizes
/// agree. `None` when they are not the same person.
fn similarity(p: &Detection, d: &Detection) -> Option<f32> {
    let o = iou(p, d);
    if o >= MATCH_IOU {
        return Some(o);
    }
    let (dx, dy) = (p.x + p.w / 2.0 - d.x - d.w / 2.0, p.y + p.h / 2.0 - d.y - d.h / 2.0);
    let dist = (dx * dx + dy * dy).sqrt() / p.h.max(1e-6);
    let ratio = d.h / p.h.max(1e-6);
    (dist < 0.75 && (0.67..1.5).contains(&ratio)).then(|| 0.1 * (1.0 - dist / 0.75))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(x: f32, score: f32) -> Detection {
        Detection { x, y: 0.3, w: 0.08, h: 0.25, score }
    }

    #[test]
    fn two_walkers_crossing_keep_their_tracks_and_a_hidden_one_is_bridged() {
        let mut tr = Tracker::new(1.5);
        for i in 0..20 {
            let t = i as f64 * 0.25;
            let a = at(0.1 + 0.02 * i as f32, 0.9);
            let b = at(0.8 - 0.02 * i as f32, 0.8);
            // b is behind something at two detections, and weakly seen at one.
            let dets = match i {
                8 | 9 => vec![a],
                10 => vec![a, Detection { score: 0.35, ..b }],
                _ => vec![a, b],
            };
            tr.step(t, dets);
        }
        let tracks = tr.finish();
        assert_eq!(tracks.len(), 2, "{tracks:#?}");
        assert_eq!(tracks[0].obs.len(), 20);
        assert_eq!(tracks[1].obs.len(), 18, "the gap of two is bridged, the weak one continues the track");
        assert!(tracks[1].obs.windows(2).all(|w| w[1].b.x < w[0].b.x), "b keeps moving left");
    }

    #[test]
    fn merged_regions_keep_both_tracks_moving() {
        let mut tr = Tracker::new(1.0).merging();
        for i in 0..10 {
            let t = i as f64 * 0.5;
            let (a, b) = (at(0.1 + 0.03 * i as f32, 0.4), at(0.5 - 0.03 * i as f32, 0.4));
            let dets = if (4..7).contains(&i) {
                let x0 = a.x.min(b.x);
                vec![Detection { x: x0, w: a.x.max(b.x) + a.w - x0, ..a }]
            } else {
                vec![a, b]
            };
            tr.step(t, dets);
        }
        let tracks = tr.finish();
        assert_eq!(tracks.len(), 2, "{tracks:#?}");
        assert!(tracks.iter().all(|k| k.obs.len() == 10), "both followed through the merge");
    }

    #[test]
    fn a_track_ends_after_the_longest_gap() {
        let mut tr = Tracker::new(0.5);
        tr.step(0.0, vec![at(0.1, 0.9)]);
        tr.step(1.0, vec![at(0.1, 0.9)]);
        assert_eq!(tr.finish().len(), 2, "the gap of 1 s is longer than 0.5 s: two tracks");
        let mut tr = Tracker::new(0.5);
        tr.step(0.0, vec![at(0.1, 0.4)]);
        tr.step(0.3, vec![at(0.1, 0.4)]);
        assert_eq!(tr.finish()[0].obs.len(), 2, "weak detections start tracks and continue them");
    }
}
