//! P9: the original footage in a package costs about one read of it. Whole
//! recorder files (10 minutes of a 1-minute-segment NVR folder) through the
//! real export, timed from the `Originals` stage to the read-back; a lossless
//! cut of the whole 1-hour file. Beside each, `cp` of the same bytes in the same run.
//! Each is measured twice: with the bytes in the page cache (what a second export
//! sees) and *cold*, the files evicted from the cache before every run on both
//! sides — what "reading it once" means for a recorder's disk or a USB drive.

use crate::Row;
use crate::cases::out_dir;
use crate::measure::{run, secs, strings};
use anyhow::{Context, Result};
use bevis::export::{ExportRequest, OriginalForm, Originals, Stage, export};
use bevis::redact::{Clip, EditPlan, Rect};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Ten 60 s recorder files cut from the 1-hour file without re-encoding.
fn nvr_folder(long: &Path, out: &Path) -> Result<PathBuf> {
    let dir = out.join("p9-nvr");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let pattern = dir.join("seg%02d.mp4");
    let args = ["-v", "error", "-i", &long.to_string_lossy(), "-t", "600", "-c", "copy", "-f", "segment"];
    let more = ["-segment_time", "60", "-reset_timestamps", "1", &pattern.to_string_lossy()];
    run("ffmpeg", &strings(&[&args[..], &more[..]].concat()))?;
    for i in 0..10 {
        let from = dir.join(format!("seg{i:02}.mp4"));
        std::fs::rename(&from, dir.join(format!("cam1_20260101-00{i:02}00.mp4"))).context("a 60 s segment")?;
    }
    Ok(dir)
}

fn bytes_in(dir: &Path) -> Result<u64> {
    Ok(std::fs::read_dir(dir)?.flatten().filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum())
}

fn request(src: &Path, drive: &Path, originals: Originals) -> ExportRequest {
    let mut plan = EditPlan::for_source(src);
    let crop = Some(Rect { x: 0, y: 0, w: 320, h: 240 });
    plan.clips.push(Clip { source: "s1".into(), in_s: 0.0, out_s: 600.0, crop });
    ExportRequest {
        plan,
        case_ref: "BENCH".into(),
        delete_by: chrono::Local::now().date_naive() + chrono::Days::new(30),
        issuer: "Bench".into(),
        operator: "bench".into(),
        reason: "benchmark".into(),
        recipient: None,
        drive: drive.into(),
        password: Some("bench package password".to_string().into()),
        stills: vec![],
        now: chrono::Utc::now(),
        audit_head: None,
        originals: Some(originals),
    }
}

/// Whether the source bytes start in the page cache.
#[derive(Clone, Copy, PartialEq)]
enum Cache {
    Warm,
    Cold,
}

/// Drops `path`'s pages (a file, or the files of a folder) from the page cache.
fn evict(path: &Path) -> Result<()> {
    let files: Vec<PathBuf> =
        if path.is_dir() { std::fs::read_dir(path)?.flatten().map(|e| e.path()).collect() } else { vec![path.into()] };
    for f in files {
        let input = format!("if={}", f.display());
        run("dd", &strings(&[&input, "iflag=nocache", "count=0", "status=none"]))?;
    }
    Ok(())
}

/// Seconds the export spent reading the originals: its `Originals` stage, and when
/// cold also its `Hashing` stage (where the files are first read from the disk).
fn whole_files(src: &Path, out: &Path, cache: Cache) -> Result<f64> {
    let drive = out.join("p9-drive");
    let _ = std::fs::remove_dir_all(&drive);
    std::fs::create_dir_all(&drive)?;
    let why = "benchmark of the master exhibit".into();
    let req = request(src, &drive, Originals { form: OriginalForm::Files, why });
    let key = ed25519_dalek::SigningKey::from_bytes(&[5; 32]);
    if cache == Cache::Cold {
        evict(src)?;
    }
    let mut at: Vec<(Instant, Stage)> = Vec::new();
    export(req, &key, |stage| {
        at.push((Instant::now(), stage));
        true
    })?;
    let when = |f: &dyn Fn(&Stage) -> bool| at.iter().find(|(_, s)| f(s)).map(|(t, _)| *t);
    let originals = when(&|s| matches!(s, Stage::Originals { .. }));
    let ended = when(&|s| matches!(s, Stage::Verifying));
    let mut took = ended.zip(originals).map(|(e, b)| (e - b).as_secs_f64()).context("no originals stage")?;
    if cache == Cache::Cold {
        let hashing = when(&|s| matches!(s, Stage::Hashing));
        let rendering = when(&|s| matches!(s, Stage::Rendering { .. }));
        took += rendering.zip(hashing).map(|(e, b)| (e - b).as_secs_f64()).context("no hashing stage")?;
    }
    Ok(took)
}

fn cp(what: &Path, out: &Path, cache: Cache) -> Result<f64> {
    let to = out.join("p9-cp");
    let _ = std::fs::remove_dir_all(&to).or_else(|_| std::fs::remove_file(&to)); // a folder or the long file
    if cache == Cache::Cold {
        evict(what)?;
    }
    let args = strings(&["-r", &what.to_string_lossy(), &to.to_string_lossy()]);
    Ok(run("cp", &args)?.wall + run("sync", &[])?.wall)
}

/// The lowest of three runs of `f` (the disk's write-back makes single runs vary by 3×).
fn best_of_3(mut f: impl FnMut() -> Result<f64>) -> Result<f64> {
    let mut best = f64::MAX;
    for _ in 0..3 {
        best = best.min(f()?);
    }
    Ok(best)
}

/// Seconds to cut all of `long` into a plain file, synced like cp's copy; the packets.
fn cut_all(long: &Path, out: &Path, cache: Cache) -> Result<(f64, u64)> {
    let cut = out.join("p9-cut.mp4");
    if cache == Cache::Cold {
        evict(long)?;
    }
    let start = Instant::now();
    let mut file = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&cut)?);
    let report = bevis::media::cut::cut(long, "MP4", (0.0, 3600.0), &mut file, || true)?;
    file.into_inner().map_err(|e| e.into_error())?.sync_all()?; // on the disk, like cp + sync
    Ok((start.elapsed().as_secs_f64(), report.packets))
}

fn label(cache: Cache) -> &'static str {
    match cache {
        Cache::Warm => "in the page cache",
        Cache::Cold => "cold (evicted from the page cache before each run, both sides)",
    }
}

fn whole_row(nvr: &Path, out: &Path, cache: Cache) -> Result<Row> {
    let mb = bytes_in(nvr)? as f64 / 1e6;
    let ours = best_of_3(|| whole_files(nvr, out, cache))?;
    let reference = best_of_3(|| cp(nvr, out, cache))?;
    let counted = if cache == Cache::Cold { "hashing + originals stages" } else { "originals stage" };
    Ok(Row {
        id: "P9",
        what: format!(
            "originals as whole files: 10 min of an NVR folder (10 × 60 s 720p, {mb:.0} MB) into an export (hashed, encrypted, written, SHA-256 checked against the recorder's), {}; the export's {counted}",
            label(cache)
        ),
        ours: format!("{} ({:.0} MB/s)", secs(ours), mb / ours),
        reference: format!("cp + sync of the same files: {} ({:.0} MB/s)", secs(reference), mb / reference),
        ratio: format!("{:.2}× cp's time", ours / reference),
        target: "no more than reading it once",
    })
}

fn cut_row(long: &Path, out: &Path, cache: Cache) -> Result<Row> {
    let mb = std::fs::metadata(long)?.len() as f64 / 1e6;
    let mut packets = 0;
    let ours = best_of_3(|| {
        let (t, n) = cut_all(long, out, cache)?;
        packets = n;
        Ok(t)
    })?;
    let reference = best_of_3(|| cp(long, out, cache))?;
    Ok(Row {
        id: "P9",
        what: format!(
            "lossless cut of all of a 1-hour 720p file ({mb:.0} MB, {packets} packets, stream copy, synced), {}",
            label(cache)
        ),
        ours: format!("{} ({:.0} MB/s)", secs(ours), mb / ours),
        reference: format!("cp + sync of the file: {} ({:.0} MB/s)", secs(reference), mb / reference),
        ratio: format!("{:.2}× cp's time", ours / reference),
        target: "no more than reading it once",
    })
}

pub fn p9_originals(footage: &Path) -> Result<Vec<Row>> {
    let out = out_dir()?;
    let long = footage.join("long-720p-1h.mp4");
    let nvr = nvr_folder(&long, &out)?;
    let mut rows = Vec::new();
    for cache in [Cache::Warm, Cache::Cold] {
        rows.push(whole_row(&nvr, &out, cache)?);
        rows.push(cut_row(&long, &out, cache)?);
    }
    Ok(rows)
}
