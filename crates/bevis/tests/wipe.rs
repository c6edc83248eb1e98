//! The deletion sweep touches Bevis packages only, refuses system paths, and a
//! kill -9 at any moment leaves the register consistent with the drive.

mod common;
use bevis::desk::{SessionExport, Verdict};
use bevis::media::synth::{self, Codec, Spec};
use common::{Site, files};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Exports `n` packages of a small synthetic clip to `drive`, due on `delete_by`.
fn exports(site: &Site, drive: &Path, n: usize, delete_by: &str) -> Vec<String> {
    let src = site.dir.path().join("cam.mp4");
    if !src.exists() {
        synth::write(&src, &Spec::new(320, 240, 25, 2, Codec::H264Mp4)).unwrap();
    }
    let id = site.session(&src, "2026-11-21T12:40:00", "+0", "+2");
    let mut anna = site.desk("anna");
    (0..n)
        .map(|_| {
            let mut plan = bevis::redact::EditPlan::for_source(&src);
            plan.clips.push(bevis::redact::Clip { source: "s1".into(), in_s: 0.0, out_s: 2.0, crop: None });
            let req = SessionExport {
                delete_by: Some(delete_by.parse().unwrap()),
                drive: drive.into(),
                ..site.export_of(id, plan)
            };
            anna.export(req, |_| true).unwrap().0.package_id
        })
        .collect()
}

#[test]
fn only_bevis_packages_are_touched_and_system_paths_are_refused() {
    let site = Site::new();
    let drive = site.dir.path().join("usb");
    std::fs::create_dir(&drive).unwrap();
    let due = exports(&site, &drive, 1, "2099-01-01");
    // Look-alikes: a .bevis that is not a package, a package folder with a user's file in it,
    // a README.txt and OPEN-ME.html that are not ours, and a link pointing at a package.
    std::fs::write(drive.join("notes.bevis"), b"my own notes, not a package").unwrap();
    let folder = files(&drive)
        .into_iter()
        .find(|f| f.extension().is_some_and(|e| e == "bevis") && f.starts_with(drive.join("BEVIS")))
        .unwrap();
    let pkg_dir = folder.parent().unwrap().to_path_buf();
    std::fs::write(pkg_dir.join("photo.jpg"), b"a user's file").unwrap();
    std::fs::create_dir(drive.join("other")).unwrap();
    std::fs::write(drive.join("other/README.txt"), b"someone else's readme").unwrap();
    std::fs::write(drive.join("other/OPEN-ME.html"), b"<p>someone else's page</p>").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&folder, drive.join("other/link.bevis")).unwrap();
    let before: Vec<PathBuf> = files(&drive);

    let mut anna = site.desk("anna");
    let items = anna.sweep_scan(&drive).unwrap();
    assert_eq!(items.len(), 1, "one real package, no look-alikes: {items:?}");
    assert_eq!((items[0].package_id.as_str(), items[0].verdict), (due[0].as_str(), Verdict::NotDue));
    assert!(anna.sweep_wipe(&items[0], false, false).is_err(), "not due: refused without `early`");
    assert_eq!(files(&drive), before, "nothing changed");
    anna.sweep_wipe(&items[0], false, true).unwrap();
    let after = files(&drive);
    let gone: Vec<_> = before.iter().filter(|f| !after.contains(f)).collect();
    assert_eq!(gone.len(), 3, "the container, its README.txt and OPEN-ME.html: {gone:?}");
    assert!(after.contains(&pkg_dir.join("photo.jpg")) && pkg_dir.exists(), "the user's file and its folder stay");
    assert!(after.contains(&drive.join("other/README.txt")) && after.contains(&drive.join("notes.bevis")));
    for system in ["/", "/etc", "/usr/share", "/proc", "/var/tmp"] {
        let err = anna.sweep_scan(Path::new(system)).unwrap_err().to_string();
        assert!(err.contains("system folder"), "{system}: {err}");
    }
}

#[test]
fn unknown_packages_are_listed_and_need_confirmation() {
    let site = Site::new();
    let other = Site::new();
    let drive = site.dir.path().join("usb");
    std::fs::create_dir(&drive).unwrap();
    let foreign = exports(&other, &drive, 1, "2026-12-01");
    let mut anna = site.desk("anna");
    let items = anna.sweep_scan(&drive).unwrap();
    assert_eq!((items[0].package_id.as_str(), items[0].verdict), (foreign[0].as_str(), Verdict::Unknown));
    let err = anna.sweep_wipe(&items[0], false, false).unwrap_err().to_string();
    assert!(err.contains("not in the register"), "{err}");
    assert!(items[0].container.exists());
    anna.sweep_wipe(&items[0], true, false).unwrap();
    assert!(files(&drive).is_empty());
    let log = site.desk("it").audit_entries().unwrap();
    assert!(log.iter().any(|e| e.action == "deleted_unknown" && e.detail.contains(&foreign[0])));
}

/// Register and drive agree: deleted ⇒ gone; gone ⇒ deleted or a wipe in progress.
/// Returns (deleted, wipes begun and not finished).
fn consistent(site: &Site) -> (usize, usize) {
    let (mut deleted, mut in_progress) = (0, 0);
    for e in bevis::desk::open_register(&site.data).unwrap().exports().unwrap() {
        let there = Path::new(&e.path).exists();
        match (e.status.as_str(), there) {
            ("deleted", true) => panic!("{} is marked deleted but is still on the drive", e.path),
            ("deleted", false) => deleted += 1,
            (_, false) => {
                assert!(e.wipe_started_at.is_some(), "{} is gone but the register thinks it is there", e.path)
            }
            _ => {}
        }
        if e.status.as_str() != "deleted" && e.wipe_started_at.is_some() {
            in_progress += 1;
        }
    }
    (deleted, in_progress)
}

#[test]
fn kill_9_during_a_wipe_leaves_register_and_drive_consistent() {
    let site = Site::new();
    let drive = site.dir.path().join("usb");
    std::fs::create_dir(&drive).unwrap();
    let ids = exports(&site, &drive, 12, "2026-12-01");
    let args = |extra: &[&str]| {
        let mut a = site.login("anna");
        a.extend(["wipe", "--drive", &drive.to_string_lossy(), "--expired"].map(String::from));
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    // Kill later and later (3 ms steps) until the sweep gets through everything.
    let (mut interrupted, mut midway) = (0, 0);
    for step in 0..250u64 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bevis"))
            .args(args(&[]))
            .env("BEVIS_NOW", "2026-12-02T10:00:00Z")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(30 + 3 * step));
        let _ = child.kill();
        let _ = child.wait();
        let (deleted, in_progress) = consistent(&site);
        interrupted += in_progress;
        midway += usize::from(in_progress > 0 || (deleted > 0 && deleted < ids.len()));
        if deleted == ids.len() {
            break;
        }
    }
    let out = Command::new(env!("CARGO_BIN_EXE_bevis"))
        .args(args(&[]))
        .env("BEVIS_NOW", "2026-12-02T10:00:00Z")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(consistent(&site), (ids.len(), 0), "a clean run finishes every wipe");
    assert!(files(&drive).is_empty(), "{:?}", files(&drive));
    eprintln!("{midway} kills landed mid-sweep, {interrupted} in the middle of a package; all finished");
    assert!(midway > 0, "no kill landed during the sweep; the test proves nothing");
}
