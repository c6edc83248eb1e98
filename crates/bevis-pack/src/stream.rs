//! The payload: AES-256-GCM in the STREAM construction (Hoang, Reyhanitabar,
//! Rogaway, Vizár), as implemented by RustCrypto's `aead-stream` `StreamBE32`.
//!
//! Chunk *i* is sealed with nonce `prefix (7) ‖ i (u32 BE) ‖ last (1 byte: 0 or 1)`
//! and associated data = the header MAC, so chunks cannot be reordered, dropped,
//! duplicated, moved to another package, or followed by a forged end. Every chunk
//! but the last holds exactly `chunk_size` bytes; the last is flagged and is empty
//! only when the whole payload is.

use crate::error::{PackError, Place, Result};
use aead_stream::{NewStream, StreamBE32, StreamPrimitive};
use aes_gcm::Aes256Gcm;
use aes_gcm::aead::KeyInit;
use std::io::{Read, Write};
use std::sync::mpsc;
use zeroize::{Zeroize, Zeroizing};

/// Bytes a GCM tag adds to every chunk.
pub const TAG: usize = 16;

fn primitive(key: &[u8; 32], prefix: &[u8; 7]) -> StreamBE32<Aes256Gcm> {
    let cipher = Aes256Gcm::new_from_slice(key).expect("32-byte key");
    StreamBE32::from_aead(cipher, &(*prefix).into())
}

/// A chunk to seal: its position, whether it is the last, and its plaintext
/// (sealed in place: the same buffer comes back as ciphertext).
type Job = (u32, bool, Zeroizing<Vec<u8>>);

/// One sealing thread: its own cipher (from its own copy of the key), chunks in,
/// ciphertext out, in the order they came.
struct Sealer {
    jobs: Option<mpsc::SyncSender<Job>>,
    done: mpsc::Receiver<Result<Zeroizing<Vec<u8>>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Sealer {
    fn start(key: &[u8; 32], prefix: &[u8; 7], aad: [u8; 32]) -> Sealer {
        let (jobs, rx) = mpsc::sync_channel::<Job>(2);
        let (tx, done) = mpsc::sync_channel(2);
        let stream = primitive(key, prefix);
        let thread = std::thread::spawn(move || {
            for (position, last, mut buf) in rx {
                let sealed = stream
                    .encrypt_in_place(position, last, &aad, &mut *buf)
                    .map(|()| buf)
                    .map_err(|_| PackError::TooLarge);
                if tx.send(sealed).is_err() {
                    return;
                }
            }
        });
        Sealer { jobs: Some(jobs), done, thread: Some(thread) }
    }
}

impl Drop for Sealer {
    fn drop(&mut self) {
        // No more work, and nobody listening: the thread's next send fails and it ends.
        self.jobs.take();
        drop(std::mem::replace(&mut self.done, mpsc::sync_channel(0).1));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn stopped() -> PackError {
    PackError::Io(std::io::Error::other("a sealing thread stopped"))
}

/// Encrypts a payload written to it. Call [`ChunkWriter::finish`]: without it the
/// final chunk is never written and every reader reports the package truncated.
///
/// STREAM chunks are independent, so they are sealed on one thread per core
/// (chunk *i* on thread *i mod n*) and written in order: AES-GCM on one core is
/// slower than a disk (bench P4, P9).
pub struct ChunkWriter<W: Write> {
    inner: W,
    sealers: Vec<Sealer>,
    /// Chunks handed out and not yet written, oldest first.
    in_flight: std::collections::VecDeque<usize>,
    position: u32,
    /// Plaintext waiting to be sealed; wiped when dropped.
    buf: Zeroizing<Vec<u8>>,
    chunk: usize,
}

impl<W: Write> ChunkWriter<W> {
    pub fn new(inner: W, key: &[u8; 32], prefix: &[u8; 7], aad: [u8; 32], chunk: usize) -> Self {
        let n = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
        ChunkWriter {
            inner,
            sealers: (0..n).map(|_| Sealer::start(key, prefix, aad)).collect(),
            in_flight: std::collections::VecDeque::new(),
            position: 0,
            buf: Zeroizing::new(Vec::with_capacity(chunk + TAG)),
            chunk,
        }
    }

    /// Writes the oldest sealed chunk.
    fn write_one(&mut self) -> Result<()> {
        let Some(k) = self.in_flight.pop_front() else { return Ok(()) };
        let sealed = self.sealers[k].done.recv().map_err(|_| stopped())??;
        self.inner.write_all(&sealed)?;
        Ok(())
    }

    fn seal(&mut self, last: bool) -> Result<()> {
        if !last && self.position == u32::MAX {
            return Err(PackError::TooLarge);
        }
        if self.in_flight.len() >= 2 * self.sealers.len() {
            self.write_one()?;
        }
        let k = self.position as usize % self.sealers.len();
        let buf = std::mem::replace(&mut self.buf, Zeroizing::new(Vec::with_capacity(self.chunk + TAG)));
        let jobs = self.sealers[k].jobs.as_ref().expect("open until dropped");
        jobs.send((self.position, last, buf)).map_err(|_| stopped())?;
        self.in_flight.push_back(k);
        self.position = self.position.wrapping_add(1);
        Ok(())
    }

    /// Seals the final chunk and returns the inner writer (not flushed to disk).
    pub fn finish(mut self) -> Result<W> {
        self.seal(true)?;
        while !self.in_flight.is_empty() {
            self.write_one()?;
        }
        self.inner.flush()?;
        self.sealers.clear();
        let ChunkWriter { inner, .. } = self;
        Ok(inner)
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
