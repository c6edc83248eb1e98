//! "Find people" for the review workspace: a job off the desk's lock, progress
//! over a channel, its own cancel token, thumbnails as data URLs (kept in memory only).

use crate::state::{AppState, Res};
use base64::Engine;
use bevis::bridge::Found;
use bevis::detect::Progress;
use tauri::State;
use tauri::ipc::Channel;

#[tauri::command]
pub async fn find_people(
    state: State<'_, AppState>,
    job: String,
    id: i64,
    source: String,
    from: f64,
    to: f64,
    on_progress: Channel<Progress>,
) -> Res<Vec<Found>> {
    let found = state
        .job(move |st| {
            st.job(&job, |d, token| {
                d.find_people(id, 0, &source, (from, to), &mut |p| {
                    let _ = on_progress.send(p);
                    !token.cancelled()
                })
            })
        })
        .await?;
    let url =
        |jpeg: &[u8]| format!("data:image/jpeg;base64,{}", base64::engine::general_purpose::STANDARD.encode(jpeg));
    Ok(found.into_iter().map(|p| Found { thumb: url(&p.thumb), track: p.track, kind: p.kind }).collect())
}
