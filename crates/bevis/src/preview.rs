//! Single frames as images: for the CLI's `frame` command and the app's viewer.

use bevis_media::compose::Composer;
use bevis_media::preview::{PreviewFrame, Previewer};
use bevis_media::{MediaError, probe};
use bevis_redact::EditPlan;
use std::path::Path;

/// Errors of the preview workflow.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PreviewError {
    #[error(transparent)]
    Media(#[from] MediaError),
    #[error("could not encode the image: {0}")]
    Image(#[from] image::ImageError),
}

/// The composer for `path` under `plan`: the tracks of the plan's source with that
/// path (or its only source), cropped like that source's first clip.
pub fn composer_for(
    path: &Path,
    plan: Option<&EditPlan>,
    info: &bevis_media::MediaInfo,
) -> Result<Composer, MediaError> {
    let Some(plan) = plan else { return Ok(Composer::plain(info)) };
    let source = plan.sources.iter().find(|s| s.path == path).or(if plan.sources.len() == 1 {
        plan.sources.first()
    } else {
        None
    });
    let Some(source) = source else {
        return Err(MediaError::Plan(format!("the plan has no source {}", path.display())));
    };
    let crop = plan.clips.iter().find(|c| c.source == source.id).and_then(|c| c.crop);
    let info = info.clone().with_entered_start(source.start.as_deref())?;
    Composer::from_plan(plan, &source.id, crop, &info)
}

/// The composed frame at `at` seconds.
pub fn frame(path: &Path, at: f64, plan: Option<&EditPlan>) -> Result<PreviewFrame, MediaError> {
    let info = probe(path)?;
    let composer = composer_for(path, plan, &info)?;
    Previewer::new(info, composer).frame_at(at)
}

/// RGBA pixels of a frame scaled to `width` (keeping the aspect ratio).
pub fn rgba(frame: &PreviewFrame, width: Option<u32>) -> Result<(u32, u32, Vec<u8>), MediaError> {
    let (fw, fh) = (frame.image.width as u32, frame.image.height as u32);
    let w = width.unwrap_or(fw).clamp(16, 8192);
    let h = ((w as f64 * fh as f64 / fw as f64).round() as u32).max(1);
    Ok((w, h, frame.image.to_rgba(w, h)?))
}

/// PNG bytes of the composed frame at `at`, optionally scaled to `width`.
pub fn frame_png(path: &Path, at: f64, width: Option<u32>, plan: Option<&EditPlan>) -> Result<Vec<u8>, PreviewError> {
    let (w, h, pixels) = rgba(&frame(path, at, plan)?, width)?;
    png(w, h, pixels)
}

/// Encodes RGBA pixels as PNG.
pub fn png(w: u32, h: u32, pixels: Vec<u8>) -> Result<Vec<u8>, PreviewError> {
    let img = image::RgbaImage::from_raw(w, h, pixels).expect("buffer matches its size");
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)?;
    Ok(out.into_inner())
}

/// The frame scaled to `width` as JPEG (quality 85) — what the app's viewer
/// receives: a tenth of the bytes of PNG and a fraction of the encode time.
pub fn jpeg(frame: &PreviewFrame, width: u32) -> Result<(u32, u32, Vec<u8>), PreviewError> {
    let (fw, fh) = (frame.image.width as u32, frame.image.height as u32);
    let w = width.min(fw).clamp(16, 8192); // never upscale: the view scales, the wire stays small
    let h = ((w as f64 * fh as f64 / fw as f64).round() as u32).max(1);
    let rgb = frame.image.to_rgb(w, h)?;
    let mut out = Vec::with_capacity(rgb.len() / 8);
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
    encoder.encode(&rgb, w, h, image::ExtendedColorType::Rgb8)?;
    Ok((w, h, out))
}

/// PNG of the composed frame of an export job at source time `t`, full size.
pub fn still_png(job: &bevis_media::render::ClipJob, t: f64) -> Result<Vec<u8>, MediaError> {
    let frame = Previewer::new(job.info.clone(), job.composer.clone()).frame_at(t)?;
    let (w, h, pixels) = rgba(&frame, None)?;
    png(w, h, pixels).map_err(|e| MediaError::Plan(e.to_string()))
}
