//! Review sessions: the stated reason, the footage and the incident's time window
//! inside which a user may look — and what they actually played.
//!
//! Times of the window and of played ranges are the camera's wall clock (naive
//! local time as the recording shows it), because that is what the incident report
//! says ("12:40 yesterday"). Played ranges are merged as they grow, so a minute of
//! playback is one range, not 1500 frames.

use crate::{Register, RegisterError, Result};
use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

/// Why someone looks (BRIEF §3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    SuspectedCrime,
    ViolenceThreat,
    Vandalism,
    Accident,
    DataSubjectRequest,
    Other,
}

impl Reason {
    pub const ALL: [Reason; 6] = [
        Reason::SuspectedCrime,
        Reason::ViolenceThreat,
        Reason::Vandalism,
        Reason::Accident,
        Reason::DataSubjectRequest,
        Reason::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::SuspectedCrime => "suspected_crime",
            Reason::ViolenceThreat => "violence_threat",
            Reason::Vandalism => "vandalism",
            Reason::Accident => "accident",
            Reason::DataSubjectRequest => "data_subject_request",
            Reason::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.as_str() == s.trim().replace('-', "_"))
    }
}

/// One recording the session may show: a file or a folder of NVR segments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Source {
    pub path: String,
    pub camera: String,
    /// Recording start on the camera's clock.
    pub start: NaiveDateTime,
    pub duration_s: f64,
    /// How the recorder's clock differed from real time: the seconds it was
    /// *ahead* (negative: behind). Real time = recorder time − this. Police
    /// guidance asks for it with every exhibit; 0 until someone checked.
    #[serde(default)]
    pub clock_offset_s: f64,
    /// How the offset was established ("compared with the school's NTP server").
    #[serde(default)]
    pub clock_how: String,
    /// The recording's time zone (IANA name).
    #[serde(default = "default_time_zone")]
    pub time_zone: String,
}

/// Where Bevis's schools are, unless a session says otherwise.
pub fn default_time_zone() -> String {
    "Europe/Stockholm".into()
}

impl Source {
    /// A recording on its camera's clock, not yet checked against real time.
    pub fn new(path: String, camera: String, start: NaiveDateTime, duration_s: f64) -> Source {
        Source {
            path,
            camera,
            start,
            duration_s,
            clock_offset_s: 0.0,
            clock_how: String::new(),
            time_zone: default_time_zone(),
        }
    }

    /// A moment on the recorder's clock in real (corrected) time.
    pub fn corrected(&self, recorder: NaiveDateTime) -> NaiveDateTime {
        recorder - self.offset()
    }

    /// What the recorder's clock showed at real time `real` (the inverse of [`corrected`](Self::corrected)).
    pub fn recorder(&self, real: NaiveDateTime) -> NaiveDateTime {
        real + self.offset()
    }

    fn offset(&self) -> chrono::TimeDelta {
        chrono::TimeDelta::milliseconds((self.clock_offset_s * 1000.0).round() as i64)
    }
}

/// A recorder's clock as checked against real time.
#[derive(Debug, Clone, PartialEq)]
pub struct Clock {
    pub offset_s: f64,
    pub how: String,
    pub time_zone: String,
}

/// A stretch of one source that was shown, on the camera's clock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Played {
    pub source: usize,
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Session {
    pub id: i64,
    pub case_id: i64,
    pub account_id: i64,
    pub reason: Reason,
    pub note: String,
    pub sources: Vec<Source>,
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
    pub opened_at: String,
    pub closed_at: Option<String>,
    pub played: Vec<Played>,
    /// The request the session was opened for.
    pub request_id: Option<i64>,
}

/// What opening a session needs.
pub struct NewSession {
    pub case_id: i64,
    pub account_id: i64,
    pub reason: Reason,
    pub note: String,
    pub sources: Vec<Source>,
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
    pub request_id: Option<i64>,
}

/// How a camera-clock time is stored: ISO 8601 without zone, parseable back.
fn wall(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.f").to_string()
}

fn json_err(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(e))
}

fn session_from(r: &rusqlite::Row) -> rusqlite::Result<Session> {
    let text = |i: usize| r.get::<_, String>(i);
    let when = |i: usize| -> rusqlite::Result<NaiveDateTime> {
        text(i)?
            .parse()
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
    };
    Ok(Session {
        id: r.get(0)?,
        case_id: r.get(1)?,
        account_id: r.get(2)?,
        reason: Reason::parse(&text(3)?).unwrap_or(Reason::Other),
        note: text(4)?,
        sources: serde_json::from_str(&text(5)?).map_err(json_err)?,
        from: when(6)?,
        to: when(7)?,
        opened_at: text(8)?,
        closed_at: r.get(9)?,
        played: serde_json::from_str(&text(10)?).map_err(json_err)?,
        request_id: r.get(11)?,
    })
}

const COLUMNS: &str =
    "id, case_id, account_id, reason, note, sources, window_from, window_to, opened_at, closed_at, played, request_id";

/// Adds `p` to `played`, merging it with an overlapping or touching range (within a
/// second) of the same source. Returns whether a new range began.
pub fn merge_played(played: &mut Vec<Played>, p: Played) -> bool {
    let slack = chrono::TimeDelta::seconds(1);
    if let Some(q) =
        played.iter_mut().find(|q| q.source == p.source && p.from <= q.to + slack && q.from <= p.to + slack)
    {
        q.from = q.from.min(p.from);
        q.to = q.to.max(p.to);
        return false;
    }
    played.push(p);
    true
}

impl Register {
    pub fn open_session(&mut self, s: &NewSession, actor: &str) -> Result<Session> {
        if s.from >= s.to {
            return Err(RegisterError::Invalid("the incident window must end after it starts".into()));
        }
        if s.sources.is_empty() {
            return Err(RegisterError::Invalid("a review session needs at least one recording".into()));
        }
        let sources = serde_json::to_string(&s.sources).map_err(|e| RegisterError::Invalid(e.to_string()))?;
        let now = crate::stamp(self.now());
        let (id, _) = self.audited(actor, "session_opened", |tx| {
            tx.execute(
                "INSERT INTO sessions (case_id, account_id, reason, note, sources, window_from, window_to, opened_at, \
                 request_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    s.case_id,
                    s.account_id,
                    s.reason.as_str(),
                    s.note,
                    sources,
                    wall(s.from),
                    wall(s.to),
                    now,
                    s.request_id
                ],
            )?;
            if let Some(r) = s.request_id {
                tx.execute("UPDATE requests SET status = 'in_review' WHERE id = ?1 AND status = 'received'", [r])?;
                tx.execute("UPDATE requests SET case_id = ?1 WHERE id = ?2 AND case_id IS NULL", [s.case_id, r])?;
            }
            let id = tx.last_insert_rowid();
            let cams: Vec<&str> = s.sources.iter().map(|s| s.camera.as_str()).collect();
            let (reason, note) = (s.reason.as_str(), &s.note);
            let req = s.request_id.map_or_else(String::new, |r| format!(" (request {r})"));
            Ok((id, format!("session {id}{req}, {reason}: {note} — {} to {}, {}", s.from, s.to, cams.join(", "))))
        })?;
        self.session(id)
    }

    pub fn session(&self, id: i64) -> Result<Session> {
        let sql = format!("SELECT {COLUMNS} FROM sessions WHERE id = ?1");
        self.conn
            .query_row(&sql, [id], session_from)
            .optional()?
            .ok_or_else(|| RegisterError::Invalid(format!("there is no review session {id}")))
    }

    /// Sessions, newest first (`case_id` narrows to one case).
    pub fn sessions(&self, case_id: Option<i64>) -> Result<Vec<Session>> {
        let sql = format!("SELECT {COLUMNS} FROM sessions WHERE ?1 IS NULL OR case_id = ?1 ORDER BY id DESC");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([case_id], session_from)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    pub fn close_session(&mut self, id: i64, actor: &str) -> Result<()> {
        let now = crate::stamp(self.now());
        self.change(actor, "session_closed", &format!("session {id}"), |tx| {
            let sql = "UPDATE sessions SET closed_at = ?1 WHERE id = ?2 AND closed_at IS NULL";
            match tx.execute(sql, params![now, id])? {
                0 => Err(RegisterError::Invalid(format!("review session {id} is not open"))),
                _ => Ok(()),
            }
        })?;
        Ok(())
    }

    /// Changes the incident window; `why` is required and logged with old and new.
    pub fn change_window(
        &mut self,
        id: i64,
        from: NaiveDateTime,
        to: NaiveDateTime,
        why: &str,
        actor: &str,
    ) -> Result<()> {
        let old = self.session(id)?;
        if why.trim().is_empty() {
            return Err(RegisterError::Invalid("changing the incident window needs a stated reason".into()));
        }
        if from >= to {
            return Err(RegisterError::Invalid("the incident window must end after it starts".into()));
        }
        let detail = format!("session {id}: {} — {} → {from} — {to}; reason: {}", old.from, old.to, why.trim());
        self.change(actor, "window_changed", &detail, |tx| {
            let sql = "UPDATE sessions SET window_from = ?1, window_to = ?2 WHERE id = ?3";
            tx.execute(sql, params![wall(from), wall(to), id])?;
            Ok(())
        })?;
        Ok(())
    }

    /// Sets how source `index`'s recorder clock differs from real time, audited
    /// with the old and new offset in the same transaction.
    pub fn set_clock(&mut self, id: i64, index: usize, clock: &Clock, actor: &str) -> Result<Session> {
        let mut s = self.session(id)?;
        let src = s
            .sources
            .get_mut(index)
            .ok_or_else(|| RegisterError::Invalid(format!("session {id} has no recording {}", index + 1)))?;
        let detail = format!(
            "session {id}, {}: recorder {:+.3} s against real time (was {:+.3} s), {}; how: {}",
            src.camera,
            clock.offset_s,
            src.clock_offset_s,
            clock.time_zone,
            clock.how.trim()
        );
        (src.clock_offset_s, src.clock_how, src.time_zone) =
            (clock.offset_s, clock.how.trim().into(), clock.time_zone.clone());
        let sources = serde_json::to_string(&s.sources).map_err(|e| RegisterError::Invalid(e.to_string()))?;
        self.change(actor, "clock_changed", &detail, |tx| {
            Ok(tx.execute("UPDATE sessions SET sources = ?1 WHERE id = ?2", params![sources, id]).map(|_| ())?)
        })?;
        self.session(id)
    }

    /// Records a shown range; audits a `view` when a new range begins.
    pub fn record_played(&mut self, id: i64, p: Played, actor: &str) -> Result<()> {
        let mut played = self.session(id)?.played;
        let detail = format!("session {id}, source {}: {} — {}", p.source + 1, p.from, p.to);
        let new = merge_played(&mut played, p);
        let json = serde_json::to_string(&played).map_err(|e| RegisterError::Invalid(e.to_string()))?;
        const SQL: &str = "UPDATE sessions SET played = ?1 WHERE id = ?2";
        if !new {
            self.conn.execute(SQL, params![json, id])?;
            return Ok(());
        }
        self.change(actor, "view", &detail, |tx| Ok(tx.execute(SQL, params![json, id]).map(|_| ())?))?;
        Ok(())
    }
}
