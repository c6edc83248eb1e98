//! Checks before anything is written: free space and the FAT32 file-size limit.

use super::ExportError;
use bevis_media::render::ClipJob;
use std::io::Write;
use std::path::Path;

/// A generous size estimate: 0.15 bit per pixel per frame, doubled, plus 16 MB.
/// `extra`: bytes copied as they are (original footage).
pub(super) fn preflight(drive: &Path, jobs: &[ClipJob], extra: u64) -> Result<(), ExportError> {
    let bits: f64 =
        jobs.iter().map(|j| j.frame_count() as f64 * (j.composer.crop.w * j.composer.crop.h) as f64 * 0.15).sum();
    let need = (bits / 8.0 * 2.0) as u64 + (16 << 20) + extra;
    let free = fs4::available_space(drive)?;
    if free < need {
        return Err(ExportError::NoSpace { free_mb: free >> 20, need_mb: need >> 20 });
    }
    if is_fat(drive) && (need - extra) / 2 + extra > crate::drives::FAT32_MAX_FILE {
        return Err(ExportError::Fat32Limit);
    }
    Ok(())
}

pub(super) fn is_fat(drive: &Path) -> bool {
    crate::drives::fs_type(drive).is_some_and(|t| matches!(t.as_str(), "vfat" | "msdos" | "fat"))
}

/// Refuses to grow a file past `limit` bytes (FAT32), with the error users understand.
pub(super) struct Limited<W> {
    pub(super) inner: W,
    pub(super) written: u64,
    pub(super) limit: u64,
}

impl<W: Write> Write for Limited<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.written + buf.len() as u64 > self.limit {
            return Err(std::io::Error::new(std::io::ErrorKind::FileTooLarge, ExportError::Fat32Limit.to_string()));
        }
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
