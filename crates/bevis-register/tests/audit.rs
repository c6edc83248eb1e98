//! The audit log refuses edits, and finds the ones made around its triggers.

use bevis_register::Register;
use bevis_register::audit::{Check, verify};

fn register_with(n: usize) -> (tempfile::TempDir, Register) {
    let dir = tempfile::tempdir().unwrap();
    let mut reg = Register::open(&dir.path().join("register.db")).unwrap();
    for i in 0..n {
        reg.audit("anna", "view", &format!("case K-1, camera 2, frame {i}")).unwrap();
    }
    (dir, reg)
}

#[test]
fn an_untouched_chain_verifies_and_survives_reopening() {
    let (dir, reg) = register_with(5);
    let Check::Intact { rows, head } = verify(&reg).unwrap() else { panic!("broken") };
    assert_eq!(rows, 5);
    drop(reg);
    let reg = Register::open(&dir.path().join("register.db")).unwrap();
    assert_eq!(verify(&reg).unwrap(), Check::Intact { rows: 5, head });
    let mode: String = reg.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = reg.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn triggers_refuse_update_and_delete() {
    let (_dir, reg) = register_with(3);
    let err = reg.conn().execute("UPDATE audit_log SET actor = 'mallory' WHERE id = 2", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = reg.conn().execute("DELETE FROM audit_log WHERE id = 2", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}

fn without_triggers(reg: &Register) {
    reg.conn().execute_batch("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;").unwrap();
}

#[test]
fn an_edited_row_is_named() {
    let (_dir, reg) = register_with(6);
    without_triggers(&reg);
    reg.conn().execute("UPDATE audit_log SET detail = 'nothing to see' WHERE id = 4", []).unwrap();
    assert_eq!(verify(&reg).unwrap(), Check::Broken { row: 4, why: "its contents were changed" });
}

#[test]
fn a_deleted_row_is_named() {
    let (_dir, reg) = register_with(6);
    without_triggers(&reg);
    reg.conn().execute("DELETE FROM audit_log WHERE id = 3", []).unwrap();
    assert_eq!(verify(&reg).unwrap(), Check::Broken { row: 3, why: "a row is missing" });
}

#[test]
fn reordered_rows_are_named() {
    let (_dir, reg) = register_with(6);
    without_triggers(&reg);
    // Swap the contents of rows 3 and 4 (their hashes travel with them).
    reg.conn()
        .execute_batch(
            "UPDATE audit_log SET id = -3 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = 4; \
             UPDATE audit_log SET id = 4 WHERE id = -3;",
        )
        .unwrap();
    assert_eq!(verify(&reg).unwrap(), Check::Broken { row: 3, why: "does not link to the row before it" });
}
