//! Turning a decoded frame into the frame the evidence shows: crop, then redact.
//!
//! The preview and the export both hold a [`Composer`]; there is no other way for
//! a frame to reach the screen or the encoder, which is what makes "what you see
//! is what is exported" true by construction.

use crate::caption::Caption;
use crate::clock::Zoned;
use crate::decode::Frame;
use crate::error::{MediaError, Result};
use crate::frame::{Planar, align_crop};
use crate::timeline::MediaInfo;
use bevis_redact::{EditPlan, Mode, Rect, Track, redact_frame};

/// Crop rectangle and redaction tracks for one source.
#[derive(Debug, Clone)]
pub struct Composer {
    pub crop: Rect,
    pub tracks: Vec<Track>,
    pub mode: Mode,
    /// Half a frame duration: the tolerance for track visibility.
    pub half_frame: f64,
    /// Burned-in camera name and time, drawn after redaction.
    pub caption: Option<Caption>,
}

impl Composer {
    /// The whole frame, nothing hidden.
    pub fn plain(info: &MediaInfo) -> Composer {
        let crop = Rect { x: 0, y: 0, w: info.width as i64, h: info.height as i64 };
        let crop = align_crop(crop, info.width, info.height).unwrap_or(crop);
        Composer {
            crop,
            tracks: Vec::new(),
            mode: Mode::BlurTracks,
            half_frame: info.frame_secs() / 2.0,
            caption: None,
        }
    }

    /// The plan's tracks for `source`, cropped to `crop` (whole frame if `None`).
    pub fn from_plan(plan: &EditPlan, source: &str, crop: Option<Rect>, info: &MediaInfo) -> Result<Composer> {
        let full = Rect { x: 0, y: 0, w: info.width as i64, h: info.height as i64 };
        let wanted = crop.unwrap_or(full);
        if wanted.clamp_to(full.w, full.h) != Some(wanted) {
            return Err(MediaError::Plan(format!(
                "the crop rectangle {}×{} at ({}, {}) lies outside the {}×{} frame",
                wanted.w, wanted.h, wanted.x, wanted.y, full.w, full.h
            )));
        }
        let crop = align_crop(wanted, info.width, info.height)
            .ok_or_else(|| MediaError::Plan("the crop rectangle is too small".into()))?;
        let tracks = plan.tracks_of(source).cloned().collect();
        let caption = caption(plan, source, info)?;
        Ok(Composer { crop, tracks, mode: plan.mode, half_frame: info.frame_secs() / 2.0, caption })
    }

    /// Crops and redacts one decoded frame shown at timeline time `t`.
    pub fn compose(&self, frame: &Frame, t: f64) -> Result<Planar> {
        let mut planar = Planar::crop_from(&frame.map()?, self.crop)?;
        let tracks: Vec<&Track> = self.tracks.iter().collect();
        redact_frame(&mut planar.yuv(), &tracks, self.mode, t, self.half_frame, (self.crop.x, self.crop.y));
        if let Some(caption) = &self.caption {
            caption.draw(&mut planar, t);
        }
        Ok(planar)
    }
}

/// The caption the plan asks for, or an error saying what is missing for it.
fn caption(plan: &EditPlan, source: &str, info: &MediaInfo) -> Result<Option<Caption>> {
    let (stamp, name) = (plan.options.burn_timestamp, plan.options.burn_camera);
    if !stamp && !name {
        return Ok(None);
    }
    let src = plan.source(source).ok_or_else(|| MediaError::Plan(format!("unknown source '{source}'")))?;
    let camera = match (name, &src.camera) {
        (true, None) => return Err(MediaError::Plan("a burned-in camera name needs the source's camera name".into())),
        (true, Some(c)) => Some(c.clone()),
        (false, _) => None,
    };
    if stamp && info.start.is_none() {
        let msg = "the recording start time is unknown: enter it (the source's \"start\") or turn off the burned-in timestamp";
        return Err(MediaError::Plan(msg.into()));
    }
    let clock = if stamp { Some(Zoned::of(info, src.clock.as_ref())?) } else { None };
    Ok(Some(Caption { camera, clock }))
}
