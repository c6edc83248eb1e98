//! Exports: every package that left the workstation, where it went, and its end.
//!
//! A row is written only after the package on the drive has been read back and
//! verified, so the register never claims a package that is not there. A wipe
//! marks the row *before* it touches the drive (`wipe_started_at`) and completes it
//! after checking the file is gone; an interrupted wipe is therefore visible, and
//! the next sweep finishes it by the recorded relative path.

use crate::{Register, RegisterError, Result};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct ExportRecord {
    pub id: i64,
    pub case_id: i64,
    pub session_id: i64,
    pub package_id: String,
    pub drive_label: Option<String>,
    pub drive_serial: Option<String>,
    pub fs_type: Option<String>,
    /// Where it was written, as an absolute path at the time.
    pub path: String,
    /// The container relative to the drive root (`BEVIS/…/x.bevis`).
    pub rel_path: String,
    pub recipient: Option<String>,
    pub handed_over_at: Option<String>,
    pub returned_at: Option<String>,
    pub delete_by: NaiveDate,
    pub status: ExportStatus,
    pub created_at: String,
    pub size_bytes: i64,
    pub deleted_at: Option<String>,
    pub deleted_by: Option<i64>,
    pub deletion_verified: bool,
    pub wipe_started_at: Option<String>,
}

crate::status_enum! {
    /// Where a package is in its life.
    ExportStatus { Exported = "exported", HandedOver = "handed_over", Returned = "returned", Deleted = "deleted" }
}

/// What recording an export needs.
pub struct NewExport {
    pub case_id: i64,
    pub session_id: i64,
    pub package_id: String,
    pub drive_label: Option<String>,
    pub drive_serial: Option<String>,
    pub fs_type: Option<String>,
    pub path: String,
    pub rel_path: String,
    pub recipient: Option<String>,
    pub delete_by: NaiveDate,
    pub size_bytes: i64,
}

const COLUMNS: &str = "id, case_id, session_id, package_id, drive_label, drive_serial, fs_type, path, rel_path, \
    recipient, handed_over_at, returned_at, delete_by, status, created_at, size_bytes, deleted_at, deleted_by, \
    deletion_verified, wipe_started_at";

fn export_from(r: &rusqlite::Row) -> rusqlite::Result<ExportRecord> {
    let delete_by: String = r.get(12)?;
    Ok(ExportRecord {
        id: r.get(0)?,
        case_id: r.get(1)?,
        session_id: r.get(2)?,
        package_id: r.get(3)?,
        drive_label: r.get(4)?,
        drive_serial: r.get(5)?,
        fs_type: r.get(6)?,
        path: r.get(7)?,
        rel_path: r.get(8)?,
        recipient: r.get(9)?,
        handed_over_at: r.get(10)?,
        returned_at: r.get(11)?,
        delete_by: delete_by
            .parse()
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(12, rusqlite::types::Type::Text, Box::new(e)))?,
        status: r.get(13)?,
        created_at: r.get(14)?,
        size_bytes: r.get(15)?,
        deleted_at: r.get(16)?,
        deleted_by: r.get(17)?,
        deletion_verified: r.get::<_, i64>(18)? != 0,
        wipe_started_at: r.get(19)?,
    })
}

impl Register {
    /// Records a verified export and audits it, in one transaction.
    pub fn record_export(&mut self, e: &NewExport, actor: &str) -> Result<ExportRecord> {
        let detail = format!("package {} → {} (delete by {})", e.package_id, e.path, e.delete_by);
        let now = crate::stamp(self.now());
        self.change(actor, "exported", &detail, |tx| {
            tx.execute(
                "INSERT INTO exports (case_id, session_id, package_id, drive_label, drive_serial, fs_type, path, \
                 rel_path, recipient, delete_by, status, created_at, size_bytes) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![
                    e.case_id,
                    e.session_id,
                    e.package_id,
                    e.drive_label,
                    e.drive_serial,
                    e.fs_type,
                    e.path,
                    e.rel_path,
                    e.recipient,
                    e.delete_by.to_string(),
                    ExportStatus::Exported,
                    now,
                    e.size_bytes
                ],
            )?;
            Ok(())
        })?;
        self.export_by_package(&e.package_id)?.ok_or_else(|| RegisterError::Invalid("the new export vanished".into()))
    }

    pub fn export_by_package(&self, package_id: &str) -> Result<Option<ExportRecord>> {
        let sql = format!("SELECT {COLUMNS} FROM exports WHERE package_id = ?1");
        Ok(self.conn.query_row(&sql, [package_id], export_from).optional()?)
    }

    /// All exports, oldest delete-by first.
    pub fn exports(&self) -> Result<Vec<ExportRecord>> {
        let sql = format!("SELECT {COLUMNS} FROM exports ORDER BY delete_by, id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], export_from)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    fn require_export(&self, package_id: &str) -> Result<ExportRecord> {
        self.export_by_package(package_id)?
            .ok_or_else(|| RegisterError::Invalid(format!("no export with package id {package_id}")))
    }

    /// Moves an export along its life (see [`Step`]), audited in the same
    /// transaction. A row that is no longer in a `from` status (changed by
    /// another window meanwhile) is refused, not overwritten.
    fn step(&mut self, package_id: &str, actor: &str, step: Step) -> Result<()> {
        let e = self.require_export(package_id)?;
        if !step.from.contains(&e.status) {
            let action = step.action;
            return Err(RegisterError::Invalid(format!("package {package_id} is {}; it cannot be {action}", e.status)));
        }
        let now = crate::stamp(self.now());
        let sql = format!("UPDATE exports SET {} WHERE id = ?3 AND status = ?4", step.sets);
        let update = |tx: &rusqlite::Transaction| match tx.execute(&sql, params![now, step.value, e.id, e.status])? {
            1 => Ok(()),
            _ => Err(RegisterError::Invalid(format!("package {package_id} was changed meanwhile; look again"))),
        };
        self.change(actor, step.action, &step.detail, update)?;
        Ok(())
    }

    /// The package went to its recipient (the police, a data subject).
    pub fn mark_handed_over(&mut self, package_id: &str, recipient: &str, actor: &str) -> Result<()> {
        let recipient = recipient.trim();
        let step = Step {
            from: &[ExportStatus::Exported],
            sets: "status = 'handed_over', recipient = ?2, handed_over_at = ?1",
            value: recipient.to_string().into(),
            action: "handed_over",
            detail: format!("package {package_id} to {recipient}"),
        };
        self.step(package_id, actor, step)
    }

    /// The drive came back (so its package can be wiped here).
    pub fn mark_returned(&mut self, package_id: &str, actor: &str) -> Result<()> {
        let step = Step {
            from: &[ExportStatus::HandedOver],
            sets: "status = 'returned', returned_at = ?1",
            value: Value::Null,
            action: "returned",
            detail: format!("package {package_id}"),
        };
        self.step(package_id, actor, step)
    }

    /// Marks (and audits) that a wipe is about to touch the drive.
    pub fn mark_wipe_started(&mut self, package_id: &str, actor: &str) -> Result<()> {
        let e = self.require_export(package_id)?;
        let step = Step {
            from: &LIVE,
            sets: "wipe_started_at = COALESCE(wipe_started_at, ?1)",
            value: Value::Null,
            action: "wipe_started",
            detail: format!("package {package_id} at {}", e.path),
        };
        self.step(package_id, actor, step)
    }

    /// Marks the export deleted after the wipe checked that the file is gone.
    pub fn mark_deleted(&mut self, package_id: &str, account_id: i64, actor: &str) -> Result<()> {
        let e = self.require_export(package_id)?;
        let late = if self.now().date_naive() > e.delete_by { " (after its delete-by date)" } else { "" };
        let step = Step {
            from: &LIVE,
            sets: "status = 'deleted', deleted_at = ?1, deleted_by = ?2, deletion_verified = 1",
            value: account_id.into(),
            action: "deleted",
            detail: format!("package {package_id}, deletion verified{late}"),
        };
        self.step(package_id, actor, step)
    }
}

/// The statuses of a package that still exists somewhere.
const LIVE: [ExportStatus; 3] = [ExportStatus::Exported, ExportStatus::HandedOver, ExportStatus::Returned];

/// One move in an export's life: allowed from `from`; `sets` is an SQL `SET`
/// list over ?1 = now and ?2 = `value`; audited as `action` with `detail`.
struct Step<'a> {
    from: &'a [ExportStatus],
    sets: &'a str,
    value: Value,
    action: &'a str,
    detail: String,
}
