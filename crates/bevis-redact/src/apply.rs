//! Applying a plan's tracks to one decoded frame.
//!
//! This is the single place where redaction meets pixels: the preview and the
//! export both call [`redact_frame`] on the same (cropped) frame, so what the
//! intendent approves is exactly what leaves the building.

use crate::kernels::{self, Op, Plane};
use crate::plan::{Mode, Rect, Shape, Style, Track};

/// Memory layouts the kernels understand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameLayout {
    /// Three planes, chroma subsampled 2×2.
    I420,
    /// Luma plane, then interleaved U/V at 2×2 subsampling.
    Nv12,
}

/// A mutable view of one frame's memory.
pub struct YuvFrame<'a> {
    pub layout: FrameLayout,
    pub width: usize,
    pub height: usize,
    pub data: &'a mut [u8],
    pub strides: [usize; 3],
    pub offsets: [usize; 3],
}

impl YuvFrame<'_> {
    /// Runs `f` on each plane with the factor that maps luma to plane coordinates.
    fn for_each_plane(&mut self, mut f: impl FnMut(&mut Plane<'_>, usize)) {
        let (cw, ch) = (self.width.div_ceil(2), self.height.div_ceil(2));
        let chroma: [(usize, usize, usize); 2] = match self.layout {
            FrameLayout::I420 => [(self.offsets[1], self.strides[1], 1), (self.offsets[2], self.strides[2], 1)],
            FrameLayout::Nv12 => [(self.offsets[1], self.strides[1], 2), (self.offsets[1] + 1, self.strides[1], 2)],
        };
        let (w, h, s0, o0) = (self.width, self.height, self.strides[0], self.offsets[0]);
        f(&mut Plane { data: self.data, offset: o0, stride: s0, step: 1, width: w, height: h }, 1);
        for (offset, stride, step) in chroma {
            f(&mut Plane { data: self.data, offset, stride, step, width: cw, height: ch }, 2);
        }
    }
}

/// The effective operation for a region of `w`×`h` luma pixels, scaled down by
/// `div` for subsampled chroma. The blur radius grows with the box: a fifth of its
/// larger side, never below 6 luma pixels, so a face is always smeared across
/// more than its own features.
pub fn op_for(style: Style, strength: f64, w: i64, h: i64, div: usize) -> Op {
    let side = w.max(h).max(1) as f64;
    let scaled = |min: f64, frac: f64| ((strength * side * frac).max(min) / div as f64).round().max(1.0) as usize;
    match style {
        Style::Blur => Op::Blur { radius: scaled(6.0, 0.2), block: scaled(4.0, 0.1) },
        Style::Pixelate => Op::Pixelate { block: scaled(8.0, 1.0 / 6.0) },
        Style::Solid => Op::Fill(if div == 1 { 16 } else { 128 }),
    }
}

fn to_plane(r: &Rect, div: usize) -> Rect {
    if div == 1 {
        return *r;
    }
    let d = div as i64;
    let (x0, y0) = (r.x.div_euclid(d), r.y.div_euclid(d));
    let (x1, y1) = ((r.right() + d - 1).div_euclid(d), (r.bottom() + d - 1).div_euclid(d));
    Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
}

/// Redacts `frame` for source time `t`. `origin` is the crop rectangle's top-left
/// corner in source pixels (track boxes are in source pixels); `tolerance` is half
/// a frame duration, see [`Track::rect_at`].
pub fn redact_frame(
    frame: &mut YuvFrame<'_>,
    tracks: &[&Track],
    mode: Mode,
    t: f64,
    tolerance: f64,
    origin: (i64, i64),
) {
    let placed = |keep: bool| {
        tracks
            .iter()
            .filter(move |tr| tr.keep == keep)
            .filter_map(move |tr| {
                let r = tr.rect_at(t, tolerance)?;
                Some((*tr, Rect { x: r.x - origin.0, y: r.y - origin.1, ..r }))
            })
            .collect::<Vec<_>>()
    };
    match mode {
        Mode::BlurTracks => {
            let boxes = placed(false);
            frame.for_each_plane(|plane, div| {
                for (tr, r) in &boxes {
                    let op = op_for(tr.style, tr.strength, r.w, r.h, div);
                    kernels::apply(plane, &to_plane(r, div), tr.shape, op);
                }
            });
        }
        Mode::KeepVisible => {
            let (fw, fh) = (frame.width as i64, frame.height as i64);
            let kept = placed(true);
            frame.for_each_plane(|plane, div| blur_all_but(plane, &kept, fw, fh, div));
        }
    }
}

/// Blurs a whole plane, then puts back the kept shapes untouched.
fn blur_all_but(plane: &mut Plane<'_>, kept: &[(&Track, Rect)], fw: i64, fh: i64, div: usize) {
    let (pw, ph) = (plane.width as i64, plane.height as i64);
    let saved: Vec<(Rect, Rect, Shape, Vec<u8>)> = kept
        .iter()
        .filter_map(|(tr, r)| {
            let full = to_plane(r, div);
            let clamped = full.clamp_to(pw, ph)?;
            Some((full, clamped, tr.shape, plane.read(&clamped)))
        })
        .collect();
    let whole = Rect { x: 0, y: 0, w: pw, h: ph };
    // A whole-frame blur sized like a box of a sixth of the frame: strong enough
    // to hide faces at any distance from the camera.
    let op = op_for(Style::Blur, 1.0, fw / 6, fh / 6, div);
    kernels::apply(plane, &whole, Shape::Rect, op);
    for (full, clamped, shape, buf) in saved {
        let mask = kernels::shape_mask(&full, &clamped, shape);
        plane.write_masked(&clamped, &buf, mask);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Keyframe;

    fn track(keep: bool, x: f64) -> Track {
        Track {
            id: "t".into(),
            source: "s".into(),
            label: String::new(),
            shape: Shape::Rect,
            style: Style::Solid,
            strength: 1.0,
            keyframes: vec![Keyframe { t: 0.0, x, y: 4.0, w: 8.0, h: 8.0 }],
            from: None,
            to: Some(10.0),
            keep,
            confidence: None,
        }
    }

    fn frame_data(w: usize, h: usize) -> Vec<u8> {
        let mut d: Vec<u8> = (0..w * h).map(|i| if i % 3 == 0 { 200 } else { 40 }).collect();
        d.extend(std::iter::repeat_n(90u8, w * h / 2));
        d
    }

    fn i420<'a>(data: &'a mut [u8], w: usize, h: usize) -> YuvFrame<'a> {
        let offsets = [0, w * h, w * h + w * h / 4];
        YuvFrame { layout: FrameLayout::I420, width: w, height: h, data, strides: [w, w / 2, w / 2], offsets }
    }

    #[test]
    fn blur_tracks_respects_crop_origin() {
        let (w, h) = (32, 16);
        let mut data = frame_data(w, h);
        let orig = data.clone();
        let tr = track(false, 10.0);
        // Crop starts at x=8: the track box (10..18) lands at 2..10 in the frame.
        redact_frame(&mut i420(&mut data, w, h), &[&tr], Mode::BlurTracks, 1.0, 0.0, (8, 0));
        assert_eq!(data[5 * w + 2], 16);
        assert_eq!(data[5 * w + 9], 16);
        assert_eq!(data[5 * w + 10], orig[5 * w + 10]);
        assert_eq!(data[w * h + 2 * (w / 2) + 1], 128, "chroma filled too");
        assert_eq!(data[w * h + 2 * (w / 2) + 8], 90, "chroma outside untouched");
    }

    #[test]
    fn keep_visible_keeps_only_the_subject() {
        let (w, h) = (48, 24);
        let mut data = frame_data(w, h);
        let orig = data.clone();
        let subject = track(true, 4.0);
        let other = track(false, 30.0);
        redact_frame(&mut i420(&mut data, w, h), &[&subject, &other], Mode::KeepVisible, 0.5, 0.0, (0, 0));
        for y in 4..12 {
            assert_eq!(&data[y * w + 4..y * w + 12], &orig[y * w + 4..y * w + 12], "subject row {y}");
        }
        let changed =
            (0..h).flat_map(|y| (20..w).map(move |x| (x, y))).filter(|&(x, y)| data[y * w + x] != orig[y * w + x]);
        assert!(changed.count() > (w - 20) * h / 2, "the rest is blurred");
    }

    #[test]
    fn invisible_track_changes_nothing() {
        let (w, h) = (32, 16);
        let mut data = frame_data(w, h);
        let orig = data.clone();
        redact_frame(&mut i420(&mut data, w, h), &[&track(false, 10.0)], Mode::BlurTracks, 11.0, 0.0, (0, 0));
        assert_eq!(data, orig);
    }

    #[test]
    fn blur_radius_scales_with_box() {
        let small = op_for(Style::Blur, 1.0, 20, 20, 1);
        let large = op_for(Style::Blur, 1.0, 300, 200, 1);
        assert_eq!(small, Op::Blur { radius: 6, block: 4 });
        assert_eq!(large, Op::Blur { radius: 60, block: 30 });
    }
}
