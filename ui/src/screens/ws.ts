// The review workspace's shared state and frame fetching.

import { call, MediaInfo, Session } from "../api.js";
import { Plan, PlanStore } from "../plan.js";
import type { Proposal } from "./findpeople.js";

export type Tool = "select" | "crop" | "track";

export interface Ws {
  id: number;
  session: Session;
  info: MediaInfo;
  frame: number;
  store: PlanStore;
  t: number;
  /** Where the user asked to be (ahead of `t` while a frame is on its way). */
  want: number;
  index: number;
  image: ImageBitmap | null;
  imageSize: { w: number; h: number };
  playing: 0 | 1 | -1;
  speed: number;
  selected: string | null;
  tool: Tool;
  /** Show exactly what will be exported (crop applied), instead of the full frame with the crop outlined. */
  exact: boolean;
  /** Source times to add to the package as still images. */
  stills: number[];
  activity: number[];
  thumbs: { t: number; url: string }[];
  error: string;
  /** Tracks proposed by "find people" and not yet accepted (by track id). */
  proposals: Map<string, Proposal>;
  listeners: (() => void)[];
  /** Shows the current frame again (after an edit or a view change). */
  refetch: () => void;
}

/** The plan the viewer sends: the current clip first (its crop is the one the core
 *  previews), and in the edit view without the crop (drawn as an outline instead). */
export function viewPlan(ws: Ws): Plan {
  const p: Plan = JSON.parse(JSON.stringify(ws.store.plan));
  const [current] = p.clips.splice(ws.store.clip, 1);
  p.clips.unshift(current);
  if (!ws.exact) p.clips[0].crop = null;
  return p;
}

/** The clip being edited. */
export function clipOf(ws: Ws): Plan["clips"][number] {
  return ws.store.plan.clips[ws.store.clip];
}

/** Notifies every part of the workspace that something changed. */
export function changed(ws: Ws): void {
  for (const f of ws.listeners) f();
}

let inflight = false;
let queued: { ws: Ws; seek: "at" | "next" | "prev"; t: number; width: number } | null = null;

/** Fetches and shows a frame; returns false when the request was refused or failed.
 *  A request made while one is on its way waits for it (the latest one wins), so
 *  keys pressed quickly are not lost and never race. */
export async function show(ws: Ws, seek: "at" | "next" | "prev", t: number, width: number): Promise<boolean> {
  if (inflight) { queued = { ws, seek, t, width }; return true; }
  inflight = true;
  let ok = await fetchFrame(ws, seek, t, width);
  inflight = false;
  while (queued) {
    const q = queued;
    queued = null;
    inflight = true;
    ok = await fetchFrame(q.ws, q.seek, q.seek === "at" ? q.t : q.ws.t, q.width);
    inflight = false;
  }
  return ok;
}

async function fetchFrame(ws: Ws, seek: "at" | "next" | "prev", t: number, width: number): Promise<boolean> {
  try {
    const raw = await call<ArrayBuffer | number[]>("frame", { id: ws.id, source: 0, seek, t, width: Math.round(width), plan: viewPlan(ws) });
    const buf = raw instanceof ArrayBuffer ? raw : new Uint8Array(raw).buffer;
    const view = new DataView(buf);
    ws.t = view.getFloat64(0, true);
    ws.index = Number(view.getBigUint64(8, true));
    if (seek !== "at") ws.want = ws.t;
    ws.imageSize = { w: view.getUint32(16, true), h: view.getUint32(20, true) };
    ws.image = await createImageBitmap(new Blob([buf.slice(24)], { type: "image/jpeg" }));
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
