//! `bevis request …`: requests from arrival to answer (the checks outside the
//! test suite use exactly this interface).

use crate::{Login, print_json};
use anyhow::Result;
use bevis::desk::RequestInput;
use bevis::register::requests::Request;
use clap::Subcommand;

#[derive(Subcommand)]
pub enum RequestCmd {
    /// Record a request that arrived; prints its id.
    New {
        /// police, data_subject_access, public_access or other.
        #[arg(long)]
        kind: String,
        /// The day it arrived (YYYY-MM-DD).
        #[arg(long)]
        received: String,
        /// Who asked (name or authority).
        #[arg(long)]
        requester: String,
        /// What was asked for: camera or place, and the time span as the requester gave it.
        #[arg(long)]
        asked: String,
        #[arg(long, default_value = "")]
        contact: String,
        /// For access requests: how identity was verified (never a personal identity number).
        #[arg(long, default_value = "")]
        identity: String,
        #[arg(long)]
        case: Option<String>,
    },
    /// Every request by due date.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Extend an access request's deadline (at most 2 months in all), with the reason.
    Extend {
        id: i64,
        #[arg(long)]
        months: u32,
        #[arg(long)]
        why: String,
        /// The day the requester was told (default: today).
        #[arg(long)]
        told: Option<String>,
    },
    /// Decide: granted, disclosed, partly_disclosed or refused, with its ground.
    Decide {
        id: i64,
        #[arg(long)]
        outcome: String,
        #[arg(long)]
        ground: String,
    },
    /// The answer went out as this package.
    Deliver {
        id: i64,
        #[arg(long)]
        package: String,
    },
    /// The requester withdrew the request.
    Withdraw {
        id: i64,
        #[arg(long)]
        why: String,
    },
    /// Write the decision letter (HTML, Swedish and English) to a file.
    Letter {
        id: i64,
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

fn line(r: &Request) -> String {
    let decision = r.decision().map_or_else(String::new, |d| format!("  [{}]", d.outcome));
    format!(
        "{:>4}  {:<20} {:<10} received {}  due {}{decision}  {}",
        r.id, r.kind, r.status, r.received, r.due, r.requester
    )
}

pub fn request(login: &Login, c: RequestCmd) -> Result<()> {
    let mut desk = login.desk()?;
    let shown = match c {
        RequestCmd::New { kind, received, requester, asked, contact, identity, case } => {
            let input =
                RequestInput { kind, received, requester, contact, identity_check: identity, asked, case_ref: case };
            let r = desk.new_request(&input)?;
            println!("{}", r.id);
            eprintln!("request {} recorded: {}, due {}", r.id, r.kind, r.due);
            return Ok(());
        }
        RequestCmd::List { json } => {
            let all = desk.requests()?;
            if json {
                return print_json(&all);
            }
            all.iter().for_each(|r| println!("{}", line(r)));
            return Ok(());
        }
        RequestCmd::Extend { id, months, why, told } => desk.extend_request(id, months, &why, told.as_deref())?,
        RequestCmd::Decide { id, outcome, ground } => desk.decide_request(id, &outcome, &ground)?,
        RequestCmd::Deliver { id, package } => desk.deliver_request(id, &package)?,
        RequestCmd::Withdraw { id, why } => desk.withdraw_request(id, &why)?,
        RequestCmd::Letter { id, out } => {
            let r = desk.request(id)?;
            std::fs::write(&out, desk.letter(&r)?)?;
            eprintln!("the decision letter of request {id} is in {}", out.display());
            return Ok(());
        }
    };
    eprintln!("{}", line(&shown));
    Ok(())
}
