//! A state change and its audit row are one transaction: a process killed with
//! SIGKILL at any moment leaves both or neither. A child process (this test
//! binary again, in `changer`) changes a setting as fast as it can; it is
//! killed at fifty moments, and each time the setting must equal what the last
//! audit row says it became, with the chain intact.

use bevis_register::Register;
use bevis_register::audit::{Check, verify};
use std::process::{Command, Stdio};
use std::time::Duration;

const DB: &str = "BEVIS_KILL_TEST_DB";

/// The child's work; does nothing when run as an ordinary test.
#[test]
fn changer() {
    let Ok(path) = std::env::var(DB) else { return };
    let mut reg = Register::open(path.as_ref()).unwrap();
    for i in 0u64.. {
        reg.set_setting("organisation", &format!("Skolan {i}"), "it").unwrap();
    }
}

#[test]
fn kill_9_never_separates_a_change_from_its_audit_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.db");
    Register::open(&path).unwrap().set_setting("organisation", "Skolan start", "it").unwrap();
    let (mut x, mut moved) = (0x2545F4914F6CDD1Du64, 0);
    for _ in 0..50 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let before = Register::open(&path).unwrap().settings().unwrap().organisation;
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["changer", "--exact", "--test-threads", "1"])
            .env(DB, &path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(30 + x % 300));
        let _ = child.kill();
        let _ = child.wait();
        let reg = Register::open(&path).unwrap();
        let now = reg.settings().unwrap().organisation;
        moved += usize::from(now != before);
        let last = reg.audit_entries().unwrap().into_iter().rfind(|e| e.action == "setting_changed").unwrap();
        assert!(
            last.detail.ends_with(&format!("→ '{now}'")),
            "the setting is '{now}' but the last audit row says: {}",
            last.detail
        );
        assert!(matches!(verify(&reg).unwrap(), Check::Intact { .. }), "the chain survives the kill");
    }
    assert!(moved >= 25, "the child changed the setting before only {moved} of 50 kills; the test proves little");
}
