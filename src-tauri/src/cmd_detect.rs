//! "Find people" for the review workspace: a job off the desk's lock, progress
//! over a channel, its own cancel token, thumbnails as data URLs (kept in memory only).

use crate::state::{AppState, Res};
use base64::Engine;
use bevis::bridge::{Checked, Found, FoundPeople};
use bevis::detect::Progress;
use tauri::State;
use tauri::ipc::Channel;

fn url(jpeg: &[u8]) -> String {
    format!("data:image/jpeg;base64,{}", base64::engine::general_purpose::STANDARD.encode(jpeg))
}

#[tauri::command]
pub async fn find_people(
    state: State<'_, AppState>,
    job: String,
    id: i64,
    index: usize,
    source: String,
    range: (f64, f64),
    on_progress: Channel<Progress>,
) -> Res<FoundPeople> {
    let found = state
        .job(move |st| {
            st.job(&job, |d, token| {
                d.find_people(id, index, &source, range, &mut |p| {
                    let _ = on_progress.send(p);
                    !token.cancelled()
                })
            })
        })
        .await?;
    let people = found.proposals.into_iter().map(|p| Found { thumb: url(&p.thumb), track: p.track, kind: p.kind });
    Ok(FoundPeople { people: people.collect(), unsteady: found.camera_moves })
}

/// The leak check of the export wizard: the check's findings with their stills
/// (data URLs, memory only) and the plan with the resolutions applied.
#[tauri::command]
pub async fn leak_check(
    state: State<'_, AppState>,
    job: String,
    id: i64,
    plan: bevis::redact::EditPlan,
    resolutions: Vec<bevis::desk::Resolution>,
    on_progress: Channel<Progress>,
) -> Res<Checked> {
    let report = state
        .job(move |st| {
            st.job(&job, |d, token| {
                d.leak_check(id, plan, &resolutions, &mut |p| {
                    let _ = on_progress.send(p);
                    !token.cancelled()
                })
            })
        })
        .await?;
    let thumbs = report.thumbs.iter().map(|j| url(j)).collect();
    Ok(Checked { findings: report.findings, thumbs, plan: report.plan, unsteady: report.unsteady })
}
