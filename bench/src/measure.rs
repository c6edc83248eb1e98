//! Timing helpers: external commands under GNU time (wall, CPU, peak memory).

use anyhow::{Context, Result, bail};
use std::process::Command;

/// What one command cost.
#[derive(Debug, Clone, Copy)]
pub struct Cost {
    pub wall: f64,
    pub cpu: f64,
    pub max_rss_mb: f64,
}

/// Runs `cmd args…` under `/usr/bin/time`, output discarded; fails if it fails.
pub fn run(cmd: &str, args: &[String]) -> Result<Cost> {
    run_allowing(cmd, args, &[0])
}

/// [`run`], where any of the exit `codes` counts as success (`bevis check` exits 3
/// when it lists people left unmasked).
pub fn run_allowing(cmd: &str, args: &[String], codes: &[i32]) -> Result<Cost> {
    let out = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("BENCH %e %U %S %M")
        .arg(cmd)
        .args(args)
        .output()
        .with_context(|| format!("running {cmd} (is GNU time installed?)"))?;
    let err = String::from_utf8_lossy(&out.stderr);
    if !out.status.code().is_some_and(|c| codes.contains(&c)) {
        bail!("{cmd} failed: {}", err.lines().rev().take(5).collect::<Vec<_>>().join(" | "));
    }
    let line = err.lines().rev().find(|l| l.starts_with("BENCH ")).context("no timing line")?;
    let v: Vec<f64> = line.split_whitespace().skip(1).map(|x| x.parse().unwrap_or(0.0)).collect();
    Ok(Cost { wall: v[0], cpu: v[1] + v[2], max_rss_mb: v[3] / 1024.0 })
}

/// Best (lowest wall time) of `n` runs.
pub fn best(n: usize, cmd: &str, args: &[String]) -> Result<Cost> {
    let mut best: Option<Cost> = None;
    for _ in 0..n {
        let c = run(cmd, args)?;
        if best.is_none_or(|b| c.wall < b.wall) {
            best = Some(c);
        }
    }
    best.context("no runs")
}

pub fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Seconds with two decimals.
pub fn secs(s: f64) -> String {
    format!("{s:.2} s")
}
