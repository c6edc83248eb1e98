//! Redaction kernels on one plane of a YUV frame.
//!
//! A [`Plane`] is a view into frame memory with a row stride and a sample step, so
//! the same code serves I420 (step 1) and NV12's interleaved chroma (step 2).
//!
//! The blur is deliberately *not* a pure linear blur: a Gaussian-like blur can be
//! partly undone by deconvolution, so the region is first averaged in blocks (a
//! many-to-one step that destroys detail for good) and then smoothed by three box
//! passes made of running sums, which cost the same whatever the radius.

use crate::plan::{Rect, Shape};

/// One plane of frame memory.
pub struct Plane<'a> {
    pub data: &'a mut [u8],
    pub offset: usize,
    pub stride: usize,
    pub step: usize,
    pub width: usize,
    pub height: usize,
}

/// What to do to a region.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    /// Block-average with `block`, then three box passes of `radius`.
    Blur {
        radius: usize,
        block: usize,
    },
    Pixelate {
        block: usize,
    },
    Fill(u8),
}

impl Plane<'_> {
    fn idx(&self, x: usize, y: usize) -> usize {
        self.offset + y * self.stride + x * self.step
    }

    /// Copies a region out into a packed buffer.
    pub fn read(&self, r: &Rect) -> Vec<u8> {
        let (x0, y0, w, h) = (r.x as usize, r.y as usize, r.w as usize, r.h as usize);
        let mut out = Vec::with_capacity(w * h);
        for y in y0..y0 + h {
            let start = self.idx(x0, y);
            if self.step == 1 {
                out.extend_from_slice(&self.data[start..start + w]);
            } else {
                out.extend((0..w).map(|i| self.data[start + i * self.step]));
            }
        }
        out
    }

    /// Writes a packed buffer back where `inside(x, y)` holds (region coordinates).
    pub fn write_masked(&mut self, r: &Rect, buf: &[u8], inside: impl Fn(usize, usize) -> bool) {
        let (x0, y0, w) = (r.x as usize, r.y as usize, r.w as usize);
        for (ry, row) in buf.chunks_exact(w).enumerate() {
            let start = self.idx(x0, y0 + ry);
            for (rx, &v) in row.iter().enumerate() {
                if inside(rx, ry) {
                    self.data[start + rx * self.step] = v;
                }
            }
        }
    }
}

/// Applies `op` to the part of `rect` inside the plane, shaped by `shape`.
pub fn apply(plane: &mut Plane<'_>, rect: &Rect, shape: Shape, op: Op) {
    let Some(r) = rect.clamp_to(plane.width as i64, plane.height as i64) else {
        return;
    };
    let mut buf = plane.read(&r);
    let (w, h) = (r.w as usize, r.h as usize);
    transform(&mut buf, w, h, op);
    let mask = shape_mask(rect, &r, shape);
    plane.write_masked(&r, &buf, mask);
}

/// Runs an op on a packed `w`×`h` buffer.
pub fn transform(buf: &mut [u8], w: usize, h: usize, op: Op) {
    match op {
        Op::Fill(v) => buf.fill(v),
        Op::Pixelate { block } => block_average(buf, w, h, block.max(1)),
        Op::Blur { radius, block } => blur_coarse(buf, w, h, radius, block.max(1)),
    }
}

/// Block means on a coarse grid, box-blurred there (three separable running-sum
/// passes), then interpolated bilinearly back to full size. The result is as
/// strong as a full-resolution blur of the same radius at a fraction of the cost
/// (a redaction must not slow an export down), and its first step, the block
/// means, is many-to-one: no deconvolution can bring the detail back.
fn blur_coarse(buf: &mut [u8], w: usize, h: usize, radius: usize, block: usize) {
    let (gw, gh) = (w.div_ceil(block), h.div_ceil(block));
    let mut grid = block_means(buf, w, h, block, gw);
    let r = (radius + block / 2) / block;
    for _ in 0..3 {
        box_rows(&mut grid, gw, gh, r.max(1));
        box_cols(&mut grid, gw, gh, r.max(1));
    }
    upsample(&grid, gw, gh, block, buf, w);
}

/// Mean of each `block`×`block` tile, as a `gw`-wide grid.
fn block_means(buf: &[u8], w: usize, h: usize, block: usize, gw: usize) -> Vec<u8> {
    let gh = h.div_ceil(block);
    let (mut sums, mut counts) = (vec![0u32; gw * gh], vec![0u32; gw * gh]);
    for (y, line) in buf.chunks_exact(w).take(h).enumerate() {
        let g = (y / block) * gw;
        for (i, cell) in line.chunks(block).enumerate() {
            sums[g + i] += cell.iter().map(|&v| v as u32).sum::<u32>();
            counts[g + i] += cell.len() as u32;
        }
    }
    sums.iter().zip(&counts).map(|(&s, &c)| ((s + c / 2) / c.max(1)) as u8).collect()
}

/// Per output coordinate: the two grid cells around it and the weight (0..=256) of the second.
fn taps(len: usize, block: usize, cells: usize) -> Vec<(usize, usize, u32)> {
    (0..len)
        .map(|i| {
            let f = ((i as f64 + 0.5) / block as f64 - 0.5).max(0.0);
            let a = (f as usize).min(cells - 1);
            (a, (a + 1).min(cells - 1), ((f - a as f64).clamp(0.0, 1.0) * 256.0).round() as u32)
        })
        .collect()
}

/// Bilinear interpolation of the grid over the whole `w`-wide buffer.
fn upsample(grid: &[u8], gw: usize, gh: usize, block: usize, buf: &mut [u8], w: usize) {
    let xs = taps(w, block, gw);
    let ys = taps(buf.len() / w, block, gh);
    let mut mix = vec![0u32; gw];
    for (line, &(y0, y1, wy)) in buf.chunks_exact_mut(w).zip(&ys) {
        let (r0, r1) = (&grid[y0 * gw..][..gw], &grid[y1 * gw..][..gw]);
        for ((m, &a), &b) in mix.iter_mut().zip(r0).zip(r1) {
            *m = a as u32 * (256 - wy) + b as u32 * wy;
        }
        for (out, &(x0, x1, wx)) in line.iter_mut().zip(&xs) {
            *out = ((mix[x0] * (256 - wx) + mix[x1] * wx + 32768) >> 16) as u8;
        }
    }
}

/// A predicate in clamped-region coordinates: inside the (unclamped) shape?
pub fn shape_mask(full: &Rect, clamped: &Rect, shape: Shape) -> impl Fn(usize, usize) -> bool {
    let (cx, cy) = (full.x as f64 + full.w as f64 / 2.0, full.y as f64 + full.h as f64 / 2.0);
    let (rx, ry) = (full.w as f64 / 2.0, full.h as f64 / 2.0);
    let (ox, oy) = (clamped.x as f64, clamped.y as f64);
    move |x, y| match shape {
        Shape::Rect => true,
        Shape::Ellipse => {
            let dx = (ox + x as f64 + 0.5 - cx) / rx;
            let dy = (oy + y as f64 + 0.5 - cy) / ry;
            dx * dx + dy * dy <= 1.0
        }
    }
}

/// Replaces each `block`×`block` tile by its mean.
pub fn block_average(buf: &mut [u8], w: usize, h: usize, block: usize) {
    if block <= 1 {
        return;
    }
    for by in (0..h).step_by(block) {
        for bx in (0..w).step_by(block) {
            let (bw, bh) = (block.min(w - bx), block.min(h - by));
            let rows = || (by..by + bh).map(|y| y * w + bx);
            let sum: u32 = rows().map(|s| buf[s..s + bw].iter().map(|&v| v as u32).sum::<u32>()).sum();
            let mean = ((sum + (bw * bh) as u32 / 2) / (bw * bh) as u32) as u8;
            rows().for_each(|s| buf[s..s + bw].fill(mean));
        }
    }
}

/// Rounded division by a fixed `n` as a multiply and a shift (exact for the
/// sums a box filter produces while `n` < 4096; integer division per pixel was
/// the filter's main cost).
#[derive(Clone, Copy)]
struct Recip {
    half: u64,
    inv: u64,
}

impl Recip {
    fn new(n: u32) -> Recip {
        debug_assert!(n < 4096);
        Recip { half: n as u64 / 2, inv: (1u64 << 32).div_ceil(n as u64) }
    }
    fn div(self, s: u32) -> u8 {
        (((s as u64 + self.half) * self.inv) >> 32) as u8
    }
}

/// Horizontal box filter with edge replication, O(w) per row for any radius.
fn box_rows(buf: &mut [u8], w: usize, h: usize, radius: usize) {
    let r = radius.min(w).min(2047);
    if r == 0 {
        return;
    }
    let n = 2 * r + 1;
    let div = Recip::new(n as u32);
    // The row with `r` replicated edge samples on each side (+1 for the last step).
    let mut pad = vec![0u8; w + n];
    for line in buf.chunks_exact_mut(w).take(h) {
        pad[..r].fill(line[0]);
        pad[r..r + w].copy_from_slice(line);
        pad[r + w..].fill(line[w - 1]);
        let mut sum: u32 = pad[..n].iter().map(|&v| v as u32).sum();
        for (x, out) in line.iter_mut().enumerate() {
            *out = div.div(sum);
            sum = sum + pad[x + n] as u32 - pad[x] as u32;
        }
    }
}

/// Vertical box filter: running sums per column, walking rows (cache friendly).
fn box_cols(buf: &mut [u8], w: usize, h: usize, radius: usize) {
    let r = radius.min(h).min(2047);
    if r == 0 {
        return;
    }
    let div = Recip::new((2 * r + 1) as u32);
    let src = buf.to_vec();
    let row = |i: isize| &src[i.clamp(0, h as isize - 1) as usize * w..][..w];
    let mut sums = vec![0u32; w];
    for i in -(r as isize)..=r as isize {
        sums.iter_mut().zip(row(i)).for_each(|(s, &v)| *s += v as u32);
    }
    for y in 0..h {
        let out = &mut buf[y * w..(y + 1) * w];
        out.iter_mut().zip(&sums).for_each(|(o, &s)| *o = div.div(s));
        let (add, sub) = (row(y as isize + r as isize + 1), row(y as isize - r as isize));
        for ((s, &a), &b) in sums.iter_mut().zip(add).zip(sub) {
            *s = *s + a as u32 - b as u32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checker(w: usize, h: usize) -> Vec<u8> {
        (0..w * h).map(|i| if ((i % w) / 2 + (i / w) / 2).is_multiple_of(2) { 230 } else { 20 }).collect()
    }

    fn laplacian_var(buf: &[u8], w: usize, h: usize) -> f64 {
        let px = |x: usize, y: usize| buf[y * w + x] as f64;
        let vals: Vec<f64> = (1..h - 1)
            .flat_map(|y| (1..w - 1).map(move |x| (x, y)))
            .map(|(x, y)| 4.0 * px(x, y) - px(x - 1, y) - px(x + 1, y) - px(x, y - 1) - px(x, y + 1))
            .collect();
        let mean = vals.iter().sum::<f64>() / vals.len() as f64;
        vals.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / vals.len() as f64
    }

    #[test]
    fn blur_removes_detail_and_keeps_mean() {
        let (w, h) = (64, 48);
        let mut buf = checker(w, h);
        let before = laplacian_var(&buf, w, h);
        let mean_before = buf.iter().map(|&v| v as f64).sum::<f64>() / buf.len() as f64;
        transform(&mut buf, w, h, Op::Blur { radius: 8, block: 4 });
        let after = laplacian_var(&buf, w, h);
        let mean_after = buf.iter().map(|&v| v as f64).sum::<f64>() / buf.len() as f64;
        assert!(after < before * 0.01, "{before} -> {after}");
        assert!((mean_before - mean_after).abs() < 3.0);
    }

    #[test]
    fn reciprocal_division_is_exact() {
        for n in (3..4096).step_by(2) {
            let d = Recip::new(n);
            for s in (0..=255 * n).step_by(1 + n as usize / 7) {
                assert_eq!(d.div(s), ((s + n / 2) / n) as u8, "{s}/{n}");
            }
        }
    }

    #[test]
    fn box_filter_matches_naive_sum() {
        let (w, h) = (9, 1);
        let mut buf: Vec<u8> = vec![0, 0, 0, 0, 90, 0, 0, 0, 0];
        box_rows(&mut buf, w, h, 1);
        assert_eq!(buf, vec![0, 0, 0, 30, 30, 30, 0, 0, 0]);
    }

    #[test]
    fn only_the_region_changes_and_ellipse_spares_corners() {
        let (w, h) = (40, 40);
        let mut data = checker(w, h);
        let orig = data.clone();
        let mut plane = Plane { data: &mut data, offset: 0, stride: w, step: 1, width: w, height: h };
        let rect = Rect { x: 10, y: 10, w: 20, h: 20 };
        apply(&mut plane, &rect, Shape::Ellipse, Op::Fill(16));
        assert_eq!(data[20 * w + 20], 16, "centre filled");
        assert_eq!(data[10 * w + 10], orig[10 * w + 10], "ellipse corner untouched");
        assert_eq!(data[5 * w + 5], orig[5 * w + 5], "outside untouched");
    }

    #[test]
    fn interleaved_plane_touches_only_its_own_samples() {
        let (w, h) = (8, 4);
        let mut data = vec![7u8; w * 2 * h];
        let mut plane = Plane { data: &mut data, offset: 1, stride: w * 2, step: 2, width: w, height: h };
        apply(&mut plane, &Rect { x: 0, y: 0, w: 8, h: 4 }, Shape::Rect, Op::Fill(200));
        assert!(data.iter().step_by(2).all(|&v| v == 7));
        assert!(data.iter().skip(1).step_by(2).all(|&v| v == 200));
    }

    #[test]
    fn rect_partly_outside_is_clamped() {
        let (w, h) = (10, 10);
        let mut data = vec![100u8; w * h];
        let mut plane = Plane { data: &mut data, offset: 0, stride: w, step: 1, width: w, height: h };
        apply(&mut plane, &Rect { x: -5, y: 8, w: 8, h: 30 }, Shape::Rect, Op::Fill(0));
        assert_eq!(data.iter().filter(|&&v| v == 0).count(), 3 * 2);
    }
}
