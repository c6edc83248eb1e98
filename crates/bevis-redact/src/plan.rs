//! The edit plan: a versioned JSON document that says which footage goes into the
//! evidence and what is hidden in it.
//!
//! Times are seconds on the source's own timeline (0 = first frame); positions are
//! pixels of the *source* frame, before any crop, so that tracks stay valid when the
//! crop rectangle is changed afterwards. Unknown fields and unknown versions are
//! rejected: a plan that this version cannot fully honour must never be rendered
//! with parts of it silently ignored.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The plan format this build reads and writes.
pub const PLAN_VERSION: u32 = 1;

/// Why a plan cannot be used. Every message is one line a person can act on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PlanError {
    #[error("the plan is not valid JSON for this version: {0}")]
    Json(#[from] serde_json::Error),
    #[error("plan format version {found} is not supported (this build reads version {PLAN_VERSION})")]
    UnsupportedVersion { found: u32 },
    #[error("{0}")]
    Invalid(String),
}

/// How tracks are used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Hide what the tracks cover (bystanders); everything else stays visible.
    #[default]
    BlurTracks,
    /// Hide everything except the tracks marked `keep` (a data subject's own copy).
    KeepVisible,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    #[default]
    Rect,
    Ellipse,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    /// Block-average then smooth: looks like a blur but is not invertible.
    #[default]
    Blur,
    Pixelate,
    /// Opaque black.
    Solid,
}

/// An axis-aligned rectangle in source pixels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Rect {
    pub x: i64,
    pub y: i64,
    pub w: i64,
    pub h: i64,
}

impl Rect {
    pub fn right(&self) -> i64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> i64 {
        self.y + self.h
    }
    /// The part of `self` inside a `width`×`height` frame, if any.
    pub fn clamp_to(&self, width: i64, height: i64) -> Option<Rect> {
        let (x0, y0) = (self.x.max(0), self.y.max(0));
        let (x1, y1) = (self.right().min(width), self.bottom().min(height));
        (x1 > x0 && y1 > y0).then_some(Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 })
    }
}

/// A footage source: one file or one folder of NVR segments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(rename = "PlanSource")]
pub struct Source {
    pub id: String,
    pub path: PathBuf,
    /// Camera name shown in burned-in captions and the manifest.
    #[serde(default)]
    pub camera: Option<String>,
    /// Recording start entered by hand (`YYYY-MM-DDTHH:MM:SS`, local time), for
    /// footage whose file name and metadata do not carry it.
    #[serde(default)]
    pub start: Option<String>,
    /// The recorder's clock against real time; `None`: not checked (offset 0,
    /// Europe/Stockholm). A review session fills it in from its record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock: Option<SourceClock>,
}

/// How a recorder's clock differed from real time, and how that was found out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(rename = "PlanClock")]
pub struct SourceClock {
    /// Seconds the recorder was ahead of real time (negative: behind).
    pub offset_s: f64,
    /// How the offset was established.
    #[serde(default)]
    pub how: String,
    /// IANA time zone of the recording's local times.
    pub time_zone: String,
}

/// One piece of the evidence: `[in, out)` of a source, optionally cropped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Clip {
    pub source: String,
    #[serde(rename = "in")]
    pub in_s: f64,
    #[serde(rename = "out")]
    pub out_s: f64,
    #[serde(default)]
    pub crop: Option<Rect>,
}

/// Track position at one instant.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Keyframe {
    pub t: f64,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// A region that follows someone through a source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Track {
    pub id: String,
    pub source: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub shape: Shape,
    #[serde(default)]
    pub style: Style,
    /// Multiplies the default strength (1.0); the effective blur never drops below
    /// the floor that makes faces unrecognisable.
    #[serde(default = "one")]
    pub strength: f64,
    pub keyframes: Vec<Keyframe>,
    /// Visible range `[from, to]`; defaults to the first and last keyframe.
    #[serde(default)]
    pub from: Option<f64>,
    #[serde(default)]
    pub to: Option<f64>,
    /// In `keep_visible` mode: this track stays sharp.
    #[serde(default)]
    pub keep: bool,
    /// For tracks proposed by person detection: how sure the detector was (0…1).
    /// Hand-drawn tracks have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
}

fn one() -> f64 {
    1.0
}

/// What is burned into the picture and whether audio survives.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct RenderOptions {
    #[serde(default)]
    pub burn_timestamp: bool,
    #[serde(default)]
    pub burn_camera: bool,
    #[serde(default)]
    pub keep_audio: bool,
}

/// The whole plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct EditPlan {
    pub version: u32,
    #[serde(default)]
    pub mode: Mode,
    pub sources: Vec<Source>,
    #[serde(default)]
    pub clips: Vec<Clip>,
    #[serde(default)]
    pub tracks: Vec<Track>,
    #[serde(default)]
    pub options: RenderOptions,
    /// People the leak check found whom the reviewer judged part of the
    /// incident: they stay visible, and the redaction log names them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub involved: Vec<Involved>,
}

/// A person judged involved in the incident (see [`EditPlan::involved`]): where
/// the check saw them, so that a later check recognises them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Involved {
    pub source: String,
    pub label: String,
    pub keyframes: Vec<Keyframe>,
}

impl EditPlan {
    /// A plan with one source and nothing else, the starting point of a review.
    pub fn for_source(path: impl Into<PathBuf>) -> Self {
        EditPlan {
            version: PLAN_VERSION,
            mode: Mode::BlurTracks,
            sources: vec![Source { id: "s1".into(), path: path.into(), camera: None, start: None, clock: None }],
            clips: Vec::new(),
            tracks: Vec::new(),
            options: RenderOptions::default(),
            involved: Vec::new(),
        }
    }

    /// Parses and validates; checks the version before anything else so that a
    /// newer plan is reported as such and not as a pile of unknown fields.
    pub fn from_json(text: &str) -> Result<Self, PlanError> {
        #[derive(Deserialize)]
        struct VersionOnly {
            version: u32,
        }
        let v: VersionOnly = serde_json::from_str(text)?;
        if v.version != PLAN_VERSION {
            return Err(PlanError::UnsupportedVersion { found: v.version });
        }
        let plan: EditPlan = serde_json::from_str(text)?;
        plan.validate()?;
        Ok(plan)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plan types always serialize")
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Tracks that belong to one source.
    pub fn tracks_of<'a>(&'a self, source: &'a str) -> impl Iterator<Item = &'a Track> + 'a {
        self.tracks.iter().filter(move |t| t.source == source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> String {
        r#"{"version":1,"sources":[{"id":"s1","path":"a.mp4"}],
            "clips":[{"source":"s1","in":1.0,"out":2.0,"crop":{"x":0,"y":0,"w":100,"h":80}}],
            "tracks":[{"id":"t1","source":"s1","keyframes":[{"t":0,"x":1,"y":2,"w":3,"h":4}]}]}"#
            .to_string()
    }

    #[test]
    fn round_trips_through_json() {
        let plan = EditPlan::from_json(&sample()).unwrap();
        assert_eq!(plan.tracks[0].strength, 1.0);
        assert_eq!(EditPlan::from_json(&plan.to_json()).unwrap(), plan);
    }

    #[test]
    fn fail_unknown_field() {
        let text = sample().replace("\"mode\"", "x").replace("\"clips\"", "\"clipz\"");
        let err = EditPlan::from_json(&text).unwrap_err().to_string();
        assert!(err.contains("clipz"), "{err}");
    }

    #[test]
    fn fail_unknown_version() {
        let text = sample().replace("\"version\":1", "\"version\":7");
        assert!(matches!(EditPlan::from_json(&text), Err(PlanError::UnsupportedVersion { found: 7 })));
    }

    #[test]
    fn fail_inverted_and_negative_times() {
        let inverted = sample().replace("\"in\":1.0,\"out\":2.0", "\"in\":3.0,\"out\":2.0");
        assert!(EditPlan::from_json(&inverted).unwrap_err().to_string().contains("must be after"));
        let negative = sample().replace("\"in\":1.0", "\"in\":-1.0");
        assert!(EditPlan::from_json(&negative).unwrap_err().to_string().contains("negative"));
        let kf = sample().replace("\"t\":0,", "\"t\":-2,");
        assert!(EditPlan::from_json(&kf).is_err());
    }

    #[test]
    fn fail_unknown_source_reference() {
        let text = sample().replace("\"source\":\"s1\",\"in\"", "\"source\":\"s9\",\"in\"");
        assert!(EditPlan::from_json(&text).unwrap_err().to_string().contains("s9"));
    }

    #[test]
    fn clamp_rect_to_frame() {
        let r = Rect { x: -10, y: 5, w: 30, h: 100 };
        assert_eq!(r.clamp_to(100, 50), Some(Rect { x: 0, y: 5, w: 20, h: 45 }));
        assert_eq!(Rect { x: 200, y: 0, w: 5, h: 5 }.clamp_to(100, 50), None);
    }
}
