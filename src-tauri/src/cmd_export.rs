//! The export wizard's back end, the evidence register and the deletion sweep.

use crate::state::{AppState, Res, err};
use bevis::desk::{EvidenceRow, SessionExport, SweepItem};
use bevis::export::Stage;
use bevis::redact::EditPlan;
use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;

#[tauri::command]
pub async fn drives() -> Res<Vec<bevis::drives::Drive>> {
    bevis::drives::list().map_err(err)
}

#[derive(Clone, Serialize)]
pub struct Progress {
    stage: String,
    done: u64,
    total: u64,
}

#[derive(Serialize)]
pub struct Done {
    package_id: String,
    container: String,
    password: Option<String>,
    fingerprint: String,
    receipt: String,
    slip: Option<String>,
    read_back_direct: bool,
}

#[derive(serde::Deserialize)]
pub struct ExportReq {
    /// The caller's name for this job, for `cancel_job`.
    job: String,
    session: i64,
    plan: EditPlan,
    delete_by: Option<String>,
    recipient: Option<String>,
    drive: String,
    #[serde(default)]
    stills: Vec<f64>,
}

fn send(ch: &Channel<Progress>, stage: Stage) {
    let (stage, done, total) = match stage {
        Stage::Hashing => ("hashing".into(), 0, 0),
        Stage::Rendering { clip, clips, progress } => {
            (format!("rendering {}/{clips}", clip + 1), progress.done, progress.total)
        }
        Stage::Verifying => ("verifying".into(), 0, 0),
    };
    let _ = ch.send(Progress { stage, done, total });
}

#[tauri::command]
pub async fn export(state: State<'_, AppState>, req: ExportReq, on_progress: Channel<Progress>) -> Res<Done> {
    let delete_by = req
        .delete_by
        .filter(|d| !d.is_empty())
        .map(|d| d.parse().map_err(|_| "the delete-by date is not a date"))
        .transpose()?;
    let r = SessionExport {
        session_id: req.session,
        plan: req.plan,
        delete_by,
        recipient: req.recipient.filter(|r| !r.is_empty()),
        drive: req.drive.into(),
        password: None,
        stills: req.stills,
    };
    let job = req.job;
    let done = state.job(move |st| st.export(&job, r, |stage| send(&on_progress, stage))).await?;
    Ok(shown(&done))
}

/// Exports that finished while the app was locked, for the user who made them.
#[tauri::command]
pub fn waiting_exports(state: State<'_, AppState>) -> Vec<Done> {
    state.station.take_waiting().iter().map(shown).collect()
}

/// What the wizard shows (the password once; it is not kept anywhere else).
fn shown(done: &bevis::export::Exported) -> Done {
    let password = done.password.as_ref().map(|p| p.to_string());
    let case = &done.verified.manifest.case_ref;
    Done {
        package_id: done.package_id.clone(),
        container: done.container.display().to_string(),
        slip: password.as_ref().map(|p| bevis::receipt::password_slip(case, &done.package_id, p)),
        password,
        fingerprint: done.verified.fingerprint.clone(),
        receipt: done.receipt.clone(),
        read_back_direct: done.read_back_direct,
    }
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
