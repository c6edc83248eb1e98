//! Declares the app's commands so each one needs an explicit permission in
//! `capabilities/` (Tauri's least-privilege model): a command that is not listed
//! there cannot be called from the web view.

const COMMANDS: &[&str] = &[
    "status",
    "setup",
    "login",
    "logout",
    "home",
    "probe",
    "open_case",
    "open_session",
    "session_media",
    "activity",
    "thumbnails",
    "frame",
    "frames_at",
    "add_camera",
    "change_window",
    "close_session",
    "leave_workspace",
    "set_clock",
    "pick_footage",
    "drives",
    "export",
    "cancel_job",
    "waiting_exports",
    "find_people",
    "leak_check",
    "exports",
    "hand_over",
    "returned",
    "sweep_scan",
    "sweep_wipe",
    "users",
    "add_user",
    "disable_user",
    "settings",
    "set_setting",
    "audit_log",
    "audit_verify",
    "report",
    "requests",
    "request_detail",
    "new_request",
    "extend_request",
    "decide_request",
    "deliver_request",
    "withdraw_request",
    "request_letter",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
