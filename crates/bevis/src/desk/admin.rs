//! The IT manager's work (accounts, settings) and the auditor's (the log).
//!
//! New admins and reviewers get a key slot sealed under their own password, which
//! needs the signing key opened by the admin adding them; auditors get none.

use super::{Desk, DeskError, Result};
use bevis_register::accounts::{Account, Role};
use bevis_register::audit::{Check, Entry};
use bevis_register::settings::Settings;
use zeroize::Zeroizing;

/// An account as listings show it.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct AccountState {
    #[serde(flatten)]
    pub account: Account,
    pub disabled: bool,
    pub locked_until: Option<String>,
}

const OVERSIGHT: [Role; 2] = [Role::Admin, Role::Auditor];

impl Desk {
    pub fn add_user(&mut self, username: &str, display: &str, role: Role, password: &str) -> Result<Account> {
        self.allow(&[Role::Admin], "manage users")?;
        let seed = match role.sees_footage() {
            true => Some(Zeroizing::new(
                self.key
                    .as_ref()
                    .ok_or_else(|| DeskError::Forbidden("this admin account has no signing key slot to share".into()))?
                    .to_bytes(),
            )),
            false => None,
        };
        let actor = self.user.username.clone();
        let id = self.reg.add_account(username, display, role, password)?;
        if let Some(seed) = seed {
            self.reg.seal_key(id, password, &seed)?;
        }
        self.reg.audit(&actor, "user_added", &format!("{username} as {}", role.as_str()))?;
        Ok(Account { id, username: username.into(), display_name: display.into(), role })
    }

    pub fn disable_user(&mut self, username: &str) -> Result<()> {
        self.allow(&[Role::Admin], "manage users")?;
        if username == self.user.username {
            return Err(DeskError::Invalid("you cannot disable your own account".into()));
        }
        let actor = self.user.username.clone();
        Ok(self.reg.disable_account(username, &actor)?)
    }

    pub fn users(&mut self) -> Result<Vec<AccountState>> {
        self.allow(&OVERSIGHT, "list users")?;
        let rows = self.reg.accounts()?;
        Ok(rows
            .into_iter()
            .map(|(account, disabled, locked_until)| AccountState { account, disabled, locked_until })
            .collect())
    }

    pub fn settings(&self) -> Result<Settings> {
        Ok(self.reg.settings()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.allow(&[Role::Admin], "change settings")?;
        let actor = self.user.username.clone();
        Ok(self.reg.set_setting(key, value, &actor)?)
    }

    /// Recomputes the audit chain (the check itself is logged).
    pub fn audit_verify(&mut self) -> Result<Check> {
        self.allow(&OVERSIGHT, "check the audit log")?;
        let check = bevis_register::audit::verify(&self.reg)?;
        let detail = match &check {
            Check::Intact { rows, head } => format!("intact: {rows} rows, head {head}"),
            Check::Broken { row, why } => format!("BROKEN at row {row}: {why}"),
        };
        self.audit("audit_verified", &detail)?;
        Ok(check)
    }

    /// The annual report (admins and auditors; the generation is logged).
    pub fn report(&mut self, year: i32) -> Result<crate::report::Report> {
        self.allow(&OVERSIGHT, "generate the annual report")?;
        if !(2000..=2200).contains(&year) {
            return Err(DeskError::Invalid(format!("{year} is not a plausible year")));
        }
        let report = crate::report::build(&self.reg, year)?;
        self.audit("report_generated", &year.to_string())?;
        Ok(report)
    }

    pub fn audit_entries(&mut self) -> Result<Vec<Entry>> {
        self.allow(&OVERSIGHT, "read the audit log")?;
        Ok(self.reg.audit_entries()?)
    }
}

impl Desk {
    /// Reminders (every role: the auditor follows up on overdue evidence too).
    pub fn due(&self, within_days: i64) -> Result<Vec<crate::due::Reminder>> {
        Ok(crate::due::reminders(&self.reg, within_days)?)
    }

    /// The delete-by dates as an iCalendar file.
    pub fn calendar(&self) -> Result<String> {
        Ok(crate::due::calendar(&self.reg)?)
    }

    /// Where this installation keeps its register and receipts.
    pub fn data_dir(&self) -> &std::path::Path {
        &self.data_dir
    }
}
