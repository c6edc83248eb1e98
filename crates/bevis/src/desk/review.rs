//! Cases, review sessions, and the one gate every look at footage goes through.
//!
//! Footage is shown only through [`Desk::gate`]: the user must see footage by role,
//! own the session, the session and its case must be open, the recording must be
//! one of the session's, and the shown range must lie within the incident window
//! (± [`MARGIN_S`]). Every shown range is recorded; a refusal is audited.

use super::{Desk, DeskError, MARGIN_S, Result, when};
use bevis_media::MediaInfo;
use bevis_register::accounts::Role;
use bevis_register::cases::{Case, CaseStatus};
use bevis_register::sessions::{NewSession, Played, Reason, Session, Source};
use chrono::{NaiveDateTime, TimeDelta};
use std::path::{Path, PathBuf};

/// A recording to review, as the user picked it.
#[derive(Debug, Clone)]
pub struct SourceSpec {
    pub path: PathBuf,
    pub camera: Option<String>,
    /// Recording start typed in, for footage that does not carry it.
    pub start: Option<String>,
}

/// Everything opening a review session needs.
#[derive(Debug, Clone)]
pub struct SessionRequest {
    pub case_ref: String,
    pub reason: Reason,
    pub note: String,
    pub sources: Vec<SourceSpec>,
    /// Window start and end, as typed (see [`when::parse`]).
    pub from: String,
    pub to: String,
    /// The request the session answers: its kind sets the reason, its case the case.
    pub request: Option<i64>,
}

const STAFF: [Role; 2] = [Role::Admin, Role::Reviewer];

impl Desk {
    pub fn open_case(&mut self, reference: &str, title: &str) -> Result<Case> {
        self.allow(&STAFF, "open cases")?;
        Ok(self.reg.open_case(reference, title, &self.user.username)?)
    }

    pub fn close_case(&mut self, reference: &str) -> Result<()> {
        self.allow(&STAFF, "close cases")?;
        Ok(self.reg.close_case(reference, &self.user.username)?)
    }

    pub fn cases(&self) -> Result<Vec<Case>> {
        Ok(self.reg.cases()?)
    }

    /// Every review session, newest last (the CLI's `session list`).
    pub fn sessions(&self) -> Result<Vec<Session>> {
        Ok(self.reg.sessions(None)?)
    }

    /// The user's own sessions that are still open (the home screen's list).
    pub fn my_open_sessions(&self) -> Result<Vec<Session>> {
        let me = self.user.id;
        Ok(self.reg.sessions(None)?.into_iter().filter(|s| s.account_id == me && s.closed_at.is_none()).collect())
    }

    /// Today on the register's clock, in local time.
    pub fn today(&self) -> chrono::NaiveDate {
        self.reg.now().with_timezone(&chrono::Local).date_naive()
    }

    /// Probes the footage and opens a purpose-bound session on it.
    pub fn open_session(&mut self, req: &SessionRequest) -> Result<Session> {
        self.allow(&STAFF, "open review sessions")?;
        let (case, reason) = self.purpose(req)?;
        if case.status != CaseStatus::Open {
            return Err(DeskError::Invalid(format!("case {} is closed", case.reference)));
        }
        if req.note.trim().is_empty() {
            return Err(DeskError::Invalid("say in a few words why the footage must be reviewed".into()));
        }
        let sources = req.sources.iter().map(|s| self.source(s)).collect::<Result<Vec<_>>>()?;
        let first = sources.first().ok_or_else(|| DeskError::Invalid("choose at least one recording".into()))?;
        let (from, to) = window(&req.from, &req.to, first.start)?;
        if !sources.iter().any(|s| overlaps(s, from, to)) {
            return Err(DeskError::Invalid(format!(
                "the window {} lies outside the chosen recordings ({} onwards)",
                when::window(from, to),
                first.start
            )));
        }
        let new = NewSession {
            case_id: case.id,
            account_id: self.user.id,
            reason,
            note: req.note.trim().into(),
            sources,
            from,
            to,
            request_id: req.request,
        };
        Ok(self.reg.open_session(&new, &self.user.username)?)
    }

    pub(super) fn source(&mut self, spec: &SourceSpec) -> Result<Source> {
        let info = bevis_media::probe(&spec.path)?.with_entered_start(spec.start.as_deref())?;
        let path = std::fs::canonicalize(&spec.path)
            .map_err(|e| DeskError::Invalid(format!("cannot open {}: {e}", spec.path.display())))?;
        let Some(start) = info.start.map(|s| s.at) else {
            return Err(DeskError::Invalid(format!(
                "the recording start of {} is unknown: enter it (e.g. --start 2026-11-21T12:30:00)",
                path.display()
            )));
        };
        let camera = spec.camera.clone().unwrap_or_else(|| camera_from(&path));
        let source = Source::new(path.display().to_string(), camera, start, info.duration);
        self.media.insert(path, info);
        Ok(source)
    }

    pub fn close_session(&mut self, id: i64) -> Result<()> {
        let s = self.reg.session(id)?;
        let mine = s.account_id == self.user.id || self.user.role == Role::Admin;
        self.require(mine, &format!("close review session {id} of another user"))?;
        self.flush_played()?;
        self.viewers.clear();
        Ok(self.reg.close_session(id, &self.user.username)?)
    }

    /// The workspace was left (navigation, logout, lock, window closed): the
    /// open decoder is released and what was shown is written down, so nothing
    /// more is decoded — or recorded as seen — until the user comes back.
    pub fn leave(&mut self) -> Result<()> {
        self.viewers.clear();
        self.flush_played()
    }

    /// Changes the window; the reason is required and logged.
    pub fn change_window(&mut self, id: i64, from: &str, to: &str, why: &str) -> Result<Session> {
        let s = self.usable_session(id)?;
        // "+SECONDS into the recording" counts from its start in real time.
        let start = s.sources[0].corrected(s.sources[0].start);
        let (from, to) = window(from, to, start)?;
        self.reg.change_window(id, from, to, why, &self.user.username)?;
        Ok(self.reg.session(id)?)
    }

    /// The session, if this user may show footage through it now.
    pub(super) fn usable_session(&mut self, id: i64) -> Result<Session> {
        self.allow(&STAFF, "see footage")?;
        let s = self.reg.session(id)?;
        self.require(s.account_id == self.user.id, &format!("use review session {id}, which belongs to another user"))?;
        let case = self.reg.case_by_id(s.case_id)?;
        self.require(s.closed_at.is_none(), &format!("use review session {id}, which is closed"))?;
        self.require(
            case.status == CaseStatus::Open,
            &format!("use review session {id}: case {} is closed", case.reference),
        )?;
        Ok(s)
    }

    /// The session and the facts of each of its recordings (for the review screen).
    pub fn session_media(&mut self, id: i64) -> Result<(Session, Vec<MediaInfo>)> {
        let s = self.usable_session(id)?;
        let media = (0..s.sources.len()).map(|i| self.info(&s, i)).collect::<Result<Vec<_>>>()?;
        Ok((s, media))
    }

    /// The media info of a session source, with the session's recording start.
    pub(super) fn info(&mut self, s: &Session, index: usize) -> Result<MediaInfo> {
        let src = &s.sources[index];
        let path = PathBuf::from(&src.path);
        if !self.media.contains_key(&path) {
            let start = src.start.format("%Y-%m-%dT%H:%M:%S").to_string();
            let info = bevis_media::probe(&path)?.with_entered_start(Some(&start))?;
            self.media.insert(path.clone(), info);
        }
        Ok(self.media[&path].clone())
    }

    /// The gate: may `[from_s, to_s]` of source `index` be shown in session `id`?
    /// Records the range as played when it may.
    pub fn gate(&mut self, id: i64, index: usize, from_s: f64, to_s: f64) -> Result<(Session, MediaInfo)> {
        let (s, info, a, b) = self.check_range(id, index, from_s, to_s)?;
        self.reg.record_played(id, Played { source: index, from: a, to: b }, &self.user.username)?;
        Ok((s, info))
    }

    /// The gate's checks without recording anything: the session, the media and
    /// the range on the camera's clock.
    pub(super) fn check_range(
        &mut self,
        id: i64,
        index: usize,
        from_s: f64,
        to_s: f64,
    ) -> Result<(Session, MediaInfo, NaiveDateTime, NaiveDateTime)> {
        let s = self.usable_session(id)?;
        self.require(index < s.sources.len(), &format!("show a recording that is not part of session {id}"))?;
        let info = self.info(&s, index)?;
        let wall = |t: f64| info.wall_clock(t.clamp(0.0, info.duration));
        let (Some(a), Some(b)) = (wall(from_s), wall(to_s)) else {
            return Err(DeskError::Invalid("the recording's clock is unknown".into()));
        };
        let inside = super::in_window(&s, index, a) && super::in_window(&s, index, b) && from_s <= to_s;
        let what = format!(
            "show {}–{} of {}: outside the incident window {} (±{MARGIN_S} s) of session {id}; widen it with a stated reason",
            a.format("%H:%M:%S"),
            b.format("%H:%M:%S"),
            s.sources[index].camera,
            when::window(s.from, s.to)
        );
        self.require(inside, &what)?;
        Ok((s, info, a, b))
    }

    /// One frame as PNG through the gate, redacted by `plan` when given.
    pub fn frame_png(
        &mut self,
        id: i64,
        index: usize,
        t: f64,
        width: Option<u32>,
        plan: Option<&bevis_redact::EditPlan>,
    ) -> Result<Vec<u8>> {
        let (s, info) = self.gate(id, index, t, t)?;
        let path = Path::new(&s.sources[index].path);
        let plan = super::export::session_plan(plan, &s)?;
        Ok(crate::preview::frame_png(path, info.snap(t), width, plan.as_ref())?)
    }
}

impl Desk {
    /// Keyframe thumbnails of the part of a source inside the window (± margin),
    /// as `(seconds, PNG)`. They are stills, not playback: audited as one
    /// `thumbnails` row naming each moment shown, not as a played range (which
    /// would claim the whole span between them was watched).
    pub fn thumbnails(&mut self, id: i64, index: usize, every: f64, width: u32) -> Result<Vec<(f64, Vec<u8>)>> {
        let s = self.usable_session(id)?;
        self.require(index < s.sources.len(), &format!("show a recording that is not part of session {id}"))?;
        let info = self.info(&s, index)?;
        let inside = |t: f64| info.wall_clock(t).is_some_and(|w| super::in_window(&s, index, w));
        let thumbs = bevis_media::overview::thumbnails(&info, every, width, |_| true)?;
        let kept: Vec<_> = thumbs.into_iter().filter(|th| inside(th.t)).collect();
        let (Some(first), Some(last)) = (kept.first().map(|t| t.t), kept.last().map(|t| t.t)) else {
            return Ok(Vec::new());
        };
        self.check_range(id, index, first, last)?;
        let at: Vec<String> =
            kept.iter().filter_map(|th| info.wall_clock(th.t)).map(|w| w.format("%H:%M:%S").to_string()).collect();
        let camera = &s.sources[index].camera;
        self.audit("thumbnails", &format!("session {id}, {camera}: {} stills at {}", at.len(), at.join(", ")))?;
        kept.iter()
            .map(|th| {
                let (w, h) = (th.image.width as u32, th.image.height as u32);
                let rgba = th.image.to_rgba(w, h)?;
                Ok((th.t, crate::preview::png(w, h, rgba)?))
            })
            .collect()
    }
}

fn window(from: &str, to: &str, start: NaiveDateTime) -> Result<(NaiveDateTime, NaiveDateTime)> {
    let read = |t: &str| {
        when::parse(t, start).ok_or_else(|| {
            DeskError::Invalid(format!("'{t}' is not a time: use 2026-11-21T12:40, or +SECONDS into the recording"))
        })
    };
    let (from, to) = (read(from)?, read(to)?);
    if from >= to {
        return Err(DeskError::Invalid("the incident window must end after it starts".into()));
    }
    Ok((from, to))
}

pub(super) fn overlaps(s: &Source, from: NaiveDateTime, to: NaiveDateTime) -> bool {
    let end = s.start + TimeDelta::milliseconds((s.duration_s * 1000.0) as i64);
    from <= end && s.start <= to
}

/// A camera name from the file or folder name (`cam2_20261121-124000.mp4` → `cam2`).
fn camera_from(path: &Path) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    stem.split(['_', '-', ' ']).next().filter(|s| !s.is_empty()).unwrap_or("camera").to_string()
}
