//! The desk: a logged-in user, and every operation they may do, checked here.
//!
//! The CLI and the app never touch the register or footage directly; they log in
//! to get a [`Desk`] and call its methods. Each method checks the user's role (and
//! for footage: an open review session of theirs, inside its time window) *before*
//! doing anything, and writes refusals to the audit log like any other action —
//! so a front end that forgets a check cannot open a hole.

use bevis_register::accounts::{Account, LoginError, Role};
use bevis_register::{Register, RegisterError};
use ed25519_dalek::SigningKey;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

mod admin;
mod cameras;
mod clock;
mod codes;
mod detect;
mod export;
mod leak;
mod requests;
mod review;
mod rules;
mod sweep;
mod sync;
mod viewer;
pub mod when;

pub use admin::AccountState;
pub use clock::parse_offset;
pub use codes::Coded;
pub use export::{EvidenceRow, SessionExport};
pub use leak::{LeakReport, Resolution};
pub use requests::{RequestDetail, RequestInput, add_working_days, due_for, has_personal_number};
pub use review::{SessionRequest, SourceSpec};
pub use sweep::{SweepItem, Verdict};
pub use sync::Cell;
pub use viewer::{Seek, ViewFrame};

/// Seconds either side of a session's window that may still be shown (a person
/// walking into the incident a little early or late, clocks a little off).
pub const MARGIN_S: i64 = 60;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DeskError {
    #[error("Bevis is not set up in {0} yet: run `bevis init` (or the app's first-run setup)")]
    NotInitialised(String),
    #[error("login refused: {0}")]
    Login(LoginError),
    #[error("not allowed: {0}")]
    Forbidden(String),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Register(#[from] RegisterError),
    #[error(transparent)]
    Media(#[from] bevis_media::MediaError),
    #[error(transparent)]
    Export(#[from] crate::export::ExportError),
    #[error(transparent)]
    Preview(#[from] crate::preview::PreviewError),
    #[error(transparent)]
    Key(#[from] crate::keystore::KeyError),
    #[error(transparent)]
    Detect(#[from] bevis_detect::DetectError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T, E = DeskError> = std::result::Result<T, E>;

/// The data folder: the one given, else `$BEVIS_DATA_DIR`, else `~/.local/share/bevis`.
/// The CLI and the app both resolve it here, so they always open the same register.
pub fn data_dir(given: Option<PathBuf>) -> PathBuf {
    given.or_else(|| std::env::var_os("BEVIS_DATA_DIR").map(PathBuf::from)).unwrap_or_else(|| {
        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
        home.join(".local/share/bevis")
    })
}

/// Whether a moment on recording `index`'s clock may be shown in session `s`:
/// corrected to real time by that recorder's clock offset, inside the incident
/// window (which is real time), widened by [`MARGIN_S`] on both sides.
pub(crate) fn in_window(s: &bevis_register::sessions::Session, index: usize, wall: chrono::NaiveDateTime) -> bool {
    let margin = chrono::TimeDelta::seconds(MARGIN_S);
    let real = s.sources.get(index).map_or(wall, |src| src.corrected(wall));
    real >= s.from - margin && real <= s.to + margin
}

/// The register file inside a data folder.
pub fn register_path(data_dir: &Path) -> PathBuf {
    data_dir.join("register.db")
}

static TEST_NOW: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Sets the test clock for this process, like `BEVIS_NOW` (debug builds only).
pub fn set_test_now(text: &str) {
    let _ = TEST_NOW.set(text.to_string());
}

/// Opens the register, creating the data folder (owner-only) if needed.
///
/// Debug builds (the test suite) honour `BEVIS_NOW=2027-03-01T09:00:00Z` so a
/// scripted day can pass months; release builds ignore it and say so in the log.
pub fn open_register(data_dir: &Path) -> Result<Register> {
    std::fs::create_dir_all(data_dir)?;
    #[cfg(unix)]
    std::fs::set_permissions(data_dir, std::os::unix::fs::PermissionsExt::from_mode(0o700))?;
    let mut reg = Register::open(&register_path(data_dir))?;
    if let Some(text) = TEST_NOW.get().cloned().or_else(|| std::env::var("BEVIS_NOW").ok()) {
        if cfg!(debug_assertions) {
            let t = bevis_register::parse_stamp(&text)
                .ok_or_else(|| DeskError::Invalid(format!("BEVIS_NOW '{text}' is not an RFC 3339 time")))?;
            reg.set_now(Some(t));
        } else {
            tracing::warn!("BEVIS_NOW is a test hook and is ignored in release builds");
        }
    }
    Ok(reg)
}

/// A logged-in user and their register.
pub struct Desk {
    reg: Register,
    user: Account,
    /// The installation signing key, opened from the user's key slot (admins and reviewers).
    key: Option<SigningKey>,
    data_dir: PathBuf,
    media: HashMap<PathBuf, bevis_media::MediaInfo>,
    /// The app's open decoders, one per camera on screen (see [`viewer`]).
    viewers: Vec<viewer::Viewer>,
    /// Played ranges not yet written to the register, one per camera.
    pending: Vec<(i64, bevis_register::sessions::Played)>,
}

impl Drop for Desk {
    fn drop(&mut self) {
        if let Err(e) = self.flush_played() {
            tracing::error!(error = %e, "could not record the last played range");
        }
    }
}

/// First run: the organisation, the first admin, and the sealed signing key.
pub fn init(data_dir: &Path, organisation: &str, admin: &str, password: &str) -> Result<Desk> {
    let mut reg = open_register(data_dir)?;
    if !reg.is_first_run()? {
        return Err(DeskError::Invalid("Bevis is already set up here; an admin adds further users".into()));
    }
    let seed = crate::keystore::legacy_or_new(data_dir)?;
    let id = reg.add_account(admin, admin, Role::Admin, password)?;
    reg.seal_key(id, password, &seed)?;
    reg.set_setting("organisation", organisation, admin)?;
    let fingerprint = bevis_pack::manifest::fingerprint(&SigningKey::from_bytes(&seed).verifying_key());
    reg.audit(admin, "initialised", &format!("{organisation}; signing key {fingerprint}"))?;
    crate::keystore::forget_legacy(data_dir)?;
    drop(reg);
    Desk::login(data_dir, admin, password)
}

impl Desk {
    /// Checks the password (five strikes lock for 15 minutes) and opens the key slot.
    pub fn login(data_dir: &Path, username: &str, password: &str) -> Result<Desk> {
        let mut reg = open_register(data_dir)?;
        if reg.is_first_run()? {
            return Err(DeskError::NotInitialised(data_dir.display().to_string()));
        }
        let user = reg.login(username, password)?.map_err(DeskError::Login)?;
        let key = match user.role.sees_footage() {
            true => reg.unseal_key(user.id, password)?.map(|seed| SigningKey::from_bytes(&seed)),
            false => None,
        };
        Ok(Desk {
            reg,
            user,
            key,
            data_dir: data_dir.to_path_buf(),
            media: HashMap::new(),
            viewers: Vec::new(),
            pending: Vec::new(),
        })
    }

    /// A second desk for a long job (export, find people, thumbnails, sweep,
    /// report): the same user and key on its own register connection, without
    /// the viewer. The job runs on it while this desk stays free for every other
    /// call, so no window waits for a job; every check still runs on the fork.
    /// The played range not yet written is written first, so the log keeps its order.
    pub fn fork(&mut self) -> Result<Desk> {
        self.flush_played()?;
        let mut reg = open_register(&self.data_dir)?;
        reg.set_now(self.reg.fixed_now());
        Ok(Desk {
            reg,
            user: self.user.clone(),
            key: self.key.clone(),
            data_dir: self.data_dir.clone(),
            media: self.media.clone(),
            viewers: Vec::new(),
            pending: Vec::new(),
        })
    }

    pub fn user(&self) -> &Account {
        &self.user
    }

    /// Refuses (and audits the refusal) unless `ok`.
    fn require(&mut self, ok: bool, what: &str) -> Result<()> {
        if ok {
            return Ok(());
        }
        self.reg.audit(&self.user.username, "refused", what)?;
        let who = format!("{} ({})", self.user.username, self.user.role.as_str());
        Err(DeskError::Forbidden(format!("{who} may not {what}")))
    }

    /// Refuses unless the user has one of `roles` and the account is still enabled
    /// (an admin may disable it while the app is open).
    fn allow(&mut self, roles: &[Role], what: &str) -> Result<()> {
        let active = self.reg.is_active(self.user.id)?;
        self.require(active, &format!("{what}: the account has been disabled"))?;
        self.require(roles.contains(&self.user.role), what)
    }

    fn audit(&mut self, action: &str, detail: &str) -> Result<()> {
        let actor = self.user.username.clone();
        self.reg.audit(&actor, action, detail)?;
        Ok(())
    }
}
