//! The report as HTML (Swedish, with inline SVG charts, no scripts, no external
//! resources — it is printed and attached to minutes) and as CSV.

use super::Report;
use bevis_register::sessions::Reason;
use chrono::Datelike;

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

struct Bar {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    fill: &'static str,
}

struct Label {
    x: f64,
    y: f64,
    size: u32,
    text: String,
}

#[derive(askama::Template)]
#[template(path = "chart.svg")]
struct Chart<'a> {
    title: &'a str,
    width: f64,
    height: f64,
    left: f64,
    axis: f64,
    bars: Vec<Bar>,
    labels: Vec<Label>,
}

#[derive(askama::Template)]
#[template(path = "report.html")]
struct Page<'a> {
    year: i32,
    organisation: &'a str,
    generated: String,
    total_sessions: u32,
    legend: Vec<(&'static str, &'static str)>,
    sessions_chart: String,
    total_exports: u32,
    handovers: u32,
    exports_chart: String,
    deleted_on_time: u32,
    deleted_late: u32,
    overdue: &'a [(String, String)],
    per_user: &'a std::collections::BTreeMap<String, super::UserActivity>,
    requests: Vec<(&'static str, [u32; 12], u32)>,
    req: &'a super::RequestStats,
    median: String,
}

/// The Swedish label of a request kind.
pub fn kind_sv(kind: &str) -> &'static str {
    match kind {
        "police" => "Polisen",
        "data_subject_access" => "Registerutdrag (GDPR)",
        "public_access" => "Allmän handling",
        _ => "Annan",
    }
}

/// Stacked bars: one per month, one colour per series.
fn stacked_bars(series: &[(&str, [u32; 12])], title: &str) -> String {
    let (w, h, left, bottom) = (640.0, 240.0, 36.0, 24.0);
    let totals: Vec<u32> = (0..12).map(|m| series.iter().map(|s| s.1[m]).sum()).collect();
    let max = f64::from(totals.iter().copied().max().unwrap_or(0).max(1));
    let bar = (w - left) / 12.0;
    let (mut bars, mut labels) = (Vec::new(), Vec::new());
    for m in 0..12 {
        let mut y = h - bottom;
        for (i, (_, v)) in series.iter().enumerate().filter(|(_, s)| s.1[m] > 0) {
            let bh = f64::from(v[m]) / max * (h - bottom - 10.0);
            y -= bh;
            bars.push(Bar { x: left + m as f64 * bar + 4.0, y, w: bar - 8.0, h: bh, fill: COLOURS[i % 6] });
        }
        let x = left + (m as f64 + 0.5) * bar;
        labels.push(Label { x, y: h - 8.0, size: 11, text: MONTHS[m].into() });
        if totals[m] > 0 {
            labels.push(Label { x, y: y - 3.0, size: 10, text: totals[m].to_string() });
        }
    }
    let chart = Chart { title, width: w, height: h + 20.0, left, axis: h - bottom, bars, labels };
    crate::receipt::render(&chart)
}

/// A time as the Swedish report prints it: `1 mars 2027 10:00`, local time.
fn swedish_time(stamp: &str) -> String {
    const NAMES: [&str; 12] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    match bevis_register::parse_stamp(stamp) {
        Some(t) => {
            let t = t.with_timezone(&chrono::Local);
            format!("{} {} {} {}", t.day(), NAMES[t.month0() as usize], t.year(), t.format("%H:%M"))
        }
        None => stamp.to_string(),
    }
}

/// The report as a printable page.
pub fn html(r: &Report) -> String {
    let reasons: Vec<(&str, [u32; 12])> = r.sessions.iter().map(|(k, v)| (reason_sv(*k), *v)).collect();
    let page = Page {
        year: r.year,
        organisation: &r.organisation,
        generated: swedish_time(&r.generated_at),
        total_sessions: reasons.iter().flat_map(|s| s.1).sum(),
        legend: r.sessions.keys().enumerate().map(|(i, k)| (reason_sv(*k), COLOURS[i % 6])).collect(),
        sessions_chart: stacked_bars(&reasons, "Granskningar per månad"),
        total_exports: r.exports_by_month.iter().sum(),
        handovers: r.handovers,
        exports_chart: stacked_bars(&[("Exporter", r.exports_by_month)], "Exporter per månad"),
        deleted_on_time: r.deleted_on_time,
        deleted_late: r.deleted_late,
        overdue: &r.overdue,
        per_user: &r.per_user,
        requests: r.requests.per_kind.iter().map(|(k, v)| (kind_sv(k), *v, v.iter().sum())).collect(),
        req: &r.requests,
        median: r.requests.median_days.map_or_else(|| "–".into(), |d| format!("{d:.1}")),
    };
    crate::receipt::render(&page)
}

/// The same numbers, one per line: `metric,category,month,count`.
pub fn csv(r: &Report) -> String {
    let mut rows: Vec<[String; 4]> = Vec::new();
    let mut row = |metric: &str, category: &str, month: String, n: usize| {
        rows.push([metric.into(), category.into(), month, n.to_string()]);
    };
    for (reason, months) in &r.sessions {
        for (m, n) in months.iter().enumerate() {
            row("sessions", reason.as_str(), format!("{}-{:02}", r.year, m + 1), *n as usize);
        }
    }
    for (m, n) in r.exports_by_month.iter().enumerate() {
        row("exports", "", format!("{}-{:02}", r.year, m + 1), *n as usize);
    }
    row("handovers", "", r.year.to_string(), r.handovers as usize);
    row("deleted", "on_time", r.year.to_string(), r.deleted_on_time as usize);
    row("deleted", "late", r.year.to_string(), r.deleted_late as usize);
    row("overdue", "", r.year.to_string(), r.overdue.len());
    for (kind, months) in &r.requests.per_kind {
        for (m, n) in months.iter().enumerate() {
            row("requests", kind, format!("{}-{:02}", r.year, m + 1), *n as usize);
        }
    }
    let q = &r.requests;
    for (k, v) in [("answered", q.answered), ("late", q.late), ("refused", q.refused), ("extended", q.extended)] {
        row("requests", k, r.year.to_string(), v as usize);
    }
    row("requests", "worst_days", r.year.to_string(), q.worst_days.unwrap_or(0).max(0) as usize);
    for (name, u) in &r.per_user {
        for (k, v) in [("sessions", u.sessions), ("views", u.views), ("exports", u.exports), ("refusals", u.refusals)] {
            row(&format!("user_{k}"), name, r.year.to_string(), v as usize);
        }
    }
    let median = r.requests.median_days.map_or_else(String::new, |d| format!("{d:.1}"));
    rows.push(["requests".into(), "median_days".into(), r.year.to_string(), median]);
    crate::receipt::csv_text(["metric", "category", "month", "count"], rows)
}
