//! The leak checks run before exports: which plan (by fingerprint) was checked
//! in which session, and how many people it would have left unmasked. An export
//! needs a check of its exact plan with none left, or an audited override.

use crate::{Register, Result};
use rusqlite::params;

impl Register {
    /// Records a check of the plan with `fingerprint` in session `session`.
    /// `shown`: the stills shown of the people found (source and time).
    pub fn record_leak_check(
        &mut self,
        session: i64,
        fingerprint: &str,
        unresolved: usize,
        shown: &str,
        actor: &str,
    ) -> Result<()> {
        let account = self.account_id(actor)?;
        let now = crate::stamp(self.now());
        let plan = &fingerprint[..fingerprint.len().min(12)];
        let detail = format!(
            "session {session}: {unresolved} person(s) the plan would leave unmasked (plan {plan}); shown: {shown}"
        );
        self.change(actor, "leak_check", &detail, |tx| {
            tx.execute(
                "INSERT INTO leak_checks (session_id, fingerprint, unresolved, at, account_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![session, fingerprint, unresolved as i64, now, account],
            )?;
            Ok(())
        })?;
        Ok(())
    }

    /// Whether the latest check of this exact plan in this session left nobody unmasked.
    pub fn leak_check_passed(&self, session: i64, fingerprint: &str) -> Result<bool> {
        let latest: Option<i64> = self
            .conn
            .query_row(
                "SELECT unresolved FROM leak_checks WHERE session_id = ?1 AND fingerprint = ?2 ORDER BY id DESC LIMIT 1",
                params![session, fingerprint],
                |r| r.get(0),
            )
            .ok();
        Ok(latest == Some(0))
    }
}
