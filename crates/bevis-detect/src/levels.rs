//! Stretching a dim picture's levels before the model sees it.
//!
//! The person model was trained on daylight footage: in a dim stairwell or at
//! night the whole picture sits in a narrow band of dark greys, and people whose
//! outline the model would find at full contrast fall under its score floor
//! (measured on a darkened copy of vtest: a person half behind a sign missed for
//! a second). The regions of such a frame are therefore stretched so that the
//! frame's darkest and brightest half percent reach black and white — one map
//! for the whole frame (stretching each tile by its own levels changed what the
//! model saw in well-lit scenes cut into small tiles), only when the frame's
//! levels span less than `FULL`, so well-exposed footage reaches the model
//! unchanged, and by at most `MAX_GAIN`, so noise in a black frame is not blown
//! up into shapes.

use image::RgbImage;

/// A region whose levels span at least this much is left as it is.
const FULL: u32 = 200;
/// The largest contrast gain.
const MAX_GAIN: f32 = 3.0;
/// The share of pixels allowed to clip at either end.
const CLIP: f32 = 0.005;

/// The levels map for a frame: `None` when its levels are wide enough already.
pub fn map_for(frame: &RgbImage) -> Option<[u8; 256]> {
    let (lo, hi) = span(frame);
    if hi <= lo || hi - lo >= FULL {
        return None;
    }
    let gain = (255.0 / (hi - lo) as f32).min(MAX_GAIN);
    Some(std::array::from_fn(|v| ((v as u32).saturating_sub(lo) as f32 * gain).round().min(255.0) as u8))
}

/// Applies a levels map to `img` in place.
pub fn apply(img: &mut RgbImage, map: &[u8; 256]) {
    for p in img.pixels_mut() {
        p.0 = p.0.map(|c| map[c as usize]);
    }
}

/// The luma levels below which and above which `CLIP` of the pixels lie.
fn span(img: &RgbImage) -> (u32, u32) {
    let mut hist = [0u32; 256];
    // Every third pixel of every third row is plenty for a histogram.
    for p in img.rows().step_by(3).flat_map(|row| row.step_by(3)) {
        let [r, g, b] = p.0.map(u32::from);
        hist[((77 * r + 150 * g + 29 * b) >> 8) as usize] += 1;
    }
    let cut = (hist.iter().sum::<u32>() as f32 * CLIP) as u32;
    let level = |order: &mut dyn Iterator<Item = usize>| {
        let mut seen = 0;
        for v in order {
            seen += hist[v];
            if seen > cut {
                return v as u32;
            }
        }
        0
    };
    let lo = level(&mut (0..256));
    let hi = level(&mut (0..256).rev());
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dim_picture_is_stretched_to_full_range_and_a_bright_one_is_not() {
        let dim = RgbImage::from_fn(100, 100, |x, _| image::Rgb([20 + x as u8 / 2, 20 + x as u8 / 2, 30]));
        let mut out = dim.clone();
        apply(&mut out, &map_for(&dim).expect("a dim picture is stretched"));
        let (lo, hi) = span(&out);
        assert!(lo < 10 && hi > 120, "{lo}–{hi}");
        assert!(out.get_pixel(99, 0).0[0] > out.get_pixel(0, 0).0[0] + 100, "order kept, contrast up");
        let full = RgbImage::from_fn(100, 100, |x, _| image::Rgb([(x * 255 / 99) as u8; 3]));
        assert_eq!(map_for(&full), None);
    }

    #[test]
    fn a_flat_picture_is_left_alone() {
        assert_eq!(map_for(&RgbImage::from_pixel(10, 10, image::Rgb([40, 40, 40]))), None);
    }
}
