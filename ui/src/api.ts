// Calls into the Rust shell. Every command goes through bevis::desk there.

import { explain } from "./errors.js";

interface TauriGlobal {
  core: {
    invoke: (cmd: string, args?: object) => Promise<unknown>;
    Channel: new () => { onmessage: (m: unknown) => void };
  };
  event: { listen: (ev: string, f: (e: { payload: unknown }) => void) => Promise<() => void> };
}
const tauri = (window as unknown as { __TAURI__: TauriGlobal }).__TAURI__;

let onLocked: () => void = () => {};
export function whenLocked(f: () => void): void {
  onLocked = f;
}

export async function call<T>(cmd: string, args?: object): Promise<T> {
  try {
    return (await tauri.core.invoke(cmd, args)) as T;
  } catch (e) {
    const { code, text } = explain(String(e));
    if (code === "locked") onLocked();
    throw new Error(text);
  }
}

/** Tells the shell something and does not wait or care for the answer (used while
 *  leaving a screen, when the app may already be locked). */
export function tell(cmd: string, args?: object): void {
  tauri.core.invoke(cmd, args).catch(() => {});
}

/** A name for a long job, so that its own cancel button stops it and nothing else. */
export function jobId(kind: string): string {
  return `${kind}-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;
}

export function channel<T>(f: (m: T) => void): { onmessage: (m: unknown) => void } {
  const ch = new tauri.core.Channel();
  ch.onmessage = (m) => f(m as T);
  return ch;
}

/** Paths dropped on the window (files or folders from the file manager). */
export function onDrop(f: (paths: string[]) => void): Promise<() => void> {
  return tauri.event.listen("tauri://drag-drop", (e) => f((e.payload as { paths: string[] }).paths ?? []));
}

export interface Account {
  id: number;
  username: string;
  display_name: string;
  role: "admin" | "reviewer" | "auditor";
}
export interface Status {
  first_run: boolean;
  user: Account | null;
  organisation: string;
  footage: string | null;
  auto_lock_minutes: number;
}
export interface Case {
  id: number;
  reference: string;
  title: string;
  status: string;
  opened_at: string;
}
export interface Source {
  path: string;
  camera: string;
  start: string;
  duration_s: number;
}
export interface Session {
  id: number;
  case_id: number;
  reason: string;
  note: string;
  sources: Source[];
  from: string;
  to: string;
  closed_at: string | null;
}
export interface Reminder {
  kind: "package_expired" | "package_due_soon" | "recording_auto_delete";
  date: string;
  days_left: number;
  case_ref: string;
  subject: string;
  place: string;
}
export interface MediaInfo {
  path: string;
  width: number;
  height: number;
  duration: number;
  frames: number | null;
  rate: { num: number; den: number };
  start: { at: string } | null;
  codec: string;
  container: string;
}
export interface ExportRow {
  package_id: string;
  case_ref: string;
  status: string;
  delete_by: string;
  path: string;
  drive_label: string | null;
  recipient: string | null;
  created_at: string;
}
export interface Drive {
  device: string;
  label: string | null;
  fstype: string | null;
  size: number;
  free: number | null;
  mountpoint: string;
}
export interface SweepItem {
  container: string;
  package_id: string;
  case_ref: string;
  delete_by: string;
  verdict: "expired" | "not_due" | "interrupted" | "unknown";
}
export interface Settings {
  organisation: string;
  retention_days: number;
  delete_by_days: number;
  auto_lock_minutes: number;
}
