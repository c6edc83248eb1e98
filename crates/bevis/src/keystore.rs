//! Where the installation's Ed25519 signing key comes from at first run.
//!
//! The key lives only sealed in the register's key slots (see
//! `bevis_register::keyslots`): never as a plain file. Installations from before
//! the register kept it in `signing.key` (mode 0600); `init` takes that key over —
//! so packages already handed out keep their fingerprint — and then overwrites and
//! removes the file.

use bevis_pack::keys::random;
use std::io::Write;
use std::path::Path;
use zeroize::Zeroizing;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    #[error("the old signing key {0} is damaged")]
    Damaged(String),
    #[error("the signing key cannot be read or written: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Random(#[from] bevis_pack::PackError),
}

const LEGACY: &str = "signing.key";

/// The seed of `signing.key` if an older installation left one, else a new one.
pub fn legacy_or_new(data_dir: &Path) -> Result<Zeroizing<[u8; 32]>, KeyError> {
    let path = data_dir.join(LEGACY);
    let mut seed = Zeroizing::new([0u8; 32]);
    if path.exists() {
        let text = Zeroizing::new(std::fs::read_to_string(&path)?);
        let bytes =
            Zeroizing::new(hex::decode(text.trim()).map_err(|_| KeyError::Damaged(path.display().to_string()))?);
        if bytes.len() != 32 {
            return Err(KeyError::Damaged(path.display().to_string()));
        }
        seed.copy_from_slice(&bytes);
        tracing::info!(path = %path.display(), "taking over the signing key of an older installation");
        return Ok(seed);
    }
    random(seed.as_mut())?;
    Ok(seed)
}

/// Overwrites and removes `signing.key` once its key is sealed in the register.
pub fn forget_legacy(data_dir: &Path) -> Result<(), KeyError> {
    let path = data_dir.join(LEGACY);
    let Ok(meta) = std::fs::metadata(&path) else { return Ok(()) };
    let mut f = std::fs::OpenOptions::new().write(true).open(&path)?;
    f.write_all(&vec![0u8; meta.len() as usize])?;
    f.sync_all()?;
    drop(f);
    std::fs::remove_file(&path)?;
    Ok(())
}
