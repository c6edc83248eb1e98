//! Requests at the desk: recording one (with its deadline computed from its
//! kind), extending, deciding, delivering — and the rules a request sets for the
//! review session and the export made for it (see [`Desk::request_rules`]).

use super::{Desk, DeskError, Result};
use bevis_register::accounts::Role;
use bevis_register::requests::{NewRequest, Outcome, Request, RequestKind, add_months};
use bevis_register::settings::Settings;
use chrono::{Datelike, Days, NaiveDate, Weekday};

const STAFF: [Role; 2] = [Role::Admin, Role::Reviewer];

/// A request with what was done for it: its case, the review sessions opened
/// for it and the packages exported from them.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct RequestDetail {
    pub request: Request,
    pub case_ref: Option<String>,
    pub sessions: Vec<bevis_register::sessions::Session>,
    pub exports: Vec<super::EvidenceRow>,
}

/// A request as the user typed it.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[ts(rename = "RequestForm")]
pub struct RequestInput {
    pub kind: String,
    pub received: String,
    pub requester: String,
    pub contact: String,
    pub identity_check: String,
    pub asked: String,
    pub case_ref: Option<String>,
}

/// `date` plus `n` working days (Monday–Friday; public holidays are not counted out).
pub fn add_working_days(date: NaiveDate, n: i64) -> NaiveDate {
    let mut d = date;
    let mut left = n;
    while left > 0 {
        d = d + Days::new(1);
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    d
}

/// When a request of `kind` that arrived on `received` must be answered.
pub fn due_for(kind: RequestKind, received: NaiveDate, s: &Settings) -> NaiveDate {
    let days = |n: i64| received + Days::new(n.max(0) as u64);
    match kind {
        RequestKind::DataSubjectAccess => add_months(received, 1),
        RequestKind::PublicAccess => add_working_days(received, s.public_access_due_working_days),
        RequestKind::Police => days(s.police_due_days),
        RequestKind::Other => days(s.other_due_days),
    }
}

/// A Swedish personal identity number (`YYMMDD-NNNN`, `YYYYMMDDNNNN`, with or
/// without `-`/`+`) whose check digit is right: never stored in clear text.
pub fn has_personal_number(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).any(|i| {
        let run: String = chars[i..].iter().take(13).collect();
        let digits: String = run.chars().filter(|c| c.is_ascii_digit()).collect();
        let starts = i == 0 || !chars[i - 1].is_ascii_digit();
        starts && [10, 12].iter().any(|&n| digits.len() >= n && luhn(&digits[n - 10..n]) && shaped(&run, n))
    })
}

/// The first `n` digits of `run` form one number, with at most one `-`/`+` before the last four.
fn shaped(run: &str, n: usize) -> bool {
    let mut seen = 0;
    for (k, c) in run.chars().enumerate() {
        match c {
            '0'..='9' => seen += 1,
            '-' | '+' if seen == n - 4 && k == n - 4 => {}
            _ => return false,
        }
        if seen == n {
            return run.chars().nth(k + 1).is_none_or(|c| !c.is_ascii_digit());
        }
    }
    false
}

fn luhn(ten: &str) -> bool {
    let sum: u32 = ten
        .chars()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { (d * 2) / 10 + (d * 2) % 10 } else { d })
        .sum();
    ten.len() == 10 && sum.is_multiple_of(10)
}

fn date(text: &str, what: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| DeskError::Invalid(format!("{what} must be a date such as 2027-01-31, not '{}'", text.trim())))
}

impl Desk {
    /// Records a request that arrived.
    pub fn new_request(&mut self, input: &RequestInput) -> Result<Request> {
        self.allow(&STAFF, "record requests")?;
        let kind = RequestKind::parse(input.kind.trim()).ok_or_else(|| {
            DeskError::Invalid(format!(
                "'{}' is not a kind of request (police, data_subject_access, public_access, other)",
                input.kind
            ))
        })?;
        let received = date(&input.received, "the day it arrived")?;
        if received > self.today() {
            return Err(DeskError::Invalid(format!("a request cannot arrive in the future ({received})")));
        }
        let texts = [&input.requester, &input.contact, &input.identity_check, &input.asked];
        if texts.iter().any(|t| has_personal_number(t)) {
            return Err(DeskError::Invalid(
                "do not enter a personal identity number: say how identity was checked (e.g. \"ID card shown at reception\")".into(),
            ));
        }
        let case_id = match input.case_ref.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            Some(c) => Some(self.reg.require_case(c)?.id),
            None => None,
        };
        let due = due_for(kind, received, &self.reg.settings()?);
        let new = NewRequest {
            kind: Some(kind),
            received: Some(received),
            requester: input.requester.clone(),
            contact: input.contact.clone(),
            identity_check: input.identity_check.clone(),
            asked: input.asked.clone(),
            case_id,
            due: Some(due),
        };
        Ok(self.reg.add_request(&new, &self.user.username)?)
    }

    /// Every request, by due date. Auditors see them too (never footage).
    pub fn requests(&self) -> Result<Vec<Request>> {
        Ok(self.reg.requests()?)
    }

    pub fn request(&self, id: i64) -> Result<Request> {
        Ok(self.reg.request(id)?)
    }

    /// A request with its case, sessions and packages.
    pub fn request_detail(&self, id: i64) -> Result<RequestDetail> {
        let request = self.request(id)?;
        let case_ref = request.case_id.map(|c| self.reg.case_by_id(c)).transpose()?.map(|c| c.reference);
        let sessions: Vec<_> = self.reg.sessions(None)?.into_iter().filter(|s| s.request_id == Some(id)).collect();
        let ids: Vec<i64> = sessions.iter().map(|s| s.id).collect();
        let exports = self.evidence()?.into_iter().filter(|e| ids.contains(&e.export.session_id)).collect();
        Ok(RequestDetail { request, case_ref, sessions, exports })
    }

    /// Extends an access request; `told_on` defaults to today.
    pub fn extend_request(&mut self, id: i64, months: u32, why: &str, told_on: Option<&str>) -> Result<Request> {
        self.allow(&STAFF, "extend requests")?;
        let told = match told_on.filter(|t| !t.trim().is_empty()) {
            Some(t) => date(t, "the day the requester was told")?,
            None => self.today(),
        };
        self.reg.extend_request(id, months, why, told, &self.user.username)?;
        self.request(id)
    }

    /// Records a decision and saves its letter with the case's papers
    /// (`letters/request-ID-DECISION.html`).
    pub fn decide_request(&mut self, id: i64, outcome: &str, ground: &str) -> Result<Request> {
        self.allow(&STAFF, "decide requests")?;
        let outcome = Outcome::parse(outcome.trim()).ok_or_else(|| {
            DeskError::Invalid(format!("'{outcome}' is not an outcome (granted, disclosed, partly_disclosed, refused)"))
        })?;
        self.reg.decide_request(id, outcome, ground, &self.user.username)?;
        let r = self.request(id)?;
        let letters = self.data_dir.join("letters");
        std::fs::create_dir_all(&letters)?;
        let n = r.decision().map_or(0, |d| d.id);
        std::fs::write(letters.join(format!("request-{id}-{n}.html")), self.letter(&r)?)?;
        Ok(r)
    }

    /// The decision letter of request `r` (its latest decision), Swedish and English.
    pub fn letter(&self, r: &Request) -> Result<String> {
        let d = r.decision().ok_or_else(|| DeskError::Invalid(format!("request {} has no decision yet", r.id)))?;
        let case_ref = r.case_id.map(|c| self.reg.case_by_id(c)).transpose()?.map(|c| c.reference);
        let organisation = self.reg.settings()?.organisation;
        Ok(crate::letters::decision(r, d, case_ref, &organisation, &self.user.display_name, self.today()))
    }

    pub fn deliver_request(&mut self, id: i64, package_id: &str) -> Result<Request> {
        self.allow(&STAFF, "deliver requests")?;
        self.reg.deliver_request(id, package_id.trim(), &self.user.username)?;
        self.request(id)
    }

    pub fn withdraw_request(&mut self, id: i64, why: &str) -> Result<Request> {
        self.allow(&STAFF, "record withdrawn requests")?;
        self.reg.withdraw_request(id, why, &self.user.username)?;
        self.request(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn personal_numbers_are_found_by_their_check_digit() {
        assert!(has_personal_number("Anna, 811218-9876"));
        assert!(has_personal_number("198112189876"));
        assert!(has_personal_number("pnr 8112189876 enligt pass"));
        assert!(!has_personal_number("811218-9875"), "wrong check digit");
        assert!(!has_personal_number("ärende 2026-0042, tel 070-123 45 67"));
        assert!(!has_personal_number("ID card shown at reception"));
    }

    #[test]
    fn working_days_skip_the_weekend() {
        assert_eq!(add_working_days(d("2027-01-29"), 1), d("2027-02-01"), "Friday + 1 = Monday");
        assert_eq!(add_working_days(d("2027-01-27"), 1), d("2027-01-28"));
        assert_eq!(add_working_days(d("2027-01-30"), 1), d("2027-02-01"), "arrived on a Saturday");
    }
}
