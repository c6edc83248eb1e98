//! Shared helpers for the media tests: synthetic clips, and ffmpeg/ffprobe as
//! independent judges of what Bevis wrote.
#![allow(dead_code)]

use bevis_media::synth::{self, Codec, Spec};
use bevis_redact::{Clip, EditPlan, Keyframe, Rect, Track};
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn clip(dir: &Path, name: &str, spec: &Spec) -> PathBuf {
    let p = dir.join(name);
    synth::write(&p, spec).expect("synthetic clip");
    p
}

pub fn small(seconds: u32) -> Spec {
    Spec::new(640, 360, 25, seconds, Codec::H264Mp4)
}

pub fn plan(path: &Path, in_s: f64, out_s: f64, crop: Option<Rect>) -> EditPlan {
    let mut p = EditPlan::for_source(path);
    p.clips.push(Clip { source: "s1".into(), in_s, out_s, crop });
    p
}

/// A track that follows figure `k` exactly (a keyframe on every frame).
pub fn follow(spec: &Spec, k: usize, id: &str) -> Track {
    let fps = spec.rate.fps();
    let keyframes = (0..spec.frames)
        .map(|i| {
            let r = synth::figure_at(spec, k, spec.first_frame + i);
            Keyframe { t: i as f64 / fps, x: r.x as f64, y: r.y as f64, w: r.w as f64, h: r.h as f64 }
        })
        .collect();
    Track {
        id: id.into(),
        source: "s1".into(),
        label: format!("figure {k}"),
        shape: bevis_redact::Shape::Rect,
        style: bevis_redact::Style::Blur,
        strength: 1.0,
        keyframes,
        from: None,
        to: None,
        keep: false,
        confidence: None,
    }
}

/// ffprobe's view: (frames decoded, width, height, codec, duration).
pub fn ffprobe(path: &Path) -> (u64, u32, u32, String, f64) {
    let out = Command::new("ffprobe")
        .args(["-v", "error", "-count_frames", "-select_streams", "v:0", "-of", "default=nw=1"])
        .args(["-show_entries", "stream=nb_read_frames,width,height,codec_name:format=duration"])
        .arg(path)
        .output()
        .expect("ffprobe is installed (scripts/setup.sh)");
    assert!(out.status.success(), "ffprobe failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let get = |k: &str| text.lines().find_map(|l| l.strip_prefix(&format!("{k}="))).unwrap_or("0").to_string();
    (
        get("nb_read_frames").parse().unwrap(),
        get("width").parse().unwrap(),
        get("height").parse().unwrap(),
        get("codec_name"),
        get("duration").parse().unwrap_or(0.0),
    )
}

/// Every frame of a video as 8-bit luma, decoded by ffmpeg.
pub struct Gray {
    pub width: usize,
    pub height: usize,
    pub frames: Vec<Vec<u8>>,
}

impl Gray {
    pub fn px(&self, f: usize, x: usize, y: usize) -> u8 {
        self.frames[f][y * self.width + x]
    }
    pub fn code(&self, f: usize) -> u32 {
        self.code_of(f, self.width as u32)
    }
    /// The frame number, drawn for a source `source_width` wide (before a crop).
    pub fn code_of(&self, f: usize, source_width: u32) -> u32 {
        synth::read_code(|x, y| self.px(f, x, y), synth::block_size(source_width))
    }
    /// Luma of region `r` in frame `f`.
    pub fn region(&self, f: usize, r: Rect) -> (Vec<u8>, usize, usize) {
        let r = r.clamp_to(self.width as i64, self.height as i64).expect("region inside");
        let v = (r.y..r.bottom())
            .flat_map(|y| (r.x..r.right()).map(move |x| (x, y)))
            .map(|(x, y)| self.px(f, x as usize, y as usize))
            .collect();
        (v, r.w as usize, r.h as usize)
    }
}

pub fn decode_gray(path: &Path) -> Gray {
    let (_, width, height, _, _) = ffprobe(path);
    let out = Command::new("ffmpeg")
        .args(["-v", "error", "-i"])
        .arg(path)
        .args(["-f", "rawvideo", "-pix_fmt", "gray", "-"])
        .output()
        .expect("ffmpeg is installed (scripts/setup.sh)");
    assert!(out.status.success(), "ffmpeg failed: {}", String::from_utf8_lossy(&out.stderr));
    let (w, h) = (width as usize, height as usize);
    Gray { width: w, height: h, frames: out.stdout.chunks_exact(w * h).map(<[u8]>::to_vec).collect() }
}

/// Variance of the discrete Laplacian: high for detail, near zero for blur.
pub fn laplacian_var(v: &[u8], w: usize, h: usize) -> f64 {
    let px = |x: usize, y: usize| v[y * w + x] as f64;
    let vals: Vec<f64> = (1..h - 1)
        .flat_map(|y| (1..w - 1).map(move |x| (x, y)))
        .map(|(x, y)| 4.0 * px(x, y) - px(x - 1, y) - px(x + 1, y) - px(x, y - 1) - px(x, y + 1))
        .collect();
    let mean = vals.iter().sum::<f64>() / vals.len() as f64;
    vals.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / vals.len() as f64
}

pub fn mean_abs_diff(a: &[u8], b: &[u8]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x.abs_diff(*y) as f64).sum::<f64>() / a.len() as f64
}

pub fn render_to(plan: &EditPlan, out: &Path) -> bevis_media::render::RenderReport {
    let mut f = std::fs::File::create(out).unwrap();
    bevis_media::render::render(plan, 0, &mut f, &Default::default(), |_| true).expect("render")
}
