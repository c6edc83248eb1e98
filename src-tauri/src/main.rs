//! Bevis desktop shell. Deliberately thin: every command is an adapter that calls
//! the `bevis` crate, which owns all behaviour (and, later, every access check).
//! The full intendent workflow arrives with the desktop-app issue; for now the
//! window opens the footage it is given and shows its facts and a frame.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;

/// Footage the app was started with (`--footage PATH` or `BEVIS_FOOTAGE`).
struct Startup {
    footage: Option<PathBuf>,
}

#[tauri::command]
fn startup_footage(state: tauri::State<'_, Startup>) -> Option<String> {
    state.footage.as_ref().map(|p| p.display().to_string())
}

#[tauri::command]
async fn probe(path: String) -> Result<bevis::media::MediaInfo, String> {
    bevis::media::probe(path.as_ref()).map_err(|e| e.to_string())
}

#[tauri::command]
async fn frame_png(path: String, at: f64, width: u32) -> Result<tauri::ipc::Response, String> {
    bevis::preview::frame_png(path.as_ref(), at, Some(width), None)
        .map(tauri::ipc::Response::new)
        .map_err(|e| e.to_string())
}

fn footage_arg() -> Option<PathBuf> {
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--footage" {
            return args.next().map(PathBuf::from);
        }
    }
    std::env::var_os("BEVIS_FOOTAGE").map(PathBuf::from)
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::from_default_env()).init();
    tauri::Builder::default()
        .manage(Startup { footage: footage_arg() })
        .invoke_handler(tauri::generate_handler![startup_footage, probe, frame_png])
        .run(tauri::generate_context!())?;
    Ok(())
}
