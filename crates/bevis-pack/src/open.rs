//! Opening a package file: verify everything, then (and only then) extract.
//!
//! [`verify`] authenticates every chunk, parses the archive, checks the manifest
//! signature and that every file's size and SHA-256 match the manifest. It
//! releases nothing. [`extract`] runs [`verify`] first and then decrypts a
//! second time into the output folder, so a damaged package never leaves half a
//! video behind.

use crate::PackageReader;
use crate::archive::{self, Written};
use crate::error::{PackError, Result};
use crate::header::Header;
use crate::manifest::{self, Manifest};
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

/// What a complete verification established.
#[derive(Debug, Clone)]
pub struct Verified {
    pub header: Header,
    pub manifest: Manifest,
    /// Fingerprint of the key that signed the manifest (compare with the receipt).
    pub fingerprint: String,
    pub files: Vec<Written>,
}

fn open_file(path: &Path) -> Result<std::fs::File> {
    std::fs::File::open(path).map_err(PackError::Io)
}

/// The clear header only (no password): what the package claims to be.
pub fn peek(path: &Path) -> Result<Header> {
    let file = open_file(path)?;
    let len = file.metadata()?.len();
    let locked = PackageReader::open(BufReader::new(file))?;
    locked.check_length(len)?;
    Ok(locked.header().clone())
}

/// Everything one pass over a package yields.
struct Walked {
    header: Header,
    files: Vec<Written>,
    manifest: Vec<u8>,
    sig: Vec<u8>,
}

/// Runs the whole package through `each(name, block)`; returns what it held.
fn walk(source: impl Read, password: &str, mut each: impl FnMut(&str, &[u8]) -> Result<()>) -> Result<Walked> {
    let locked = PackageReader::open(source)?;
    let header = locked.header().clone();
    let mut reader = locked.unlock(password)?;
    let (mut manifest, mut sig) = (Vec::new(), Vec::new());
    let files = archive::read_all(&mut reader, |name, block| {
        match name {
            "manifest.json" if manifest.len() + block.len() <= 16 << 20 => manifest.extend_from_slice(block),
            "manifest.sig" if sig.len() + block.len() <= 64 => sig.extend_from_slice(block),
            "manifest.json" | "manifest.sig" => return Err(PackError::BadArchive(format!("{name} is too large"))),
            _ => {}
        }
        each(name, block)
    })?;
    Ok(Walked { header, files, manifest, sig })
}

fn buffered(path: &Path) -> Result<BufReader<std::fs::File>> {
    Ok(BufReader::with_capacity(1 << 20, open_file(path)?))
}

/// Verifies the whole package without writing anything.
pub fn verify(path: &Path, password: &str) -> Result<Verified> {
    verify_from(buffered(path)?, password)
}

/// Verifies a package read from any source (e.g. straight from a device, past the cache).
pub fn verify_from(source: impl Read, password: &str) -> Result<Verified> {
    let Walked { header, files, manifest: manifest_bytes, sig } = walk(source, password, |_, _| Ok(()))?;
    if manifest_bytes.is_empty() || sig.is_empty() {
        return Err(PackError::BadArchive("the package has no signed manifest".into()));
    }
    let last_two: Vec<&str> = files.iter().rev().take(2).map(|f| f.name.as_str()).collect();
    if last_two != ["manifest.sig", "manifest.json"] {
        return Err(PackError::BadArchive(
            "manifest.json and manifest.sig must be the last two files, in that order".into(),
        ));
    }
    let (manifest, key) = manifest::verify(&manifest_bytes, &sig)?;
    if manifest.package_id != header.package_id
        || manifest.case_ref != header.case_ref
        || manifest.delete_by != header.delete_by
    {
        return Err(PackError::BadArchive("the manifest does not belong to this package".into()));
    }
    let listed: Vec<&Written> =
        files.iter().filter(|f| f.name != "manifest.json" && f.name != "manifest.sig").collect();
    if listed.len() != manifest.files.len() {
        return Err(PackError::BadArchive("the package holds other files than its manifest lists".into()));
    }
    for f in listed {
        let ok = manifest.files.iter().any(|m| m.name == f.name && m.size == f.size && m.sha256 == f.sha256);
        if !ok {
            return Err(PackError::BadArchive(format!("{} does not match the manifest", f.name)));
        }
    }
    Ok(Verified { header, manifest, fingerprint: manifest::fingerprint(&key), files })
}

/// Verifies, then writes every file into `out` (which must not exist yet).
pub fn extract(path: &Path, password: &str, out: &Path) -> Result<Verified> {
    let verified = verify(path, password)?;
    if out.exists() {
        return Err(PackError::Io(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{} already exists", out.display()),
        )));
    }
    std::fs::create_dir_all(out)?;
    let mut current: Option<(String, std::fs::File)> = None;
    walk(buffered(path)?, password, |name, block| {
        if current.as_ref().is_none_or(|(n, _)| n != name) {
            let target: PathBuf = name.split('/').fold(out.to_path_buf(), |p, c| p.join(c));
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            current = Some((name.to_string(), std::fs::File::create(&target)?));
        }
        current.as_mut().expect("opened above").1.write_all(block)?;
        Ok(())
    })?;
    Ok(verified)
}
