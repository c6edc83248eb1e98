//! Reminders, the calendar, the deletion sweep and the annual report.

use crate::{Login, print_json};
use anyhow::{Context, Result, bail};
use bevis::desk::Verdict;
use bevis::due::Kind;
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct DueArgs {
    #[arg(long)]
    json: bool,
    /// Remind of recordings the server deletes within this many days.
    #[arg(long, default_value_t = 7)]
    within: i64,
}

#[derive(Args)]
pub struct CalendarArgs {
    #[arg(long)]
    out: PathBuf,
}

#[derive(Args)]
pub struct WipeArgs {
    /// A mounted drive, or any folder standing in for one.
    #[arg(long)]
    drive: PathBuf,
    /// Delete the packages whose delete-by date has come (and finish interrupted wipes).
    #[arg(long)]
    expired: bool,
    /// Delete this package now, even before its date (the drive came back).
    #[arg(long)]
    package: Vec<String>,
    /// Also delete expired packages the register does not know (explicit confirmation).
    #[arg(long)]
    yes: bool,
}

#[derive(Args)]
pub struct ReportArgs {
    #[arg(long)]
    year: i32,
    /// The HTML file; the CSV is written next to it.
    #[arg(long)]
    out: PathBuf,
}

pub fn due(login: &Login, a: DueArgs) -> Result<()> {
    let reminders = login.desk()?.due(a.within)?;
    if a.json {
        return print_json(&reminders);
    }
    if reminders.is_empty() {
        println!("nothing due");
    }
    for r in reminders {
        let what = match r.kind {
            Kind::PackageExpired => format!("DELETE NOW   package {} (delete by {})", r.subject, r.date),
            Kind::PackageDueSoon => format!("delete soon  package {} in {} days ({})", r.subject, r.days_left, r.date),
            Kind::RecordingAutoDelete => {
                format!("server       deletes {} in {} days ({})", r.subject, r.days_left, r.date)
            }
            Kind::RequestOverdue => {
                format!("OVERDUE      {} was due {} ({} days ago)", r.subject, r.date, -r.days_left)
            }
            Kind::RequestDueSoon | Kind::RequestOpen => {
                format!("answer       {} by {} ({} days left)", r.subject, r.date, r.days_left)
            }
        };
        println!("{:<20} {what}  [{}]", r.case_ref, r.place);
    }
    Ok(())
}

pub fn calendar(login: &Login, a: CalendarArgs) -> Result<()> {
    let ics = login.desk()?.calendar()?;
    std::fs::write(&a.out, ics).with_context(|| format!("cannot write {}", a.out.display()))?;
    eprintln!("calendar written to {}", a.out.display());
    Ok(())
}

pub fn wipe(login: &Login, a: WipeArgs) -> Result<()> {
    let mut desk = login.desk()?;
    let today = desk.today().to_string();
    let items = desk.sweep_scan(&a.drive)?;
    let (mut wiped, mut failed) = (0, 0);
    for item in &items {
        let chosen = a.package.contains(&item.package_id);
        let unknown_expired = item.verdict == Verdict::Unknown && item.delete_by.as_str() <= today.as_str();
        let act = chosen
            || (a.expired && matches!(item.verdict, Verdict::Expired | Verdict::Interrupted))
            || (a.expired && a.yes && unknown_expired);
        let label = format!("{:?}", item.verdict).to_lowercase();
        if !act {
            let hint = if item.verdict == Verdict::Unknown { " (not in the register: left alone)" } else { "" };
            println!("{label:<11} {} {} delete by {}{hint}", item.case_ref, item.container.display(), item.delete_by);
            continue;
        }
        match desk.sweep_wipe(item, a.yes || chosen, chosen) {
            Ok(w) => {
                wiped += 1;
                println!(
                    "DELETED     {} {} ({} bytes overwritten, verified gone)",
                    item.case_ref,
                    item.container.display(),
                    w.bytes_overwritten
                );
                for other in w.left_alone {
                    println!("            left alone: {}", other.display());
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("bevis: {e}");
            }
        }
    }
    eprintln!("{} packages found, {wiped} deleted", items.len());
    if failed > 0 {
        bail!("{failed} packages could not be deleted");
    }
    Ok(())
}

pub fn report(login: &Login, a: ReportArgs) -> Result<()> {
    let report = login.desk()?.report(a.year)?;
    std::fs::write(&a.out, bevis::report::html(&report))
        .with_context(|| format!("cannot write {}", a.out.display()))?;
    let csv = a.out.with_extension("csv");
    std::fs::write(&csv, bevis::report::csv(&report)).with_context(|| format!("cannot write {}", csv.display()))?;
    eprintln!("report for {} written to {} and {}", a.year, a.out.display(), csv.display());
    Ok(())
}
