//! The schema, as append-only migrations applied atomically at open.
//!
//! Never edit a migration that has shipped: add the next one. `validate()` in the
//! tests checks that the list applies cleanly to an empty database.

use rusqlite_migration::{M, Migrations};

const V1: &str = r#"
CREATE TABLE accounts (
    id              INTEGER PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'auditor')),
    password_hash   TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    disabled        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL
);
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE cases (
    id         INTEGER PRIMARY KEY,
    reference  TEXT NOT NULL UNIQUE,
    title      TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    opened_at  TEXT NOT NULL,
    closed_at  TEXT
);
CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    account_id  INTEGER NOT NULL REFERENCES accounts(id),
    reason      TEXT NOT NULL CHECK (reason IN ('suspected_crime', 'violence_threat', 'vandalism', 'accident', 'data_subject_request', 'other')),
    note        TEXT NOT NULL,
    sources     TEXT NOT NULL,
    window_from TEXT NOT NULL,
    window_to   TEXT NOT NULL,
    opened_at   TEXT NOT NULL,
    closed_at   TEXT,
    played      TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE exports (
    id                INTEGER PRIMARY KEY,
    case_id           INTEGER NOT NULL REFERENCES cases(id),
    session_id        INTEGER NOT NULL REFERENCES sessions(id),
    package_id        TEXT NOT NULL UNIQUE,
    drive_label       TEXT,
    drive_serial      TEXT,
    fs_type           TEXT,
    path              TEXT NOT NULL,
    recipient         TEXT,
    handed_over_at    TEXT,
    returned_at       TEXT,
    delete_by         TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('exported', 'handed_over', 'returned', 'deleted')),
    deleted_at        TEXT,
    deleted_by        INTEGER REFERENCES accounts(id),
    deletion_verified INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"#;

/// Key slots (the signing key sealed per account), and what the wipe needs to find
/// a package again after an interruption.
const V2: &str = r#"
CREATE TABLE key_slots (
    account_id INTEGER PRIMARY KEY REFERENCES accounts(id),
    salt       BLOB NOT NULL,
    nonce      BLOB NOT NULL,
    sealed     BLOB NOT NULL,
    created_at TEXT NOT NULL
);
ALTER TABLE exports ADD COLUMN rel_path TEXT NOT NULL DEFAULT '';
ALTER TABLE exports ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
ALTER TABLE exports ADD COLUMN size_bytes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE exports ADD COLUMN wipe_started_at TEXT;
CREATE INDEX exports_delete_by ON exports(delete_by);
CREATE INDEX sessions_case ON sessions(case_id);
"#;

/// Requests (police, a data subject's access, public access) with their
/// deadlines; extensions and decisions can only be added, never changed. And
/// the leak checks run on plans before export.
const V3: &str = r#"
CREATE TABLE requests (
    id                INTEGER PRIMARY KEY,
    kind              TEXT NOT NULL CHECK (kind IN ('police', 'data_subject_access', 'public_access', 'other')),
    received          TEXT NOT NULL,
    requester         TEXT NOT NULL,
    contact           TEXT NOT NULL DEFAULT '',
    identity_check    TEXT NOT NULL DEFAULT '',
    asked             TEXT NOT NULL,
    case_id           INTEGER REFERENCES cases(id),
    due               TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('received', 'in_review', 'decided', 'delivered', 'refused', 'withdrawn')),
    created_at        TEXT NOT NULL,
    delivered_package TEXT,
    closed_at         TEXT
);
CREATE TABLE request_extensions (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id),
    months     INTEGER NOT NULL,
    why        TEXT NOT NULL,
    told_on    TEXT NOT NULL,
    due        TEXT NOT NULL,
    at         TEXT NOT NULL,
    account_id INTEGER NOT NULL REFERENCES accounts(id)
);
CREATE TABLE request_decisions (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id),
    outcome    TEXT NOT NULL CHECK (outcome IN ('granted', 'disclosed', 'partly_disclosed', 'refused')),
    ground     TEXT NOT NULL,
    at         TEXT NOT NULL,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    audit_id   INTEGER NOT NULL REFERENCES audit_log(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE TRIGGER request_extensions_no_update BEFORE UPDATE ON request_extensions
BEGIN SELECT RAISE(ABORT, 'extensions are never changed'); END;
CREATE TRIGGER request_extensions_no_delete BEFORE DELETE ON request_extensions
BEGIN SELECT RAISE(ABORT, 'extensions are never removed'); END;
CREATE TRIGGER request_decisions_no_update BEFORE UPDATE ON request_decisions
BEGIN SELECT RAISE(ABORT, 'a decision is never changed: record a new one'); END;
CREATE TRIGGER request_decisions_no_delete BEFORE DELETE ON request_decisions
BEGIN SELECT RAISE(ABORT, 'a decision is never removed'); END;
ALTER TABLE sessions ADD COLUMN request_id INTEGER REFERENCES requests(id);
CREATE INDEX requests_due ON requests(due);
CREATE TABLE leak_checks (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES sessions(id),
    fingerprint TEXT NOT NULL,
    unresolved  INTEGER NOT NULL,
    at          TEXT NOT NULL,
    account_id  INTEGER NOT NULL REFERENCES accounts(id)
);
CREATE INDEX leak_checks_session ON leak_checks(session_id, fingerprint);
"#;

/// All migrations, oldest first.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(V1), M::up(V2), M::up(V3)])
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_validate() {
        super::migrations().validate().unwrap();
    }
}
