//! Structural checks of an edit plan that need no footage. Frame-size checks
//! (a crop inside the frame) happen when the source is opened, in `bevis-media`.

use crate::plan::{EditPlan, Keyframe, PLAN_VERSION, PlanError, Track};

impl EditPlan {
    /// Structural checks that need no footage. Frame-size checks happen when the
    /// source is opened (see `bevis-media`).
    pub fn validate(&self) -> Result<(), PlanError> {
        let bad = |m: String| Err(PlanError::Invalid(m));
        if self.version != PLAN_VERSION {
            return Err(PlanError::UnsupportedVersion { found: self.version });
        }
        for (i, c) in self.clips.iter().enumerate() {
            let n = i + 1;
            if self.source(&c.source).is_none() {
                return bad(format!("clip {n} refers to unknown source '{}'", c.source));
            }
            if !(c.in_s.is_finite() && c.out_s.is_finite()) || c.in_s < 0.0 {
                return bad(format!("clip {n}: in/out must be finite and not negative"));
            }
            if c.out_s <= c.in_s {
                return bad(format!("clip {n}: out ({}) must be after in ({})", c.out_s, c.in_s));
            }
            if let Some(r) = c.crop
                && (r.w <= 0 || r.h <= 0 || r.x < 0 || r.y < 0)
            {
                return bad(format!("clip {n}: crop rectangle must have a positive size inside the frame"));
            }
        }
        self.tracks.iter().try_for_each(|t| t.validate(self))
    }
}

impl Track {
    fn validate(&self, plan: &EditPlan) -> Result<(), PlanError> {
        let bad = |m: &str| Err(PlanError::Invalid(format!("track '{}': {m}", self.id)));
        if plan.source(&self.source).is_none() {
            return bad(&format!("unknown source '{}'", self.source));
        }
        if self.keyframes.is_empty() {
            return bad("needs at least one keyframe");
        }
        if !(self.strength.is_finite() && self.strength > 0.0 && self.strength <= 10.0) {
            return bad("strength must be between 0 and 10");
        }
        let finite = |k: &Keyframe| [k.t, k.x, k.y, k.w, k.h].iter().all(|v| v.is_finite());
        if !self.keyframes.iter().all(finite) {
            return bad("keyframe values must be finite numbers");
        }
        if self.keyframes.iter().any(|k| k.t < 0.0 || k.w <= 0.0 || k.h <= 0.0) {
            return bad("keyframes need t >= 0 and a positive width and height");
        }
        if self.keyframes.windows(2).any(|w| w[1].t <= w[0].t) {
            return bad("keyframe times must increase");
        }
        if let (Some(f), Some(t)) = (self.from, self.to)
            && t < f
        {
            return bad("visible range ends before it starts");
        }
        Ok(())
    }
}
