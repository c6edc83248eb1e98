//! The fixed camera's background as a second signal.
//!
//! A CCTV camera does not move, so what differs from the learned background is
//! something that moved in: usually a person, sometimes a bag, a shadow or a car.
//! Regions that move but that the person detector did not explain become low
//! confidence proposals — a half-hidden person the detector cannot name still
//! gets blurred unless the intendent rejects it.
//!
//! The background is the per-cell median of the last few pictures on a grid of
//! about 160 cells across (mean grey and texture per cell): people walking
//! through do not burn into it, people in the first picture do not leave a ghost
//! for long, lighting drift is followed.

use crate::Detection;
use image::RgbImage;

/// Grey-level difference that counts as foreground.
const THRESHOLD: i16 = 28;
/// Change in a cell's detail (texture) that counts as foreground.
const DETAIL_THRESHOLD: i16 = 24;
/// How many past pictures the background is the median of.
const HISTORY: usize = 9;
/// Pictures needed before foreground is trusted.
const WARM_UP: usize = 3;

pub struct Background {
    cell: u32,
    cols: usize,
    rows: usize,
    history: std::collections::VecDeque<Vec<i16>>,
    /// The share of the picture that differed from the background at the last update.
    changed: f32,
}

impl Background {
    pub fn new(width: u32, height: u32) -> Background {
        let cell = (width / 160).max(1);
        let (cols, rows) = ((width / cell) as usize, (height / cell) as usize);
        Background { cell, cols, rows, history: Default::default(), changed: 0.0 }
    }

    /// Learns from `frame` without looking for movement (priming the background
    /// with pictures from across the searched range, so that there is no warm-up
    /// and people present from the first frame are not part of it).
    pub fn learn(&mut self, frame: &RgbImage) {
        let grey = self.grey(frame);
        self.remember(grey);
    }

    fn remember(&mut self, grey: Vec<i16>) {
        if self.history.len() == HISTORY {
            self.history.pop_front();
        }
        self.history.push_back(grey);
    }

    /// Compares `frame` with the background and learns from it; returns the
    /// moving regions (fractions of the frame).
    pub fn update(&mut self, frame: &RgbImage) -> Vec<Detection> {
        let grey = self.grey(frame);
        if self.history.len() < WARM_UP {
            self.remember(grey);
            return Vec::new();
        }
        let bg = self.median();
        let mask: Vec<bool> = grey
            .chunks(2)
            .zip(bg.chunks(2))
            .map(|(g, b)| (g[0] - b[0]).abs() > THRESHOLD || (g[1] - b[1]).abs() > DETAIL_THRESHOLD)
            .collect();
        self.changed = mask.iter().filter(|&&m| m).count() as f32 / mask.len().max(1) as f32;
        self.remember(grey);
        let min_cells = (self.cols * self.rows / 1500).max(6);
        blobs(&dilate(&mask, self.cols, self.rows), self.cols, self.rows)
            .into_iter()
            .filter(|b| b.cells >= min_cells)
            .map(|b| b.detection(self.cols, self.rows))
            .filter(|d| person_like(d, self.cols as f32 / self.rows as f32))
            .collect()
    }

    /// The share of the picture that differed from the background at the last
    /// update: a few per cent where people walk past a fixed camera, most of it
    /// when the camera itself moves (pans, or rides on a vehicle).
    pub fn changed(&self) -> f32 {
        self.changed
    }

    /// The per-cell median of the pictures kept.
    fn median(&self) -> Vec<i16> {
        let mut column = Vec::with_capacity(HISTORY);
        (0..2 * self.cols * self.rows)
            .map(|i| {
                column.clear();
                column.extend(self.history.iter().map(|g| g[i]));
                let mid = column.len() / 2;
                *column.select_nth_unstable(mid).1
            })
            .collect()
    }

    /// Two numbers per cell: mean grey, and detail (mean difference to the right
    /// and lower neighbour) — a checked shirt or a face can have the mean of the
    /// wall behind it, never its texture.
    fn grey(&self, frame: &RgbImage) -> Vec<i16> {
        let (w, h) = frame.dimensions();
        let g: Vec<i16> =
            frame.pixels().map(|p| ((p[0] as u32 * 77 + p[1] as u32 * 150 + p[2] as u32 * 29) >> 8) as i16).collect();
        let at = |x: u32, y: u32| g[(y.min(h - 1) * w + x.min(w - 1)) as usize];
        let mut out = Vec::with_capacity(2 * self.cols * self.rows);
        let (c, n) = (self.cell, (self.cell * self.cell) as i32);
        for r in 0..self.rows as u32 {
            for q in 0..self.cols as u32 {
                let (mut sum, mut detail) = (0i32, 0i32);
                for y in r * c..(r + 1) * c {
                    for x in q * c..(q + 1) * c {
                        let v = at(x, y);
                        sum += v as i32;
                        detail += ((v - at(x + 1, y)).abs() + (v - at(x, y + 1)).abs()) as i32;
                    }
                }
                out.push((sum / n) as i16);
                out.push((detail / n) as i16);
            }
        }
        out
    }
}

/// Standing or walking people (alone or in groups) are at least about as tall as
/// wide and not tiny; flapping tape, wet-road glints and shadows on the ground
/// are flat strips or specks.
fn person_like(d: &Detection, aspect: f32) -> bool {
    d.h >= 0.04 && d.h >= 0.6 * d.w * aspect
}

fn dilate(mask: &[bool], cols: usize, rows: usize) -> Vec<bool> {
    let mut out = vec![false; mask.len()];
    for r in 0..rows {
        for c in 0..cols {
            let near = |dr: isize, dc: isize| {
                let (rr, cc) = (r as isize + dr, c as isize + dc);
                rr >= 0
                    && cc >= 0
                    && (rr as usize) < rows
                    && (cc as usize) < cols
                    && mask[rr as usize * cols + cc as usize]
            };
            out[r * cols + c] = (-1..=1).any(|dr| (-1..=1).any(|dc| near(dr, dc)));
        }
    }
    out
}

struct Blob {
    cells: usize,
    x0: usize,
    y0: usize,
    x1: usize,
    y1: usize,
}

impl Blob {
    fn detection(&self, cols: usize, rows: usize) -> Detection {
        let fill = self.cells as f32 / ((self.x1 - self.x0 + 1) * (self.y1 - self.y0 + 1)) as f32;
        Detection {
            x: self.x0 as f32 / cols as f32,
            y: self.y0 as f32 / rows as f32,
            w: (self.x1 - self.x0 + 1) as f32 / cols as f32,
            h: (self.y1 - self.y0 + 1) as f32 / rows as f32,
            score: 0.3 + 0.2 * fill.min(1.0),
        }
    }
}

/// Connected regions (4-neighbours) of the mask, by flood fill.
fn blobs(mask: &[bool], cols: usize, rows: usize) -> Vec<Blob> {
    let mut seen = vec![false; mask.len()];
    let mut out = Vec::new();
    for start in 0..mask.len() {
        if !mask[start] || seen[start] {
            continue;
        }
        let (sx, sy) = (start % cols, start / cols);
        let mut b = Blob { cells: 0, x0: sx, y0: sy, x1: sx, y1: sy };
        let mut stack = vec![start];
        seen[start] = true;
        while let Some(i) = stack.pop() {
            let (x, y) = (i % cols, i / cols);
            b.cells += 1;
            (b.x0, b.x1, b.y0, b.y1) = (b.x0.min(x), b.x1.max(x), b.y0.min(y), b.y1.max(y));
            let next = [
                (x > 0).then(|| i - 1),
                (x + 1 < cols).then(|| i + 1),
                (y > 0).then(|| i - cols),
                (y + 1 < rows).then(|| i + cols),
            ];
            for n in next.into_iter().flatten() {
                if mask[n] && !seen[n] {
                    seen[n] = true;
                    stack.push(n);
                }
            }
        }
        out.push(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_square_moving_over_a_still_background_is_found_where_it_is() {
        let mut bg = Background::new(320, 240);
        let mut last = Vec::new();
        for step in 0..6u32 {
            let x0 = 40 + step * 20;
            let frame = RgbImage::from_fn(320, 240, |x, y| {
                let inside = (x0..x0 + 40).contains(&x) && (100..180).contains(&y);
                if inside { image::Rgb([220, 200, 180]) } else { image::Rgb([60, 70, 80]) }
            });
            last = bg.update(&frame);
        }
        assert_eq!(last.len(), 1, "{last:?}");
        let d = last[0];
        let (x, y, w, h) = (d.x * 320.0, d.y * 240.0, d.w * 320.0, d.h * 240.0);
        assert!((x - 140.0).abs() < 6.0 && (y - 100.0).abs() < 6.0, "{x} {y}");
        assert!((w - 40.0).abs() < 10.0 && (h - 80.0).abs() < 10.0, "{w} {h}");
    }
}
