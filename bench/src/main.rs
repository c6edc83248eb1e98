//! Bevis benchmarks, each side by side with its reference in the same run, so the
//! ratios mean something on whatever machine runs them (BRIEF §6).
//!
//! `bevis-bench FOOTAGE_DIR RESULTS.md [P1 P2 …]` — normally via `bench/run.sh`.

mod app;
mod cases;
mod crypto;
mod detect;
mod grid;
mod measure;
mod originals;
mod site;
mod stepping;

use anyhow::{Context, Result};
use std::fmt::Write as _;
use std::path::PathBuf;

/// A benchmark case: footage folder in, table rows out.
type Case = fn(&std::path::Path) -> Result<Vec<Row>>;

/// One row of the results table.
pub struct Row {
    pub id: &'static str,
    pub what: String,
    pub ours: String,
    pub reference: String,
    pub ratio: String,
    pub target: &'static str,
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let footage = PathBuf::from(args.next().context("usage: bevis-bench FOOTAGE_DIR RESULTS.md [P1 …]")?);
    let results = PathBuf::from(args.next().context("usage: bevis-bench FOOTAGE_DIR RESULTS.md [P1 …]")?);
    let only: Vec<String> = args.collect();
    let wanted = |id: &str| only.is_empty() || only.iter().any(|o| o.eq_ignore_ascii_case(id));
    let mut rows = Vec::new();
    let all: [(&str, Case); 11] = [
        ("P1", cases::p1_export),
        ("P2", cases::p2_seek),
        ("P2", stepping::p2_stepping),
        ("P3", cases::p3_overview),
        ("P4", crypto::p4_crypto),
        ("P5", detect::p5_detect),
        ("P6", cases::p6_memory),
        ("P7", cases::p7_preview),
        ("P7", app::p7_app),
        ("P8", grid::p8_grid),
        ("P9", originals::p9_originals),
    ];
    for (id, case) in all {
        if wanted(id) {
            eprintln!("== {id}");
            let got = case(&footage)?;
            for r in &got {
                eprintln!("{} | {} | ours {} | ref {} | {}", r.id, r.what, r.ours, r.reference, r.ratio);
            }
            rows.extend(got);
        }
    }
    std::fs::write(&results, table(&rows)?)?;
    eprintln!("results written to {}", results.display());
    Ok(())
}

fn table(rows: &[Row]) -> Result<String> {
    let mut s = String::new();
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default();
    writeln!(s, "Machine: {} cores, {cpu}\n", std::thread::available_parallelism().map_or(0, |n| n.get()))?;
    writeln!(s, "| id | what | Bevis | reference | ratio | target |\n|---|---|---|---|---|---|")?;
    for r in rows {
        writeln!(s, "| {} | {} | {} | {} | {} | {} |", r.id, r.what, r.ours, r.reference, r.ratio, r.target)?;
    }
    Ok(s)
}
