//! The app's state: the data folder and the logged-in desk (if any), locked after
//! the configured minutes of inactivity — checked here, in Rust, on every call,
//! so a web view left open cannot outlive the lock.

use bevis::desk::{Desk, DeskError};
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

pub struct AppState {
    pub data_dir: PathBuf,
    /// Footage given on the command line (the demo profile opens it).
    pub footage: Option<PathBuf>,
    pub desk: Mutex<Option<Session>>,
    /// Set by a cancel button; read by the running long job (export, find people).
    pub cancel: AtomicBool,
}

pub struct Session {
    pub desk: Desk,
    pub last_seen: Instant,
}

/// A command's error: one sentence for the user.
pub type Res<T> = Result<T, String>;

pub fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// A desk error for the web view: for the errors the core gives a code
/// (`DeskError::coded`), `{"code", "params", "detail"}` as JSON, which the front
/// end words in the user's language; the plain English message for the rest.
pub fn desk_err(e: DeskError) -> String {
    match e.coded() {
        Some(c) => serde_json::json!({ "code": c.code, "params": c.params, "detail": e.to_string() }).to_string(),
        None => e.to_string(),
    }
}

const LOCKED: &str = r#"{"code":"locked","params":{},"detail":"Bevis is locked; log in again"}"#;

impl AppState {
    /// Runs `f` with the logged-in desk; locks (logs out) after inactivity.
    pub fn with<T>(&self, f: impl FnOnce(&mut Desk) -> Result<T, DeskError>) -> Res<T> {
        let mut guard = self.desk.lock().map_err(|_| "internal error: state poisoned".to_string())?;
        let Some(session) = guard.as_mut() else { return Err(LOCKED.into()) };
        let minutes = session.desk.settings().map(|s| s.auto_lock_minutes).unwrap_or(10) as u64;
        if session.last_seen.elapsed() > Duration::from_secs(minutes * 60) {
            *guard = None;
            return Err(LOCKED.into());
        }
        session.last_seen = Instant::now();
        f(&mut session.desk).map_err(desk_err)
    }
}
