//! The app's workstation during a long job: the export is held in the middle
//! of its render (the test decides when it may go on), and meanwhile every
//! other call must answer — each within 200 ms, or the test fails instead of
//! hanging. Then: what happens to a job's result across a lock and a login.

mod common;
use bevis::desk::SessionExport;
use bevis::export::{Exported, Stage};
use bevis::station::{Station, StationError};
use common::{PASSWORDS, Site, VTEST};
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

/// An export of 20–24 s of vtest.avi in a session of anna's.
fn request(site: &Site) -> SessionExport {
    let id = site.session(Path::new(VTEST), "2026-11-21T12:40:00", "2026-11-21T12:40:20", "2026-11-21T12:40:30");
    let mut plan = bevis::redact::EditPlan::for_source(Path::new(VTEST));
    plan.clips.push(bevis::redact::Clip { source: "s1".into(), in_s: 20.0, out_s: 24.0, crop: None });
    site.export_of(id, plan)
}

fn station(site: &Site, user: &str) -> Arc<Station> {
    let st = Arc::new(Station::new(site.data.clone()));
    st.login(user, pw(user)).unwrap();
    st
}

fn pw(user: &str) -> &'static str {
    PASSWORDS.iter().find(|p| p.0 == user).unwrap().1
}

type Outcome = Result<Exported, StationError>;

/// Starts export job `id` on a worker thread; it stops at its first rendered
/// frames until `go` receives a message. Returns once the render is under way.
fn held_export(st: &Arc<Station>, id: &str, req: SessionExport) -> (Sender<()>, Receiver<Outcome>) {
    let (started_tx, started) = channel();
    let (go, go_rx) = channel::<()>();
    let (done_tx, done) = channel();
    let (st, id) = (st.clone(), id.to_string());
    std::thread::spawn(move || {
        let mut held = false;
        let out = st.export(&id, req, |stage| {
            if matches!(stage, Stage::Rendering { progress, .. } if progress.done > 0) && !held {
                held = true;
                started_tx.send(()).unwrap();
                go_rx.recv().unwrap();
            }
        });
        done_tx.send(out).unwrap();
    });
    started.recv_timeout(Duration::from_secs(120)).expect("the export started rendering");
    (go, done)
}

/// Runs `f` on another thread and fails if it has not answered within `ms`.
fn answers<T: Send + 'static>(what: &str, ms: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_millis(ms)).unwrap_or_else(|_| panic!("{what} did not answer within {ms} ms"))
}

#[test]
fn every_other_call_answers_while_an_export_renders() {
    let site = Site::new();
    let st = station(&site, "anna");
    let req = request(&site);
    let session = req.session_id;
    let (go, done) = held_export(&st, "export-1", req);
    assert!(st.running("export-1"));
    let s = st.clone();
    let home = answers("home", 200, move || s.with(|d| Ok((d.cases()?, d.my_open_sessions()?, d.due(7)?))));
    assert_eq!(home.unwrap().1.len(), 1, "the open session is listed");
    let s = st.clone();
    answers("the evidence register", 200, move || s.with(|d| d.evidence())).unwrap();
    let s = st.clone();
    answers("settings", 200, move || s.with(|d| d.settings())).unwrap();
    let s = st.clone();
    answers("status", 200, move || s.user()).expect("still logged in");
    let s = st.clone();
    answers("logout", 200, move || s.logout());
    assert!(st.user().is_none(), "logged out while the export runs");
    let s = st.clone();
    answers("login", 5_000, move || s.login("anna", pw("anna"))).unwrap();
    go.send(()).unwrap();
    let exported = done.recv_timeout(Duration::from_secs(300)).unwrap().expect("the export finished");
    assert!(exported.container.exists() && exported.password.is_some());
    assert!(!st.running("export-1"));
    let reg = bevis::desk::open_register(&site.data).unwrap();
    assert_eq!(reg.exports().unwrap().len(), 1, "recorded in the register");
    let chain = bevis::register::audit::verify(&reg).unwrap();
    assert!(matches!(chain, bevis::register::audit::Check::Intact { .. }), "two connections, one chain: {chain:?}");
    assert!(reg.session(session).unwrap().played.is_empty(), "an export shows nothing: nothing recorded as seen");
    let started = reg.audit_entries().unwrap().into_iter().find(|e| e.action == "export_started").unwrap();
    assert!(
        started.detail.contains("Korridor 12:40:20.000–12:40:24.000"),
        "the log names what left: {}",
        started.detail
    );
}

#[test]
fn an_export_that_ends_while_locked_waits_for_its_author_only() {
    let site = Site::new();
    let st = station(&site, "anna");
    let (go, done) = held_export(&st, "e", request(&site));
    st.logout();
    go.send(()).unwrap();
    let out = done.recv_timeout(Duration::from_secs(300)).unwrap();
    assert!(matches!(out, Err(StationError::Locked)), "the password is not handed to a locked window");
    st.login("anna", pw("anna")).unwrap();
    let waiting = st.take_waiting();
    assert_eq!(waiting.len(), 1, "anna gets her export's result after logging in again");
    assert!(waiting[0].password.is_some() && waiting[0].container.exists());
    assert!(st.take_waiting().is_empty(), "shown once");

    let (go, done) = held_export(&st, "e", request(&site));
    st.login("it", pw("it")).unwrap();
    go.send(()).unwrap();
    assert!(matches!(done.recv_timeout(Duration::from_secs(300)).unwrap(), Err(StationError::Locked)));
    assert!(st.take_waiting().is_empty(), "another user never sees anna's password");
    st.login("anna", pw("anna")).unwrap();
    st.login("it", pw("it")).unwrap();
    st.login("anna", pw("anna")).unwrap();
    assert!(st.take_waiting().is_empty(), "discarded when somebody else logged in");
}

#[test]
fn each_job_has_its_own_cancel_token() {
    let site = Site::new();
    let st = station(&site, "anna");
    let req = request(&site);
    let drive = req.drive.clone();
    let (go, done) = held_export(&st, "export-a", req);
    st.cancel("find-b");
    st.cancel("export-b");
    let busy = st.job("export-a", |_, _| Ok(()));
    assert!(matches!(busy, Err(StationError::Busy(_))), "one job per name");
    st.cancel("export-a");
    go.send(()).unwrap();
    let out = done.recv_timeout(Duration::from_secs(300)).unwrap();
    assert!(matches!(out, Err(StationError::Desk(ref e)) if e.to_string().contains("cancelled")), "{:?}", out.err());
    assert!(common::files(&drive).is_empty(), "nothing left on the drive: {:?}", common::files(&drive));
    let (go, done) = held_export(&st, "export-c", request(&site));
    st.cancel("export-a");
    go.send(()).unwrap();
    assert!(done.recv_timeout(Duration::from_secs(300)).unwrap().is_ok(), "another job's cancel does not stop it");
}

/// What the register holds as seen in session `id`: its played ranges and the `view` rows.
fn seen(site: &Site, id: i64) -> (Vec<bevis::register::sessions::Played>, usize) {
    let reg = bevis::desk::open_register(&site.data).unwrap();
    let views = reg.audit_entries().unwrap().into_iter().filter(|e| e.action == "view").count();
    (reg.session(id).unwrap().played, views)
}

#[test]
fn leaving_records_exactly_what_was_shown_and_nothing_is_shown_after_a_logout() {
    use bevis::desk::Seek;
    let site = Site::new();
    let id = site.session(Path::new(VTEST), "2026-11-21T12:40:00", "2026-11-21T12:40:20", "2026-11-21T12:40:30");
    let st = station(&site, "anna");
    let mut shown = vec![st.with(|d| d.view(id, 0, Seek::At(20.0), 160, None)).unwrap().index];
    for _ in 0..9 {
        shown.push(st.with(|d| d.view(id, 0, Seek::Next, 160, None)).unwrap().index);
    }
    assert_eq!(shown, (200..210).collect::<Vec<u64>>(), "ten frames, 20.0–20.9 s");
    st.with(|d| d.leave()).unwrap();
    let (played, views) = seen(&site, id);
    assert_eq!((played.len(), views), (1, 1), "one range, one view row: {played:?}");
    let wall = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f").unwrap();
    assert_eq!((played[0].from, played[0].to), (wall("2026-11-21 12:40:20"), wall("2026-11-21 12:40:20.9")));
    st.logout();
    let after = st.with(|d| d.view(id, 0, Seek::Next, 160, None));
    assert!(matches!(after, Err(StationError::Locked)), "no frame after logging out");
    assert_eq!(seen(&site, id), (played, views), "and nothing more recorded as seen");
}

#[test]
fn thumbnails_are_audited_as_stills_not_as_a_watched_range() {
    let site = Site::new();
    let id = site.session(Path::new(VTEST), "2026-11-21T12:40:00", "2026-11-21T12:40:20", "2026-11-21T12:40:30");
    let thumbs = site.desk("anna").thumbnails(id, 0, 5.0, 80).unwrap();
    assert!(thumbs.len() >= 2, "{} thumbnails", thumbs.len());
    assert_eq!(seen(&site, id), (vec![], 0), "no range between the stills is claimed as watched");
    let log = bevis::desk::open_register(&site.data).unwrap().audit_entries().unwrap();
    let row = log.iter().find(|e| e.action == "thumbnails").expect("the stills are audited");
    assert!(row.detail.contains(&format!("{} stills at 12:40:00", thumbs.len())), "{}", row.detail);
}

#[test]
fn the_inactivity_lock_writes_what_was_shown_and_then_shows_nothing() {
    use bevis::desk::Seek;
    let site = Site::new();
    let id = site.session(Path::new(VTEST), "2026-11-21T12:40:00", "2026-11-21T12:40:20", "2026-11-21T12:40:30");
    let st = station(&site, "anna");
    st.with(|d| d.view(id, 0, Seek::At(25.0), 160, None)).unwrap();
    for _ in 0..4 {
        st.with(|d| d.view(id, 0, Seek::Next, 160, None)).unwrap();
    }
    st.pretend_idle(Duration::from_secs(11 * 60));
    let late = st.with(|d| d.view(id, 0, Seek::Next, 160, None));
    assert!(matches!(late, Err(StationError::Locked)), "ten minutes idle (the default) lock the app");
    let (played, views) = seen(&site, id);
    assert_eq!(views, 1);
    let wall = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f").unwrap();
    assert_eq!((played[0].from, played[0].to), (wall("2026-11-21 12:40:25"), wall("2026-11-21 12:40:25.4")));
    assert!(st.user().is_none());
}
