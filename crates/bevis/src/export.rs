//! Export: plan → encrypted, signed package on a drive, verified by reading it back.
//!
//! ```text
//! ClipJob ─ render ─► archive entry ─► PackageWriter (AES-GCM STREAM) ─► BEVIS/…/x.bevis.partial
//! stills, redaction-log.csv, receipt.html, manifest.json + manifest.sig ─┘
//! fsync ─ rename ─ fsync folder ─ read back and verify everything ─ only then: done
//! ```
//!
//! The video goes straight from the encoder into the encryptor: no plaintext file
//! is ever written, not even in a temp folder. Any failure removes the partial
//! folder, so a drive never holds something that looks like a finished package.

use crate::receipt;
use bevis_media::render::{ClipJob, Progress, RenderReport, render_job};
use bevis_pack::archive::ArchiveWriter;
use bevis_pack::container::{Meta, Params};
use bevis_pack::manifest::{self, ClipEntry, FileEntry, MANIFEST_FORMAT, Manifest, SourceFile};
use bevis_pack::open::Verified;
use bevis_pack::{PackError, PackageWriter};
use bevis_redact::EditPlan;
use ed25519_dalek::SigningKey;
use sha2::{Digest, Sha256};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Media(#[from] bevis_media::MediaError),
    #[error(transparent)]
    Pack(#[from] PackError),
    #[error("the drive has {free_mb} MB free, the package needs about {need_mb} MB")]
    NoSpace { free_mb: u64, need_mb: u64 },
    #[error("writing to the drive failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("the package written to the drive does not verify: {0}")]
    ReadBack(PackError),
    #[error("cancelled; nothing was left on the drive")]
    Cancelled,
    #[error(
        "the package would be larger than the 4 GiB a FAT32 drive allows in one file; use an exFAT or NTFS drive, or export shorter clips"
    )]
    Fat32Limit,
}

/// The offline decryptor page written next to every package.
pub const OPEN_ME: &str = include_str!("../../../assets/OPEN-ME.html");

/// What to export, and for whom.
pub struct ExportRequest {
    pub plan: EditPlan,
    pub case_ref: String,
    pub delete_by: chrono::NaiveDate,
    pub issuer: String,
    pub operator: String,
    pub reason: String,
    pub recipient: Option<String>,
    /// Root of the drive (or any folder standing in for it).
    pub drive: PathBuf,
    /// `None`: generate one (returned once in [`Exported::password`]).
    pub password: Option<Zeroizing<String>>,
    /// Source times of clip 1 to add as PNG stills.
    pub stills: Vec<f64>,
}

/// Where export is.
#[derive(Debug, Clone, Copy)]
pub enum Stage {
    Hashing,
    Rendering { clip: usize, clips: usize, progress: Progress },
    Verifying,
}

pub struct Exported {
    pub dir: PathBuf,
    pub container: PathBuf,
    pub package_id: String,
    /// The generated password, to show once; `None` when the caller gave one.
    pub password: Option<Zeroizing<String>>,
    pub verified: Verified,
    /// The chain-of-custody receipt (HTML, without the password).
    pub receipt: String,
}

impl std::fmt::Debug for Exported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Exported")
            .field("container", &self.container)
            .field("package_id", &self.package_id)
            .field("password", &self.password.as_ref().map(|_| "<shown once, not logged>"))
            .finish_non_exhaustive()
    }
}

/// Runs an export. `on_stage` returning `false` cancels.
pub fn export(
    req: ExportRequest,
    key: &SigningKey,
    mut on_stage: impl FnMut(Stage) -> bool,
) -> Result<Exported, ExportError> {
    let jobs = prepare(&req)?;
    let generated = match req.password {
        Some(_) => None,
        None => Some(bevis_pack::password::generate()?),
    };
    let password = req.password.clone().or_else(|| generated.clone()).expect("one of the two");
    preflight(&req.drive, &jobs)?;
    let mut id = [0u8; 16];
    bevis_pack::keys::random(&mut id)?;
    let dir = package_dir(&req, &id);
    std::fs::create_dir_all(&dir)?;
    let result = write_and_verify(&req, key, &jobs, &password, id, &dir, &mut on_stage);
    match result {
        Ok((container, verified, receipt)) => {
            Ok(Exported { dir, container, package_id: hex::encode(id), password: generated, verified, receipt })
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&dir);
            Err(e)
        }
    }
}

fn prepare(req: &ExportRequest) -> Result<Vec<ClipJob>, ExportError> {
    if req.plan.clips.is_empty() {
        return Err(ExportError::Invalid("the plan has no clips to export".into()));
    }
    if req.case_ref.trim().is_empty() {
        return Err(ExportError::Invalid("a case reference is required".into()));
    }
    if req.delete_by <= chrono::Local::now().date_naive() {
        return Err(ExportError::Invalid(format!("the delete-by date {} is not in the future", req.delete_by)));
    }
    if !req.drive.is_dir() {
        return Err(ExportError::Invalid(format!("{} is not a folder or mounted drive", req.drive.display())));
    }
    (0..req.plan.clips.len()).map(|i| ClipJob::new(&req.plan, i).map_err(ExportError::from)).collect()
}

/// A generous size estimate: 0.15 bit per pixel per frame, doubled, plus 16 MB.
fn preflight(drive: &Path, jobs: &[ClipJob]) -> Result<(), ExportError> {
    let bits: f64 =
        jobs.iter().map(|j| j.frame_count() as f64 * (j.composer.crop.w * j.composer.crop.h) as f64 * 0.15).sum();
    let need = (bits / 8.0 * 2.0) as u64 + (16 << 20);
    let free = fs4::available_space(drive)?;
    if free < need {
        return Err(ExportError::NoSpace { free_mb: free >> 20, need_mb: need >> 20 });
    }
    if is_fat(drive) && need / 2 > crate::drives::FAT32_MAX_FILE {
        return Err(ExportError::Fat32Limit);
    }
    Ok(())
}

fn is_fat(drive: &Path) -> bool {
    crate::drives::fs_type(drive).is_some_and(|t| matches!(t.as_str(), "vfat" | "msdos" | "fat"))
}

/// Refuses to grow a file past `limit` bytes (FAT32), with the error users understand.
struct Limited<W> {
    inner: W,
    written: u64,
    limit: u64,
}

impl<W: Write> Write for Limited<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.written + buf.len() as u64 > self.limit {
            return Err(std::io::Error::new(std::io::ErrorKind::FileTooLarge, ExportError::Fat32Limit.to_string()));
        }
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn safe(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

fn package_dir(req: &ExportRequest, id: &[u8; 16]) -> PathBuf {
    let today = chrono::Local::now().format("%Y%m%d");
    req.drive.join("BEVIS").join(format!("{}-{today}-{}", safe(&req.case_ref), &hex::encode(id)[..8]))
}

type Written = (PathBuf, Verified, String);

fn write_and_verify(
    req: &ExportRequest,
    key: &SigningKey,
    jobs: &[ClipJob],
    password: &str,
    id: [u8; 16],
    dir: &Path,
    on_stage: &mut impl FnMut(Stage) -> bool,
) -> Result<Written, ExportError> {
    let name = format!("{}-{}.bevis", safe(&req.case_ref), &hex::encode(id)[..8]);
    let (partial, container) = (dir.join(format!("{name}.partial")), dir.join(&name));
    if !on_stage(Stage::Hashing) {
        return Err(ExportError::Cancelled);
    }
    let sources = jobs.iter().map(hash_sources).collect::<Result<Vec<_>, _>>()?;
    let file = std::fs::File::create(&partial)?;
    let meta = Meta {
        case_ref: req.case_ref.clone(),
        issuer: req.issuer.clone(),
        created_at: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        delete_by: req.delete_by.format("%Y-%m-%d").to_string(),
    };
    let params = Params { package_id: Some(id), ..Params::default() };
    let limit = if is_fat(dir) { crate::drives::FAT32_MAX_FILE } else { u64::MAX };
    let out = BufWriter::with_capacity(1 << 20, Limited { inner: file, written: 0, limit });
    let mut writer = PackageWriter::create(out, &meta, password, &params)?;
    let ctx = Ctx { req, key, jobs, meta: meta.clone(), package_id: hex::encode(id) };
    let manifest = write_contents(&ctx, sources, &mut writer, on_stage)?;
    let file = writer.finish()?.into_inner().map_err(|e| e.into_error())?.inner;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&partial, &container)?;
    sync_dir(dir)?;
    std::fs::write(dir.join("README.txt"), receipt::readme(&meta, &manifest))?;
    std::fs::write(dir.join("OPEN-ME.html"), OPEN_ME)?;
    sync_dir(dir)?;
    if !on_stage(Stage::Verifying) {
        return Err(ExportError::Cancelled);
    }
    let verified = bevis_pack::open::verify(&container, password).map_err(ExportError::ReadBack)?;
    let receipt = receipt::html(&verified, Some(&file_sha256(&container)?));
    Ok((container, verified, receipt))
}

fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    Ok(())
}

fn file_sha256(path: &Path) -> std::io::Result<String> {
    let mut h = Sha256::new();
    std::io::copy(&mut std::fs::File::open(path)?, &mut h)?;
    Ok(hex::encode(h.finalize()))
}

fn hash_sources(job: &ClipJob) -> Result<Vec<SourceFile>, ExportError> {
    job.info
        .segments
        .iter()
        .map(|s| {
            let name =
                s.path.file_name().map_or_else(|| s.path.display().to_string(), |n| n.to_string_lossy().into_owned());
            Ok(SourceFile { name, size: std::fs::metadata(&s.path)?.len(), sha256: file_sha256(&s.path)? })
        })
        .collect()
}

/// Everything the contents depend on.
struct Ctx<'a> {
    req: &'a ExportRequest,
    key: &'a SigningKey,
    jobs: &'a [ClipJob],
    meta: Meta,
    package_id: String,
}

fn clip_entry(
    job: &ClipJob,
    file: String,
    sources: Vec<SourceFile>,
    r: &RenderReport,
    camera: Option<String>,
) -> ClipEntry {
    let c = job.composer.crop;
    let wall = |t: f64| job.info.wall_clock(t).map(|w| w.format("%Y-%m-%dT%H:%M:%S%.3f").to_string());
    ClipEntry {
        file,
        camera,
        sources,
        from: job.in_s,
        to: job.out_s,
        wall_from: wall(job.in_s),
        wall_to: wall(job.out_s),
        crop: [c.x, c.y, c.w, c.h],
        frames: r.frames,
        width: r.width as u32,
        height: r.height as u32,
    }
}

/// Renders every clip into its archive entry.
fn write_clips<W: Write>(
    ctx: &Ctx<'_>,
    sources: Vec<Vec<SourceFile>>,
    archive: &mut ArchiveWriter<W>,
    on_stage: &mut impl FnMut(Stage) -> bool,
) -> Result<Vec<ClipEntry>, ExportError> {
    let mut clips = Vec::new();
    let n = ctx.jobs.len();
    for (i, (job, sources)) in ctx.jobs.iter().zip(sources).enumerate() {
        let file = format!("clips/clip-{}.mp4", i + 1);
        let mut entry = archive.start(&file)?;
        let report = render_job(job, &mut entry, &Default::default(), |p| {
            on_stage(Stage::Rendering { clip: i, clips: n, progress: p })
        })
        .map_err(|e| if matches!(e, bevis_media::MediaError::Cancelled) { ExportError::Cancelled } else { e.into() })?;
        entry.end()?;
        let clip = &ctx.req.plan.clips[i];
        let camera = ctx.req.plan.source(&clip.source).and_then(|s| s.camera.clone());
        clips.push(clip_entry(job, file, sources, &report, camera));
    }
    Ok(clips)
}

/// Clips, stills, redaction log, receipt, then the signed manifest.
fn write_contents<W: Write>(
    ctx: &Ctx<'_>,
    sources: Vec<Vec<SourceFile>>,
    out: &mut W,
    on_stage: &mut impl FnMut(Stage) -> bool,
) -> Result<Manifest, ExportError> {
    let (req, key, jobs, meta) = (ctx.req, ctx.key, ctx.jobs, &ctx.meta);
    let mut archive = ArchiveWriter::new(out);
    let clips = write_clips(ctx, sources, &mut archive, on_stage)?;
    for t in &req.stills {
        let png = crate::preview::still_png(&jobs[0], *t)?;
        archive.add(&format!("stills/still-{t:09.3}.png"), &png)?;
    }
    archive.add("redaction-log.csv", receipt::redaction_log(&req.plan).as_bytes())?;
    let mut manifest = Manifest {
        format: MANIFEST_FORMAT.into(),
        package_id: ctx.package_id.clone(),
        case_ref: meta.case_ref.clone(),
        issuer: meta.issuer.clone(),
        operator: req.operator.clone(),
        reason: req.reason.clone(),
        recipient: req.recipient.clone(),
        exported_at: meta.created_at.clone(),
        delete_by: meta.delete_by.clone(),
        software: format!("Bevis {}", env!("CARGO_PKG_VERSION")),
        audit_head: None,
        redaction_mode: format!("{:?}", req.plan.mode),
        redaction_tracks: req.plan.tracks.len(),
        clips,
        files: Vec::new(),
        signing_key: hex::encode(key.verifying_key().as_bytes()),
    };
    let receipt_inside = receipt::html_for_manifest(&manifest, &manifest::fingerprint(&key.verifying_key()));
    archive.add("receipt.html", receipt_inside.as_bytes())?;
    manifest.files = archive
        .written()
        .iter()
        .map(|w| FileEntry { name: w.name.clone(), size: w.size, sha256: w.sha256.clone() })
        .collect();
    let bytes = manifest.to_bytes();
    archive.add("manifest.json", &bytes)?;
    archive.add("manifest.sig", &manifest::sign(key, &bytes))?;
    archive.finish()?;
    Ok(manifest)
}
