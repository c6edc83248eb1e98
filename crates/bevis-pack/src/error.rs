//! Why a package cannot be written or read. Each variant says what a user can do.

/// Where in the container a check failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Header,
    /// Payload chunk number (0-based).
    Chunk(u64),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Header => write!(f, "the header"),
            Place::Chunk(n) => write!(f, "payload chunk {n}"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PackError {
    #[error("this is not a Bevis evidence package")]
    NotAPackage,
    #[error("package format version {0} is not supported by this version of Bevis")]
    UnsupportedVersion(u16),
    #[error("the package header is invalid: {0}")]
    BadHeader(String),
    #[error("wrong password")]
    WrongPassword,
    #[error("the package has been altered or damaged ({at})")]
    Tampered { at: Place },
    #[error("the package is incomplete: it ends early (after {chunks} payload chunks)")]
    Truncated { chunks: u64 },
    #[error("the package has unexpected bytes after its end")]
    TrailingData,
    #[error("the package contents are malformed: {0}")]
    BadArchive(String),
    #[error("the random number generator failed: {0}")]
    Random(String),
    #[error("the package is too large (more than 2^32 chunks)")]
    TooLarge,
    #[error("input/output error: {0}")]
    Io(#[from] std::io::Error),
}

impl PackError {
    /// Recovers a `PackError` that travelled through `std::io::Read`.
    pub fn from_io(e: std::io::Error) -> PackError {
        if e.get_ref().is_some_and(|inner| inner.is::<PackError>()) {
            let inner = e.into_inner().expect("checked above");
            return *inner.downcast::<PackError>().expect("checked above");
        }
        PackError::Io(e)
    }
}

impl From<PackError> for std::io::Error {
    fn from(e: PackError) -> Self {
        match e {
            PackError::Io(io) => io,
            other => std::io::Error::new(std::io::ErrorKind::InvalidData, other),
        }
    }
}

pub type Result<T, E = PackError> = std::result::Result<T, E>;
