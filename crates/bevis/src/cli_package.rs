//! The package commands: export (through a review session), handover, verify, decrypt.

use crate::{Login, read_password};
use anyhow::{Context, Result, bail};
use bevis::desk::SessionExport;
use bevis::export::{OriginalForm, Originals, Stage};
use bevis::pack::open;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct ExportArgs {
    /// The review session the plan was made in.
    #[arg(long)]
    session: i64,
    #[arg(long)]
    plan: PathBuf,
    /// The drive (or a folder standing in for it).
    #[arg(long)]
    to: PathBuf,
    /// YYYY-MM-DD; default: today plus the delete_by_days setting.
    #[arg(long)]
    delete_by: Option<String>,
    /// Read the package password from a file instead of generating one.
    #[arg(long)]
    package_password_file: Option<PathBuf>,
    /// Still images at these source times (seconds, comma separated), of clip 1;
    /// `2:12.4` is 12.4 s of clip 2. Each must lie within its clip.
    #[arg(long, value_delimiter = ',')]
    stills: Vec<bevis::export::Still>,
    #[arg(long)]
    recipient: Option<String>,
    /// Add the recorder's own footage, unredacted: `files` (whole recorder
    /// files, byte for byte) or `cut` (the clip's packets, stream-copied).
    #[arg(long, value_enum)]
    original: Option<OriginalArg>,
    /// Why the original footage is needed (required with --original).
    #[arg(long)]
    why: Option<String>,
    /// Export although `bevis check` has not passed for this plan (logged with the reason).
    #[arg(long)]
    override_why: Option<String>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum OriginalArg {
    Files,
    Cut,
}

#[derive(Args)]
pub struct HandoverArgs {
    package_id: String,
    #[arg(long)]
    recipient: String,
}

#[derive(Args)]
pub struct ReturnedArgs {
    package_id: String,
}

#[derive(Args)]
pub struct JsonArg {
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct VerifyArgs {
    package: PathBuf,
    /// The package password, from a file.
    #[arg(long)]
    package_password_file: Option<PathBuf>,
}

#[derive(Args)]
pub struct DecryptArgs {
    package: PathBuf,
    #[arg(long)]
    package_password_file: PathBuf,
    #[arg(long)]
    out: PathBuf,
}

pub fn export(login: &Login, a: ExportArgs) -> Result<()> {
    let plan = crate::cli_footage::load_plan(&a.plan)?;
    let delete_by = a
        .delete_by
        .map(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").context("--delete-by must be YYYY-MM-DD"))
        .transpose()?;
    let password = a.package_password_file.as_deref().map(read_password).transpose()?;
    let originals = match (a.original, a.why) {
        (None, None) => None,
        (None, Some(_)) => bail!("--why goes with --original files|cut"),
        (Some(_), None) => bail!("--original needs --why: a written justification for including unredacted footage"),
        (Some(f), Some(why)) => {
            let form = match f {
                OriginalArg::Files => OriginalForm::Files,
                OriginalArg::Cut => OriginalForm::Cut,
            };
            Some(Originals { form, why })
        }
    };
    let mut desk = login.desk()?;
    let req = SessionExport {
        session_id: a.session,
        plan,
        delete_by,
        recipient: a.recipient,
        drive: a.to,
        password,
        stills: a.stills,
        originals,
        override_why: a.override_why,
    };
    let started = std::time::Instant::now();
    let (done, _) = desk.export(req, |stage| {
        print_stage(started, stage);
        true
    })?;
    report(&done, desk.data_dir())
}

pub fn exports(login: &Login, a: JsonArg) -> Result<()> {
    let desk = login.desk()?;
    let rows = desk.evidence()?;
    if a.json {
        return crate::print_json(&rows.iter().map(|r| &r.export).collect::<Vec<_>>());
    }
    for r in rows {
        let (e, case) = (r.export, r.case_ref);
        let drive = e.drive_label.as_deref().unwrap_or("-");
        println!("{}  {case:<16} {:<11} delete by {}  {drive}  {}", e.package_id, e.status, e.delete_by, e.path);
    }
    Ok(())
}

pub fn handover(login: &Login, a: HandoverArgs) -> Result<()> {
    login.desk()?.hand_over(&a.package_id, &a.recipient)?;
    eprintln!("package {} recorded as handed over to {}", a.package_id, a.recipient);
    Ok(())
}

pub fn returned(login: &Login, a: ReturnedArgs) -> Result<()> {
    login.desk()?.returned(&a.package_id)?;
    eprintln!("package {} recorded as returned", a.package_id);
    Ok(())
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
    let receipt = data.join("receipts").join(format!("{}.html", done.package_id));
    let mut out = std::io::stdout().lock();
    writeln!(out, "package   {}", done.container.display())?;
    writeln!(out, "id        {}", done.package_id)?;
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

pub fn verify(a: VerifyArgs) -> Result<()> {
    let pkg = a.package.as_path();
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
    let Some(file) = a.package_password_file.as_deref() else {
        writeln!(out, "  structure   OK (give --package-password-file to verify the contents and the signature)")?;
        return Ok(());
    };
    let v = open::verify(pkg, &read_password(file)?)?;
    writeln!(out, "  contents    OK: every chunk authentic, {} files match the signed manifest", v.files.len())?;
    writeln!(out, "  signed by   key fingerprint {}", v.fingerprint)?;
    Ok(())
}

pub fn decrypt(a: DecryptArgs) -> Result<()> {
    let v = open::extract(&a.package, &read_password(&a.package_password_file)?, &a.out)?;
    for f in &v.files {
        println!("{}  {}", f.sha256, a.out.join(&f.name).display());
    }
    eprintln!("verified and decrypted; signed by key fingerprint {}", v.fingerprint);
    Ok(())
}

pub fn drives(a: JsonArg) -> Result<()> {
    let drives = bevis::drives::list()?;
    let mut out = std::io::stdout().lock();
    if a.json {
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
