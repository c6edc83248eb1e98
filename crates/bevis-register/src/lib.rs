//! The register: who may look, who looked, why, and what happened to every copy.
//!
//! SQLite (bundled, so every installation runs the same engine) in WAL mode with
//! `synchronous=FULL` (a power cut never loses an acknowledged entry) and foreign
//! keys on. The schema is a list of append-only migrations ([`migrations`]). The
//! audit log ([`audit`]) is append-only twice over: triggers refuse UPDATE and
//! DELETE, and every row carries a SHA-256 chained over the previous row, so a row
//! edited or removed by going around the triggers is found by [`audit::verify`].

pub mod accounts;
pub mod audit;
pub mod cases;
pub mod exports;
pub mod keyslots;
pub mod migrations;
pub mod sessions;
pub mod settings;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RegisterError {
    #[error("the register database failed: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("the register could not be brought up to date: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = RegisterError> = std::result::Result<T, E>;

/// An open register.
pub struct Register {
    pub(crate) conn: Connection,
    /// `None`: the system clock. Tests and the day-in-the-life script set a time.
    fixed_now: Option<DateTime<Utc>>,
}

/// How the register writes a time: RFC 3339 UTC with milliseconds, which sorts as text.
pub fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Reads a time written by [`stamp`] (or any RFC 3339 time).
pub fn parse_stamp(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&Utc))
}

impl Register {
    /// Opens (creating if needed) the register at `path` and applies migrations.
    pub fn open(path: &Path) -> Result<Register> {
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations::migrations().to_latest(&mut conn)?;
        Ok(Register { conn, fixed_now: None })
    }

    /// The register's idea of now: the system clock unless a time was injected.
    pub fn now(&self) -> DateTime<Utc> {
        self.fixed_now.unwrap_or_else(Utc::now)
    }

    /// Injects the clock (`None` returns to the system clock). Every stored time and
    /// every audit entry uses it, so a year of activity can be simulated for real.
    pub fn set_now(&mut self, now: Option<DateTime<Utc>>) {
        self.fixed_now = now;
    }

    /// The underlying connection, for the workflows built on the register.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }
}
