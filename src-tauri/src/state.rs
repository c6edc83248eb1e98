//! The app's state: the workstation (`bevis::station`: the logged-in desk, the
//! inactivity lock, the long jobs) and the footage given on the command line.
//! Long jobs run on Tauri's blocking pool through [`AppState::job`], so no
//! command ever waits for one.

use bevis::desk::DeskError;
use bevis::station::{Station, StationError};
use std::path::PathBuf;
use std::sync::Arc;

pub struct AppState {
    pub station: Arc<Station>,
    /// Footage given on the command line (the demo profile opens it).
    pub footage: Option<PathBuf>,
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

pub fn station_err(e: StationError) -> String {
    match e {
        StationError::Desk(e) => desk_err(e),
        StationError::Locked => LOCKED.into(),
        e => e.to_string(),
    }
}

const LOCKED: &str = r#"{"code":"locked","params":{},"detail":"Bevis is locked; log in again"}"#;

impl AppState {
    /// Runs `f` with the logged-in desk (one short call).
    pub fn with<T>(&self, f: impl FnOnce(&mut bevis::desk::Desk) -> Result<T, DeskError>) -> Res<T> {
        self.station.with(f).map_err(station_err)
    }

    /// Runs `f` on a worker thread with the station, off the desk's lock.
    pub async fn job<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Station) -> Result<T, StationError> + Send + 'static,
    ) -> Res<T> {
        let station = self.station.clone();
        tauri::async_runtime::spawn_blocking(move || f(&station))
            .await
            .map_err(|e| format!("internal error: the job stopped: {e}"))?
            .map_err(station_err)
    }
}
