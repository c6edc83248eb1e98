//! P7 along the app's own path: frames through the desk's gate (session checks,
//! played-range bookkeeping), composed with three blur tracks, scaled to a 960-wide
//! view and JPEG-encoded — exactly what the web view receives per frame.

use crate::Row;
use crate::cases::{cpu_secs, p1_plan};
use anyhow::Result;
use bevis::desk::{self, Seek, SessionRequest, SourceSpec};
use std::path::Path;
use std::time::Instant;

pub fn p7_app(footage: &Path) -> Result<Vec<Row>> {
    let src = footage.join("bench-1080p-60s.mp4");
    let data = std::env::temp_dir().join(format!("bevis-bench-p7-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let mut desk = desk::init(&data, "Bench", "bench", "bench password")?;
    desk.open_case("P7", "")?;
    let source = SourceSpec { path: src.clone(), camera: None, start: Some("2026-01-01T00:00:00".into()) };
    let req = SessionRequest {
        case_ref: "P7".into(),
        reason: bevis::register::sessions::Reason::Other,
        note: "benchmark".into(),
        sources: vec![source],
        from: "+0".into(),
        to: "+60".into(),
        request: None,
    };
    let id = desk.open_session(&req)?.id;
    let plan = p1_plan(&src, None, 60.0);
    desk.view(id, 0, Seek::At(5.0), 960, Some(&plan))?;
    let (start, cpu0, frames) = (Instant::now(), cpu_secs()?, 250);
    let mut bytes = 0;
    for _ in 0..frames {
        bytes += desk.view(id, 0, Seek::Next, 960, Some(&plan))?.jpeg.len();
    }
    let (wall, cpu) = (start.elapsed().as_secs_f64(), cpu_secs()? - cpu0);
    drop(desk);
    let _ = std::fs::remove_dir_all(&data);
    Ok(vec![Row {
        id: "P7",
        what: format!(
            "app path: 1080p25 + 3 blur tracks through the desk's gate, 960-wide JPEG (avg {} kB) per frame, 10 s",
            bytes / frames / 1024
        ),
        ours: format!("{:.0} fps; {:.2} cores at 25 fps", frames as f64 / wall, cpu / (frames as f64 / 25.0)),
        reference: "real time = 25 fps".into(),
        ratio: format!("{:.1}× real time", frames as f64 / wall / 25.0),
        target: "real time, ≤ 1 core",
    }])
}
