//! Users, settings, the audit log and the annual report.

use crate::state::{AppState, Res, err};
use bevis::desk::AccountState;
use bevis::register::accounts::Role;
use bevis::register::audit::{Check, Entry};
use tauri::State;

#[tauri::command]
pub fn users(state: State<'_, AppState>) -> Res<Vec<AccountState>> {
    state.with(|d| d.users())
}

#[tauri::command]
pub async fn add_user(
    state: State<'_, AppState>,
    username: String,
    display: String,
    role: String,
    password: String,
) -> Res<()> {
    let role = Role::parse(&role).ok_or_else(|| err("choose a role"))?;
    state.with(|d| d.add_user(&username, &display, role, &password).map(|_| ()))
}

#[tauri::command]
pub fn disable_user(state: State<'_, AppState>, username: String) -> Res<()> {
    state.with(|d| d.disable_user(&username))
}

#[tauri::command]
pub fn settings(state: State<'_, AppState>) -> Res<bevis::register::settings::Settings> {
    state.with(|d| d.settings())
}

#[tauri::command]
pub fn set_setting(state: State<'_, AppState>, key: String, value: String) -> Res<()> {
    state.with(|d| d.set_setting(&key, &value))
}

#[tauri::command]
pub fn audit_log(state: State<'_, AppState>) -> Res<Vec<Entry>> {
    state.with(|d| d.audit_entries())
}

#[tauri::command]
pub fn audit_verify(state: State<'_, AppState>) -> Res<String> {
    state.with(|d| d.audit_verify()).map(|c| match c {
        Check::Intact { rows, head } => format!("OK {rows} {head}"),
        Check::Broken { row, why } => format!("BROKEN {row} {why}"),
    })
}

#[tauri::command]
pub async fn report(state: State<'_, AppState>, year: i32) -> Res<String> {
    state.job(move |st| st.work(|d| d.report(year))).await.map(|r| bevis::report::html(&r))
}
