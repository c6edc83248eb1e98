// The review workspace's shared state (frames are fetched in frames.ts). The state is
// one mutable object; `rev` is the signal its views read, so `changed(ws)` re-renders them.

import { type Signal, signal } from "@preact/signals";
import type { MediaInfo, Session } from "../api.js";
import type { FoundKind, Still } from "../bindings.js";
import { newPlan, type Plan, PlanStore } from "../plan.js";
import { type Lineup, realStart, snap, timelineAt } from "../timeline.js";

/** What the review list shows for a proposal not yet accepted. */
export interface Proposal {
  thumb: string;
  kind: FoundKind;
  confidence: number;
}

export type Tool = "select" | "crop" | "track";

/** One camera (a recording of the session) as the workspace shows it. */
export interface Cam {
  /** Its index among the session's recordings. */
  source: number;
  info: MediaInfo;
  /** Seconds per frame. */
  frame: number;
  /** Timeline time and index of the frame shown. */
  t: number;
  index: number;
  image: ImageBitmap | null;
  imageSize: { w: number; h: number };
  /** Why nothing is shown in the grid: no footage at the playhead, or outside the window. */
  empty: "" | "nofootage" | "outside";
  activity: number[];
  thumbs: { t: number; url: string }[];
}

export interface Ws {
  id: number;
  session: Session;
  cams: Cam[];
  /** The camera being edited (index into `cams`); the fields below are its. */
  focus: number;
  /** Only the edited camera, full size (several cameras only). */
  maximised: boolean;
  /** The playhead in real time, seconds after the window's start (several cameras only). */
  at: number;
  readonly info: MediaInfo;
  readonly frame: number;
  readonly t: number;
  readonly index: number;
  readonly image: ImageBitmap | null;
  readonly imageSize: { w: number; h: number };
  readonly activity: number[];
  readonly thumbs: { t: number; url: string }[];
  store: PlanStore;
  /** Where the user asked to be (ahead of `t` while a frame is on its way). */
  want: number;
  playing: 0 | 1 | -1;
  speed: number;
  selected: string | null;
  tool: Tool;
  /** Show exactly what will be exported (crop applied), instead of the full frame with the crop outlined. */
  exact: boolean;
  /** Frames marked as stills: a camera's recording and its source time. */
  stills: { source: string; t: number }[];
  error: string;
  /** Tracks proposed by "find people" and not yet accepted (by track id). */
  proposals: Map<string, Proposal>;
  /** The last "find people" saw much of the picture keep changing: its proposals may miss people. */
  unsteady: boolean;
  /** Bumped on every change; the views read it. */
  rev: Signal<number>;
  /** Set when the workspace is left: no frame is asked for after that. */
  gone: boolean;
}

function newCam(source: number, info: MediaInfo): Cam {
  const frame = info.rate.den / info.rate.num;
  const [t, index, image, imageSize] = [0, 0, null, { w: 0, h: 0 }];
  return { source, info, frame, t, index, image, imageSize, empty: "", activity: [], thumbs: [] };
}

/** How the grid lines recording `i` up on real time. */
export function lineup(ws: Ws, i: number): Lineup {
  const src = ws.session.sources[i];
  return { segments: ws.cams[i].info.segments, start: src.start, offsetS: src.clock_offset_s };
}

/** Recording `i`'s part of the incident window, as a clip (at least one second). */
export function windowClip(session: Session, info: MediaInfo, i: number): Plan["clips"][number] {
  const s = session.sources[i];
  const r = { segments: info.segments, start: s.start, offsetS: s.clock_offset_s };
  const end = (Date.parse(`${session.to}Z`) - Date.parse(`${session.from}Z`)) / 1000;
  const a = timelineAt(r, session.from, 0),
    b = timelineAt(r, session.from, end);
  return { source: `s${i + 1}`, in: a, out: b > a ? b : Math.min(info.duration, a + 1), crop: null };
}

/** The plan for a session: one source per recording; one clip each, over the window
 *  (for a single recording, the whole of it, as always). */
function planFor(session: Session, media: MediaInfo[]): Plan {
  const p = newPlan(session.sources[0].path, session.sources[0].camera, session.sources[0].start, media[0].duration);
  if (media.length === 1) return p;
  p.sources = session.sources.map((s, i) => ({ id: `s${i + 1}`, path: s.path, camera: s.camera, start: s.start }));
  p.clips = media.map((info, i) => windowClip(session, info, i));
  return p;
}

/** The workspace's state for session `id`, positioned at the start of its window. */
export function newWs(id: number, session: Session, media: MediaInfo[]): Ws {
  const cams = media.map((info, i) => newCam(i, info));
  const store = new PlanStore(planFor(session, media));
  const src = session.sources[0],
    info = media[0];
  const startAt = Math.max(0, (Date.parse(`${session.from}Z`) - Date.parse(`${src.start}Z`)) / 1000);
  const want = snap(Math.min(startAt, info.duration - cams[0].frame), cams[0].frame);
  return {
    id,
    session,
    cams,
    focus: 0,
    maximised: false,
    at: 0,
    get info() {
      return this.cams[this.focus].info;
    },
    get frame() {
      return this.cams[this.focus].frame;
    },
    get t() {
      return this.cams[this.focus].t;
    },
    get index() {
      return this.cams[this.focus].index;
    },
    get image() {
      return this.cams[this.focus].image;
    },
    get imageSize() {
      return this.cams[this.focus].imageSize;
    },
    get activity() {
      return this.cams[this.focus].activity;
    },
    get thumbs() {
      return this.cams[this.focus].thumbs;
    },
    store,
    want,
    playing: 0,
    speed: 1,
    selected: null,
    tool: "select",
    exact: false,
    stills: [],
    error: "",
    proposals: new Map(),
    unsteady: false,
    rev: signal(0),
    gone: false,
  };
}

/** Whether the session shows several cameras (the grid, one real-time playhead). */
export function multi(ws: Ws): boolean {
  return ws.cams.length > 1;
}

/** The plan's id of the edited camera's recording. */
export function focusId(ws: Ws): string {
  return ws.store.plan.sources[ws.focus]?.id ?? "s1";
}

/** The tracks of the edited camera. */
export function tracksOf(ws: Ws): Plan["tracks"] {
  const id = focusId(ws);
  return ws.store.plan.tracks.filter((tr) => tr.source === id);
}

/** The recording's start as times are shown: real time once the recorder's clock
 *  offset is known (the transport says so), else the recorder's own clock. */
export function shownStart(ws: Ws, i = ws.focus): string {
  const src = ws.session.sources[i];
  return src.clock_offset_s ? realStart(src.start, src.clock_offset_s) : src.start;
}

/** The width to ask frames at: the picture's on-screen width in device pixels. */
export function viewWidth(): number {
  return Math.min(1920, Math.round((document.querySelector(".video")?.clientWidth ?? 960) * devicePixelRatio));
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

/** The marked stills as the package takes them — each of the first clip that shows it —
 *  and how many no clip shows (they are not exported; the summary says so). */
export function stillsOfPlan(ws: Ws): { stills: Still[]; outside: number } {
  const clips = ws.store.plan.clips;
  const stills: Still[] = [];
  for (const s of ws.stills) {
    const clip = clips.findIndex((c) => c.source === s.source && s.t >= c.in && s.t < c.out);
    if (clip >= 0) stills.push({ clip, t: s.t });
  }
  return { stills, outside: ws.stills.length - stills.length };
}

/** The clip being edited. */
export function clipOf(ws: Ws): Plan["clips"][number] {
  return ws.store.plan.clips[ws.store.clip];
}

/** Notifies every part of the workspace that something changed. */
export function changed(ws: Ws): void {
  ws.rev.value++;
}
