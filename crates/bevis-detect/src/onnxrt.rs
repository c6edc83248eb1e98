//! ONNX Runtime, when its library is installed beside the models: the person
//! model runs there about four times faster than in tract (bench P5), which is
//! what makes find-people and the leak check fast enough on a school's laptop.
//!
//! The library is `libonnxruntime.so` from PyPI's `onnxruntime` wheel (MIT),
//! fetched by `scripts/setup.sh` and loaded at run time (`ort`'s `load-dynamic`:
//! nothing is downloaded, nothing linked at build time). Without it — or with
//! `BEVIS_RUNTIME=tract` — tract runs the models as before, with the same
//! answers (`tests/runtimes.rs`).

use crate::{DetectError, Result};
use ort::environment::Environment;
use ort::session::Session;
use ort::session::builder::GraphOptimizationLevel;
use ort::value::Tensor;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

/// The ONNX Runtime library's file name in `models/`.
pub const ORT_LIBRARY: &str = "libonnxruntime.so.1.31.1";

static ENVIRONMENT: OnceLock<Option<Environment>> = OnceLock::new();

/// The process's ONNX Runtime, loaded once; `None` when it is not installed or
/// tract is asked for.
fn environment() -> Option<&'static Environment> {
    ENVIRONMENT.get_or_init(load).as_ref()
}

fn load() -> Option<Environment> {
    if std::env::var("BEVIS_RUNTIME").is_ok_and(|r| r.eq_ignore_ascii_case("tract")) {
        return None;
    }
    let lib = crate::model_path(ORT_LIBRARY);
    if !lib.is_file() {
        tracing::info!("{} not found: the models run in tract", lib.display());
        return None;
    }
    let built = ort::init_from(&lib)
        .map_err(|e| e.to_string())
        .and_then(|b| b.with_name("bevis").build().map_err(|e| e.to_string()));
    built.inspect_err(|e| tracing::warn!("ONNX Runtime could not be loaded ({e}): the models run in tract")).ok()
}

/// Whether the models run in ONNX Runtime in this process.
pub fn available() -> bool {
    environment().is_some()
}

/// An ONNX model with one session per thread that runs it at once (a session
/// runs one input at a time; the detector runs two regions in parallel).
pub struct OrtModel {
    sessions: Vec<Mutex<Session>>,
}

fn model_error(path: &Path, e: impl std::fmt::Display) -> DetectError {
    DetectError::Model(format!("{}: {e}", path.display()))
}

impl OrtModel {
    /// `None` when ONNX Runtime is not available; otherwise the loaded model.
    pub fn load(path: &Path, copies: usize) -> Option<Result<OrtModel>> {
        let env = environment()?;
        let session = || -> Result<Session> {
            let builder = Session::builder(env).map_err(|e| model_error(path, e))?;
            let builder =
                builder.with_optimization_level(GraphOptimizationLevel::All).map_err(|e| model_error(path, e))?;
            let mut builder = builder.with_intra_threads(1).map_err(|e| model_error(path, e))?;
            builder.commit_from_file(path).map_err(|e| model_error(path, e))
        };
        Some(
            (0..copies.max(1))
                .map(|_| session().map(Mutex::new))
                .collect::<Result<Vec<_>>>()
                .map(|sessions| OrtModel { sessions }),
        )
    }

    /// Runs the model on one float input of `shape`; its outputs, flattened, in order.
    pub fn run(&self, shape: [usize; 4], input: Vec<f32>) -> Result<Vec<Vec<f32>>> {
        let err = |e: ort::Error| DetectError::Model(e.to_string());
        let free = self.sessions.iter().find_map(|s| s.try_lock().ok());
        let mut session = match free {
            Some(s) => s,
            None => self.sessions[0].lock().map_err(|_| DetectError::Model("a detection thread failed".into()))?,
        };
        let tensor = Tensor::from_array((shape, input)).map_err(err)?;
        let outputs = session.run(ort::inputs![tensor]).map_err(err)?;
        let mut all = Vec::with_capacity(outputs.len());
        for (_, value) in outputs.iter() {
            let (_, data) = value.try_extract_tensor::<f32>().map_err(err)?;
            all.push(data.to_vec());
        }
        Ok(all)
    }
}
