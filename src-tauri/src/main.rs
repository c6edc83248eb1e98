//! Bevis desktop shell. Deliberately thin: each command is a small adapter over
//! `bevis::desk`, which owns every behaviour and every access check; the web view
//! (TypeScript in `ui/`) only presents. No fs plugin: Rust opens only the paths
//! the user chose.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod cmd_admin;
mod cmd_auth;
mod cmd_detect;
mod cmd_export;
mod cmd_requests;
mod cmd_review;
mod state;

use std::path::PathBuf;
use tauri::Manager;

/// `--name VALUE` from the command line.
fn arg(name: &str) -> Option<String> {
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == name {
            return args.next();
        }
    }
    None
}

/// A termination signal (a system shutdown, the session ending, a driver closing the
/// window by ending the process) logs out like closing the window does — the desk
/// writes what was shown — and then ends the process.
#[cfg(unix)]
fn on_termination(station: std::sync::Arc<bevis::station::Station>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            tracing::info!(signal = sig, "ending: logging out first");
            station.logout();
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::from_default_env()).init();
    if let Some(now) = arg("--now") {
        bevis::desk::set_test_now(&now); // honoured in debug builds only
    }
    let data_dir = bevis::desk::data_dir(arg("--data-dir").map(PathBuf::from));
    let state = state::AppState {
        station: std::sync::Arc::new(bevis::station::Station::new(data_dir)),
        footage: arg("--footage").map(PathBuf::from).or_else(|| std::env::var_os("BEVIS_FOOTAGE").map(PathBuf::from)),
    };
    #[cfg(unix)]
    on_termination(state.station.clone())?;
    tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            cmd_auth::status,
            cmd_auth::setup,
            cmd_auth::login,
            cmd_auth::logout,
            cmd_review::home,
            cmd_review::probe,
            cmd_review::open_case,
            cmd_review::open_session,
            cmd_review::session_media,
            cmd_review::activity,
            cmd_review::thumbnails,
            cmd_review::frame,
            cmd_review::frames_at,
            cmd_review::add_camera,
            cmd_review::change_window,
            cmd_review::close_session,
            cmd_review::leave_workspace,
            cmd_review::set_clock,
            cmd_review::pick_footage,
            cmd_export::drives,
            cmd_export::export,
            cmd_export::cancel_job,
            cmd_export::waiting_exports,
            cmd_detect::find_people,
            cmd_detect::leak_check,
            cmd_export::exports,
            cmd_export::hand_over,
            cmd_export::returned,
            cmd_export::sweep_scan,
            cmd_export::sweep_wipe,
            cmd_admin::users,
            cmd_admin::add_user,
            cmd_admin::disable_user,
            cmd_admin::settings,
            cmd_admin::set_setting,
            cmd_admin::audit_log,
            cmd_admin::audit_verify,
            cmd_admin::report,
            cmd_requests::requests,
            cmd_requests::request_detail,
            cmd_requests::new_request,
            cmd_requests::extend_request,
            cmd_requests::decide_request,
            cmd_requests::deliver_request,
            cmd_requests::withdraw_request,
            cmd_requests::request_letter,
        ])
        .on_window_event(|window, event| {
            // Closing the window logs out at once (before the process ends): the desk
            // writes what was shown and drops its decoder.
            if let tauri::WindowEvent::CloseRequested { .. } | tauri::WindowEvent::Destroyed = event {
                window.state::<state::AppState>().station.logout();
            }
        })
        .build(tauri::generate_context!())?
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                // Closing the window logs out: the desk writes what was shown before the process ends.
                app.state::<state::AppState>().station.logout();
            }
        });
    Ok(())
}
