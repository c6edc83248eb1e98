//! Helpers shared by the workflow tests.
#![allow(dead_code)]

use bevis::export::ExportRequest;
use bevis::redact::{Clip, EditPlan};
use std::path::{Path, PathBuf};

/// Every file below `dir`, recursively (none if it does not exist).
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() { out.extend(files(&p)) } else { out.push(p) }
    }
    out
}

/// Whether `needle` occurs in `hay`.
pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// An export of `src` ([0.4, 1.6) s, one still at 1 s) to `drive`, due in 180 days.
pub fn request(src: &Path, drive: &Path) -> ExportRequest {
    let mut plan = EditPlan::for_source(src);
    plan.clips.push(Clip { source: "s1".into(), in_s: 0.4, out_s: 1.6, crop: None });
    ExportRequest {
        plan,
        case_ref: "K-2026-0042".into(),
        delete_by: chrono::Local::now().date_naive() + chrono::Days::new(180),
        issuer: "Exempelskolan".into(),
        operator: "Anna".into(),
        reason: "suspected crime".into(),
        recipient: Some("Polisen".into()),
        drive: drive.into(),
        password: None,
        stills: vec![1.0],
        now: chrono::Utc::now(),
        audit_head: None,
    }
}

pub fn key() -> ed25519_dalek::SigningKey {
    ed25519_dalek::SigningKey::from_bytes(&[7u8; 32])
}
