//! The export wizard's back end, the evidence register and the deletion sweep.

use crate::state::{AppState, Res, err};
use bevis::bridge::{ExportDone, ExportProgress, ExportReq};
use bevis::desk::{EvidenceRow, SweepItem};
use bevis::export::Stage;
use tauri::State;
use tauri::ipc::Channel;

#[tauri::command]
pub async fn drives() -> Res<Vec<bevis::drives::Drive>> {
    bevis::drives::list().map_err(err)
}

fn send(ch: &Channel<ExportProgress>, stage: Stage) {
    let (stage, done, total) = match stage {
        Stage::Hashing => ("hashing".into(), 0, 0),
        Stage::Rendering { clip, clips, progress } => {
            (format!("rendering {}/{clips}", clip + 1), progress.done, progress.total)
        }
        Stage::Originals { .. } => ("originals".into(), 0, 0),
        Stage::Verifying => ("verifying".into(), 0, 0),
    };
    let _ = ch.send(ExportProgress { stage, done, total });
}

#[tauri::command]
pub async fn export(
    state: State<'_, AppState>,
    req: ExportReq,
    on_progress: Channel<ExportProgress>,
) -> Res<ExportDone> {
    let job = req.job.clone();
    let r = req.into_session_export()?;
    let done = state.job(move |st| st.export(&job, r, |stage| send(&on_progress, stage))).await?;
    Ok(ExportDone::from(&done))
}

/// Exports that finished while the app was locked, for the user who made them.
#[tauri::command]
pub fn waiting_exports(state: State<'_, AppState>) -> Vec<ExportDone> {
    state.station.take_waiting().iter().map(ExportDone::from).collect()
}

/// Asks a running job (export, find people) to stop.
#[tauri::command]
pub fn cancel_job(state: State<'_, AppState>, job: String) {
    state.station.cancel(&job);
}

#[tauri::command]
pub fn exports(state: State<'_, AppState>) -> Res<Vec<EvidenceRow>> {
    state.with(|d| d.evidence())
}

#[tauri::command]
pub fn hand_over(state: State<'_, AppState>, package_id: String, recipient: String) -> Res<()> {
    state.with(|d| d.hand_over(&package_id, &recipient))
}

#[tauri::command]
pub fn returned(state: State<'_, AppState>, package_id: String) -> Res<()> {
    state.with(|d| d.returned(&package_id))
}

#[tauri::command]
pub async fn sweep_scan(state: State<'_, AppState>, drive: String) -> Res<Vec<SweepItem>> {
    state.job(move |st| st.work(|d| d.sweep_scan(drive.as_ref()))).await
}

#[tauri::command]
pub async fn sweep_wipe(state: State<'_, AppState>, item: SweepItem, confirmed: bool) -> Res<u64> {
    let wipe = move |st: &bevis::station::Station| {
        st.work(|d| d.sweep_wipe(&item, confirmed, confirmed).map(|w| w.bytes_overwritten))
    };
    state.job(wipe).await
}
