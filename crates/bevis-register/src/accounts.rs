//! Accounts, roles and logging in.
//!
//! Passwords are stored as Argon2id PHC strings (memory-hard; the RustCrypto
//! defaults: 19 MiB, 2 passes). Five wrong passwords in a row lock an account for
//! fifteen minutes; every attempt, good or bad, goes into the audit log. Times
//! come from the register's clock, so tests (and the app's injected clock) control them.

use crate::{Register, RegisterError, Result};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::TimeDelta;
use rusqlite::{OptionalExtension, params};

pub const MAX_FAILURES: i64 = 5;
pub const LOCKOUT: TimeDelta = TimeDelta::minutes(15);

/// The three roles of BRIEF §2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// IT manager: accounts, keys, settings, audit.
    Admin,
    /// Intendent: reviews footage and exports evidence.
    Reviewer,
    /// Principal / data protection officer: register and reports, never footage.
    Auditor,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Reviewer => "reviewer",
            Role::Auditor => "auditor",
        }
    }
    /// Parses `admin`, `reviewer` or `auditor`.
    pub fn parse(s: &str) -> Option<Role> {
        [Role::Admin, Role::Reviewer, Role::Auditor].into_iter().find(|r| r.as_str() == s.trim())
    }
    /// Admins and reviewers see footage and sign packages; auditors never do.
    pub fn sees_footage(self) -> bool {
        self != Role::Auditor
    }
}

/// A logged-in user.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct Account {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
}

/// Why a login was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoginError {
    #[error("unknown user or wrong password")]
    BadCredentials,
    #[error("the account is locked after too many wrong passwords; try again after {0}")]
    Locked(String),
    #[error("the account is disabled")]
    Disabled,
}

fn hash_password(password: &str) -> Result<String> {
    let mut salt = [0u8; 16];
    getrandom::getrandom(&mut salt).map_err(|e| RegisterError::Invalid(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| RegisterError::Invalid(e.to_string()))?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| RegisterError::Invalid(e.to_string()))?
        .to_string())
}

fn password_ok(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

struct Row {
    account: Account,
    hash: String,
    failures: i64,
    locked_until: Option<String>,
    disabled: bool,
}

impl Register {
    /// True until the first account exists (the first run creates the first admin).
    pub fn is_first_run(&self) -> Result<bool> {
        Ok(self.conn.query_row("SELECT COUNT(*) FROM accounts", [], |r| r.get::<_, i64>(0))? == 0)
    }

    pub fn add_account(&mut self, username: &str, display: &str, role: Role, password: &str) -> Result<i64> {
        let now = self.now();
        if username.trim().is_empty() || password.chars().count() < 8 {
            return Err(RegisterError::Invalid(
                "a user name and a password of at least 8 characters are required".into(),
            ));
        }
        let hash = hash_password(password)?;
        let (id, _) = self.change(username, "account_created", &format!("role {}", role.as_str()), |tx| {
            tx.execute(
                "INSERT INTO accounts (username, display_name, role, password_hash, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![username, display, role.as_str(), hash, crate::stamp(now)],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        Ok(id)
    }

    fn account_row(&self, username: &str) -> Result<Option<Row>> {
        let sql = "SELECT id, username, display_name, role, password_hash, failed_attempts, locked_until, disabled FROM accounts WHERE username = ?1";
        Ok(self
            .conn
            .query_row(sql, [username], |r| {
                let account = Account {
                    id: r.get(0)?,
                    username: r.get(1)?,
                    display_name: r.get(2)?,
                    role: Role::parse(&r.get::<_, String>(3)?).unwrap_or(Role::Auditor),
                };
                Ok(Row {
                    account,
                    hash: r.get(4)?,
                    failures: r.get(5)?,
                    locked_until: r.get(6)?,
                    disabled: r.get::<_, i64>(7)? != 0,
                })
            })
            .optional()?)
    }

    /// Checks a password; counts failures and locks the account after five.
    pub fn login(&mut self, username: &str, password: &str) -> Result<Result<Account, LoginError>> {
        let now = self.now();
        let Some(row) = self.account_row(username)? else {
            self.audit(username, "login_refused", "unknown user")?;
            return Ok(Err(LoginError::BadCredentials));
        };
        if row.disabled {
            self.audit(username, "login_refused", "disabled")?;
            return Ok(Err(LoginError::Disabled));
        }
        if let Some(until) = row.locked_until.as_deref().and_then(crate::parse_stamp).filter(|u| *u > now) {
            self.audit(username, "login_refused", "locked")?;
            return Ok(Err(LoginError::Locked(crate::stamp(until))));
        }
        if password_ok(password, &row.hash) {
            self.change(username, "login", "", |tx| {
                let sql = "UPDATE accounts SET failed_attempts = 0, locked_until = NULL WHERE id = ?1";
                Ok(tx.execute(sql, [row.account.id]).map(|_| ())?)
            })?;
            return Ok(Ok(row.account));
        }
        let failures = row.failures + 1;
        let lock = (failures >= MAX_FAILURES).then(|| crate::stamp(now + LOCKOUT));
        let stored = if lock.is_some() { 0 } else { failures };
        let detail = if lock.is_some() { "wrong password; account locked" } else { "wrong password" };
        self.change(username, "login_refused", detail, |tx| {
            let sql = "UPDATE accounts SET failed_attempts = ?1, locked_until = ?2 WHERE id = ?3";
            Ok(tx.execute(sql, params![stored, lock, row.account.id]).map(|_| ())?)
        })?;
        Ok(Err(LoginError::BadCredentials))
    }

    /// Disables an account and destroys its key slot.
    pub fn disable_account(&mut self, username: &str, by: &str) -> Result<()> {
        let Some(row) = self.account_row(username)? else {
            return Err(RegisterError::Invalid(format!("no account '{username}'")));
        };
        let id = row.account.id;
        self.change(by, "account_disabled", username, |tx| {
            tx.execute("UPDATE accounts SET disabled = 1 WHERE id = ?1", [id])?;
            tx.execute("DELETE FROM key_slots WHERE account_id = ?1", [id])?;
            Ok(())
        })?;
        Ok(())
    }

    /// False once an account is disabled (a logged-in app re-checks before each action).
    pub fn is_active(&self, account_id: i64) -> Result<bool> {
        let disabled: Option<i64> = self
            .conn
            .query_row("SELECT disabled FROM accounts WHERE id = ?1", [account_id], |r| r.get(0))
            .optional()?;
        Ok(disabled == Some(0))
    }

    /// Every account with its state: `(account, disabled, locked_until)`.
    pub fn accounts(&self) -> Result<Vec<(Account, bool, Option<String>)>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, username, display_name, role, disabled, locked_until FROM accounts ORDER BY username",
        )?;
        let rows = stmt.query_map([], |r| {
            let role = Role::parse(&r.get::<_, String>(3)?).unwrap_or(Role::Auditor);
            let account = Account { id: r.get(0)?, username: r.get(1)?, display_name: r.get(2)?, role };
            Ok((account, r.get::<_, i64>(4)? != 0, r.get(5)?))
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}
