//! The leak check through the desk on generated footage with walking figures:
//! a plan that hides nobody is found out and its export refused (audited); the
//! findings are masked with one resolution each and the export goes; editing
//! the plan afterwards needs a new check; an involved person stays visible and
//! named; an override is possible only with a reason, and is logged.

mod common;
use bevis::desk::{DeskError, Resolution, SessionExport};
use bevis::media::synth::{self, Codec, Spec};
use bevis::redact::{Clip, EditPlan};
use common::Site;

fn setup() -> (Site, i64, EditPlan) {
    let site = Site::new();
    let src = site.dir.path().join("gard_20261121-120000.mp4");
    synth::write(&src, &Spec::new(640, 360, 10, 6, Codec::H264Mp4)).unwrap();
    let id = site.session(&src, "2026-11-21T12:00:00", "2026-11-21T12:00:00", "2026-11-21T12:00:06");
    let mut plan = EditPlan::for_source(&src);
    plan.clips.push(Clip { source: "s1".into(), in_s: 0.0, out_s: 6.0, crop: None });
    (site, id, plan)
}

fn export(site: &Site, id: i64, plan: EditPlan, override_why: Option<&str>) -> bevis::desk::Result<()> {
    let req = SessionExport { override_why: override_why.map(String::from), ..site.export_of(id, plan) };
    site.desk("anna").export(req, |_| true).map(|_| ())
}

fn check(site: &Site, id: i64, plan: &EditPlan, r: &[Resolution]) -> bevis::desk::LeakReport {
    site.desk("anna").leak_check(id, plan.clone(), r, &mut |_| true).unwrap()
}

#[test]
fn nobody_leaves_unmasked_without_a_decision() {
    let (site, id, plan) = setup();
    let first = check(&site, id, &plan, &[]);
    assert!(first.findings.len() >= 3, "three walking figures, none masked: {:?}", first.findings.len());
    assert!(first.thumbs.iter().all(|t| t.starts_with(&[0xFF, 0xD8])), "a still of each, as JPEG");
    assert!(first.unsteady.is_empty(), "a fixed camera: the check is not said to be unreliable");
    assert!(matches!(export(&site, id, plan.clone(), None), Err(DeskError::Forbidden(_))), "refused unchecked");
    assert!(matches!(export(&site, id, plan.clone(), Some("kort")), Err(DeskError::Forbidden(_))), "a real reason");
    let masks: Vec<Resolution> = first.findings.iter().map(|f| Resolution::Mask { finding: f.id.clone() }).collect();
    let done = check(&site, id, &plan, &masks);
    assert!(done.findings.is_empty(), "masked: {:?}", done.findings.iter().map(|f| &f.id).collect::<Vec<_>>());
    assert_eq!(done.plan.tracks.len(), first.findings.len(), "one track per finding");
    export(&site, id, done.plan.clone(), None).expect("the checked plan exports");
    let mut edited = done.plan.clone();
    edited.tracks.pop();
    assert!(export(&site, id, edited, None).is_err(), "a changed plan needs a new check");
    let log = site.desk("it").audit_entries().unwrap();
    let checks: Vec<_> = log.iter().filter(|e| e.action == "leak_check").collect();
    assert_eq!(checks.len(), 2);
    assert!(checks[0].detail.contains("shown: s1"), "the stills shown are logged: {}", checks[0].detail);
    assert!(log.iter().any(|e| e.action == "refused" && e.detail.contains("leak check")));
    assert!(!log.iter().any(|e| e.action == "view" && e.detail.contains("12:00:05")), "the check is not playback");
}

#[test]
fn an_involved_person_stays_visible_and_named_and_an_override_is_logged() {
    let (site, id, plan) = setup();
    let first = check(&site, id, &plan, &[]);
    let f = &first.findings[0];
    let named =
        check(&site, id, &plan, &[Resolution::Involved { finding: f.id.clone(), label: "eleven som slog".into() }]);
    assert_eq!(named.findings.len(), first.findings.len() - 1, "the involved one is no longer a finding");
    assert_eq!(named.plan.involved[0].label, "eleven som slog");
    let log = bevis::receipt::redaction_log(&named.plan);
    assert!(log.contains("eleven som slog") && log.contains("involved"), "{log}");
    export(&site, id, plan, Some("granskat bildruta för bildruta av rektor")).expect("an override with a reason");
    let audit = site.desk("it").audit_entries().unwrap();
    assert!(audit.iter().any(|e| e.action == "leak_check_overridden" && e.detail.contains("rektor")));
}
