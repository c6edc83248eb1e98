//! The payload: AES-256-GCM in the STREAM construction (Hoang, Reyhanitabar,
//! Rogaway, Vizár), as implemented by the `aead` crate's `StreamBE32`.
//!
//! Chunk *i* is sealed with nonce `prefix (7) ‖ i (u32 BE) ‖ last (1 byte: 0 or 1)`
//! and associated data = the header MAC, so chunks cannot be reordered, dropped,
//! duplicated, moved to another package, or followed by a forged end. Every chunk
//! but the last holds exactly `chunk_size` bytes; the last is flagged and is empty
//! only when the whole payload is.

use crate::error::{PackError, Place, Result};
use aes_gcm::Aes256Gcm;
use aes_gcm::aead::KeyInit;
use aes_gcm::aead::generic_array::GenericArray;
use aes_gcm::aead::stream::{NewStream, StreamBE32, StreamPrimitive};
use std::io::{Read, Write};
use zeroize::{Zeroize, Zeroizing};

/// Bytes a GCM tag adds to every chunk.
pub const TAG: usize = 16;

fn primitive(key: &[u8; 32], prefix: &[u8; 7]) -> StreamBE32<Aes256Gcm> {
    let cipher = Aes256Gcm::new_from_slice(key).expect("32-byte key");
    StreamBE32::from_aead(cipher, GenericArray::from_slice(prefix))
}

/// Encrypts a payload written to it. Call [`ChunkWriter::finish`]: without it the
/// final chunk is never written and every reader reports the package truncated.
pub struct ChunkWriter<W: Write> {
    inner: W,
    stream: StreamBE32<Aes256Gcm>,
    aad: [u8; 32],
    position: u32,
    /// Plaintext waiting to be sealed; wiped when dropped.
    buf: Zeroizing<Vec<u8>>,
    chunk: usize,
}

impl<W: Write> ChunkWriter<W> {
    pub fn new(inner: W, key: &[u8; 32], prefix: &[u8; 7], aad: [u8; 32], chunk: usize) -> Self {
        ChunkWriter {
            inner,
            stream: primitive(key, prefix),
            aad,
            position: 0,
            buf: Zeroizing::new(Vec::with_capacity(chunk + TAG)),
            chunk,
        }
    }

    fn seal(&mut self, last: bool) -> Result<()> {
        if !last && self.position == u32::MAX {
            return Err(PackError::TooLarge);
        }
        self.stream
            .encrypt_in_place(self.position, last, &self.aad, &mut *self.buf)
            .map_err(|_| PackError::TooLarge)?;
        self.inner.write_all(&self.buf)?;
        // The buffer now holds ciphertext; it is reused, and wiped when dropped.
        self.buf.clear();
        self.position = self.position.wrapping_add(1);
        Ok(())
    }

    /// Seals the final chunk and returns the inner writer (not flushed to disk).
    pub fn finish(mut self) -> Result<W> {
        self.seal(true)?;
        self.inner.flush()?;
        Ok(self.inner)
    }
}

impl<W: Write> Write for ChunkWriter<W> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if data.is_empty() {
            return Ok(0);
        }
        // A full chunk is sealed only once more data arrives: the last chunk must
        // be flagged, and only `finish` knows which one that is.
        if self.buf.len() == self.chunk {
            self.seal(false)?;
        }
        let n = data.len().min(self.chunk - self.buf.len());
        self.buf.extend_from_slice(&data[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Decrypts and authenticates a payload chunk by chunk.
pub struct ChunkReader<R: Read> {
    inner: R,
    stream: StreamBE32<Aes256Gcm>,
    aad: [u8; 32],
    position: u32,
    chunk: usize,
    /// A byte read ahead to learn whether the current chunk is the last.
    peeked: Option<u8>,
    plain: Zeroizing<Vec<u8>>,
    served: usize,
    done: bool,
    /// A chunk failed: every later read fails too (never a clean end of file).
    broken: bool,
}

impl<R: Read> ChunkReader<R> {
    pub fn new(inner: R, key: &[u8; 32], prefix: &[u8; 7], aad: [u8; 32], chunk: usize) -> Self {
        let stream = primitive(key, prefix);
        ChunkReader {
            inner,
            stream,
            aad,
            position: 0,
            chunk,
            peeked: None,
            plain: Zeroizing::new(Vec::new()),
            served: 0,
            done: false,
            broken: false,
        }
    }

    /// Reads the next chunk's bytes into `self.plain` (one buffer, reused: no
    /// allocation or copy per chunk) and says whether the file ends right after them.
    fn next_piece(&mut self) -> Result<bool> {
        let want = self.chunk + TAG;
        self.plain.clear();
        self.plain.extend(self.peeked.take());
        let have = self.plain.len();
        (&mut self.inner).take((want - have) as u64).read_to_end(&mut self.plain)?;
        if self.plain.len() < want {
            return Ok(true);
        }
        let mut one = [0u8; 1];
        if self.inner.read(&mut one)? == 0 {
            return Ok(true);
        }
        self.peeked = Some(one[0]);
        Ok(false)
    }

    /// Reads, authenticates and decrypts the next chunk into `self.plain`.
    fn next_chunk(&mut self) -> Result<()> {
        self.served = 0;
        let at_eof = self.next_piece()?;
        let chunks = self.position as u64;
        if self.plain.len() < TAG {
            let empty = self.plain.is_empty();
            self.plain.clear();
            return Err(if empty {
                PackError::Truncated { chunks }
            } else {
                PackError::Tampered { at: Place::Chunk(chunks) }
            });
        }
        if self.stream.decrypt_in_place(self.position, at_eof, &self.aad, &mut *self.plain).is_err() {
            // Which way it fails tells truncation and trailing data from tampering.
            // (A failed GCM check leaves the buffer as it was; were that ever not so,
            // the second try would fail too and the error would read "tampered".)
            let other = self.stream.decrypt_in_place(self.position, !at_eof, &self.aad, &mut *self.plain).is_ok();
            self.plain.zeroize();
            return Err(match (other, at_eof) {
                (true, true) => PackError::Truncated { chunks: chunks + 1 },
                (true, false) => PackError::TrailingData,
                (false, _) => PackError::Tampered { at: Place::Chunk(chunks) },
            });
        }
        if (at_eof && self.plain.is_empty() && self.position > 0) || (!at_eof && self.position == u32::MAX) {
            self.plain.zeroize();
            return Err(if at_eof { PackError::Tampered { at: Place::Chunk(chunks) } } else { PackError::TooLarge });
        }
        self.position = self.position.wrapping_add(1);
        self.done = at_eof;
        Ok(())
    }

    /// Number of chunks authenticated so far.
    pub fn chunks(&self) -> u64 {
        self.position as u64
    }
}

impl<R: Read> Read for ChunkReader<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.served == self.plain.len() {
            if self.broken {
                return Err(std::io::Error::other("the package failed verification; nothing more is read"));
            }
            if self.done {
                return Ok(0);
            }
            if let Err(e) = self.next_chunk() {
                self.broken = true;
                return Err(e.into());
            }
        }
        let n = out.len().min(self.plain.len() - self.served);
        out[..n].copy_from_slice(&self.plain[self.served..self.served + n]);
        self.served += n;
        Ok(n)
    }
}
