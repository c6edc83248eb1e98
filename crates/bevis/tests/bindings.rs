//! The TypeScript types of the app's bridge are generated from the Rust types
//! that cross it, into one file, `ui/src/bindings.ts`, which the front end
//! imports. This test regenerates it and fails if the committed file differs, so
//! a Rust change that the front end has not seen fails CI. To accept a change:
//! `BEVIS_BLESS=1 cargo test -p bevis --test bindings`.
//!
//! Integers are `number`: serde_json writes every integer as a JSON number, and
//! the ids and counts that cross are far below 2^53.

use bevis::bridge;
use ts_rs::{Config, TS};

macro_rules! declarations {
    ($cfg:expr; $($t:ty),+ $(,)?) => {
        vec![$(format!("export {}", <$t as TS>::decl($cfg))),+]
    };
}

fn generated() -> String {
    let cfg = &Config::new().with_large_int("number");
    let decls = declarations![cfg;
        bevis::register::accounts::Role, bevis::register::accounts::Account,
        bevis::register::audit::Entry,
        bevis::register::cases::CaseStatus, bevis::register::cases::Case,
        bevis::register::exports::ExportStatus, bevis::register::exports::ExportRecord,
        bevis::register::sessions::Reason, bevis::register::sessions::Source,
        bevis::register::sessions::Played, bevis::register::sessions::Session,
        bevis::register::settings::Settings,
        bevis::register::requests::RequestKind, bevis::register::requests::RequestStatus,
        bevis::register::requests::Outcome, bevis::register::requests::Extension,
        bevis::register::requests::Decision, bevis::register::requests::Request,
        bevis::desk::RequestInput, bevis::desk::RequestDetail,
        bevis::redact::Involved, bevis::leak::Kind, bevis::leak::Finding, bevis::desk::Resolution, bridge::Checked,
        bevis::media::names::StartSource, bevis::media::names::StartTime, bevis::media::Rate,
        bevis::media::timeline::Segment, bevis::media::timeline::Gap, bevis::media::MediaInfo,
        bevis::redact::Mode, bevis::redact::Shape, bevis::redact::Style, bevis::redact::Rect,
        bevis::redact::SourceClock, bevis::redact::plan::Source, bevis::redact::Clip, bevis::redact::Keyframe, bevis::redact::Track,
        bevis::redact::plan::RenderOptions, bevis::redact::EditPlan,
        bevis::detect::Kind, bevis::detect::Progress,
        bevis::due::Kind, bevis::due::Reminder, bevis::drives::Drive,
        bevis::desk::Verdict, bevis::desk::SweepItem, bevis::desk::EvidenceRow, bevis::desk::AccountState,
        bevis::export::OriginalForm, bevis::export::Still, bridge::OriginalReq,
        bridge::Status, bridge::Home, bridge::NewSource, bridge::NewSession, bridge::ExportReq,
        bridge::ExportProgress,
        bridge::ExportDone, bridge::Found, bridge::FoundPeople, bridge::BridgeError,
    ];
    let head = "// Generated from the Rust types by crates/bevis/tests/bindings.rs — do not edit.\n\
                // Regenerate: BEVIS_BLESS=1 cargo test -p bevis --test bindings\n\n";
    format!("{head}{}\n", decls.join("\n\n"))
}

#[test]
fn the_committed_bindings_are_generated_from_the_rust_types() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings.ts");
    let want = generated();
    if std::env::var_os("BEVIS_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "ui/src/bindings.ts is out of date with the Rust types; run BEVIS_BLESS=1 cargo test -p bevis --test bindings"
    );
}
