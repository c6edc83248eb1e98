//! Named files inside the payload, written front to back without knowing sizes in
//! advance (the video is rendered straight into the package).
//!
//! ```text
//! entry:  'F' ‖ name length (u16 BE) ‖ name (UTF-8) ‖ { block length (u32 BE) ‖ bytes }* ‖ 0 (u32)
//! end:    'E'
//! ```
//!
//! Names are relative paths of plain components (no `..`, no leading `/`), at most
//! 255 bytes, unique within a package. The end marker is required: without it the
//! archive is incomplete even if the encryption layer is intact.

use crate::error::{PackError, Result};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};

/// Largest block a reader accepts.
pub const MAX_BLOCK: u32 = 16 << 20;

/// A file written into the archive: its name, size and SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub name: String,
    pub size: u64,
    pub sha256: String,
}

fn bad(msg: impl Into<String>) -> PackError {
    PackError::BadArchive(msg.into())
}

/// Checks that `name` is a safe relative path.
pub fn check_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 255
        && !name.starts_with('/')
        && !name.contains('\\')
        && name.split('/').all(|c| !c.is_empty() && c != "." && c != "..")
        && !name.chars().any(char::is_control);
    if ok { Ok(()) } else { Err(bad(format!("unsafe file name {name:?}"))) }
}

/// Why `name` cannot join files already named `taken`, if it cannot: the same
/// name; the same name but for letter case (one file on Windows and macOS); or a
/// name that is another's folder (`a` beside `a/b` cannot both be extracted).
pub fn clash<'a>(taken: impl IntoIterator<Item = &'a str>, name: &str) -> Option<String> {
    let folded = name.to_lowercase();
    taken.into_iter().find_map(|t| {
        let (a, b) = (t.to_lowercase(), folded.as_str());
        if t == name {
            Some(format!("{name} appears twice"))
        } else if a == b {
            Some(format!("{name} and {t} differ only in letter case"))
        } else if b.strip_prefix(a.as_str()).is_some_and(|r| r.starts_with('/'))
            || a.strip_prefix(b).is_some_and(|r| r.starts_with('/'))
        {
            Some(format!("{name} and {t} cannot both exist: one is the other's folder"))
        } else {
            None
        }
    })
}

/// Writes entries into a payload stream.
pub struct ArchiveWriter<W: Write> {
    inner: W,
    written: Vec<Written>,
}

/// One open entry; every `write` becomes one block.
pub struct Entry<'a, W: Write> {
    archive: &'a mut ArchiveWriter<W>,
    name: String,
    size: u64,
    hash: Sha256,
}

impl<W: Write> ArchiveWriter<W> {
    pub fn new(inner: W) -> Self {
        ArchiveWriter { inner, written: Vec::new() }
    }

    pub fn start(&mut self, name: &str) -> Result<Entry<'_, W>> {
        check_name(name)?;
        if let Some(why) = clash(self.written.iter().map(|w| w.name.as_str()), name) {
            return Err(bad(why));
        }
        self.inner.write_all(b"F")?;
        self.inner.write_all(&(name.len() as u16).to_be_bytes())?;
        self.inner.write_all(name.as_bytes())?;
        Ok(Entry { archive: self, name: name.into(), size: 0, hash: Sha256::new() })
    }

    /// Writes a whole file from memory.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<Written> {
        let mut e = self.start(name)?;
        e.write_all(bytes)?;
        e.end()
    }

    /// Files written so far.
    pub fn written(&self) -> &[Written] {
        &self.written
    }

    /// Writes the end marker and returns the payload writer.
    pub fn finish(mut self) -> Result<W> {
        self.inner.write_all(b"E")?;
        Ok(self.inner)
    }
}

impl<W: Write> Entry<'_, W> {
    /// Closes the entry and returns what was written.
    pub fn end(self) -> Result<Written> {
        self.archive.inner.write_all(&0u32.to_be_bytes())?;
        let w = Written { name: self.name, size: self.size, sha256: hex::encode(self.hash.finalize()) };
        self.archive.written.push(w.clone());
        Ok(w)
    }
}

impl<W: Write> Write for Entry<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = buf.len().min(MAX_BLOCK as usize);
        if n == 0 {
            return Ok(0);
        }
        self.archive.inner.write_all(&(n as u32).to_be_bytes())?;
        self.archive.inner.write_all(&buf[..n])?;
        self.hash.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.archive.inner.flush()
    }
}

/// Reads entries from a payload stream, calling `each(name, block)` for every
/// block; returns what was read once the end marker is reached.
pub fn read_all(r: &mut impl Read, mut each: impl FnMut(&str, &[u8]) -> Result<()>) -> Result<Vec<Written>> {
    let mut out: Vec<Written> = Vec::new();
    let mut tag = [0u8; 1];
    loop {
        read_exact(r, &mut tag)?;
        match tag[0] {
            b'E' => break,
            b'F' => {
                let name = read_name(r)?;
                if let Some(why) = clash(out.iter().map(|w| w.name.as_str()), &name) {
                    return Err(bad(why));
                }
                out.push(read_entry(r, name, &mut each)?);
            }
            other => return Err(bad(format!("unknown record type {other:#04x}"))),
        }
    }
    let mut extra = [0u8; 1];
    // The read past the end marker may meet a bad final chunk: report that error
    // itself, not wrapped in an I/O error (which printed its message twice).
    if r.read(&mut extra).map_err(PackError::from_io)? != 0 {
        return Err(bad("data after the end marker"));
    }
    Ok(out)
}

fn read_exact(r: &mut impl Read, buf: &mut [u8]) -> Result<()> {
    r.read_exact(buf).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => bad("the file list ends early"),
        _ => PackError::from_io(e),
    })
}

fn read_name(r: &mut impl Read) -> Result<String> {
    let mut len = [0u8; 2];
    read_exact(r, &mut len)?;
    let mut name = vec![0u8; u16::from_be_bytes(len) as usize];
    read_exact(r, &mut name)?;
    let name = String::from_utf8(name).map_err(|_| bad("a file name is not UTF-8"))?;
    check_name(&name)?;
    Ok(name)
}

fn read_entry(r: &mut impl Read, name: String, each: &mut impl FnMut(&str, &[u8]) -> Result<()>) -> Result<Written> {
    let (mut size, mut hash) = (0u64, Sha256::new());
    let mut len = [0u8; 4];
    let mut block = Vec::new();
    loop {
        read_exact(r, &mut len)?;
        let n = u32::from_be_bytes(len);
        if n == 0 {
            return Ok(Written { name, size, sha256: hex::encode(hash.finalize()) });
        }
        if n > MAX_BLOCK {
            return Err(bad(format!("a block of {n} bytes is larger than allowed")));
        }
        block.resize(n as usize, 0);
        read_exact(r, &mut block)?;
        hash.update(&block);
        size += n as u64;
        each(&name, &block)?;
    }
}
