//! What a request allows an export to be. The law behind each rule:
//! - a data subject's access request (GDPR art. 15) gets a copy where everyone
//!   else is masked: *keep visible*, no audio, never the unmasked original, and
//!   it goes to the requester;
//! - a public-access disclosure (OSL 2009:400) follows its decision: nothing
//!   before one, masked unless it says disclosed in full, never the original;
//! - the original footage, unmasked and uncropped, is for the police only.
//!
//! Every refusal is audited. A session opened for a request takes its case and
//! the reason its kind implies.

use super::review::SessionRequest;
use super::{Desk, DeskError, Result};
use crate::export::ExportRequest;
use bevis_redact::Mode;
use bevis_register::cases::Case;
use bevis_register::requests::{Outcome, Request, RequestKind};
use bevis_register::sessions::{Reason, Session};

fn no(msg: impl Into<String>) -> DeskError {
    DeskError::Forbidden(msg.into())
}

/// The rule a request sets for `req`, or why it refuses.
fn check(r: Option<&Request>, req: &mut ExportRequest) -> Result<()> {
    let originals = req.originals.is_some();
    let Some(r) = r else {
        if originals {
            return Err(no("original footage goes only to a police request: open the review session for one"));
        }
        return Ok(());
    };
    if !r.is_open() {
        return Err(no(format!("request {} is {}: nothing more is exported for it", r.id, r.status)));
    }
    if originals && r.kind != RequestKind::Police {
        return Err(no(format!(
            "request {} is a {} request: original footage shows everyone unmasked and goes only to the police",
            r.id, r.kind
        )));
    }
    match r.kind {
        RequestKind::DataSubjectAccess => access_copy(r, req),
        RequestKind::PublicAccess => disclosure(r, req),
        RequestKind::Police | RequestKind::Other => Ok(()),
    }
}

fn access_copy(r: &Request, req: &mut ExportRequest) -> Result<()> {
    if req.plan.mode != Mode::KeepVisible || !req.plan.tracks.iter().any(|t| t.keep) {
        return Err(no(format!(
            "request {} is a data subject's access: keep visible only the requester's own tracks and mask everyone else",
            r.id
        )));
    }
    if req.plan.options.keep_audio {
        return Err(no(format!(
            "request {} is a data subject's access: the copy has no sound (others may be heard)",
            r.id
        )));
    }
    match req.recipient.as_deref().map(str::trim).filter(|x| !x.is_empty()) {
        Some(x) if x != r.requester => {
            Err(no(format!("request {}'s copy goes to the requester, {}, not to {x}", r.id, r.requester)))
        }
        _ => {
            req.recipient = Some(r.requester.clone());
            Ok(())
        }
    }
}

fn disclosure(r: &Request, req: &ExportRequest) -> Result<()> {
    let masked = match req.plan.mode {
        Mode::KeepVisible => req.plan.tracks.iter().any(|t| t.keep),
        Mode::BlurTracks => !req.plan.tracks.is_empty(),
    };
    match r.decision().map(|d| d.outcome) {
        Some(Outcome::Disclosed) => Ok(()),
        Some(Outcome::PartlyDisclosed) if masked => Ok(()),
        Some(Outcome::PartlyDisclosed) => Err(no(format!(
            "request {} was decided as partly disclosed: mask what the secrecy review keeps back",
            r.id
        ))),
        _ => Err(no(format!("request {} needs its decision (the secrecy review) before anything is disclosed", r.id))),
    }
}

impl Desk {
    /// The case and reason of a new session: as asked, or those of its request
    /// (an access request's session is always a data subject's).
    pub(super) fn purpose(&mut self, req: &SessionRequest) -> Result<(Case, Reason)> {
        let Some(id) = req.request else {
            return Ok((self.reg.require_case(&req.case_ref)?, req.reason));
        };
        let r = self.reg.request(id)?;
        if !r.is_open() {
            return Err(DeskError::Invalid(format!("request {id} is {}: no review is opened for it", r.status)));
        }
        let case = match r.case_id {
            Some(c) => self.reg.case_by_id(c)?,
            None => self.reg.require_case(&req.case_ref)?,
        };
        if !req.case_ref.trim().is_empty() && req.case_ref.trim() != case.reference {
            return Err(DeskError::Invalid(format!("request {id} belongs to case {}", case.reference)));
        }
        let reason = match r.kind {
            RequestKind::DataSubjectAccess => Reason::DataSubjectRequest,
            RequestKind::Police if req.reason == Reason::DataSubjectRequest => Reason::SuspectedCrime,
            RequestKind::PublicAccess => Reason::Other,
            _ => req.reason,
        };
        Ok((case, reason))
    }

    /// Applies the rules of the request session `s` was opened for (if any).
    pub(super) fn request_rules(&mut self, s: &Session, req: &mut ExportRequest) -> Result<()> {
        let r = s.request_id.map(|id| self.reg.request(id)).transpose()?;
        check(r.as_ref(), req).map_err(|e| self.refused(e))
    }
}
