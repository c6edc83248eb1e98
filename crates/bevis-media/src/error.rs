//! Errors of the media core. Each variant renders as one line an intendent can act
//! on; the file name is always part of it because a review may involve dozens of
//! NVR segments.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MediaError {
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path} is empty (0 bytes)")]
    Empty { path: PathBuf },
    #[error("{path} is not a video file Bevis can read ({detail})")]
    NotVideo { path: PathBuf, detail: String },
    #[error("{path} contains no video stream (audio only?)")]
    NoVideo { path: PathBuf },
    #[error("{path}: the video codec {codec} is not supported (no decoder for it is installed)")]
    UnsupportedCodec { path: PathBuf, codec: String },
    #[error("{path}: the frame size {width}×{height} is not plausible (Bevis accepts up to 8192×8192)")]
    AbsurdSize { path: PathBuf, width: i32, height: i32 },
    #[error("{path} is damaged or truncated: {detail}")]
    Corrupt { path: PathBuf, detail: String },
    #[error("{path}: no answer after {secs} s while {what}; the file is probably damaged")]
    Timeout { path: PathBuf, secs: u64, what: &'static str },
    #[error("the folder {path} contains no video files")]
    EmptyFolder { path: PathBuf },
    #[error("the segments in {path} do not match: {detail}")]
    MixedSegments { path: PathBuf, detail: String },
    #[error("the plan does not fit the footage: {0}")]
    Plan(String),
    #[error(transparent)]
    InvalidPlan(#[from] bevis_redact::PlanError),
    #[error("GStreamer element '{0}' is missing; install the GStreamer plugin packages listed in the README")]
    MissingElement(&'static str),
    #[error("the output could not be written: {0}")]
    Output(std::io::Error),
    #[error("cancelled")]
    Cancelled,
    #[error("media pipeline failed: {0}")]
    Pipeline(String),
}

pub type Result<T, E = MediaError> = std::result::Result<T, E>;

impl From<gstreamer::glib::BoolError> for MediaError {
    fn from(e: gstreamer::glib::BoolError) -> Self {
        MediaError::Pipeline(e.to_string())
    }
}

impl From<gstreamer::StateChangeError> for MediaError {
    fn from(e: gstreamer::StateChangeError) -> Self {
        MediaError::Pipeline(e.to_string())
    }
}
