//! First run, login and logout.

use crate::state::{AppState, Res};
use bevis::bridge::Status;
use tauri::State;

#[tauri::command]
pub fn status(state: State<'_, AppState>) -> Res<Status> {
    let reg = bevis::desk::open_register(state.station.data_dir())?;
    let settings = reg.settings().map_err(bevis::desk::DeskError::from)?;
    Ok(Status {
        first_run: reg.is_first_run().map_err(bevis::desk::DeskError::from)?,
        user: state.station.user(),
        organisation: settings.organisation,
        footage: state.footage.as_ref().map(|p| p.display().to_string()),
        auto_lock_minutes: settings.auto_lock_minutes,
    })
}

#[tauri::command]
pub async fn setup(state: State<'_, AppState>, organisation: String, admin: String, password: String) -> Res<()> {
    Ok(state.station.setup(&organisation, &admin, &password)?)
}

#[tauri::command]
pub async fn login(state: State<'_, AppState>, username: String, password: String) -> Res<()> {
    Ok(state.station.login(&username, &password)?)
}

#[tauri::command]
pub fn logout(state: State<'_, AppState>) {
    state.station.logout();
}
