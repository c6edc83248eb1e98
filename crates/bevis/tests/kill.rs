//! Killing the exporter at any moment never leaves a package that verifies unless
//! it is complete, and never leaves plaintext on the drive.

use bevis::media::synth::{self, Codec, Spec};
mod common;
use common::*;
use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
fn kill_9_at_fifty_moments() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("c.mp4");
    synth::write(&src, &Spec::new(640, 360, 25, 3, Codec::H264Mp4)).unwrap();
    let plan = dir.path().join("plan.json");
    let text = format!(
        r#"{{"version":1,"sources":[{{"id":"s1","path":{src:?}}}],"clips":[{{"source":"s1","in":0,"out":3}}]}}"#
    );
    std::fs::write(&plan, text).unwrap();
    let site = Site::new();
    let session = site.session(&src, "2026-11-21T12:40:00", "+0", "+3").to_string();
    let pw = dir.path().join("pw");
    std::fs::write(&pw, "KILL-TEST-PASS-WORD").unwrap();
    let drive = dir.path().join("drive");
    std::fs::create_dir(&drive).unwrap();
    // The exporter's temp folder: nothing may appear there, let alone plaintext.
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let (mut x, mut complete, mut partial, mut whole_partial) = (0x9E3779B97F4A7C15u64, 0, 0, 0);
    for _ in 0..50 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let delay = Duration::from_millis(x % 2200);
        let mut child = Command::new(env!("CARGO_BIN_EXE_bevis"))
            .args(site.login("anna"))
            .args(["export", "--session", &session, "--plan", &plan.to_string_lossy()])
            .args(["--delete-by", "2099-01-01", "--to", &drive.to_string_lossy()])
            .args(["--package-password-file", &pw.to_string_lossy()])
            .args(["--override-why", "the leak check is not what this test is about"])
            .env("TMPDIR", &tmp)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
    }
    assert!(files(&tmp).is_empty(), "the exporter wrote to its temp folder: {:?}", files(&tmp));
    for f in files(&drive) {
        let bytes = std::fs::read(&f).unwrap();
        for marker in [&b"ftyp"[..], b"moof", b"mdat", b"avc1"] {
            assert!(!bytes.windows(4).any(|w| w == marker), "plaintext {marker:?} in {}", f.display());
        }
        let name = f.to_string_lossy();
        if name.ends_with(".bevis") {
            bevis::pack::open::verify(&f, "KILL-TEST-PASS-WORD")
                .unwrap_or_else(|e| panic!("{name} is named complete but does not verify: {e}"));
            complete += 1;
        } else if name.ends_with(".partial") {
            // Killed between the final fsync and the rename, a .partial can be whole:
            // then it verifies only because it is complete (final chunk, signed manifest).
            if let Ok(v) = bevis::pack::open::verify(&f, "KILL-TEST-PASS-WORD") {
                assert_eq!(v.manifest.clips[0].frames, 75, "{name} verifies but is incomplete");
                whole_partial += 1;
            }
            partial += 1;
        }
    }
    eprintln!(
        "{complete} complete and {partial} interrupted packages checked ({whole_partial} interrupted after the last fsync)"
    );
    assert!(partial > whole_partial, "no kill landed during writing; the test proves nothing");
    let recorded = bevis::desk::open_register(&site.data).unwrap().exports().unwrap();
    for e in &recorded {
        bevis::pack::open::verify(std::path::Path::new(&e.path), "KILL-TEST-PASS-WORD")
            .unwrap_or_else(|err| panic!("the register claims {} but it does not verify: {err}", e.path));
    }
    assert!(recorded.len() <= complete, "{} exports recorded, {complete} complete packages", recorded.len());
}
