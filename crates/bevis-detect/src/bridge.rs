//! Carrying a lost track on to where its person reappears, after the pass.
//!
//! The tracker decides online: when a walker is missed for a few detections, or
//! their box merges with a neighbour's for a moment, their track ends and a new
//! one starts where they reappear. Each piece is padded by one detection
//! interval, so between them the person walked uncovered (measured on a copy of
//! vtest: 8 frames at 30.4 s, a walker lost for 2.1 s). With the whole pass
//! known, a track that ends is carried on to the first box of a piece that starts
//! within a few seconds, close to where the first was heading: the plan then
//! interpolates the box across the gap. Both pieces stay as they are otherwise;
//! carrying one on to another person only blurs the way between them.

use crate::Detection;
use crate::track::Tracked;

/// How far from the predicted place (in the larger box's widths and heights) a
/// new piece may start and still be the same person.
const REACH: f32 = 1.5;

fn centre(b: &Detection) -> (f32, f32) {
    (b.x + b.w / 2.0, b.y + b.h / 2.0)
}

/// How far `b`'s first box is from where `a` was heading (in box sizes), if `b`
/// starts after `a` ends, within `max_gap` seconds.
fn distance(a: &Tracked, b: &Tracked, max_gap: f64) -> Option<f32> {
    let (last, first) = (a.obs.last()?, b.obs.first()?);
    let dt = first.t - last.t;
    if !(dt > 0.0 && dt <= max_gap) {
        return None;
    }
    let (cx, cy) = centre(&last.b);
    let (px, py) = (cx + a.vel.0 * dt as f32, cy + a.vel.1 * dt as f32);
    let (qx, qy) = centre(&first.b);
    let (w, h) = (last.b.w.max(first.b.w), last.b.h.max(first.b.h));
    let d = ((px - qx) / w).abs().max(((py - qy) / h).abs());
    (d <= REACH).then_some(d)
}

/// Every track that ends where another piece starts is carried on to that
/// piece's first box (nearest pairs first; each track carried on once, each
/// piece reached once).
pub fn carry_on(mut tracks: Vec<Tracked>, max_gap: f64) -> Vec<Tracked> {
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (i, a) in tracks.iter().enumerate() {
        for (j, b) in tracks.iter().enumerate() {
            if let Some(d) = distance(a, b, max_gap) {
                pairs.push((d, i, j));
            }
        }
    }
    pairs.sort_by(|p, q| p.0.total_cmp(&q.0));
    let (mut carried, mut reached) = (vec![false; tracks.len()], vec![false; tracks.len()]);
    for (_, i, j) in pairs {
        if !carried[i] && !reached[j] {
            (carried[i], reached[j]) = (true, true);
            let first = tracks[j].obs[0];
            tracks[i].obs.push(first);
        }
    }
    tracks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::track::Obs;

    fn piece(id: usize, from: f64, x0: f32, n: usize) -> Tracked {
        let obs = (0..n)
            .map(|i| Obs {
                t: from + i as f64 * 0.3,
                b: Detection { x: x0 + 0.03 * i as f32, y: 0.4, w: 0.05, h: 0.15, score: 0.8 },
            })
            .collect();
        Tracked { id, obs, vel: (0.1, 0.0) }
    }

    #[test]
    fn a_walker_lost_for_a_second_is_carried_on_and_someone_elsewhere_is_not() {
        let a = piece(1, 0.0, 0.1, 4); // last seen at 0.9 s, x 0.19, walking right
        let b = piece(2, 1.8, 0.28, 3); // where a would be at 1.8 s
        let c = piece(3, 1.5, 0.8, 3); // across the picture
        let d = piece(4, 4.0, 0.4, 3); // too late
        let out = carry_on(vec![a, b, c, d], 2.0);
        assert_eq!(out.len(), 4, "every piece stays");
        assert_eq!(out[0].obs.len(), 5, "the walker's track reaches the piece where he reappears");
        assert_eq!(out[0].obs[4], out[1].obs[0]);
        assert!(out[1..].iter().all(|k| k.obs.len() == 3), "nothing else is carried on");
    }
}
