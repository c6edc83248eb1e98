//! The register: who may look, who looked, why, and what happened to every copy.
//!
//! SQLite (bundled, so every installation runs the same engine) in WAL mode with
//! `synchronous=FULL` (a power cut never loses an acknowledged entry) and foreign
//! keys on. The schema is a list of append-only migrations ([`migrations`]). The
//! audit log ([`audit`]) is append-only twice over: triggers refuse UPDATE and
//! DELETE, and every row carries a SHA-256 chained over the previous row, so a row
//! edited or removed by going around the triggers is found by [`audit::verify`].

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

/// A status column's values as a Rust enum: stored as its snake_case name (the
/// schema's CHECK constraint lists the same names), compared as a value.
macro_rules! status_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                match v.as_str()? {
                    $($text => Ok($name::$variant),)+
                    other => Err(rusqlite::types::FromSqlError::Other(format!("unknown {} '{other}'", stringify!($name)).into())),
                }
            }
        }
    };
}
pub(crate) use status_enum;

pub mod accounts;
pub mod audit;
mod cameras;
pub mod cases;
pub mod exports;
pub mod keyslots;
mod leaks;
pub mod migrations;
pub mod requests;
pub mod sessions;
pub mod settings;

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
        // The app's connection and a long job's wait for each other's short writes.
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
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

    /// The injected clock, if any (a second connection for a long job copies it).
    pub fn fixed_now(&self) -> Option<DateTime<Utc>> {
        self.fixed_now
    }

    /// The underlying connection, for the workflows built on the register.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }
}
