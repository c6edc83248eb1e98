// Generated from the Rust types by crates/bevis/tests/bindings.rs — do not edit.
// Regenerate: BEVIS_BLESS=1 cargo test -p bevis --test bindings

export type Role = "admin" | "reviewer" | "auditor";

export type Account = { id: number, username: string, display_name: string, role: Role, };

export type Entry = { id: number, at: string, actor: string, action: string, detail: string, prev_hash: string, hash: string, };

export type CaseStatus = "open" | "closed";

export type Case = { id: number, reference: string, title: string, status: CaseStatus, opened_at: string, closed_at: string | null, };

export type ExportStatus = "exported" | "handed_over" | "returned" | "deleted";

export type ExportRecord = { id: number, case_id: number, session_id: number, package_id: string, drive_label: string | null, drive_serial: string | null, fs_type: string | null, 
/**
 * Where it was written, as an absolute path at the time.
 */
path: string, 
/**
 * The container relative to the drive root (`BEVIS/…/x.bevis`).
 */
rel_path: string, recipient: string | null, handed_over_at: string | null, returned_at: string | null, delete_by: string, status: ExportStatus, created_at: string, size_bytes: number, deleted_at: string | null, deleted_by: number | null, deletion_verified: boolean, wipe_started_at: string | null, };

export type Reason = "suspected_crime" | "violence_threat" | "vandalism" | "accident" | "data_subject_request" | "other";

export type Source = { path: string, camera: string, 
/**
 * Recording start on the camera's clock.
 */
start: string, duration_s: number, 
/**
 * How the recorder's clock differed from real time: the seconds it was
 * *ahead* (negative: behind). Real time = recorder time − this. Police
 * guidance asks for it with every exhibit; 0 until someone checked.
 */
clock_offset_s: number, 
/**
 * How the offset was established ("compared with the school's NTP server").
 */
clock_how: string, 
/**
 * The recording's time zone (IANA name).
 */
time_zone: string, };

export type Played = { source: number, from: string, to: string, };

export type Session = { id: number, case_id: number, account_id: number, reason: Reason, note: string, sources: Array<Source>, from: string, to: string, opened_at: string, closed_at: string | null, played: Array<Played>, 
/**
 * The request the session was opened for.
 */
request_id: number | null, };

export type Settings = { organisation: string, 
/**
 * Days the recording server keeps footage before deleting it automatically.
 */
retention_days: number, 
/**
 * Default delete-by for a new export: days from the export.
 */
delete_by_days: number, 
/**
 * Minutes of inactivity before the app locks.
 */
auto_lock_minutes: number, 
/**
 * Days a police request is due after it arrived.
 */
police_due_days: number, 
/**
 * Working days a public-access request is due after it arrived ("skyndsamt").
 */
public_access_due_working_days: number, 
/**
 * Days any other request is due after it arrived.
 */
other_due_days: number, };

export type RequestKind = "police" | "data_subject_access" | "public_access" | "other";

export type RequestStatus = "received" | "in_review" | "decided" | "delivered" | "refused" | "withdrawn";

export type Outcome = "granted" | "disclosed" | "partly_disclosed" | "refused";

export type Extension = { months: number, why: string, 
/**
 * When the requester was told (GDPR: within the first month).
 */
told_on: string, due: string, at: string, by: string, };

export type Decision = { id: number, outcome: Outcome, 
/**
 * The ground: for public access the OSL provision, for a refusal the reason.
 */
ground: string, at: string, by: string, 
/**
 * The audit entry that recorded it.
 */
audit_id: number, };

export type RequestRecord = { id: number, kind: RequestKind, received: string, requester: string, contact: string, 
/**
 * How an access requester's identity was verified (never a personal identity number).
 */
identity_check: string, asked: string, case_id: number | null, due: string, status: RequestStatus, created_at: string, delivered_package: string | null, closed_at: string | null, extensions: Array<Extension>, decisions: Array<Decision>, };

export type RequestForm = { kind: string, received: string, requester: string, contact: string, identity_check: string, asked: string, case_ref: string | null, };

export type RequestDetail = { request: RequestRecord, case_ref: string | null, sessions: Array<Session>, exports: Array<EvidenceRow>, };

export type Involved = { source: string, label: string, keyframes: Array<Keyframe>, };

export type LeakKind = "uncovered" | "shared_keep";

export type Finding = { id: string, kind: LeakKind, source: string, 
/**
 * The longest uncovered run: its first and last frame (source seconds).
 */
from: number, to: number, frames: number, 
/**
 * The person's box in the run's middle frame (source pixels).
 */
at: number, rect: Rect, 
/**
 * The detected track: a mask made from it covers the person.
 */
track: Track, };

export type LeakResolution = { "mask": { finding: string, } } | { "involved": { finding: string, label: string, } };

export type Checked = { findings: Array<Finding>, thumbs: Array<string>, plan: EditPlan, unsteady: Array<string>, };

export type StartSource = "file_name" | "container" | "entered";

export type StartTime = { at: string, from: StartSource, };

export type Rate = { num: number, den: number, };

export type Segment = { path: string, 
/**
 * Where the segment starts on the timeline, seconds.
 */
offset: number, duration: number, start: string | null, };

export type Gap = { 
/**
 * Index of the segment after which the gap occurs.
 */
after: number, 
/**
 * Timeline position of the boundary, seconds.
 */
at: number, 
/**
 * Missing wall-clock seconds (negative: the segments overlap).
 */
seconds: number, };

export type MediaInfo = { path: string, container: string, codec: string, width: number, height: number, rate: Rate, duration: number, frames: number | null, audio: boolean, start: StartTime | null, segments: Array<Segment>, gaps: Array<Gap>, };

export type Mode = "blur_tracks" | "keep_visible";

export type Shape = "rect" | "ellipse";

export type Style = "blur" | "pixelate" | "solid";

export type Rect = { x: number, y: number, w: number, h: number, };

export type PlanClock = { 
/**
 * Seconds the recorder was ahead of real time (negative: behind).
 */
offset_s: number, 
/**
 * How the offset was established.
 */
how: string, 
/**
 * IANA time zone of the recording's local times.
 */
time_zone: string, };

export type PlanSource = { id: string, path: string, 
/**
 * Camera name shown in burned-in captions and the manifest.
 */
camera: string | null, 
/**
 * Recording start entered by hand (`YYYY-MM-DDTHH:MM:SS`, local time), for
 * footage whose file name and metadata do not carry it.
 */
start: string | null, 
/**
 * The recorder's clock against real time; `None`: not checked (offset 0,
 * Europe/Stockholm). A review session fills it in from its record.
 */
clock?: PlanClock | null, };

export type Clip = { source: string, in: number, out: number, crop: Rect | null, };

export type Keyframe = { t: number, x: number, y: number, w: number, h: number, };

export type Track = { id: string, source: string, label: string, shape: Shape, style: Style, 
/**
 * Multiplies the default strength (1.0); the effective blur never drops below
 * the floor that makes faces unrecognisable.
 */
strength: number, keyframes: Array<Keyframe>, 
/**
 * Visible range `[from, to]`; defaults to the first and last keyframe.
 */
from: number | null, to: number | null, 
/**
 * In `keep_visible` mode: this track stays sharp.
 */
keep: boolean, 
/**
 * For tracks proposed by person detection: how sure the detector was (0…1).
 * Hand-drawn tracks have none.
 */
confidence?: number | null, };

export type RenderOptions = { burn_timestamp: boolean, burn_camera: boolean, keep_audio: boolean, };

export type EditPlan = { version: number, mode: Mode, sources: Array<PlanSource>, clips: Array<Clip>, tracks: Array<Track>, options: RenderOptions, 
/**
 * People the leak check found whom the reviewer judged part of the
 * incident: they stay visible, and the redaction log names them.
 */
involved?: Array<Involved>, };

export type FoundKind = "person" | "face" | "motion";

export type Progress = { done_s: number, total_s: number, detections: number, tracks: number, };

export type ReminderKind = "package_expired" | "package_due_soon" | "recording_auto_delete" | "request_overdue" | "request_due_soon" | "request_open";

export type Reminder = { kind: ReminderKind, date: string, 
/**
 * Negative: overdue by that many days.
 */
days_left: number, case_ref: string, 
/**
 * The package id, or the recording's path.
 */
subject: string, 
/**
 * Where: drive label and path, or camera.
 */
place: string, };

export type Drive = { device: string, label: string | null, serial: string | null, fstype: string | null, size: number, free: number | null, mountpoint: string, };

export type Verdict = "expired" | "not_due" | "interrupted" | "unknown";

export type SweepItem = { container: string, package_id: string, case_ref: string, delete_by: string, verdict: Verdict, };

export type EvidenceRow = { case_ref: string, id: number, case_id: number, session_id: number, package_id: string, drive_label: string | null, drive_serial: string | null, fs_type: string | null, 
/**
 * Where it was written, as an absolute path at the time.
 */
path: string, 
/**
 * The container relative to the drive root (`BEVIS/…/x.bevis`).
 */
rel_path: string, recipient: string | null, handed_over_at: string | null, returned_at: string | null, delete_by: string, status: ExportStatus, created_at: string, size_bytes: number, deleted_at: string | null, deleted_by: number | null, deletion_verified: boolean, wipe_started_at: string | null, };

export type AccountState = { disabled: boolean, locked_until: string | null, id: number, username: string, display_name: string, role: Role, };

export type OriginalForm = "files" | "cut";

export type Still = { clip: number, t: number, };

export type OriginalReq = { form: OriginalForm, why: string, };

export type Status = { first_run: boolean, user: Account | null, organisation: string, 
/**
 * Footage given on the command line (the demo profile opens it).
 */
footage: string | null, auto_lock_minutes: number, };

export type Home = { cases: Array<Case>, sessions: Array<Session>, reminders: Array<Reminder>, user: Account, 
/**
 * Today on the register's clock (`2026-11-22`): deadlines count from it.
 */
today: string, };

export type NewSource = { path: string, camera: string | null, 
/**
 * Recording start, for footage that does not carry it.
 */
start: string | null, };

export type NewSession = { case_ref: string, reason: string, note: string, 
/**
 * One recording per camera; the window is suggested from the first.
 */
sources: Array<NewSource>, from: string, to: string, 
/**
 * The request the review answers (its kind sets the reason).
 */
request: number | null, };

export type ExportReq = { 
/**
 * The caller's name for this job, for `cancel_job`.
 */
job: string, session: number, plan: EditPlan, 
/**
 * `2027-02-27`; empty or absent: the `delete_by_days` setting.
 */
delete_by: string | null, recipient: string | null, drive: string, stills: Array<Still>, 
/**
 * Add the recorder's own footage (police exports only).
 */
original: OriginalReq | null, 
/**
 * Export although the leak check has not passed for this plan (audited).
 */
override_why: string | null, };

export type ExportProgress = { stage: string, done: number, total: number, };

export type ExportDone = { package_id: string, container: string, password: string | null, fingerprint: string, receipt: string, slip: string | null, read_back_direct: boolean, };

export type Found = { track: Track, kind: FoundKind, thumb: string, };

export type FoundPeople = { people: Array<Found>, unsteady: boolean, };

export type BridgeError = { code: string, params: { [key in string]: string }, detail: string, };
