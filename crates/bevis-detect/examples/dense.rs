//! Makes the dense reference for measuring one-frame leaks (docs/MODELS.md):
//! `dense VIDEO LABELS.json OUT.json` runs the detector the thorough way on every
//! frame and reports how many hand-labelled people it finds.

use bevis_detect::reference::{dense_reference, rect};
use bevis_detect::score::{Labels, covered_share};
use bevis_detect::{Detector, default_model_path};
use bevis_redact::Rect;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, video, labels, out] = &args[..] else { return Err("usage: dense VIDEO LABELS.json OUT.json".into()) };
    let det = Detector::load(&default_model_path())?;
    let frames = dense_reference(&det, std::path::Path::new(video), (0.0, f64::MAX), 0.3)?;
    let labels: Labels = serde_json::from_str(&std::fs::read_to_string(labels)?)?;
    let (mut people, mut found) = (0, 0);
    for l in &labels.frames {
        let t = l.frame as f64 / 10.0;
        let Some(f) = frames.iter().min_by(|a, b| (a.t - t).abs().total_cmp(&(b.t - t).abs())) else { continue };
        let rects: Vec<Rect> = f.boxes.iter().map(rect).collect();
        for b in &l.boxes {
            people += 1;
            found += usize::from(covered_share(&rect(b), &rects) >= 0.5);
        }
    }
    eprintln!("{} frames; {found} of {people} labelled people at least half inside a reference box", frames.len());
    std::fs::write(out, serde_json::to_string(&frames)?)?;
    Ok(())
}
