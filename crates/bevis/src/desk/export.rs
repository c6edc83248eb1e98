//! Exporting through a review session, and the register's record of every copy.
//!
//! Order matters for the record: `export_started` is audited first and its hash is
//! signed into the package's manifest (the outside anchor of the audit chain);
//! the package is written, read back and verified; only then is the export row
//! written. A crash in between leaves an `export_started` without `exported` in
//! the log and at most a package the register does not know — which the wipe
//! lists — never a register row claiming a package that is not there. The receipt
//! is kept on the workstation in `receipts/<package id>.html`.

use super::{Desk, DeskError, Result};
use crate::export::{ExportRequest, Exported, Originals, Stage};
use bevis_redact::{EditPlan, SourceClock};
use bevis_register::accounts::Role;
use bevis_register::exports::{ExportRecord, NewExport};
use bevis_register::sessions::{Reason, Session};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// A clip of a plan: the session's recording it comes from, and its range in seconds.
struct ClipRange {
    index: usize,
    from: f64,
    to: f64,
}

/// What the log says about originals in an export.
fn originals_text(r: &ExportRequest) -> String {
    r.originals
        .as_ref()
        .map_or_else(String::new, |o| format!("; with original footage ({}), because: {}", o.form.as_str(), o.why))
}

/// A row of the evidence register: the export and its case's reference.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct EvidenceRow {
    #[serde(flatten)]
    pub export: ExportRecord,
    pub case_ref: String,
}

/// An export request made inside a review session.
pub struct SessionExport {
    pub session_id: i64,
    pub plan: EditPlan,
    /// `None`: today plus the `delete_by_days` setting.
    pub delete_by: Option<NaiveDate>,
    pub recipient: Option<String>,
    pub drive: PathBuf,
    pub password: Option<Zeroizing<String>>,
    pub stills: Vec<crate::export::Still>,
    /// The recorder's own footage, unredacted, beside the working copy.
    pub originals: Option<Originals>,
    /// Export although the leak check has not passed for this plan (audited; ≥ 10 characters).
    pub override_why: Option<String>,
}

/// Every plan source must be one of the session's recordings; fills in the
/// session's paths, and camera names and recording starts where the plan has
/// none. The recorder's clock is always the session's (it is audited there).
/// Returns the session's index of each plan source.
pub(super) fn fill_plan(plan: &mut EditPlan, s: &Session) -> Result<Vec<usize>> {
    let indices = check_plan_sources(plan, s)?;
    for (src, &i) in plan.sources.iter_mut().zip(&indices) {
        let r = &s.sources[i];
        src.path = PathBuf::from(&r.path);
        src.camera.get_or_insert_with(|| r.camera.clone());
        src.start.get_or_insert_with(|| r.start.format("%Y-%m-%dT%H:%M:%S").to_string());
        let (offset_s, how, time_zone) = (r.clock_offset_s, r.clock_how.clone(), r.time_zone.clone());
        src.clock = Some(SourceClock { offset_s, how, time_zone });
    }
    Ok(indices)
}

/// A copy of `plan` filled in from session `s` (see [`fill_plan`]).
pub(super) fn session_plan(plan: Option<&EditPlan>, s: &Session) -> Result<Option<EditPlan>> {
    let Some(plan) = plan else { return Ok(None) };
    let mut plan = plan.clone();
    fill_plan(&mut plan, s)?;
    Ok(Some(plan))
}

fn check_plan_sources(plan: &EditPlan, s: &Session) -> Result<Vec<usize>> {
    plan.sources
        .iter()
        .map(|src| {
            let path = std::fs::canonicalize(&src.path).unwrap_or_else(|_| src.path.clone());
            s.sources.iter().position(|x| Path::new(&x.path) == path).ok_or_else(|| {
                DeskError::Forbidden(format!(
                    "the plan uses {}, which is not part of review session {}",
                    src.path.display(),
                    s.id
                ))
            })
        })
        .collect()
}

impl Desk {
    /// Checks a plan against session `id` — its recordings and every clip's range
    /// inside the window — and fills in the session's paths, cameras and starts.
    /// The clips are recorded as seen (a CLI render shows them to its user).
    pub fn authorize_plan(&mut self, id: i64, plan: &mut EditPlan) -> Result<Session> {
        let (s, ranges) = self.authorize(id, plan)?;
        for r in ranges {
            self.gate(s.id, r.index, r.from, r.to)?;
        }
        Ok(s)
    }

    /// [`Desk::authorize_plan`] without recording anything as seen (an export
    /// shows nothing: it is audited as an export, with its clips). Returns the
    /// clips with the session's index of their recording.
    fn authorize(&mut self, id: i64, plan: &mut EditPlan) -> Result<(Session, Vec<ClipRange>)> {
        let s = self.usable_session(id)?;
        let indices = match fill_plan(plan, &s) {
            Ok(i) => i,
            Err(e) => return Err(self.refused(e)),
        };
        let mut ranges = Vec::new();
        for clip in &plan.clips {
            let i = plan.sources.iter().position(|x| x.id == clip.source).map_or(0, |p| indices[p]);
            self.check_range(s.id, i, clip.in_s, clip.out_s)?;
            ranges.push(ClipRange { index: i, from: clip.in_s, to: clip.out_s });
        }
        Ok((s, ranges))
    }

    /// The clips as the log names them: camera and range on the camera's clock.
    fn clips_text(&mut self, s: &Session, ranges: &[ClipRange]) -> Result<String> {
        let mut parts = Vec::new();
        for &ClipRange { index: i, from: a, to: b } in ranges {
            let info = self.info(s, i)?;
            let wall = |t: f64| info.wall_clock(t).map(|w| w.format("%H:%M:%S%.3f").to_string()).unwrap_or_default();
            parts.push(format!("{} {}–{}", s.sources[i].camera, wall(a), wall(b)));
        }
        Ok(parts.join(", "))
    }

    /// Exports a plan from session `req.session_id` and records it.
    pub fn export(
        &mut self,
        mut req: SessionExport,
        on_stage: impl FnMut(Stage) -> bool,
    ) -> Result<(Exported, ExportRecord)> {
        self.flush_played()?;
        let (s, ranges) = self.authorize(req.session_id, &mut req.plan)?;
        self.may_export(&s, &req)?;
        let clips = self.clips_text(&s, &ranges)?;
        let key = self.key.clone().ok_or_else(|| {
            DeskError::Forbidden(format!(
                "{} has no signing key slot; an admin must re-add the account",
                self.user.username
            ))
        })?;
        req.drive = std::fs::canonicalize(&req.drive)
            .map_err(|e| DeskError::Invalid(format!("cannot use {} as the drive: {e}", req.drive.display())))?;
        let mut request = self.export_request(req, &s)?;
        self.request_rules(&s, &mut request)?;
        let drive = request.drive.clone();
        let head = self
            .reg
            .audit(
                &self.user.username,
                "export_started",
                &format!("session {}: {clips}; to {}{}", s.id, drive.display(), originals_text(&request)),
            )?
            .hash;
        let request = ExportRequest { audit_head: Some(head), ..request };
        let done = match crate::export::export(request, &key, on_stage) {
            Ok(done) => done,
            Err(e) => {
                self.audit("export_failed", &format!("session {}: {e}", s.id))?;
                return Err(e.into());
            }
        };
        let record = self.record(&done, &s, &drive)?;
        let receipts = self.data_dir.join("receipts");
        std::fs::create_dir_all(&receipts)?;
        std::fs::write(receipts.join(format!("{}.html", done.package_id)), &done.receipt)?;
        Ok((done, record))
    }

    /// What an authorized plan must still pass: stills within its clips, the
    /// original footage's rules, and the leak check (or its logged override).
    fn may_export(&mut self, s: &Session, req: &SessionExport) -> Result<()> {
        crate::export::check_stills(&req.plan, &req.stills).map_err(|e| self.refused(e.into()))?;
        if let Some(o) = &req.originals {
            self.may_include_originals(s, o)?;
        }
        self.leak_checked(s.id, &req.plan, req.override_why.as_deref())
    }

    /// Original footage is unredacted and uncropped: never for a data subject's
    /// access request (everyone else must be masked there), and only with a
    /// written reason. A refusal is audited.
    fn may_include_originals(&mut self, s: &Session, o: &Originals) -> Result<()> {
        if s.reason == Reason::DataSubjectRequest {
            let msg = format!(
                "review session {} answers a data subject's access request: original footage shows everyone unmasked and cannot be included",
                s.id
            );
            return Err(self.refused(DeskError::Forbidden(msg)));
        }
        if o.why.trim().chars().count() < 10 {
            let msg = "including original footage needs a written justification (at least 10 characters)".into();
            return Err(self.refused(DeskError::Invalid(msg)));
        }
        Ok(())
    }

    pub(super) fn refused(&mut self, e: DeskError) -> DeskError {
        if let Err(audit) = self.audit("refused", &e.to_string()) {
            return audit;
        }
        e
    }

    fn export_request(&mut self, req: SessionExport, s: &Session) -> Result<ExportRequest> {
        let settings = self.reg.settings()?;
        let case = self.reg.case_by_id(s.case_id)?;
        let now = self.reg.now();
        let today = now.with_timezone(&chrono::Local).date_naive();
        let delete_by = req.delete_by.unwrap_or(today + chrono::Days::new(settings.delete_by_days as u64));
        Ok(ExportRequest {
            plan: req.plan,
            case_ref: case.reference,
            delete_by,
            issuer: settings.organisation,
            operator: format!("{} ({})", self.user.display_name, self.user.username),
            reason: format!("{}: {}", s.reason.as_str(), s.note),
            recipient: req.recipient,
            drive: req.drive,
            password: req.password,
            stills: req.stills,
            now,
            audit_head: None,
            originals: req.originals.map(|o| Originals { why: o.why.trim().into(), ..o }),
        })
    }

    fn record(&mut self, done: &Exported, s: &Session, drive: &Path) -> Result<ExportRecord> {
        let mounted = crate::drives::list().unwrap_or_default();
        let on =
            mounted.iter().filter(|d| drive.starts_with(&d.mountpoint)).max_by_key(|d| d.mountpoint.as_os_str().len());
        let rel = done.container.strip_prefix(drive).unwrap_or(&done.container);
        let new = NewExport {
            case_id: s.case_id,
            session_id: s.id,
            package_id: done.package_id.clone(),
            drive_label: on.and_then(|d| d.label.clone()),
            drive_serial: on.and_then(|d| d.serial.clone()),
            fs_type: on.and_then(|d| d.fstype.clone()).or_else(|| crate::drives::fs_type(drive)),
            path: done.container.display().to_string(),
            rel_path: rel.display().to_string(),
            recipient: done.verified.manifest.recipient.clone(),
            delete_by: done.verified.manifest.delete_by.parse().unwrap_or_default(),
            size_bytes: std::fs::metadata(&done.container).map(|m| m.len() as i64).unwrap_or(0),
        };
        Ok(self.reg.record_export(&new, &self.user.username)?)
    }

    /// The evidence register: every export with its case reference, oldest first.
    pub fn evidence(&self) -> Result<Vec<EvidenceRow>> {
        let refs: std::collections::HashMap<i64, String> =
            self.reg.cases()?.into_iter().map(|c| (c.id, c.reference)).collect();
        Ok(self
            .reg
            .exports()?
            .into_iter()
            .map(|e| EvidenceRow { case_ref: refs.get(&e.case_id).cloned().unwrap_or_default(), export: e })
            .collect())
    }

    /// The package went to its recipient.
    pub fn hand_over(&mut self, package_id: &str, recipient: &str) -> Result<()> {
        self.allow(&[Role::Admin, Role::Reviewer], "record handovers")?;
        Ok(self.reg.mark_handed_over(package_id, recipient, &self.user.username)?)
    }

    /// The drive came back.
    pub fn returned(&mut self, package_id: &str) -> Result<()> {
        self.allow(&[Role::Admin, Role::Reviewer], "record returned drives")?;
        Ok(self.reg.mark_returned(package_id, &self.user.username)?)
    }
}
