//! The decision letter a request is answered with: Swedish and English, the
//! school's name, the decision and its ground; for public access the
//! instruction on how to appeal (OSL 6:7, FL 44 §), for a data subject where to
//! complain (IMY). Rendered by askama with auto-escaping like every paper.

use bevis_register::requests::{Decision, Outcome, Request, RequestKind};
use chrono::NaiveDate;

#[derive(askama::Template)]
#[template(path = "letter.html")]
struct Letter<'a> {
    organisation: &'a str,
    date: String,
    id: i64,
    case_ref: Option<String>,
    requester: &'a str,
    contact: &'a str,
    kind: &'a str,
    kind_sv: &'a str,
    kind_en: &'a str,
    received: String,
    asked: &'a str,
    outcome_sv: &'a str,
    outcome_en: &'a str,
    ground: &'a str,
    superseded: usize,
    signed: &'a str,
}

fn kind_words(k: RequestKind) -> (&'static str, &'static str) {
    match k {
        RequestKind::Police => ("begäran från polisen", "police request"),
        RequestKind::DataSubjectAccess => ("begäran om registerutdrag", "right of access (GDPR art. 15)"),
        RequestKind::PublicAccess => ("begäran om allmän handling", "request for an official document"),
        RequestKind::Other => ("förfrågan", "request"),
    }
}

fn outcome_words(o: Outcome) -> (&'static str, &'static str) {
    match o {
        Outcome::Granted => ("Begäran bifalls.", "The request is granted."),
        Outcome::Disclosed => ("Handlingen lämnas ut.", "The document is disclosed."),
        Outcome::PartlyDisclosed => (
            "Handlingen lämnas ut med maskering av uppgifter som omfattas av sekretess.",
            "The document is disclosed with the information covered by secrecy masked.",
        ),
        Outcome::Refused => ("Begäran avslås.", "The request is refused."),
    }
}

/// The letter for `d`, request `r`'s decision in force.
pub fn decision(
    r: &Request,
    d: &Decision,
    case_ref: Option<String>,
    organisation: &str,
    signed: &str,
    today: NaiveDate,
) -> String {
    let ((kind_sv, kind_en), (outcome_sv, outcome_en)) = (kind_words(r.kind), outcome_words(d.outcome));
    crate::receipt::render(&Letter {
        organisation,
        date: today.to_string(),
        id: r.id,
        case_ref,
        requester: &r.requester,
        contact: &r.contact,
        kind: r.kind.as_str(),
        kind_sv,
        kind_en,
        received: r.received.to_string(),
        asked: &r.asked,
        outcome_sv,
        outcome_en,
        ground: &d.ground,
        superseded: r.decisions.len().saturating_sub(1),
        signed,
    })
}
