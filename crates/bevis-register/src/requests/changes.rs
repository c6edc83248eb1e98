//! What happens to a request after it arrived: an extension, a decision (never
//! edited: a new one supersedes it), delivery, withdrawal.

use super::{Outcome, RequestKind, RequestStatus, decision_detail};
use crate::{Register, RegisterError, Result};
use chrono::{Months, NaiveDate};
use rusqlite::params;

/// GDPR art. 12(3): at most two further months.
pub const MAX_EXTENSION_MONTHS: u32 = 2;

const OPEN: [RequestStatus; 3] = [RequestStatus::Received, RequestStatus::InReview, RequestStatus::Decided];

/// `date` plus `months` calendar months; a day the month lacks becomes its last
/// (31 January + 1 month = 28 or 29 February), as EU Regulation 1182/71 counts.
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

impl Register {
    /// Extends an access request's deadline by `months`; the total may not pass
    /// [`MAX_EXTENSION_MONTHS`], and the requester must have been told, on a day
    /// between arrival and the first deadline.
    pub fn extend_request(&mut self, id: i64, months: u32, why: &str, told_on: NaiveDate, actor: &str) -> Result<()> {
        let r = self.request(id)?;
        let invalid = |m: String| Err(RegisterError::Invalid(m));
        if r.kind != RequestKind::DataSubjectAccess {
            return invalid(format!("only an access request's deadline can be extended; request {id} is {}", r.kind));
        }
        if !OPEN.contains(&r.status) {
            return invalid(format!("request {id} is {}", r.status));
        }
        let used: u32 = r.extensions.iter().map(|e| e.months).sum();
        if months == 0 || used + months > MAX_EXTENSION_MONTHS {
            return invalid(format!(
                "an access request may be extended by at most {MAX_EXTENSION_MONTHS} months in all ({used} used)"
            ));
        }
        if why.trim().chars().count() < 10 {
            return invalid("say why the request needs more time (at least 10 characters)".into());
        }
        let first_due = add_months(r.received, 1);
        if told_on < r.received || told_on > first_due {
            return invalid(format!("the requester must be told between {} and {first_due}", r.received));
        }
        // Counted from arrival, not from the last due date: 31 January + 3 months is
        // 30 April, while 28 February + 2 months would be 28 April.
        let due = add_months(r.received, 1 + used + months);
        let account = self.account_id(actor)?;
        let now = crate::stamp(self.now());
        let detail = format!("request {id}: +{months} month(s) to {due} (told {told_on}); why: {}", why.trim());
        self.change(actor, "request_extended", &detail, |tx| {
            tx.execute(
                "INSERT INTO request_extensions (request_id, months, why, told_on, due, at, account_id) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, months, why.trim(), told_on, due, now, account],
            )?;
            tx.execute("UPDATE requests SET due = ?1 WHERE id = ?2", params![due, id])?;
            Ok(())
        })?;
        Ok(())
    }

    /// Records a decision (superseding any earlier one). A refusal closes the request.
    pub fn decide_request(&mut self, id: i64, outcome: Outcome, ground: &str, actor: &str) -> Result<()> {
        let r = self.request(id)?;
        if !OPEN.contains(&r.status) {
            return Err(RegisterError::Invalid(format!("request {id} is {}: it can no longer be decided", r.status)));
        }
        if !r.kind.outcomes().contains(&outcome) {
            let allowed: Vec<&str> = r.kind.outcomes().iter().map(|o| o.as_str()).collect();
            return Err(RegisterError::Invalid(format!("a {} request is decided as {}", r.kind, allowed.join(", "))));
        }
        if ground.trim().is_empty() {
            return Err(RegisterError::Invalid(
                "a decision needs its ground (for public access: the OSL provision)".into(),
            ));
        }
        let status = if outcome == Outcome::Refused { RequestStatus::Refused } else { RequestStatus::Decided };
        let closed = (status == RequestStatus::Refused).then(|| crate::stamp(self.now()));
        let account = self.account_id(actor)?;
        let now = crate::stamp(self.now());
        let detail = decision_detail(id, outcome, ground.trim());
        // Inside the audit's transaction: the entry appended next gets the next id.
        let (audit_id, entry) = self.change(actor, "request_decided", &detail, |tx| {
            let next: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM audit_log", [], |r| r.get(0))?;
            tx.execute("UPDATE requests SET status = ?1, closed_at = ?2 WHERE id = ?3", params![status, closed, id])?;
            tx.execute(
                "INSERT INTO request_decisions (request_id, outcome, ground, at, account_id, audit_id) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, outcome, ground.trim(), now, account, next],
            )?;
            Ok(next)
        })?;
        debug_assert_eq!(audit_id, entry.id, "the decision names its audit entry");
        Ok(())
    }

    /// The answer went out: `package_id` must be an export from a session opened for this request.
    pub fn deliver_request(&mut self, id: i64, package_id: &str, actor: &str) -> Result<()> {
        let r = self.request(id)?;
        let ours: Option<i64> = self
            .conn
            .query_row(
                "SELECT e.id FROM exports e JOIN sessions s ON s.id = e.session_id \
                 WHERE e.package_id = ?1 AND s.request_id = ?2",
                params![package_id, id],
                |x| x.get(0),
            )
            .ok();
        if ours.is_none() {
            return Err(RegisterError::Invalid(format!(
                "package {package_id} was not exported from a review session opened for request {id}"
            )));
        }
        if r.decision().is_none_or(|d| d.outcome == Outcome::Refused) {
            return Err(RegisterError::Invalid(format!("request {id} has no decision to deliver")));
        }
        let detail = format!("request {id}: delivered as package {package_id}");
        let now = crate::stamp(self.now());
        self.change(actor, "request_delivered", &detail, |tx| {
            let sql = "UPDATE requests SET status = 'delivered', delivered_package = ?1, closed_at = ?2 \
                       WHERE id = ?3 AND status = 'decided'";
            match tx.execute(sql, params![package_id, now, id])? {
                0 => Err(RegisterError::Invalid(format!("request {id} is {}, not decided", r.status))),
                _ => Ok(()),
            }
        })?;
        Ok(())
    }

    /// The requester withdrew.
    pub fn withdraw_request(&mut self, id: i64, why: &str, actor: &str) -> Result<()> {
        let detail = format!("request {id}: withdrawn; {}", why.trim());
        self.set_request_status(id, (&OPEN, RequestStatus::Withdrawn), "request_withdrawn", &detail, actor)
    }

    /// Decisions whose row no longer says what their audit entry recorded (an
    /// edit that went around the triggers), as that entry's id. Empty when all agree.
    pub fn verify_decisions(&self) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.request_id, d.outcome, d.ground, d.audit_id, a.detail, a.action FROM request_decisions d \
             LEFT JOIN audit_log a ON a.id = d.audit_id ORDER BY d.id",
        )?;
        let rows = stmt.query_map([], |r| {
            let text = |i: usize| r.get::<_, Option<String>>(i);
            Ok((r.get::<_, i64>(0)?, text(1)?, text(2)?, r.get::<_, i64>(3)?, text(4)?, text(5)?))
        })?;
        let mut bad = Vec::new();
        for row in rows {
            let (id, outcome, ground, audit_id, logged, action) = row?;
            let said = outcome
                .as_deref()
                .and_then(Outcome::parse)
                .map(|o| decision_detail(id, o, &ground.unwrap_or_default()));
            if said.is_none() || said != logged || action.as_deref() != Some("request_decided") {
                bad.push(audit_id);
            }
        }
        Ok(bad)
    }
}
