//! One incident, two cameras: camera B's recorder runs 67 s fast. Once its
//! offset is entered, the two line up on real time — the frame numbers drawn
//! into both recordings agree at the same real moment, in the package and in
//! its manifest — the gate judges B by its own corrected clock, one package
//! holds both (with a still of each camera), and a recording with a hole says so
//! in the manifest. A still outside its clip is refused.

mod common;
#[path = "../../bevis-media/tests/common/mod.rs"]
mod media;
use bevis::desk::{SessionExport, SessionRequest, SourceSpec};
use bevis::export::Still;
use bevis::media::synth::{self, Codec, Spec};
use bevis::register::sessions::{Clock, Reason};
use common::Site;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Camera A from 12:40:00 (right clock); camera B from real 12:40:05, its
/// recorder saying 12:41:12. B's frame numbers continue A's at the same moment.
fn cameras(dir: &Path) -> (PathBuf, PathBuf) {
    let a = dir.join("korridor.mp4");
    synth::write(&a, &Spec { gop: 10, ..Spec::new(160, 120, 10, 100, Codec::H264Mp4) }).unwrap();
    let b = dir.join("entre.mp4");
    synth::write(&b, &Spec { first_frame: 50, gop: 10, ..Spec::new(160, 120, 10, 100, Codec::H264Mp4) }).unwrap();
    (a, b)
}

fn session(site: &Site, a: &Path, b: &Path) -> i64 {
    let spec = |path: &Path, camera: &str, start: &str| SourceSpec {
        path: path.into(),
        camera: Some(camera.into()),
        start: Some(start.into()),
    };
    let req = SessionRequest {
        case_ref: "K-1".into(),
        reason: Reason::ViolenceThreat,
        note: "bråk som flyttade sig till entrén".into(),
        sources: vec![spec(a, "Korridor A", "2026-11-21T12:40:00"), spec(b, "Entré", "2026-11-21T12:41:12")],
        from: "2026-11-21T12:40:00".into(),
        to: "2026-11-21T12:40:10".into(),
        request: None,
    };
    site.desk("anna").open_session(&req).unwrap().id
}

/// Camera B's recorder was 67 s fast, as checked against the school's NTP server.
fn correct_b(desk: &mut bevis::desk::Desk, id: i64) {
    let clock =
        Clock { offset_s: 67.0, how: "jämfört med skolans NTP-server".into(), time_zone: "Europe/Stockholm".into() };
    desk.set_clock(id, 1, &clock).unwrap();
}

fn plan(a: &Path, b: &Path) -> bevis::redact::EditPlan {
    let v = serde_json::json!({"version": 1,
        "sources": [{"id": "a", "path": a}, {"id": "b", "path": b}],
        "clips": [{"source": "a", "in": 5.0, "out": 6.0}, {"source": "b", "in": 0.0, "out": 1.0}]});
    bevis::redact::EditPlan::from_json(&v.to_string()).unwrap()
}

#[test]
fn two_cameras_line_up_on_real_time_in_one_package() {
    let site = Site::new();
    let (a, b) = cameras(site.dir.path());
    let id = session(&site, &a, &b);
    let mut anna = site.desk("anna");
    assert!(anna.frame_png(id, 1, 0.0, Some(80), None).is_err(), "B's clock says 12:41:12: outside the window ± 1 min");
    correct_b(&mut anna, id);
    assert!(anna.frame_png(id, 1, 0.0, Some(80), None).is_ok(), "really 12:40:05: inside");
    assert!(anna.frame_png(id, 1, 70.0, Some(80), None).is_err(), "really 12:41:15: outside B's window");
    assert!(anna.frame_png(id, 0, 5.0, Some(80), None).is_ok());
    let req = SessionExport {
        recipient: Some("Polisen".into()),
        override_why: Some("plain synthetic figures, checked by eye".into()),
        stills: vec![Still { clip: 0, t: 5.5 }, Still { clip: 1, t: 0.5 }],
        ..site.export_of(id, plan(&a, &b))
    };
    let (done, _) = anna.export(req, |_| true).unwrap();
    let m = &done.verified.manifest;
    let (ca, cb) = (&m.clips[0], &m.clips[1]);
    assert_eq!((ca.camera.as_deref(), cb.camera.as_deref()), (Some("Korridor A"), Some("Entré")));
    assert_eq!(ca.time_from.as_deref(), Some("2026-11-21T12:40:05.000+01:00"));
    assert_eq!(cb.time_from, ca.time_from, "one real clock for both cameras");
    assert_eq!(cb.recorder_from.as_deref(), Some("2026-11-21T12:41:12.000+01:00"), "B's own clock kept beside it");
    let out = site.dir.path().join("open");
    bevis::pack::open::extract(&done.container, done.password.as_deref().unwrap(), &out).unwrap();
    let (ga, gb) =
        (media::decode_gray(&out.join("clips/clip-1.mp4")), media::decode_gray(&out.join("clips/clip-2.mp4")));
    for f in [0, 5, 9] {
        assert_eq!(ga.code(f), gb.code(f), "frame {f} of both clips shows the same moment");
    }
    assert_eq!(ga.code(0), 50);
    for still in ["stills/still-00005.500.png", "stills/clip-2-still-00000.500.png"] {
        let img = image::open(out.join(still)).unwrap().to_luma8();
        let code = synth::read_code(|x, y| img.get_pixel(x as u32, y as u32).0[0], synth::block_size(img.width()));
        assert_eq!(code, 55, "{still} is its camera's frame at 12:40:05.5");
    }
    let py = Command::new("/usr/bin/python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/interop/read_package.py"))
        .arg(&done.container)
        .arg(done.password.as_deref().unwrap())
        .arg(site.dir.path().join("py"))
        .output()
        .unwrap();
    assert!(py.status.success(), "the Python reader: {}", String::from_utf8_lossy(&py.stderr));
    let sheet = Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/browser/open_me.mjs"))
        .arg(done.container.with_file_name("OPEN-ME.html"))
        .arg(&done.container)
        .arg(done.password.as_deref().unwrap())
        .arg(site.dir.path().join("browser"))
        .output()
        .unwrap();
    let r: serde_json::Value = serde_json::from_slice(&sheet.stdout).unwrap();
    let text = r["details"].as_str().unwrap();
    assert!(text.contains("Korridor A") && text.contains("Entré"), "the case sheet lists both cameras");
    assert!(text.contains("2026-11-21T12:41:12.000+01:00 –"), "B's own clock shown: {text}");
    assert_eq!(text.matches("2026-11-21T12:40:05.000+01:00 –").count(), 3, "A's clock, A and B in real time: {text}");
}

/// A still may only show what a clip shows: one outside its clip (inside the
/// window, so only this check stands in the way) is refused, logged, and nothing
/// reaches the drive.
#[test]
fn a_still_outside_its_clip_is_refused_and_nothing_is_written() {
    let site = Site::new();
    let (a, b) = cameras(site.dir.path());
    let id = session(&site, &a, &b);
    let mut anna = site.desk("anna");
    correct_b(&mut anna, id);
    for (still, says) in [(Still { clip: 0, t: 0.5 }, "outside clip 1"), (Still { clip: 1, t: 1.0 }, "outside clip 2")]
    {
        let req = SessionExport { stills: vec![still], ..site.export_of(id, plan(&a, &b)) };
        let err = anna.export(req, |_| true).unwrap_err().to_string();
        assert!(err.contains(says), "{err}");
    }
    let log = site.desk("dpo").audit_entries().unwrap();
    let refused = log.iter().filter(|e| e.action == "refused" && e.detail.contains("still")).count();
    assert_eq!(refused, 2, "both refusals logged");
    assert_eq!(std::fs::read_dir(site.drive()).unwrap().count(), 0, "nothing on the drive");
}

/// The frame number drawn into a grid cell's picture.
fn code_of(cell: &bevis::desk::Cell) -> Option<u32> {
    let bevis::desk::Cell::Shown(f) = cell else { return None };
    let img = image::load_from_memory(&f.jpeg).unwrap().to_luma8();
    Some(synth::read_code(|x, y| img.get_pixel(x as u32, y as u32).0[0], synth::block_size(img.width())))
}

#[test]
fn the_grid_shows_both_cameras_at_the_same_real_moment_and_says_where_one_has_nothing() {
    use bevis::desk::Cell;
    let site = Site::new();
    let (a, b) = cameras(site.dir.path());
    let id = session(&site, &a, &b);
    let mut anna = site.desk("anna");
    correct_b(&mut anna, id);
    let cells = anna.view_at(id, 5.0, &[0, 1], 160, None).unwrap();
    assert_eq!((code_of(&cells[0]), code_of(&cells[1])), (Some(50), Some(50)), "12:40:05 in both");
    let cells = anna.view_at(id, 7.3, &[0, 1], 160, None).unwrap();
    assert_eq!((code_of(&cells[0]), code_of(&cells[1])), (Some(73), Some(73)), "each at or before the moment");
    let cells = anna.view_at(id, 7.35, &[0, 1], 160, None).unwrap();
    assert!(matches!(cells[..], [Cell::Same, Cell::Same]), "between two frames nothing new is decoded");
    let cells = anna.view_at(id, 3.0, &[0, 1], 160, None).unwrap();
    assert_eq!(code_of(&cells[0]), Some(30));
    assert!(matches!(cells[1], Cell::NoFootage), "B starts at real 12:40:05");
    let cells = anna.view_at(id, 75.0, &[0, 1], 160, None).unwrap();
    assert!(matches!(cells[..], [Cell::Outside, Cell::Outside]), "12:41:15 is past the window and its minute");
    assert!(anna.view_at(id, 5.0, &[1, 1], 160, None).is_err());
    assert!(anna.view_at(id, 5.0, &[2], 160, None).is_err(), "no third camera");
    anna.leave().unwrap();
    let played = site.desk("anna").session_media(id).unwrap().0.played;
    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f").unwrap();
    let seen = |i: usize, s: &str| played.iter().any(|p| p.source == i && p.from <= at(s) && at(s) <= p.to);
    for (i, moment) in [(0, "2026-11-21T12:40:03"), (0, "2026-11-21T12:40:07.3"), (1, "2026-11-21T12:41:14.3")] {
        assert!(seen(i, moment), "camera {i} at {moment} recorded as seen: {played:?}");
    }
    assert!(played.iter().all(|p| p.to <= at("2026-11-21T12:41:14.3")), "nothing outside was shown: {played:?}");
}

#[test]
fn a_hole_in_a_recording_is_in_the_manifest_and_cameras_are_added_with_a_reason() {
    let site = Site::new();
    let folder = site.dir.path().join("nvr");
    std::fs::create_dir_all(&folder).unwrap();
    for name in ["124000", "124010", "124030"] {
        let path = folder.join(format!("cam1_20261121-{name}.mp4"));
        synth::write(&path, &Spec { gop: 10, ..Spec::new(160, 120, 10, 10, Codec::H264Mp4) }).unwrap();
    }
    let id = site.session(&folder, "2026-11-21T12:40:00", "2026-11-21T12:40:00", "2026-11-21T12:40:40");
    let (_, b) = cameras(site.dir.path());
    let mut anna = site.desk("anna");
    let spec = SourceSpec { path: b.clone(), camera: Some("Entré".into()), start: Some("2026-11-21T12:40:05".into()) };
    assert!(anna.add_camera(id, &spec, "kort").is_err(), "a reason");
    let s = anna.add_camera(id, &spec, "bråket fortsatte utanför entrén").unwrap();
    assert_eq!(s.sources.len(), 2);
    let log = site.desk("it").audit_entries().unwrap();
    assert!(log.iter().any(|e| e.action == "camera_added" && e.detail.contains("utanför entrén")));
    let mut p = bevis::redact::EditPlan::for_source(&folder);
    p.clips.push(bevis::redact::Clip { source: "s1".into(), in_s: 15.0, out_s: 25.0, crop: None });
    let req =
        SessionExport { override_why: Some("plain synthetic figures, checked by eye".into()), ..site.export_of(id, p) };
    let (done, _) = anna.export(req, |_| true).unwrap();
    let gaps = &done.verified.manifest.clips[0].gaps;
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert_eq!((gaps[0].at, gaps[0].seconds), (20.0, 10.0), "at 20 s into the timeline, 10 s are missing");
    // A recorder whose clock is off (not yet corrected) still has its footage within
    // the window's margin, as the gate has; one far outside it has none.
    std::fs::create_dir_all(site.dir.path().join("more")).unwrap();
    let (a, _) = cameras(&site.dir.path().join("more"));
    let fast = SourceSpec { path: a.clone(), camera: Some("Aula".into()), start: Some("2026-11-21T12:41:35".into()) };
    assert!(anna.add_camera(id, &fast, "kameran i aulan går för fort").is_ok());
    let far = SourceSpec { start: Some("2026-11-21T12:45:00".into()), camera: Some("Gym".into()), ..fast };
    let e = anna.add_camera(id, &far, "kameran i gympasalen").unwrap_err().to_string();
    assert!(e.contains("no footage in the incident window"), "{e}");
}

#[test]
fn the_command_line_names_each_camera_in_order() {
    let site = Site::new();
    let (a, b) = cameras(site.dir.path());
    let args = ["session", "open", "--case", "K-1", "--reason", "violence_threat", "--note", "två kameror"];
    let sources = ["--source", a.to_str().unwrap(), "--camera", "Korridor A", "--start", "2026-11-21T12:40:00"];
    let second = ["--source", b.to_str().unwrap(), "--camera", "Entré", "--start", "2026-11-21T12:41:12"];
    let window = ["--from", "2026-11-21T12:40:00", "--to", "2026-11-21T12:40:10"];
    let out = Command::new(env!("CARGO_BIN_EXE_bevis"))
        .args(site.login("anna"))
        .args([&args[..], &sources[..], &second[..], &window[..]].concat())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let id: i64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    let s = bevis::desk::open_register(&site.data).unwrap().session(id).unwrap();
    let names: Vec<&str> = s.sources.iter().map(|x| x.camera.as_str()).collect();
    assert_eq!(names, ["Korridor A", "Entré"]);
    assert_eq!(s.sources[1].start.to_string(), "2026-11-21 12:41:12");
    let odd = Command::new(env!("CARGO_BIN_EXE_bevis"))
        .args(site.login("anna"))
        .args([&args[..], &sources[..], &["--source", b.to_str().unwrap()][..], &window[..]].concat())
        .output()
        .unwrap();
    assert!(!odd.status.success() && String::from_utf8_lossy(&odd.stderr).contains("one --camera"));
}
