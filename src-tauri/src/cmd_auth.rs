//! First run, login and logout.

use crate::state::{AppState, Res, err, station_err};
use bevis::desk;
use serde::Serialize;
use tauri::State;

#[derive(Serialize)]
pub struct Status {
    first_run: bool,
    user: Option<bevis::register::accounts::Account>,
    organisation: String,
    footage: Option<String>,
    auto_lock_minutes: i64,
}

#[tauri::command]
pub fn status(state: State<'_, AppState>) -> Res<Status> {
    let reg = desk::open_register(state.station.data_dir()).map_err(err)?;
    let settings = reg.settings().map_err(err)?;
    let user = state.station.user();
    Ok(Status {
        first_run: reg.is_first_run().map_err(err)?,
        user,
        organisation: settings.organisation,
        footage: state.footage.as_ref().map(|p| p.display().to_string()),
        auto_lock_minutes: settings.auto_lock_minutes,
    })
}

#[tauri::command]
pub async fn setup(state: State<'_, AppState>, organisation: String, admin: String, password: String) -> Res<()> {
    state.station.setup(&organisation, &admin, &password).map_err(station_err)
}

#[tauri::command]
pub async fn login(state: State<'_, AppState>, username: String, password: String) -> Res<()> {
    state.station.login(&username, &password).map_err(station_err)
}

#[tauri::command]
pub fn logout(state: State<'_, AppState>) -> Res<()> {
    state.station.logout();
    Ok(())
}
