//! Finding packages on a drive and destroying them, one verified step at a time.
//!
//! Why one pass of random bytes is enough: a package is AES-256-GCM ciphertext
//! whose key exists only wrapped in its own header under the recipient's
//! password. Overwriting the file (header first in the same pass) and deleting it
//! leaves, at worst, stale flash pages the controller has not erased — and those
//! hold ciphertext that nobody can decrypt without both the overwritten header and
//! the password (crypto-shredding). What this cannot guarantee: copies someone made
//! elsewhere, and a password written next to a copy of the header.
//!
//! Only files that *are* Bevis packages are touched: a regular `*.bevis` file
//! whose first bytes parse as a package header (or, for a wipe that was
//! interrupted, the exact path the register recorded). The folder around it is
//! removed only if nothing but the package's own README.txt and OPEN-ME.html is
//! left. System folders are refused outright; symbolic links are never followed.

use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

const SIDECARS: [&str; 2] = ["README.txt", "OPEN-ME.html"];
const MAX_DEPTH: usize = 4;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WipeError {
    #[error("{0} is a system folder; point at a drive or a folder on one")]
    SystemPath(String),
    #[error("{0} is not a folder")]
    NotAFolder(String),
    #[error("wiping {path} failed: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{0} is still there after deleting it")]
    StillThere(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WipeError + '_ {
    move |source| WipeError::Io { path: path.display().to_string(), source }
}

/// A package found on a drive.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Found {
    pub container: PathBuf,
    pub package_id: String,
    pub case_ref: String,
    pub delete_by: String,
    pub size: u64,
}

/// Refuses `/`, the system folders and the home folder itself.
pub fn check_root(root: &Path) -> Result<PathBuf, WipeError> {
    let real = std::fs::canonicalize(root).map_err(io(root))?;
    if !real.is_dir() {
        return Err(WipeError::NotAFolder(root.display().to_string()));
    }
    const SYSTEM: [&str; 13] = [
        "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/proc", "/sbin", "/sys", "/usr", "/var", "/snap",
    ];
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let run_not_media = real.starts_with("/run") && !real.starts_with("/run/media");
    if real == Path::new("/")
        || SYSTEM.iter().any(|s| real.starts_with(s))
        || run_not_media
        || Some(&real) == home.as_ref()
    {
        return Err(WipeError::SystemPath(real.display().to_string()));
    }
    Ok(real)
}

/// Every Bevis package below `root` (depth ≤ 4, links not followed).
pub fn scan(root: &Path) -> Result<Vec<Found>, WipeError> {
    let root = check_root(root)?;
    let mut found = Vec::new();
    walk(&root, 0, &mut found);
    found.sort_by(|a, b| a.container.cmp(&b.container));
    Ok(found)
}

fn walk(dir: &Path, depth: usize, found: &mut Vec<Found>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let Ok(kind) = e.file_type() else { continue };
        let path = e.path();
        if kind.is_dir() && depth < MAX_DEPTH {
            walk(&path, depth + 1, found);
        } else if kind.is_file() && path.extension().is_some_and(|x| x == "bevis") {
            found.extend(identify(&path));
        }
    }
}

/// The package header of `path`, if it is a Bevis package.
pub fn identify(path: &Path) -> Option<Found> {
    let h = bevis_pack::open::peek(path).ok()?;
    let size = std::fs::symlink_metadata(path).ok()?.len();
    Some(Found {
        container: path.to_path_buf(),
        package_id: h.package_id,
        case_ref: h.case_ref,
        delete_by: h.delete_by,
        size,
    })
}

/// What a wipe did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Wiped {
    pub container: PathBuf,
    pub bytes_overwritten: u64,
    /// Files the folder held besides the package, left in place.
    pub left_alone: Vec<PathBuf>,
}

/// Overwrites `container` once with random bytes, syncs, deletes it and its
/// sidecars, removes the folder when empty, syncs the folder, checks it is gone.
/// A missing container (an earlier, interrupted wipe) is not an error.
pub fn wipe(container: &Path, package_id: &str) -> Result<Wiped, WipeError> {
    let meta = std::fs::symlink_metadata(container);
    let mut bytes = 0;
    if let Ok(meta) = meta {
        if !meta.is_file() {
            return Err(WipeError::NotAFolder(format!("{} (not a regular file)", container.display())));
        }
        bytes = overwrite(container, meta.len())?;
        std::fs::remove_file(container).map_err(io(container))?;
    }
    let dir = container.parent().unwrap_or(Path::new("."));
    for name in SIDECARS {
        let path = dir.join(name);
        if is_sidecar_of(&path, package_id) {
            std::fs::remove_file(&path).map_err(io(&path))?;
        }
    }
    let left_alone: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(), // removed by an interrupted wipe
        Err(e) => return Err(io(dir)(e)),
    };
    if left_alone.is_empty() && dir.exists() {
        std::fs::remove_dir(dir).map_err(io(dir))?;
        if let Some(bevis) = dir.parent().filter(|p| p.file_name().is_some_and(|n| n == "BEVIS")) {
            let _ = std::fs::remove_dir(bevis); // only succeeds when empty
        }
    }
    let mut parent = if left_alone.is_empty() { dir.parent().unwrap_or(dir) } else { dir };
    while !parent.exists() {
        parent = parent.parent().unwrap_or(Path::new("/"));
    }
    sync_dir(parent)?;
    if std::fs::symlink_metadata(container).is_ok() {
        return Err(WipeError::StillThere(container.display().to_string()));
    }
    tracing::info!(path = %container.display(), bytes, "package wiped");
    Ok(Wiped { container: container.to_path_buf(), bytes_overwritten: bytes, left_alone })
}

/// Only the README.txt naming this package and our own OPEN-ME.html are ours to delete.
fn is_sidecar_of(path: &Path, package_id: &str) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else { return false };
    if !meta.is_file() || meta.len() > 4 << 20 {
        return false;
    }
    let Ok(bytes) = std::fs::read(path) else { return false };
    match path.file_name().and_then(|n| n.to_str()) {
        Some("OPEN-ME.html") => bytes == crate::export::OPEN_ME.as_bytes(),
        _ => !package_id.is_empty() && String::from_utf8_lossy(&bytes).contains(package_id),
    }
}

fn overwrite(path: &Path, len: u64) -> Result<u64, WipeError> {
    let mut f = std::fs::OpenOptions::new().write(true).open(path).map_err(io(path))?;
    f.seek(SeekFrom::Start(0)).map_err(io(path))?;
    let mut block = vec![0u8; 1 << 20];
    let mut done = 0;
    while done < len {
        let n = (len - done).min(block.len() as u64) as usize;
        getrandom::getrandom(&mut block[..n]).map_err(|e| io(path)(std::io::Error::other(e.to_string())))?;
        f.write_all(&block[..n]).map_err(io(path))?;
        done += n as u64;
    }
    f.sync_all().map_err(io(path))?;
    Ok(done)
}

fn sync_dir(dir: &Path) -> Result<(), WipeError> {
    #[cfg(unix)]
    std::fs::File::open(dir).and_then(|f| f.sync_all()).map_err(io(dir))?;
    Ok(())
}
