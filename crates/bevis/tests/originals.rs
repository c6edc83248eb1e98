//! The master exhibit: original footage inside the package beside the working
//! copy — whole recorder files byte for byte, or a lossless cut — with the
//! recorder's clock corrected in the manifest, the subtitles and the receipt;
//! never for a data subject, never without a written reason (audited); read by
//! the independent Python reader.

mod common;
use bevis::desk::{DeskError, SessionExport};
use bevis::export::{OriginalForm, Originals};
use bevis::media::synth::{self, Codec, Spec};
use bevis::register::sessions::{Clock, Reason};
use common::Site;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Three 10 s recorder files from 12:40:00, 12:40:10 and 12:40:20.
fn nvr(dir: &Path) -> PathBuf {
    let folder = dir.join("nvr");
    std::fs::create_dir_all(&folder).unwrap();
    for (i, name) in ["124000", "124010", "124020"].iter().enumerate() {
        let spec = Spec { first_frame: i as u32 * 100, gop: 20, ..Spec::new(160, 120, 10, 10, Codec::H264Mp4) };
        synth::write(&folder.join(format!("cam1_20261121-{name}.mp4")), &spec).unwrap();
    }
    folder
}

/// A session opened for a police request (original footage goes only there).
fn police_session(site: &Site, src: &Path, from: &str, to: &str) -> i64 {
    let input = bevis::desk::RequestInput {
        kind: "police".into(),
        received: "2026-11-21".into(),
        requester: "Polisen, Östersund".into(),
        asked: "Korridor A 12:39–12:41".into(),
        case_ref: Some("K-1".into()),
        ..Default::default()
    };
    let mut anna = site.desk("anna");
    let request = anna.new_request(&input).unwrap().id;
    let req = bevis::desk::SessionRequest {
        case_ref: String::new(),
        reason: Reason::SuspectedCrime,
        note: "polisens begäran".into(),
        sources: vec![bevis::desk::SourceSpec {
            path: src.into(),
            camera: None,
            start: Some("2026-11-21T12:40:00".into()),
        }],
        from: from.into(),
        to: to.into(),
        request: Some(request),
    };
    anna.open_session(&req).unwrap().id
}

fn sha256(p: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(p).unwrap()))
}

/// Exports and decrypts: the decrypted folder, the container and its password.
type Opened = (PathBuf, PathBuf, String);

fn export(
    site: &Site,
    id: i64,
    src: &Path,
    (a, b): (f64, f64),
    originals: Option<Originals>,
) -> bevis::desk::Result<Opened> {
    let mut plan = bevis::redact::EditPlan::for_source(src);
    plan.clips.push(bevis::redact::Clip { source: "s1".into(), in_s: a, out_s: b, crop: None });
    plan.options.burn_timestamp = true;
    let req = SessionExport { recipient: Some("Polisen".into()), originals, ..site.export_of(id, plan) };
    let (done, _) = site.desk("anna").export(req, |_| true)?;
    let out = site.dir.path().join(format!("open-{}", done.package_id));
    let password = done.password.as_deref().unwrap().to_string();
    bevis::pack::open::extract(&done.container, &password, &out).unwrap();
    Ok((out, done.container, password))
}

fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap()
}

fn why() -> Option<Originals> {
    Some(Originals { form: OriginalForm::Files, why: "Polisen begär originalet som huvudbevis (K-1)".into() })
}

#[test]
fn whole_recorder_files_go_in_byte_for_byte_with_corrected_times() {
    let site = Site::new();
    let src = nvr(site.dir.path());
    let id = police_session(&site, &src, "2026-11-21T12:38:30", "2026-11-21T12:41:00");
    let clock =
        Clock { offset_s: 67.0, how: "jämfört med skolans NTP-server".into(), time_zone: "Europe/Stockholm".into() };
    site.desk("anna").set_clock(id, 0, &clock).unwrap();
    let (out, container, password) = export(&site, id, &src, (8.0, 14.0), why()).unwrap();
    for name in ["cam1_20261121-124000.mp4", "cam1_20261121-124010.mp4"] {
        assert_eq!(sha256(&out.join("originals").join(name)), sha256(&src.join(name)), "{name} is byte-identical");
    }
    assert!(!out.join("originals/cam1_20261121-124020.mp4").exists(), "only the files the clip overlaps");
    assert!(out.join("clips/clip-1.mp4").exists(), "the working copy sits under clips/");
    let m = manifest(&out);
    assert_eq!(m["format"], "bevis-manifest/2");
    let clip = &m["clips"][0];
    assert_eq!(clip["recorder_from"], "2026-11-21T12:40:08.000+01:00");
    assert_eq!(clip["time_from"], "2026-11-21T12:39:01.000+01:00", "recorder time − 67 s");
    assert_eq!(clip["time_to"], "2026-11-21T12:39:07.000+01:00");
    assert_eq!(clip["clock"]["how"], "jämfört med skolans NTP-server");
    assert_eq!(clip["originals"].as_array().unwrap().len(), 2);
    assert_eq!(clip["originals"][0]["form"], "files");
    let vtt = std::fs::read_to_string(out.join("clips/clip-1.vtt")).unwrap();
    assert!(vtt.starts_with("WEBVTT") && vtt.contains("2026-11-21 12:39:01 +01:00 korr."), "{vtt}");
    assert_eq!(vtt.matches(" --> ").count(), 6, "one cue per second of a 6 s clip:\n{vtt}");
    let listed = m["files"].as_array().unwrap().iter().any(|f| f["name"] == "clips/clip-1.vtt");
    assert!(listed, "the subtitles are listed with their hash");
    let receipt = std::fs::read_to_string(out.join("receipt.html")).unwrap();
    assert!(receipt.contains("OSL 2009:400") && receipt.contains("12:39:01.000+01:00"), "receipt states it");
    let readme = container.with_file_name("README.txt");
    assert!(std::fs::read_to_string(readme).unwrap().contains("unredacted original footage"));
    let log = site.desk("it").audit_entries().unwrap();
    let row = log.iter().rev().find(|e| e.action == "export_started").unwrap();
    assert!(
        row.detail.contains("with original footage (files)") && row.detail.contains("huvudbevis"),
        "{}",
        row.detail
    );
    let py = python(&container, &password, &site.dir.path().join("py"));
    assert!(py.status.success(), "the Python reader: {}", String::from_utf8_lossy(&py.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&py.stdout).unwrap();
    assert_eq!(summary["manifest"]["format"], "bevis-manifest/2");
    assert_eq!(summary["manifest"]["signature"], "ok");
    assert_eq!(summary["manifest"]["originals"][1], "originals/cam1_20261121-124010.mp4");
}

fn python(pkg: &Path, password: &str, out: &Path) -> std::process::Output {
    Command::new("/usr/bin/python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/interop/read_package.py"))
        .arg(pkg)
        .arg(password)
        .arg(out)
        .output()
        .expect("python3 with python3-cryptography (scripts/setup.sh)")
}

/// `(keyframe, payload sha256)` of every video packet, by ffprobe.
fn packets(path: &Path) -> Vec<(bool, String)> {
    let o = Command::new("ffprobe")
        .args(["-v", "error", "-select_streams", "v:0", "-show_packets", "-show_data_hash", "sha256"])
        .args(["-show_entries", "packet=flags,data_hash", "-of", "json"])
        .arg(path)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let s = |p: &serde_json::Value, k: &str| p[k].as_str().unwrap_or_default().to_string();
    v["packets"].as_array().unwrap().iter().map(|p| (s(p, "flags").starts_with('K'), s(p, "data_hash"))).collect()
}

#[test]
fn a_lossless_cut_of_an_nvr_folder_keeps_the_recorders_packets() {
    let site = Site::new();
    let src = nvr(site.dir.path());
    let id = police_session(&site, &src, "2026-11-21T12:39:00", "2026-11-21T12:41:00");
    let cut = Some(Originals { form: OriginalForm::Cut, ..why().unwrap() });
    let (out, ..) = export(&site, id, &src, (9.0, 14.0), cut).unwrap();
    let m = manifest(&out);
    let originals = m["clips"][0]["originals"].as_array().unwrap().clone();
    assert_eq!(originals.len(), 2, "one cut per recorder file the clip touches");
    for o in &originals {
        assert_eq!(o["form"], "cut");
        let (cut, source) =
            (packets(&out.join(o["file"].as_str().unwrap())), packets(&src.join(o["source"].as_str().unwrap())));
        let start = source.iter().position(|p| p.1 == cut[0].1).expect("the cut starts with a recorder packet");
        assert!(source[start].0, "at a keyframe");
        assert_eq!(&source[start..start + cut.len()], &cut[..], "{}: the recorder's packets, unchanged", o["file"]);
    }
    assert_eq!(originals[0]["from"], 8.0, "the keyframe at or before 9 s (one every 2 s)");
    assert_eq!(originals[1]["to"], 4.0, "the first frame at or after 14 s is 4 s into the second file");
}

#[test]
fn no_original_for_a_data_subject_or_without_a_reason_and_both_are_audited() {
    let site = Site::new();
    let src = nvr(site.dir.path());
    let id = site.session(&src, "2026-11-21T12:40:00", "2026-11-21T12:39:00", "2026-11-21T12:41:00");
    let short = Some(Originals { why: " kort ".into(), ..why().unwrap() });
    assert!(matches!(export(&site, id, &src, (1.0, 3.0), short), Err(DeskError::Invalid(_))));
    let req = bevis::desk::SessionRequest {
        case_ref: "K-1".into(),
        reason: Reason::DataSubjectRequest,
        note: "registerutdrag enligt art. 15".into(),
        sources: vec![bevis::desk::SourceSpec {
            path: src.clone(),
            camera: None,
            start: Some("2026-11-21T12:40:00".into()),
        }],
        from: "2026-11-21T12:39:00".into(),
        to: "2026-11-21T12:41:00".into(),
        request: None,
    };
    let dsr = site.desk("anna").open_session(&req).unwrap().id;
    assert!(matches!(export(&site, dsr, &src, (1.0, 3.0), why()), Err(DeskError::Forbidden(_))));
    let plain = site.session(&src, "2026-11-21T12:40:00", "2026-11-21T12:39:00", "2026-11-21T12:41:00");
    let err = export(&site, plain, &src, (1.0, 3.0), why()).unwrap_err().to_string();
    assert!(err.contains("only to a police request"), "a session without a police request: {err}");
    let log = site.desk("it").audit_entries().unwrap();
    let refused: Vec<_> = log.iter().filter(|e| e.action == "refused").map(|e| e.detail.clone()).collect();
    assert!(refused.iter().any(|d| d.contains("justification")), "{refused:?}");
    assert!(refused.iter().any(|d| d.contains("data subject")), "{refused:?}");
    assert!(refused.iter().any(|d| d.contains("police request")), "{refused:?}");
    assert!(!log.iter().any(|e| e.action == "export_started"), "nothing was exported");
    assert!(!site.dir.path().join("usb/BEVIS").exists(), "nothing on the drive");
}

#[test]
fn the_autumn_hour_reads_with_its_offsets_and_a_slow_recorder_is_corrected() {
    let site = Site::new();
    let src = site.dir.path().join("night.mp4");
    synth::write(&src, &Spec::new(160, 120, 10, 10, Codec::H264Mp4)).unwrap();
    let id = site.session(&src, "2026-10-25T02:59:58", "2026-10-25T01:00:00", "2026-10-25T04:00:00");
    let (out, ..) = export(&site, id, &src, (0.0, 4.0), None).unwrap();
    let clip = &manifest(&out)["clips"][0];
    assert_eq!(clip["recorder_from"], "2026-10-25T02:59:58.000+02:00");
    assert_eq!(clip["recorder_to"], "2026-10-25T02:00:02.000+01:00", "summer time ended inside the clip");
    let vtt = std::fs::read_to_string(out.join("clips/clip-1.vtt")).unwrap();
    assert!(vtt.contains("02:59:59 +02:00") && vtt.contains("02:00:00 +01:00"), "{vtt}");
    assert!(!out.join("originals").exists(), "no originals unless asked");
    let clock =
        Clock { offset_s: -3600.0, how: "klockan gick på vintertid".into(), time_zone: "Europe/Stockholm".into() };
    site.desk("anna").set_clock(id, 0, &clock).unwrap();
    let (out, ..) = export(&site, id, &src, (0.0, 4.0), None).unwrap();
    let clip = &manifest(&out)["clips"][0];
    assert_eq!(clip["time_from"], "2026-10-25T02:59:58.000+01:00", "an hour later than the recorder said");
    assert_eq!(clip["time_to"], "2026-10-25T03:00:02.000+01:00");
}
