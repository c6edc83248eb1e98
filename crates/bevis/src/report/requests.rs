//! The year's requests: how many of each kind arrived per month, how long the
//! answers took (median and worst, in days from arrival to delivery or refusal),
//! and how many were late, refused or extended — what IMY and JO ask a school to
//! be able to show.

use bevis_register::Register;
use bevis_register::requests::{RequestKind, RequestStatus};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct RequestStats {
    /// `[kind][month 0..12]` by the month the request arrived.
    pub per_kind: BTreeMap<String, [u32; 12]>,
    /// Answered (delivered or refused) among the year's requests.
    pub answered: u32,
    /// Days from arrival to answer.
    pub median_days: Option<f64>,
    pub worst_days: Option<i64>,
    /// Answered after the due date, or still open past it (as of the report date).
    pub late: u32,
    pub refused: u32,
    pub extended: u32,
}

fn median(mut v: Vec<i64>) -> Option<f64> {
    v.sort_unstable();
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2] as f64),
        _ => Some((v[n / 2 - 1] + v[n / 2]) as f64 / 2.0),
    }
}

/// Counts the requests that arrived in `year`, as of `as_of`.
pub fn count(reg: &Register, year: i32, as_of: NaiveDate) -> bevis_register::Result<RequestStats> {
    let mut s = RequestStats {
        per_kind: RequestKind::ALL.iter().map(|k| (k.as_str().to_string(), [0; 12])).collect(),
        ..Default::default()
    };
    let mut days = Vec::new();
    for r in reg.requests()?.into_iter().filter(|r| r.received.year() == year) {
        s.per_kind.get_mut(r.kind.as_str()).expect("every kind")[r.received.month0() as usize] += 1;
        let answered = matches!(r.status, RequestStatus::Delivered | RequestStatus::Refused);
        let closed = r.closed_at.as_deref().and_then(bevis_register::parse_stamp);
        let closed = closed.map(|t| t.with_timezone(&chrono::Local).date_naive());
        match closed.filter(|_| answered) {
            Some(day) => {
                s.answered += 1;
                days.push((day - r.received).num_days());
                s.late += u32::from(day > r.due);
            }
            None => s.late += u32::from(r.is_open() && r.due < as_of),
        }
        s.refused += u32::from(r.status == RequestStatus::Refused);
        s.extended += u32::from(!r.extensions.is_empty());
    }
    s.worst_days = days.iter().copied().max();
    s.median_days = median(days);
    Ok(s)
}
