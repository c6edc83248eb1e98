//! A dense reference for measuring one-frame leaks (issue #14, Must 4).
//!
//! Hand labels exist every 2.5 s; people walk a body width in less, so a label
//! interpolated between two of them is often on another person or on nobody. The
//! reference is instead the detector itself run the slow, thorough way — on
//! **every** frame, the whole frame and every tile, at the pass's own score floor
//! (0.3) — checked
//! against the hand labels where they exist (172 of vtest's 190 labelled people
//! are in it; docs/MODELS.md). Find-people's tracks are then scored on every frame against
//! it: what is measured is what the sparse pass and its tracks lose between
//! detections, exactly the frames a viewer would catch.

use crate::feed::{media, rgb_at};
use crate::tiles::{detect_regions, regions};
use crate::{Detector, Result};
use bevis_media::compose::Composer;
use bevis_media::preview::Previewer;
use bevis_redact::Rect;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The people seen in one frame, in pixels.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DenseFrame {
    pub t: f64,
    pub boxes: Vec<[i64; 4]>,
}

/// People on every frame of `[from, to]` of `path` with score ≥ `min_score`.
pub fn dense_reference(det: &Detector, path: &Path, (from, to): (f64, f64), min_score: f32) -> Result<Vec<DenseFrame>> {
    let info = bevis_media::probe(path).map_err(media)?;
    let (w, h, frame_s) = (info.width, info.height, info.frame_secs());
    let all = regions(w, h);
    let mut frames = Previewer::new(info.clone(), Composer::plain(&info));
    let mut out = Vec::new();
    let mut t = from;
    while t <= to.min(info.duration - frame_s / 2.0) {
        let (at, rgb) = rgb_at(&mut frames, t)?;
        let found = detect_regions(det, &rgb, min_score, &all)?;
        let px = |v: f32, side: u32| (v * side as f32).round() as i64;
        let boxes = found.iter().map(|d| [px(d.x, w), px(d.y, h), px(d.w, w), px(d.h, h)]).collect();
        out.push(DenseFrame { t: (at * 1000.0).round() / 1000.0, boxes });
        t = at + frame_s;
    }
    Ok(out)
}

/// The reference scaled to another rendition's size (`sx`, `sy`).
pub fn scaled(frames: &[DenseFrame], sx: f64, sy: f64) -> Vec<DenseFrame> {
    let s = |v: i64, k: f64| (v as f64 * k).round() as i64;
    frames
        .iter()
        .map(|f| DenseFrame {
            t: f.t,
            boxes: f.boxes.iter().map(|b| [s(b[0], sx), s(b[1], sy), s(b[2], sx), s(b[3], sy)]).collect(),
        })
        .collect()
}

/// A box written as `[x, y, w, h]` pixels (as in the reference and the hand labels).
pub fn rect(b: &[i64; 4]) -> Rect {
    Rect { x: b[0], y: b[1], w: b[2], h: b[3] }
}
