//! P8: the camera grid — four 1080p25 cameras of one session stepped together on
//! one real-time playhead, through the desk's gate (`Desk::view_at`: the four
//! frames decoded in parallel, composed, scaled to a grid cell and JPEG-encoded,
//! exactly what the web view receives). Beside it, ffmpeg decoding and scaling
//! the same four files at once (four processes): the floor for this machine.
//! When the grid is slower than real time, the app's play loop moves the
//! playhead by wall time, so every camera skips the same frames (never drifting).

use crate::Row;
use crate::cases::cpu_secs;
use crate::measure::{run, strings};
use anyhow::Result;
use bevis::desk::{self, Cell, SessionRequest, SourceSpec};
use std::path::{Path, PathBuf};
use std::time::Instant;

const CAMERAS: usize = 4;
/// A grid cell's width in device pixels (two columns in the app's window).
const CELL: u32 = 640;

fn copies(footage: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    (0..CAMERAS)
        .map(|i| {
            let to = dir.join(format!("cam{i}.mp4"));
            std::fs::copy(footage.join("h264-1080p25.mp4"), &to)?;
            Ok(to)
        })
        .collect()
}

fn ffmpeg_four(files: &[PathBuf]) -> Result<f64> {
    let start = Instant::now();
    std::thread::scope(|s| {
        let running: Vec<_> = files
            .iter()
            .map(|f| {
                let f = f.to_string_lossy().into_owned();
                let args = strings(&["-v", "error", "-i", &f, "-vf", "scale=640:-2", "-f", "null", "-"]);
                s.spawn(move || run("ffmpeg", &args))
            })
            .collect();
        running.into_iter().try_for_each(|h| h.join().expect("ffmpeg thread").map(drop))
    })?;
    Ok(start.elapsed().as_secs_f64())
}

pub fn p8_grid(footage: &Path) -> Result<Vec<Row>> {
    let dir = std::env::temp_dir().join(format!("bevis-bench-p8-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let files = copies(footage, &dir)?;
    let mut desk = desk::init(&dir.join("data"), "Bench", "bench", "bench password")?;
    desk.open_case("P8", "")?;
    let source = |p: &PathBuf| SourceSpec { path: p.clone(), camera: None, start: Some("2026-01-01T00:00:00".into()) };
    let req = SessionRequest {
        case_ref: "P8".into(),
        reason: bevis::register::sessions::Reason::Other,
        note: "benchmark".into(),
        sources: files.iter().map(source).collect(),
        from: "2026-01-01T00:00:00".into(),
        to: "2026-01-01T00:00:10".into(),
        request: None,
    };
    let id = desk.open_session(&req)?.id;
    let all: Vec<usize> = (0..CAMERAS).collect();
    desk.view_at(id, 0.0, &all, CELL, None)?;
    let (ticks, start, cpu0) = (240, Instant::now(), cpu_secs()?);
    let mut shown = 0;
    for k in 1..=ticks {
        let cells = desk.view_at(id, k as f64 * 0.04, &all, CELL, None)?;
        shown += cells.iter().filter(|c| matches!(c, Cell::Shown(_))).count();
    }
    let (wall, cpu) = (start.elapsed().as_secs_f64(), cpu_secs()? - cpu0);
    drop(desk);
    let ff = ffmpeg_four(&files)?;
    let _ = std::fs::remove_dir_all(&dir);
    let fps = ticks as f64 / wall;
    let ff_fps = 250.0 / ff;
    Ok(vec![Row {
        id: "P8",
        what: format!(
            "camera grid: {CAMERAS} × 1080p25 stepped together through the gate, {CELL}-wide JPEG per camera, 9.6 s ({shown} frames)"
        ),
        ours: format!(
            "**{fps:.1}** playhead steps/s ({:.0} frames/s); {:.2} cores; at 25 fps the play loop shows {:.0} % of frames, every camera alike",
            fps * CAMERAS as f64,
            cpu / wall,
            (fps / 25.0).min(1.0) * 100.0
        ),
        reference: format!("ffmpeg, 4 processes decoding + scaling the same files at once: {ff_fps:.1} steps/s"),
        ratio: format!("{:.2}× ffmpeg; {:.2}× real time", fps / ff_fps, fps / 25.0),
        target: "real time (25 steps/s), or skipping frames alike",
    }])
}
