//! The frames for "find people", decoded and prepared on their own thread while
//! the model works on the previous one.
//!
//! Decoding, colour conversion, cutting and scaling the regions and the
//! background model take about a third of a detection's time; on the same
//! thread they would leave a core idle while the model waits for them.

use crate::motion::Background;
use crate::tiles::{Inputs, chosen, prepare};
use crate::{DetectError, Detection, Result};
use bevis_media::compose::Composer;
use bevis_media::preview::Previewer;
use bevis_media::timeline::MediaInfo;
use image::RgbImage;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::Scope;

/// Pictures from across the range the background is primed with.
const PRIME: usize = 7;

/// One frame, ready for detection.
pub struct Prepared {
    /// The frame's exact time.
    pub t: f64,
    pub rgb: RgbImage,
    pub inputs: Inputs,
    /// Moving, person-shaped regions against the background.
    pub moving: Vec<Detection>,
    /// The share of the picture that differed from the background.
    pub changed: f32,
}

/// Starts the feed: send `(time, detection number)`, receive the prepared frame.
pub fn start<'s>(
    scope: &'s Scope<'s, '_>,
    info: MediaInfo,
    (from, to): (f64, f64),
) -> (SyncSender<(f64, usize)>, Receiver<Result<Prepared>>) {
    let (ask, asked) = sync_channel::<(f64, usize)>(1);
    let (give, got) = sync_channel::<Result<Prepared>>(1);
    scope.spawn(move || {
        let mut frames = Previewer::new(info.clone(), Composer::plain(&info));
        let mut background = Background::new(info.width, info.height);
        for i in (0..PRIME).rev() {
            match rgb_at(&mut frames, from + (to - from) * i as f64 / PRIME as f64) {
                Ok((_, rgb)) => background.learn(&rgb),
                Err(e) => return drop(give.send(Err(e))),
            }
        }
        while let Ok((t, turn)) = asked.recv() {
            let prepared = rgb_at(&mut frames, t).map(|(t, rgb)| {
                let inputs = prepare(&rgb, &chosen(rgb.width(), rgb.height(), turn));
                let moving = background.update(&rgb);
                Prepared { t, moving, changed: background.changed(), inputs, rgb }
            });
            if give.send(prepared).is_err() {
                break;
            }
        }
    });
    (ask, got)
}

pub fn media(e: bevis_media::MediaError) -> DetectError {
    DetectError::Input(e.to_string())
}

/// The frame shown at `t`, in RGB at full size, and its exact time (forward
/// steps decode on: CCTV keyframes can be many seconds apart).
pub(crate) fn rgb_at(frames: &mut Previewer, t: f64) -> Result<(f64, RgbImage)> {
    let f = frames.frame_ahead(t).map_err(media)?;
    let (w, h) = (f.image.width as u32, f.image.height as u32);
    let rgb = RgbImage::from_raw(w, h, f.image.to_rgb(w, h).map_err(media)?)
        .ok_or_else(|| DetectError::Input("a decoded frame has the wrong size".into()))?;
    Ok((f.t, rgb))
}
