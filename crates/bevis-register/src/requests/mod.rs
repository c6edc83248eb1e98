//! Requests: why footage leaves a school, and by when it must be answered.
//!
//! A police request, a data subject's right of access (GDPR art. 15; answered
//! within one month, extendable by two more with a reason the requester is told,
//! art. 12(3)), a public-access request for an official document (*allmän
//! handling*, handled promptly — JO 3197-2016), or another. The request row
//! carries its status; extensions and decisions are rows of their own that
//! triggers keep from being changed or removed, each written in the same
//! transaction as the audit entry that names it, so an edit that goes around the
//! triggers is found by comparing the two ([`Register::verify_decisions`]).

use crate::{Register, RegisterError, Result};

mod changes;
pub use changes::{MAX_EXTENSION_MONTHS, add_months};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

status_enum!(
    /// What kind of request it is.
    RequestKind { Police = "police", DataSubjectAccess = "data_subject_access", PublicAccess = "public_access", Other = "other" }
);

status_enum!(
    /// Where a request is.
    RequestStatus {
        Received = "received",
        InReview = "in_review",
        Decided = "decided",
        Delivered = "delivered",
        Refused = "refused",
        Withdrawn = "withdrawn",
    }
);

status_enum!(
    /// A decision: `granted` (police, access, other), `disclosed` /
    /// `partly_disclosed` (public access, the latter with masking), `refused`.
    Outcome { Granted = "granted", Disclosed = "disclosed", PartlyDisclosed = "partly_disclosed", Refused = "refused" }
);

impl RequestKind {
    pub const ALL: [RequestKind; 4] =
        [RequestKind::Police, RequestKind::DataSubjectAccess, RequestKind::PublicAccess, RequestKind::Other];

    pub fn parse(s: &str) -> Option<RequestKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The outcomes a decision on this kind may have.
    pub fn outcomes(self) -> &'static [Outcome] {
        match self {
            RequestKind::PublicAccess => &[Outcome::Disclosed, Outcome::PartlyDisclosed, Outcome::Refused],
            RequestKind::Other => &[Outcome::Granted, Outcome::Disclosed, Outcome::PartlyDisclosed, Outcome::Refused],
            _ => &[Outcome::Granted, Outcome::Refused],
        }
    }
}

impl Outcome {
    pub fn parse(s: &str) -> Option<Outcome> {
        [Outcome::Granted, Outcome::Disclosed, Outcome::PartlyDisclosed, Outcome::Refused]
            .into_iter()
            .find(|o| o.as_str() == s)
    }
}

/// An extension of an access request's deadline.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Extension {
    pub months: u32,
    pub why: String,
    /// When the requester was told (GDPR: within the first month).
    pub told_on: NaiveDate,
    pub due: NaiveDate,
    pub at: String,
    pub by: String,
}

/// A decision; a later one supersedes it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Decision {
    pub id: i64,
    pub outcome: Outcome,
    /// The ground: for public access the OSL provision, for a refusal the reason.
    pub ground: String,
    pub at: String,
    pub by: String,
    /// The audit entry that recorded it.
    pub audit_id: i64,
}

/// A request and everything that happened to it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(rename = "RequestRecord")]
pub struct Request {
    pub id: i64,
    pub kind: RequestKind,
    pub received: NaiveDate,
    pub requester: String,
    pub contact: String,
    /// How an access requester's identity was verified (never a personal identity number).
    pub identity_check: String,
    pub asked: String,
    pub case_id: Option<i64>,
    pub due: NaiveDate,
    pub status: RequestStatus,
    pub created_at: String,
    pub delivered_package: Option<String>,
    pub closed_at: Option<String>,
    pub extensions: Vec<Extension>,
    pub decisions: Vec<Decision>,
}

impl Request {
    /// The decision in force (the latest).
    pub fn decision(&self) -> Option<&Decision> {
        self.decisions.last()
    }

    /// Still waiting for an answer.
    pub fn is_open(&self) -> bool {
        matches!(self.status, RequestStatus::Received | RequestStatus::InReview | RequestStatus::Decided)
    }
}

/// What a new request says.
#[derive(Debug, Clone, Default)]
pub struct NewRequest {
    pub kind: Option<RequestKind>,
    pub received: Option<NaiveDate>,
    pub requester: String,
    pub contact: String,
    pub identity_check: String,
    pub asked: String,
    pub case_id: Option<i64>,
    /// Computed by the caller from the kind and the settings.
    pub due: Option<NaiveDate>,
}

const COLUMNS: &str = "id, kind, received, requester, contact, identity_check, asked, case_id, due, status, \
                       created_at, delivered_package, closed_at";

fn request_from(r: &rusqlite::Row) -> rusqlite::Result<Request> {
    Ok(Request {
        id: r.get(0)?,
        kind: r.get(1)?,
        received: r.get(2)?,
        requester: r.get(3)?,
        contact: r.get(4)?,
        identity_check: r.get(5)?,
        asked: r.get(6)?,
        case_id: r.get(7)?,
        due: r.get(8)?,
        status: r.get(9)?,
        created_at: r.get(10)?,
        delivered_package: r.get(11)?,
        closed_at: r.get(12)?,
        extensions: Vec::new(),
        decisions: Vec::new(),
    })
}

/// The audit detail of a decision: [`Register::verify_decisions`] compares it.
pub fn decision_detail(request: i64, outcome: Outcome, ground: &str) -> String {
    format!("request {request}: {outcome} — {ground}")
}

impl Register {
    /// Records a request that arrived; `new.due` must be set.
    pub fn add_request(&mut self, new: &NewRequest, actor: &str) -> Result<Request> {
        let missing = |what: &str| RegisterError::Invalid(format!("a request needs {what}"));
        let kind = new.kind.ok_or_else(|| missing("a kind"))?;
        let received = new.received.ok_or_else(|| missing("the date it arrived"))?;
        let due = new.due.ok_or_else(|| missing("a due date"))?;
        if new.requester.trim().is_empty() || new.asked.trim().is_empty() {
            return Err(missing("who asked and what they asked for"));
        }
        let now = crate::stamp(self.now());
        let (id, _) = self.audited(actor, "request_received", |tx| {
            tx.execute(
                "INSERT INTO requests (kind, received, requester, contact, identity_check, asked, case_id, due, \
                 status, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'received', ?9)",
                params![
                    kind,
                    received,
                    new.requester.trim(),
                    new.contact.trim(),
                    new.identity_check.trim(),
                    new.asked.trim(),
                    new.case_id,
                    due,
                    now
                ],
            )?;
            let id = tx.last_insert_rowid();
            Ok((id, format!("request {id}, {kind}, received {received}, due {due}: {}", new.requester.trim())))
        })?;
        self.request(id)
    }

    pub fn request(&self, id: i64) -> Result<Request> {
        let sql = format!("SELECT {COLUMNS} FROM requests WHERE id = ?1");
        let mut r = self
            .conn
            .query_row(&sql, [id], request_from)
            .optional()?
            .ok_or_else(|| RegisterError::Invalid(format!("there is no request {id}")))?;
        self.fill(&mut r)?;
        Ok(r)
    }

    /// Every request, by due date.
    pub fn requests(&self) -> Result<Vec<Request>> {
        let sql = format!("SELECT {COLUMNS} FROM requests ORDER BY due, id");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut all = stmt.query_map([], request_from)?.collect::<Result<Vec<_>, _>>()?;
        for r in &mut all {
            self.fill(r)?;
        }
        Ok(all)
    }

    fn fill(&self, r: &mut Request) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT e.months, e.why, e.told_on, e.due, e.at, a.username FROM request_extensions e \
             JOIN accounts a ON a.id = e.account_id WHERE e.request_id = ?1 ORDER BY e.id",
        )?;
        let ext = |x: &rusqlite::Row| {
            Ok(Extension {
                months: x.get(0)?,
                why: x.get(1)?,
                told_on: x.get(2)?,
                due: x.get(3)?,
                at: x.get(4)?,
                by: x.get(5)?,
            })
        };
        r.extensions = stmt.query_map([r.id], ext)?.collect::<Result<_, _>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.outcome, d.ground, d.at, a.username, d.audit_id FROM request_decisions d \
             JOIN accounts a ON a.id = d.account_id WHERE d.request_id = ?1 ORDER BY d.id",
        )?;
        let dec = |x: &rusqlite::Row| {
            Ok(Decision {
                id: x.get(0)?,
                outcome: x.get(1)?,
                ground: x.get(2)?,
                at: x.get(3)?,
                by: x.get(4)?,
                audit_id: x.get(5)?,
            })
        };
        r.decisions = stmt.query_map([r.id], dec)?.collect::<Result<_, _>>()?;
        Ok(())
    }

    pub(crate) fn account_id(&self, username: &str) -> Result<i64> {
        Ok(self.conn.query_row("SELECT id FROM accounts WHERE username = ?1", [username], |r| r.get(0))?)
    }

    /// Moves a request to `to` when it is in one of `from`, audited with `detail`.
    pub fn set_request_status(
        &mut self,
        id: i64,
        (from, to): (&[RequestStatus], RequestStatus),
        action: &str,
        detail: &str,
        actor: &str,
    ) -> Result<()> {
        let r = self.request(id)?;
        if !from.contains(&r.status) {
            return Err(RegisterError::Invalid(format!("request {id} is {}: it cannot become {to}", r.status)));
        }
        let closed =
            (!matches!(to, RequestStatus::InReview | RequestStatus::Decided)).then(|| crate::stamp(self.now()));
        self.change(actor, action, detail, |tx| {
            let sql = "UPDATE requests SET status = ?1, closed_at = ?2 WHERE id = ?3 AND status = ?4";
            tx.execute(sql, params![to, closed, id, r.status])?;
            Ok(())
        })?;
        Ok(())
    }
}
