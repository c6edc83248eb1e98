//! The package commands of the `bevis` binary: export, verify, decrypt.

use anyhow::{Context, Result, bail};
use bevis::export::{ExportRequest, Stage, export};
use bevis::pack::open;
use std::io::Write;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// Where the installation keeps its key and receipts.
pub fn data_dir(given: Option<PathBuf>) -> PathBuf {
    given.or_else(|| std::env::var_os("BEVIS_DATA_DIR").map(PathBuf::from)).unwrap_or_else(|| {
        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
        home.join(".local/share/bevis")
    })
}

pub fn read_password(file: &Path) -> Result<Zeroizing<String>> {
    let text = Zeroizing::new(
        std::fs::read_to_string(file).with_context(|| format!("cannot read the password file {}", file.display()))?,
    );
    let pw = Zeroizing::new(text.trim().to_string());
    if pw.is_empty() {
        bail!("the password file {} is empty", file.display());
    }
    Ok(pw)
}

pub struct ExportArgs {
    pub plan: PathBuf,
    pub case: String,
    pub delete_by: String,
    pub to: PathBuf,
    pub password_file: Option<PathBuf>,
    pub stills: Vec<f64>,
    pub issuer: String,
    pub operator: String,
    pub reason: String,
    pub recipient: Option<String>,
}

pub fn export_cmd(a: ExportArgs, data: &Path) -> Result<()> {
    let plan = crate::load_plan(&a.plan)?;
    let delete_by =
        chrono::NaiveDate::parse_from_str(&a.delete_by, "%Y-%m-%d").context("--delete-by must be YYYY-MM-DD")?;
    let password = a.password_file.as_deref().map(read_password).transpose()?;
    let key = bevis::keystore::load_or_create(data)?;
    let req = ExportRequest {
        plan,
        case_ref: a.case,
        delete_by,
        issuer: a.issuer,
        operator: a.operator,
        reason: a.reason,
        recipient: a.recipient,
        drive: a.to,
        password,
        stills: a.stills,
    };
    let started = std::time::Instant::now();
    let done = export(req, &key, |stage| {
        print_stage(started, stage);
        true
    })?;
    report(&done, data)
}

/// One progress line on stderr, with an estimate of the time left.
fn print_stage(started: std::time::Instant, stage: Stage) {
    match stage {
        Stage::Rendering { clip, clips, progress } => {
            let left = started.elapsed().as_secs_f64() * (progress.total.saturating_sub(progress.done)) as f64
                / progress.done.max(1) as f64;
            eprint!(
                "\rclip {}/{clips}: {}/{} frames, about {left:.0} s left   ",
                clip + 1,
                progress.done,
                progress.total
            );
        }
        other => eprintln!("\r{other:?}"),
    }
}

/// Saves the receipt on the workstation and prints where everything is (and the password, once).
fn report(done: &bevis::export::Exported, data: &Path) -> Result<()> {
    let receipts = data.join("receipts");
    std::fs::create_dir_all(&receipts)?;
    let receipt = receipts.join(format!("{}.html", done.package_id));
    std::fs::write(&receipt, &done.receipt)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "package   {}", done.container.display())?;
    let how = if done.read_back_direct { "read back from the drive" } else { "read back through the cache" };
    writeln!(
        out,
        "verified  {} files ({how}), key fingerprint {}",
        done.verified.files.len(),
        done.verified.fingerprint
    )?;
    writeln!(out, "receipt   {}", receipt.display())?;
    if let Some(pw) = &done.password {
        writeln!(out, "password  {}   (shown once: write it down or print the slip; it is not stored)", pw.as_str())?;
    }
    Ok(())
}

pub fn verify_cmd(pkg: &Path, password_file: Option<&Path>) -> Result<()> {
    let header = open::peek(pkg)?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}\n  package id  {}\n  case        {}\n  issuer      {}\n  created     {}\n  delete by   {}",
        pkg.display(),
        header.package_id,
        header.case_ref,
        header.issuer,
        header.created_at,
        header.delete_by
    )?;
    let Some(file) = password_file else {
        writeln!(out, "  structure   OK (give --password-file to verify the contents and the signature)")?;
        return Ok(());
    };
    let v = open::verify(pkg, &read_password(file)?)?;
    writeln!(out, "  contents    OK: every chunk authentic, {} files match the signed manifest", v.files.len())?;
    writeln!(out, "  signed by   key fingerprint {}", v.fingerprint)?;
    Ok(())
}

pub fn decrypt_cmd(pkg: &Path, password_file: &Path, out_dir: &Path) -> Result<()> {
    let v = open::extract(pkg, &read_password(password_file)?, out_dir)?;
    for f in &v.files {
        println!("{}  {}", f.sha256, out_dir.join(&f.name).display());
    }
    eprintln!("verified and decrypted; signed by key fingerprint {}", v.fingerprint);
    Ok(())
}

pub fn drives_cmd(json: bool) -> Result<()> {
    let drives = bevis::drives::list()?;
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&drives)?)?;
        return Ok(());
    }
    if drives.is_empty() {
        writeln!(out, "no removable drive is mounted")?;
    }
    for d in drives {
        let free = d.free.map_or("?".into(), |f| format!("{} MB free", f >> 20));
        let label = d.label.as_deref().unwrap_or("(no label)");
        let fs = d.fstype.as_deref().unwrap_or("?");
        writeln!(out, "{}  {label}  {fs}  {} MB, {free}  {}", d.device, d.size >> 20, d.mountpoint.display())?;
    }
    Ok(())
}
