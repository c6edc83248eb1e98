//! Faces as the pass's second signal: a head in a crowd whose body the person
//! detector does not see, or a face close to the lens, still gets a track.
//!
//! CenterFace ([`crate::face`]) runs on the whole frame (area-averaged down to at most
//! [`MAX_WIDTH`] pixels wide) every [`EVERY`]-th detection. A face mostly inside
//! a person's box — found now or followed a moment ago — is already hidden by
//! that person's track and adds nothing; any other face becomes a head-sized box
//! followed by its own tracker, proposed as *Ansikte*.

use crate::face::{FACE_MODEL_FILE, FaceDetector};
use crate::tiles::{Region, inside, shrink};
use crate::track::Tracker;
use crate::{Detection, Result};
use image::RgbImage;

/// Widest picture the face model looks at (larger frames are scaled down).
pub const MAX_WIDTH: u32 = 384;
/// Faces are looked for on every this many person detections.
pub const EVERY: usize = 2;
/// Faces below this score are not used.
const MIN_SCORE: f32 = 0.4;
/// A face this much inside a person's box belongs to that person.
const OWNED: f32 = 0.6;

pub(crate) struct Faces {
    det: FaceDetector,
    size: (u32, u32),
    pub tracker: Tracker,
}

impl Faces {
    /// The face finder for frames of `width`×`height`, or `None` (said in the
    /// log) when the model is not installed: the pass then finds people only.
    pub fn load(width: u32, height: u32, max_gap: f64) -> Option<Faces> {
        let scale = (MAX_WIDTH as f32 / width as f32).min(1.0);
        let size = (((width as f32 * scale) as u32).max(32), ((height as f32 * scale) as u32).max(32));
        let path = crate::model_path(FACE_MODEL_FILE);
        match FaceDetector::load(&path, (size.0 as usize, size.1 as usize)) {
            Ok(det) => Some(Faces { det, size, tracker: Tracker::new(max_gap) }),
            Err(e) => {
                tracing::warn!("faces are not looked for: {e}");
                None
            }
        }
    }

    /// Whether faces are looked for in detection number `n`.
    pub fn due(n: usize) -> bool {
        n.is_multiple_of(EVERY)
    }

    /// The faces in a frame. Needs no people, so it runs beside the person model.
    pub fn look(&self, rgb: &RgbImage) -> Result<Vec<Detection>> {
        let small;
        let pic = if rgb.dimensions() == self.size {
            rgb
        } else {
            let whole = Region { x: 0, y: 0, w: rgb.width(), h: rgb.height() };
            small = shrink(rgb, &whole, self.size);
            &small
        };
        self.det.faces(pic.as_raw(), (self.size.0 as usize, self.size.1 as usize), MIN_SCORE)
    }

    /// The faces at `t` no person explains, as head boxes, into the face
    /// tracker; returns the tracks whose best sighting this is.
    pub fn follow(&mut self, t: f64, faces: &[Detection], people: &[Detection]) -> Vec<(usize, Detection)> {
        let heads = faces.iter().filter(|f| people.iter().all(|p| inside(f, p) < OWNED)).map(head).collect();
        self.tracker.step(t, heads)
    }
}

/// The head around a face: hair above, ears beside, chin below.
fn head(f: &Detection) -> Detection {
    let (w, h) = (f.w * 1.5, f.h * 1.6);
    let x = (f.x + f.w / 2.0 - w / 2.0).max(0.0);
    let y = (f.y - f.h * 0.4).max(0.0);
    Detection { x, y, w: w.min(1.0 - x), h: h.min(1.0 - y), score: f.score }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_is_larger_than_its_face_and_stays_in_the_picture() {
        let f = Detection { x: 0.5, y: 0.02, w: 0.1, h: 0.1, score: 0.9 };
        let h = head(&f);
        assert!(inside(&f, &h) > 0.99, "the face is inside its head");
        assert!(h.w > f.w && h.h > f.h && h.y == 0.0);
        let edge = head(&Detection { x: 0.95, ..f });
        assert!(edge.x + edge.w <= 1.0 + 1e-6);
    }
}
