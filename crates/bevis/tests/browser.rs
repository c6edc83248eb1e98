//! The police officer's path: OPEN-ME.html in a real (headless) Chromium opens a
//! package Bevis exported, and the saved MP4 is the one the signed manifest names.

use bevis::export::export;
mod common;
use bevis::media::synth::{self, Codec, Spec};
use common::*;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::Command;

fn open_me(pkg: &Path, password: &str, out: &Path) -> serde_json::Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let page = pkg.parent().unwrap().join("OPEN-ME.html");
    let o = Command::new("node")
        .arg(root.join("tests/browser/open_me.mjs"))
        .arg(&page)
        .arg(pkg)
        .arg(password)
        .arg(out)
        .output()
        .expect("node and tests/browser/node_modules (scripts/setup.sh)");
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|_| panic!("no JSON from the browser run: {}", String::from_utf8_lossy(&o.stderr)))
}

#[test]
fn open_me_html_opens_a_real_package_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("cam1_20261121-124000.mp4");
    synth::write(&src, &Spec::new(320, 240, 25, 2, Codec::H264Mp4)).unwrap();
    let drive = dir.path().join("drive");
    std::fs::create_dir(&drive).unwrap();
    let mut req = request(&src, &drive);
    req.plan.clips[0].in_s = 0.0;
    req.plan.clips[0].out_s = 1.0;
    req.stills.clear();
    req.plan.sources[0].clock = Some(bevis::redact::SourceClock {
        offset_s: 67.0,
        how: "jämfört med polisens klocka".into(),
        time_zone: "Europe/Stockholm".into(),
    });
    let why = "Polisen begär originalet som huvudbevis".into();
    req.originals = Some(bevis::export::Originals { form: bevis::export::OriginalForm::Files, why });
    let done = export(req, &key(), |_| true).unwrap();
    let password = done.password.clone().unwrap();
    let out = dir.path().join("saved");
    let r = open_me(&done.container, &password, &out);
    assert_eq!(r["ok"], true, "{r}");
    let sheet = r["details"].as_str().unwrap();
    assert!(sheet.contains(&done.verified.fingerprint), "fingerprint shown: {r}");
    for f in &done.verified.manifest.files {
        assert!(sheet.contains(&f.name) && sheet.contains(&f.sha256), "the case sheet lists {} with its hash", f.name);
    }
    assert!(sheet.contains("originals/cam1_20261121-124000.mp4"), "the original is listed");
    assert!(sheet.contains("inspelarens klocka / recorder clock") && sheet.contains("rätt tid / real time"));
    assert!(sheet.contains("2026-11-21T12:40:00.000+01:00 – 2026-11-21T12:40:01.000+01:00"), "recorder: {sheet}");
    assert!(sheet.contains("2026-11-21T12:38:53.000+01:00 – 2026-11-21T12:38:54.000+01:00"), "real time: {sheet}");
    assert!(sheet.contains("+67.000 s (Europe/Stockholm)") && sheet.contains("jämfört med polisens klocka"));
    assert!(sheet.contains("OSL 2009:400") && sheet.contains("Polisen"), "the original's warning and reason");
    assert_eq!(r["requests"].as_array().unwrap().len(), 0, "the page makes no network requests");
    let clip = std::fs::read(out.join("clips_clip-1.mp4")).unwrap();
    let listed = done.verified.manifest.files.iter().find(|f| f.name == "clips/clip-1.mp4").unwrap();
    assert_eq!(hex::encode(Sha256::digest(&clip)), listed.sha256);

    let wrong = open_me(&done.container, "AAAA-BBBB", &dir.path().join("w"));
    assert!(wrong["status"].as_str().unwrap().contains("Wrong password"), "{wrong}");
    let mut bytes = std::fs::read(&done.container).unwrap();
    let n = bytes.len() / 2;
    bytes[n] ^= 0x10;
    let bad = done.dir.join("tampered.bevis");
    std::fs::write(&bad, bytes).unwrap();
    let r = open_me(&bad, &password, &dir.path().join("t"));
    assert_eq!(r["ok"], false, "{r}");
    assert!(r["status"].as_str().unwrap().contains("altered"), "{r}");
}
