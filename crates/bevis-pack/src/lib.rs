//! The Bevis evidence package: what leaves the school on a USB stick.
//!
//! A package is one container file. Its clear header says what it is (package id,
//! case reference, issuer, delete-by date) so that a register or a police officer
//! can identify it without the password; a password-wrapped random file key
//! protects everything else. The header is bound by an HMAC checked before any
//! payload byte is decrypted, and the payload is AES-256-GCM in the STREAM
//! construction (1 MiB chunks, last chunk flagged), so truncation, reordering,
//! trailing bytes and bit flips are all detected. The byte-level specification is
//! `docs/FORMAT.md`; an independent reader can be written from it alone.
//!
//! Layers, from the bottom: [`keys`] (file key, password wrap, subkeys),
//! [`header`] (clear header and its MAC), [`stream`] (the chunked payload),
//! [`container`] (all three in one file), [`archive`] (named files inside the
//! payload). This crate knows nothing about video or databases.

pub mod archive;
pub mod container;
pub mod error;
pub mod header;
pub mod keys;
pub mod manifest;
pub mod open;
pub mod password;
pub mod stream;

pub use container::{PackageReader, PackageWriter};
pub use error::PackError;
pub use header::Header;

/// Payload chunk size of format version 1.
pub const CHUNK_SIZE: usize = 1 << 20;
/// Format version written by this build.
pub const VERSION: u16 = 1;
/// The first eight bytes of every container (PNG-style: a high bit and CR LF
/// catch transfers that mangle bytes).
pub const MAGIC: [u8; 8] = [0x89, b'B', b'E', b'V', b'I', b'S', b'\r', b'\n'];
