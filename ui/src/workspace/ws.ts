// The review workspace's shared state and frame fetching. The state is one mutable
// object; `rev` is the signal its views read, so `changed(ws)` re-renders them.

import { type Signal, signal } from "@preact/signals";
import { call, type MediaInfo, type Session } from "../api.js";
import { newPlan, type Plan, PlanStore } from "../plan.js";
import { realStart, snap } from "../timeline.js";

/** What the review list shows for a proposal not yet accepted. */
export interface Proposal {
  thumb: string;
  kind: "person" | "motion";
  confidence: number;
}

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
  /** Bumped on every change; the views read it. */
  rev: Signal<number>;
  /** Set when the workspace is left: no frame is asked for after that. */
  gone: boolean;
}

/** The workspace's state for session `id`, positioned at the start of its window. */
export function newWs(id: number, session: Session, info: MediaInfo): Ws {
  const src = session.sources[0];
  const frame = info.rate.den / info.rate.num;
  const store = new PlanStore(newPlan(src.path, src.camera, src.start, info.duration));
  const startAt = Math.max(0, (Date.parse(`${session.from}Z`) - Date.parse(`${src.start}Z`)) / 1000);
  const want = snap(Math.min(startAt, info.duration - frame), frame);
  return {
    id,
    session,
    info,
    frame,
    store,
    t: 0,
    want,
    index: 0,
    image: null,
    imageSize: { w: 0, h: 0 },
    playing: 0,
    speed: 1,
    selected: null,
    tool: "select",
    exact: false,
    stills: [],
    activity: [],
    thumbs: [],
    error: "",
    proposals: new Map(),
    rev: signal(0),
    gone: false,
  };
}

/** The recording's start as times are shown: real time once the recorder's clock
 *  offset is known (the transport says so), else the recorder's own clock. */
export function shownStart(ws: Ws): string {
  const src = ws.session.sources[0];
  return src.clock_offset_s ? realStart(src.start, src.clock_offset_s) : src.start;
}

/** The width to ask frames at: the picture's on-screen width in device pixels. */
export function viewWidth(): number {
  return Math.min(1920, Math.round((document.querySelector(".video")?.clientWidth ?? 960) * devicePixelRatio));
}

/** Shows the frame at the wanted time again (after an edit or a view change). */
export function refetch(ws: Ws): void {
  void show(ws, "at", ws.want, viewWidth());
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
  ws.rev.value++;
}

let inflight = false;
let queued: { ws: Ws; seek: "at" | "next" | "prev"; t: number; width: number } | null = null;

/** Fetches and shows a frame; returns false when the request was refused or failed.
 *  A request made while one is on its way waits for it (the latest one wins), so
 *  keys pressed quickly are not lost and never race. */
export async function show(ws: Ws, seek: "at" | "next" | "prev", t: number, width: number): Promise<boolean> {
  if (inflight) {
    queued = { ws, seek, t, width };
    return true;
  }
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
  if (ws.gone) return false;
  try {
    const raw = await call<ArrayBuffer | number[]>("frame", {
      id: ws.id,
      source: 0,
      seek,
      t,
      width: Math.round(width),
      plan: viewPlan(ws),
    });
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
