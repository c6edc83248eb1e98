//! The benchmark cases of BRIEF §6 that the media core can answer today.

use crate::Row;
use crate::measure::{Cost, best, run, secs, strings};
use anyhow::{Context, Result};
use bevis::media::compose::Composer;
use bevis::media::preview::Previewer;
use bevis::media::{overview, probe};
use bevis::redact::{Clip, EditPlan, Keyframe, Rect, Track};
use std::path::{Path, PathBuf};
use std::time::Instant;

pub fn bevis_bin() -> String {
    std::env::var("BEVIS_BIN").unwrap_or_else(|_| "bevis".into())
}

pub fn out_dir() -> Result<PathBuf> {
    let d = PathBuf::from("bench/out");
    std::fs::create_dir_all(&d)?;
    Ok(d)
}

/// Box k of the three moving boxes, in crop-local pixels, at time t.
fn box_at(k: usize, t: f64) -> (f64, f64) {
    (100.0 + 350.0 * k as f64 + 4.0 * t, 100.0 + 50.0 * k as f64)
}

/// The P1 plan: crop 1280×720 out of 1080p, three 160×400 blur boxes moving right.
pub fn p1_plan(src: &Path, crop: Option<Rect>, seconds: f64) -> EditPlan {
    let mut plan = EditPlan::for_source(src);
    plan.clips.push(Clip { source: "s1".into(), in_s: 0.0, out_s: seconds, crop });
    let (ox, oy) = crop.map_or((0.0, 0.0), |c| (c.x as f64, c.y as f64));
    for k in 0..3 {
        let kf = |t: f64| {
            let (x, y) = box_at(k, t);
            Keyframe { t, x: x + ox, y: y + oy, w: 160.0, h: 400.0 }
        };
        plan.tracks.push(Track {
            id: format!("t{k}"),
            source: "s1".into(),
            label: String::new(),
            shape: Default::default(),
            style: Default::default(),
            strength: 1.0,
            keyframes: vec![kf(0.0), kf(seconds)],
            from: None,
            to: None,
            keep: false,
            confidence: None,
        });
    }
    plan
}

pub fn p1_export(footage: &Path) -> Result<Vec<Row>> {
    let src = footage.join("bench-1080p-60s.mp4");
    let out = out_dir()?;
    let plan_path = out.join("p1-plan.json");
    let crop = Rect { x: 320, y: 180, w: 1280, h: 720 };
    std::fs::write(&plan_path, p1_plan(&src, Some(crop), 60.0).to_json())?;
    let (login, id) = crate::site::session(&out, "p1", &src)?;
    let with = |rest: &[&str]| login.iter().cloned().chain(strings(rest)).collect::<Vec<String>>();
    let ours = best(
        2,
        &bevis_bin(),
        &with(&["render", "--session", &id, "--plan", &s(&plan_path), "--out", &s(&out.join("p1-bevis.mp4"))]),
    )?;
    let ffmpeg = best(2, "ffmpeg", &p1_ffmpeg_args(&src, &out.join("p1-ffmpeg.mp4")))?;
    let bare = best(2, "gst-launch-1.0", &p1_bare_args(&src, &out.join("p1-bare.mp4")))?;
    let drive = out.join("p1-drive");
    let _ = std::fs::remove_dir_all(&drive);
    std::fs::create_dir_all(&drive)?;
    let pw = out.join("p1-password");
    std::fs::write(&pw, "BENCH-PASS-WORD")?;
    let export_args = [
        "export",
        "--session",
        &id,
        "--plan",
        &s(&plan_path),
        "--delete-by",
        "2099-01-01",
        "--to",
        &s(&drive),
        "--package-password-file",
        &s(&pw),
        "--override-why",
        "benchmark: the export's speed, not the leak check",
    ];
    let packaged = best(1, &bevis_bin(), &with(&export_args))?;
    Ok(p1_rows(ours, ffmpeg, bare, packaged))
}

fn p1_rows(ours: Cost, ffmpeg: Cost, bare: Cost, packaged: Cost) -> Vec<Row> {
    let what = "export 60 s 1080p25 → crop 1280×720, 3 moving blurs, x264 veryfast CRF 23 (no encryption yet)";
    vec![
        Row {
            id: "P1",
            what: format!("{what}; vs ffmpeg crop+3×boxblur"),
            ours: format!("{} ({:.1} CPU-s)", secs(ours.wall), ours.cpu),
            reference: format!("{} ({:.1} CPU-s)", secs(ffmpeg.wall), ffmpeg.cpu),
            ratio: format!("{:.2}× faster", ffmpeg.wall / ours.wall),
            target: "≥ 1.3× faster",
        },
        Row {
            id: "P1",
            what: format!("{what}; vs bare GStreamer decode+crop+encode"),
            ours: secs(ours.wall),
            reference: format!("{} ({:.1} CPU-s)", secs(bare.wall), bare.cpu),
            ratio: format!("{:.2}× the bare time", ours.wall / bare.wall),
            target: "≤ 1.05×",
        },
        Row {
            id: "P1",
            what: "the same as an encrypted package (`bevis export`: + SHA-256 of the source, PBKDF2, AES-GCM, read-back verification)".into(),
            ours: format!("{} ({:.1} CPU-s)", secs(packaged.wall), packaged.cpu),
            reference: format!("ffmpeg {}", secs(ffmpeg.wall)),
            ratio: format!("{:.2}× faster than ffmpeg; {:.2}× bare", ffmpeg.wall / packaged.wall, packaged.wall / bare.wall),
            target: "≥ 1.3× faster than ffmpeg",
        },
    ]
}

/// ffmpeg doing the same work as P1: crop, three moving boxblur regions, x264.
fn p1_ffmpeg_args(src: &Path, out: &Path) -> Vec<String> {
    let blur = |k: usize| {
        let (x, y) = box_at(k, 0.0);
        format!("[r{k}]crop=160:400:'{x}+4*t':{y},boxblur=40:3[b{k}]")
    };
    let overlay = |k: usize, from: &str, to: &str| {
        let (x, y) = box_at(k, 0.0);
        format!("[{from}][b{k}]overlay='{x}+4*t':{y}{to}")
    };
    let graph = format!(
        "[0:v]crop=1280:720:320:180,split=4[base][r0][r1][r2];{};{};{};{};{};{}",
        blur(0),
        blur(1),
        blur(2),
        overlay(0, "base", "[o0]"),
        overlay(1, "o0", "[o1]"),
        overlay(2, "o1", "")
    );
    strings(&[
        "-v",
        "error",
        "-y",
        "-i",
        &s(src),
        "-filter_complex",
        &graph,
        "-an",
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-crf",
        "23",
        "-movflags",
        "frag_keyframe+empty_moov",
        "-f",
        "mp4",
        &s(out),
    ])
}

/// A bare GStreamer pipeline: decode, crop, the same x264 settings, fragmented MP4.
fn p1_bare_args(src: &Path, out: &Path) -> Vec<String> {
    let desc = format!(
        "filesrc location={} ! decodebin ! videocrop left=320 right=320 top=180 bottom=180 ! x264enc speed-preset=veryfast pass=qual quantizer=23 key-int-max=50 ! video/x-h264,profile=high ! h264parse ! mp4mux fragment-duration=1000 streamable=true ! filesink location={}",
        s(src),
        s(out)
    );
    std::iter::once("-q".to_string()).chain(desc.split(' ').map(String::from)).collect()
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Deterministic pseudo-random times in `[0, max)`.
fn times(n: usize, max: f64) -> Vec<f64> {
    let mut x = 88172645463325252u64;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 1_000_000) as f64 / 1_000_000.0 * max
        })
        .collect()
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() - 1) as f64 * p).round() as usize]
}

pub fn p2_seek(footage: &Path) -> Result<Vec<Row>> {
    let src = footage.join("bench-1080p-60s.mp4");
    let info = probe(&src)?;
    let mut pv = Previewer::new(info.clone(), Composer::plain(&info));
    pv.frame_at(0.0)?;
    let mut ms = Vec::new();
    for t in times(40, 58.0) {
        let start = Instant::now();
        let f = pv.frame_at(t)?;
        f.image.to_rgba(960, 540)?;
        ms.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let mut ff = Vec::new();
    for t in times(10, 58.0) {
        let args =
            strings(&["-v", "error", "-ss", &format!("{t:.3}"), "-i", &s(&src), "-frames:v", "1", "-f", "null", "-"]);
        ff.push(run("ffmpeg", &args)?.wall * 1000.0);
    }
    let (med, p95) = (percentile(&mut ms.clone(), 0.5), percentile(&mut ms, 0.95));
    Ok(vec![Row {
        id: "P2",
        what: "exact-frame seek, 1080p H.264 (2 s GOP), frame ready as 960×540 RGBA; 40 random seeks".into(),
        ours: format!("median {med:.0} ms, p95 {p95:.0} ms"),
        reference: format!("ffmpeg -ss (new process per seek): median {:.0} ms", percentile(&mut ff, 0.5)),
        ratio: "—".into(),
        target: "median ≤ 80 ms, p95 ≤ 150 ms",
    }])
}

pub fn p3_overview(footage: &Path) -> Result<Vec<Row>> {
    let src = footage.join("long-720p-1h.mp4");
    let start = Instant::now();
    let info = probe(&src)?;
    let probed = start.elapsed().as_secs_f64();
    let thumbs = overview::thumbnails(&info, 10.0, 160, |_| true)?;
    let act = overview::activity(&info)?;
    let ours = start.elapsed().as_secs_f64();
    let (ffmpeg, n) = p3_ffmpeg(&src)?;
    Ok(vec![Row {
        id: "P3",
        what: format!(
            "1 h 720p: probe (frame count) + {} thumbnails every 10 s + activity ({} s, {})",
            thumbs.len(),
            act.per_second.len(),
            act.method
        ),
        ours: format!("{} (probe {})", secs(ours), secs(probed)),
        reference: format!("ffmpeg -skip_frame nokey thumbnails only ({n}): {}", secs(ffmpeg.wall)),
        ratio: format!("{:.2}× faster", ffmpeg.wall / ours),
        target: "no slower than the reference",
    }])
}

pub fn p6_memory(footage: &Path) -> Result<Vec<Row>> {
    let src = footage.join("long-720p-1h.mp4");
    let out = out_dir()?;
    let mut peaks = Vec::new();
    let (login, id) = crate::site::session(&out, "p6", &src)?;
    for minutes in [1.0, 5.0] {
        let mut plan = p1_plan(&src, None, minutes * 60.0);
        plan.tracks.truncate(1);
        let plan_path = out.join(format!("p6-{minutes}.json"));
        std::fs::write(&plan_path, plan.to_json())?;
        let args = ["render", "--session", &id, "--plan", &s(&plan_path), "--out", &s(&out.join("p6.mp4"))];
        let cost = run(&bevis_bin(), &login.iter().cloned().chain(strings(&args)).collect::<Vec<_>>())?;
        peaks.push((minutes, cost));
    }
    let [(m1, a), (m2, b)] = [peaks[0], peaks[1]];
    Ok(vec![Row {
        id: "P6",
        what: format!("peak memory of a 720p render: {m1} min vs {m2} min of footage"),
        ours: format!("{:.0} MB vs {:.0} MB", a.max_rss_mb, b.max_rss_mb),
        reference: "—".into(),
        ratio: format!("{:.2}× for {:.0}× the length", b.max_rss_mb / a.max_rss_mb, m2 / m1),
        target: "≤ 400 MB, flat in clip length",
    }])
}

/// ffmpeg making the thumbnails alone from keyframes; returns the cost and the count.
fn p3_ffmpeg(src: &Path) -> Result<(crate::measure::Cost, usize)> {
    let dir = out_dir()?.join("p3-ffmpeg");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let vf = "select='isnan(prev_selected_t)+gte(t-prev_selected_t\\,10)',scale=160:-1";
    let args = [
        "-v",
        "error",
        "-skip_frame",
        "nokey",
        "-i",
        &s(src),
        "-vf",
        vf,
        "-fps_mode",
        "vfr",
        &s(&dir.join("%04d.png")),
    ];
    let cost = run("ffmpeg", &strings(&args))?;
    Ok((cost, std::fs::read_dir(&dir)?.count()))
}

/// CPU seconds this process has used (user + system), from /proc.
pub fn cpu_secs() -> Result<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat")?;
    let fields: Vec<&str> = stat.rsplit(')').next().context("stat")?.split_whitespace().collect();
    let ticks: f64 = fields[11].parse::<f64>()? + fields[12].parse::<f64>()?;
    Ok(ticks / 100.0)
}

pub fn p7_preview(footage: &Path) -> Result<Vec<Row>> {
    let src = footage.join("bench-1080p-60s.mp4");
    let info = probe(&src)?;
    let plan = p1_plan(&src, None, 60.0);
    let composer = Composer::from_plan(&plan, "s1", None, &info)?;
    let mut pv = Previewer::new(info, composer);
    pv.frame_at(5.0)?;
    let (start, cpu0) = (Instant::now(), cpu_secs()?);
    let frames = 250;
    for _ in 0..frames {
        let f = pv.next_frame()?.context("frame")?;
        f.image.to_rgba(1280, 720)?;
    }
    let (wall, cpu) = (start.elapsed().as_secs_f64(), cpu_secs()? - cpu0);
    Ok(vec![Row {
        id: "P7",
        what: "preview playback 1080p25 with 3 blur tracks, delivered as 1280×720 RGBA, 10 s".into(),
        // CPU per second of video: the cores playback at 25 fps needs.
        ours: format!("{:.0} fps; {:.2} cores at 25 fps", frames as f64 / wall, cpu / (frames as f64 / 25.0)),
        reference: "real time = 25 fps".into(),
        ratio: format!("{:.1}× real time", frames as f64 / wall / 25.0),
        target: "real time, ≤ 1 core",
    }])
}
