//! P4: package encryption and verification throughput beside openssl.

use crate::Row;
use anyhow::{Context, Result};
use std::path::Path;
use std::time::Instant;

/// openssl's AES-256-GCM throughput for 1 MiB blocks on one core, GB/s.
fn openssl_gcm() -> Result<f64> {
    let out = std::process::Command::new("openssl")
        .args(["speed", "-evp", "aes-256-gcm", "-bytes", "1048576", "-seconds", "3"])
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .rev()
        .find(|l| l.starts_with("aes-256-gcm") || l.starts_with("AES-256-GCM"))
        .context("openssl speed output")?;
    let k: f64 = line.split_whitespace().last().context("a number")?.trim_end_matches('k').parse()?;
    Ok(k * 1000.0 / 1e9)
}

pub fn p4_crypto(_footage: &Path) -> Result<Vec<Row>> {
    use bevis::pack::container::{Meta, Params};
    use std::io::{Read, Write};
    let size = 512usize << 20;
    let data: Vec<u8> = (0..size).map(|i| (i * 131 % 251) as u8).collect();
    let meta = Meta {
        case_ref: "BENCH".into(),
        issuer: "bench".into(),
        created_at: "2026-01-01T00:00:00Z".into(),
        delete_by: "2027-01-01".into(),
    };
    let mut w =
        bevis::pack::PackageWriter::create(Vec::with_capacity(size + (1 << 20)), &meta, "BENCH", &Params::default())?;
    let start = Instant::now();
    w.write_all(&data)?;
    let sealed = w.finish()?;
    let enc = size as f64 / start.elapsed().as_secs_f64() / 1e9;
    let mut r = bevis::pack::PackageReader::open(&sealed[..])?.unlock("BENCH")?;
    let start = Instant::now();
    let n = std::io::copy(&mut r, &mut std::io::sink())?;
    let dec = n as f64 / start.elapsed().as_secs_f64() / 1e9;
    let _ = r.read(&mut [0u8; 1])?;
    let ossl = openssl_gcm()?;
    Ok(vec![Row {
        id: "P4",
        what: "package encryption / verification (decrypt + authenticate), 512 MiB; sealing on one thread per core, verification on one".into(),
        ours: format!("{enc:.2} GB/s / {dec:.2} GB/s"),
        reference: format!("openssl speed aes-256-gcm (1 MiB blocks): {ossl:.2} GB/s"),
        ratio: format!("{:.2}× / {:.2}× openssl", enc / ossl, dec / ossl),
        target: "≥ 1.5 GB/s per core",
    }])
}
