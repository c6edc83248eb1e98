//! Playback for the app: frames through the gate, one decoder kept open.
//!
//! The desk keeps one [`Previewer`] per recording being watched (several in the
//! camera grid), so play and frame stepping cost one decode per frame; an edited
//! plan swaps the composer without reopening. Shown frames extend an in-memory
//! played range per recording that is written to the register (and audited as a
//! `view`) when playback jumps, when the session closes or exports, and when the
//! user logs out — not 25 times a second.

use super::{Desk, DeskError, Result};
use bevis_media::preview::Previewer;
use bevis_redact::EditPlan;
use bevis_register::sessions::{Played, Session};
use chrono::{NaiveDateTime, TimeDelta};
use serde::Serialize;
use std::path::Path;

/// Which frame to show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Seek {
    At(f64),
    Next,
    Prev,
}

/// A frame ready for the web view.
#[derive(Serialize)]
pub struct ViewFrame {
    pub t: f64,
    pub index: u64,
    pub width: u32,
    pub height: u32,
    #[serde(skip)]
    pub jpeg: Vec<u8>,
}

impl ViewFrame {
    /// `frame` scaled to `width` and encoded as JPEG.
    pub(super) fn of(frame: &bevis_media::preview::PreviewFrame, width: u32) -> Result<ViewFrame> {
        let (w, h, jpeg) = crate::preview::jpeg(frame, width)?;
        Ok(ViewFrame { t: frame.t, index: frame.index, width: w, height: h, jpeg })
    }
}

pub(super) struct Viewer {
    pub(super) key: (i64, usize),
    plan: String,
    pub(super) previewer: Previewer,
}

impl Desk {
    /// The frame `seek` asks for, composed with `plan` (crop and redaction), scaled
    /// to `width`, as JPEG — if the session may show it.
    pub fn view(
        &mut self,
        id: i64,
        index: usize,
        seek: Seek,
        width: u32,
        plan: Option<&EditPlan>,
    ) -> Result<ViewFrame> {
        let s = self.usable_session(id)?;
        self.require(index < s.sources.len(), &format!("show a recording that is not part of session {id}"))?;
        let plan = super::export::session_plan(plan, &s)?;
        let plan = plan.as_ref();
        let info = self.info(&s, index)?;
        let last = self.viewers.iter().find(|v| v.key == (id, index)).and_then(|v| v.previewer.last());
        let (target, wall) = self.seek_target(&s, index, &info, seek, last)?;
        let (at, _) = self.viewer_for(id, index, info, plan, Path::new(&s.sources[index].path))?;
        let previewer = &mut self.viewers[at].previewer;
        let frame = match seek {
            Seek::At(t) => previewer.frame_at(t)?,
            Seek::Next if last.is_some() => {
                previewer.next_frame()?.ok_or_else(|| DeskError::Invalid("the end of the recording".into()))?
            }
            Seek::Prev if last.is_some() => previewer.prev_frame()?,
            _ => previewer.frame_at(target)?,
        };
        let shown = ViewFrame::of(&frame, width)?;
        self.note_played(id, Played { source: index, from: wall, to: wall })?;
        Ok(shown)
    }

    /// Where `seek` lands, and whether the window allows it.
    fn seek_target(
        &mut self,
        s: &Session,
        index: usize,
        info: &bevis_media::MediaInfo,
        seek: Seek,
        last: Option<f64>,
    ) -> Result<(f64, NaiveDateTime)> {
        let d = info.frame_secs();
        let target = match (seek, last) {
            (Seek::At(t), _) => t,
            (Seek::Next, Some(l)) => l + d,
            (Seek::Prev, Some(l)) => (l - d).max(0.0),
            (_, None) => 0.0,
        };
        let wall = info
            .wall_clock(target.clamp(0.0, info.duration))
            .ok_or_else(|| DeskError::Invalid("the recording's clock is unknown".into()))?;
        let inside = super::in_window(s, index, wall);
        let camera = &s.sources[index].camera;
        let what =
            format!("show {} of {camera}: outside the incident window of session {}", wall.format("%H:%M:%S"), s.id);
        self.require(inside, &what)?;
        Ok((target, wall))
    }

    /// The decoder of recording `index` of session `id` under `plan`: its place in
    /// `viewers` (kept, re-composed after an edit, or opened) and whether it was kept
    /// as it was. Decoders of another session are closed.
    pub(super) fn viewer_for(
        &mut self,
        id: i64,
        index: usize,
        info: bevis_media::MediaInfo,
        plan: Option<&EditPlan>,
        path: &Path,
    ) -> Result<(usize, bool)> {
        let plan_json = plan.map(|p| p.to_json()).unwrap_or_default();
        let composer = || crate::preview::composer_for(path, plan, &info);
        self.viewers.retain(|v| v.key.0 == id);
        if let Some(at) = self.viewers.iter().position(|v| v.key == (id, index)) {
            let v = &mut self.viewers[at];
            let kept = v.plan == plan_json;
            if !kept {
                v.previewer.set_composer(composer()?);
                v.plan = plan_json;
            }
            return Ok((at, kept));
        }
        let previewer = Previewer::new(info.clone(), composer()?);
        self.viewers.push(Viewer { key: (id, index), plan: plan_json, previewer });
        Ok((self.viewers.len() - 1, false))
    }

    /// Extends the played range in memory; writes the previous one when playback
    /// jumped, and a growing one each second of footage — so a crash or a killed
    /// process leaves at most a second shown but not recorded. (The register merges
    /// the pieces back into one range, with one `view` row.)
    pub(super) fn note_played(&mut self, id: i64, p: Played) -> Result<()> {
        let slack = TimeDelta::seconds(1);
        if self.pending.iter().any(|(sid, _)| *sid != id) {
            self.flush_played()?;
        }
        let Some(at) = self.pending.iter().position(|(_, q)| q.source == p.source) else {
            self.pending.push((id, p));
            return Ok(());
        };
        let q = &mut self.pending[at].1;
        if p.from <= q.to + slack && q.from <= p.to + slack {
            q.from = q.from.min(p.from);
            q.to = q.to.max(p.to);
            if q.to - q.from >= slack {
                self.write_played(at)?;
            }
        } else {
            self.write_played(at)?;
            self.pending.push((id, p));
        }
        Ok(())
    }

    fn write_played(&mut self, at: usize) -> Result<()> {
        let (id, p) = self.pending.remove(at);
        let actor = self.user.username.clone();
        Ok(self.reg.record_played(id, p, &actor)?)
    }

    /// Writes the pending played ranges to the register.
    pub fn flush_played(&mut self) -> Result<()> {
        while !self.pending.is_empty() {
            self.write_played(0)?;
        }
        Ok(())
    }
}
