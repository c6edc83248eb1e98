//! The command line on real footage (Debian's vtest.avi) and a synthetic clip.

use std::path::Path;
use std::process::Command;
mod common;
use common::{Site, VTEST};

fn bevis(args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_bevis")).args(args).output().unwrap();
    let (so, se) =
        (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned());
    assert!(out.status.success(), "bevis {args:?} failed: {se}");
    (so, se)
}

#[test]
fn probe_json_describes_vtest() {
    let (json, _) = bevis(&["probe", VTEST, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["width"], 768);
    assert_eq!(v["frames"], 795);
    assert_eq!(v["rate"]["num"], 10);
    assert_eq!(v["container"], "AVI");
    let (text, _) = bevis(&["probe", VTEST]);
    assert!(text.contains("768×576") && text.contains("795 frames"), "{text}");
}

/// `anna`'s session on all of vtest.avi, and her login arguments.
fn whole_vtest(site: &Site) -> (String, Vec<String>) {
    let id = site.session(Path::new(VTEST), "2026-11-21T12:40:00", "+0", "+80");
    (id.to_string(), site.login("anna"))
}

fn with<'a>(login: &'a [String], args: &[&'a str]) -> Vec<&'a str> {
    login.iter().map(String::as_str).chain(args.iter().copied()).collect()
}

#[test]
fn frame_thumbs_and_activity() {
    let site = Site::new();
    let (id, login) = whole_vtest(&site);
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("f.png");
    let png_s = png.to_string_lossy();
    bevis(&with(&login, &["frame", "--session", &id, "--at", "12.3", "--out", &png_s, "--width", "384"]));
    let img = image::open(&png).unwrap();
    assert_eq!((img.width(), img.height()), (384, 288));
    let thumbs = dir.path().join("thumbs");
    bevis(&with(&login, &["thumbs", "--session", &id, "--every", "10", "--out", &thumbs.to_string_lossy()]));
    let n = std::fs::read_dir(&thumbs).unwrap().count();
    assert!((7..=8).contains(&n), "{n} thumbnails for 79.5 s every 10 s");
    let (json, _) = bevis(&["activity", VTEST, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["per_second"].as_array().unwrap().len(), 80);
}

#[test]
fn render_warns_that_the_output_is_unencrypted() {
    let site = Site::new();
    let (id, login) = whole_vtest(&site);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("clip.mp4");
    let plan = dir.path().join("plan.json");
    let text = format!(
        r#"{{"version":1,"sources":[{{"id":"s1","path":"{VTEST}"}}],"clips":[{{"source":"s1","in":10,"out":12,"crop":{{"x":100,"y":100,"w":320,"h":240}}}}],
        "tracks":[{{"id":"t1","source":"s1","shape":"ellipse","keyframes":[{{"t":10,"x":150,"y":120,"w":60,"h":120}},{{"t":12,"x":250,"y":150,"w":60,"h":120}}]}}]}}"#
    );
    std::fs::write(&plan, text).unwrap();
    let (plan_s, out_s) = (plan.to_string_lossy(), out.to_string_lossy());
    let (_, err) = bevis(&with(&login, &["render", "--session", &id, "--plan", &plan_s, "--out", &out_s]));
    assert!(err.contains("UNENCRYPTED"), "{err}");
    assert!(err.contains("20 frames, 320×240"), "{err}");
    assert!(Path::new(&out).metadata().unwrap().len() > 1000);
}

#[test]
fn export_verify_decrypt_vtest() {
    let site = Site::new();
    let (id, login) = whole_vtest(&site);
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    let text = format!(
        r#"{{"version":1,"sources":[{{"id":"s1","path":"{VTEST}","camera":"Skolgården","start":"2026-11-21T12:40:00"}}],
        "clips":[{{"source":"s1","in":20,"out":23,"crop":{{"x":96,"y":96,"w":512,"h":384}}}}],
        "tracks":[{{"id":"t1","source":"s1","shape":"ellipse","keyframes":[{{"t":20,"x":300,"y":150,"w":60,"h":130}}],"to":23}}],
        "options":{{"burn_timestamp":true,"burn_camera":true}}}}"#
    );
    std::fs::write(&plan, text).unwrap();
    let drive = dir.path().join("usb");
    std::fs::create_dir(&drive).unwrap();
    let (plan_s, drive_s) = (plan.to_string_lossy(), drive.to_string_lossy());
    let check = |extra: &[&str]| {
        let args = with(&login, &[&["check", "--session", &id, "--plan", &plan_s][..], extra].concat());
        Command::new(env!("CARGO_BIN_EXE_bevis")).args(args).output().unwrap()
    };
    let found = check(&["--json"]);
    assert_eq!(
        found.status.code(),
        Some(3),
        "people walk unmasked in vtest: {}",
        String::from_utf8_lossy(&found.stderr)
    );
    let list: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    assert!(!list.as_array().unwrap().is_empty() && list[0]["frames"].as_u64().unwrap() >= 3, "{list}");
    let export_args = ["export", "--session", &id, "--plan", &plan_s, "--to", &drive_s];
    let refused = Command::new(env!("CARGO_BIN_EXE_bevis")).args(with(&login, &export_args)).output().unwrap();
    assert!(!refused.status.success() && String::from_utf8_lossy(&refused.stderr).contains("leak check"));
    let masked = check(&["--mask-all"]);
    assert_eq!(masked.status.code(), Some(0), "{}", String::from_utf8_lossy(&masked.stderr));
    let (out, _) = bevis(&with(
        &login,
        &[
            "export",
            "--session",
            &id,
            "--plan",
            &plan_s,
            "--delete-by",
            "2099-12-31",
            "--to",
            &drive_s,
            "--stills",
            "21.5",
        ],
    ));
    let field = |name: &str| {
        out.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.split_whitespace().next().unwrap().to_string())
            .unwrap()
    };
    let (pkg, password) = (field("package"), field("password"));
    let reg = bevis::desk::open_register(&site.data).unwrap();
    let exports = reg.exports().unwrap();
    assert_eq!(exports.len(), 1, "the export is in the register");
    assert_eq!((exports[0].package_id.as_str(), exports[0].path.as_str()), (field("id").as_str(), pkg.as_str()));
    let started = reg.audit_entries().unwrap().into_iter().find(|e| e.action == "export_started").unwrap();
    let pw = dir.path().join("pw.txt");
    std::fs::write(&pw, &password).unwrap();
    let (verified, _) = bevis(&["verify", &pkg, "--package-password-file", &pw.to_string_lossy()]);
    assert!(verified.contains("contents    OK"), "{verified}");
    let dec = dir.path().join("dec");
    bevis(&["decrypt", &pkg, "--package-password-file", &pw.to_string_lossy(), "--out", &dec.to_string_lossy()]);
    let o = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-count_frames",
            "-show_entries",
            "stream=nb_read_frames,width,height:format=duration",
            "-of",
            "csv=p=0",
        ])
        .arg(dec.join("clips/clip-1.mp4"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("512,384,30"), "30 frames at 10 fps, 512×384: {text}");
    assert!(text.contains("3.0"), "3 s: {text}");
    assert!(dec.join("stills/still-00021.500.png").exists());
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dec.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["audit_head"], started.hash.as_str(), "the signed manifest anchors the audit chain");
    assert_eq!(manifest["case_ref"], "K-1");
    assert_eq!(manifest["issuer"], "Exempelskolan");
    let wrong = dir.path().join("wrong.txt");
    std::fs::write(&wrong, "NOT-THE-PASSWORD").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_bevis"))
        .args(["verify", &pkg, "--package-password-file", &wrong.to_string_lossy()])
        .output()
        .unwrap();
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("wrong password"));
}

#[test]
fn export_with_the_original_puts_it_under_originals_and_needs_a_reason() {
    let site = Site::new();
    let login = site.login("anna");
    let (request, _) = bevis(&with(
        &login,
        &[
            "request",
            "new",
            "--kind",
            "police",
            "--received",
            "2026-11-21",
            "--requester",
            "Polisen",
            "--asked",
            "Skolgården 12:40",
        ],
    ));
    let args = ["session", "open", "--request", request.trim(), "--case", "K-1", "--note", "polisens begäran"];
    let (id, _) = bevis(&with(
        &login,
        &[&args[..], &["--source", VTEST, "--start", "2026-11-21T12:40:00", "--from", "+0", "--to", "+80"]].concat(),
    ));
    let id = id.trim().to_string();
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    let text = format!(
        r#"{{"version":1,"sources":[{{"id":"s1","path":"{VTEST}"}}],"clips":[{{"source":"s1","in":20.5,"out":22}}]}}"#
    );
    std::fs::write(&plan, text).unwrap();
    let drive = dir.path().join("usb");
    std::fs::create_dir(&drive).unwrap();
    let (plan_s, drive_s) = (plan.to_string_lossy(), drive.to_string_lossy());
    let args = ["export", "--session", &id, "--plan", &plan_s, "--to", &drive_s, "--original", "cut"];
    let o = Command::new(env!("CARGO_BIN_EXE_bevis")).args(with(&login, &args)).output().unwrap();
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("--why"), "a reason is required");
    let why = ["--why", "Polisen begär originalet (huvudbevis)"];
    let ovr = ["--override-why", "a bare clip of the yard, checked by eye"];
    let (out, _) = bevis(&with(&login, &[&args[..], &why[..], &ovr[..]].concat()));
    let field = |name: &str| out.lines().find_map(|l| l.strip_prefix(name)).unwrap().split_whitespace().next().unwrap();
    let log = bevis::desk::open_register(&site.data).unwrap().audit_entries().unwrap();
    let overridden = log.iter().find(|e| e.action == "leak_check_overridden").expect("the override is logged");
    assert!(overridden.detail.contains("checked by eye"), "{}", overridden.detail);
    let pw = dir.path().join("pw.txt");
    std::fs::write(&pw, field("password")).unwrap();
    let dec = dir.path().join("dec");
    bevis(&[
        "decrypt",
        field("package"),
        "--package-password-file",
        &pw.to_string_lossy(),
        "--out",
        &dec.to_string_lossy(),
    ]);
    assert!(dec.join("clips/clip-1.mp4").exists() && dec.join("clips/clip-1.vtt").exists());
    let cut = dec.join("originals/clip-1-vtest.mkv");
    let o = Command::new("ffprobe")
        .args(["-v", "error", "-count_frames", "-show_entries", "stream=codec_name,nb_read_frames", "-of", "csv=p=0"])
        .arg(&cut)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.starts_with("msmpeg4v3,"), "the recorder's own codec, not re-encoded: {text}");
    let frames: u32 = text.trim().split(',').nth(1).unwrap().parse().unwrap();
    assert!(frames >= 16, "from a keyframe at or before 20.5 s to the frame at 22 s: {frames}");
}

#[test]
fn requests_through_the_command_line() {
    let site = Site::new();
    let login = site.login("anna");
    let new = ["request", "new", "--kind", "data_subject_access", "--received", "2026-01-31", "--requester", "Eva"];
    let (id, _) = bevis(&with(&login, &[&new[..], &["--asked", "Matsalen 12:00", "--case", "K-1"]].concat()));
    let id = id.trim();
    let (json, _) = bevis(&with(&login, &["request", "list", "--json"]));
    let list: serde_json::Value = serde_json::from_str(&json).unwrap();
    let r = &list[0];
    assert_eq!(
        (r["id"].to_string(), r["kind"].as_str(), r["status"].as_str()),
        (id.to_string(), Some("data_subject_access"), Some("received"))
    );
    assert_eq!((r["received"].as_str(), r["due"].as_str()), (Some("2026-01-31"), Some("2026-02-28")));
    let why = "många inspelningar att gå igenom";
    bevis(&with(&login, &["request", "extend", id, "--months", "2", "--why", why, "--told", "2026-02-10"]));
    let args = ["session", "open", "--request", id, "--note", "registerutdrag", "--source", VTEST];
    let (sid, _) =
        bevis(&with(&login, &[&args[..], &["--start", "2026-11-21T12:40:00", "--from", "+0", "--to", "+10"]].concat()));
    let s = bevis::desk::open_register(&site.data).unwrap().session(sid.trim().parse().unwrap()).unwrap();
    assert_eq!((s.request_id, s.reason.as_str()), (Some(id.parse().unwrap()), "data_subject_request"));
    bevis(&with(
        &login,
        &["request", "decide", id, "--outcome", "refused", "--ground", "inga uppgifter om den sökande"],
    ));
    let (json, _) = bevis(&with(&login, &["request", "list", "--json"]));
    let r = &serde_json::from_str::<serde_json::Value>(&json).unwrap()[0];
    assert_eq!((r["status"].as_str(), r["due"].as_str()), (Some("refused"), Some("2026-04-30")));
    let out = Command::new(env!("CARGO_BIN_EXE_bevis"))
        .args(with(&login, &["request", "deliver", id, "--package", "0011"]))
        .output()
        .unwrap();
    assert!(!out.status.success(), "a refused request is not delivered");
}
