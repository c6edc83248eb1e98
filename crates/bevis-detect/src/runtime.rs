//! One loaded model in whichever runtime runs it: ONNX Runtime when installed
//! (`onnxrt`), else tract. The person and the face detector differ only in how
//! they fill the input and read the outputs, so both run through here.

use crate::onnxrt::OrtModel;
use crate::{DetectError, Result};
use tract_onnx::prelude::*;

pub(crate) type Plan = std::sync::Arc<TypedSimplePlan>;

pub(crate) enum Runtime {
    Tract(Plan),
    Ort(OrtModel),
}

impl Runtime {
    /// `"onnxruntime"` or `"tract"`.
    pub fn name(&self) -> &'static str {
        match self {
            Runtime::Tract(_) => "tract",
            Runtime::Ort(_) => "onnxruntime",
        }
    }

    /// Runs the model on one float input of `shape`; its outputs, flattened, in order.
    pub fn run(&self, shape: [usize; 4], input: Vec<f32>) -> Result<Vec<Vec<f32>>> {
        let plan = match self {
            Runtime::Ort(model) => return model.run(shape, input),
            Runtime::Tract(plan) => plan,
        };
        let err = |e: TractError| DetectError::Model(e.to_string());
        let tensor = Tensor::from_shape(&shape, &input).map_err(err)?;
        let out = plan.run(tvec!(tensor.into())).map_err(err)?;
        out.iter().map(|t| Ok(t.to_plain_array_view::<f32>().map_err(err)?.iter().copied().collect())).collect()
    }
}
