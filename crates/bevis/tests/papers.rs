//! Papers and CSV files with hostile text in every free field: markup stays
//! text, CSV columns stay columns, and no cell starts a spreadsheet formula.

use bevis::pack::manifest::{ClipEntry, FileEntry, Manifest, SourceFile};
use bevis::receipt;
use bevis::redact::{EditPlan, Keyframe, Shape, Style, Track};
use std::collections::BTreeMap;

const HOSTILE: [&str; 6] = [
    "<script>alert(1)</script>",
    "Anna \"the\" <b>boss</b> & co's",
    "Polisen, Region Nord",
    "två\nrader\r\nhär",
    "=HYPERLINK(\"http://evil.example\",\"klicka\")",
    "@SUM(A1:A9)",
];

/// No hostile markup survives as markup, and each text is there, escaped
/// (as named or numeric character references).
fn assert_inert(html: &str) {
    assert!(!html.contains("<script>") && !html.contains("<b>"), "markup leaked into the page");
    let named = [("&#60;", "&lt;"), ("&#62;", "&gt;"), ("&#34;", "&quot;"), ("&#39;", "&apos;"), ("&#38;", "&amp;")]
        .iter()
        .fold(html.to_string(), |s, (num, name)| s.replace(num, name));
    assert!(named.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the text is shown, escaped");
    assert!(
        named.contains("Anna &quot;the&quot; &lt;b&gt;boss&lt;/b&gt; &amp; co&apos;s"),
        "quotes and ampersands escaped"
    );
}

fn manifest() -> Manifest {
    let file = |name: &str| FileEntry { name: name.into(), size: 10, sha256: "ab".repeat(32) };
    Manifest {
        format: bevis::pack::manifest::MANIFEST_FORMAT.into(),
        package_id: "p1".into(),
        case_ref: HOSTILE[0].into(),
        issuer: HOSTILE[1].into(),
        operator: HOSTILE[3].into(),
        reason: HOSTILE[4].into(),
        recipient: Some(HOSTILE[2].into()),
        exported_at: "2026-11-29T10:00:00Z".into(),
        delete_by: "2027-05-28".into(),
        software: "bevis".into(),
        audit_head: None,
        redaction_mode: "blur_tracks".into(),
        redaction_tracks: 0,
        clips: vec![ClipEntry {
            file: "clips/clip-1.mp4".into(),
            camera: Some(HOSTILE[5].into()),
            sources: vec![SourceFile { name: HOSTILE[0].into(), size: 1, sha256: "cd".repeat(32) }],
            from: 0.0,
            to: 1.0,
            wall_from: None,
            wall_to: None,
            crop: [0, 0, 10, 10],
            frames: 25,
            width: 10,
            height: 10,
            recorder_from: Some("2026-11-21T12:40:00.000+01:00".into()),
            recorder_to: Some("2026-11-21T12:40:01.000+01:00".into()),
            time_from: Some("2026-11-21T12:38:53.000+01:00".into()),
            time_to: Some("2026-11-21T12:38:54.000+01:00".into()),
            clock: Some(bevis::pack::manifest::ClockEntry {
                offset_s: 67.0,
                how: HOSTILE[1].into(),
                time_zone: "Europe/Stockholm".into(),
            }),
            subtitles: Some("clips/clip-1.vtt".into()),
            originals: vec![],
            gaps: vec![],
        }],
        originals_why: Some(HOSTILE[0].into()),
        files: vec![file(HOSTILE[0]), file("clips/clip-1.mp4")],
        signing_key: "00".repeat(32),
    }
}

#[test]
fn the_receipt_and_the_slip_keep_hostile_text_as_text() {
    let html = receipt::html_for_manifest(&manifest(), "aaaa bbbb");
    assert_inert(&html);
    assert!(html.contains("clips/clip-1.mp4") && html.contains(&"ab".repeat(32)), "every file is listed");
    assert!(html.contains(&"cd".repeat(32)), "the source's hash is listed");
    let slip = receipt::password_slip(HOSTILE[0], "p1", HOSTILE[1]);
    assert_inert(&slip);
}

fn track(label: &str, i: usize) -> Track {
    Track {
        id: format!("t{i}"),
        source: "s1".into(),
        label: label.into(),
        shape: Shape::Rect,
        style: Style::Blur,
        strength: 1.0,
        keyframes: vec![Keyframe { t: 0.0, x: 0.1, y: 0.1, w: 0.2, h: 0.2 }],
        from: None,
        to: None,
        keep: false,
        confidence: None,
    }
}

#[test]
fn the_redaction_log_is_one_row_per_track_with_formulas_neutralised() {
    let mut plan = EditPlan::for_source(std::path::Path::new("/x.mp4"));
    plan.tracks = HOSTILE.iter().enumerate().map(|(i, l)| track(l, i)).collect();
    let text = receipt::redaction_log(&plan);
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let labels: Vec<String> = rows.records().map(|r| r.unwrap()[1].to_string()).collect();
    assert_eq!(labels.len(), HOSTILE.len(), "a comma or a newline does not make a new row or column");
    for (got, want) in labels.iter().zip(HOSTILE) {
        match want.chars().next() {
            Some('=' | '@') => assert_eq!(got, &format!("'{want}"), "a formula is text"),
            _ => assert_eq!(got, want),
        }
    }
}

#[test]
fn the_annual_report_keeps_hostile_names_inert_in_html_and_csv() {
    use bevis::report::{Report, UserActivity};
    let mut per_user = BTreeMap::new();
    for name in HOSTILE {
        per_user.insert(name.to_string(), UserActivity { role: "reviewer".into(), views: 2, ..Default::default() });
    }
    let r = Report {
        year: 2027,
        organisation: HOSTILE[0].into(),
        generated_at: "2027-03-01T09:00:00.000Z".into(),
        sessions: BTreeMap::new(),
        exports_by_month: [0; 12],
        handovers: 0,
        deleted_on_time: 0,
        deleted_late: 0,
        overdue: vec![(HOSTILE[1].into(), "2027-01-01".into())],
        per_user,
        requests: Default::default(),
    };
    let html = bevis::report::html(&r);
    assert_inert(&html);
    assert!(!html.contains("2027-03-01T09:00:00.000Z"), "the time is written for people");
    assert!(html.contains("1 mars 2027"), "in Swedish");
    let text = bevis::report::csv(&r);
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let users: Vec<csv::StringRecord> =
        rd.records().map(Result::unwrap).filter(|r| r[0].starts_with("user_")).collect();
    assert_eq!(users.len(), 4 * HOSTILE.len(), "four numbers per user, each its own row");
    assert!(users.iter().all(|r| r.len() == 4), "no extra columns");
    assert!(users.iter().all(|r| !r[1].starts_with(['=', '+', '-', '@'])), "no formulas");
    assert!(users.iter().any(|r| &r[1] == HOSTILE[3]), "names come back unchanged when harmless");
}
