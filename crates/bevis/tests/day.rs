//! A day in the life, with the command line only: init → reviewer → case →
//! session → export → due → months pass (injected clock) → wipe → audit → report,
//! and then someone edits the database behind Bevis's back.

mod common;
use common::{VTEST, contains, files};
use std::path::Path;
use std::process::Command;

struct Day {
    data: String,
    dir: tempfile::TempDir,
}

impl Day {
    /// Runs `bevis` at `now` as `user` (None: no login); returns (ok, stdout, stderr).
    fn run(&self, now: &str, user: Option<&str>, args: &[&str]) -> (bool, String, String) {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_bevis"));
        cmd.env("BEVIS_NOW", now).args(["--data-dir", &self.data]);
        if let Some(u) = user {
            cmd.args(["--user", u, "--password-file", &self.pw(u)]);
        }
        let out = cmd.args(args).output().unwrap();
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        (out.status.success(), text(&out.stdout), text(&out.stderr))
    }

    fn ok(&self, now: &str, user: Option<&str>, args: &[&str]) -> String {
        let (ok, out, err) = self.run(now, user, args);
        assert!(ok, "bevis {args:?} failed: {err}");
        out
    }

    fn pw(&self, user: &str) -> String {
        let p = self.dir.path().join(format!("{user}.pw"));
        std::fs::write(&p, format!("{user} has a long password\n")).unwrap();
        p.to_string_lossy().into_owned()
    }
}

const MORNING: &str = "2026-11-22T08:30:00Z";
const LATER: &str = "2027-02-25T09:00:00Z";

#[test]
fn a_day_in_the_life_with_the_cli_only() {
    let dir = tempfile::tempdir().unwrap();
    let day = Day { data: dir.path().join("data").to_string_lossy().into_owned(), dir };
    let d = day.dir.path();
    let pw = day.pw("it");
    day.ok(MORNING, None, &["init", "--org", "Exempelskolan", "--admin", "it", "--password-file", &pw]);
    let anna_pw = day.pw("anna");
    day.ok(MORNING, Some("it"), &["user", "add", "anna", "--role", "reviewer", "--new-password-file", &anna_pw]);
    day.ok(MORNING, Some("anna"), &["case", "open", "K-2026-0042", "--title", "Bråk i korridoren"]);
    let session = day
        .ok(
            MORNING,
            Some("anna"),
            &[
                "session",
                "open",
                "--case",
                "K-2026-0042",
                "--reason",
                "violence_threat",
                "--note",
                "a teacher reported a fight",
                "--source",
                VTEST,
                "--camera",
                "Korridor",
                "--start",
                "2026-11-21T12:40:00",
                "--from",
                "2026-11-21T12:40:10",
                "--to",
                "2026-11-21T12:40:40",
            ],
        )
        .trim()
        .to_string();
    let plan = d.join("plan.json");
    std::fs::write(
        &plan,
        format!(
            r#"{{"version":1,"sources":[{{"id":"s1","path":"{VTEST}"}}],"clips":[{{"source":"s1","in":20,"out":22}}]}}"#
        ),
    )
    .unwrap();
    let usb = d.join("usb");
    std::fs::create_dir(&usb).unwrap();
    std::fs::write(usb.join("holiday.jpg"), b"not evidence").unwrap();
    let (p, u) = (plan.to_string_lossy(), usb.to_string_lossy());
    let no_session = day.run(MORNING, Some("anna"), &["export", "--plan", &p, "--to", &u]);
    assert!(!no_session.0 && no_session.2.contains("--session"), "an export needs a session: {}", no_session.2);
    let (checked, _, why) =
        day.run(MORNING, Some("anna"), &["check", "--session", &session, "--plan", &p, "--mask-all"]);
    assert!(checked, "the leak check masks the people walking in the yard: {why}");
    let out = day.ok(
        MORNING,
        Some("anna"),
        &["export", "--session", &session, "--plan", &p, "--to", &u, "--delete-by", "2027-02-20"],
    );
    let id = out.lines().find_map(|l| l.strip_prefix("id")).unwrap().trim().to_string();
    day.ok(MORNING, Some("anna"), &["handover", &id, "--recipient", "Polisen, Östersund"]);
    let listed = day.ok(MORNING, Some("anna"), &["exports"]);
    assert!(listed.contains(&id) && listed.contains("handed_over") && listed.contains("2027-02-20"), "{listed}");
    let due = day.ok(MORNING, Some("anna"), &["due", "--within", "14"]);
    assert!(due.contains("server") && due.contains("vtest.avi"), "footage of the open case: {due}");
    assert!(!due.contains(&id), "the package is not due yet: {due}");
    let ics = d.join("due.ics");
    day.ok(MORNING, Some("anna"), &["calendar", "--out", &ics.to_string_lossy()]);
    let cal = std::fs::read_to_string(&ics).unwrap();
    assert!(cal.contains("DTSTART;VALUE=DATE:20270220") && cal.contains(&format!("UID:{id}@bevis")), "{cal}");

    // Three months later.
    let due = day.ok(LATER, Some("anna"), &["due", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&due).unwrap();
    assert_eq!(v[0]["kind"], "package_expired");
    assert_eq!(v[0]["subject"], id.as_str());
    let listed = day.ok(LATER, Some("anna"), &["wipe", "--drive", &u]);
    assert!(listed.contains("expired") && files(&usb).len() == 4, "listing deletes nothing: {listed}");
    let wiped = day.ok(LATER, Some("anna"), &["wipe", "--drive", &u, "--expired"]);
    assert!(wiped.contains("DELETED"), "{wiped}");
    assert_eq!(files(&usb), vec![usb.join("holiday.jpg")], "only the package went");
    let log = day.ok(LATER, Some("it"), &["audit", "list", "--json"]);
    assert!(log.contains("deletion verified (after its delete-by date)"), "the late deletion is recorded");
    let v: serde_json::Value = serde_json::from_str(&day.ok(LATER, Some("it"), &["exports", "--json"])).unwrap();
    assert_eq!((&v[0]["status"], &v[0]["deletion_verified"]), (&"deleted".into(), &true.into()), "{v}");
    assert!(day.ok(LATER, Some("it"), &["audit", "verify"]).contains("audit log intact"));
    let report = d.join("report.html");
    day.ok(LATER, Some("it"), &["report", "--year", "2026", "--out", &report.to_string_lossy()]);
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("<svg") && html.contains("Exempelskolan"), "report with charts");
    let csv = std::fs::read_to_string(d.join("report.csv")).unwrap();
    assert!(csv.contains("sessions,violence_threat,2026-11,1") && csv.contains("exports,,2026-11,1"), "{csv}");
    assert!(csv.contains("handovers,,2026,1"), "{csv}");

    tamper(&day, Path::new(&day.data).join("register.db").as_path());
}

/// Edits one audit row behind the triggers' back: `audit verify` must fail naming it.
fn tamper(day: &Day, db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch("DROP TRIGGER audit_log_no_update").unwrap();
    conn.execute("UPDATE audit_log SET detail = 'nothing happened' WHERE action = 'exported'", []).unwrap();
    let row: i64 = conn.query_row("SELECT id FROM audit_log WHERE action = 'exported'", [], |r| r.get(0)).unwrap();
    drop(conn);
    let (ok, _, err) = day.run(LATER, Some("it"), &["audit", "verify"]);
    assert!(!ok && err.contains(&format!("row {row} its contents were changed")), "{err}");
    assert!(!contains(err.as_bytes(), b"intact"));
}
