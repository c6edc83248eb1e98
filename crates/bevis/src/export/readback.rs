//! Reading the package back *from the device*, not from the page cache.
//!
//! After `fsync` the kernel still holds the written pages; reading them back
//! would only prove that memory is intact. On Linux the file is reopened with
//! `O_DIRECT`, which bypasses the cache, into a 4 KiB-aligned buffer. File
//! systems that refuse `O_DIRECT` (tmpfs, some FUSE mounts) fall back to a
//! normal read, and the export says which kind of read-back it did.

use std::fs::File;
use std::io::Read;
use std::path::Path;

const ALIGN: usize = 4096;
const SIZE: usize = 1 << 20;

/// A reader that uses one aligned buffer for direct I/O.
pub struct DeviceReader {
    file: File,
    buf: Vec<u8>,
    start: usize,
    pos: usize,
    len: usize,
}

impl DeviceReader {
    /// Opens `path` for direct reads; `None` if the file system does not allow them.
    pub fn open(path: &Path) -> Option<DeviceReader> {
        let file = open_direct(path)?;
        let buf = vec![0u8; SIZE + ALIGN];
        let start = (ALIGN - buf.as_ptr() as usize % ALIGN) % ALIGN;
        let mut r = DeviceReader { file, buf, start, pos: 0, len: 0 };
        // Some file systems accept the flag at open and refuse the first read.
        r.refill().ok()?;
        Some(r)
    }

    fn refill(&mut self) -> std::io::Result<()> {
        let window = &mut self.buf[self.start..self.start + SIZE];
        self.len = self.file.read(window)?;
        self.pos = 0;
        Ok(())
    }
}

#[cfg(target_os = "linux")]
fn open_direct(path: &Path) -> Option<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_DIRECT).open(path).ok()
}

#[cfg(not(target_os = "linux"))]
fn open_direct(_path: &Path) -> Option<File> {
    None
}

impl Read for DeviceReader {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pos == self.len {
            self.refill()?;
            if self.len == 0 {
                return Ok(0);
            }
        }
        let n = out.len().min(self.len - self.pos);
        let from = self.start + self.pos;
        out[..n].copy_from_slice(&self.buf[from..from + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direct_reads_return_the_exact_bytes() {
        // In the checkout, which lives on a real disk (tmpfs refuses O_DIRECT).
        let dir = tempfile::tempdir_in(env!("CARGO_MANIFEST_DIR")).unwrap();
        let path = dir.path().join("f");
        let data: Vec<u8> = (0..3 * SIZE + 12_345).map(|i| (i * 7 % 253) as u8).collect();
        std::fs::write(&path, &data).unwrap();
        let mut r = DeviceReader::open(&path).expect("the checkout's file system supports direct I/O");
        let mut back = Vec::new();
        r.read_to_end(&mut back).unwrap();
        assert_eq!(back, data);
    }
}
