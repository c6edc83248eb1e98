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

use bevis_media::render::{ClipJob, Progress};
use bevis_pack::container::{Meta, Params};
use bevis_pack::open::Verified;
use bevis_pack::{PackError, PackageWriter};
use bevis_redact::EditPlan;
use ed25519_dalek::SigningKey;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

mod checks;
mod contents;
mod originals;
mod readback;
mod stills;
mod vtt;

pub use originals::{Form as OriginalForm, Originals};
pub use stills::{Still, check as check_stills};

use crate::receipt;
use checks::{Limited, is_fat, preflight};
use contents::{Ctx, file_sha256, hash_sources, write_contents};

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
        "the still at {at:.3} s lies outside clip {clip} ({from:.3}–{to:.3} s): a still can only show what a clip of the package shows"
    )]
    StillOutside { at: f64, clip: usize, from: f64, to: f64 },
    #[error(
        "the package would be larger than the 4 GiB a FAT32 drive allows in one file; use an exFAT or NTFS drive, or export shorter clips"
    )]
    Fat32Limit,
}

/// The offline decryptor page written next to every package.
pub const OPEN_ME: &str = include_str!("../../../../assets/OPEN-ME.html");

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
    /// Frames of the clips to add as PNG stills (each within its clip).
    pub stills: Vec<Still>,
    /// The moment of export (the register's clock).
    pub now: chrono::DateTime<chrono::Utc>,
    /// The audit log's head hash when the export began, signed into the manifest.
    pub audit_head: Option<String>,
    /// The recorder's own footage to add beside the working copies.
    pub originals: Option<Originals>,
}

/// Where export is.
#[derive(Debug, Clone, Copy)]
pub enum Stage {
    Hashing,
    Rendering {
        clip: usize,
        clips: usize,
        progress: Progress,
    },
    /// Copying the original footage of clip `clip`.
    Originals {
        clip: usize,
    },
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
    /// The read-back bypassed the page cache (false on file systems without direct I/O).
    pub read_back_direct: bool,
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
    let extra = req.originals.as_ref().map_or(0, |o| originals::estimate(&jobs, o.form));
    preflight(&req.drive, &jobs, extra)?;
    let mut id = [0u8; 16];
    bevis_pack::keys::random(&mut id)?;
    let dir = package_dir(&req, &id);
    std::fs::create_dir_all(&dir)?;
    let result = write_and_verify(&req, key, &jobs, &password, id, &dir, &mut on_stage);
    match result {
        Ok((container, verified, receipt, read_back_direct)) => {
            let package_id = hex::encode(id);
            Ok(Exported { dir, container, package_id, password: generated, verified, receipt, read_back_direct })
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
    if req.originals.as_ref().is_some_and(|o| o.why.trim().is_empty()) {
        return Err(ExportError::Invalid("original footage needs a written justification".into()));
    }
    if req.case_ref.trim().is_empty() {
        return Err(ExportError::Invalid("a case reference is required".into()));
    }
    if req.delete_by <= req.now.with_timezone(&chrono::Local).date_naive() {
        return Err(ExportError::Invalid(format!("the delete-by date {} is not in the future", req.delete_by)));
    }
    if !req.drive.is_dir() {
        return Err(ExportError::Invalid(format!("{} is not a folder or mounted drive", req.drive.display())));
    }
    stills::check(&req.plan, &req.stills)?;
    (0..req.plan.clips.len()).map(|i| ClipJob::new(&req.plan, i).map_err(ExportError::from)).collect()
}

fn safe(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

fn package_dir(req: &ExportRequest, id: &[u8; 16]) -> PathBuf {
    let today = req.now.with_timezone(&chrono::Local).format("%Y%m%d");
    req.drive.join("BEVIS").join(format!("{}-{today}-{}", safe(&req.case_ref), &hex::encode(id)[..8]))
}

type Written = (PathBuf, Verified, String, bool);

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
    let meta = meta_for(req);
    let params = Params { package_id: Some(id), ..Params::default() };
    let limit = if is_fat(dir) { crate::drives::FAT32_MAX_FILE } else { u64::MAX };
    let out = BufWriter::with_capacity(1 << 20, Limited { inner: file, written: 0, limit });
    let mut writer = PackageWriter::create(out, &meta, password, &params)?;
    let ctx = Ctx { req, key, jobs, meta: meta.clone(), package_id: hex::encode(id) };
    let manifest = write_contents(&ctx, sources, &mut writer, on_stage)?;
    let file = writer.finish()?.into_inner().map_err(|e| e.into_error())?.inner;
    file.sync_all()?;
    drop(file);
    publish(&partial, &container, &receipt::readme(&meta, &manifest))?;
    if !on_stage(Stage::Verifying) {
        return Err(ExportError::Cancelled);
    }
    let (verified, read_back_direct) = read_back(&container, password)?;
    let receipt = receipt::html(&verified, Some(&file_sha256(&container)?));
    Ok((container, verified, receipt, read_back_direct))
}

/// Verifies the package as the drive holds it — past the page cache where the file
/// system allows direct I/O (then `true`), through it where it does not.
fn read_back(container: &Path, password: &str) -> Result<(Verified, bool), ExportError> {
    let direct = readback::DeviceReader::open(container);
    let is_direct = direct.is_some();
    let verified = match direct {
        Some(direct) => bevis_pack::open::verify_from(direct, password),
        None => {
            tracing::warn!(path = %container.display(), "the file system refuses direct I/O: read-back goes through the cache");
            bevis_pack::open::verify(container, password)
        }
    }
    .map_err(ExportError::ReadBack)?;
    Ok((verified, is_direct))
}

fn meta_for(req: &ExportRequest) -> Meta {
    Meta {
        case_ref: req.case_ref.clone(),
        issuer: req.issuer.clone(),
        created_at: req.now.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        delete_by: req.delete_by.format("%Y-%m-%d").to_string(),
    }
}

/// Gives the synced container its final name, then adds README.txt and OPEN-ME.html.
fn publish(partial: &Path, container: &Path, readme: &str) -> std::io::Result<()> {
    let dir = container.parent().expect("the container lives in its folder");
    std::fs::rename(partial, container)?;
    sync_dir(dir)?;
    std::fs::write(dir.join("README.txt"), readme)?;
    std::fs::write(dir.join("OPEN-ME.html"), OPEN_ME)?;
    sync_dir(dir)
}

fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    Ok(())
}
