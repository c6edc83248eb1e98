//! A year of synthetic activity through the register's own API (clock injected),
#![allow(clippy::manual_is_multiple_of)] // the schedule reads better as arithmetic
//! then reminders and the annual report checked against tallies kept while
//! generating it.

use bevis::register::Register;
use bevis::register::accounts::Role;
use bevis::register::exports::NewExport;
use bevis::register::sessions::{NewSession, Reason, Source};
use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, TimeZone, Utc};

enum Event {
    Session(u32),
    Deleted(u32),
}

#[derive(Default)]
struct Tally {
    sessions: [[u32; 12]; 6],
    exports: [u32; 12],
    handovers: u32,
    on_time: u32,
    late: u32,
    alive: Vec<(u32, NaiveDate)>,
}

fn week(w: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 10, 0, 0).unwrap() + TimeDelta::weeks(w.into())
}

fn open_week(reg: &mut Register, w: u32, t: &mut Tally) {
    let at = week(w);
    let user = if w % 2 == 0 { "anna" } else { "bo" };
    let case = reg.open_case(&format!("K-{w:02}"), "synthetic", user).unwrap();
    let source = Source::new(format!("/nvr/cam{w}.mp4"), "cam".into(), (at - TimeDelta::days(1)).naive_utc(), 600.0);
    let reason = Reason::ALL[(w % 6) as usize];
    let new = NewSession {
        case_id: case.id,
        account_id: if w % 2 == 0 { 2 } else { 3 },
        reason,
        note: "n".into(),
        sources: vec![source.clone()],
        from: source.start,
        to: source.start + TimeDelta::minutes(5),
        request_id: None,
    };
    let session = reg.open_session(&new, user).unwrap();
    t.sessions[(w % 6) as usize][at.month0() as usize] += 1;
    if w % 3 != 0 {
        return;
    }
    let delete_by = at.date_naive() + TimeDelta::days(30);
    let e = NewExport {
        case_id: case.id,
        session_id: session.id,
        package_id: format!("pkg{w:02}"),
        drive_label: Some("USB".into()),
        drive_serial: None,
        fs_type: Some("exfat".into()),
        path: format!("/media/usb/pkg{w}.bevis"),
        rel_path: format!("BEVIS/pkg{w}.bevis"),
        recipient: None,
        delete_by,
        size_bytes: 1,
    };
    reg.record_export(&e, user).unwrap();
    t.exports[at.month0() as usize] += 1;
    if w % 2 == 0 {
        reg.mark_handed_over(&e.package_id, "Polisen", user).unwrap();
        t.handovers += 1;
    }
    t.alive.push((w, delete_by));
}

fn year() -> (tempfile::TempDir, Register, Tally) {
    let dir = tempfile::tempdir().unwrap();
    let mut reg = Register::open(&dir.path().join("register.db")).unwrap();
    reg.set_now(Some(week(0) - TimeDelta::days(3)));
    for (name, role) in [("it", Role::Admin), ("anna", Role::Reviewer), ("bo", Role::Reviewer)] {
        reg.add_account(name, name, role, "long password").unwrap();
    }
    let mut events: Vec<(DateTime<Utc>, Event)> = (0..52).map(|w| (week(w), Event::Session(w))).collect();
    // Exports of weeks 0..39 are deleted: weeks ≡ 0 (mod 6) on day 28 (on time), the others on day 35 (late).
    events.extend((0..40).filter(|w| w % 3 == 0).map(|w| {
        let days = if w % 6 == 0 { 28 } else { 35 };
        (week(w) + TimeDelta::days(days), Event::Deleted(w))
    }));
    events.sort_by_key(|e| e.0);
    let mut t = Tally::default();
    for (at, event) in events {
        reg.set_now(Some(at));
        match event {
            Event::Session(w) => open_week(&mut reg, w, &mut t),
            Event::Deleted(w) => {
                reg.mark_wipe_started(&format!("pkg{w:02}"), "anna").unwrap();
                reg.mark_deleted(&format!("pkg{w:02}"), 2, "anna").unwrap();
                if w % 6 == 0 {
                    t.on_time += 1
                } else {
                    t.late += 1
                }
                t.alive.retain(|a| a.0 != w);
            }
        }
    }
    for w in 0..48 {
        reg.close_case(&format!("K-{w:02}"), "anna").unwrap();
    }
    (dir, reg, t)
}

#[test]
fn the_annual_report_counts_a_year_of_activity() {
    let (_dir, mut reg, t) = year();
    reg.set_now(Some(Utc.with_ymd_and_hms(2027, 1, 10, 9, 0, 0).unwrap()));
    let r = bevis::report::build(&reg, 2026).unwrap();
    for (i, reason) in Reason::ALL.iter().enumerate() {
        assert_eq!(r.sessions[reason], t.sessions[i], "{reason:?}");
    }
    assert_eq!(r.exports_by_month, t.exports);
    assert_eq!((r.handovers, r.deleted_on_time, r.deleted_late), (t.handovers, t.on_time, t.late));
    assert!(t.on_time > 0 && t.late > 0);
    let year_end = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let overdue = t.alive.iter().filter(|a| a.1 < year_end).count();
    assert_eq!(r.overdue.len(), overdue);
    assert_eq!(r.per_user["anna"].sessions + r.per_user["bo"].sessions, 52);
    let anna_exports = (0..52).filter(|w| w % 3 == 0 && w % 2 == 0).count() as u32;
    assert_eq!((r.per_user["anna"].exports, r.per_user["bo"].exports), (anna_exports, 18 - anna_exports));
    let csv = bevis::report::csv(&r);
    assert!(csv.contains(&format!("deleted,late,2026,{}", t.late)), "{csv}");
    let html = bevis::report::html(&r);
    assert_eq!(html.matches(r#"role="img""#).count(), 2, "two charts");
    assert!(!html.contains("<script"), "no scripts in a printed report");
}

#[test]
fn reminders_on_a_december_morning() {
    let (_dir, mut reg, t) = year();
    let today = NaiveDate::from_ymd_opt(2026, 12, 28).unwrap();
    reg.set_now(Some(Utc.with_ymd_and_hms(2026, 12, 28, 9, 0, 0).unwrap()));
    let due = bevis::due::reminders(&reg, 7).unwrap();
    let packages: Vec<_> = due.iter().filter(|r| r.kind != bevis::due::Kind::RecordingAutoDelete).collect();
    let expected = t.alive.iter().filter(|a| a.1 <= today + TimeDelta::days(7)).count();
    assert_eq!(packages.len(), expected);
    assert!(packages.iter().all(|r| (r.kind == bevis::due::Kind::PackageExpired) == (r.date <= today)));
    // Open cases are weeks 48–51; footage recorded the day before week w is deleted 14 days later.
    let recordings: Vec<_> = due.iter().filter(|r| r.kind == bevis::due::Kind::RecordingAutoDelete).collect();
    let expected: Vec<String> = (48..52)
        .filter(|w| {
            (0..=7).contains(&((week(*w) - TimeDelta::days(1) + TimeDelta::days(14)).date_naive() - today).num_days())
        })
        .map(|w| format!("/nvr/cam{w}.mp4"))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(recordings.iter().map(|r| r.subject.clone()).collect::<Vec<_>>(), expected);
}
