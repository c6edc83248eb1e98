//! The installation's Ed25519 signing key, which signs every manifest.
//!
//! Today the key is a file in the data folder readable only by its owner
//! (`signing.key`, mode 0600). The register (issue #4) will keep it sealed so that
//! copying the database alone does not reveal it; until then the file's
//! permissions are the protection, and the README says so.

use bevis_pack::keys::random;
use ed25519_dalek::SigningKey;
use std::io::Write;
use std::path::Path;
use zeroize::Zeroizing;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    #[error("the signing key {0} is damaged")]
    Damaged(String),
    #[error("the signing key cannot be read or written: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Random(#[from] bevis_pack::PackError),
}

/// Loads the installation key from `data_dir`, creating it on first use.
pub fn load_or_create(data_dir: &Path) -> Result<SigningKey, KeyError> {
    let path = data_dir.join("signing.key");
    if path.exists() {
        let text = Zeroizing::new(std::fs::read_to_string(&path)?);
        let bytes =
            Zeroizing::new(hex::decode(text.trim()).map_err(|_| KeyError::Damaged(path.display().to_string()))?);
        let seed: [u8; 32] = bytes.as_slice().try_into().map_err(|_| KeyError::Damaged(path.display().to_string()))?;
        return Ok(SigningKey::from_bytes(&seed));
    }
    std::fs::create_dir_all(data_dir)?;
    let mut seed = Zeroizing::new([0u8; 32]);
    random(seed.as_mut())?;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut f = opts.open(&path)?;
    f.write_all(Zeroizing::new(hex::encode(seed.as_ref())).as_bytes())?;
    f.sync_all()?;
    tracing::info!(path = %path.display(), "created the installation signing key");
    Ok(SigningKey::from_bytes(&seed))
}
