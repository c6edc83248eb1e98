//! Bevis workflows shared by the desktop app and the command line.
//!
//! The app (`src-tauri`) and the `bevis` binary are both thin: they parse input,
//! call into this crate, and present the result. Everything a user can do — and
//! every access check, in [`desk`] — lives here, so the two front ends cannot
//! drift apart and neither can skip a check.

pub mod bridge;
pub mod desk;
pub mod drives;
pub mod due;
pub mod export;
pub mod keystore;
pub mod leak;
pub mod letters;
pub mod preview;
pub mod receipt;
pub mod report;
pub mod station;
pub mod wipe;

pub use bevis_detect as detect;
pub use bevis_media as media;
pub use bevis_pack as pack;
pub use bevis_redact as redact;
pub use bevis_register as register;
