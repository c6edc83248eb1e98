//! The annual report for the yearly evaluation of camera use (Jämtland: the
//! December management meeting; IMY expects documented, yearly-reviewed necessity).
//!
//! Everything is counted from the register itself — review sessions by reason
//! and month, exports, handovers to the police, deletions on time or late,
//! packages overdue, and access per user — and rendered as a self-contained HTML
//! page with SVG charts, plus the same numbers as CSV for the minutes.

use bevis_register::Register;
use bevis_register::sessions::Reason;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

mod render;
mod requests;

pub use render::{csv, html};
pub use requests::RequestStats;

/// Per-user activity in the year.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct UserActivity {
    pub role: String,
    pub sessions: u32,
    pub views: u32,
    pub exports: u32,
    pub refusals: u32,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    pub year: i32,
    pub organisation: String,
    pub generated_at: String,
    /// `[reason][month 0..12]`.
    pub sessions: BTreeMap<Reason, [u32; 12]>,
    pub exports_by_month: [u32; 12],
    pub handovers: u32,
    pub deleted_on_time: u32,
    pub deleted_late: u32,
    /// Not deleted, delete-by passed (as of the report date, or year end for past years).
    pub overdue: Vec<(String, String)>,
    pub per_user: BTreeMap<String, UserActivity>,
    pub requests: RequestStats,
}

fn month_in(stamp: &str, year: i32) -> Option<usize> {
    let t = bevis_register::parse_stamp(stamp)?.with_timezone(&chrono::Local);
    (t.year() == year).then(|| t.month0() as usize)
}

/// Counts the year `year` from the register.
pub fn build(reg: &Register, year: i32) -> bevis_register::Result<Report> {
    let accounts: BTreeMap<i64, (String, String)> = reg
        .accounts()?
        .into_iter()
        .map(|(a, _, _)| (a.id, (a.username.clone(), a.role.as_str().to_string())))
        .collect();
    let mut per_user: BTreeMap<String, UserActivity> = accounts
        .values()
        .map(|(name, role)| (name.clone(), UserActivity { role: role.clone(), ..Default::default() }))
        .collect();
    let name_of = |id: i64| accounts.get(&id).map(|a| a.0.clone()).unwrap_or_else(|| format!("#{id}"));
    let mut sessions: BTreeMap<Reason, [u32; 12]> = Reason::ALL.iter().map(|r| (*r, [0; 12])).collect();
    let mut owner = BTreeMap::new();
    for s in reg.sessions(None)? {
        owner.insert(s.id, s.account_id);
        if let Some(m) = month_in(&s.opened_at, year) {
            sessions.get_mut(&s.reason).expect("every reason")[m] += 1;
            per_user.entry(name_of(s.account_id)).or_default().sessions += 1;
        }
    }
    let mut r = Report {
        year,
        organisation: reg.settings()?.organisation,
        generated_at: bevis_register::stamp(reg.now()),
        sessions,
        exports_by_month: [0; 12],
        handovers: 0,
        deleted_on_time: 0,
        deleted_late: 0,
        overdue: Vec::new(),
        per_user,
        requests: RequestStats::default(),
    };
    count_exports(reg, &mut r, &|sid| owner.get(&sid).map(|id| name_of(*id)))?;
    let year_end = NaiveDate::from_ymd_opt(year, 12, 31).expect("a valid year");
    r.requests = requests::count(reg, year, reg.now().with_timezone(&chrono::Local).date_naive().min(year_end))?;
    count_access(reg, &mut r)?;
    Ok(r)
}

/// Each user's views and refusals in the year, from the audit log.
fn count_access(reg: &Register, r: &mut Report) -> bevis_register::Result<()> {
    for e in reg.audit_entries()? {
        if month_in(&e.at, r.year).is_none() {
            continue;
        }
        let user = r.per_user.entry(e.actor.clone()).or_default();
        match e.action.as_str() {
            "view" => user.views += 1,
            "refused" | "login_refused" => user.refusals += 1,
            _ => {}
        }
    }
    Ok(())
}

fn count_exports(reg: &Register, r: &mut Report, owner: &dyn Fn(i64) -> Option<String>) -> bevis_register::Result<()> {
    let year_end = NaiveDate::from_ymd_opt(r.year, 12, 31).expect("a valid year");
    let today = reg.now().with_timezone(&chrono::Local).date_naive();
    let as_of = today.min(year_end);
    for e in reg.exports()? {
        if let Some(m) = month_in(&e.created_at, r.year) {
            r.exports_by_month[m] += 1;
            if let Some(user) = owner(e.session_id) {
                r.per_user.entry(user).or_default().exports += 1;
            }
        }
        if e.handed_over_at.as_deref().and_then(|t| month_in(t, r.year)).is_some() {
            r.handovers += 1;
        }
        let deleted = e.deleted_at.as_deref().and_then(bevis_register::parse_stamp);
        match deleted {
            Some(t) if t.year() == r.year => {
                let day = t.with_timezone(&chrono::Local).date_naive();
                if day <= e.delete_by { r.deleted_on_time += 1 } else { r.deleted_late += 1 }
            }
            Some(_) => {}
            None if e.delete_by < as_of => {
                let case = reg.case_by_id(e.case_id)?.reference;
                r.overdue.push((case, e.delete_by.to_string()));
            }
            None => {}
        }
    }
    Ok(())
}
