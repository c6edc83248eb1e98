//! The hash-chained audit log.
//!
//! Row *n* stores `hash_n = SHA-256(hash_{n−1} ‖ id ‖ at ‖ actor ‖ action ‖ detail)`
//! (each field length-prefixed, the first row chained to 64 zeros). [`verify`]
//! recomputes the chain and names the first row whose hash, link or id sequence is
//! wrong: an edited row breaks its own hash, a deleted row breaks the ids and the
//! link of its successor. A chain rewritten from scratch by someone holding the
//! database file is consistent again — which is why every exported package
//! carries the head hash at export time in its signed manifest.

use crate::{Register, Result};
use rusqlite::{OptionalExtension, params};
use sha2::{Digest, Sha256};

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One row of the log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The outcome of a chain check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    Intact {
        rows: u64,
        head: String,
    },
    /// The first row that does not fit the chain, and why.
    Broken {
        row: i64,
        why: &'static str,
    },
}

fn hash(prev: &str, id: i64, at: &str, actor: &str, action: &str, detail: &str) -> String {
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(id.to_be_bytes());
    for field in [at, actor, action, detail] {
        h.update((field.len() as u64).to_be_bytes());
        h.update(field.as_bytes());
    }
    hex::encode(h.finalize())
}

impl Register {
    /// Appends an entry (in one transaction with reading the head). The
    /// transaction takes the write lock before it reads the head, so a long job's
    /// own connection and the app's can both append without forking the chain.
    pub fn audit(&mut self, actor: &str, action: &str, detail: &str) -> Result<Entry> {
        self.change(actor, action, detail, |_| Ok(())).map(|(_, e)| e)
    }

    /// Runs `f` (a state change) and appends its audit entry in one transaction:
    /// both are written, or — on an error or a crash in between — neither.
    pub fn change<T>(
        &mut self,
        actor: &str,
        action: &str,
        detail: &str,
        f: impl FnOnce(&rusqlite::Transaction) -> Result<T>,
    ) -> Result<(T, Entry)> {
        self.audited(actor, action, |tx| Ok((f(tx)?, detail.to_string())))
    }

    /// Like [`Register::change`], for a change whose audit detail is known only
    /// once it is made (a new row's id): `f` returns its result and the detail.
    pub fn audited<T>(
        &mut self,
        actor: &str,
        action: &str,
        f: impl FnOnce(&rusqlite::Transaction) -> Result<(T, String)>,
    ) -> Result<(T, Entry)> {
        let at = crate::stamp(self.now());
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let (out, detail) = f(&tx)?;
        let entry = append(&tx, at, actor, action, &detail)?;
        tx.commit()?;
        tracing::debug!(id = entry.id, action, "audit entry");
        Ok((out, entry))
    }

    /// All entries, oldest first.
    pub fn audit_entries(&self) -> Result<Vec<Entry>> {
        let mut stmt =
            self.conn.prepare("SELECT id, at, actor, action, detail, prev_hash, hash FROM audit_log ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(Entry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                detail: r.get(4)?,
                prev_hash: r.get(5)?,
                hash: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

fn append(tx: &rusqlite::Transaction, at: String, actor: &str, action: &str, detail: &str) -> Result<Entry> {
    let last: Option<(i64, String)> = tx
        .query_row("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (id, prev) = last.map_or((1, GENESIS.to_string()), |(id, h)| (id + 1, h));
    let hash = hash(&prev, id, &at, actor, action, detail);
    tx.execute(
        "INSERT INTO audit_log (id, at, actor, action, detail, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, at, actor, action, detail, prev, hash],
    )?;
    Ok(Entry { id, at, actor: actor.into(), action: action.into(), detail: detail.into(), prev_hash: prev, hash })
}

/// Recomputes the chain.
pub fn verify(register: &Register) -> Result<Check> {
    let mut prev = GENESIS.to_string();
    let entries = register.audit_entries()?;
    for (expected_id, e) in (1..).zip(&entries) {
        if e.id != expected_id {
            return Ok(Check::Broken { row: expected_id, why: "a row is missing" });
        }
        if e.prev_hash != prev {
            return Ok(Check::Broken { row: e.id, why: "does not link to the row before it" });
        }
        if hash(&e.prev_hash, e.id, &e.at, &e.actor, &e.action, &e.detail) != e.hash {
            return Ok(Check::Broken { row: e.id, why: "its contents were changed" });
        }
        prev = e.hash.clone();
    }
    // A request's decision is kept beside the entry that recorded it: they must agree.
    if let Some(row) = register.verify_decisions()?.first() {
        return Ok(Check::Broken { row: *row, why: "a request's decision no longer says what this entry recorded" });
    }
    Ok(Check::Intact { rows: entries.len() as u64, head: prev })
}
