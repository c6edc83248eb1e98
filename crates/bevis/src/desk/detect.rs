//! "Find people" through a review session.
//!
//! The pass decodes footage and shows thumbnails of the people it found, so it
//! goes through the same gate as playback (own open session, open case, range
//! inside the incident window ± margin; the range is recorded as seen) and is
//! audited as `detect` with what it proposed — or that it was cancelled.

use super::{Desk, Result};
use bevis_detect::{DetectError, Detector, Found, Progress};
use std::path::Path;

impl Desk {
    /// People in `[from, to]` of recording `index` of session `id`, proposed as
    /// tracks for plan source `plan_source`. `progress` returns `false` to cancel.
    pub fn find_people(
        &mut self,
        id: i64,
        index: usize,
        plan_source: &str,
        (from, to): (f64, f64),
        progress: &mut dyn FnMut(Progress) -> bool,
    ) -> Result<Found> {
        self.flush_played()?;
        let (s, _) = self.gate(id, index, from, to)?;
        let camera = s.sources[index].camera.clone();
        let detector = Detector::load(&bevis_detect::default_model_path())?;
        let found =
            bevis_detect::find_people(&detector, Path::new(&s.sources[index].path), plan_source, (from, to), progress);
        let span = format!("session {id}, {camera} {from:.1}–{to:.1} s");
        match &found {
            Ok(f) => {
                let moves = if f.camera_moves { "; much of the picture kept changing (camera moving?)" } else { "" };
                self.audit("detect", &format!("{span}: {} tracks proposed{moves}", f.proposals.len()))?
            }
            Err(DetectError::Cancelled) => self.audit("detect", &format!("{span}: cancelled"))?,
            Err(e) => self.audit("detect", &format!("{span}: failed: {e}"))?,
        }
        Ok(found?)
    }
}
