//! Human-readable papers of an export: the chain-of-custody receipt (HTML, for
//! printing and for the package), the drive's README.txt, and the redaction log.
//! None of them ever contains the password; the password slip is separate.

use bevis_pack::container::Meta;
use bevis_pack::manifest::Manifest;
use bevis_pack::open::Verified;
use bevis_redact::EditPlan;

#[derive(askama::Template)]
#[template(path = "receipt.html")]
struct Receipt<'a> {
    case_ref: &'a str,
    facts: Vec<(&'static str, &'a str)>,
    files: &'a [bevis_pack::manifest::FileEntry],
    sources: Vec<&'a bevis_pack::manifest::SourceFile>,
    clips: Vec<ClipRow<'a>>,
    originals_why: Option<&'a str>,
}

/// A clip as the receipt shows it: camera, both clocks, the offset.
struct ClipRow<'a> {
    file: &'a str,
    camera: &'a str,
    recorder: String,
    real: String,
    offset: String,
    how: &'a str,
    originals: Vec<&'a bevis_pack::manifest::OriginalEntry>,
}

fn range(a: Option<&str>, b: Option<&str>) -> String {
    match (a, b) {
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "—".into(),
    }
}

fn clip_rows(m: &Manifest) -> Vec<ClipRow<'_>> {
    m.clips
        .iter()
        .map(|c| ClipRow {
            file: &c.file,
            camera: c.camera.as_deref().unwrap_or("—"),
            recorder: range(
                c.recorder_from.as_deref().or(c.wall_from.as_deref()),
                c.recorder_to.as_deref().or(c.wall_to.as_deref()),
            ),
            real: range(c.time_from.as_deref(), c.time_to.as_deref()),
            offset: c.clock.as_ref().map_or_else(|| "—".into(), |k| format!("{:+.3} s ({})", k.offset_s, k.time_zone)),
            how: c.clock.as_ref().map_or("—", |k| if k.how.is_empty() { "—" } else { k.how.as_str() }),
            originals: c.originals.iter().collect(),
        })
        .collect()
}

/// The statement every paper carries when unredacted footage is inside.
pub const ORIGINALS_WARNING: &str = "Innehåller oredigerat originalmaterial: hanteras som hemligt enligt OSL (2009:400). \
     Contains unredacted original footage: handle as secret under OSL 2009:400.";

#[derive(askama::Template)]
#[template(path = "slip.html")]
struct Slip<'a> {
    case_ref: &'a str,
    package_id: &'a str,
    password: &'a str,
}

/// Renders a paper. The templates are checked when Bevis is compiled and their
/// fields are plain text, so rendering fails only if writing to a `String` does.
pub(crate) fn render(t: &impl askama::Template) -> String {
    t.render().unwrap_or_else(|e| {
        tracing::error!(error = %e, "a paper template failed to render");
        String::new()
    })
}

/// The receipt as it goes into the package (the container's own hash cannot be in it).
pub fn html_for_manifest(m: &Manifest, fingerprint: &str) -> String {
    receipt(m, fingerprint, None)
}

/// The receipt for the workstation, with the SHA-256 of the container file.
pub fn html(v: &Verified, container_sha256: Option<&str>) -> String {
    receipt(&v.manifest, &v.fingerprint, container_sha256)
}

fn receipt(m: &Manifest, fingerprint: &str, container: Option<&str>) -> String {
    let mut facts = vec![
        ("Ärende / case", m.case_ref.as_str()),
        ("Paket-id / package id", &m.package_id),
        ("Utfärdare / issuer", &m.issuer),
        ("Exporterat av / operator", &m.operator),
        ("Skäl / reason", &m.reason),
        ("Mottagare / recipient", m.recipient.as_deref().unwrap_or("—")),
        ("Maskering / redaction", &m.redaction_mode),
        ("Exporterat / exported at", &m.exported_at),
        ("Ska raderas senast / delete by", &m.delete_by),
        ("Nyckelns fingeravtryck / key fingerprint", fingerprint),
    ];
    if let Some(c) = container {
        facts.push(("SHA-256 för paketfilen / container", c));
    }
    let sources = m.clips.iter().flat_map(|c| c.sources.iter()).collect();
    let (clips, originals_why) = (clip_rows(m), m.originals_why.as_deref());
    render(&Receipt { case_ref: &m.case_ref, facts, files: &m.files, sources, clips, originals_why })
}

/// The password slip: printed separately from the receipt, never saved.
pub fn password_slip(case_ref: &str, package_id: &str, password: &str) -> String {
    render(&Slip { case_ref, package_id, password })
}

/// A CSV cell that a spreadsheet will not run: text starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP's advice for
/// CSV injection; police open these files in Excel). Quoting is the `csv`
/// crate's work.
pub fn cell(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

/// Rows to CSV text (header first). Writing to memory cannot fail.
pub fn csv_text<const N: usize>(header: [&str; N], rows: impl IntoIterator<Item = [String; N]>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(header);
    for row in rows {
        let _ = w.write_record(row.iter().map(|c| cell(c).into_owned()));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// README.txt on the drive: what this is and how to open it. No personal data.
pub fn readme(meta: &Meta, m: &Manifest) -> String {
    format!(
        "BEVISPAKET / EVIDENCE PACKAGE\r\n\r\n\
         Detta är krypterat bevismaterial (kameraövervakning) från {issuer}.\r\n\
         This is encrypted evidence (CCTV) issued by {issuer}.\r\n\r\n\
         Ärende / case: {case}\r\nPaket-id / package id: {id}\r\n\
         Ska raderas senast / delete by: {delete}\r\n\r\n\
         Öppna: dubbelklicka OPEN-ME.html (Chrome, Edge eller Firefox, inget nätverk behövs), välj\r\n\
         .bevis-filen och ange lösenordet som lämnats separat. Eller använd Bevis (bevis decrypt).\r\n\
         Open: double-click OPEN-ME.html (Chrome, Edge or Firefox, no network needed), choose the\r\n\
         .bevis file and enter the password you received separately. Or use Bevis (bevis decrypt).\r\n\
         The format is open and specified in docs/FORMAT.md of Bevis.\r\n{originals}",
        originals = if m.originals_why.is_some() { format!("\r\n{ORIGINALS_WARNING}\r\n") } else { String::new() },
        issuer = meta.issuer,
        case = meta.case_ref,
        id = m.package_id,
        delete = meta.delete_by
    )
}

/// One line per track: what was hidden, where and how; then one per person the
/// reviewer judged involved (left visible on purpose, mode `involved`).
pub fn redaction_log(plan: &EditPlan) -> String {
    let header = ["track", "label", "source", "mode", "shape", "style", "strength", "from", "to", "keyframes", "keep"];
    let involved = plan.involved.iter().enumerate().map(|(i, p)| {
        let (from, to) = (p.keyframes.first().map_or(0.0, |k| k.t), p.keyframes.last().map_or(0.0, |k| k.t));
        let blank = String::new;
        [
            format!("involved-{}", i + 1),
            p.label.clone(),
            p.source.clone(),
            "involved".into(),
            blank(),
            blank(),
            blank(),
            format!("{from:.3}"),
            format!("{to:.3}"),
            p.keyframes.len().to_string(),
            "true".into(),
        ]
    });
    let rows = plan.tracks.iter().map(|t| {
        let (from, to) = t.visible_range();
        [
            t.id.clone(),
            t.label.clone(),
            t.source.clone(),
            format!("{:?}", plan.mode),
            format!("{:?}", t.shape),
            format!("{:?}", t.style),
            t.strength.to_string(),
            format!("{from:.3}"),
            format!("{to:.3}"),
            t.keyframes.len().to_string(),
            t.keep.to_string(),
        ]
    });
    csv_text(header, rows.chain(involved))
}
