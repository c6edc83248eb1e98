//! The camera grid: the cameras of one session at the same real moment.
//!
//! The playhead is real time (seconds after the incident window's start), so the
//! cameras line up by their corrected clocks, whatever each recorder showed. Each
//! recording shows its frame at or before that moment — or says why it shows
//! none: it has no footage then (before, after, or in a gap between its files),
//! or the moment is outside the incident window on its clock. Neither is a
//! refused request (the grid asks for every camera whenever the playhead moves;
//! the gate is the same [`in_window`](super::in_window) as for one camera), and
//! only frames actually shown are recorded as seen. The frames are decoded on
//! one thread per camera, so four cameras take about what two take on two cores.

use super::viewer::Viewer;
use super::{Desk, DeskError, Result, ViewFrame};
use bevis_media::preview::Previewer;
use bevis_redact::EditPlan;
use bevis_register::sessions::{Played, Session};
use chrono::{NaiveDateTime, TimeDelta};
use std::path::Path;

/// What one camera of the grid shows at the playhead.
pub enum Cell {
    /// A new frame.
    Shown(ViewFrame),
    /// The frame it already shows (a slower camera between two of its frames).
    Same,
    /// The camera recorded nothing at that moment.
    NoFootage,
    /// The moment is outside the incident window on this camera's clock.
    Outside,
}

/// A frame to decode: the cell it is for, the decoder, and the timeline time.
struct Job {
    cell: usize,
    viewer: usize,
    t: f64,
}

impl Desk {
    /// Recordings `sources` of session `id` at real time `at` seconds after the
    /// incident window's start, composed with `plan`, scaled to `width`.
    pub fn view_at(
        &mut self,
        id: i64,
        at: f64,
        sources: &[usize],
        width: u32,
        plan: Option<&EditPlan>,
    ) -> Result<Vec<Cell>> {
        let (s, moment) = self.grid_moment(id, at, sources)?;
        let plan = super::export::session_plan(plan, &s)?;
        let mut cells: Vec<Cell> = sources.iter().map(|_| Cell::NoFootage).collect();
        let mut jobs = Vec::new();
        for (cell, &index) in sources.iter().enumerate() {
            self.require(index < s.sources.len(), &format!("show a recording that is not part of session {id}"))?;
            let src = &s.sources[index];
            let recorder = src.recorder(moment);
            let info = self.info(&s, index)?;
            let Some(t) = info.timeline_at(recorder) else { continue };
            if !super::in_window(&s, index, recorder) {
                cells[cell] = Cell::Outside;
                continue;
            }
            let (viewer, kept) = self.viewer_for(id, index, info, plan.as_ref(), Path::new(&src.path))?;
            let last = self.viewers[viewer].previewer.last();
            match last {
                Some(l) if kept && (l - t).abs() < 1e-6 => cells[cell] = Cell::Same,
                _ => jobs.push(Job { cell, viewer, t }),
            }
        }
        let frames = decode(&mut self.viewers, &jobs, width);
        for (job, frame) in jobs.iter().zip(frames) {
            let frame = frame?;
            let index = sources[job.cell];
            let wall = self.viewers[job.viewer].previewer.info().wall_clock(frame.t).unwrap_or(moment);
            self.note_played(id, Played { source: index, from: wall, to: wall })?;
            cells[job.cell] = Cell::Shown(frame);
        }
        Ok(cells)
    }
}

impl Desk {
    /// The session and the real moment a grid asks for; each camera at most once.
    fn grid_moment(&mut self, id: i64, at: f64, sources: &[usize]) -> Result<(Session, NaiveDateTime)> {
        let s = self.usable_session(id)?;
        if !at.is_finite() || at.abs() > 86_400.0 * 366.0 {
            return Err(DeskError::Invalid("no such moment".into()));
        }
        if sources.iter().enumerate().any(|(i, x)| sources[..i].contains(x)) {
            return Err(DeskError::Invalid("a camera can be shown only once in the grid".into()));
        }
        let moment = s.from + TimeDelta::milliseconds((at * 1000.0).round() as i64);
        Ok((s, moment))
    }
}

/// The jobs' frames, decoded in parallel (one thread per decoder).
fn decode(viewers: &mut [Viewer], jobs: &[Job], width: u32) -> Vec<Result<ViewFrame>> {
    let mut mine: Vec<(usize, &mut Previewer)> = viewers
        .iter_mut()
        .enumerate()
        .filter_map(|(i, v)| jobs.iter().position(|j| j.viewer == i).map(|k| (k, &mut v.previewer)))
        .collect();
    mine.sort_by_key(|(k, _)| *k);
    std::thread::scope(|scope| {
        let running: Vec<_> = mine
            .into_iter()
            .map(|(k, previewer)| {
                let t = jobs[k].t;
                scope.spawn(move || shot(previewer, t, width))
            })
            .collect();
        running
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err(DeskError::Invalid("a decoder stopped".into()))))
            .collect()
    })
}

/// One composed frame as JPEG.
fn shot(previewer: &mut Previewer, t: f64, width: u32) -> Result<ViewFrame> {
    ViewFrame::of(&previewer.frame_at(t)?, width)
}
