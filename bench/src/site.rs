//! A throwaway Bevis installation for the benchmarks: footage is shown and
//! exported only inside a review session, so each case opens one first.

use anyhow::{Context, Result, bail};
use std::path::Path;
use std::process::Command;

fn bevis(args: &[String]) -> Result<String> {
    let out = Command::new(super::cases::bevis_bin()).args(args).output().context("running bevis")?;
    if !out.status.success() {
        bail!("bevis {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Sets up `out/<name>-data`, opens a session on all of `src`, and returns the
/// login arguments followed by `--session ID`'s value as the last element.
pub fn session(out: &Path, name: &str, src: &Path) -> Result<(Vec<String>, String)> {
    let data = out.join(format!("{name}-data"));
    let _ = std::fs::remove_dir_all(&data);
    let pw = out.join(format!("{name}-login"));
    std::fs::write(&pw, "bench login password")?;
    let s = |p: &Path| p.to_string_lossy().into_owned();
    let login: Vec<String> =
        ["--data-dir", &s(&data), "--user", "bench", "--password-file", &s(&pw)].map(String::from).to_vec();
    let with = |rest: &[&str]| login.iter().cloned().chain(rest.iter().map(|a| a.to_string())).collect::<Vec<_>>();
    bevis(&with(&["init", "--org", "Bench", "--admin", "bench"]))?;
    bevis(&with(&["case", "open", "BENCH"]))?;
    let id = bevis(&with(&[
        "session",
        "open",
        "--case",
        "BENCH",
        "--reason",
        "other",
        "--note",
        "benchmark",
        "--source",
        &s(src),
        "--start",
        "2026-01-01T00:00:00",
        "--from",
        "+0",
        "--to",
        "+7200",
    ]))?;
    Ok((login, id))
}
