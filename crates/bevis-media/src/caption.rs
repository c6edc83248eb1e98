//! Burned-in captions: camera name and wall-clock time, drawn into the frame.
//!
//! Drawn by Bevis itself (an 8×8 bitmap font, scaled) rather than by a GStreamer
//! overlay element, so that the caption is part of the composed frame: the preview
//! shows it exactly as exported, and every frame gets the time of *that* frame,
//! including after a gap between NVR segments.

use crate::clock::Zoned;
use crate::frame::Planar;
use font8x8::UnicodeFonts;

/// What to write on each frame.
#[derive(Debug, Clone)]
pub struct Caption {
    pub camera: Option<String>,
    /// The timeline that maps frame times to real time (`None`: no clock).
    pub clock: Option<Zoned>,
}

impl Caption {
    /// The caption text for timeline time `t`: real time with its UTC offset,
    /// marked `korr.` when the recorder's clock was corrected.
    pub fn text(&self, t: f64) -> String {
        let time = self.clock.as_ref().and_then(|z| z.label(t));
        [self.camera.clone(), time].into_iter().flatten().collect::<Vec<_>>().join("  ")
    }

    /// Draws the caption for `t` in the bottom-left corner.
    pub fn draw(&self, frame: &mut Planar, t: f64) {
        draw_text(frame, &self.text(t));
    }
}

fn glyph(c: char) -> [u8; 8] {
    let c = match c {
        '–' | '—' | '‐' => '-',
        '’' | '‘' => '\'',
        '“' | '”' => '"',
        c => c,
    };
    font8x8::BASIC_FONTS
        .get(c)
        .or_else(|| font8x8::LATIN_FONTS.get(c))
        .or_else(|| font8x8::BASIC_FONTS.get('?'))
        .unwrap_or([0; 8])
}

/// Writes `text` in white on an opaque dark band at the bottom left.
pub fn draw_text(frame: &mut Planar, text: &str) {
    if text.is_empty() {
        return;
    }
    let s = (frame.height / 270).max(2);
    let pad = 2 * s;
    let (w, h) = ((text.chars().count() * 8 * s + 2 * pad).min(frame.width), (8 * s + 2 * pad).min(frame.height));
    let (x0, y0) = (0, (frame.height - h) & !1);
    let [ys, cs, _] = frame.strides;
    let [_, uo, vo] = frame.offsets;
    for y in y0..y0 + h {
        frame.data[y * ys + x0..y * ys + x0 + w].fill(16);
    }
    for y in y0 / 2..(y0 + h).div_ceil(2).min(frame.height / 2) {
        frame.data[uo + y * cs + x0 / 2..uo + y * cs + (x0 + w) / 2].fill(128);
        frame.data[vo + y * cs + x0 / 2..vo + y * cs + (x0 + w) / 2].fill(128);
    }
    for (i, c) in text.chars().enumerate() {
        let rows = glyph(c);
        for (gy, row) in rows.iter().enumerate() {
            for gx in (0..8).filter(|gx| row >> gx & 1 == 1) {
                let (px, py) = (x0 + pad + (i * 8 + gx) * s, y0 + pad + gy * s);
                for y in py..(py + s).min(frame.height) {
                    let end = (px + s).min(frame.width);
                    if px < end {
                        frame.data[y * ys + px..y * ys + end].fill(235);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_lands_in_the_bottom_band_only() {
        let mut f = Planar::blank(320, 240).unwrap();
        f.data[..320 * 240].fill(100);
        draw_text(&mut f, "Korridor Ä 12:40");
        let white = (0..240).flat_map(|y| (0..320).map(move |x| (x, y))).filter(|&(x, y)| f.luma(x, y) == 235);
        let rows: Vec<usize> = white.map(|(_, y)| y).collect();
        assert!(rows.len() > 200, "glyph pixels drawn");
        assert!(rows.iter().all(|&y| y >= 240 - 8 * 2 - 8), "inside the band");
        assert_eq!(f.luma(300, 10), 100, "the rest is untouched");
        assert_eq!(f.luma(1, 239), 16, "band is dark");
    }

    #[test]
    fn different_text_draws_differently() {
        let (mut a, mut b) = (Planar::blank(320, 240).unwrap(), Planar::blank(320, 240).unwrap());
        draw_text(&mut a, "12:40:01");
        draw_text(&mut b, "12:40:02");
        assert_ne!(a.data, b.data);
    }
}
