//! The `bevis` command line: the same workflows as the desktop app, for scripting,
//! testing, and for recipients who want to check a package without the app.
//!
//! Commands that touch footage or the register log in (`--user`, `--password-file`)
//! and go through `bevis::desk`, which does every access check; this file only
//! parses arguments and prints.

use anyhow::{Context, Result, bail};
use bevis::desk::Desk;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use zeroize::Zeroizing;

mod cli_check;
mod cli_detect;
mod cli_footage;
mod cli_package;
mod cli_register;
mod cli_request;
mod cli_sweep;

#[derive(Parser)]
#[command(name = "bevis", version, about = "Bevis — CCTV evidence for schools: review, redact, export")]
struct Cli {
    /// Installation data (register, receipts); default $BEVIS_DATA_DIR or ~/.local/share/bevis.
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    /// Log in as this user (commands that touch footage or the register).
    #[arg(long, global = true)]
    user: Option<String>,
    /// File holding the login password (first line).
    #[arg(long, global = true)]
    password_file: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// First run: create the register, the organisation and the first admin.
    Init(cli_register::InitArgs),
    /// Accounts (admin).
    #[command(subcommand)]
    User(cli_register::UserCmd),
    /// Cases: the incidents sessions and exports belong to.
    #[command(subcommand)]
    Case(cli_register::CaseCmd),
    /// Review sessions: the reason and time window within which footage may be seen.
    #[command(subcommand)]
    Session(cli_register::SessionCmd),
    /// Requests (police, a data subject's access, public access) and their deadlines.
    #[command(subcommand)]
    Request(cli_request::RequestCmd),
    /// Show or change settings (changing: admin).
    Settings(cli_register::SettingsArgs),
    /// Show what a recording (file or folder of NVR segments) contains.
    Probe(cli_footage::ProbeArgs),
    /// Write a frame of a session's recording as PNG, optionally redacted by a plan.
    Frame(cli_footage::FrameArgs),
    /// Write keyframe thumbnails of a session's window into a folder.
    Thumbs(cli_footage::ThumbsArgs),
    /// Print the activity profile (motion per second, 0..1).
    Activity(cli_footage::ProbeArgs),
    /// Find the people in a plan's clip range and add one proposed track each.
    Detect(cli_detect::DetectArgs),
    /// Keep only the named tracks visible and blur everything else.
    Keep(cli_detect::KeepArgs),
    /// Render one clip of a plan to an UNENCRYPTED MP4 (testing only).
    Render(cli_footage::RenderArgs),
    /// Export a plan from a review session as an encrypted, signed package into DIR/BEVIS/.
    Export(cli_package::ExportArgs),
    /// The leak check: people the plan would leave unmasked (exit 3 when any).
    Check(cli_check::CheckArgs),
    /// The evidence register: every package exported, its status and delete-by date.
    Exports(cli_package::JsonArg),
    /// Record that a package was handed over to its recipient.
    Handover(cli_package::HandoverArgs),
    /// Record that a handed-over drive came back.
    Returned(cli_package::ReturnedArgs),
    /// List removable drives an export can go to.
    Drives(cli_package::JsonArg),
    /// Check a package: structure without a password, everything with one.
    Verify(cli_package::VerifyArgs),
    /// Verify, then decrypt a package's files into a new folder.
    Decrypt(cli_package::DecryptArgs),
    /// Reminders: packages to delete, recordings the server will delete.
    Due(cli_sweep::DueArgs),
    /// Write the delete-by dates as an iCalendar file.
    Calendar(cli_sweep::CalendarArgs),
    /// Find packages on a drive and delete the expired ones.
    Wipe(cli_sweep::WipeArgs),
    /// The audit log: verify the chain, or list it.
    #[command(subcommand)]
    Audit(cli_register::AuditCmd),
    /// The annual report as HTML with charts, plus CSV.
    Report(cli_sweep::ReportArgs),
}

/// How a command logs in.
pub struct Login {
    pub data: PathBuf,
    user: Option<String>,
    password_file: Option<PathBuf>,
}

impl Login {
    /// Logs in with `--user` and `--password-file`.
    pub fn desk(&self) -> Result<Desk> {
        let (Some(user), Some(file)) = (&self.user, &self.password_file) else {
            bail!("this command needs a login: give --user NAME --password-file FILE");
        };
        let password = read_password(file)?;
        Ok(Desk::login(&self.data, user, &password)?)
    }

    pub fn password(&self) -> Result<Zeroizing<String>> {
        let Some(file) = &self.password_file else { bail!("give --password-file FILE") };
        read_password(file)
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bevis: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let login = Login { data: bevis::desk::data_dir(cli.data_dir), user: cli.user, password_file: cli.password_file };
    match cli.command {
        Command::Init(a) => cli_register::init(&login, a),
        Command::User(c) => cli_register::user(&login, c),
        Command::Case(c) => cli_register::case(&login, c),
        Command::Session(c) => cli_register::session(&login, c),
        Command::Request(c) => cli_request::request(&login, c),
        Command::Settings(a) => cli_register::settings(&login, a),
        Command::Audit(c) => cli_register::audit(&login, c),
        Command::Probe(a) => cli_footage::probe(a),
        Command::Frame(a) => cli_footage::frame(&login, a),
        Command::Thumbs(a) => cli_footage::thumbs(&login, a),
        Command::Activity(a) => cli_footage::activity(a),
        Command::Detect(a) => cli_detect::detect(&login, a),
        Command::Keep(a) => cli_detect::keep(a),
        Command::Render(a) => cli_footage::render(&login, a),
        Command::Export(a) => cli_package::export(&login, a),
        Command::Check(a) => match cli_check::check(&login, a) {
            Ok(true) => std::process::exit(3),
            other => other.map(|_| ()),
        },
        Command::Exports(a) => cli_package::exports(&login, a),
        Command::Handover(a) => cli_package::handover(&login, a),
        Command::Returned(a) => cli_package::returned(&login, a),
        Command::Drives(a) => cli_package::drives(a),
        Command::Verify(a) => cli_package::verify(a),
        Command::Decrypt(a) => cli_package::decrypt(a),
        Command::Due(a) => cli_sweep::due(&login, a),
        Command::Calendar(a) => cli_sweep::calendar(&login, a),
        Command::Wipe(a) => cli_sweep::wipe(&login, a),
        Command::Report(a) => cli_sweep::report(&login, a),
    }
}

/// The first line of a password file.
pub fn read_password(file: &Path) -> Result<Zeroizing<String>> {
    let text = Zeroizing::new(
        std::fs::read_to_string(file).with_context(|| format!("cannot read the password file {}", file.display()))?,
    );
    let pw = Zeroizing::new(text.lines().next().unwrap_or("").trim().to_string());
    if pw.is_empty() {
        bail!("the password file {} is empty", file.display());
    }
    Ok(pw)
}

/// Prints `value` as pretty JSON on stdout.
pub fn print_json(value: &impl serde::Serialize) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}
