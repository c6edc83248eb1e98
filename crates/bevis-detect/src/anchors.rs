//! The 1917 anchor boxes of an SSD 300×300 with six feature maps, generated the way
//! the TensorFlow Object Detection API's `create_ssd_anchors` does (the graph's own
//! anchor generator uses dynamic shapes tract cannot analyse, so it is cut away).
//!
//! Order matches the box predictor's output: feature map by feature map, then row,
//! column, and box spec fastest.

/// An anchor: centre and size, in fractions of the image.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchor {
    pub cy: f32,
    pub cx: f32,
    pub h: f32,
    pub w: f32,
}

const GRIDS: [usize; 6] = [19, 10, 5, 3, 2, 1];
const MIN_SCALE: f32 = 0.2;
const MAX_SCALE: f32 = 0.95;
const RATIOS: [f32; 5] = [1.0, 2.0, 0.5, 3.0, 1.0 / 3.0];

/// `(scale, aspect ratio)` of each box at one feature map.
fn box_specs(layer: usize) -> Vec<(f32, f32)> {
    let scale = |i: usize| if i >= GRIDS.len() { 1.0 } else { MIN_SCALE + (MAX_SCALE - MIN_SCALE) * i as f32 / 5.0 };
    if layer == 0 {
        return vec![(0.1, 1.0), (scale(0), 2.0), (scale(0), 0.5)];
    }
    let mut specs: Vec<(f32, f32)> = RATIOS.iter().map(|r| (scale(layer), *r)).collect();
    specs.push(((scale(layer) * scale(layer + 1)).sqrt(), 1.0));
    specs
}

/// All anchors, in the order of the model's outputs.
pub fn ssd_anchors() -> Vec<Anchor> {
    let mut out = Vec::with_capacity(1917);
    for (layer, &n) in GRIDS.iter().enumerate() {
        let specs = box_specs(layer);
        let step = 1.0 / n as f32;
        for y in 0..n {
            for x in 0..n {
                for &(scale, ratio) in &specs {
                    let r = ratio.sqrt();
                    out.push(Anchor {
                        cy: (y as f32 + 0.5) * step,
                        cx: (x as f32 + 0.5) * step,
                        h: scale / r,
                        w: scale * r,
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_1917_anchors_in_predictor_order() {
        let a = ssd_anchors();
        assert_eq!(a.len(), 19 * 19 * 3 + (100 + 25 + 9 + 4 + 1) * 6);
        assert_eq!(a[0], Anchor { cy: 0.5 / 19.0, cx: 0.5 / 19.0, h: 0.1, w: 0.1 });
        assert!((a[1].w / a[1].h - 2.0).abs() < 1e-5, "second spec of the lowest layer is 2:1");
        let last = a[a.len() - 1];
        assert_eq!((last.cy, last.cx), (0.5, 0.5));
        assert!((last.h - (0.95f32).sqrt()).abs() < 1e-5, "interpolated scale sqrt(0.95 × 1.0)");
    }
}
