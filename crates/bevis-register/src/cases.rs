//! Cases: the incident every review session and export belongs to.
//!
//! The reference is what the school and the police use (often the police report
//! number), so it is unique and is what the command line and the app look cases up by.

use crate::{Register, RegisterError, Result};
use rusqlite::{OptionalExtension, params};

crate::status_enum! {
    /// Whether a case still takes review sessions and exports.
    CaseStatus { Open = "open", Closed = "closed" }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct Case {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub status: CaseStatus,
    pub opened_at: String,
    pub closed_at: Option<String>,
}

fn case_from(r: &rusqlite::Row) -> rusqlite::Result<Case> {
    Ok(Case {
        id: r.get(0)?,
        reference: r.get(1)?,
        title: r.get(2)?,
        status: r.get(3)?,
        opened_at: r.get(4)?,
        closed_at: r.get(5)?,
    })
}

const COLUMNS: &str = "id, reference, title, status, opened_at, closed_at";

impl Register {
    pub fn open_case(&mut self, reference: &str, title: &str, actor: &str) -> Result<Case> {
        let reference = reference.trim();
        if reference.is_empty() || reference.chars().count() > 100 {
            return Err(RegisterError::Invalid("a case reference of 1–100 characters is required".into()));
        }
        if self.case_by_ref(reference)?.is_some() {
            return Err(RegisterError::Invalid(format!("case {reference} already exists")));
        }
        let now = crate::stamp(self.now());
        self.change(actor, "case_opened", &format!("{reference}: {}", title.trim()), |tx| {
            tx.execute(
                "INSERT INTO cases (reference, title, status, opened_at) VALUES (?1, ?2, ?3, ?4)",
                params![reference, title.trim(), CaseStatus::Open, now],
            )?;
            Ok(())
        })?;
        self.case_by_ref(reference)?.ok_or_else(|| RegisterError::Invalid("the new case vanished".into()))
    }

    /// Closes a case; its open review sessions close with it.
    pub fn close_case(&mut self, reference: &str, actor: &str) -> Result<()> {
        let case = self.require_case(reference)?;
        if case.status == CaseStatus::Closed {
            return Err(RegisterError::Invalid(format!("case {reference} is already closed")));
        }
        let now = crate::stamp(self.now());
        self.change(actor, "case_closed", reference, |tx| {
            let closed = CaseStatus::Closed;
            tx.execute("UPDATE cases SET status = ?1, closed_at = ?2 WHERE id = ?3", params![closed, now, case.id])?;
            tx.execute(
                "UPDATE sessions SET closed_at = ?1 WHERE case_id = ?2 AND closed_at IS NULL",
                params![now, case.id],
            )?;
            Ok(())
        })?;
        Ok(())
    }

    pub fn case_by_ref(&self, reference: &str) -> Result<Option<Case>> {
        let sql = format!("SELECT {COLUMNS} FROM cases WHERE reference = ?1");
        Ok(self.conn.query_row(&sql, [reference], case_from).optional()?)
    }

    pub fn case_by_id(&self, id: i64) -> Result<Case> {
        let sql = format!("SELECT {COLUMNS} FROM cases WHERE id = ?1");
        Ok(self.conn.query_row(&sql, [id], case_from)?)
    }

    /// The case, or an error naming the reference.
    pub fn require_case(&self, reference: &str) -> Result<Case> {
        self.case_by_ref(reference)?.ok_or_else(|| RegisterError::Invalid(format!("there is no case {reference}")))
    }

    pub fn cases(&self) -> Result<Vec<Case>> {
        let sql = format!("SELECT {COLUMNS} FROM cases ORDER BY status DESC, opened_at DESC");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], case_from)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}
