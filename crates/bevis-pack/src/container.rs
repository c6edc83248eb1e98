//! One container file: clear header, its MAC, the encrypted payload.
//!
//! Writing: [`PackageWriter::create`] writes the header and returns a `Write` for
//! the payload; [`PackageWriter::finish`] seals the last chunk. Reading:
//! [`PackageReader::open`] checks the clear header (no password);
//! [`Locked::unlock`] unwraps the key and verifies the header MAC before the first
//! payload byte is decrypted; the result is a `Read` of authenticated plaintext.

use crate::CHUNK_SIZE;
use crate::error::{PackError, Result};
use crate::header::{self, FORMAT_NAME, Header, RawHeader};
use crate::keys::{self, FileKey, ITERATIONS, LABEL_HEADER_MAC, LABEL_PAYLOAD, Secret};
use crate::stream::{ChunkReader, ChunkWriter, TAG};
use base64::Engine;
use std::io::{Read, Write};

/// What the clear header says about a new package.
#[derive(Debug, Clone)]
pub struct Meta {
    pub case_ref: String,
    pub issuer: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// `YYYY-MM-DD`.
    pub delete_by: String,
}

/// Knobs that only tests and benchmarks change.
#[derive(Debug, Clone)]
pub struct Params {
    pub chunk_size: usize,
    pub iterations: u32,
    /// A package id chosen by the caller (to name the folder first); random if `None`.
    pub package_id: Option<[u8; 16]>,
}

impl Default for Params {
    fn default() -> Self {
        Params { chunk_size: CHUNK_SIZE, iterations: ITERATIONS, package_id: None }
    }
}

/// A package being written. Dropping it without [`finish`](Self::finish) leaves a
/// container that every reader rejects as truncated.
pub struct PackageWriter<W: Write> {
    chunks: ChunkWriter<W>,
    header: Header,
}

impl<W: Write> PackageWriter<W> {
    pub fn create(mut out: W, meta: &Meta, password: &str, params: &Params) -> Result<Self> {
        let mut id = [0u8; 16];
        let mut prefix = [0u8; 7];
        match params.package_id {
            Some(given) => id = given,
            None => keys::random(&mut id)?,
        }
        keys::random(&mut prefix)?;
        let key = FileKey::generate()?;
        let wrapped = keys::wrap(&key, password, params.iterations, &id)?;
        let header = Header {
            format: FORMAT_NAME.into(),
            package_id: hex::encode(id),
            created_at: meta.created_at.clone(),
            delete_by: meta.delete_by.clone(),
            case_ref: meta.case_ref.clone(),
            issuer: meta.issuer.clone(),
            chunk_size: params.chunk_size as u32,
            kdf: Header::kdf_from(&wrapped),
            nonce_prefix: base64::engine::general_purpose::STANDARD.encode(prefix),
        };
        header.check()?;
        let bytes = header.encode();
        let mac = header::mac(&key.subkey(&id, LABEL_HEADER_MAC), &bytes);
        out.write_all(&bytes)?;
        out.write_all(&mac)?;
        let chunks = ChunkWriter::new(out, &key.subkey(&id, LABEL_PAYLOAD), &prefix, mac, params.chunk_size);
        Ok(PackageWriter { chunks, header })
    }

    pub fn header(&self) -> &Header {
        &self.header
    }

    /// Seals the payload; returns the inner writer (the caller syncs it to disk).
    pub fn finish(self) -> Result<W> {
        self.chunks.finish()
    }
}

impl<W: Write> Write for PackageWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.chunks.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.chunks.flush()
    }
}

/// A container whose clear header has been read and checked.
pub struct Locked<R: Read> {
    raw: RawHeader,
    inner: R,
}

/// Opens containers.
pub struct PackageReader;

impl PackageReader {
    /// Reads and checks the clear header; no password needed.
    pub fn open<R: Read>(mut inner: R) -> Result<Locked<R>> {
        let raw = header::read(&mut inner)?;
        Ok(Locked { raw, inner })
    }
}

impl<R: Read> Locked<R> {
    pub fn header(&self) -> &Header {
        &self.raw.header
    }

    /// The key-encryption key for a password (the slow step: PBKDF2).
    pub fn kek(&self, password: &str) -> Result<Secret> {
        let w = self.raw.header.wrapped()?;
        Ok(keys::kek(password, &w.salt, w.iterations))
    }

    /// Unlocks with a password: wrong password, then header MAC, are checked first.
    pub fn unlock(self, password: &str) -> Result<ChunkReader<R>> {
        let kek = self.kek(password)?;
        self.unlock_with_kek(&kek)
    }

    /// Unlocks with a key-encryption key computed earlier.
    pub fn unlock_with_kek(self, kek: &Secret) -> Result<ChunkReader<R>> {
        let h = &self.raw.header;
        let id = h.package_id_bytes()?;
        let key = keys::unwrap_with_kek(&h.wrapped()?, kek, &id)?;
        header::verify_mac(&key.subkey(&id, LABEL_HEADER_MAC), &self.raw.bytes, &self.raw.mac)?;
        let prefix = h.nonce_prefix_bytes()?;
        Ok(ChunkReader::new(self.inner, &key.subkey(&id, LABEL_PAYLOAD), &prefix, self.raw.mac, h.chunk_size as usize))
    }

    /// Checks, without the password, that the payload length is one a complete
    /// package can have: whole chunks and a final chunk of at least one tag.
    pub fn check_length(&self, total_file_len: u64) -> Result<u64> {
        let start = (self.raw.bytes.len() + 32) as u64;
        let payload = total_file_len.checked_sub(start).ok_or(PackError::Truncated { chunks: 0 })?;
        let full = (self.raw.header.chunk_size as usize + TAG) as u64;
        let (n, rest) = (payload / full, payload % full);
        match (n, rest) {
            (0, 0) => Err(PackError::Truncated { chunks: 0 }),
            (_, r) if r > 0 && r < TAG as u64 => Err(PackError::Truncated { chunks: n }),
            _ => Ok(n + u64::from(rest > 0)),
        }
    }
}
