//! The report as HTML (Swedish, with inline SVG charts, no scripts, no external
//! resources — it is printed and attached to minutes) and as CSV.

use super::Report;
use bevis_register::sessions::Reason;
use std::fmt::Write;

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
const COLOURS: [&str; 6] = ["#b03a2e", "#d68910", "#7d3c98", "#2874a6", "#229954", "#717d7e"];

/// The Swedish label of a reason.
pub fn reason_sv(r: Reason) -> &'static str {
    match r {
        Reason::SuspectedCrime => "Misstänkt brott",
        Reason::ViolenceThreat => "Våld eller hot",
        Reason::Vandalism => "Skadegörelse",
        Reason::Accident => "Olycka",
        Reason::DataSubjectRequest => "Begäran från registrerad",
        Reason::Other => "Annat",
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Stacked bars: one per month, one colour per series.
fn stacked_bars(series: &[(&str, [u32; 12])], title: &str) -> String {
    let (w, h, left, bottom) = (640.0, 240.0, 36.0, 24.0);
    let totals: Vec<u32> = (0..12).map(|m| series.iter().map(|s| s.1[m]).sum()).collect();
    let max = f64::from(totals.iter().copied().max().unwrap_or(0).max(1));
    let bar = (w - left) / 12.0;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {}" role="img" aria-label="{}">"#,
        h + 20.0,
        esc(title)
    );
    for m in 0..12 {
        let mut y = h - bottom;
        for (i, (_, v)) in series.iter().enumerate() {
            let bh = f64::from(v[m]) / max * (h - bottom - 10.0);
            if v[m] > 0 {
                y -= bh;
                let x = left + m as f64 * bar + 4.0;
                let _ = write!(
                    svg,
                    r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{bh:.1}" fill="{}"/>"#,
                    bar - 8.0,
                    COLOURS[i % 6]
                );
            }
        }
        let x = left + (m as f64 + 0.5) * bar;
        let _ = write!(
            svg,
            r#"<text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="11">{}</text>"#,
            h - 8.0,
            MONTHS[m]
        );
        if totals[m] > 0 {
            let _ = write!(
                svg,
                r#"<text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="10">{}</text>"#,
                y - 3.0,
                totals[m]
            );
        }
    }
    let _ = write!(svg, r##"<line x1="{left}" y1="{0}" x2="{w}" y2="{0}" stroke="#333"/>"##, h - bottom);
    svg + "</svg>"
}

fn legend(names: &[&str]) -> String {
    let items: String = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let swatch = format!(
                r#"<svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="{}"/></svg>"#,
                COLOURS[i % 6]
            );
            format!("<span>{swatch} {}</span>", esc(n))
        })
        .collect();
    format!(r#"<p class="legend">{items}</p>"#)
}

/// The report as a printable page.
pub fn html(r: &Report) -> String {
    let reasons: Vec<(&str, [u32; 12])> = r.sessions.iter().map(|(k, v)| (reason_sv(*k), *v)).collect();
    let names: Vec<&str> = reasons.iter().map(|s| s.0).collect();
    let total_sessions: u32 = reasons.iter().flat_map(|s| s.1).sum();
    let total_exports: u32 = r.exports_by_month.iter().sum();
    let mut users = String::new();
    for (name, u) in &r.per_user {
        let _ = write!(
            users,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(name),
            esc(&u.role),
            u.sessions,
            u.views,
            u.exports,
            u.refusals
        );
    }
    let overdue: String =
        r.overdue.iter().map(|(c, d)| format!("<li>{} — skulle raderas {}</li>", esc(c), esc(d))).collect();
    format!(
        r#"<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Årsrapport {year}</title>
<style>body{{font:14px system-ui,sans-serif;max-width:760px;margin:2em auto;color:#222}}table{{border-collapse:collapse;width:100%}}
td,th{{border:1px solid #bbb;padding:4px 8px;text-align:right}}td:first-child,th:first-child{{text-align:left}}
.legend span{{margin-right:1em}}.legend i{{display:inline-block;width:10px;height:10px;margin-right:4px}}.kpi td{{text-align:left}}</style></head><body>
<h1>Årsrapport kamerabevakning {year}</h1><p>{org} · underlag för den årliga utvärderingen · skapad {gen}</p>
<h2>Granskningar per skäl och månad</h2><p>{total_sessions} granskningstillfällen.</p>{legend}{chart1}
<h2>Exporterade bevispaket per månad</h2><p>{total_exports} paket, {handovers} överlämnade till polis eller mottagare.</p>{chart2}
<h2>Radering</h2><table class="kpi"><tr><td>Raderade i tid</td><td>{ontime}</td></tr><tr><td>Raderade för sent</td><td>{late}</td></tr><tr><td>Försenade, ännu inte raderade</td><td>{n_overdue}</td></tr></table><ul>{overdue}</ul>
<h2>Åtkomst per användare</h2><table><tr><th>Användare</th><th>Roll</th><th>Granskningar</th><th>Visade avsnitt</th><th>Exporter</th><th>Nekade</th></tr>{users}</table>
</body></html>"#,
        year = r.year,
        org = esc(&r.organisation),
        gen = esc(&r.generated_at),
        legend = legend(&names),
        chart1 = stacked_bars(&reasons, "Granskningar per månad"),
        chart2 = stacked_bars(&[("Exporter", r.exports_by_month)], "Exporter per månad"),
        handovers = r.handovers,
        ontime = r.deleted_on_time,
        late = r.deleted_late,
        n_overdue = r.overdue.len(),
    )
}

/// The same numbers, one per line: `metric,category,month,count`.
pub fn csv(r: &Report) -> String {
    let mut out = String::from("metric,category,month,count\n");
    for (reason, months) in &r.sessions {
        for (m, n) in months.iter().enumerate() {
            let _ = writeln!(out, "sessions,{},{}-{:02},{n}", reason.as_str(), r.year, m + 1);
        }
    }
    for (m, n) in r.exports_by_month.iter().enumerate() {
        let _ = writeln!(out, "exports,,{}-{:02},{n}", r.year, m + 1);
    }
    let _ = writeln!(out, "handovers,,{},{}", r.year, r.handovers);
    let _ = writeln!(out, "deleted,on_time,{},{}", r.year, r.deleted_on_time);
    let _ = writeln!(out, "deleted,late,{},{}", r.year, r.deleted_late);
    let _ = writeln!(out, "overdue,,{},{}", r.year, r.overdue.len());
    for (name, u) in &r.per_user {
        let user = name.replace([',', '"', '\n'], "_");
        for (k, v) in [("sessions", u.sessions), ("views", u.views), ("exports", u.exports), ("refusals", u.refusals)] {
            let _ = writeln!(out, "user_{k},{user},{},{v}", r.year);
        }
    }
    out
}
