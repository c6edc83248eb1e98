//! One timeline over a file or a folder of NVR segments.
//!
//! An NVR writes one file per minute (or per hour). The intendent thinks in one
//! recording, so a folder becomes a single timeline: segment *i* starts where
//! segment *i − 1* ends, frame-exactly, and any hole in the wall-clock times between
//! them is reported as a gap (a camera that was off must not go unnoticed in
//! evidence). Wall-clock times are computed per segment, so a burned-in timestamp
//! after a gap is still right.

use crate::error::{MediaError, Result};
use crate::names::StartTime;
use crate::probe::{FileInfo, Rate, probe_file};
use chrono::{NaiveDateTime, TimeDelta};
use serde::Serialize;
use std::path::{Path, PathBuf};

const VIDEO_EXTENSIONS: &[&str] = &["mp4", "m4v", "mkv", "mov", "avi", "ts", "mts"];

/// One file on the timeline.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Segment {
    pub path: PathBuf,
    /// Where the segment starts on the timeline, seconds.
    pub offset: f64,
    pub duration: f64,
    pub start: Option<NaiveDateTime>,
}

/// A hole (or, when negative, an overlap) in wall-clock time between two segments.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Gap {
    /// Index of the segment after which the gap occurs.
    pub after: usize,
    /// Timeline position of the boundary, seconds.
    pub at: f64,
    /// Missing wall-clock seconds (negative: the segments overlap).
    pub seconds: f64,
}

/// A source opened as one timeline.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct MediaInfo {
    pub path: PathBuf,
    pub container: String,
    pub codec: String,
    pub width: u32,
    pub height: u32,
    pub rate: Rate,
    pub duration: f64,
    pub frames: Option<u64>,
    pub audio: bool,
    pub start: Option<StartTime>,
    pub segments: Vec<Segment>,
    pub gaps: Vec<Gap>,
}

/// Probes a file or a folder of segments.
pub fn probe(path: &Path) -> Result<MediaInfo> {
    if path.is_dir() { probe_folder(path) } else { probe_file(path).map(single) }
}

fn single(f: FileInfo) -> MediaInfo {
    let segment = Segment { path: f.path.clone(), offset: 0.0, duration: f.duration, start: f.start.map(|s| s.at) };
    MediaInfo {
        path: f.path,
        container: f.container,
        codec: f.codec,
        width: f.width,
        height: f.height,
        rate: f.rate,
        duration: f.duration,
        frames: f.frames,
        audio: f.audio,
        start: f.start,
        segments: vec![segment],
        gaps: Vec::new(),
    }
}

fn probe_folder(dir: &Path) -> Result<MediaInfo> {
    let io = |source| MediaError::Io { path: dir.into(), source };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && has_video_extension(p))
        .collect();
    if files.is_empty() {
        return Err(MediaError::EmptyFolder { path: dir.into() });
    }
    files.sort();
    let mut infos = files.iter().map(|p| probe_file(p)).collect::<Result<Vec<_>>>()?;
    if infos.iter().all(|i| i.start.is_some()) {
        infos.sort_by_key(|i| i.start.map(|s| s.at));
    }
    let first = infos[0].clone();
    if let Some(odd) = infos
        .iter()
        .find(|i| (&i.codec, i.width, i.height, i.rate) != (&first.codec, first.width, first.height, first.rate))
    {
        let detail = format!(
            "{} is {} {}×{}, the first is {} {}×{}",
            odd.path.display(),
            odd.codec,
            odd.width,
            odd.height,
            first.codec,
            first.width,
            first.height
        );
        return Err(MediaError::MixedSegments { path: dir.into(), detail });
    }
    Ok(assemble(dir, infos))
}

fn has_video_extension(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| VIDEO_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn assemble(dir: &Path, infos: Vec<FileInfo>) -> MediaInfo {
    let frame = infos[0].rate.frame_secs();
    let mut segments = Vec::with_capacity(infos.len());
    let mut gaps = Vec::new();
    let mut offset = 0.0;
    for (i, f) in infos.iter().enumerate() {
        if let (Some(prev), Some(start)) = (i.checked_sub(1).and_then(|p| infos.get(p)), f.start)
            && let Some(prev_start) = prev.start
        {
            let expected = prev_start.at + TimeDelta::milliseconds((prev.duration * 1000.0).round() as i64);
            let seconds = (start.at - expected).num_milliseconds() as f64 / 1000.0;
            // Whole-second file names: anything beyond a second plus a frame is a real hole.
            if seconds.abs() > 1.0 + frame {
                gaps.push(Gap { after: i - 1, at: offset, seconds });
            }
        }
        segments.push(Segment { path: f.path.clone(), offset, duration: f.duration, start: f.start.map(|s| s.at) });
        offset += f.duration;
    }
    let first = &infos[0];
    MediaInfo {
        path: dir.into(),
        container: first.container.clone(),
        codec: first.codec.clone(),
        width: first.width,
        height: first.height,
        rate: first.rate,
        duration: offset,
        frames: infos.iter().map(|i| i.frames).sum(),
        audio: infos.iter().any(|i| i.audio),
        start: first.start,
        segments,
        gaps,
    }
}

impl MediaInfo {
    /// The segment holding timeline time `t` and the time within it.
    pub fn locate(&self, t: f64) -> (usize, f64) {
        let i = self.segments.partition_point(|s| s.offset <= t + 1e-9).saturating_sub(1);
        (i, t - self.segments[i].offset)
    }

    /// Wall-clock time at timeline time `t`, when the recording start is known.
    pub fn wall_clock(&self, t: f64) -> Option<NaiveDateTime> {
        let (i, local) = self.locate(t);
        let start = self.segments[i].start.or(self.start.map(|s| s.at).filter(|_| i == 0))?;
        Some(start + TimeDelta::milliseconds((local * 1000.0).round() as i64))
    }

    /// Timeline time of the frame showing wall-clock moment `wall` — the frame at
    /// or before it — or `None` where no segment recorded it (before, after, or in
    /// a gap). The inverse of [`wall_clock`](Self::wall_clock), for lining cameras up.
    pub fn timeline_at(&self, wall: NaiveDateTime) -> Option<f64> {
        let d = self.frame_secs();
        self.segments.iter().enumerate().find_map(|(i, seg)| {
            let start = seg.start.or(self.start.map(|s| s.at).filter(|_| i == 0))?;
            let local = (wall - start).num_microseconds()? as f64 / 1e6;
            let inside = local >= -1e-6 && local < seg.duration - d / 2.0;
            inside.then(|| seg.offset + ((local + 1e-6) / d).floor() * d)
        })
    }

    /// The start time of the frame nearest to `t`. Seeks go there: a seek into the
    /// middle of a frame makes the decoder stamp that frame with the seek time,
    /// which would blur the line between two neighbouring frames.
    pub fn snap(&self, t: f64) -> f64 {
        let d = self.frame_secs();
        (t / d).round() * d
    }

    /// Applies a recording start entered by hand (`YYYY-MM-DDTHH:MM:SS`), which
    /// wins over file names and metadata for the first segment.
    pub fn with_entered_start(mut self, entered: Option<&str>) -> Result<Self> {
        let Some(text) = entered else { return Ok(self) };
        let at = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
            .map_err(|_| MediaError::Plan(format!("the start time '{text}' is not of the form 2026-11-21T12:40:00")))?;
        self.start = Some(StartTime { at, from: crate::names::StartSource::Entered });
        self.segments[0].start = Some(at);
        Ok(self)
    }

    /// Duration of one frame, seconds.
    pub fn frame_secs(&self) -> f64 {
        self.rate.frame_secs()
    }
}
