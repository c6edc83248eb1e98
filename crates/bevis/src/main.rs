//! The `bevis` command line: the same workflows as the desktop app, for scripting,
//! testing, and for recipients who want to inspect footage without the app.

use anyhow::{Context, Result, bail};
use bevis::media::{self, overview, render};
use bevis::redact::EditPlan;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod cli_package;

#[derive(Parser)]
#[command(name = "bevis", version, about = "Bevis — CCTV evidence for schools: review, redact, export")]
struct Cli {
    /// Installation data (signing key, receipts); default $BEVIS_DATA_DIR or ~/.local/share/bevis.
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show what a recording (file or folder of NVR segments) contains.
    Probe {
        path: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Write the frame shown at a time as PNG, optionally redacted by a plan.
    Frame {
        path: PathBuf,
        /// Seconds from the start of the recording.
        #[arg(long)]
        at: f64,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        plan: Option<PathBuf>,
        /// Scale to this width in pixels.
        #[arg(long)]
        width: Option<u32>,
    },
    /// Write keyframe thumbnails every N seconds into a folder.
    Thumbs {
        path: PathBuf,
        #[arg(long, default_value_t = 10.0)]
        every: f64,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 160)]
        width: u32,
    },
    /// Print the activity profile (motion per second, 0..1).
    Activity {
        path: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Render one clip of a plan to an UNENCRYPTED MP4 (testing and recipients only).
    Render {
        #[arg(long)]
        plan: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// Which clip of the plan (1 = first).
        #[arg(long, default_value_t = 1)]
        clip: usize,
    },
    /// Export a plan as an encrypted, signed evidence package into DIR/BEVIS/.
    Export {
        #[arg(long)]
        plan: PathBuf,
        #[arg(long)]
        case: String,
        #[arg(long)]
        delete_by: String,
        #[arg(long)]
        to: PathBuf,
        /// Read the password from a file instead of generating one.
        #[arg(long)]
        password_file: Option<PathBuf>,
        /// Still images at these source times (seconds, comma separated).
        #[arg(long, value_delimiter = ',')]
        stills: Vec<f64>,
        #[arg(long, default_value = "Bevis")]
        issuer: String,
        #[arg(long, default_value = "unknown")]
        operator: String,
        #[arg(long, default_value = "suspected crime")]
        reason: String,
        #[arg(long)]
        recipient: Option<String>,
    },
    /// List removable drives an export can go to.
    Drives {
        #[arg(long)]
        json: bool,
    },
    /// Check a package: structure without a password, everything with one.
    Verify {
        package: PathBuf,
        #[arg(long)]
        password_file: Option<PathBuf>,
    },
    /// Verify, then decrypt a package's files into a new folder.
    Decrypt {
        package: PathBuf,
        #[arg(long)]
        password_file: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
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
    let data = cli_package::data_dir(cli.data_dir);
    match cli.command {
        Command::Probe { path, json } => probe(&path, json),
        Command::Frame { path, at, out, plan, width } => frame(&path, at, &out, plan.as_deref(), width),
        Command::Thumbs { path, every, out, width } => thumbs(&path, every, &out, width),
        Command::Activity { path, json } => activity(&path, json),
        Command::Render { plan, out, clip } => render_clip(&plan, &out, clip),
        Command::Export { plan, case, delete_by, to, password_file, stills, issuer, operator, reason, recipient } => {
            let args = cli_package::ExportArgs {
                plan,
                case,
                delete_by,
                to,
                password_file,
                stills,
                issuer,
                operator,
                reason,
                recipient,
            };
            cli_package::export_cmd(args, &data)
        }
        Command::Drives { json } => cli_package::drives_cmd(json),
        Command::Verify { package, password_file } => cli_package::verify_cmd(&package, password_file.as_deref()),
        Command::Decrypt { package, password_file, out } => cli_package::decrypt_cmd(&package, &password_file, &out),
    }
}

fn load_plan(path: &Path) -> Result<EditPlan> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read the plan {}", path.display()))?;
    EditPlan::from_json(&text).with_context(|| format!("plan {}", path.display()))
}

fn probe(path: &Path, json: bool) -> Result<()> {
    let info = media::probe(path)?;
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&info)?)?;
        return Ok(());
    }
    let start = info.start.map_or("unknown".into(), |s| format!("{} (from {:?})", s.at, s.from));
    writeln!(out, "{}", info.path.display())?;
    writeln!(out, "  container  {}\n  codec      {}", info.container, info.codec)?;
    writeln!(out, "  size       {}×{}\n  rate       {}/{} fps", info.width, info.height, info.rate.num, info.rate.den)?;
    writeln!(
        out,
        "  duration   {:.3} s ({} frames)",
        info.duration,
        info.frames.map_or("?".into(), |f| f.to_string())
    )?;
    writeln!(out, "  audio      {}\n  start      {start}", if info.audio { "yes" } else { "no" })?;
    writeln!(out, "  segments   {}", info.segments.len())?;
    for g in &info.gaps {
        writeln!(out, "  GAP        {:.1} s missing after segment {} (at {:.3} s)", g.seconds, g.after + 1, g.at)?;
    }
    Ok(())
}

fn frame(path: &Path, at: f64, out: &Path, plan: Option<&Path>, width: Option<u32>) -> Result<()> {
    let plan = plan.map(load_plan).transpose()?;
    let png = bevis::preview::frame_png(path, at, width, plan.as_ref())?;
    std::fs::write(out, png).with_context(|| format!("cannot write {}", out.display()))
}

fn thumbs(path: &Path, every: f64, out: &Path, width: u32) -> Result<()> {
    if !(every.is_finite() && every > 0.0) {
        bail!("--every must be a positive number of seconds");
    }
    let info = media::probe(path)?;
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let thumbs = overview::thumbnails(&info, every, width, |_| true)?;
    for th in &thumbs {
        let (w, h) = (th.image.width as u32, th.image.height as u32);
        let png = bevis::preview::png(w, h, th.image.to_rgba(w, h)?)?;
        let name = out.join(format!("thumb-{:08.2}.png", th.t));
        std::fs::write(&name, png).with_context(|| format!("cannot write {}", name.display()))?;
    }
    eprintln!("{} thumbnails written to {}", thumbs.len(), out.display());
    Ok(())
}

fn activity(path: &Path, json: bool) -> Result<()> {
    let act = overview::activity(&media::probe(path)?)?;
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string(&act)?)?;
        return Ok(());
    }
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    for (minute, chunk) in act.per_second.chunks(60).enumerate() {
        let line: String = chunk.iter().map(|v| BARS[((v * 7.0).round() as usize).min(7)]).collect();
        writeln!(out, "{:>4}m {line}", minute)?;
    }
    Ok(())
}

fn render_clip(plan_path: &Path, out: &Path, clip: usize) -> Result<()> {
    let plan = load_plan(plan_path)?;
    if clip == 0 {
        bail!("--clip counts from 1");
    }
    let job = render::ClipJob::new(&plan, clip - 1)?;
    eprintln!(
        "bevis: WARNING: {} will be an UNENCRYPTED video. Use it for testing only; evidence leaves Bevis as an encrypted package.",
        out.display()
    );
    let file = std::fs::File::create(out).with_context(|| format!("cannot create {}", out.display()))?;
    let mut writer = std::io::BufWriter::new(file);
    let mut last = std::time::Instant::now();
    let report = render::render_job(&job, &mut writer, &Default::default(), |p| {
        if last.elapsed().as_millis() > 500 {
            eprint!("\r{}/{} frames", p.done, p.total);
            last = std::time::Instant::now();
        }
        true
    });
    let report = match report {
        Ok(r) => r,
        Err(e) => {
            drop(writer);
            let _ = std::fs::remove_file(out);
            return Err(e.into());
        }
    };
    writer.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    eprintln!(
        "\r{} frames, {}×{}, {} bytes → {}",
        report.frames,
        report.width,
        report.height,
        report.bytes,
        out.display()
    );
    Ok(())
}
