//! Requests: one small adapter per command; every rule is in `bevis::desk`.

use crate::state::{AppState, Res};
use bevis::desk::{RequestDetail, RequestInput};
use bevis::register::requests::Request;
use tauri::State;

#[tauri::command]
pub fn requests(state: State<'_, AppState>) -> Res<Vec<Request>> {
    state.with(|d| d.requests())
}

#[tauri::command]
pub fn request_detail(state: State<'_, AppState>, id: i64) -> Res<RequestDetail> {
    state.with(|d| d.request_detail(id))
}

#[tauri::command]
pub fn new_request(state: State<'_, AppState>, req: RequestInput) -> Res<Request> {
    state.with(|d| d.new_request(&req))
}

#[tauri::command]
pub fn extend_request(
    state: State<'_, AppState>,
    id: i64,
    months: u32,
    why: String,
    told: Option<String>,
) -> Res<Request> {
    state.with(|d| d.extend_request(id, months, &why, told.as_deref()))
}

#[tauri::command]
pub fn decide_request(state: State<'_, AppState>, id: i64, outcome: String, ground: String) -> Res<Request> {
    state.with(|d| d.decide_request(id, &outcome, &ground))
}

#[tauri::command]
pub fn deliver_request(state: State<'_, AppState>, id: i64, package_id: String) -> Res<Request> {
    state.with(|d| d.deliver_request(id, &package_id))
}

#[tauri::command]
pub fn withdraw_request(state: State<'_, AppState>, id: i64, why: String) -> Res<Request> {
    state.with(|d| d.withdraw_request(id, &why))
}

/// The decision letter as HTML, for printing.
#[tauri::command]
pub fn request_letter(state: State<'_, AppState>, id: i64) -> Res<String> {
    state.with(|d| d.request(id).and_then(|r| d.letter(&r)))
}
