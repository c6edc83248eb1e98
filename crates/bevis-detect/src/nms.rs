//! Greedy non-maximum suppression: keep the best box, drop those overlapping it.

use crate::Detection;

/// Intersection over union of two boxes.
pub fn iou(a: &Detection, b: &Detection) -> f32 {
    let (x0, y0) = (a.x.max(b.x), a.y.max(b.y));
    let (x1, y1) = ((a.x + a.w).min(b.x + b.w), (a.y + a.h).min(b.y + b.h));
    let inter = (x1 - x0).max(0.0) * (y1 - y0).max(0.0);
    let union = a.w * a.h + b.w * b.h - inter;
    if union <= 0.0 { 0.0 } else { inter / union }
}

/// The detections that survive, best first.
pub fn nms(mut dets: Vec<Detection>, max_iou: f32) -> Vec<Detection> {
    dets.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut kept: Vec<Detection> = Vec::new();
    for d in dets {
        if kept.iter().all(|k| iou(k, &d) <= max_iou) {
            kept.push(d);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(x: f32, score: f32) -> Detection {
        Detection { x, y: 0.0, w: 1.0, h: 1.0, score }
    }

    #[test]
    fn overlapping_boxes_collapse_to_the_best() {
        assert_eq!(iou(&d(0.0, 1.0), &d(0.0, 1.0)), 1.0);
        assert!((iou(&d(0.0, 1.0), &d(0.5, 1.0)) - 1.0 / 3.0).abs() < 1e-6);
        assert_eq!(iou(&d(0.0, 1.0), &d(2.0, 1.0)), 0.0);
        let kept = nms(vec![d(0.0, 0.6), d(0.1, 0.9), d(3.0, 0.5)], 0.5);
        assert_eq!(kept.iter().map(|k| k.score).collect::<Vec<_>>(), vec![0.9, 0.5]);
    }
}
