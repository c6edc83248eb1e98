//! The redaction model of Bevis: what the intendent decided to show and to hide.
//!
//! An [`EditPlan`] names the footage (sources), the parts of it that go into the
//! evidence (clips: a frame-exact `[in, out)` range and a crop rectangle) and the
//! regions to hide (tracks: keyframed rectangles or ellipses, interpolated linearly).
//! The plan is plain JSON with a format version so that it can be saved, reviewed,
//! logged in the package manifest and replayed bit-for-bit.
//!
//! The kernels in [`kernels`] work directly on the planes of an I420 or NV12 frame,
//! so the preview and the export apply exactly the same operation to exactly the
//! same pixels. This crate knows nothing about GStreamer: `bevis-media` hands it
//! mapped frame memory.

pub mod apply;
pub mod interp;
pub mod kernels;
pub mod plan;
mod validate;

pub use apply::{FrameLayout, YuvFrame, redact_frame};
pub use plan::{
    Clip, EditPlan, Involved, Keyframe, Mode, PLAN_VERSION, PlanError, Rect, RenderOptions, Shape, Source, SourceClock,
    Style, Track,
};
