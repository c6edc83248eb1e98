//! The shapes that cross into the desktop app's web view, in one place, so their
//! TypeScript twins are generated from them (`ui/src/bindings.ts`, checked by
//! `tests/bindings.rs`) instead of written by hand a second time. The shell
//! fills them in; nothing here decides anything.

use crate::desk::{DeskError, SessionExport};
use crate::station::StationError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// What the app needs before anybody logs in, and who is logged in.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Status {
    pub first_run: bool,
    pub user: Option<bevis_register::accounts::Account>,
    pub organisation: String,
    /// Footage given on the command line (the demo profile opens it).
    pub footage: Option<String>,
    pub auto_lock_minutes: i64,
}

/// The home screen: cases, the user's open sessions, reminders.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Home {
    pub cases: Vec<bevis_register::cases::Case>,
    pub sessions: Vec<bevis_register::sessions::Session>,
    pub reminders: Vec<crate::due::Reminder>,
    pub user: bevis_register::accounts::Account,
    /// Today on the register's clock (`2026-11-22`): deadlines count from it.
    pub today: String,
}

/// A new review session as the form sends it.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewSession {
    pub case_ref: String,
    pub reason: String,
    pub note: String,
    /// One recording per camera; the window is suggested from the first.
    pub sources: Vec<NewSource>,
    pub from: String,
    pub to: String,
    /// The request the review answers (its kind sets the reason).
    #[serde(default)]
    pub request: Option<i64>,
}

/// One recording of a new session, as the form sends it.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewSource {
    pub path: String,
    pub camera: Option<String>,
    /// Recording start, for footage that does not carry it.
    pub start: Option<String>,
}

/// An export as the wizard asks for it.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ExportReq {
    /// The caller's name for this job, for `cancel_job`.
    pub job: String,
    pub session: i64,
    pub plan: bevis_redact::EditPlan,
    /// `2027-02-27`; empty or absent: the `delete_by_days` setting.
    pub delete_by: Option<String>,
    pub recipient: Option<String>,
    pub drive: String,
    #[serde(default)]
    pub stills: Vec<crate::export::Still>,
    /// Add the recorder's own footage (police exports only).
    #[serde(default)]
    pub original: Option<OriginalReq>,
    /// Export although the leak check has not passed for this plan (audited).
    #[serde(default)]
    pub override_why: Option<String>,
}

/// The original footage asked for in the export wizard, with its reason.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct OriginalReq {
    pub form: crate::export::OriginalForm,
    pub why: String,
}

impl ExportReq {
    /// The desk's request (the job name stays with the caller).
    pub fn into_session_export(self) -> Result<SessionExport, BridgeError> {
        let delete_by = match self.delete_by.filter(|d| !d.is_empty()) {
            Some(d) => Some(d.parse().map_err(|_| BridgeError::plain(format!("'{d}' is not a date")))?),
            None => None,
        };
        Ok(SessionExport {
            session_id: self.session,
            plan: self.plan,
            delete_by,
            recipient: self.recipient.filter(|r| !r.is_empty()),
            drive: self.drive.into(),
            password: None,
            stills: self.stills,
            originals: self.original.map(|o| crate::export::Originals { form: o.form, why: o.why }),
            override_why: self.override_why.filter(|w| !w.trim().is_empty()),
        })
    }
}

/// Where an export is: a stage, and frames done of total while rendering.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportProgress {
    pub stage: String,
    pub done: u64,
    pub total: u64,
}

/// A finished export as the wizard shows it (the password once; kept nowhere else).
#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportDone {
    pub package_id: String,
    pub container: String,
    pub password: Option<String>,
    pub fingerprint: String,
    pub receipt: String,
    pub slip: Option<String>,
    pub read_back_direct: bool,
}

impl From<&crate::export::Exported> for ExportDone {
    fn from(done: &crate::export::Exported) -> ExportDone {
        let password = done.password.as_ref().map(|p| p.to_string());
        let case = &done.verified.manifest.case_ref;
        ExportDone {
            package_id: done.package_id.clone(),
            container: done.container.display().to_string(),
            slip: password.as_ref().map(|p| crate::receipt::password_slip(case, &done.package_id, p)),
            password,
            fingerprint: done.verified.fingerprint.clone(),
            receipt: done.receipt.clone(),
            read_back_direct: done.read_back_direct,
        }
    }
}

/// A person "find people" proposes: the track, what found it, a thumbnail (data URL,
/// in memory only: it is unredacted footage).
#[derive(Debug, Clone, Serialize, TS)]
pub struct Found {
    pub track: bevis_redact::Track,
    pub kind: bevis_detect::Kind,
    pub thumb: String,
}

/// What "find people" answers: the people, and whether much of the picture kept
/// changing (a moving camera, changing light, a dense crowd) so that the
/// proposals cannot be relied on.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FoundPeople {
    pub people: Vec<Found>,
    pub unsteady: bool,
}

/// The leak check's answer: what it found, a still of each (data URLs, in the
/// same order), the plan with the resolutions applied, and the plan's sources
/// the check cannot be relied on for (much of the picture kept changing).
#[derive(Debug, Clone, Serialize, TS)]
pub struct Checked {
    pub findings: Vec<crate::leak::Finding>,
    pub thumbs: Vec<String>,
    pub plan: bevis_redact::EditPlan,
    pub unsteady: Vec<String>,
}

/// A command's error as the web view receives it: a stable `code` (empty for
/// errors without one) with its `params`, which the front end words in the
/// user's language, and the English `detail`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BridgeError {
    pub code: String,
    pub params: BTreeMap<String, String>,
    pub detail: String,
}

impl BridgeError {
    /// An error without a code: the front end shows `detail` as it is.
    pub fn plain(detail: impl Into<String>) -> BridgeError {
        BridgeError { code: String::new(), params: BTreeMap::new(), detail: detail.into() }
    }
}

impl From<DeskError> for BridgeError {
    fn from(e: DeskError) -> BridgeError {
        let detail = e.to_string();
        match e.coded() {
            Some(c) => BridgeError {
                code: c.code.to_string(),
                params: c.params.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
                detail,
            },
            None => BridgeError::plain(detail),
        }
    }
}

impl From<StationError> for BridgeError {
    fn from(e: StationError) -> BridgeError {
        match e {
            StationError::Desk(e) => e.into(),
            StationError::Locked => BridgeError {
                code: "locked".into(),
                params: BTreeMap::new(),
                detail: "Bevis is locked; log in again".into(),
            },
            e => BridgeError::plain(e.to_string()),
        }
    }
}
