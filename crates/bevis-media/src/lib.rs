//! The media core of Bevis, built on GStreamer.
//!
//! It opens CCTV footage (single files or NVR segment folders) as one timeline,
//! delivers exact frames for review, computes thumbnails and an activity profile
//! for the timeline, and renders the cropped, redacted H.264 clip that goes into
//! the evidence package — streamed to any `Write`, so no plaintext file is needed.
//!
//! Every frame that leaves this crate, for the screen or for the encoder, goes
//! through the same three steps: decode ([`decode`]), crop while copying into Rust
//! memory ([`frame::Planar`]), and redact ([`bevis_redact::redact_frame`]).

pub mod audio;
pub mod caption;
pub mod clock;
pub mod compose;
pub mod cut;
pub mod decode;
pub mod encode;
pub mod error;
pub mod frame;
pub mod names;
pub mod overview;
pub mod packets;
pub mod pipeline;
pub mod preview;
pub mod probe;
pub mod render;
mod stepback;
pub mod synth;
pub mod timeline;

pub use error::{MediaError, Result};
pub use probe::{FileInfo, Rate};
pub use timeline::{MediaInfo, probe};
