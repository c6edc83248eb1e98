//! The SSDLite-MobileNetV2 person detector, run by tract.
//!
//! The frozen TensorFlow graph pre-processes with a `while` loop and post-processes
//! with ops tract does not implement, so it is cut: `Preprocessor/sub` (the image
//! already scaled to −1…1) becomes the input, and the two box-predictor
//! concatenations (box encodings, class logits) the outputs. Anchors, box decoding
//! and the sigmoid are done here, exactly as the graph would.

use crate::anchors::{Anchor, ssd_anchors};
use crate::{DetectError, Detection, Result};
use std::path::Path;
use tract_tensorflow::prelude::*;
use tract_tensorflow::tract_hir::ops::source::Source;

/// The model's input size.
pub const SIZE: usize = 300;
/// The box coder's scale factors (y, x, h, w).
const SCALE: [f32; 4] = [10.0, 10.0, 5.0, 5.0];

type Plan = std::sync::Arc<TypedSimplePlan>;

/// A loaded detector (cheap to share between threads: the plan is immutable).
pub struct Detector {
    plan: Plan,
    anchors: Vec<Anchor>,
}

fn cut(path: &Path) -> TractResult<Plan> {
    let mut model = tract_tensorflow::tensorflow().model_for_path(path)?;
    let input = model.node_id_by_name("Preprocessor/sub")?;
    let node = model.node_mut(input);
    node.op = Box::new(Source::new());
    node.inputs.clear();
    model.set_input_names(["Preprocessor/sub"])?;
    let outputs =
        [OutletId::new(model.node_id_by_name("concat")?, 0), OutletId::new(model.node_id_by_name("concat_1")?, 0)];
    model.select_output_outlets(&outputs)?;
    model.set_input_fact(0, f32::fact([1, SIZE, SIZE, 3]).into())?;
    model.compact()?;
    model.into_optimized()?.into_runnable()
}

impl Detector {
    /// Loads and prepares the model (about half a second).
    pub fn load(path: &Path) -> Result<Detector> {
        if !path.is_file() {
            return Err(DetectError::Model(format!("{} is missing (scripts/setup.sh fetches it)", path.display())));
        }
        let plan = cut(path).map_err(|e| DetectError::Model(format!("{}: {e}", path.display())))?;
        Ok(Detector { plan, anchors: ssd_anchors() })
    }

    /// People in a 300×300 RGB image, scores ≥ `min_score`, in fractions of the image
    /// (before non-maximum suppression).
    pub fn raw(&self, rgb: &[u8], min_score: f32) -> Result<Vec<Detection>> {
        if rgb.len() != SIZE * SIZE * 3 {
            return Err(DetectError::Input(format!("expected {SIZE}×{SIZE} RGB, got {} bytes", rgb.len())));
        }
        let input = tract_ndarray::Array4::from_shape_fn((1, SIZE, SIZE, 3), |(_, y, x, c)| {
            rgb[(y * SIZE + x) * 3 + c] as f32 / 127.5 - 1.0
        });
        let out = self.plan.run(tvec!(Tensor::from(input).into())).map_err(|e| DetectError::Model(e.to_string()))?;
        let boxes = out[0].to_plain_array_view::<f32>().map_err(|e| DetectError::Model(e.to_string()))?;
        let logits = out[1].to_plain_array_view::<f32>().map_err(|e| DetectError::Model(e.to_string()))?;
        let boxes = boxes.as_slice().ok_or_else(|| DetectError::Model("box output not contiguous".into()))?;
        let logits = logits.as_slice().ok_or_else(|| DetectError::Model("score output not contiguous".into()))?;
        Ok(self.decode(boxes, logits, min_score))
    }

    fn decode(&self, boxes: &[f32], logits: &[f32], min_score: f32) -> Vec<Detection> {
        let mut out = Vec::new();
        for (i, a) in self.anchors.iter().enumerate() {
            let score = 1.0 / (1.0 + (-logits[i * 2 + 1]).exp());
            if score < min_score {
                continue;
            }
            let e = &boxes[i * 4..i * 4 + 4];
            let (cy, cx) = (e[0] / SCALE[0] * a.h + a.cy, e[1] / SCALE[1] * a.w + a.cx);
            let (h, w) = ((e[2] / SCALE[2]).exp() * a.h, (e[3] / SCALE[3]).exp() * a.w);
            out.push(Detection { x: cx - w / 2.0, y: cy - h / 2.0, w, h, score });
        }
        out
    }
}
