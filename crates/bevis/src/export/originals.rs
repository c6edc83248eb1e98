//! The master exhibit: the recorder's own footage beside the working copy.
//!
//! Police forensic guidance (NPCC/Home Office, FBI/TSWG) asks for the recording
//! in its native format. Two forms, both streamed straight into the encrypted
//! package like the clips:
//! - `files`: every recorder file that overlaps the clip, byte for byte; its
//!   SHA-256 inside the package must equal the one hashed from the recorder
//!   before rendering, or the export fails (the file changed under us);
//! - `cut`: the packets of the clip's stretch, stream-copied without decoding
//!   ([`bevis_media::cut`]), one file per recorder file the clip touches.
//!
//! A file two clips share is stored once and listed under both.

use super::{ExportError, Stage};
use bevis_media::render::ClipJob;
use bevis_media::timeline::Segment;
use bevis_pack::archive::ArchiveWriter;
use bevis_pack::manifest::{OriginalEntry, SourceFile};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Which form of the original goes into a package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[ts(rename = "OriginalForm")]
pub enum Form {
    /// The recorder's files, whole and byte-identical.
    Files,
    /// A lossless cut of the clip's stretch.
    Cut,
}

impl Form {
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Files => "files",
            Form::Cut => "cut",
        }
    }
}

/// Originals asked for, with the written reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Originals {
    pub form: Form,
    pub why: String,
}

/// The recorder files of `job` that overlap its clip, with their local range.
pub(super) fn overlapping(job: &ClipJob) -> impl Iterator<Item = (&Segment, f64, f64)> {
    let half = job.info.frame_secs() / 2.0;
    job.info
        .segments
        .iter()
        .filter(move |s| s.offset + s.duration > job.in_s + half && s.offset < job.out_s - half)
        .map(move |s| ((s), (job.in_s - s.offset).max(0.0), (job.out_s - s.offset).min(s.duration)))
}

/// Bytes the originals of `jobs` add to a package, about.
pub(super) fn estimate(jobs: &[ClipJob], form: Form) -> u64 {
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let each = |(s, a, b): (&Segment, f64, f64)| match form {
        Form::Files => size(&s.path),
        Form::Cut => (size(&s.path) as f64 * ((b - a) / s.duration.max(1e-3) + 0.05).min(1.0)) as u64,
    };
    jobs.iter().flat_map(overlapping).map(each).sum()
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(|| "recording".into(), |n| n.to_string_lossy().into_owned())
}

/// Writes the originals of clip `index` (`n` in the package's numbering).
pub(super) fn write<W: Write>(
    archive: &mut ArchiveWriter<W>,
    (index, job): (usize, &ClipJob),
    form: Form,
    sources: &[SourceFile],
    stored: &mut BTreeMap<String, String>,
    on_stage: &mut impl FnMut(Stage) -> bool,
) -> Result<Vec<OriginalEntry>, ExportError> {
    let mut entries = Vec::new();
    for (seg, from, to) in overlapping(job) {
        let source = file_name(&seg.path);
        let entry = match form {
            Form::Files => whole(archive, seg, &source, sources, stored)?,
            Form::Cut => cut(archive, (index, job), (seg, from, to), &source, on_stage)?,
        };
        entries.push(entry);
    }
    Ok(entries)
}

fn whole<W: Write>(
    archive: &mut ArchiveWriter<W>,
    seg: &Segment,
    source: &str,
    sources: &[SourceFile],
    stored: &mut BTreeMap<String, String>,
) -> Result<OriginalEntry, ExportError> {
    let entry = |file: &str| OriginalEntry {
        form: Form::Files.as_str().into(),
        source: source.into(),
        file: file.into(),
        from: None,
        to: None,
    };
    if let Some(file) = stored.get(source) {
        return Ok(entry(file));
    }
    let file = format!("originals/{source}");
    let mut out = archive.start(&file)?;
    std::io::copy(&mut std::fs::File::open(&seg.path)?, &mut out)?;
    let written = out.end()?;
    let hashed = sources.iter().find(|s| s.name == source).map(|s| s.sha256.as_str());
    if hashed != Some(written.sha256.as_str()) {
        return Err(ExportError::Invalid(format!(
            "{} changed while it was being exported: its SHA-256 no longer matches; export again",
            seg.path.display()
        )));
    }
    stored.insert(source.into(), file.clone());
    Ok(entry(&file))
}

fn cut<W: Write>(
    archive: &mut ArchiveWriter<W>,
    (index, job): (usize, &ClipJob),
    (seg, from, to): (&Segment, f64, f64),
    source: &str,
    on_stage: &mut impl FnMut(Stage) -> bool,
) -> Result<OriginalEntry, ExportError> {
    let ext = bevis_media::cut::extension_for(&job.info.container);
    let stem = Path::new(source).file_stem().map_or_else(|| "recording".into(), |s| s.to_string_lossy().into_owned());
    let file = format!("originals/clip-{}-{stem}.{ext}", index + 1);
    let mut out = archive.start(&file)?;
    let mut n = 0u64;
    let report = bevis_media::cut::cut(&seg.path, &job.info.container, (from, to), &mut out, || {
        n += 1;
        !n.is_multiple_of(256) || on_stage(Stage::Originals { clip: index })
    })
    .map_err(|e| if matches!(e, bevis_media::MediaError::Cancelled) { ExportError::Cancelled } else { e.into() })?;
    out.end()?;
    let r3 = |x: f64| (x * 1000.0).round() / 1000.0;
    Ok(OriginalEntry {
        form: Form::Cut.as_str().into(),
        source: source.into(),
        file,
        from: Some(r3(report.from)),
        to: Some(r3(report.to)),
    })
}
