//! Developer tool: raw merged detections at given times (all regions and turn 0..3).
use bevis_detect::tiles::{detect_frame, detect_regions, regions};
use bevis_detect::{Detector, default_model_path};
use bevis_media::compose::Composer;
use bevis_media::preview::Previewer;
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = std::path::PathBuf::from(&args[1]);
    let det = Detector::load(&default_model_path())?;
    let info = bevis_media::probe(&path)?;
    let (w, h) = (info.width, info.height);
    let mut p = Previewer::new(info.clone(), Composer::plain(&info));
    for t in &args[2..] {
        let f = p.frame_at(t.parse()?)?;
        let rgb = image::RgbImage::from_raw(w, h, f.image.to_rgb(w, h)?).ok_or("size")?;
        let px = |v: &[bevis_detect::Detection]| {
            v.iter()
                .map(|d| {
                    format!(
                        "[{:.0},{:.0},{:.0},{:.0} {:.2}]",
                        d.x * w as f32,
                        d.y * h as f32,
                        d.w * w as f32,
                        d.h * h as f32,
                        d.score
                    )
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        println!("t={t} all: {}", px(&detect_regions(&det, &rgb, 0.3, &regions(w, h))?));
        println!("t={t} whole: {}", px(&detect_regions(&det, &rgb, 0.3, &regions(w, h)[..1])?));
        println!("t={t} turn0: {}", px(&detect_frame(&det, &rgb, 0.3, 0)?));
    }
    Ok(())
}
