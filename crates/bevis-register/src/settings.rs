//! Installation settings: a few named values with defaults from the seeds.
//!
//! Jämtland keeps footage on the server for two weeks (Dutch guidance: at most
//! four), so `retention_days` defaults to 14. Unknown keys and out-of-range values
//! are refused rather than stored, and every change is audited with old and new value.

use crate::{Register, RegisterError, Result};
use rusqlite::{OptionalExtension, params};

/// The settings with their current values.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct Settings {
    pub organisation: String,
    /// Days the recording server keeps footage before deleting it automatically.
    pub retention_days: i64,
    /// Default delete-by for a new export: days from the export.
    pub delete_by_days: i64,
    /// Minutes of inactivity before the app locks.
    pub auto_lock_minutes: i64,
    /// Days a police request is due after it arrived.
    pub police_due_days: i64,
    /// Working days a public-access request is due after it arrived ("skyndsamt").
    pub public_access_due_working_days: i64,
    /// Days any other request is due after it arrived.
    pub other_due_days: i64,
}

/// `(key, default, smallest, largest)` for the numeric settings.
const NUMERIC: [(&str, i64, i64, i64); 6] = [
    ("retention_days", 14, 1, 365),
    ("delete_by_days", 90, 1, 3650),
    ("auto_lock_minutes", 10, 1, 240),
    ("police_due_days", 14, 1, 365),
    ("public_access_due_working_days", 1, 1, 30),
    ("other_due_days", 30, 1, 365),
];

impl Register {
    fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    fn number(&self, key: &str) -> Result<i64> {
        let (_, default, _, _) = NUMERIC.iter().find(|n| n.0 == key).copied().expect("a numeric setting");
        Ok(self.setting(key)?.and_then(|v| v.parse().ok()).unwrap_or(default))
    }

    pub fn settings(&self) -> Result<Settings> {
        Ok(Settings {
            organisation: self.setting("organisation")?.unwrap_or_default(),
            retention_days: self.number("retention_days")?,
            delete_by_days: self.number("delete_by_days")?,
            auto_lock_minutes: self.number("auto_lock_minutes")?,
            police_due_days: self.number("police_due_days")?,
            public_access_due_working_days: self.number("public_access_due_working_days")?,
            other_due_days: self.number("other_due_days")?,
        })
    }

    /// Changes one setting after checking it, and audits old → new.
    pub fn set_setting(&mut self, key: &str, value: &str, actor: &str) -> Result<()> {
        let value = value.trim();
        if key == "organisation" {
            if value.is_empty() || value.chars().count() > 200 {
                return Err(RegisterError::Invalid("the organisation name must be 1–200 characters".into()));
            }
        } else if let Some((_, _, lo, hi)) = NUMERIC.iter().find(|n| n.0 == key) {
            let n: i64 = value.parse().map_err(|_| RegisterError::Invalid(format!("{key} must be a whole number")))?;
            if !(*lo..=*hi).contains(&n) {
                return Err(RegisterError::Invalid(format!("{key} must be between {lo} and {hi}")));
            }
        } else {
            return Err(RegisterError::Invalid(format!(
                "unknown setting '{key}' (organisation, {})",
                NUMERIC.map(|n| n.0).join(", ")
            )));
        }
        let old = self.setting(key)?.unwrap_or_default();
        self.change(actor, "setting_changed", &format!("{key}: '{old}' → '{value}'"), |tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
            Ok(())
        })?;
        Ok(())
    }
}
