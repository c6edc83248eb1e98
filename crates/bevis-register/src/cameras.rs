//! A camera added to an open review session: one more recording, with the
//! reason the incident needs it, audited like a widened window.

use crate::sessions::{Session, Source};
use crate::{Register, RegisterError, Result};
use rusqlite::params;

impl Register {
    pub fn add_session_source(&mut self, id: i64, source: Source, why: &str, actor: &str) -> Result<Session> {
        let mut s = self.session(id)?;
        if s.closed_at.is_some() {
            return Err(RegisterError::Invalid(format!("review session {id} is closed")));
        }
        if s.sources.iter().any(|x| x.path == source.path) {
            return Err(RegisterError::Invalid(format!("{} is already part of session {id}", source.path)));
        }
        let detail = format!("session {id}: + {} ({}); reason: {}", source.camera, source.path, why.trim());
        s.sources.push(source);
        let json = serde_json::to_string(&s.sources).map_err(|e| RegisterError::Invalid(e.to_string()))?;
        self.change(actor, "camera_added", &detail, |tx| {
            Ok(tx.execute("UPDATE sessions SET sources = ?1 WHERE id = ?2", params![json, id]).map(|_| ())?)
        })?;
        self.session(id)
    }
}
