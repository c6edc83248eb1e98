//! Cases, review sessions and the viewer.

use crate::state::{AppState, Res, err};
use bevis::bridge::{Home, NewSession};
use bevis::desk::{Seek, SessionRequest, SourceSpec};
use bevis::redact::EditPlan;
use bevis::register::sessions::{Reason, Session};
use tauri::State;
use tauri::ipc::Response;

#[tauri::command]
pub fn home(state: State<'_, AppState>) -> Res<Home> {
    state.with(|d| {
        let (cases, sessions, reminders) = (d.cases()?, d.my_open_sessions()?, d.due(7)?);
        Ok(Home { cases, sessions, reminders, user: d.user().clone(), today: d.today().to_string() })
    })
}

/// The facts of a recording before a session opens on it (no pixels: metadata only).
#[tauri::command]
pub async fn probe(state: State<'_, AppState>, path: String) -> Res<bevis::media::MediaInfo> {
    state.with(|_| Ok(()))?;
    Ok(bevis::media::probe(path.as_ref()).map_err(bevis::desk::DeskError::from)?)
}

#[tauri::command]
pub fn open_case(state: State<'_, AppState>, reference: String, title: String) -> Res<()> {
    state.with(|d| d.open_case(&reference, &title).map(|_| ()))
}

#[tauri::command]
pub async fn open_session(state: State<'_, AppState>, req: NewSession) -> Res<Session> {
    let reason = match (Reason::parse(&req.reason), req.request) {
        (Some(r), _) => r,
        (None, Some(_)) => Reason::Other,
        (None, None) => return Err(err("choose a reason")),
    };
    let sources = req
        .sources
        .into_iter()
        .map(|s| SourceSpec {
            path: s.path.trim().into(),
            camera: s.camera.filter(|c| !c.trim().is_empty()),
            start: s.start.filter(|s| !s.trim().is_empty()),
        })
        .collect();
    let r = SessionRequest {
        case_ref: req.case_ref,
        reason,
        note: req.note,
        sources,
        from: req.from,
        to: req.to,
        request: req.request,
    };
    state.with(|d| d.open_session(&r))
}

#[tauri::command]
pub async fn session_media(state: State<'_, AppState>, id: i64) -> Res<(Session, Vec<bevis::media::MediaInfo>)> {
    state.with(|d| d.session_media(id))
}

#[tauri::command]
pub async fn activity(state: State<'_, AppState>, id: i64, source: usize) -> Res<Vec<f32>> {
    let (_, media) = state.with(|d| d.session_media(id))?;
    let info = media.get(source).ok_or_else(|| err("no such recording"))?;
    bevis::media::overview::activity(info).map(|a| a.per_second).map_err(err)
}

/// One frame: 24 bytes of header (t: f64, index: u64, width: u32, height: u32, little-endian), then JPEG.
#[tauri::command]
pub async fn frame(
    state: State<'_, AppState>,
    id: i64,
    source: usize,
    seek: String,
    t: f64,
    width: u32,
    plan: Option<EditPlan>,
) -> Res<Response> {
    let seek = match seek.as_str() {
        "next" => Seek::Next,
        "prev" => Seek::Prev,
        _ => Seek::At(t),
    };
    let f = state.with(|d| d.view(id, source, seek, width.clamp(64, 3840), plan.as_ref()))?;
    let mut out = Vec::with_capacity(24 + f.jpeg.len());
    out.extend_from_slice(&header(&f));
    out.extend_from_slice(&f.jpeg);
    Ok(Response::new(out))
}

/// The camera grid at real time `at` (seconds after the window's start): per camera
/// one byte (0 a new frame, 1 the same frame, 2 no footage, 3 outside the window),
/// and after a 0 the frame's 24-byte header, the JPEG's length (u32) and the JPEG.
#[tauri::command]
pub async fn frames_at(
    state: State<'_, AppState>,
    id: i64,
    at: f64,
    sources: Vec<usize>,
    width: u32,
    plan: Option<EditPlan>,
) -> Res<Response> {
    use bevis::desk::Cell;
    let cells = state.with(|d| d.view_at(id, at, &sources, width.clamp(64, 3840), plan.as_ref()))?;
    let mut out = Vec::new();
    for cell in cells {
        match cell {
            Cell::Shown(f) => {
                out.push(0);
                out.extend_from_slice(&header(&f));
                out.extend_from_slice(&(f.jpeg.len() as u32).to_le_bytes());
                out.extend_from_slice(&f.jpeg);
            }
            Cell::Same => out.push(1),
            Cell::NoFootage => out.push(2),
            Cell::Outside => out.push(3),
        }
    }
    Ok(Response::new(out))
}

/// A frame's header: t (f64), index (u64), width and height (u32), little-endian.
fn header(f: &bevis::desk::ViewFrame) -> [u8; 24] {
    let mut h = [0; 24];
    h[..8].copy_from_slice(&f.t.to_le_bytes());
    h[8..16].copy_from_slice(&f.index.to_le_bytes());
    h[16..20].copy_from_slice(&f.width.to_le_bytes());
    h[20..].copy_from_slice(&f.height.to_le_bytes());
    h
}

/// Keyframe thumbnails inside the session's window, as `(seconds, data URL)`.
#[tauri::command]
pub async fn thumbnails(state: State<'_, AppState>, id: i64, source: usize, count: u32) -> Res<Vec<(f64, String)>> {
    use base64::Engine;
    let (s, _) = state.with(|d| d.session_media(id))?;
    let span = (s.to - s.from).num_seconds().max(1) as f64 + 2.0 * bevis::desk::MARGIN_S as f64;
    let every = (span / count.max(1) as f64).max(1.0);
    let thumbs = state.job(move |st| st.work(|d| d.thumbnails(id, source, every, 120))).await?;
    let b64 = base64::engine::general_purpose::STANDARD;
    Ok(thumbs.into_iter().map(|(t, png)| (t, format!("data:image/png;base64,{}", b64.encode(png)))).collect())
}

#[tauri::command]
pub fn change_window(state: State<'_, AppState>, id: i64, from: String, to: String, why: String) -> Res<Session> {
    state.with(|d| d.change_window(id, &from, &to, &why))
}

/// Another camera for an open session (the reason is logged).
#[tauri::command]
pub fn add_camera(
    state: State<'_, AppState>,
    id: i64,
    path: String,
    camera: String,
    start: String,
    why: String,
) -> Res<Session> {
    let spec = SourceSpec {
        path: path.into(),
        camera: Some(camera).filter(|c| !c.trim().is_empty()),
        start: Some(start).filter(|s| !s.trim().is_empty()),
    };
    state.with(|d| d.add_camera(id, &spec, &why))
}

/// How recording `source`'s clock differed from real time (seconds ahead; logged).
#[tauri::command]
pub fn set_clock(
    state: State<'_, AppState>,
    id: i64,
    source: usize,
    offset_s: f64,
    how: String,
    time_zone: String,
) -> Res<Session> {
    let clock = bevis::register::sessions::Clock { offset_s, how, time_zone };
    state.with(|d| d.set_clock(id, source, &clock))
}

/// The workspace was left: release its decoder, write down what was shown.
#[tauri::command]
pub fn leave_workspace(state: State<'_, AppState>) -> Res<()> {
    state.with(|d| d.leave())
}

#[tauri::command]
pub fn close_session(state: State<'_, AppState>, id: i64) -> Res<()> {
    state.with(|d| d.close_session(id))
}

#[tauri::command]
pub async fn pick_footage(folder: bool) -> Option<String> {
    let dialog = rfd::FileDialog::new().set_title("Välj inspelning");
    let picked = if folder { dialog.pick_folder() } else { dialog.pick_file() };
    picked.map(|p| p.display().to_string())
}
