//! Tiling: the model sees 300×300 pixels, so a whole 768×576 frame shrinks a
//! person at the back of the scene to a dozen pixels and the detector misses them.
//! The frame is therefore also cut into overlapping tiles of about 480 pixels, each
//! scaled to the model's size; every tile's detections are mapped back to the frame
//! and merged. The whole frame stays in the set for people close to the camera,
//! who are larger than a tile.

use crate::{Detection, Detector, Result, SIZE, nms};
use image::RgbImage;

/// The largest side a tile may have, in frame pixels.
const TILE: u32 = 480;
/// The largest side a tile may have as a share of the frame's longer side: a
/// small picture (480×360) is tiled too, or its far-away people (10–15 px) reach
/// the model at 6–9 px, below what it sees.
const TILE_SHARE: f32 = 0.6;
/// Pictures up to VGA (an old analogue camera, a recorder's substream) are soft:
/// the whole frame finds few of their people (on a 480×360 copy of vtest a
/// walker the tiles see at 0.96 is not in the whole frame's answer at all), so
/// waiting four detections for a tile's turn left people uncovered for up to
/// 0.9 s. Every tile is seen at every detection there instead; with so few
/// pixels to decode that costs 0.09× real time (a 79.5 s pass: 4.2 → 7.4 s).
const SOFT: u32 = 640 * 480;
/// How much neighbouring tiles overlap, as a share of a tile.
const OVERLAP: f32 = 0.2;

/// A region of the frame given to the model, in frame pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

/// The regions for a `w`×`h` frame: the whole frame, then the tiles (none when the
/// frame is small enough already).
pub fn regions(w: u32, h: u32) -> Vec<Region> {
    let mut out = vec![Region { x: 0, y: 0, w, h }];
    let tile = TILE.min((w.max(h) as f32 * TILE_SHARE) as u32).max(1);
    let (cols, rows) = (count(w, tile), count(h, tile));
    if cols * rows <= 1 {
        return out;
    }
    let (tw, th) = (side(w, cols), side(h, rows));
    for r in 0..rows {
        for c in 0..cols {
            out.push(Region { x: offset(w, tw, c, cols), y: offset(h, th, r, rows), w: tw, h: th });
        }
    }
    out
}

fn count(len: u32, tile: u32) -> u32 {
    if len <= tile { 1 } else { ((len as f32 - tile as f32 * OVERLAP) / (tile as f32 * (1.0 - OVERLAP))).ceil() as u32 }
}

fn side(len: u32, n: u32) -> u32 {
    if n == 1 { len } else { ((len as f32 / (n as f32 - (n as f32 - 1.0) * OVERLAP)).ceil() as u32).min(len) }
}

fn offset(len: u32, tile: u32, i: u32, n: u32) -> u32 {
    if n == 1 { 0 } else { (len - tile) * i / (n - 1) }
}

/// The regions for detection number `turn`: the whole frame and a quarter of the
/// tiles, rotating.
///
/// Small people far from the camera move few pixels per second, so seeing each
/// tile at every fourth detection keeps them on their tracks (tracks survive
/// longer gaps than that); the whole frame, for the people near the camera who
/// move fast in pixels, is seen every time. A picture of at most `SOFT` pixels
/// has every tile seen every time.
pub fn chosen(w: u32, h: u32, turn: usize) -> Vec<Region> {
    let all = regions(w, h);
    if w * h <= SOFT {
        return all;
    }
    all.iter().enumerate().filter(|(i, _)| *i == 0 || (i - 1) % 4 == turn % 4).map(|(_, r)| *r).collect()
}

/// A frame's regions scaled to the model's size, ready to run.
pub struct Inputs {
    pub width: u32,
    pub height: u32,
    pub parts: Vec<(Region, RgbImage)>,
}

/// Cuts and scales the regions of a full-resolution RGB frame.
pub fn prepare(frame: &RgbImage, regions: &[Region]) -> Inputs {
    let levels = crate::levels::map_for(frame);
    let parts = regions
        .iter()
        .map(|r| {
            let mut input = shrink(frame, r, (SIZE as u32, SIZE as u32));
            if let Some(map) = &levels {
                crate::levels::apply(&mut input, map);
            }
            (*r, input)
        })
        .collect();
    Inputs { width: frame.width(), height: frame.height(), parts }
}

/// Region `r` of `src` scaled to `nw`×`nh` by area averaging (each output pixel is
/// the mean of the source pixels under it, partial pixels weighted) — what a
/// good downscaler does, in integers, a few times faster than a general filter.
pub fn shrink(src: &RgbImage, r: &Region, (nw, nh): (u32, u32)) -> RgbImage {
    let (xs, ys) = (taps(r.x, r.w, nw), taps(r.y, r.h, nh));
    let sw = src.width() as usize;
    let raw = src.as_raw();
    // Horizontal pass: every source row of the region → nw pixels (×4096).
    let rows: Vec<[u32; 3]> = (r.y..r.y + r.h)
        .flat_map(|y| {
            let row = &raw[y as usize * sw * 3..(y as usize + 1) * sw * 3];
            xs.iter().map(move |t| {
                let mut acc = [0u32; 3];
                for &(i, w) in t {
                    for c in 0..3 {
                        acc[c] += row[i * 3 + c] as u32 * w;
                    }
                }
                acc
            })
        })
        .collect();
    let mut out = RgbImage::new(nw, nh);
    for (oy, t) in ys.iter().enumerate() {
        for ox in 0..nw as usize {
            let mut acc = [0u64; 3];
            for &(i, w) in t {
                let v = rows[(i - r.y as usize) * nw as usize + ox];
                for c in 0..3 {
                    acc[c] += v[c] as u64 * w as u64;
                }
            }
            out.put_pixel(ox as u32, oy as u32, image::Rgb(acc.map(|a| ((a + (1 << 23)) >> 24).min(255) as u8)));
        }
    }
    out
}

/// For each of `n` outputs over source `[start, start + len)`: the source indices
/// and weights (summing to 4096) of the pixels it covers.
fn taps(start: u32, len: u32, n: u32) -> Vec<Vec<(usize, u32)>> {
    let scale = len as f64 / n as f64;
    (0..n)
        .map(|o| {
            let (a, b) = (o as f64 * scale, (o + 1) as f64 * scale);
            let mut t: Vec<(usize, f64)> = Vec::new();
            let mut i = a.floor();
            while i < b {
                let cover = (b.min(i + 1.0) - a.max(i)).max(0.0);
                let idx = (start as f64 + i).min((start + len - 1) as f64) as usize;
                t.push((idx, cover / (b - a)));
                i += 1.0;
            }
            let mut w: Vec<(usize, u32)> = t.iter().map(|&(i, f)| (i, (f * 4096.0).round() as u32)).collect();
            let sum: u32 = w.iter().map(|x| x.1).sum();
            if let Some(last) = w.last_mut() {
                last.1 = (last.1 + 4096).saturating_sub(sum);
            }
            w
        })
        .collect()
}

/// Runs the model on every prepared region (two threads), maps the boxes back to
/// fractions of the frame and merges them.
pub fn infer(det: &Detector, inputs: &Inputs, min_score: f32) -> Result<Vec<Detection>> {
    let (w, h) = (inputs.width, inputs.height);
    let run = |(r, input): &(Region, RgbImage)| -> Result<Vec<Detection>> {
        let found = det.raw(input.as_raw(), min_score)?;
        Ok(found.into_iter().filter(|d| r.w == w || !at_cut_edge(d, r, w, h)).map(|d| to_frame(d, r, w, h)).collect())
    };
    let (left, right) = inputs.parts.split_at(inputs.parts.len().div_ceil(2));
    let (a, b) = std::thread::scope(|s| {
        let other = s.spawn(|| right.iter().map(run).collect::<Result<Vec<_>>>());
        let mine = left.iter().map(run).collect::<Result<Vec<_>>>();
        (mine, other.join())
    });
    let b = b.map_err(|_| crate::DetectError::Model("a detection thread failed".into()))?;
    let all: Vec<Detection> = a?.into_iter().chain(b?).flatten().collect();
    Ok(merge(all))
}

/// People in a full-resolution RGB frame, seen in the regions of detection `turn`.
pub fn detect_frame(det: &Detector, frame: &RgbImage, min_score: f32, turn: usize) -> Result<Vec<Detection>> {
    infer(det, &prepare(frame, &chosen(frame.width(), frame.height(), turn)), min_score)
}

/// People seen in the given regions of the frame, merged.
pub fn detect_regions(det: &Detector, frame: &RgbImage, min_score: f32, regions: &[Region]) -> Result<Vec<Detection>> {
    infer(det, &prepare(frame, regions), min_score)
}

/// A box touching a tile edge that is not a frame edge is a person cut in two; the
/// neighbouring tile or the whole frame sees them whole.
fn at_cut_edge(d: &Detection, r: &Region, w: u32, h: u32) -> bool {
    const M: f32 = 0.01;
    (d.x < M && r.x > 0)
        || (d.y < M && r.y > 0)
        || (d.x + d.w > 1.0 - M && r.x + r.w < w)
        || (d.y + d.h > 1.0 - M && r.y + r.h < h)
}

fn to_frame(d: Detection, r: &Region, w: u32, h: u32) -> Detection {
    let (fw, fh) = (w as f32, h as f32);
    Detection {
        x: (r.x as f32 + d.x * r.w as f32) / fw,
        y: (r.y as f32 + d.y * r.h as f32) / fh,
        w: d.w * r.w as f32 / fw,
        h: d.h * r.h as f32 / fh,
        score: d.score,
    }
}

/// NMS, then drop boxes mostly inside a better one (a part of a person seen by one
/// tile next to the whole person seen by another).
fn merge(all: Vec<Detection>) -> Vec<Detection> {
    let kept = nms(all, 0.45);
    let mut out: Vec<Detection> = Vec::new();
    for d in kept {
        if out.iter().all(|k| inside(&d, k) < 0.7) {
            out.push(d);
        }
    }
    out
}

/// The share of `a`'s area that lies inside `b`.
pub fn inside(a: &Detection, b: &Detection) -> f32 {
    let (x0, y0) = (a.x.max(b.x), a.y.max(b.y));
    let (x1, y1) = ((a.x + a.w).min(b.x + b.w), (a.y + a.h).min(b.y + b.h));
    let inter = (x1 - x0).max(0.0) * (y1 - y0).max(0.0);
    if a.w * a.h <= 0.0 { 0.0 } else { inter / (a.w * a.h) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiles_cover_the_frame_with_overlap() {
        for (w, h, n) in [(480, 360, 5), (768, 576, 5), (1280, 720, 9), (1920, 1080, 16)] {
            let r = regions(w, h);
            assert_eq!(r.len(), n, "{w}×{h}: {r:?}");
            for t in &r[1..] {
                assert!(t.w <= TILE + 1 && t.h <= TILE + 1 && t.x + t.w <= w && t.y + t.h <= h, "{t:?}");
            }
            let covered =
                |x: u32, y: u32| r[1..].iter().any(|t| x >= t.x && x < t.x + t.w && y >= t.y && y < t.y + t.h);
            assert!((0..w).step_by(7).all(|x| (0..h).step_by(7).all(|y| covered(x, y))));
        }
    }

    #[test]
    fn a_soft_picture_has_every_tile_seen_every_time_a_larger_one_a_quarter() {
        assert_eq!(chosen(480, 360, 3), regions(480, 360));
        let big = regions(768, 576);
        assert_eq!(chosen(768, 576, 1), vec![big[0], big[2]]);
    }

    #[test]
    fn shrinking_averages_areas() {
        let src = RgbImage::from_fn(90, 60, |x, y| {
            if (x / 3 + y / 3) % 2 == 0 { image::Rgb([255, 0, 90]) } else { image::Rgb([0, 255, 90]) }
        });
        let whole = shrink(&src, &Region { x: 0, y: 0, w: 90, h: 60 }, (10, 10));
        assert!(whole.pixels().all(|p| p.0.iter().zip([127, 127, 90]).all(|(a, b)| a.abs_diff(b) <= 2)), "{whole:?}");
        let part = shrink(&src, &Region { x: 30, y: 30, w: 3, h: 3 }, (6, 6));
        assert!(part.pixels().all(|p| p.0 == [255, 0, 90]), "a 3×3 block scaled up stays its colour");
    }

    #[test]
    fn a_part_inside_a_whole_is_merged_away() {
        let whole = Detection { x: 0.1, y: 0.1, w: 0.1, h: 0.3, score: 0.9 };
        let part = Detection { x: 0.1, y: 0.1, w: 0.1, h: 0.12, score: 0.6 };
        let other = Detection { x: 0.5, y: 0.1, w: 0.1, h: 0.3, score: 0.5 };
        assert_eq!(merge(vec![part, whole, other]), vec![whole, other]);
    }
}
