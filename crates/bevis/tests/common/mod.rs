//! Helpers shared by the workflow tests.
#![allow(dead_code)]

use bevis::export::ExportRequest;
use bevis::redact::{Clip, EditPlan};
use std::path::{Path, PathBuf};

/// Every file below `dir`, recursively (none if it does not exist).
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() { out.extend(files(&p)) } else { out.push(p) }
    }
    out
}

/// Whether `needle` occurs in `hay`.
pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// An export of `src` ([0.4, 1.6) s, one still at 1 s) to `drive`, due in 180 days.
pub fn request(src: &Path, drive: &Path) -> ExportRequest {
    let mut plan = EditPlan::for_source(src);
    plan.clips.push(Clip { source: "s1".into(), in_s: 0.4, out_s: 1.6, crop: None });
    ExportRequest {
        plan,
        case_ref: "K-2026-0042".into(),
        delete_by: chrono::Local::now().date_naive() + chrono::Days::new(180),
        issuer: "Exempelskolan".into(),
        operator: "Anna".into(),
        reason: "suspected crime".into(),
        recipient: Some("Polisen".into()),
        drive: drive.into(),
        password: None,
        stills: vec![bevis::export::Still { clip: 0, t: 1.0 }],
        now: chrono::Utc::now(),
        audit_head: None,
        originals: None,
    }
}

pub fn key() -> ed25519_dalek::SigningKey {
    ed25519_dalek::SigningKey::from_bytes(&[7u8; 32])
}

pub const VTEST: &str = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";

/// An installation in a temporary folder: admin `it`, reviewer `anna`, auditor
/// `dpo`, and case `K-1` — set up through the library, used through the CLI.
pub struct Site {
    pub dir: tempfile::TempDir,
    pub data: PathBuf,
}

pub const PASSWORDS: [(&str, &str); 3] =
    [("it", "admin password 1"), ("anna", "reviewer password 1"), ("dpo", "auditor password 1")];

/// Why most tests export past the leak check: they are about something else.
pub const NOT_THE_LEAK_CHECK: &str = "the leak check is not what this test is about";

impl Site {
    /// The site's stand-in for a USB drive (created).
    pub fn drive(&self) -> PathBuf {
        let drive = self.dir.path().join("usb");
        std::fs::create_dir_all(&drive).unwrap();
        drive
    }

    /// An export of `plan` from session `id` to [`drive`](Self::drive) with every
    /// other choice at its default and the leak check overridden (with
    /// [`NOT_THE_LEAK_CHECK`]); a test changes fields by struct update syntax.
    pub fn export_of(&self, id: i64, plan: EditPlan) -> bevis::desk::SessionExport {
        bevis::desk::SessionExport {
            session_id: id,
            plan,
            delete_by: None,
            recipient: None,
            drive: self.drive(),
            password: None,
            stills: vec![],
            originals: None,
            override_why: Some(NOT_THE_LEAK_CHECK.into()),
        }
    }

    pub fn new() -> Site {
        use bevis::register::accounts::Role;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let mut desk = bevis::desk::init(&data, "Exempelskolan", "it", PASSWORDS[0].1).unwrap();
        desk.add_user("anna", "Anna Intendent", Role::Reviewer, PASSWORDS[1].1).unwrap();
        desk.add_user("dpo", "Dora Dataskydd", Role::Auditor, PASSWORDS[2].1).unwrap();
        drop(desk);
        bevis::desk::Desk::login(&data, "anna", PASSWORDS[1].1).unwrap().open_case("K-1", "Test").unwrap();
        for (user, pw) in PASSWORDS {
            std::fs::write(dir.path().join(format!("{user}.pw")), pw).unwrap();
        }
        Site { dir, data }
    }

    pub fn desk(&self, user: &str) -> bevis::desk::Desk {
        let pw = PASSWORDS.iter().find(|p| p.0 == user).unwrap().1;
        bevis::desk::Desk::login(&self.data, user, pw).unwrap()
    }

    /// `--data-dir D --user U --password-file F`, to prefix CLI arguments.
    pub fn login(&self, user: &str) -> Vec<String> {
        let pw = self.dir.path().join(format!("{user}.pw"));
        ["--data-dir", &self.data.to_string_lossy(), "--user", user, "--password-file", &pw.to_string_lossy()]
            .map(String::from)
            .to_vec()
    }

    /// Opens a session for anna on `src` recorded from `start`, window `[from, to]`.
    pub fn session(&self, src: &Path, start: &str, from: &str, to: &str) -> i64 {
        use bevis::desk::{SessionRequest, SourceSpec};
        let req = SessionRequest {
            case_ref: "K-1".into(),
            reason: bevis::register::sessions::Reason::ViolenceThreat,
            note: "a fight reported by a teacher".into(),
            sources: vec![SourceSpec { path: src.into(), camera: Some("Korridor".into()), start: Some(start.into()) }],
            from: from.into(),
            to: to.into(),
            request: None,
        };
        self.desk("anna").open_session(&req).unwrap().id
    }
}
