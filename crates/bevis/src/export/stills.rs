//! Stills: single frames of the package's clips, as PNG beside them (police ask for
//! stills to identify someone; the picture is the clip's, masks and crop included).
//!
//! A still may only show what a clip of the package shows: its time must lie within
//! that clip's in and out. A still elsewhere in the recording would carry footage
//! nobody cut to the incident, outside what the leak check looked at, and past
//! masks whose tracks end with the clip.

use super::ExportError;
use bevis_redact::EditPlan;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use ts_rs::TS;

/// One still: the clip it is of (0-based, in the plan's order) and its source time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Still {
    pub clip: usize,
    pub t: f64,
}

impl Still {
    /// Its name in the package: clip 1's stills keep the name they always had.
    pub fn file_name(&self) -> String {
        match self.clip {
            0 => format!("stills/still-{:09.3}.png", self.t),
            c => format!("stills/clip-{}-still-{:09.3}.png", c + 1, self.t),
        }
    }
}

/// `12.4` (clip 1) or `2:12.4` (clip 2), as the command line takes them.
impl FromStr for Still {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let (clip, t) = match s.split_once(':') {
            Some((c, t)) => (c.trim().parse::<usize>().ok().filter(|&c| c >= 1).map(|c| c - 1), t),
            None => (Some(0), s),
        };
        let t = t.trim().parse::<f64>().ok().filter(|t| t.is_finite());
        match (clip, t) {
            (Some(clip), Some(t)) => Ok(Still { clip, t }),
            _ => Err(format!("'{s}' is not a still: give seconds of clip 1 (12.4) or CLIP:SECONDS (2:12.4)")),
        }
    }
}

/// Every still must be of one of the plan's clips, between its in and out.
pub fn check(plan: &EditPlan, stills: &[Still]) -> Result<(), ExportError> {
    for s in stills {
        let Some(c) = plan.clips.get(s.clip) else {
            let n = plan.clips.len();
            return Err(ExportError::Invalid(format!("a still is of clip {}, but the plan has {n}", s.clip + 1)));
        };
        if !(s.t >= c.in_s && s.t < c.out_s) {
            return Err(ExportError::StillOutside { at: s.t, clip: s.clip + 1, from: c.in_s, to: c.out_s });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_forms() {
        assert_eq!("12.4".parse::<Still>(), Ok(Still { clip: 0, t: 12.4 }));
        assert_eq!("2:3.5".parse::<Still>(), Ok(Still { clip: 1, t: 3.5 }));
        for bad in ["", "x", "0:1", "2:", ":1", "1:NaN", "inf", "-1:2"] {
            assert!(bad.parse::<Still>().is_err(), "{bad}");
        }
    }

    #[test]
    fn names_keep_clip_one_as_it_was() {
        assert_eq!(Still { clip: 0, t: 1.0 }.file_name(), "stills/still-00001.000.png");
        assert_eq!(Still { clip: 2, t: 12.25 }.file_name(), "stills/clip-3-still-00012.250.png");
    }
}
