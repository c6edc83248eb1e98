//! The recorder's clock against real time: entered with how it was established,
//! audited, and the incident window (real time) gates the recorder's frames
//! through the corrected clock. `bevis session clock` is the interface.

mod common;
use bevis::desk::DeskError;
use bevis::media::synth::{self, Codec, Spec};
use bevis::register::sessions::Clock;
use common::Site;
use std::process::Command;

fn clock(offset_s: f64) -> Clock {
    Clock {
        offset_s,
        how: "compared with the NTP clock of the school's server".into(),
        time_zone: "Europe/Stockholm".into(),
    }
}

/// A 200 s recording started 12:40:00 by its recorder; window 12:41:40–12:41:50 real time.
fn session(site: &Site) -> i64 {
    let src = site.dir.path().join("cam.mp4");
    synth::write(&src, &Spec::new(160, 120, 10, 200, Codec::H264Mp4)).unwrap();
    site.session(&src, "2026-11-21T12:40:00", "2026-11-21T12:41:40", "2026-11-21T12:41:50")
}

#[test]
fn a_fast_recorder_moves_the_window_later_on_its_own_clock() {
    let site = Site::new();
    let id = session(&site);
    let mut anna = site.desk("anna");
    let shows = |d: &mut bevis::desk::Desk, t: f64| d.frame_png(id, 0, t, Some(80), None).is_ok();
    assert!(shows(&mut anna, 100.0), "recorder 12:41:40 is inside the window (± 60 s) while the clock is unchecked");
    assert!(!shows(&mut anna, 175.0), "recorder 12:42:55 is not");
    let s = anna.set_clock(id, 0, &clock(67.0)).unwrap();
    assert_eq!(s.sources[0].clock_offset_s, 67.0);
    assert!(!shows(&mut anna, 100.0), "recorder 12:41:40 was really 12:40:33: outside the window now");
    assert!(shows(&mut anna, 175.0), "recorder 12:42:55 was really 12:41:48: inside");
    let log = site.desk("it").audit_entries().unwrap();
    let row = log.iter().find(|e| e.action == "clock_changed").expect("the change is audited");
    assert!(row.detail.contains("+67.000 s") && row.detail.contains("(was +0.000 s)"), "{}", row.detail);
    assert!(row.detail.contains("NTP clock"), "how it was established: {}", row.detail);
}

#[test]
fn an_offset_needs_a_how_a_sane_size_a_zone_and_a_reviewer() {
    let site = Site::new();
    let id = session(&site);
    let mut anna = site.desk("anna");
    let invalid = |r: Result<_, DeskError>| matches!(r, Err(DeskError::Invalid(_)));
    assert!(invalid(anna.set_clock(id, 0, &Clock { how: " ".into(), ..clock(5.0) })));
    assert!(invalid(anna.set_clock(id, 0, &clock(2.0 * 86_400.0))));
    assert!(invalid(anna.set_clock(id, 0, &clock(f64::NAN))));
    assert!(invalid(anna.set_clock(id, 0, &Clock { time_zone: "<script>".into(), ..clock(5.0) })));
    assert!(invalid(anna.set_clock(id, 1, &clock(5.0))), "no second recording");
    assert!(matches!(site.desk("dpo").set_clock(id, 0, &clock(5.0)), Err(DeskError::Forbidden(_))));
    let reg = bevis::desk::open_register(&site.data).unwrap();
    assert_eq!(reg.session(id).unwrap().sources[0].clock_offset_s, 0.0, "nothing was changed");
}

#[test]
fn the_cli_sets_a_slow_recorder_and_lists_it() {
    let site = Site::new();
    let id = session(&site).to_string();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_bevis")).args(site.login("anna")).args(args).output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, _, err) =
        run(&["session", "clock", &id, "--offset", "-3600", "--how", "the recorder showed 11:40:00 at 12:40:00"]);
    assert!(ok, "{err}");
    assert!(err.contains("-3600.000 s"), "{err}");
    let (ok, json, _) = run(&["session", "list", "--json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["sources"][0]["clock_offset_s"], -3600.0);
    assert_eq!(v[0]["sources"][0]["time_zone"], "Europe/Stockholm");
    let (ok, _, err) = run(&["session", "clock", &id, "--offset", "soon", "--how", "x"]);
    assert!(!ok && err.contains("is not an offset"), "{err}");
}
