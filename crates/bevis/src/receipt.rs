//! Human-readable papers of an export: the chain-of-custody receipt (HTML, for
//! printing and for the package), the drive's README.txt, and the redaction log.
//! None of them ever contains the password; the password slip is separate.

use bevis_pack::container::Meta;
use bevis_pack::manifest::Manifest;
use bevis_pack::open::Verified;
use bevis_redact::EditPlan;

/// Escapes text for HTML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

fn row(k: &str, v: &str) -> String {
    format!("<tr><th>{}</th><td>{}</td></tr>\n", esc(k), esc(v))
}

const STYLE: &str = "body{font-family:sans-serif;max-width:48rem;margin:2rem auto;color:#111}table{border-collapse:collapse;width:100%}\
th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}th{width:14rem;background:#eee}\
code{font-size:.85em;word-break:break-all}.sign{display:grid;grid-template-columns:1fr 1fr;gap:3rem;margin-top:3rem}\
.sign div{border-top:1px solid #000;padding-top:.3rem}";

/// The receipt as it goes into the package (the container's own hash cannot be in it).
pub fn html_for_manifest(m: &Manifest, fingerprint: &str) -> String {
    receipt(m, fingerprint, None)
}

/// The receipt for the workstation, with the SHA-256 of the container file.
pub fn html(v: &Verified, container_sha256: Option<&str>) -> String {
    receipt(&v.manifest, &v.fingerprint, container_sha256)
}

fn receipt(m: &Manifest, fingerprint: &str, container: Option<&str>) -> String {
    let mut rows = String::new();
    rows += &row("Ärende / case", &m.case_ref);
    rows += &row("Paket-id / package id", &m.package_id);
    rows += &row("Utfärdare / issuer", &m.issuer);
    rows += &row("Exporterat av / operator", &m.operator);
    rows += &row("Skäl / reason", &m.reason);
    rows += &row("Mottagare / recipient", m.recipient.as_deref().unwrap_or("—"));
    rows += &row("Exporterat / exported at", &m.exported_at);
    rows += &row("Ska raderas senast / delete by", &m.delete_by);
    rows += &row("Nyckelns fingeravtryck / key fingerprint", fingerprint);
    if let Some(c) = container {
        rows += &row("SHA-256 för paketfilen / container", c);
    }
    let files: String = m
        .files
        .iter()
        .map(|f| format!("<tr><td>{}</td><td>{}</td><td><code>{}</code></td></tr>\n", esc(&f.name), f.size, f.sha256))
        .collect();
    let sources: String = m
        .clips
        .iter()
        .flat_map(|c| c.sources.iter())
        .map(|s| format!("<tr><td>{}</td><td>{}</td><td><code>{}</code></td></tr>\n", esc(&s.name), s.size, s.sha256))
        .collect();
    format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Kvitto {case}</title><style>{STYLE}</style></head><body>\n\
         <h1>Överlämningskvitto — bevispaket</h1><p>Chain-of-custody receipt for an encrypted Bevis evidence package.</p>\n\
         <table>{rows}</table>\n<h2>Filer i paketet / files</h2><table><tr><th>namn</th><th>byte</th><th>SHA-256</th></tr>{files}</table>\n\
         <h2>Originalinspelningar / original recordings</h2><table><tr><th>namn</th><th>byte</th><th>SHA-256</th></tr>{sources}</table>\n\
         <div class=\"sign\"><div>Lämnat av (namn, datum) / handed over by</div><div>Mottaget av (namn, datum) / received by</div></div>\n\
         </body></html>\n",
        case = esc(&m.case_ref)
    )
}

/// The password slip: printed separately from the receipt, never saved.
pub fn password_slip(case_ref: &str, package_id: &str, password: &str) -> String {
    format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Lösenord</title><style>{STYLE}</style></head><body>\
         <h1>Lösenord till bevispaket</h1><table>{}{}</table><p style=\"font:2rem monospace;letter-spacing:.1em\">{}</p>\
         <p>Förvara skilt från USB-minnet. Keep apart from the USB drive.</p></body></html>\n",
        row("Ärende / case", case_ref),
        row("Paket-id / package id", package_id),
        esc(password)
    )
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
         The format is open and specified in docs/FORMAT.md of Bevis.\r\n",
        issuer = meta.issuer,
        case = meta.case_ref,
        id = m.package_id,
        delete = meta.delete_by
    )
}

/// One line per track: what was hidden, where and how.
pub fn redaction_log(plan: &EditPlan) -> String {
    let mut out = String::from("track,label,source,mode,shape,style,strength,from,to,keyframes,keep\n");
    for t in &plan.tracks {
        let (from, to) = t.visible_range();
        let label = t.label.replace('"', "\"\"");
        out += &format!(
            "{},\"{label}\",{},{:?},{:?},{:?},{},{from:.3},{to:.3},{},{}\n",
            t.id,
            t.source,
            plan.mode,
            t.shape,
            t.style,
            t.strength,
            t.keyframes.len(),
            t.keep
        );
    }
    out
}
