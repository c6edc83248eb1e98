//! Logging in: Argon2id passwords, five strikes and fifteen minutes, disabled accounts.

use bevis_register::Register;
use bevis_register::accounts::{LoginError, Role};
use bevis_register::audit::{Check, verify};
use chrono::{TimeDelta, TimeZone, Utc};

#[test]
fn five_wrong_passwords_lock_the_account_for_fifteen_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let mut reg = Register::open(&dir.path().join("r.db")).unwrap();
    let t0 = Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap();
    assert!(reg.is_first_run().unwrap());
    reg.set_now(Some(t0));
    reg.add_account("anna", "Anna Intendent", Role::Reviewer, "korrekt häst batteri").unwrap();
    assert!(!reg.is_first_run().unwrap());
    let ok = reg.login("anna", "korrekt häst batteri").unwrap().unwrap();
    assert_eq!((ok.username.as_str(), ok.role), ("anna", Role::Reviewer));
    for i in 0..5 {
        reg.set_now(Some(t0 + TimeDelta::seconds(i)));
        assert_eq!(reg.login("anna", "fel").unwrap(), Err(LoginError::BadCredentials));
    }
    reg.set_now(Some(t0 + TimeDelta::minutes(14)));
    let locked = reg.login("anna", "korrekt häst batteri").unwrap();
    assert!(matches!(locked, Err(LoginError::Locked(_))), "{locked:?}");
    reg.set_now(Some(t0 + TimeDelta::minutes(16)));
    assert!(reg.login("anna", "korrekt häst batteri").unwrap().is_ok(), "open again after 15 minutes");
    reg.disable_account("anna", "admin").unwrap();
    assert_eq!(reg.login("anna", "korrekt häst batteri").unwrap(), Err(LoginError::Disabled));
    assert_eq!(reg.login("nobody", "x").unwrap(), Err(LoginError::BadCredentials));
    let stored: String =
        reg.conn().query_row("SELECT password_hash FROM accounts WHERE username = 'anna'", [], |r| r.get(0)).unwrap();
    assert!(stored.starts_with("$argon2id$") && !stored.contains("batteri"));
    let actions: Vec<String> = reg.audit_entries().unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(actions.iter().filter(|a| *a == "login_refused").count(), 8, "{actions:?}");
    assert!(matches!(verify(&reg).unwrap(), Check::Intact { .. }));
}

#[test]
fn names_roles_and_passwords_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut reg = Register::open(&dir.path().join("r.db")).unwrap();
    assert!(reg.add_account("bo", "Bo", Role::Admin, "short").is_err(), "password too short");
    reg.add_account("bo", "Bo", Role::Admin, "long enough pw").unwrap();
    assert!(reg.add_account("bo", "Bo 2", Role::Auditor, "long enough pw").is_err(), "duplicate user name");
    let bad_role = reg.conn().execute("INSERT INTO accounts (username, display_name, role, password_hash, created_at) VALUES ('x','x','root','h','t')", []);
    assert!(bad_role.is_err(), "only the three roles exist");
}
