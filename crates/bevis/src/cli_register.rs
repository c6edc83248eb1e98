//! Register commands: first run, users, cases, review sessions, settings, audit.

use crate::{Login, print_json, read_password};
use anyhow::{Context, Result, bail};
use bevis::desk::{self, SessionRequest, SourceSpec};
use bevis::register::accounts::Role;
use bevis::register::audit::Check;
use bevis::register::sessions::Reason;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Args)]
pub struct InitArgs {
    #[arg(long)]
    org: String,
    /// User name of the first admin (its password comes from --password-file).
    #[arg(long)]
    admin: String,
}

#[derive(Subcommand)]
pub enum UserCmd {
    /// Add an account; its password comes from --new-password-file.
    Add {
        name: String,
        /// admin, reviewer or auditor.
        #[arg(long)]
        role: String,
        #[arg(long)]
        display: Option<String>,
        #[arg(long)]
        new_password_file: PathBuf,
    },
    Disable {
        name: String,
    },
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum CaseCmd {
    Open {
        reference: String,
        #[arg(long, default_value = "")]
        title: String,
    },
    Close {
        reference: String,
    },
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum SessionCmd {
    /// Open a review session: case, reason, recordings and the incident window.
    Open {
        /// The case (may be left out when the request names one).
        #[arg(long, default_value = "")]
        case: String,
        /// suspected_crime, violence_threat, vandalism, accident, data_subject_request or other
        /// (with --request, its kind decides).
        #[arg(long)]
        reason: Option<String>,
        /// The request this review answers.
        #[arg(long)]
        request: Option<i64>,
        #[arg(long)]
        note: String,
        /// A recording (file or NVR segment folder); repeat for several cameras.
        #[arg(long, required = true)]
        source: Vec<PathBuf>,
        /// The camera's name: one per --source, in order.
        #[arg(long)]
        camera: Vec<String>,
        /// Recording start for footage that does not carry it (YYYY-MM-DDTHH:MM:SS): one per --source, in order.
        #[arg(long)]
        start: Vec<String>,
        /// Window start: 2026-11-21T12:35 or +SECONDS into the recording.
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
    },
    /// Change the incident window (needs a reason, which is logged).
    Widen {
        id: i64,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        why: String,
    },
    Close {
        id: i64,
    },
    /// Add a camera to an open session (needs a reason, which is logged).
    AddCamera {
        id: i64,
        #[arg(long)]
        source: PathBuf,
        #[arg(long)]
        camera: Option<String>,
        #[arg(long)]
        start: Option<String>,
        #[arg(long)]
        why: String,
    },
    /// How a recorder's clock differed from real time (logged): real = recorder − offset.
    Clock {
        id: i64,
        /// Seconds the recorder was ahead of real time (negative: behind): +67, -3600, +1:07.
        #[arg(long, allow_hyphen_values = true)]
        offset: String,
        /// The recording's time zone.
        #[arg(long, default_value = "Europe/Stockholm")]
        tz: String,
        /// How the offset was established (e.g. "compared with the NTP clock of the server").
        #[arg(long)]
        how: String,
        /// Which recording of the session (1 = the first).
        #[arg(long, default_value_t = 1)]
        source: usize,
    },
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum AuditCmd {
    /// Recompute the hash chain; fails naming the first bad row.
    Verify,
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct SettingsArgs {
    /// KEY=VALUE (organisation, retention_days, delete_by_days, auto_lock_minutes).
    #[arg(long)]
    set: Option<String>,
}

pub fn init(login: &Login, a: InitArgs) -> Result<()> {
    let desk = desk::init(&login.data, &a.org, &a.admin, &login.password()?)?;
    eprintln!("Bevis is set up for {} in {}; admin: {}", a.org, login.data.display(), desk.user().username);
    Ok(())
}

pub fn user(login: &Login, c: UserCmd) -> Result<()> {
    let mut desk = login.desk()?;
    match c {
        UserCmd::Add { name, role, display, new_password_file } => {
            let role = Role::parse(&role).context("--role is admin, reviewer or auditor")?;
            let pw = read_password(&new_password_file)?;
            desk.add_user(&name, display.as_deref().unwrap_or(&name), role, &pw)?;
            eprintln!("added {name} as {}", role.as_str());
        }
        UserCmd::Disable { name } => desk.disable_user(&name)?,
        UserCmd::List { json } => {
            let users = desk.users()?;
            if json {
                return print_json(&users);
            }
            for u in users {
                let state = if u.disabled {
                    "disabled"
                } else if u.locked_until.is_some() {
                    "locked?"
                } else {
                    "active"
                };
                println!(
                    "{:<16} {:<9} {:<9} {}",
                    u.account.username,
                    u.account.role.as_str(),
                    state,
                    u.account.display_name
                );
            }
        }
    }
    Ok(())
}

pub fn case(login: &Login, c: CaseCmd) -> Result<()> {
    let mut desk = login.desk()?;
    match c {
        CaseCmd::Open { reference, title } => println!("{}", desk.open_case(&reference, &title)?.reference),
        CaseCmd::Close { reference } => desk.close_case(&reference)?,
        CaseCmd::List { json } => {
            let cases = desk.cases()?;
            if json {
                return print_json(&cases);
            }
            for c in cases {
                println!("{:<20} {:<7} {}  {}", c.reference, c.status, &c.opened_at[..10], c.title);
            }
        }
    }
    Ok(())
}

/// `--source`s with their `--camera`s and `--start`s, paired in order.
fn specs(source: Vec<PathBuf>, camera: Vec<String>, start: Vec<String>) -> Result<Vec<SourceSpec>> {
    let n = source.len();
    if !(camera.is_empty() || camera.len() == n) || !(start.is_empty() || start.len() == n) {
        bail!("give one --camera and one --start per --source, in order ({n} sources)");
    }
    let (mut cameras, mut starts) = (camera.into_iter(), start.into_iter());
    Ok(source.into_iter().map(|path| SourceSpec { path, camera: cameras.next(), start: starts.next() }).collect())
}

/// The reason given, or — for a session answering a request — "other" (the request's kind says more).
fn reason_of(reason: Option<&str>, request: Option<i64>) -> Result<Reason> {
    match (reason.map(Reason::parse), request) {
        (Some(Some(r)), _) => Ok(r),
        (None, Some(_)) => Ok(Reason::Other),
        _ => {
            let all: Vec<&str> = Reason::ALL.iter().map(|r| r.as_str()).collect();
            bail!("--reason must be one of {}", all.join(", "))
        }
    }
}

pub fn session(login: &Login, c: SessionCmd) -> Result<()> {
    let mut desk = login.desk()?;
    match c {
        SessionCmd::Open { case, reason, request, note, source, camera, start, from, to } => {
            let reason = reason_of(reason.as_deref(), request)?;
            let sources = specs(source, camera, start)?;
            let s = desk.open_session(&SessionRequest { case_ref: case, reason, note, sources, from, to, request })?;
            println!("{}", s.id);
            eprintln!("review session {} open: {} – {}", s.id, s.from, s.to);
        }
        SessionCmd::Widen { id, from, to, why } => {
            let s = desk.change_window(id, &from, &to, &why)?;
            eprintln!("session {id} window is now {} – {}", s.from, s.to);
        }
        SessionCmd::Close { id } => desk.close_session(id)?,
        SessionCmd::AddCamera { id, source, camera, start, why } => {
            let s = desk.add_camera(id, &SourceSpec { path: source, camera, start }, &why)?;
            eprintln!("session {id} now has {} recordings", s.sources.len());
        }
        SessionCmd::Clock { id, offset, tz, how, source } => {
            let offset_s = bevis::desk::parse_offset(&offset)
                .with_context(|| format!("'{offset}' is not an offset: use seconds such as +67 or -3600, or +1:07"))?;
            let clock = bevis::register::sessions::Clock { offset_s, how, time_zone: tz };
            let s = desk.set_clock(id, source.max(1) - 1, &clock)?;
            let src = &s.sources[source.max(1) - 1];
            eprintln!(
                "session {id}, {}: the recorder is {:+.3} s off real time ({}); real time = recorder time − offset",
                src.camera, src.clock_offset_s, src.time_zone
            );
        }
        SessionCmd::List { json } => {
            let sessions = desk.sessions()?;
            if json {
                return print_json(&sessions);
            }
            for s in sessions {
                let state = if s.closed_at.is_some() { "closed" } else { "open" };
                println!("{:>4} {state:<6} {:<20} {} – {}  {}", s.id, s.reason.as_str(), s.from, s.to, s.note);
            }
        }
    }
    Ok(())
}

pub fn settings(login: &Login, a: SettingsArgs) -> Result<()> {
    let mut desk = login.desk()?;
    if let Some(kv) = a.set {
        let (k, v) = kv.split_once('=').context("--set takes KEY=VALUE")?;
        desk.set_setting(k.trim(), v)?;
    }
    print_json(&desk.settings()?)
}

pub fn audit(login: &Login, c: AuditCmd) -> Result<()> {
    let mut desk = login.desk()?;
    match c {
        AuditCmd::Verify => match desk.audit_verify()? {
            Check::Intact { rows, head } => println!("audit log intact: {rows} rows, head {head}"),
            Check::Broken { row, why } => bail!("the audit log has been tampered with: row {row} {why}"),
        },
        AuditCmd::List { json } => {
            let entries = desk.audit_entries()?;
            if json {
                return print_json(&entries);
            }
            for e in entries {
                println!("{:>5} {} {:<12} {:<16} {}", e.id, e.at, e.actor, e.action, e.detail);
            }
        }
    }
    Ok(())
}
