//! The leak check through a review session: the person detector over every
//! clip of a plan (inside the incident window, like "find people"), the
//! findings with a still rendered through the plan (what the recipient would
//! see), the reviewer's resolutions applied, and the result recorded so that the
//! export can insist on it (`Desk::export`). Nothing is played: the audit row
//! names the stills that were shown.

use super::{Desk, DeskError, Result};
use crate::leak::{self, Finding};
use bevis_detect::{Detector, Progress};
use bevis_redact::{EditPlan, Involved, Rect, Track};
use std::path::Path;

/// The people a pass follows, with the plan source each is in.
type People = Vec<(String, Track)>;

/// What the reviewer decided about a finding.
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "LeakResolution")]
pub enum Resolution {
    /// Hide them: a blur track made from the detection.
    Mask { finding: String },
    /// Part of the incident: they stay visible, named.
    Involved { finding: String, label: String },
}

/// The check's result.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct LeakReport {
    pub findings: Vec<Finding>,
    /// One JPEG per finding: the person's box as the export would show it.
    #[serde(skip)]
    #[ts(skip)]
    pub thumbs: Vec<Vec<u8>>,
    /// The plan with the resolutions applied (the one the check passed or failed).
    pub plan: EditPlan,
    /// The plan's sources on which much of the picture kept changing (a moving
    /// camera, changing light, a dense crowd): the check cannot be relied on
    /// there, and the reviewer is told so.
    pub unsteady: Vec<String>,
}

/// Applies `resolutions` to `plan`; an unknown finding id is an error.
fn resolve(plan: &mut EditPlan, findings: &[Finding], resolutions: &[Resolution]) -> Result<()> {
    let find = |id: &str| {
        findings
            .iter()
            .find(|f| f.id == id)
            .ok_or_else(|| DeskError::Invalid(format!("no finding '{id}' in this check")))
    };
    for r in resolutions {
        match r {
            Resolution::Mask { finding } => {
                let f = find(finding)?;
                let n = plan.tracks.len() + 1;
                let label = format!("leak check: person at {:.1} s", f.from);
                plan.tracks.push(Track { id: format!("leak-{n}"), label, keep: false, ..f.track.clone() });
            }
            Resolution::Involved { finding, label } => {
                let f = find(finding)?;
                if label.trim().is_empty() {
                    return Err(DeskError::Invalid("say who the involved person is (a label)".into()));
                }
                let keyframes = f.track.keyframes.clone();
                plan.involved.push(Involved { source: f.source.clone(), label: label.trim().into(), keyframes });
            }
        }
    }
    Ok(())
}

/// The finding's box, cut from the composed frame (crop-relative), as JPEG.
fn thumb(path: &Path, f: &Finding, plan: &EditPlan) -> Option<Vec<u8>> {
    let frame = crate::preview::frame(path, f.at, Some(plan)).ok()?;
    let crop = plan.clips.iter().find(|c| c.source == f.source).and_then(|c| c.crop);
    let (ox, oy) = crop.map_or((0, 0), |c| (c.x, c.y));
    let (w, h, rgba) = crate::preview::rgba(&frame, None).ok()?;
    let img = image::RgbaImage::from_raw(w, h, rgba)?;
    let r = Rect { x: f.rect.x - ox, y: f.rect.y - oy, ..f.rect }.clamp_to(w as i64, h as i64)?;
    let cut = image::imageops::crop_imm(&img, r.x as u32, r.y as u32, r.w as u32, r.h as u32).to_image();
    let mut out = Vec::new();
    image::DynamicImage::ImageRgba8(cut)
        .to_rgb8()
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Jpeg)
        .ok()?;
    Some(out)
}

impl Desk {
    /// Runs the leak check on `plan` in session `id`, applies `resolutions` to
    /// the findings, and records how many are left. `progress` returns `false` to cancel.
    pub fn leak_check(
        &mut self,
        id: i64,
        mut plan: EditPlan,
        resolutions: &[Resolution],
        progress: &mut dyn FnMut(Progress) -> bool,
    ) -> Result<LeakReport> {
        self.flush_played()?;
        let s = self.usable_session(id)?;
        let indices = super::export::fill_plan(&mut plan, &s).map_err(|e| self.refused(e))?;
        let (people, frame_s, unsteady) = self.people_in(id, &plan, &indices, progress)?;
        let first = leak::findings(&plan, &people, frame_s);
        resolve(&mut plan, &first, resolutions)?;
        let findings = leak::findings(&plan, &people, frame_s);
        let path = |f: &Finding| plan.source(&f.source).map(|s| s.path.clone());
        let thumbs = findings.iter().map(|f| path(f).and_then(|p| thumb(&p, f, &plan)).unwrap_or_default()).collect();
        let fp = leak::fingerprint(&plan);
        let shown: Vec<String> = findings.iter().map(|f| format!("{} {:.2} s", f.source, f.at)).collect();
        self.reg.record_leak_check(id, &fp, findings.len(), &shown.join(", "), &self.user.username)?;
        if !unsteady.is_empty() {
            let on = unsteady.join(", ");
            self.audit("leak_check_unsteady", &format!("session {id}: much of the picture kept changing on {on}"))?;
        }
        Ok(LeakReport { findings, thumbs, plan, unsteady })
    }

    /// The people the detector follows over each source's clips (by plan
    /// source), the frame time, and the sources on which much of the picture
    /// kept changing.
    fn people_in(
        &mut self,
        id: i64,
        plan: &EditPlan,
        indices: &[usize],
        progress: &mut dyn FnMut(Progress) -> bool,
    ) -> Result<(People, f64, Vec<String>)> {
        let detector = Detector::load(&bevis_detect::default_model_path())?;
        let (mut people, mut frame_s, mut unsteady) = (Vec::new(), 0.04, Vec::new());
        for (src, &index) in plan.sources.iter().zip(indices) {
            let clips: Vec<_> = plan.clips.iter().filter(|c| c.source == src.id).collect();
            let (Some(from), Some(to)) =
                (clips.iter().map(|c| c.in_s).reduce(f64::min), clips.iter().map(|c| c.out_s).reduce(f64::max))
            else {
                continue;
            };
            // Checked, not shown: what is shown is the findings' stills, logged with the check.
            let (_, info, _, _) = self.check_range(id, index, from, to)?;
            frame_s = info.frame_secs();
            let found = bevis_detect::find_people(&detector, &src.path, &src.id, (from, to), progress)?;
            if found.camera_moves {
                unsteady.push(src.id.clone());
            }
            people.extend(found.proposals.into_iter().map(|p| (src.id.clone(), p.track)));
        }
        Ok((people, frame_s, unsteady))
    }

    /// An export's plan must have passed the check unchanged, or the user
    /// overrides it with a written reason (audited).
    pub(super) fn leak_checked(&mut self, session: i64, plan: &EditPlan, override_why: Option<&str>) -> Result<()> {
        let fp = leak::fingerprint(plan);
        if self.reg.leak_check_passed(session, &fp)? {
            return Ok(());
        }
        match override_why.map(str::trim).filter(|w| w.chars().count() >= 10) {
            Some(why) => self.audit("leak_check_overridden", &format!("session {session}: exported unchecked; why: {why}")),
            None => Err(self.refused(DeskError::Forbidden(format!(
                "the leak check has not passed for this plan in session {session}: run it and mask or name everyone it finds, or give a written reason to override"
            )))),
        }
    }
}
