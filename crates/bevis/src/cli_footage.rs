//! Footage commands. `probe` and `activity` show no picture and need no login;
//! `frame`, `thumbs` and `render` show footage and go through a review session.

use crate::Login;
use anyhow::{Context, Result, bail};
use bevis::media::{self, overview, render};
use bevis::redact::EditPlan;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct ProbeArgs {
    path: PathBuf,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct FrameArgs {
    /// Review session id.
    #[arg(long)]
    session: i64,
    /// Which recording of the session (1 = first).
    #[arg(long, default_value_t = 1)]
    source: usize,
    /// Seconds from the start of the recording.
    #[arg(long)]
    at: f64,
    #[arg(long)]
    out: PathBuf,
    #[arg(long)]
    plan: Option<PathBuf>,
    /// Scale to this width in pixels.
    #[arg(long)]
    width: Option<u32>,
}

#[derive(Args)]
pub struct ThumbsArgs {
    #[arg(long)]
    session: i64,
    #[arg(long, default_value_t = 1)]
    source: usize,
    #[arg(long, default_value_t = 10.0)]
    every: f64,
    #[arg(long)]
    out: PathBuf,
    #[arg(long, default_value_t = 160)]
    width: u32,
}

#[derive(Args)]
pub struct RenderArgs {
    #[arg(long)]
    session: i64,
    #[arg(long)]
    plan: PathBuf,
    #[arg(long)]
    out: PathBuf,
    /// Which clip of the plan (1 = first).
    #[arg(long, default_value_t = 1)]
    clip: usize,
}

pub fn load_plan(path: &Path) -> Result<EditPlan> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read the plan {}", path.display()))?;
    EditPlan::from_json(&text).with_context(|| format!("plan {}", path.display()))
}

fn index(source: usize) -> Result<usize> {
    source.checked_sub(1).context("--source counts from 1")
}

pub fn probe(a: ProbeArgs) -> Result<()> {
    let info = media::probe(&a.path)?;
    if a.json {
        return crate::print_json(&info);
    }
    let mut out = std::io::stdout().lock();
    let start = info.start.map_or("unknown".into(), |s| format!("{} (from {:?})", s.at, s.from));
    writeln!(out, "{}", info.path.display())?;
    writeln!(out, "  container  {}\n  codec      {}", info.container, info.codec)?;
    writeln!(out, "  size       {}×{}\n  rate       {}/{} fps", info.width, info.height, info.rate.num, info.rate.den)?;
    let frames = info.frames.map_or("?".into(), |f| f.to_string());
    writeln!(out, "  duration   {:.3} s ({frames} frames)", info.duration)?;
    writeln!(out, "  audio      {}\n  start      {start}", if info.audio { "yes" } else { "no" })?;
    writeln!(out, "  segments   {}", info.segments.len())?;
    for g in &info.gaps {
        writeln!(out, "  GAP        {:.1} s missing after segment {} (at {:.3} s)", g.seconds, g.after + 1, g.at)?;
    }
    Ok(())
}

pub fn frame(login: &Login, a: FrameArgs) -> Result<()> {
    let plan = a.plan.as_deref().map(load_plan).transpose()?;
    let mut desk = login.desk()?;
    let png = desk.frame_png(a.session, index(a.source)?, a.at, a.width, plan.as_ref())?;
    std::fs::write(&a.out, png).with_context(|| format!("cannot write {}", a.out.display()))
}

pub fn thumbs(login: &Login, a: ThumbsArgs) -> Result<()> {
    if !(a.every.is_finite() && a.every > 0.0) {
        bail!("--every must be a positive number of seconds");
    }
    let mut desk = login.desk()?;
    let thumbs = desk.thumbnails(a.session, index(a.source)?, a.every, a.width)?;
    std::fs::create_dir_all(&a.out).with_context(|| format!("cannot create {}", a.out.display()))?;
    for (t, png) in &thumbs {
        let name = a.out.join(format!("thumb-{t:08.2}.png"));
        std::fs::write(&name, png).with_context(|| format!("cannot write {}", name.display()))?;
    }
    eprintln!("{} thumbnails of the session's window written to {}", thumbs.len(), a.out.display());
    Ok(())
}

pub fn activity(a: ProbeArgs) -> Result<()> {
    let act = overview::activity(&media::probe(&a.path)?)?;
    if a.json {
        println!("{}", serde_json::to_string(&act)?);
        return Ok(());
    }
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let mut out = std::io::stdout().lock();
    for (minute, chunk) in act.per_second.chunks(60).enumerate() {
        let line: String = chunk.iter().map(|v| BARS[((v * 7.0).round() as usize).min(7)]).collect();
        writeln!(out, "{minute:>4}m {line}")?;
    }
    Ok(())
}

pub fn render(login: &Login, a: RenderArgs) -> Result<()> {
    let mut plan = load_plan(&a.plan)?;
    if a.clip == 0 {
        bail!("--clip counts from 1");
    }
    let mut desk = login.desk()?;
    desk.authorize_plan(a.session, &mut plan)?;
    let job = render::ClipJob::new(&plan, a.clip - 1)?;
    eprintln!(
        "bevis: WARNING: {} will be an UNENCRYPTED video. Use it for testing only; evidence leaves Bevis as an encrypted package.",
        a.out.display()
    );
    let file = std::fs::File::create(&a.out).with_context(|| format!("cannot create {}", a.out.display()))?;
    let mut writer = std::io::BufWriter::new(file);
    let report = match render::render_job(&job, &mut writer, &Default::default(), |_| true) {
        Ok(r) => r,
        Err(e) => {
            drop(writer);
            let _ = std::fs::remove_file(&a.out);
            return Err(e.into());
        }
    };
    writer.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    let (w, h) = (report.width, report.height);
    eprintln!("{} frames, {w}×{h}, {} bytes → {}", report.frames, report.bytes, a.out.display());
    Ok(())
}
