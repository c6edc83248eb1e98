//! The deletion sweep: match what is on a drive to the register, wipe what is due.
//!
//! The register is marked *before* the drive is touched (`wipe_started`) and
//! completed *after* the file is checked gone, so a crash anywhere leaves either
//! an untouched export, or one the register knows is being wiped — which the next
//! sweep finishes from the recorded path even when the overwritten header no
//! longer says what it was.

use super::{Desk, DeskError, Result};
use crate::wipe::{self, Found, Wiped};
use bevis_register::accounts::Role;
use bevis_register::exports::ExportStatus;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What the register says about a package found on the drive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Known, and its delete-by date has come: wipe it.
    Expired,
    /// Known, still needed.
    NotDue,
    /// A wipe began and was interrupted: finish it.
    Interrupted,
    /// The register already has it deleted (so this is a copy), or never knew it.
    Unknown,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, ts_rs::TS)]
pub struct SweepItem {
    pub container: PathBuf,
    pub package_id: String,
    pub case_ref: String,
    pub delete_by: String,
    pub verdict: Verdict,
}

impl Desk {
    /// Lists the packages below `root` with the register's verdict on each.
    pub fn sweep_scan(&mut self, root: &Path) -> Result<Vec<SweepItem>> {
        self.allow(&[Role::Admin, Role::Reviewer], "delete evidence")?;
        let root = wipe::check_root(root).map_err(|e| DeskError::Invalid(e.to_string()))?;
        let today = self.reg.now().with_timezone(&chrono::Local).date_naive();
        let mut items: Vec<SweepItem> = Vec::new();
        for e in
            self.reg.exports()?.into_iter().filter(|e| e.wipe_started_at.is_some() && e.status != ExportStatus::Deleted)
        {
            let at = root.join(&e.rel_path);
            let same_place = at == Path::new(&e.path) || at.exists() || at.parent().is_some_and(Path::exists);
            if same_place {
                let case_ref = self.reg.case_by_id(e.case_id)?.reference;
                items.push(SweepItem {
                    container: at,
                    package_id: e.package_id,
                    case_ref,
                    delete_by: e.delete_by.to_string(),
                    verdict: Verdict::Interrupted,
                });
            }
        }
        for f in wipe::scan(&root).map_err(|e| DeskError::Invalid(e.to_string()))? {
            if items.iter().any(|i| i.container == f.container) {
                continue;
            }
            let known = self.reg.export_by_package(&f.package_id)?.filter(|e| e.status != ExportStatus::Deleted);
            let verdict = match &known {
                Some(e) if e.delete_by <= today => Verdict::Expired,
                Some(_) => Verdict::NotDue,
                None => Verdict::Unknown,
            };
            items.push(from_found(f, verdict));
        }
        self.audit("drive_scanned", &format!("{}: {} packages", root.display(), items.len()))?;
        Ok(items)
    }

    /// Wipes one item of a scan. Unknown packages need `confirmed`; packages
    /// not yet due need `early` (a drive that came back before its date).
    pub fn sweep_wipe(&mut self, item: &SweepItem, confirmed: bool, early: bool) -> Result<Wiped> {
        self.allow(&[Role::Admin, Role::Reviewer], "delete evidence")?;
        let ok = match item.verdict {
            Verdict::Expired | Verdict::Interrupted => true,
            Verdict::NotDue => early,
            Verdict::Unknown => confirmed,
        };
        if !ok {
            let why = if item.verdict == Verdict::Unknown { "is not in the register" } else { "is not due yet" };
            return Err(DeskError::Invalid(format!("package {} {why}; confirm to delete it", item.package_id)));
        }
        let known = self.reg.export_by_package(&item.package_id)?.filter(|e| e.status != ExportStatus::Deleted);
        let actor = self.user.username.clone();
        if known.is_some() {
            self.reg.mark_wipe_started(&item.package_id, &actor)?;
        }
        let done = match wipe::wipe(&item.container, &item.package_id) {
            Ok(done) => done,
            Err(e) => {
                self.audit("wipe_failed", &format!("package {}: {e}", item.package_id))?;
                return Err(DeskError::Invalid(e.to_string()));
            }
        };
        match known {
            Some(_) => self.reg.mark_deleted(&item.package_id, self.user.id, &actor)?,
            None => self.audit(
                "deleted_unknown",
                &format!("package {} ({}) at {}", item.package_id, item.case_ref, item.container.display()),
            )?,
        }
        Ok(done)
    }
}

fn from_found(f: Found, verdict: Verdict) -> SweepItem {
    SweepItem {
        container: f.container,
        package_id: f.package_id,
        case_ref: f.case_ref,
        delete_by: f.delete_by,
        verdict,
    }
}
