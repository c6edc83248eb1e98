//! Requests from arrival to answer: deadlines by kind (month ends, leap years,
//! working days, extension limits), the rules an access request sets for its
//! export (audited refusals), decisions that cannot be edited unnoticed, a year
//! of requests against the annual report, and the CLI the outside checks use.

mod common;
use bevis::desk::{DeskError, RequestInput, SessionExport, due_for};
use bevis::media::synth::{self, Codec, Spec};
use bevis::redact::{Mode, Track};
use bevis::register::requests::RequestKind;
use bevis::register::sessions::Reason;
use chrono::NaiveDate;
use common::Site;
use std::path::Path;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn input(kind: &str, received: &str) -> RequestInput {
    RequestInput {
        kind: kind.into(),
        received: received.into(),
        requester: "Eva Förälder".into(),
        contact: "eva@example.se".into(),
        identity_check: "legitimation visad i receptionen".into(),
        asked: "Matsalen 2026-11-21 12:00–12:15, mitt barn".into(),
        case_ref: Some("K-1".into()),
    }
}

#[test]
fn deadlines_follow_the_kind_month_ends_leap_years_and_working_days() {
    let site = Site::new();
    let s = bevis::desk::open_register(&site.data).unwrap().settings().unwrap();
    let access = |r: &str| due_for(RequestKind::DataSubjectAccess, d(r), &s);
    assert_eq!(access("2027-01-31"), d("2027-02-28"), "31 Jan + 1 month = the last day of February");
    assert_eq!(access("2028-01-31"), d("2028-02-29"), "a leap year");
    assert_eq!(access("2026-04-30"), d("2026-05-30"));
    assert_eq!(access("2026-12-15"), d("2027-01-15"), "over the year end");
    assert_eq!(due_for(RequestKind::PublicAccess, d("2026-11-27"), &s), d("2026-11-30"), "Friday + 1 working day");
    assert_eq!(due_for(RequestKind::Police, d("2026-11-27"), &s), d("2026-12-11"), "the police setting: 14 days");
    let mut anna = site.desk("anna");
    let r = anna.new_request(&input("data_subject_access", "2026-11-02")).unwrap();
    assert_eq!(r.due, d("2026-12-02"));
    let why = "många kameror och långa inspelningar att gå igenom";
    let refused = |res: Result<_, DeskError>| matches!(res, Err(DeskError::Register(_)));
    assert!(refused(anna.extend_request(r.id, 3, why, Some("2026-11-20"))), "at most two more months");
    assert!(refused(anna.extend_request(r.id, 1, "snart", Some("2026-11-20"))), "a real reason");
    assert!(refused(anna.extend_request(r.id, 1, why, Some("2026-12-03"))), "told within the first month");
    let r = anna.extend_request(r.id, 1, why, Some("2026-11-20")).unwrap();
    assert_eq!(r.due, d("2027-01-02"));
    let r = anna.extend_request(r.id, 1, why, Some("2026-11-20")).unwrap();
    assert_eq!((r.due, r.extensions.len()), (d("2027-02-02"), 2));
    assert!(refused(anna.extend_request(r.id, 1, why, Some("2026-11-20"))), "two months used");
    let police = anna.new_request(&input("police", "2026-11-02")).unwrap();
    assert!(refused(anna.extend_request(police.id, 1, why, None)), "only access requests are extended");
    let log = site.desk("it").audit_entries().unwrap();
    assert_eq!(log.iter().filter(|e| e.action == "request_extended").count(), 2);
}

#[test]
fn a_personal_identity_number_is_never_stored() {
    let site = Site::new();
    let mut anna = site.desk("anna");
    let with_pnr = RequestInput {
        identity_check: "personnummer 811218-9876".into(),
        ..input("data_subject_access", "2026-11-02")
    };
    let err = anna.new_request(&with_pnr).unwrap_err().to_string();
    assert!(err.contains("personal identity number"), "{err}");
    assert!(anna.requests().unwrap().is_empty());
}

/// A 10 s recording and an access request's session on it.
fn access_session(site: &Site) -> (i64, i64, std::path::PathBuf) {
    let src = site.dir.path().join("matsal.mp4");
    synth::write(&src, &Spec::new(160, 120, 10, 10, Codec::H264Mp4)).unwrap();
    let mut anna = site.desk("anna");
    let request = anna.new_request(&input("data_subject_access", "2026-11-21")).unwrap().id;
    let req = bevis::desk::SessionRequest {
        case_ref: String::new(),
        reason: Reason::Other,
        note: "registerutdrag".into(),
        sources: vec![bevis::desk::SourceSpec {
            path: src.clone(),
            camera: None,
            start: Some("2026-11-21T12:00:00".into()),
        }],
        from: "+0".into(),
        to: "+10".into(),
        request: Some(request),
    };
    let s = anna.open_session(&req).unwrap();
    assert_eq!(s.reason, Reason::DataSubjectRequest, "the request's kind sets the reason");
    assert_eq!(anna.request(request).unwrap().status.as_str(), "in_review");
    (request, s.id, src)
}

fn plan(src: &Path, keep: bool, audio: bool) -> bevis::redact::EditPlan {
    let mut plan = bevis::redact::EditPlan::for_source(src);
    plan.clips.push(bevis::redact::Clip { source: "s1".into(), in_s: 1.0, out_s: 3.0, crop: None });
    plan.mode = Mode::KeepVisible;
    plan.options.keep_audio = audio;
    let kf = |t: f64| serde_json::json!({"t": t, "x": 10.0, "y": 10.0, "w": 40.0, "h": 80.0});
    let track = serde_json::json!({"id": "t1", "source": "s1", "keyframes": [kf(0.0), kf(10.0)], "keep": keep});
    plan.tracks.push(serde_json::from_value::<Track>(track).unwrap());
    plan
}

#[test]
fn an_access_copy_is_keep_visible_silent_without_originals_and_goes_to_the_requester() {
    let site = Site::new();
    let (request, session, src) = access_session(&site);
    let export = |plan, originals, recipient: Option<&str>| {
        let req = SessionExport { recipient: recipient.map(String::from), originals, ..site.export_of(session, plan) };
        site.desk("anna").export(req, |_| true)
    };
    let forbidden = |r: bevis::desk::Result<_>| matches!(r, Err(DeskError::Forbidden(_)));
    let mut blur = plan(&src, true, false);
    blur.mode = Mode::BlurTracks;
    assert!(forbidden(export(blur, None, None)), "keep visible is forced");
    assert!(forbidden(export(plan(&src, false, false), None, None)), "the requester's own track is kept");
    assert!(forbidden(export(plan(&src, true, true), None, None)), "no sound");
    let original =
        bevis::export::Originals { form: bevis::export::OriginalForm::Files, why: "polisen vill ha det".into() };
    assert!(forbidden(export(plan(&src, true, false), Some(original), None)), "never the original");
    assert!(forbidden(export(plan(&src, true, false), None, Some("Polisen"))), "to the requester only");
    let log = site.desk("it").audit_entries().unwrap();
    assert!(log.iter().filter(|e| e.action == "refused").count() >= 5, "every refusal is audited");
    let (done, record) = export(plan(&src, true, false), None, None).unwrap();
    assert_eq!(record.recipient.as_deref(), Some("Eva Förälder"), "the recipient is the requester");
    let mut anna = site.desk("anna");
    assert!(anna.deliver_request(request, &done.package_id).is_err(), "a decision comes first");
    anna.decide_request(request, "granted", "art. 15: kopia med andra maskerade").unwrap();
    let r = anna.deliver_request(request, &done.package_id).unwrap();
    assert_eq!((r.status.as_str(), r.delivered_package.as_deref()), ("delivered", Some(done.package_id.as_str())));
    let letter = std::fs::read_dir(site.data.join("letters")).unwrap().next().unwrap().unwrap().path();
    let html = std::fs::read_to_string(letter).unwrap();
    assert!(html.contains("Begäran bifalls") && html.contains("IMY") && html.contains("Exempelskolan"), "{html}");
}

#[test]
fn a_decision_is_never_edited_unnoticed() {
    let site = Site::new();
    let mut anna = site.desk("anna");
    let r = anna.new_request(&input("public_access", "2026-11-20")).unwrap();
    anna.decide_request(r.id, "partly_disclosed", "OSL 23 kap. 1 § (elevernas personliga förhållanden)").unwrap();
    let superseding = anna.decide_request(r.id, "refused", "OSL 26 kap. 1 §").unwrap();
    assert_eq!(superseding.decisions.len(), 2, "a new decision supersedes, the old one stays");
    assert_eq!(superseding.status.as_str(), "refused");
    drop(anna);
    let reg = bevis::desk::open_register(&site.data).unwrap();
    let edit = "UPDATE request_decisions SET ground = 'inget' WHERE id = 1";
    assert!(reg.conn().execute(edit, []).is_err(), "the trigger refuses an edit");
    reg.conn().execute_batch("DROP TRIGGER request_decisions_no_update").unwrap();
    reg.conn().execute(edit, []).unwrap();
    drop(reg);
    let check = site.desk("dpo").audit_verify().unwrap();
    assert!(matches!(check, bevis::register::audit::Check::Broken { .. }), "caught: {check:?}");
}

#[test]
fn open_requests_are_due_reminders_and_calendar_events_until_answered() {
    let site = Site::new();
    let mut anna = site.desk("anna");
    let late = anna.new_request(&input("police", "2026-01-02")).unwrap();
    let due = anna.due(7).unwrap();
    let r = due.iter().find(|r| r.subject == format!("request {} (police)", late.id)).expect("listed");
    assert_eq!((r.date, r.kind.clone()), (d("2026-01-16"), bevis::due::Kind::RequestOverdue));
    let ics = anna.calendar().unwrap();
    assert!(ics.contains(&format!("UID:request-{}@bevis", late.id)) && ics.contains("DTSTART;VALUE=DATE:20260116"));
    anna.withdraw_request(late.id, "polisen lade ner förundersökningen").unwrap();
    assert!(!anna.due(7).unwrap().iter().any(|r| r.subject.starts_with("request")), "answered: no longer due");
    assert!(!anna.calendar().unwrap().contains("UID:request-"));
}

#[test]
fn a_public_access_disclosure_follows_its_decision_and_its_letter_says_how_to_appeal() {
    let site = Site::new();
    let src = site.dir.path().join("entre.mp4");
    synth::write(&src, &Spec::new(160, 120, 10, 10, Codec::H264Mp4)).unwrap();
    let mut anna = site.desk("anna");
    let request = anna.new_request(&input("public_access", "2026-11-20")).unwrap().id;
    let req = bevis::desk::SessionRequest {
        case_ref: String::new(),
        reason: Reason::Other,
        note: "allmän handling".into(),
        sources: vec![bevis::desk::SourceSpec {
            path: src.clone(),
            camera: None,
            start: Some("2026-11-21T12:00:00".into()),
        }],
        from: "+0".into(),
        to: "+10".into(),
        request: Some(request),
    };
    let session = anna.open_session(&req).unwrap().id;
    let export = |anna: &mut bevis::desk::Desk, plan| anna.export(site.export_of(session, plan), |_| true);
    let mut unmasked = plan(&src, true, false);
    unmasked.mode = Mode::BlurTracks;
    unmasked.tracks.clear();
    let forbidden = |r: bevis::desk::Result<_>| matches!(r, Err(DeskError::Forbidden(_)));
    assert!(forbidden(export(&mut anna, unmasked.clone())), "nothing before the secrecy review");
    anna.decide_request(request, "partly_disclosed", "OSL 23 kap. 1 §: andra elever maskeras").unwrap();
    assert!(forbidden(export(&mut anna, unmasked)), "partly disclosed: masked");
    assert!(export(&mut anna, plan(&src, true, false)).is_ok(), "masked, it goes");
    let letter = anna.letter(&anna.request(request).unwrap()).unwrap();
    assert!(letter.contains("kammarrätten") && letter.contains("tre veckor") && letter.contains("OSL 23 kap. 1 §"));
}
