//! `bevis detect`: "find people" from the command line, through a review session.
//!
//! Reads a plan, proposes one track per person found in the chosen range of one
//! of its recordings, and writes the plan back out with those tracks added
//! (earlier proposals for that recording are replaced, hand-drawn tracks kept).

use crate::Login;
use crate::cli_footage::load_plan;
use anyhow::{Context, Result, bail};
use bevis::redact::EditPlan;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Args)]
pub struct DetectArgs {
    /// Review session id.
    #[arg(long)]
    session: i64,
    #[arg(long)]
    plan: PathBuf,
    #[arg(long)]
    out: PathBuf,
    /// Plan source id to search (default: the first source).
    #[arg(long)]
    source: Option<String>,
    /// Seconds into the recording; default: the plan's clips of that source.
    #[arg(long)]
    from: Option<f64>,
    #[arg(long)]
    to: Option<f64>,
}

/// The range to search: as given, else from the first clip's in to the last clip's out.
fn range(plan: &EditPlan, source: &str, a: &DetectArgs) -> Result<(f64, f64)> {
    let clips: Vec<_> = plan.clips.iter().filter(|c| c.source == source).collect();
    let from = a.from.or_else(|| clips.iter().map(|c| c.in_s).reduce(f64::min));
    let to = a.to.or_else(|| clips.iter().map(|c| c.out_s).reduce(f64::max));
    match (from, to) {
        (Some(f), Some(t)) if f.is_finite() && t.is_finite() && f >= 0.0 && t > f => Ok((f, t)),
        (Some(_), Some(_)) => bail!("--from and --to must be seconds with --to after --from"),
        _ => bail!("the plan has no clip of {source}: give --from and --to"),
    }
}

pub fn detect(login: &Login, a: DetectArgs) -> Result<()> {
    let mut plan = load_plan(&a.plan)?;
    let source =
        a.source.clone().or_else(|| plan.sources.first().map(|s| s.id.clone())).context("the plan has no source")?;
    let span = range(&plan, &source, &a)?;
    let mut desk = login.desk()?;
    let s = desk.authorize_plan(a.session, &mut plan)?;
    let path = plan.source(&source).with_context(|| format!("the plan has no source {source}"))?.path.clone();
    let index =
        s.sources.iter().position(|x| std::path::Path::new(&x.path) == path).context("source not in the session")?;
    let started = Instant::now();
    let run = desk.find_people(a.session, index, &source, span, &mut |p| {
        let done = p.done_s / p.total_s.max(1e-9);
        let eta = started.elapsed().as_secs_f64() * (1.0 - done) / done.max(1e-3);
        eprint!("\r{:>3.0} %  {} people followed, about {eta:.0} s left   ", done * 100.0, p.tracks);
        true
    })?;
    let found = run.proposals;
    eprintln!("\r{} tracks proposed in {:.1} s{:30}", found.len(), started.elapsed().as_secs_f64(), "");
    if run.camera_moves {
        eprintln!(
            "warning: much of the picture kept changing (a moving camera, changing light, a dense crowd): these proposals may miss people"
        );
    }
    plan.tracks.retain(|t| !(t.source == source && t.id.starts_with("auto-")));
    let mut out = std::io::stdout().lock();
    for p in &found {
        let t = &p.track;
        let (from, to) = t.visible_range();
        writeln!(out, "{:<9} {:<12} {:>4.2}  {from:>7.1}–{to:<7.1} s", t.id, t.label, t.confidence.unwrap_or(0.0))?;
    }
    plan.tracks.extend(found.into_iter().map(|p| p.track));
    std::fs::write(&a.out, plan.to_json()).with_context(|| format!("cannot write {}", a.out.display()))
}

#[derive(Args)]
pub struct KeepArgs {
    #[arg(long)]
    plan: PathBuf,
    /// A track to keep visible (repeat for several); everything else is blurred.
    #[arg(long = "track", required = true)]
    tracks: Vec<String>,
    #[arg(long)]
    out: PathBuf,
}

/// `bevis keep`: switches a plan to keep-visible with the named tracks as the
/// subject (a data subject's own copy, or the suspect for the police).
pub fn keep(a: KeepArgs) -> Result<()> {
    let mut plan = load_plan(&a.plan)?;
    for id in &a.tracks {
        if !plan.tracks.iter().any(|t| &t.id == id) {
            bail!("the plan has no track {id}");
        }
    }
    plan.mode = bevis::redact::Mode::KeepVisible;
    for t in &mut plan.tracks {
        t.keep = a.tracks.contains(&t.id);
    }
    std::fs::write(&a.out, plan.to_json()).with_context(|| format!("cannot write {}", a.out.display()))
}
