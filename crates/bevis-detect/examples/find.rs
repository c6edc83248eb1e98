//! Developer tool: runs "find people" on a file and prints the proposals as plan
//! JSON (no register, no access gate — never shipped; the product goes through
//! `bevis detect --session`). Labels (at the size they state, else vtest's) and
//! the dense reference (vtest's) are scaled to the file's picture size, so a
//! rendition is scored against them.

use bevis_detect::{Detector, default_model_path, find_people};
use bevis_redact::EditPlan;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = std::path::PathBuf::from(args.get(1).ok_or("usage: find FILE [FROM TO]")?);
    let from = args.get(2).map_or(Ok(0.0), |s| s.parse())?;
    let to = args.get(3).map_or(Ok(f64::MAX), |s| s.parse())?;
    let det = Detector::load(&default_model_path())?;
    let start = std::time::Instant::now();
    let run = find_people(&det, &path, "s1", (from, to), &mut |p| {
        eprint!("\r{:.1}/{:.1} s, {} detections, {} tracks   ", p.done_s, p.total_s, p.detections, p.tracks);
        true
    })?;
    let found = run.proposals;
    eprintln!("\n{} proposals in {:.2} s", found.len(), start.elapsed().as_secs_f64());
    if run.camera_moves {
        eprintln!("  the camera moves: proposals are unreliable");
    }
    for kind in [bevis_detect::Kind::Person, bevis_detect::Kind::Face, bevis_detect::Kind::Motion] {
        eprintln!("  {kind:?}: {}", found.iter().filter(|p| p.kind == kind).count());
    }
    if let Some(labels) = args.get(4) {
        let labels: bevis_detect::score::Labels = serde_json::from_str(&std::fs::read_to_string(labels)?)?;
        let info = bevis_media::probe(&path)?;
        let (sx, sy) = (f64::from(info.width) / 768.0, f64::from(info.height) / 576.0);
        let tracks: Vec<_> = found.iter().map(|p| p.track.clone()).collect();
        let s = bevis_detect::score::score(&labels.scaled_to(info.width, info.height), &tracks, labels.frame_s());
        eprintln!(
            "coverage {:.1} %, recall {:.1} %, precision {:.1} %",
            s.coverage() * 100.0,
            s.recall() * 100.0,
            s.precision() * 100.0
        );
        for (frame, r, share) in &s.missed {
            eprintln!("  missed at frame {frame}: {r:?} ({:.0} % hidden)", share * 100.0);
        }
        if let Some(dense) = args.get(5) {
            let dense: Vec<bevis_detect::reference::DenseFrame> =
                serde_json::from_str(&std::fs::read_to_string(dense)?)?;
            let dense = bevis_detect::reference::scaled(&dense, sx, sy);
            let runs = bevis_detect::score::dense_runs(&dense, &tracks, 0.1, 5);
            let frames: u32 = runs.iter().map(|u| u.frames).sum();
            eprintln!("dense reference: {} uncovered runs, {frames} frames in all", runs.len());
            for u in runs.iter().take(15) {
                eprintln!("  {} frames {:.1}–{:.1} s from {:?}", u.frames, u.from, u.to, u.rect);
            }
        }
    }
    let mut plan = EditPlan::for_source(&path);
    plan.tracks = found.into_iter().map(|p| p.track).collect();
    println!("{}", plan.to_json());
    Ok(())
}
