//! P5: "find people" on vtest.avi beside the `deface` tool (PyPI, CenterFace on
//! onnxruntime) on the same clip in the same run. The two do different work —
//! deface finds faces and writes a blurred video; Bevis finds whole people and
//! writes tracks to review — so both the pass alone and the pass plus a blurred
//! render are timed, and what each covers is stated next to the times. Then the
//! leak check (`bevis check`) on 60 s of 1080p25 people, against real time.

use crate::Row;
use crate::cases::{bevis_bin, out_dir};
use crate::measure::{self, Cost, secs};
use anyhow::{Context, Result};
use bevis::detect::score::{Labels, score};
use bevis::redact::{Clip, EditPlan};
use std::path::Path;

const VTEST: &str = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";

pub fn p5_detect(_footage: &Path) -> Result<Vec<Row>> {
    let out = out_dir()?;
    let (login, id) = crate::site::session(&out, "p5", Path::new(VTEST))?;
    let mut plan = EditPlan::for_source(VTEST);
    plan.clips.push(Clip { source: "s1".into(), in_s: 0.0, out_s: 79.5, crop: None });
    let (plan_in, found, video) = (out.join("p5-plan.json"), out.join("p5-found.json"), out.join("p5-bevis.mp4"));
    std::fs::write(&plan_in, plan.to_json())?;
    let s = |p: &Path| p.to_string_lossy().into_owned();
    let with = |rest: &[String]| login.iter().cloned().chain(rest.iter().cloned()).collect::<Vec<_>>();
    let pass = measure::run(
        &bevis_bin(),
        &with(&measure::strings(&["detect", "--session", &id, "--plan", &s(&plan_in), "--out", &s(&found)])),
    )?;
    let render = measure::run(
        &bevis_bin(),
        &with(&measure::strings(&["render", "--session", &id, "--plan", &s(&found), "--out", &s(&video)])),
    )?;
    let deface = deface(&out)?;
    let tracks = EditPlan::from_json(&std::fs::read_to_string(&found)?)?.tracks;
    let labels: Labels = serde_json::from_str(&std::fs::read_to_string("tests/labels/vtest.json")?)?;
    let sc = score(&labels, &tracks, 0.1);
    let covers = format!(
        "{} tracks; of {} labelled people {:.1} % hidden (box ≥ 90 % covered), recall {:.1} %, precision {:.1} %",
        tracks.len(),
        sc.people,
        sc.coverage() * 100.0,
        sc.recall() * 100.0,
        sc.precision() * 100.0
    );
    let cost = |c: &Cost| format!("{} ({:.1} CPU-s, {:.0} MB)", secs(c.wall), c.cpu, c.max_rss_mb);
    let both = Cost {
        wall: pass.wall + render.wall,
        cpu: pass.cpu + render.cpu,
        max_rss_mb: pass.max_rss_mb.max(render.max_rss_mb),
    };
    Ok(vec![
        Row {
            id: "P5",
            what: format!(
                "find people in vtest.avi (79.5 s, 768×576, 10 fps): detect + track pass, whole clip; {covers}"
            ),
            ours: format!("**{}**", cost(&pass)),
            reference: format!("deface 1.5.0 (faces only, CenterFace, writes the blurred video): {}", cost(&deface)),
            ratio: format!("**{:.1}× faster**", deface.wall / pass.wall),
            target: "≥ 8× (#14)",
        },
        Row {
            id: "P5",
            what: "same pass + a blurred render of the whole clip with every proposed track (x264)".into(),
            ours: cost(&both),
            reference: format!("deface: {}", secs(deface.wall)),
            ratio: format!("{:.1}× faster", deface.wall / both.wall),
            target: "—",
        },
        leak_check(&out)?,
    ])
}

/// `bevis check` on the first 60 s of vtest scaled to 1080p25 (real people, the
/// size and rate of a school's corridor camera), nothing masked yet.
fn leak_check(out: &Path) -> Result<Row> {
    let video = out.join("p5-vtest-1080p25.mp4");
    if !video.exists() {
        // Made once (a few seconds of x264), written aside and renamed so a run cut short leaves no half file.
        let part = out.join("p5-vtest-1080p25.part.mp4");
        let args = ["-v", "error", "-y", "-i", VTEST, "-t", "60", "-vf", "scale=1920:1080,fps=25", "-c:v", "libx264"];
        let more = ["-preset", "veryfast", "-g", "50", "-pix_fmt", "yuv420p", &part.to_string_lossy()];
        measure::run("ffmpeg", &measure::strings(&[&args[..], &more[..]].concat()))?;
        std::fs::rename(&part, &video)?;
    }
    let (login, id) = crate::site::session(out, "p5-check", &video)?;
    let mut plan = EditPlan::for_source(&video);
    plan.clips.push(Clip { source: "s1".into(), in_s: 0.0, out_s: 60.0, crop: None });
    let plan_in = out.join("p5-check-plan.json");
    std::fs::write(&plan_in, plan.to_json())?;
    let rest = measure::strings(&["check", "--session", &id, "--plan", &plan_in.to_string_lossy(), "--json"]);
    let all: Vec<String> = login.into_iter().chain(rest).collect();
    let c = measure::run_allowing(&bevis_bin(), &all, &[0, 3])?; // 3: people listed
    Ok(Row {
        id: "P5",
        what: "leak check (`bevis check`, person + face pass over the clip, nothing masked yet) on 60 s of 1080p25: vtest.avi scaled to 1920×1080 at 25 fps".into(),
        ours: format!("**{}** ({:.1} CPU-s, {:.0} MB)", secs(c.wall), c.cpu, c.max_rss_mb),
        reference: "real time: 60 s".into(),
        ratio: format!("**{:.2}× real time**", c.wall / 60.0),
        target: "≤ 0.5× real time",
    })
}

/// deface from its own virtual environment (bench/run.sh installs it there).
fn deface(out: &Path) -> Result<Cost> {
    let bin = std::env::var("DEFACE_BIN").unwrap_or_else(|_| "bench/out/deface-venv/bin/deface".into());
    let video = out.join("p5-deface.mp4").to_string_lossy().into_owned();
    let _ = std::fs::remove_file(&video);
    measure::run(&bin, &measure::strings(&[VTEST, "-o", &video])).context("deface (bench/run.sh installs it)")
}
