//! Reminders: evidence that must be deleted, and footage the server is about to delete.
//!
//! Two clocks run against the school. Packages on drives must go when their
//! delete-by date comes (reminded from seven days before). And the recording
//! server deletes footage `retention_days` after it was recorded — for a case
//! still open, that is the last chance to review or export more.

use bevis_register::Register;
use bevis_register::cases::CaseStatus;
use bevis_register::exports::{ExportRecord, ExportStatus};
use bevis_register::requests::Request;
use chrono::{NaiveDate, TimeDelta};
use serde::Serialize;

/// Packages are reminded this many days before their delete-by date.
pub const PACKAGE_NOTICE_DAYS: i64 = 7;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "ReminderKind")]
pub enum Kind {
    /// The delete-by date has come or passed: wipe it.
    PackageExpired,
    /// Delete-by within the notice period.
    PackageDueSoon,
    /// The server will delete footage of an open case.
    RecordingAutoDelete,
    /// An open request is past its due date.
    RequestOverdue,
    /// An open request is due within [`REQUEST_NOTICE_DAYS`].
    RequestDueSoon,
    /// An open request, due later.
    RequestOpen,
}

/// A request is flagged (amber) this many days before it is due.
pub const REQUEST_NOTICE_DAYS: i64 = 3;

fn request_reminder(r: &Request, case_ref: String, today: NaiveDate) -> Reminder {
    let days_left = (r.due - today).num_days();
    let kind = match days_left {
        ..0 => Kind::RequestOverdue,
        0..=REQUEST_NOTICE_DAYS => Kind::RequestDueSoon,
        _ => Kind::RequestOpen,
    };
    let subject = format!("request {} ({})", r.id, r.kind);
    Reminder { kind, date: r.due, days_left, case_ref, subject, place: r.requester.clone() }
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Reminder {
    pub kind: Kind,
    pub date: NaiveDate,
    /// Negative: overdue by that many days.
    pub days_left: i64,
    pub case_ref: String,
    /// The package id, or the recording's path.
    pub subject: String,
    /// Where: drive label and path, or camera.
    pub place: String,
}

fn package_reminder(e: &ExportRecord, case_ref: String, today: NaiveDate) -> Option<Reminder> {
    let days_left = (e.delete_by - today).num_days();
    if e.status == ExportStatus::Deleted || days_left > PACKAGE_NOTICE_DAYS {
        return None;
    }
    let kind = if days_left <= 0 { Kind::PackageExpired } else { Kind::PackageDueSoon };
    let label = e.drive_label.as_deref().unwrap_or("(unnamed drive)");
    Some(Reminder {
        kind,
        date: e.delete_by,
        days_left,
        case_ref,
        subject: e.package_id.clone(),
        place: format!("{label}: {}", e.path),
    })
}

/// Everything due within `within_days` (recordings) and the package notice period.
pub fn reminders(reg: &Register, within_days: i64) -> bevis_register::Result<Vec<Reminder>> {
    let today = reg.now().with_timezone(&chrono::Local).date_naive();
    let mut out = Vec::new();
    for e in reg.exports()? {
        out.extend(package_reminder(&e, reg.case_by_id(e.case_id)?.reference, today));
    }
    for r in reg.requests()?.into_iter().filter(Request::is_open) {
        let case = r.case_id.map(|c| reg.case_by_id(c)).transpose()?.map(|c| c.reference).unwrap_or_default();
        out.push(request_reminder(&r, case, today));
    }
    let retention = reg.settings()?.retention_days;
    let mut seen = std::collections::HashSet::new();
    for case in reg.cases()?.into_iter().filter(|c| c.status == CaseStatus::Open) {
        for s in reg.sessions(Some(case.id))? {
            for src in s.sources.iter().filter(|src| seen.insert(src.path.clone())) {
                let date = (src.start + TimeDelta::days(retention)).date();
                let days_left = (date - today).num_days();
                if (0..=within_days).contains(&days_left) {
                    out.push(Reminder {
                        kind: Kind::RecordingAutoDelete,
                        date,
                        days_left,
                        case_ref: case.reference.clone(),
                        subject: src.path.clone(),
                        place: src.camera.clone(),
                    });
                }
            }
        }
    }
    out.sort_by_key(|r| (r.date, r.case_ref.clone()));
    Ok(out)
}

/// An iCalendar file with one all-day event (and a reminder a week before) per
/// delete-by date of every package not yet deleted, and one (reminded three
/// days before) per due date of every open request.
pub fn calendar(reg: &Register) -> bevis_register::Result<String> {
    let stamp = reg.now().format("%Y%m%dT%H%M%SZ").to_string();
    let mut ics = vec!["BEGIN:VCALENDAR".to_string(), "VERSION:2.0".into(), "PRODID:-//Bevis//register//SV".into()];
    for e in reg.exports()?.into_iter().filter(|e| e.status != ExportStatus::Deleted) {
        let case = reg.case_by_id(e.case_id)?.reference;
        let label = e.drive_label.clone().unwrap_or_else(|| "USB".into());
        ics.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}@bevis", e.package_id),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", e.delete_by.format("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", (e.delete_by + TimeDelta::days(1)).format("%Y%m%d")),
            format!("SUMMARY:{}", escape(&format!("Radera bevispaket {case} ({label})"))),
            format!("DESCRIPTION:{}", escape(&format!("Paket {} på {}. Radera med Bevis.", e.package_id, e.path))),
            "BEGIN:VALARM".into(),
            "ACTION:DISPLAY".into(),
            format!("TRIGGER:-P{PACKAGE_NOTICE_DAYS}D"),
            format!("DESCRIPTION:{}", escape(&format!("Bevispaket {case} ska raderas om en vecka"))),
            "END:VALARM".into(),
            "END:VEVENT".into(),
        ]);
    }
    for r in reg.requests()?.into_iter().filter(Request::is_open) {
        ics.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:request-{}@bevis", r.id),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", r.due.format("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", (r.due + TimeDelta::days(1)).format("%Y%m%d")),
            format!("SUMMARY:{}", escape(&format!("Besvara förfrågan {} ({})", r.id, r.kind))),
            format!("DESCRIPTION:{}", escape(&format!("Från {}: {}", r.requester, r.asked))),
            "BEGIN:VALARM".into(),
            "ACTION:DISPLAY".into(),
            format!("TRIGGER:-P{REQUEST_NOTICE_DAYS}D"),
            format!("DESCRIPTION:{}", escape(&format!("Förfrågan {} ska besvaras senast {}", r.id, r.due))),
            "END:VALARM".into(),
            "END:VEVENT".into(),
        ]);
    }
    ics.push("END:VCALENDAR".into());
    Ok(ics.iter().map(|l| fold(l)).collect::<Vec<_>>().join(""))
}

/// RFC 5545 text escaping.
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n")
}

/// RFC 5545 line folding at 75 octets (never inside a UTF-8 character), CRLF ends.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out + "\r\n"
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "ö".repeat(60));
        let folded = super::fold(&line);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded:?}");
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
    }
}
