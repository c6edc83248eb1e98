//! Every malformed input gives one clear line on stderr and a non-zero exit within
//! ten seconds — never a panic, never a hang.

use bevis::media::synth::{self, Codec, Spec};
mod common;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `bevis` with a deadline; returns (exit success, stderr).
fn bevis(args: &[&str]) -> (bool, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bevis"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
            return (status.success(), err);
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("bevis {args:?} did not finish within 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn refuses(args: &[&str], phrase: &str) {
    let (ok, err) = bevis(args);
    assert!(!ok, "bevis {args:?} should fail");
    assert!(!err.contains("panicked"), "bevis {args:?} panicked: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line expected for {args:?}, got: {err}");
    assert!(err.contains(phrase), "bevis {args:?}: expected '{phrase}' in: {err}");
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_string_lossy().into_owned()
}

/// A tiny MJPEG AVI whose headers are then edited in place.
fn patched_avi(dir: &Path, name: &str, patch: impl Fn(&mut [u8])) -> String {
    let p = dir.join(name);
    synth::write(&p, &Spec::new(64, 48, 10, 1, Codec::MjpegAvi)).unwrap();
    let mut bytes = std::fs::read(&p).unwrap();
    patch(&mut bytes);
    std::fs::write(&p, bytes).unwrap();
    p.to_string_lossy().into_owned()
}

fn at(bytes: &[u8], tag: &[u8]) -> usize {
    bytes.windows(tag.len()).position(|w| w == tag).expect("tag present")
}

fn set_size(b: &mut [u8], w: u32, h: u32) {
    let avih = at(b, b"avih") + 8;
    b[avih + 32..avih + 36].copy_from_slice(&w.to_le_bytes());
    b[avih + 36..avih + 40].copy_from_slice(&h.to_le_bytes());
    let strf = at(b, b"strf") + 8;
    b[strf + 4..strf + 8].copy_from_slice(&w.to_le_bytes());
    b[strf + 8..strf + 12].copy_from_slice(&h.to_le_bytes());
}

fn set_fourcc(b: &mut [u8], fourcc: &[u8; 4]) {
    let strh = at(b, b"strh") + 8;
    b[strh + 4..strh + 8].copy_from_slice(fourcc);
    let strf = at(b, b"strf") + 8;
    b[strf + 16..strf + 20].copy_from_slice(fourcc);
}

fn pseudo_random(n: usize) -> Vec<u8> {
    let mut x = 0x2545F4914F6CDD1Du64;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

#[test]
fn broken_files_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = d.join("good.mp4");
    synth::write(&good, &Spec::new(320, 240, 25, 2, Codec::H264Mp4)).unwrap();
    let bytes = std::fs::read(&good).unwrap();
    let cases: Vec<(String, &str)> = vec![
        (write(d, "zero.mp4", b""), "is empty"),
        (write(d, "random.mp4", &pseudo_random(200_000)), "not a video file"),
        (write(d, "truncated.mp4", &bytes[..bytes.len() * 2 / 5]), "damaged or truncated"),
        ("/usr/share/doc/opencv-doc/examples/data/tree.avi".into(), "only 68 of the 444 frames"),
        (
            write(d, "notes.mp4", b"Det var en gang en film som inte var en film.\n".repeat(50).as_slice()),
            "not a video file",
        ),
        (patched_avi(d, "huge.avi", |b| set_size(b, 100_000, 100_000)), "100000×100000 is not plausible"),
        (patched_avi(d, "odd.avi", |b| set_fourcc(b, b"ZZZZ")), "not supported"),
        (d.join("missing.mp4").to_string_lossy().into_owned(), "cannot read"),
    ];
    let site = common::Site::new();
    let login = site.login("anna");
    for (path, phrase) in &cases {
        refuses(&["probe", path], phrase);
        let open = ["session", "open", "--case", "K-1", "--reason", "vandalism", "--note", "n", "--source", path];
        let window = ["--start", "2026-11-21T12:00:00", "--from", "+0", "--to", "+1"];
        let args: Vec<&str> = login.iter().map(String::as_str).chain(open).chain(window).collect();
        refuses(&args, phrase);
    }
    assert!(site.desk("anna").sessions().unwrap().is_empty(), "no session on bad footage");
}

#[test]
fn audio_only_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("voice.mp4");
    let status = Command::new("gst-launch-1.0")
        .args([
            "-q",
            "audiotestsrc",
            "num-buffers=40",
            "!",
            "audioconvert",
            "!",
            "avenc_aac",
            "!",
            "mp4mux",
            "!",
            "filesink",
        ])
        .arg(format!("location={}", p.display()))
        .status()
        .expect("gst-launch-1.0 is installed (scripts/setup.sh)");
    assert!(status.success());
    refuses(&["probe", &p.to_string_lossy()], "no video stream");
}

#[test]
fn folder_without_video_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "readme.txt", b"nothing here");
    refuses(&["probe", &dir.path().to_string_lossy()], "contains no video files");
    refuses(&["activity", &dir.path().to_string_lossy()], "contains no video files");
}

fn plan_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn bad_plans_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let src = d.join("src.mp4");
    synth::write(&src, &Spec::new(320, 240, 25, 2, Codec::H264Mp4)).unwrap();
    let plan = |clip: &str, extra: &str| {
        format!(r#"{{"version":1,"sources":[{{"id":"s1","path":{:?}}}],"clips":[{clip}]{extra}}}"#, src)
    };
    let cases = [
        (plan(r#"{"source":"s1","in":-1,"out":1}"#, ""), "not negative"),
        (plan(r#"{"source":"s1","in":1.5,"out":0.5}"#, ""), "must be after in"),
        (
            plan(r#"{"source":"s1","in":0,"out":1,"crop":{"x":200,"y":0,"w":400,"h":100}}"#, ""),
            "outside the 320×240 frame",
        ),
        (plan(r#"{"source":"s1","in":0,"out":1,"speed":2}"#, ""), "unknown field `speed`"),
        (
            plan(
                r#"{"source":"s1","in":0,"out":1}"#,
                r#","tracks":[{"id":"t","source":"s1","keyframes":[{"t":1,"x":0,"y":0,"w":-5,"h":3}]}]"#,
            ),
            "positive width",
        ),
        (plan(r#"{"source":"s1","in":5,"out":9}"#, ""), "only 2.00 s long"),
        (
            plan(r#"{"source":"s1","in":0,"out":1}"#, "").replace(r#""version":1"#, r#""version":2"#),
            "version 2 is not supported",
        ),
        ("{\"version\":1,\"sources\":[".into(), "not valid JSON"),
    ];
    let out = d.join("out.mp4");
    let site = common::Site::new();
    let id = site.session(&src, "2026-11-21T12:00:00", "+0", "+2").to_string();
    let login = site.login("anna");
    for (i, (text, phrase)) in cases.iter().enumerate() {
        let p = plan_file(d, &format!("plan{i}.json"), text);
        let (p, o) = (p.to_string_lossy(), out.to_string_lossy());
        let render = ["render", "--session", &id, "--plan", &p, "--out", &o];
        refuses(&login.iter().map(String::as_str).chain(render).collect::<Vec<_>>(), phrase);
        assert!(!out.exists(), "case {i}: no output file is left behind");
    }
}
