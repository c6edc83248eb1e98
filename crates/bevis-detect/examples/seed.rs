//! Developer tool behind `tests/labels/`: prints the detector's boxes (every
//! region, score ≥ 0.4) at the given frame numbers as label JSON, in pixels —
//! the starting point that is then checked and corrected by eye.

use bevis_detect::tiles::{detect_regions, regions};
use bevis_detect::{Detector, default_model_path};
use bevis_media::compose::Composer;
use bevis_media::preview::Previewer;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = std::path::PathBuf::from(args.get(1).ok_or("usage: seed FILE FRAME…")?);
    let det = Detector::load(&default_model_path())?;
    let info = bevis_media::probe(&path)?;
    let (w, h) = (info.width, info.height);
    let mut p = Previewer::new(info.clone(), Composer::plain(&info));
    let mut out = Vec::new();
    for n in &args[2..] {
        let n: u64 = n.parse()?;
        let f = p.frame_at(n as f64 * info.frame_secs())?;
        let rgb = image::RgbImage::from_raw(w, h, f.image.to_rgb(w, h)?).ok_or("size")?;
        let found = detect_regions(&det, &rgb, 0.4, &regions(w, h))?;
        let boxes: Vec<String> = found
            .iter()
            .map(|d| {
                let px = |v: f32, s: u32| (v * s as f32).round() as i64;
                format!("[{}, {}, {}, {}]", px(d.x, w), px(d.y, h), px(d.w, w), px(d.h, h))
            })
            .collect();
        out.push(format!("    {{\"frame\": {}, \"boxes\": [{}]}}", f.index, boxes.join(", ")));
    }
    println!("{{\n  \"video\": \"vtest.avi\",\n  \"frames\": [\n{}\n  ]\n}}", out.join(",\n"));
    Ok(())
}
