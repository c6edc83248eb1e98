//! Developer tool: where the time of one detection goes.
use bevis_detect::{Detector, SIZE, default_model_path};
use std::time::Instant;
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let det = Detector::load(&default_model_path())?;
    let img = vec![100u8; SIZE * SIZE * 3];
    det.raw(&img, 0.3)?;
    let n = 20;
    let s = Instant::now();
    for _ in 0..n {
        det.raw(&img, 0.3)?;
    }
    eprintln!("one pass: {:.1} ms", s.elapsed().as_secs_f64() * 1000.0 / n as f64);
    let frame = image::RgbImage::from_pixel(768, 576, image::Rgb([90, 100, 110]));
    let s = Instant::now();
    for _ in 0..n {
        let _ = image::imageops::resize(&frame, 300, 300, image::imageops::FilterType::Triangle);
    }
    eprintln!("resize whole frame: {:.1} ms", s.elapsed().as_secs_f64() * 1000.0 / n as f64);
    let s = Instant::now();
    for t in 0..n {
        bevis_detect::tiles::detect_frame(&det, &frame, 0.3, t)?;
    }
    eprintln!("detect_frame: {:.1} ms", s.elapsed().as_secs_f64() * 1000.0 / n as f64);
    let mut bg = bevis_detect::motion::Background::new(768, 576);
    let s = Instant::now();
    for _ in 0..n {
        bg.update(&frame);
    }
    eprintln!("background: {:.1} ms", s.elapsed().as_secs_f64() * 1000.0 / n as f64);
    let path = bevis_detect::model_path(bevis_detect::face::FACE_MODEL_FILE);
    for (w, h) in [(768, 576), (384, 288), (960, 544)] {
        let faces = bevis_detect::face::FaceDetector::load(&path, (w, h))?;
        let rgb = vec![100u8; w * h * 3];
        faces.faces(&rgb, (w, h), 0.3)?;
        let s = Instant::now();
        for _ in 0..5 {
            faces.faces(&rgb, (w, h), 0.3)?;
        }
        eprintln!("faces {w}x{h}: {:.1} ms", s.elapsed().as_secs_f64() * 1000.0 / 5.0);
    }
    Ok(())
}
