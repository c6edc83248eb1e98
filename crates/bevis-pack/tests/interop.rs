//! An independent Python reader (tests/interop/read_package.py, written from
//! docs/FORMAT.md) opens what this crate writes, and refuses what was altered.

use bevis_pack::PackageWriter;
use bevis_pack::archive::ArchiveWriter;
use bevis_pack::container::{Meta, Params};
use std::io::Write;
use std::path::Path;
use std::process::Command;

const PASSWORD: &str = "K7QM-2X9R-ABCD-EFGH-JKMN-PQRS";

fn python(pkg: &Path, password: &str, out: &Path) -> std::process::Output {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/interop/read_package.py");
    Command::new("/usr/bin/python3")
        .arg(script)
        .arg(pkg)
        .arg(password)
        .arg(out)
        .output()
        .expect("python3 with python3-cryptography (scripts/setup.sh)")
}

#[test]
fn python_reader_decrypts_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("p.bevis");
    let meta = Meta {
        case_ref: "K-2026-0042".into(),
        issuer: "Exempelskolan".into(),
        created_at: "2026-11-22T10:00:00Z".into(),
        delete_by: "2027-05-22".into(),
    };
    let clip: Vec<u8> = (0..3000u32).flat_map(|i| i.to_be_bytes()).collect();
    let mut w = PackageWriter::create(
        std::fs::File::create(&pkg).unwrap(),
        &meta,
        PASSWORD,
        &Params { chunk_size: 4096, iterations: 600_000, package_id: None },
    )
    .unwrap();
    let mut a = ArchiveWriter::new(&mut w);
    let mut e = a.start("clips/clip-1.mp4").unwrap();
    e.write_all(&clip[..5000]).unwrap();
    e.write_all(&clip[5000..]).unwrap();
    let written = e.end().unwrap();
    a.add("manifest.json", br#"{"case":"K-2026-0042"}"#).unwrap();
    a.finish().unwrap();
    w.finish().unwrap().sync_all().unwrap();

    let out = dir.path().join("out");
    let o = python(&pkg, "k7qm 2x9r abcd efgh jkmn pqrs", &out);
    assert!(o.status.success(), "python reader failed: {}", String::from_utf8_lossy(&o.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(summary["files"][0]["sha256"], written.sha256.as_str());
    assert_eq!(std::fs::read(out.join("clips/clip-1.mp4")).unwrap(), clip);
    assert_eq!(std::fs::read(out.join("manifest.json")).unwrap(), br#"{"case":"K-2026-0042"}"#);

    let o = python(&pkg, "WRONG", &dir.path().join("x"));
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("wrong password"));
    let mut bytes = std::fs::read(&pkg).unwrap();
    let n = bytes.len();
    bytes[n - 100] ^= 0x01;
    let bad = dir.path().join("bad.bevis");
    std::fs::write(&bad, &bytes).unwrap();
    let o = python(&bad, PASSWORD, &dir.path().join("y"));
    assert!(!o.status.success(), "tampered package accepted by the Python reader");
    assert!(!dir.path().join("y").exists(), "nothing released from a tampered package");
}

#[test]
fn a_password_typed_in_another_unicode_form_opens_the_package_in_both_readers() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("p.bevis");
    let meta = Meta {
        case_ref: "K-1".into(),
        issuer: "Skolan".into(),
        created_at: "2026-11-22T10:00:00Z".into(),
        delete_by: "2027-05-22".into(),
    };
    let params = Params { chunk_size: 4096, iterations: 600_000, package_id: None };
    let mut w = PackageWriter::create(std::fs::File::create(&pkg).unwrap(), &meta, "Ålö-Test 1", &params).unwrap();
    let mut a = ArchiveWriter::new(&mut w);
    a.add("a.txt", b"hej").unwrap();
    a.finish().unwrap();
    w.finish().unwrap().sync_all().unwrap();
    // Decomposed letters, another space, no dash, lower case: the same password.
    let typed = "A\u{030A}lo\u{0308}\u{00A0}test1";
    let o = python(&pkg, typed, &dir.path().join("out"));
    assert!(o.status.success(), "python reader: {}", String::from_utf8_lossy(&o.stderr));
    let reader = bevis_pack::PackageReader::open(std::fs::File::open(&pkg).unwrap()).unwrap();
    assert!(reader.unlock(typed).is_ok(), "Bevis takes it too");
    let o = python(&pkg, "Alo test1", &dir.path().join("no"));
    assert!(!o.status.success(), "without the marks it is another password");
}

/// A package as Bevis wrote it before format 2: clip, manifest (format 1), signature.
fn version_1_package(dir: &Path, extra: Option<(&str, serde_json::Value)>) -> std::path::PathBuf {
    use sha2::{Digest, Sha256};
    let pkg = dir.join(format!("v1-{}.bevis", extra.is_some()));
    let meta = Meta {
        case_ref: "K-1".into(),
        issuer: "Skolan".into(),
        created_at: "2026-11-22T10:00:00Z".into(),
        delete_by: "2027-05-22".into(),
    };
    let params = Params { chunk_size: 4096, iterations: 600_000, package_id: Some([3; 16]) };
    let mut w = PackageWriter::create(std::fs::File::create(&pkg).unwrap(), &meta, PASSWORD, &params).unwrap();
    let mut a = ArchiveWriter::new(&mut w);
    let clip = b"not really an mp4, but hashed like one";
    a.add("clips/clip-1.mp4", clip).unwrap();
    let key = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
    let mut clip_entry = serde_json::json!({"file": "clips/clip-1.mp4", "camera": "Korridor", "sources": [],
        "from": 0.0, "to": 1.0, "wall_from": "2026-11-21T12:40:00.000", "wall_to": "2026-11-21T12:40:01.000",
        "crop": [0, 0, 320, 240], "frames": 25, "width": 320, "height": 240});
    if let Some((k, v)) = extra {
        clip_entry[k] = v;
    }
    let m = serde_json::json!({"format": "bevis-manifest/1", "package_id": hex::encode([3u8; 16]), "case_ref": "K-1",
        "issuer": "Skolan", "operator": "Anna", "reason": "suspected_crime: x", "recipient": null,
        "exported_at": "2026-11-22T10:00:00Z", "delete_by": "2027-05-22", "software": "Bevis 0.1.0", "audit_head": null,
        "redaction_mode": "BlurTracks", "redaction_tracks": 0, "clips": [clip_entry],
        "files": [{"name": "clips/clip-1.mp4", "size": clip.len(), "sha256": hex::encode(Sha256::digest(clip))}],
        "signing_key": hex::encode(key.verifying_key().as_bytes())});
    let bytes = serde_json::to_vec_pretty(&m).unwrap();
    a.add("manifest.json", &bytes).unwrap();
    a.add("manifest.sig", &bevis_pack::manifest::sign(&key, &bytes)).unwrap();
    a.finish().unwrap();
    w.finish().unwrap().sync_all().unwrap();
    pkg
}

#[test]
fn a_version_1_package_is_still_read_by_both_readers_and_a_mixed_one_by_neither() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = version_1_package(dir.path(), None);
    let v = bevis_pack::open::verify(&pkg, PASSWORD).expect("Bevis reads format 1");
    assert_eq!(v.manifest.format, "bevis-manifest/1");
    assert_eq!(v.manifest.clips[0].wall_from.as_deref(), Some("2026-11-21T12:40:00.000"));
    let o = python(&pkg, PASSWORD, &dir.path().join("out"));
    assert!(o.status.success(), "python reader: {}", String::from_utf8_lossy(&o.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(summary["manifest"]["format"], "bevis-manifest/1");
    assert_eq!(summary["manifest"]["signature"], "ok");

    let mixed = version_1_package(dir.path(), Some(("subtitles", "clips/clip-1.vtt".into())));
    assert!(bevis_pack::open::verify(&mixed, PASSWORD).is_err(), "format 1 has no subtitles");
    let o = python(&mixed, PASSWORD, &dir.path().join("mixed"));
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("format-1 manifest with format-2"));
}
