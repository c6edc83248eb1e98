//! The app's state: the workstation (`bevis::station`: the logged-in desk, the
//! inactivity lock, the long jobs) and the footage given on the command line.
//! Long jobs run on Tauri's blocking pool through [`AppState::job`], so no
//! command ever waits for one. Errors cross as `bevis::bridge::BridgeError`.

use bevis::bridge::BridgeError;
use bevis::desk::DeskError;
use bevis::station::{Station, StationError};
use std::path::PathBuf;
use std::sync::Arc;

pub struct AppState {
    pub station: Arc<Station>,
    /// Footage given on the command line (the demo profile opens it).
    pub footage: Option<PathBuf>,
}

/// A command's result: the value, or an error the front end words.
pub type Res<T> = Result<T, BridgeError>;

/// An error without a code, shown as its English text.
pub fn err(e: impl std::fmt::Display) -> BridgeError {
    BridgeError::plain(e.to_string())
}

impl AppState {
    /// Runs `f` with the logged-in desk (one short call).
    pub fn with<T>(&self, f: impl FnOnce(&mut bevis::desk::Desk) -> Result<T, DeskError>) -> Res<T> {
        Ok(self.station.with(f)?)
    }

    /// Runs `f` on a worker thread with the station, off the desk's lock.
    pub async fn job<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Station) -> Result<T, StationError> + Send + 'static,
    ) -> Res<T> {
        let station = self.station.clone();
        tauri::async_runtime::spawn_blocking(move || f(&station))
            .await
            .map_err(|e| err(format!("internal error: the job stopped: {e}")))?
            .map_err(BridgeError::from)
    }
}
