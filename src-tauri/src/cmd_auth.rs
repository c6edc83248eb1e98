//! First run, login and logout.

use crate::state::{AppState, Res, Session, desk_err, err};
use bevis::desk::{self, Desk};
use serde::Serialize;
use std::time::Instant;
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
    let reg = desk::open_register(&state.data_dir).map_err(err)?;
    let settings = reg.settings().map_err(err)?;
    let user = state.desk.lock().map_err(err)?.as_ref().map(|s| s.desk.user().clone());
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
    let desk = desk::init(&state.data_dir, &organisation, &admin, &password).map_err(desk_err)?;
    *state.desk.lock().map_err(err)? = Some(Session { desk, last_seen: Instant::now() });
    Ok(())
}

#[tauri::command]
pub async fn login(state: State<'_, AppState>, username: String, password: String) -> Res<()> {
    let desk = Desk::login(&state.data_dir, &username, &password).map_err(desk_err)?;
    *state.desk.lock().map_err(err)? = Some(Session { desk, last_seen: Instant::now() });
    Ok(())
}

#[tauri::command]
pub fn logout(state: State<'_, AppState>) -> Res<()> {
    state.desk.lock().map_err(err)?.take();
    Ok(())
}
