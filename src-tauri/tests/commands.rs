//! The command list is written in the three places Tauri needs it — the invoke
//! handler (`main.rs`), the permission manifest (`build.rs`) and the window's
//! capability — and they must name the same commands: one missing from any of
//! them fails only at run time, in the user's hands. (`ui/test/bridge.test.mjs`
//! checks the other side: the front end calls only commands that exist.)
//!
//! This integration test also makes `cargo test --workspace` build the app
//! binary itself, so the tests and the app share one build (scripts/test.sh).

use std::collections::BTreeSet;

fn read(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// The words of `text` between `start` and the next `end`, that look like command names.
fn between(text: &str, start: &str, end: &str) -> String {
    let from = text.find(start).unwrap_or_else(|| panic!("{start} not found"));
    let rest = &text[from + start.len()..];
    rest[..rest.find(end).unwrap()].to_string()
}

fn handlers() -> BTreeSet<String> {
    let list = between(&read("src/main.rs"), "generate_handler![", "]");
    list.split(',').filter_map(|s| s.trim().split("::").nth(1)).map(str::to_string).collect()
}

fn declared() -> BTreeSet<String> {
    let list = between(&read("build.rs"), "COMMANDS: &[&str] = &[", "];");
    list.split(',').map(|s| s.trim().trim_matches('"').to_string()).filter(|s| !s.is_empty()).collect()
}

fn allowed() -> BTreeSet<String> {
    let cap: serde_json::Value = serde_json::from_str(&read("capabilities/default.json")).unwrap();
    let perms = cap["permissions"].as_array().unwrap();
    perms.iter().filter_map(|p| p.as_str()?.strip_prefix("allow-")).map(|p| p.replace('-', "_")).collect()
}

#[test]
fn the_handler_the_manifest_and_the_capability_name_the_same_commands() {
    let h = handlers();
    assert!(h.len() > 20 && h.contains("export") && h.contains("cancel_job"), "{h:?}");
    assert_eq!(declared(), h, "build.rs COMMANDS and the invoke handler differ");
    assert_eq!(allowed(), h, "the capability's allow-* list and the invoke handler differ");
}

#[test]
fn the_app_binary_was_built_alongside() {
    let app = std::path::Path::new(env!("CARGO_BIN_EXE_bevis-app"));
    assert!(app.is_file(), "{} is missing", app.display());
}
