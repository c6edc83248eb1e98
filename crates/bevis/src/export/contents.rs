//! What goes inside a package: the clips (rendered straight into it), stills, the
//! redaction log, the receipt and the signed manifest, in that order.

use super::{ExportError, ExportRequest, Stage, originals, vtt};
use crate::receipt;
use bevis_media::clock::{self, Zoned};
use bevis_media::render::{ClipJob, RenderReport, render_job};
use bevis_pack::archive::ArchiveWriter;
use bevis_pack::container::Meta;
use bevis_pack::manifest::{self, ClipEntry, ClockEntry, FileEntry, GapEntry, MANIFEST_FORMAT, Manifest, SourceFile};
use ed25519_dalek::SigningKey;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

pub(super) fn file_sha256(path: &Path) -> std::io::Result<String> {
    let mut h = Sha256::new();
    std::io::copy(&mut std::fs::File::open(path)?, &mut h)?;
    Ok(hex::encode(h.finalize()))
}

pub(super) fn hash_sources(job: &ClipJob) -> Result<Vec<SourceFile>, ExportError> {
    job.info
        .segments
        .iter()
        .map(|s| {
            let name =
                s.path.file_name().map_or_else(|| s.path.display().to_string(), |n| n.to_string_lossy().into_owned());
            Ok(SourceFile { name, size: std::fs::metadata(&s.path)?.len(), sha256: file_sha256(&s.path)? })
        })
        .collect()
}

/// Everything the contents depend on.
pub(super) struct Ctx<'a> {
    pub(super) req: &'a ExportRequest,
    pub(super) key: &'a SigningKey,
    pub(super) jobs: &'a [ClipJob],
    pub(super) meta: Meta,
    pub(super) package_id: String,
}

/// The clip's recording on the real clock, and how its clock was checked.
fn zoned(ctx: &Ctx<'_>, i: usize) -> Result<(Zoned, ClockEntry), ExportError> {
    let plan = &ctx.req.plan;
    let c = plan.source(&plan.clips[i].source).and_then(|s| s.clock.as_ref());
    let zoned = Zoned::of(&ctx.jobs[i].info, c)?;
    let entry = match c {
        Some(c) => ClockEntry { offset_s: c.offset_s, how: c.how.clone(), time_zone: c.time_zone.clone() },
        None => ClockEntry { offset_s: 0.0, how: String::new(), time_zone: clock::DEFAULT_ZONE.into() },
    };
    Ok((zoned, entry))
}

fn clip_entry(job: &ClipJob, file: String, sources: Vec<SourceFile>, r: &RenderReport, z: &Zoned) -> ClipEntry {
    let c = job.composer.crop;
    let wall = |t: f64| job.info.wall_clock(t).map(|w| w.format("%Y-%m-%dT%H:%M:%S%.3f").to_string());
    let end = job.in_s + job.frame_count() as f64 * job.info.frame_secs();
    ClipEntry {
        file,
        camera: None,
        sources,
        from: job.in_s,
        to: job.out_s,
        wall_from: wall(job.in_s),
        wall_to: wall(job.out_s),
        crop: [c.x, c.y, c.w, c.h],
        frames: r.frames,
        width: r.width as u32,
        height: r.height as u32,
        recorder_from: z.recorder(job.in_s).map(|t| clock::stamp(&t)),
        recorder_to: z.recorder(end).map(|t| clock::stamp(&t)),
        time_from: z.corrected(job.in_s).map(|t| clock::stamp(&t)),
        time_to: z.corrected(end).map(|t| clock::stamp(&t)),
        clock: None,
        subtitles: None,
        originals: Vec::new(),
        gaps: job
            .info
            .gaps
            .iter()
            .filter(|g| g.at > job.in_s && g.at < job.out_s && g.seconds > 0.0)
            .map(|g| GapEntry { at: g.at, seconds: g.seconds })
            .collect(),
    }
}

/// Renders every clip into its archive entry, with its subtitles and originals.
fn write_clips<W: Write>(
    ctx: &Ctx<'_>,
    sources: Vec<Vec<SourceFile>>,
    archive: &mut ArchiveWriter<W>,
    on_stage: &mut impl FnMut(Stage) -> bool,
) -> Result<Vec<ClipEntry>, ExportError> {
    let mut clips = Vec::new();
    let mut stored = BTreeMap::new();
    let n = ctx.jobs.len();
    for (i, (job, sources)) in ctx.jobs.iter().zip(sources).enumerate() {
        let file = format!("clips/clip-{}.mp4", i + 1);
        let mut entry = archive.start(&file)?;
        let report = render_job(job, &mut entry, &Default::default(), |p| {
            on_stage(Stage::Rendering { clip: i, clips: n, progress: p })
        })
        .map_err(|e| if matches!(e, bevis_media::MediaError::Cancelled) { ExportError::Cancelled } else { e.into() })?;
        entry.end()?;
        let clip = &ctx.req.plan.clips[i];
        let camera = ctx.req.plan.source(&clip.source).and_then(|s| s.camera.clone());
        let (z, clock) = zoned(ctx, i)?;
        let mut e = clip_entry(job, file, sources, &report, &z);
        if let Some(text) = vtt::sidecar(job, &z, camera.as_deref()) {
            let name = format!("clips/clip-{}.vtt", i + 1);
            archive.add(&name, text.as_bytes())?;
            e.subtitles = Some(name);
        }
        if let Some(o) = &ctx.req.originals {
            if !on_stage(Stage::Originals { clip: i }) {
                return Err(ExportError::Cancelled);
            }
            e.originals = originals::write(archive, (i, job), o.form, &e.sources, &mut stored, on_stage)?;
        }
        clips.push(ClipEntry { camera, clock: Some(clock), ..e });
    }
    Ok(clips)
}

/// The manifest before the file list is known.
fn unsigned_manifest(ctx: &Ctx<'_>, clips: Vec<ClipEntry>) -> Manifest {
    let (req, meta) = (ctx.req, &ctx.meta);
    Manifest {
        format: MANIFEST_FORMAT.into(),
        package_id: ctx.package_id.clone(),
        case_ref: meta.case_ref.clone(),
        issuer: meta.issuer.clone(),
        operator: req.operator.clone(),
        reason: req.reason.clone(),
        recipient: req.recipient.clone(),
        exported_at: meta.created_at.clone(),
        delete_by: meta.delete_by.clone(),
        software: format!("Bevis {}", env!("CARGO_PKG_VERSION")),
        audit_head: req.audit_head.clone(),
        redaction_mode: format!("{:?}", req.plan.mode),
        redaction_tracks: req.plan.tracks.len(),
        clips,
        originals_why: req.originals.as_ref().map(|o| o.why.clone()),
        files: Vec::new(),
        signing_key: hex::encode(ctx.key.verifying_key().as_bytes()),
    }
}

/// Clips, stills, redaction log, receipt, then the signed manifest.
pub(super) fn write_contents<W: Write>(
    ctx: &Ctx<'_>,
    sources: Vec<Vec<SourceFile>>,
    out: &mut W,
    on_stage: &mut impl FnMut(Stage) -> bool,
) -> Result<Manifest, ExportError> {
    let (req, key, jobs) = (ctx.req, ctx.key, ctx.jobs);
    let mut archive = ArchiveWriter::new(out);
    let clips = write_clips(ctx, sources, &mut archive, on_stage)?;
    for still in &req.stills {
        let png = crate::preview::still_png(&jobs[still.clip], still.t)?;
        archive.add(&still.file_name(), &png)?;
    }
    archive.add("redaction-log.csv", receipt::redaction_log(&req.plan).as_bytes())?;
    let mut manifest = unsigned_manifest(ctx, clips);
    let listed = |archive: &ArchiveWriter<&mut W>| -> Vec<FileEntry> {
        let w = archive.written();
        w.iter().map(|w| FileEntry { name: w.name.clone(), size: w.size, sha256: w.sha256.clone() }).collect()
    };
    // The receipt inside lists every file before it (a file cannot hold its own
    // hash); the manifest lists the receipt too.
    manifest.files = listed(&archive);
    let receipt_inside = receipt::html_for_manifest(&manifest, &manifest::fingerprint(&key.verifying_key()));
    archive.add("receipt.html", receipt_inside.as_bytes())?;
    manifest.files = listed(&archive);
    let bytes = manifest.to_bytes();
    archive.add("manifest.json", &bytes)?;
    archive.add("manifest.sig", &manifest::sign(key, &bytes))?;
    archive.finish()?;
    Ok(manifest)
}
