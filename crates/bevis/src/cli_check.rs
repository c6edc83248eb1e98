//! `bevis check`: the leak check from the command line (the checks outside the
//! test suite use exactly this). Exit 0: nobody the plan would leave unmasked;
//! exit 3: the findings are listed. `--mask ID` / `--involved ID=LABEL` /
//! `--mask-all` resolve findings and write the plan back (the check is then
//! recorded for the resolved plan, which is what `bevis export` asks for).

use crate::cli_footage::load_plan;
use crate::{Login, print_json};
use anyhow::{Context, Result};
use bevis::desk::Resolution;
use clap::Args;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Args)]
pub struct CheckArgs {
    #[arg(long)]
    session: i64,
    #[arg(long)]
    plan: PathBuf,
    #[arg(long)]
    json: bool,
    /// Hide a finding with a blur track made from the detection (repeatable).
    #[arg(long)]
    mask: Vec<String>,
    /// Hide every finding.
    #[arg(long)]
    mask_all: bool,
    /// A finding is part of the incident and stays visible: ID=LABEL (repeatable).
    #[arg(long)]
    involved: Vec<String>,
}

fn resolutions(a: &CheckArgs) -> Result<Vec<Resolution>> {
    let mut out: Vec<Resolution> = a.mask.iter().map(|f| Resolution::Mask { finding: f.clone() }).collect();
    for i in &a.involved {
        let (finding, label) = i.split_once('=').context("--involved takes ID=LABEL")?;
        out.push(Resolution::Involved { finding: finding.into(), label: label.into() });
    }
    Ok(out)
}

/// Returns whether anything is left unresolved (the caller exits with 3).
pub fn check(login: &Login, a: CheckArgs) -> Result<bool> {
    let plan = load_plan(&a.plan)?;
    let mut desk = login.desk()?;
    let started = Instant::now();
    let mut progress = |p: bevis::detect::Progress| {
        let done = p.done_s / p.total_s.max(1e-9);
        let eta = started.elapsed().as_secs_f64() * (1.0 - done) / done.max(1e-3);
        eprint!("\rchecking: {:.0} %, about {eta:.0} s left   ", done * 100.0);
        true
    };
    let mut report = desk.leak_check(a.session, plan.clone(), &resolutions(&a)?, &mut progress)?;
    if a.mask_all && !report.findings.is_empty() {
        let all: Vec<Resolution> = report.findings.iter().map(|f| Resolution::Mask { finding: f.id.clone() }).collect();
        report = desk.leak_check(a.session, report.plan.clone(), &all, &mut progress)?;
    }
    eprintln!();
    if a.mask_all || !a.mask.is_empty() || !a.involved.is_empty() {
        std::fs::write(&a.plan, report.plan.to_json()).with_context(|| format!("cannot write {}", a.plan.display()))?;
        eprintln!("resolutions written to {}", a.plan.display());
    }
    tell(&report, a.json)?;
    Ok(!report.findings.is_empty())
}

/// The findings on standard output (a JSON array with `--json`, else a line
/// each), what to do about them and any source the check cannot be relied on
/// for on standard error.
fn tell(report: &bevis::desk::LeakReport, json: bool) -> Result<()> {
    if json {
        print_json(&report.findings)?;
    } else if report.findings.is_empty() {
        println!("nobody the plan would leave unmasked");
    }
    for f in &report.findings {
        let r = f.rect;
        let what = format!(
            "{:?} {} {:.2}–{:.2} s ({} frames) at {}×{}+{}+{}",
            f.kind, f.source, f.from, f.to, f.frames, r.w, r.h, r.x, r.y
        );
        if !json {
            println!("{}  {what}", f.id);
        }
    }
    if !report.findings.is_empty() && !json {
        eprintln!(
            "{} person(s) would be exported unmasked: mask them (--mask ID, --mask-all) or name them involved (--involved ID=LABEL)",
            report.findings.len()
        );
    }
    if !report.unsteady.is_empty() {
        eprintln!(
            "warning: much of the picture kept changing on {} (a moving camera, changing light, a dense crowd): the check may miss people there — watch the export before it leaves",
            report.unsteady.join(", ")
        );
    }
    Ok(())
}
