// Frames for the workspace: one request at a time (the latest wins), for one
// camera by stepping its decoder, for several by the real-time playhead.

import { call } from "../api.js";
import { realAt } from "../timeline.js";
import { changed, focusId, lineup, multi, viewPlan, viewWidth, type Ws } from "./ws.js";

/** Shows the frame at the wanted time again (after an edit or a view change). */
export function refetch(ws: Ws): void {
  if (multi(ws)) void showAt(ws, heading(ws), viewWidth());
  else void show(ws, "at", ws.want, viewWidth());
}

/** Makes camera `i` the one being edited, and clip `clip` (else its first) the current one. */
export function focusOn(ws: Ws, i: number, clip?: number): void {
  ws.focus = i;
  const first = ws.store.plan.clips.findIndex((c) => c.source === focusId(ws));
  if (clip !== undefined || first >= 0) ws.store.clip = clip ?? first;
  ws.selected = null;
  ws.want = ws.t;
  changed(ws);
  refetch(ws);
}

let inflight = false;
let queued: (() => Promise<boolean>) | null = null;
/** Where the latest grid request takes the real-time playhead: steps taken while one is
 *  on its way count from there (a queued step replaces the one before it, so a step
 *  counted from `ws.at` at run time lost the steps it replaced). */
let aim = 0;

/** The real-time playhead the grid is at, or on its way to. */
const heading = (ws: Ws): number => (inflight ? aim : ws.at);

/** Runs one frame request at a time: a request made while one is on its way waits
 *  for it (the latest one wins), so keys pressed quickly are not lost and never race. */
async function one(ask: () => Promise<boolean>): Promise<boolean> {
  if (inflight) {
    queued = ask;
    return true;
  }
  inflight = true;
  try {
    let ok = await ask();
    while (queued) {
      const q = queued;
      queued = null;
      ok = await q();
    }
    return ok;
  } finally {
    inflight = false; // whatever happened, the next request is not held back forever
  }
}

/** Fetches and shows a frame; returns false when the request was refused or failed.
 *  With several cameras, every camera moves to the moment the edited one's `t` was
 *  recorded ("at"), or one step of the fastest camera from the playhead. */
export function show(ws: Ws, seek: "at" | "next" | "prev", t: number, width: number): Promise<boolean> {
  if (!multi(ws)) return one(() => fetchFrame(ws, seek, seek === "at" ? t : ws.t, width));
  const step = Math.min(...ws.cams.map((c) => c.frame));
  const at =
    seek === "at" ? realAt(lineup(ws, ws.focus), ws.session.from, t) : heading(ws) + (seek === "next" ? step : -step);
  return showAt(ws, at, width);
}

/** Every camera at real time `at` (seconds after the window's start). */
export function showAt(ws: Ws, at: number, width: number): Promise<boolean> {
  aim = at;
  return one(() => fetchGrid(ws, at, width));
}

/** The 24-byte frame header: time, index, and the picture's size. */
function header(view: DataView, o: number): { t: number; index: number; w: number; h: number } {
  const [t, index] = [view.getFloat64(o, true), Number(view.getBigUint64(o + 8, true))];
  return { t, index, w: view.getUint32(o + 16, true), h: view.getUint32(o + 20, true) };
}

/** Runs a frame request: a failure is shown (and stops playback); every outcome
 *  re-renders; nothing is asked for once the workspace is left. */
async function guarded(ws: Ws, ask: () => Promise<void>): Promise<boolean> {
  if (ws.gone) return false;
  try {
    await ask();
    ws.error = "";
    return true;
  } catch (e) {
    ws.error = (e as Error).message;
    ws.playing = 0;
    return false;
  } finally {
    changed(ws);
  }
}

/** The shell's bytes (an ArrayBuffer, or numbers where the IPC falls back to JSON). */
async function bytes(cmd: string, args: object): Promise<ArrayBuffer> {
  const raw = await call<ArrayBuffer | number[]>(cmd, args);
  return raw instanceof ArrayBuffer ? raw : new Uint8Array(raw).buffer;
}

function fetchFrame(ws: Ws, seek: "at" | "next" | "prev", t: number, width: number): Promise<boolean> {
  return guarded(ws, async () => {
    const args = { id: ws.id, source: 0, seek, t, width: Math.round(width), plan: viewPlan(ws) };
    const buf = await bytes("frame", args);
    const h = header(new DataView(buf), 0);
    const cam = ws.cams[0];
    [cam.t, cam.index, cam.imageSize] = [h.t, h.index, { w: h.w, h: h.h }];
    if (seek !== "at") ws.want = cam.t;
    cam.image = await createImageBitmap(new Blob([buf.slice(24)], { type: "image/jpeg" }));
  });
}

/** The grid's answer for each camera asked: a new frame, the same one, or why none. */
function fetchGrid(ws: Ws, at: number, width: number): Promise<boolean> {
  const cams = ws.maximised ? [ws.cams[ws.focus]] : ws.cams;
  return guarded(ws, async () => {
    const args = { id: ws.id, at, sources: cams.map((c) => c.source), width: Math.round(width), plan: viewPlan(ws) };
    const buf = await bytes("frames_at", args);
    const view = new DataView(buf);
    const pictures: Promise<void>[] = [];
    let o = 0;
    for (const cam of cams) {
      const kind = view.getUint8(o++);
      cam.empty = kind === 2 ? "nofootage" : kind === 3 ? "outside" : "";
      if (kind >= 2) cam.image = null;
      if (kind !== 0) continue;
      const h = header(view, o);
      const len = view.getUint32(o + 24, true);
      [cam.t, cam.index, cam.imageSize] = [h.t, h.index, { w: h.w, h: h.h }];
      const jpeg = new Blob([buf.slice(o + 28, o + 28 + len)], { type: "image/jpeg" });
      pictures.push(
        createImageBitmap(jpeg).then((b) => {
          cam.image = b;
        }),
      );
      o += 28 + len;
    }
    await Promise.all(pictures);
    ws.at = at;
    ws.want = ws.t;
  });
}
