//! P2 on real CCTV footage: frame stepping in `vtest.avi`, whose keyframes are 25 s
//! apart — the case where every naive seek decodes up to 250 frames. Steps back
//! from late in a GOP (the worst place) and 1 s jumps ahead, each frame ready as
//! RGBA; beside ffmpeg fetching the same frames one process per frame.

use crate::Row;
use crate::measure::{run, strings};
use anyhow::Result;
use bevis::media::compose::Composer;
use bevis::media::preview::Previewer;
use bevis::media::probe;
use std::path::Path;
use std::time::Instant;

const VTEST: &str = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Milliseconds per call of `f`, `n` times, each frame converted to RGBA.
fn timed(pv: &mut Previewer, n: usize, mut f: impl FnMut(&mut Previewer) -> Result<()>) -> Result<Vec<f64>> {
    (0..n)
        .map(|_| {
            let start = Instant::now();
            f(pv)?;
            Ok(start.elapsed().as_secs_f64() * 1000.0)
        })
        .collect()
}

pub fn p2_stepping(_footage: &Path) -> Result<Vec<Row>> {
    let info = probe(Path::new(VTEST))?;
    let mut pv = Previewer::new(info.clone(), Composer::plain(&info));
    pv.frame_at(24.5)?;
    let back = timed(&mut pv, 60, |pv| Ok(pv.prev_frame()?.image.to_rgba(768, 576).map(drop)?))?;
    let mut t = 50.0;
    let ahead = timed(&mut pv, 20, |pv| {
        t += 1.0;
        Ok(pv.frame_at(t)?.image.to_rgba(768, 576).map(drop)?)
    })?;
    let mut ff = Vec::new();
    for k in 0..8 {
        let at = format!("{:.1}", 24.4 - k as f64 * 0.1);
        let args = strings(&["-v", "error", "-ss", &at, "-i", VTEST, "-frames:v", "1", "-f", "null", "-"]);
        ff.push(run("ffmpeg", &args)?.wall * 1000.0);
    }
    let (b, a, f) = (back.iter().sum::<f64>() / back.len() as f64, median(ahead), median(ff));
    Ok(vec![Row {
        id: "P2",
        what: "frame stepping in vtest.avi (real CCTV, MPEG-4, keyframes 25 s apart): 60 steps back from 24.5 s, then 20 jumps of 1 s ahead; each frame ready as RGBA".into(),
        ours: format!("step back **{b:.0} ms** on average (max {:.0}), 1 s ahead median **{a:.0} ms**", back.iter().copied().fold(0.0, f64::max)),
        reference: format!("ffmpeg -ss per frame (new process): median {f:.0} ms"),
        ratio: format!("{:.0}× / {:.0}× faster", f / b, f / a),
        target: "stepping feels immediate (≤ 80 ms)",
    }])
}
