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

/** A command's error, worded for the user, with the core's code (empty if none). */
export class CommandError extends Error {
  constructor(
    public code: string,
    text: string,
  ) {
    super(text);
  }
}

let onLocked: () => void = () => {};
export function whenLocked(f: () => void): void {
  onLocked = f;
}

export async function call<T>(cmd: string, args?: object): Promise<T> {
  try {
    return (await tauri.core.invoke(cmd, args)) as T;
  } catch (e) {
    const { code, text } = explain(e);
    if (code === "locked") onLocked();
    throw new CommandError(code, text);
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

// The types that cross the bridge are generated from the Rust ones (bindings.ts).
export type {
  Account,
  AccountState,
  Case,
  Drive,
  Entry,
  EvidenceRow,
  ExportDone,
  ExportProgress,
  Found,
  FoundPeople,
  Home,
  MediaInfo,
  Progress,
  Reminder,
  RequestDetail,
  RequestRecord,
  Session,
  Settings,
  Status,
  SweepItem,
} from "./bindings.js";
