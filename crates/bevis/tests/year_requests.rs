//! A year of requests through the register (clock injected): each arrives,
//! some are extended, most are decided and delivered or refused after a known
//! number of days, a few stay open — and the annual report's request numbers
//! equal the tallies kept while generating them.

use bevis::desk::due_for;
use bevis::register::Register;
use bevis::register::accounts::Role;
use bevis::register::exports::NewExport;
use bevis::register::requests::{NewRequest, Outcome, RequestKind};
use bevis::register::sessions::{NewSession, Reason, Source};
use chrono::{DateTime, Datelike, TimeDelta, TimeZone, Utc};

#[derive(Default)]
struct Tally {
    per_kind: [[u32; 12]; 4],
    days: Vec<i64>,
    late: u32,
    refused: u32,
    extended: u32,
}

fn week(w: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 6, 10, 0, 0).unwrap() + TimeDelta::weeks(w.into())
}

/// Delivers request `id` through a session opened for it and an export from it.
fn deliver(reg: &mut Register, id: i64, w: u32) {
    let case = reg.open_case(&format!("R-{w:02}"), "request", "anna").unwrap();
    let source = Source::new(format!("/nvr/cam{w}.mp4"), "cam".into(), week(w).naive_utc(), 600.0);
    let new = NewSession {
        case_id: case.id,
        account_id: 2,
        reason: Reason::Other,
        note: "n".into(),
        sources: vec![source.clone()],
        from: source.start,
        to: source.start + TimeDelta::minutes(5),
        request_id: Some(id),
    };
    let session = reg.open_session(&new, "anna").unwrap();
    let package_id = format!("pkg{w:02}");
    let e = NewExport {
        case_id: case.id,
        session_id: session.id,
        package_id: package_id.clone(),
        drive_label: None,
        drive_serial: None,
        fs_type: None,
        path: format!("/media/usb/{package_id}.bevis"),
        rel_path: format!("BEVIS/{package_id}.bevis"),
        recipient: None,
        delete_by: week(w).date_naive() + TimeDelta::days(60),
        size_bytes: 1,
    };
    reg.record_export(&e, "anna").unwrap();
    reg.deliver_request(id, &package_id, "anna").unwrap();
}

fn one_week(reg: &mut Register, w: u32, t: &mut Tally) {
    let at = week(w);
    reg.set_now(Some(at));
    let kind = RequestKind::ALL[(w % 4) as usize];
    let received = at.date_naive();
    let due = due_for(kind, received, &reg.settings().unwrap());
    let new = NewRequest {
        kind: Some(kind),
        received: Some(received),
        requester: format!("requester {w}"),
        asked: "camera 1".into(),
        due: Some(due),
        ..Default::default()
    };
    let id = reg.add_request(&new, "anna").unwrap().id;
    t.per_kind[(w % 4) as usize][at.month0() as usize] += 1;
    let mut due = due;
    if kind == RequestKind::DataSubjectAccess && w.is_multiple_of(3) {
        reg.extend_request(id, 1, "many recordings to go through", received, "anna").unwrap();
        due = reg.request(id).unwrap().due;
        t.extended += 1;
    }
    if w % 11 == 5 {
        t.late += u32::from(due < chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        return;
    }
    let days = i64::from(w % 9) * 3;
    reg.set_now(Some(at + TimeDelta::days(days)));
    let outcome = match (kind, w.is_multiple_of(5)) {
        (_, true) => Outcome::Refused,
        (RequestKind::PublicAccess, _) => Outcome::PartlyDisclosed,
        _ => Outcome::Granted,
    };
    reg.decide_request(id, outcome, "ground", "anna").unwrap();
    if outcome == Outcome::Refused {
        t.refused += 1;
    } else {
        deliver(reg, id, w);
    }
    t.days.push(days);
    t.late += u32::from(received + TimeDelta::days(days) > due);
}

#[test]
fn the_report_counts_a_year_of_requests_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut reg = Register::open(&dir.path().join("register.db")).unwrap();
    reg.set_now(Some(week(0) - TimeDelta::days(3)));
    for (name, role) in [("it", Role::Admin), ("anna", Role::Reviewer)] {
        reg.add_account(name, name, role, "long password").unwrap();
    }
    let mut t = Tally::default();
    for w in 0..48 {
        one_week(&mut reg, w, &mut t);
    }
    reg.set_now(Some(Utc.with_ymd_and_hms(2027, 1, 10, 9, 0, 0).unwrap()));
    let r = bevis::report::build(&reg, 2026).unwrap().requests;
    for (i, kind) in RequestKind::ALL.iter().enumerate() {
        assert_eq!(r.per_kind[kind.as_str()], t.per_kind[i], "{kind} per month");
    }
    t.days.sort_unstable();
    let n = t.days.len();
    let median = if n % 2 == 1 { t.days[n / 2] as f64 } else { (t.days[n / 2 - 1] + t.days[n / 2]) as f64 / 2.0 };
    assert_eq!(r.answered as usize, n);
    assert_eq!(r.median_days, Some(median));
    assert_eq!(r.worst_days, t.days.last().copied());
    assert_eq!((r.late, r.refused, r.extended), (t.late, t.refused, t.extended));
    assert!(t.late > 0 && t.refused > 0 && t.extended > 0, "the year has each case");
    let html = bevis::report::html(&bevis::report::build(&reg, 2026).unwrap());
    assert!(html.contains("Förfrågningar") && html.contains("Registerutdrag (GDPR)"));
}
