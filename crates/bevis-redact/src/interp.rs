//! Where a track is at time `t`: linear interpolation between keyframes.
//!
//! Before the first keyframe and after the last the box holds still, so a track
//! drawn on one frame covers its whole visible range. Outside the visible range the
//! track does not exist. The rounding to whole pixels grows the box outward, never
//! inward: a redaction may be a pixel too large, never a pixel too small.

use crate::plan::{Keyframe, Rect, Track};

impl Track {
    /// The visible range `[from, to]`, defaulting to the keyframes' span.
    pub fn visible_range(&self) -> (f64, f64) {
        let first = self.keyframes.first().map_or(0.0, |k| k.t);
        let last = self.keyframes.last().map_or(0.0, |k| k.t);
        (self.from.unwrap_or(first), self.to.unwrap_or(last))
    }

    /// The track's box at `t`, or `None` when the track is not visible then.
    /// `tolerance` widens the visible range (half a frame, so that a keyframe
    /// placed on a frame's timestamp covers that frame despite rounding).
    pub fn rect_at(&self, t: f64, tolerance: f64) -> Option<Rect> {
        let (from, to) = self.visible_range();
        if t < from - tolerance || t > to + tolerance {
            return None;
        }
        let k = interpolate(&self.keyframes, t)?;
        let (x0, y0) = (k.x.floor(), k.y.floor());
        let (x1, y1) = ((k.x + k.w).ceil(), (k.y + k.h).ceil());
        Some(Rect { x: x0 as i64, y: y0 as i64, w: (x1 - x0) as i64, h: (y1 - y0) as i64 })
    }
}

/// Linear interpolation over keyframes sorted by time; holds at both ends.
pub fn interpolate(keys: &[Keyframe], t: f64) -> Option<Keyframe> {
    let first = keys.first()?;
    let last = keys.last()?;
    if t <= first.t {
        return Some(Keyframe { t, ..*first });
    }
    if t >= last.t {
        return Some(Keyframe { t, ..*last });
    }
    let i = keys.partition_point(|k| k.t <= t);
    let (a, b) = (&keys[i - 1], &keys[i]);
    let f = (t - a.t) / (b.t - a.t);
    let lerp = |p: f64, q: f64| p + (q - p) * f;
    Some(Keyframe { t, x: lerp(a.x, b.x), y: lerp(a.y, b.y), w: lerp(a.w, b.w), h: lerp(a.h, b.h) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Shape, Style};

    fn kf(t: f64, x: f64, y: f64, w: f64, h: f64) -> Keyframe {
        Keyframe { t, x, y, w, h }
    }

    fn track(keys: Vec<Keyframe>) -> Track {
        Track {
            id: "t".into(),
            source: "s".into(),
            label: String::new(),
            shape: Shape::Rect,
            style: Style::Blur,
            strength: 1.0,
            keyframes: keys,
            from: None,
            to: None,
            keep: false,
            confidence: None,
        }
    }

    #[test]
    fn interpolates_linearly_between_keyframes() {
        let keys = [kf(0.0, 0.0, 0.0, 10.0, 10.0), kf(2.0, 100.0, 50.0, 30.0, 10.0)];
        let mid = interpolate(&keys, 1.0).unwrap();
        assert_eq!((mid.x, mid.y, mid.w, mid.h), (50.0, 25.0, 20.0, 10.0));
        let quarter = interpolate(&keys, 0.5).unwrap();
        assert_eq!((quarter.x, quarter.y), (25.0, 12.5));
    }

    #[test]
    fn three_keyframes_pick_the_right_segment() {
        let keys = [kf(0.0, 0.0, 0.0, 1.0, 1.0), kf(1.0, 10.0, 0.0, 1.0, 1.0), kf(3.0, 10.0, 40.0, 1.0, 1.0)];
        assert_eq!(interpolate(&keys, 2.0).unwrap().y, 20.0);
        assert_eq!(interpolate(&keys, 1.0).unwrap().x, 10.0);
    }

    #[test]
    fn holds_outside_keyframes_but_respects_visible_range() {
        let mut t = track(vec![kf(1.0, 5.0, 5.0, 10.0, 10.0), kf(2.0, 15.0, 5.0, 10.0, 10.0)]);
        assert_eq!(t.rect_at(0.5, 0.0), None);
        t.from = Some(0.0);
        t.to = Some(9.0);
        assert_eq!(t.rect_at(0.5, 0.0), Some(Rect { x: 5, y: 5, w: 10, h: 10 }));
        assert_eq!(t.rect_at(8.0, 0.0), Some(Rect { x: 15, y: 5, w: 10, h: 10 }));
        assert_eq!(t.rect_at(9.5, 0.0), None);
    }

    #[test]
    fn rounding_grows_the_box() {
        let t = track(vec![kf(0.0, 1.5, 2.5, 3.2, 4.1)]);
        // 1.5..4.7 -> 1..5, 2.5..6.6 -> 2..7
        assert_eq!(t.rect_at(0.0, 0.0), Some(Rect { x: 1, y: 2, w: 4, h: 5 }));
    }
}
