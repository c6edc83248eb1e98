//! The workstation as the desktop app holds it: who is logged in, the
//! inactivity lock, and the long jobs running beside the window.
//!
//! Why it is here and not in the Tauri shell: the rules below are behaviour
//! (a test drives them without a window), and the shell stays one small adapter
//! per command.
//!
//! - The logged-in [`Desk`] sits behind a mutex that is held for one short call
//!   only. A long job (export, find people, thumbnails, sweep, report) runs on a
//!   [`Desk::fork`] — the same user, key and checks on its own register
//!   connection — so every other call stays answerable while it runs.
//! - Every job has its own cancel token, named by the caller ([`Station::cancel`]).
//! - When the app locks (inactivity) or the user logs out during a job, the job
//!   runs to its end under the identity that started it (it was allowed when it
//!   began, and half an export helps nobody). An export's result — its password
//!   is shown once — waits for the *same* user to log in again
//!   ([`Station::take_waiting`]); another user's login discards it, since the
//!   password is never shown to anybody but the person who made the export.
//!   Closing the app ends the process and the job: the package writer never
//!   leaves a package that verifies unless it is complete.

use crate::desk::{Desk, DeskError, SessionExport};
use crate::export::{Exported, Stage};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StationError {
    #[error("Bevis is locked; log in again")]
    Locked,
    #[error("a job named '{0}' is already running")]
    Busy(String),
    #[error(transparent)]
    Desk(#[from] DeskError),
}

pub type Result<T, E = StationError> = std::result::Result<T, E>;

/// A job's cancel token: set by [`Station::cancel`], read by the job.
#[derive(Clone, Default)]
pub struct Token(Arc<AtomicBool>);

impl Token {
    pub fn cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// An export that finished while its author was locked out.
pub struct Waiting {
    pub user: String,
    pub exported: Exported,
}

struct Open {
    desk: Desk,
    last_seen: Instant,
}

/// The app's state: the data folder, the open desk, the running jobs.
pub struct Station {
    data_dir: PathBuf,
    desk: Mutex<Option<Open>>,
    jobs: Mutex<HashMap<String, Token>>,
    waiting: Mutex<Vec<Waiting>>,
}

/// A poisoned mutex only means a thread panicked while holding it; the data
/// (an `Option<Desk>`, a map of flags) is still whole, so carry on with it.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Station {
    pub fn new(data_dir: PathBuf) -> Station {
        Station { data_dir, desk: Mutex::new(None), jobs: Mutex::default(), waiting: Mutex::default() }
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// First run: sets Bevis up and logs the first admin in.
    pub fn setup(&self, organisation: &str, admin: &str, password: &str) -> Result<()> {
        let desk = crate::desk::init(&self.data_dir, organisation, admin, password)?;
        self.open(desk);
        Ok(())
    }

    /// Logs in (replacing whoever was logged in); results waiting for somebody
    /// else are discarded.
    pub fn login(&self, username: &str, password: &str) -> Result<()> {
        let desk = Desk::login(&self.data_dir, username, password)?;
        self.open(desk);
        Ok(())
    }

    fn open(&self, desk: Desk) {
        let user = desk.user().username.clone();
        lock(&self.waiting).retain(|w| {
            let keep = w.user == user;
            if !keep {
                tracing::warn!(package = %w.exported.package_id, "an export's password was discarded: another user logged in");
            }
            keep
        });
        *lock(&self.desk) = Some(Open { desk, last_seen: Instant::now() });
    }

    /// Logs out; running jobs go on (see the module docs).
    pub fn logout(&self) {
        lock(&self.desk).take();
    }

    /// The logged-in user's account, if the station is not locked.
    pub fn user(&self) -> Option<bevis_register::accounts::Account> {
        self.with(|d| Ok(d.user().clone())).ok()
    }

    /// Runs `f` with the logged-in desk; locks (logs out) after inactivity.
    pub fn with<T>(&self, f: impl FnOnce(&mut Desk) -> Result<T, DeskError>) -> Result<T> {
        let mut guard = lock(&self.desk);
        let Some(open) = guard.as_mut() else { return Err(StationError::Locked) };
        let minutes = open.desk.settings().map(|s| s.auto_lock_minutes).unwrap_or(10).max(1) as u64;
        if open.last_seen.elapsed() > Duration::from_secs(minutes * 60) {
            *guard = None;
            return Err(StationError::Locked);
        }
        open.last_seen = Instant::now();
        Ok(f(&mut open.desk)?)
    }

    /// Runs `f` as job `id` on a fork of the desk, without holding the desk.
    /// Call it from a worker thread; it returns when the job ends.
    pub fn job<T>(&self, id: &str, f: impl FnOnce(&mut Desk, &Token) -> Result<T, DeskError>) -> Result<T> {
        let token = Token::default();
        {
            let mut jobs = lock(&self.jobs);
            if jobs.contains_key(id) {
                return Err(StationError::Busy(id.to_string()));
            }
            jobs.insert(id.to_string(), token.clone());
        }
        let out = self.work(|d| f(d, &token));
        lock(&self.jobs).remove(id);
        out
    }

    /// Moves the last activity `by` into the past, as if the user had been away
    /// that long (the inactivity lock's test hook; real time does the same).
    #[doc(hidden)]
    pub fn pretend_idle(&self, by: Duration) {
        if let Some(open) = lock(&self.desk).as_mut() {
            open.last_seen = open.last_seen.checked_sub(by).unwrap_or(open.last_seen);
        }
    }

    /// Runs `f` on a fork of the desk without a cancel token (thumbnails, the
    /// report, one wipe: work that is not stopped half-way).
    pub fn work<T>(&self, f: impl FnOnce(&mut Desk) -> Result<T, DeskError>) -> Result<T> {
        let mut fork = self.with(|d| d.fork())?;
        Ok(f(&mut fork)?)
    }

    /// Asks job `id` to stop (nothing happens if it has ended).
    pub fn cancel(&self, id: &str) {
        if let Some(t) = lock(&self.jobs).get(id) {
            t.0.store(true, Ordering::SeqCst);
        }
    }

    /// Whether job `id` is running.
    pub fn running(&self, id: &str) -> bool {
        lock(&self.jobs).contains_key(id)
    }

    /// Exports as job `id`. If the author is no longer logged in when it ends,
    /// the result waits for them and this returns [`StationError::Locked`].
    pub fn export(&self, id: &str, req: SessionExport, mut on_stage: impl FnMut(Stage)) -> Result<Exported> {
        let mut author = String::new();
        let done = self.job(id, |d, token| {
            author = d.user().username.clone();
            d.export(req, |s| {
                on_stage(s);
                !token.cancelled()
            })
        })?;
        let (exported, _) = done;
        if self.user().is_some_and(|u| u.username == author) {
            return Ok(exported);
        }
        lock(&self.waiting).push(Waiting { user: author, exported });
        Err(StationError::Locked)
    }

    /// Exports that finished while the logged-in user was locked out.
    pub fn take_waiting(&self) -> Vec<Exported> {
        let Some(me) = self.user().map(|u| u.username) else { return Vec::new() };
        let mut waiting = lock(&self.waiting);
        let (mine, others) = waiting.drain(..).partition(|w| w.user == me);
        *waiting = others;
        mine.into_iter().map(|w: Waiting| w.exported).collect()
    }
}
