//! More than one camera in a review session: an incident rarely stays in one
//! camera's view. Adding one to an open session needs a reason, logged like a
//! widened window; the gate, the played ranges and the clock offset work per
//! recording exactly as for the first (the window is real time for all).

use super::review::{SourceSpec, overlaps};
use super::{Desk, DeskError, Result, when};
use bevis_register::sessions::Session;

impl Desk {
    /// Adds a recording (another camera) to an open session of the user's; the
    /// reason is required and logged. Its incident window is the session's, in
    /// real time (each camera's own clock offset applies to it).
    pub fn add_camera(&mut self, id: i64, spec: &SourceSpec, why: &str) -> Result<Session> {
        let s = self.usable_session(id)?;
        if why.trim().chars().count() < 10 {
            return Err(DeskError::Invalid(
                "say why the incident needs another camera (at least 10 characters)".into(),
            ));
        }
        let source = self.source(spec)?;
        // Its clock is not checked yet: like the gate, allow the margin either side.
        let margin = chrono::TimeDelta::seconds(super::MARGIN_S);
        if !overlaps(&source, s.from - margin, s.to + margin) {
            return Err(DeskError::Invalid(format!(
                "{} has no footage in the incident window {}",
                source.camera,
                when::window(s.from, s.to)
            )));
        }
        Ok(self.reg.add_session_source(id, source, why, &self.user.username)?)
    }
}
