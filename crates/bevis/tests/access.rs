//! The role matrix and the window gate, checked in the core (no front end involved).

mod common;
use bevis::desk::{Desk, DeskError, SessionExport};
use bevis::media::synth::{self, Codec, Spec};
use bevis::register::accounts::Role;
use common::{PASSWORDS, Site, VTEST};
use std::path::Path;

fn forbidden<T: std::fmt::Debug>(r: Result<T, DeskError>, what: &str) {
    match r {
        Err(DeskError::Forbidden(msg)) => assert!(msg.contains(what), "{msg}"),
        other => panic!("expected a refusal to {what}, got {other:?}"),
    }
}

fn refusals(site: &Site) -> usize {
    site.desk("it").audit_entries().unwrap().iter().filter(|e| e.action == "refused").count()
}

/// A session on vtest.avi (79.5 s from 12:40:00), window 12:40:20–12:40:30.
fn narrow(site: &Site) -> i64 {
    site.session(Path::new(VTEST), "2026-11-21T12:40:00", "2026-11-21T12:40:20", "2026-11-21T12:40:30")
}

fn export_req(site: &Site, id: i64, from: f64, to: f64) -> SessionExport {
    let mut plan = bevis::redact::EditPlan::for_source(Path::new(VTEST));
    plan.clips.push(bevis::redact::Clip { source: "s1".into(), in_s: from, out_s: to, crop: None });
    site.export_of(id, plan)
}

#[test]
fn the_auditor_never_sees_footage_and_never_exports() {
    let site = Site::new();
    let id = narrow(&site);
    let before = refusals(&site);
    let mut dpo = site.desk("dpo");
    forbidden(dpo.frame_png(id, 0, 25.0, Some(160), None), "see footage");
    forbidden(dpo.export(export_req(&site, id, 21.0, 23.0), |_| true).map(|_| ()), "see footage");
    forbidden(dpo.open_case("K-2", "x"), "open cases");
    let req = bevis::desk::SessionRequest {
        case_ref: "K-1".into(),
        reason: bevis::register::sessions::Reason::Other,
        note: "curious".into(),
        sources: vec![bevis::desk::SourceSpec {
            path: VTEST.into(),
            camera: None,
            start: Some("2026-11-21T12:40:00".into()),
        }],
        from: "+0".into(),
        to: "+10".into(),
        request: None,
    };
    forbidden(dpo.open_session(&req), "open review sessions");
    assert!(
        dpo.audit_verify().is_ok() && dpo.report(2026).is_ok() && dpo.users().is_ok(),
        "oversight is the auditor's work"
    );
    forbidden(dpo.add_user("eve", "Eve", Role::Admin, "long password"), "manage users");
    assert_eq!(refusals(&site), before + 5, "every refusal is in the audit log");
}

#[test]
fn the_reviewer_cannot_manage_users_settings_or_the_log() {
    let site = Site::new();
    let mut anna = site.desk("anna");
    forbidden(anna.add_user("eve", "Eve", Role::Admin, "long password"), "manage users");
    forbidden(anna.disable_user("it"), "manage users");
    forbidden(anna.set_setting("retention_days", "30"), "change settings");
    forbidden(anna.audit_entries(), "read the audit log");
    forbidden(anna.report(2026), "annual report");
    let mut it = site.desk("it");
    it.set_setting("retention_days", "30").unwrap();
    assert_eq!(it.settings().unwrap().retention_days, 30);
    assert!(it.set_setting("retention_days", "0").is_err() && it.set_setting("colour", "blue").is_err());
}

#[test]
fn sessions_belong_to_their_user_and_close() {
    let site = Site::new();
    let id = narrow(&site);
    let mut it = site.desk("it");
    forbidden(it.frame_png(id, 0, 25.0, Some(160), None), "belongs to another user");
    let mut anna = site.desk("anna");
    assert!(anna.frame_png(id, 0, 25.0, Some(160), None).is_ok());
    anna.close_session(id).unwrap();
    forbidden(anna.frame_png(id, 0, 25.0, Some(160), None), "is closed");
}

#[test]
fn disabled_and_locked_accounts_are_refused() {
    let site = Site::new();
    let id = narrow(&site);
    let mut logged_in = site.desk("anna");
    site.desk("it").disable_user("anna").unwrap();
    forbidden(logged_in.frame_png(id, 0, 25.0, Some(160), None), "has been disabled");
    let refused = Desk::login(&site.data, "anna", PASSWORDS[1].1);
    assert!(matches!(refused, Err(DeskError::Login(_))), "disabled");
    for _ in 0..5 {
        assert!(Desk::login(&site.data, "dpo", "wrong password").is_err());
    }
    let locked = Desk::login(&site.data, "dpo", PASSWORDS[2].1).err().unwrap().to_string();
    assert!(locked.contains("locked"), "{locked}");
}

#[test]
fn the_window_gate_refuses_outside_and_logs_widening() {
    let site = Site::new();
    let src = site.dir.path().join("cam.mp4");
    synth::write(&src, &Spec::new(160, 120, 10, 200, Codec::H264Mp4)).unwrap();
    // Recorded from 12:40:00; incident 12:41:40–12:41:50 (100–110 s), ±60 s → 40–170 s.
    let id = site.session(&src, "2026-11-21T12:40:00", "2026-11-21T12:41:40", "2026-11-21T12:41:50");
    let mut anna = site.desk("anna");
    assert!(anna.frame_png(id, 0, 45.0, Some(80), None).is_ok(), "inside the margin");
    assert!(anna.frame_png(id, 0, 105.0, Some(80), None).is_ok(), "inside the window");
    forbidden(anna.frame_png(id, 0, 30.0, Some(80), None), "outside the incident window");
    forbidden(anna.frame_png(id, 0, 175.0, Some(80), None), "outside the incident window");
    let mut plan = bevis::redact::EditPlan::for_source(&src);
    plan.clips.push(bevis::redact::Clip { source: "s1".into(), in_s: 150.0, out_s: 180.0, crop: None });
    let req = site.export_of(id, plan);
    let drive = req.drive.clone();
    forbidden(anna.export(req, |_| true).map(|_| ()), "outside the incident window");
    assert!(common::files(&drive).is_empty(), "nothing written for a refused export");
    assert!(anna.change_window(id, "+20", "+110", " ").is_err(), "widening needs a reason");
    anna.change_window(id, "+20", "+110", "the teacher says it started earlier").unwrap();
    assert!(anna.frame_png(id, 0, 30.0, Some(80), None).is_ok(), "inside the widened window");
    let log = site.desk("it").audit_entries().unwrap();
    let changed: Vec<_> = log.iter().filter(|e| e.action == "window_changed").collect();
    assert_eq!(changed.len(), 1);
    assert!(changed[0].detail.contains("the teacher says it started earlier"), "{}", changed[0].detail);
    assert_eq!(log.iter().filter(|e| e.action == "refused").count(), 3);
    let played = bevis::desk::open_register(&site.data).unwrap().session(id).unwrap().played;
    assert_eq!(played.len(), 3, "45 s, 105 s and 30 s were shown: {played:?}");
}

#[test]
fn the_database_alone_does_not_hold_the_signing_key() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let seed = [0x5au8; 32];
    std::fs::write(data.join("signing.key"), hex::encode(seed)).unwrap();
    let desk = bevis::desk::init(&data, "Skolan", "it", "admin password 1").unwrap();
    assert!(!data.join("signing.key").exists(), "the old plain key file is taken over and removed");
    let fingerprint = bevis::pack::manifest::fingerprint(&ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key());
    let init = bevis::desk::open_register(&data)
        .unwrap()
        .audit_entries()
        .unwrap()
        .into_iter()
        .find(|e| e.action == "initialised")
        .unwrap();
    assert!(init.detail.contains(&fingerprint), "the same key signs: {}", init.detail);
    drop(desk);
    for name in ["register.db", "register.db-wal"] {
        let bytes = std::fs::read(data.join(name)).unwrap_or_default();
        assert!(!common::contains(&bytes, &seed), "{name} holds the key");
        assert!(!common::contains(&bytes, hex::encode(seed).as_bytes()), "{name} holds the key in hex");
    }
    let reg = bevis::register::Register::open(&data.join("register.db")).unwrap();
    assert!(reg.unseal_key(1, "not the password").is_err(), "a slot opens only with its password");
    assert_eq!(reg.unseal_key(1, "admin password 1").unwrap().unwrap().as_ref(), &seed);
}

#[test]
fn playback_is_gated_frame_exact_and_recorded_as_one_range() {
    use bevis::desk::Seek;
    let site = Site::new();
    let src = site.dir.path().join("cam.mp4");
    synth::write(&src, &Spec::new(160, 120, 10, 200, Codec::H264Mp4)).unwrap();
    let id = site.session(&src, "2026-11-21T12:40:00", "2026-11-21T12:41:40", "2026-11-21T12:41:50");
    let mut anna = site.desk("anna");
    let first = anna.view(id, 0, Seek::At(100.0), 80, None).unwrap();
    assert_eq!((first.index, first.width, first.height), (1000, 80, 60));
    for i in 1..=20 {
        let f = anna.view(id, 0, Seek::Next, 80, None).unwrap();
        assert_eq!(f.index, 1000 + i, "frame stepping is exact");
        let img = image::load_from_memory(&f.jpeg).unwrap();
        assert_eq!((img.width(), img.height()), (80, 60));
    }
    assert_eq!(anna.view(id, 0, Seek::Prev, 80, None).unwrap().index, 1019);
    forbidden(anna.view(id, 0, Seek::At(20.0), 80, None).map(|f| f.index), "outside the incident window");
    drop(anna);
    let reg = bevis::desk::open_register(&site.data).unwrap();
    let played = reg.session(id).unwrap().played;
    assert_eq!(played.len(), 1, "{played:?}");
    assert_eq!(
        (played[0].from.to_string(), played[0].to.to_string()),
        ("2026-11-21 12:41:40".into(), "2026-11-21 12:41:42".into())
    );
    let views = reg.audit_entries().unwrap().into_iter().filter(|e| e.action == "view").count();
    assert_eq!(views, 1, "21 frames of playback are one view in the log");
}
