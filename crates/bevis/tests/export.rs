//! Export end to end: a package on a "drive" that verifies, decrypts to the right
//! video, and never leaves plaintext or half-packages behind.

use bevis::export::{ExportError, Stage, export};
use bevis::media::synth::{self, Codec, Spec};
mod common;
use common::*;
use std::path::Path;
use zeroize::Zeroizing;

#[test]
fn exported_package_verifies_and_decrypts_to_the_clip() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("cam1_20261121-124000.mp4");
    synth::write(&src, &Spec::new(320, 240, 25, 2, Codec::H264Mp4)).unwrap();
    let drive = dir.path().join("drive");
    std::fs::create_dir(&drive).unwrap();
    let done = export(request(&src, &drive), &key(), |_| true).unwrap();
    let password = done.password.clone().expect("a generated password");
    assert!(done.read_back_direct, "the read-back bypasses the page cache on a real disk");
    let names: Vec<&str> = done.verified.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "clips/clip-1.mp4",
            "clips/clip-1.vtt",
            "stills/still-00001.000.png",
            "redaction-log.csv",
            "receipt.html",
            "manifest.json",
            "manifest.sig"
        ]
    );
    assert!(done.dir.starts_with(drive.join("BEVIS")));
    assert!(done.dir.join("README.txt").exists());
    let names: Vec<_> = files(&drive);
    assert_eq!(names.len(), 3, "container, README.txt, OPEN-ME.html: {names:?}");
    for f in &names {
        let bytes = std::fs::read(f).unwrap();
        assert!(
            !contains(&bytes, b"ftypiso") && !contains(&bytes, b"moof") && !contains(&bytes, b"mdat"),
            "plaintext MP4 in {}",
            f.display()
        );
        assert!(!contains(&bytes, password.as_bytes()), "the password is on the drive");
    }
    let out = dir.path().join("out");
    let v = bevis::pack::open::extract(&done.container, &password, &out).unwrap();
    assert_eq!(v.manifest.clips[0].frames, 30);
    assert_eq!(v.manifest.clips[0].wall_from.as_deref(), Some("2026-11-21T12:40:00.400"));
    let o = std::process::Command::new("ffprobe")
        .args(["-v", "error", "-count_frames", "-show_entries", "stream=nb_read_frames,width,height", "-of", "csv=p=0"])
        .arg(out.join("clips/clip-1.mp4"))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "320,240,30");
    assert!(!done.receipt.contains(password.as_str()), "the receipt never holds the password");
    assert!(done.receipt.contains(&v.fingerprint));
    let inside = std::fs::read_to_string(out.join("receipt.html")).unwrap();
    for f in v.manifest.files.iter().filter(|f| f.name != "receipt.html") {
        assert!(
            inside.contains(&f.name) && inside.contains(&f.sha256),
            "the receipt inside lists {} and its hash",
            f.name
        );
    }
}

#[test]
fn cancelling_leaves_nothing_on_the_drive() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("c.mp4");
    synth::write(&src, &Spec::new(320, 240, 25, 2, Codec::H264Mp4)).unwrap();
    let drive = dir.path().join("drive");
    std::fs::create_dir(&drive).unwrap();
    let r = export(
        request(&src, &drive),
        &key(),
        |s| !matches!(s, Stage::Rendering { progress, .. } if progress.done >= 10),
    );
    assert!(matches!(r, Err(ExportError::Cancelled)), "{:?}", r.err());
    assert!(files(&drive).is_empty(), "{:?}", files(&drive));
}

#[test]
fn bad_requests_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("c.mp4");
    synth::write(&src, &Spec::new(320, 240, 25, 1, Codec::H264Mp4)).unwrap();
    let drive = dir.path().join("drive");
    std::fs::create_dir(&drive).unwrap();
    let mut past = request(&src, &drive);
    past.delete_by = chrono::Local::now().date_naive();
    assert!(export(past, &key(), |_| true).unwrap_err().to_string().contains("not in the future"));
    let mut nowhere = request(&src, &drive);
    nowhere.drive = dir.path().join("unplugged");
    assert!(export(nowhere, &key(), |_| true).unwrap_err().to_string().contains("not a folder"));
    let mut given = request(&src, &drive);
    given.password = Some(Zeroizing::new("my own secret".into()));
    let done = export(given, &key(), |_| true).unwrap();
    assert!(done.password.is_none(), "a given password is not echoed");
    assert!(bevis::pack::open::verify(&done.container, "MY OWN SECRET").is_ok(), "normalised");
}

/// A small tmpfs stands in for a full USB stick (needs root, as CI runs).
struct Tmpfs(std::path::PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(dir).unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir.into()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_drive_gives_a_clear_error_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let Some(small) = Tmpfs::mount(&dir.path().join("small"), "2m") else {
        assert_ne!(
            std::process::Command::new("id").arg("-u").output().unwrap().stdout,
            b"0\n",
            "root must be able to mount a tmpfs"
        );
        eprintln!("not root: the tmpfs full-drive test needs root (CI runs as root)");
        return;
    };
    let src = dir.path().join("c.mp4");
    synth::write(&src, &Spec::new(1920, 1080, 25, 1, Codec::H264Mp4)).unwrap();
    let err = export(request(&src, &small.0), &key(), |_| true).unwrap_err();
    assert!(matches!(err, ExportError::NoSpace { .. }), "{err}");
    assert!(files(&small.0).is_empty());
    // Enough room for the estimate, not for 25 full-size stills: the drive fills up mid-write.
    let medium = Tmpfs::mount(&dir.path().join("medium"), "20m").unwrap();
    let mut req = request(&src, &medium.0);
    req.plan.clips[0].in_s = 0.0;
    req.plan.clips[0].out_s = 1.0;
    req.stills = (0..25).map(|i| bevis::export::Still { clip: 0, t: i as f64 * 0.04 }).collect();
    let err = export(req, &key(), |_| true).unwrap_err();
    assert!(err.to_string().to_lowercase().contains("no space left"), "{err}");
    assert!(files(&medium.0).is_empty(), "{:?}", files(&medium.0));
}
