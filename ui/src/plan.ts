// The edit plan as the workspace edits it, with undo/redo (snapshots: plans are small).

import type { EditPlan, Track } from "./bindings.js";
import { interpolate, type Keyframe, type Rect, upsertKeyframe } from "./timeline.js";

export type { Track } from "./bindings.js";
/** A track's visible range (defaults to its keyframes' span, as in the core). */
export function span(tr: Track): [number, number] {
  return [tr.from ?? tr.keyframes[0].t, tr.to ?? tr.keyframes[tr.keyframes.length - 1].t];
}
/** The edit plan (the core's `EditPlan`). */
export type Plan = EditPlan;

export function newPlan(path: string, camera: string, start: string | null, duration: number): Plan {
  return {
    version: 1,
    mode: "blur_tracks",
    sources: [{ id: "s1", path, camera, start }],
    clips: [{ source: "s1", in: 0, out: duration, crop: null }],
    tracks: [],
    options: { burn_timestamp: true, burn_camera: true, keep_audio: false },
  };
}

export class PlanStore {
  private undos: string[] = [];
  private redos: string[] = [];
  /** Counts changes, so views can skip re-rendering when nothing they show changed. */
  revision = 0;
  constructor(
    public plan: Plan,
    public onChange: () => void = () => {},
  ) {}
  private notify(): void {
    this.revision++;
    this.onChange();
  }

  /** Applies an edit; it can be undone. */
  edit(f: (p: Plan) => void): void {
    this.undos.push(JSON.stringify(this.plan));
    if (this.undos.length > 200) this.undos.shift();
    this.redos = [];
    f(this.plan);
    this.notify();
  }
  undo(): boolean {
    return this.swap(this.undos, this.redos);
  }
  redo(): boolean {
    return this.swap(this.redos, this.undos);
  }
  private swap(from: string[], to: string[]): boolean {
    const s = from.pop();
    if (s === undefined) return false;
    to.push(JSON.stringify(this.plan));
    this.plan = JSON.parse(s);
    this.clip = Math.min(this.clip, this.plan.clips.length - 1);
    this.notify();
    return true;
  }

  /** The clip being edited (index into `plan.clips`). */
  clip = 0;

  /** The working copy's caption and sound. */
  setOptions(o: Partial<Plan["options"]>): void {
    this.edit((p) => {
      p.options = { ...p.options, ...o };
    });
  }

  setIn(t: number): void {
    this.edit((p) => {
      const c = p.clips[this.clip];
      c.in = Math.min(t, c.out - 0.04);
    });
  }
  setOut(t: number): void {
    this.edit((p) => {
      const c = p.clips[this.clip];
      c.out = Math.max(t, c.in + 0.04);
    });
  }
  setCrop(r: Rect | null): void {
    this.edit((p) => {
      p.clips[this.clip].crop = r && r.w >= 16 && r.h >= 16 ? r : null;
    });
  }

  /** Another clip of the current clip's recording (a second time range), `len` seconds from `t`. */
  addClip(t: number, len: number, duration: number): void {
    this.edit((p) => {
      const source = p.clips[this.clip]?.source ?? "s1";
      p.clips.push({ source, in: t, out: Math.min(duration, t + len), crop: null });
    });
    this.clip = this.plan.clips.length - 1;
    this.notify();
  }
  deleteClip(i: number): void {
    if (this.plan.clips.length < 2) return;
    this.edit((p) => {
      p.clips.splice(i, 1);
    });
    this.clip = Math.min(this.clip, this.plan.clips.length - 1);
    this.notify();
  }

  /** A new track with one keyframe at `t`, visible over the current clip; returns its id. */
  addTrack(t: number, r: Rect): string {
    const id = `t${Date.now().toString(36)}${this.plan.tracks.length}`;
    this.edit((p) => {
      const c = p.clips[this.clip];
      p.tracks.push({
        id,
        source: c.source,
        label: "",
        shape: "ellipse",
        style: "blur",
        strength: 1,
        keyframes: [{ t, ...r }],
        from: c.in,
        to: c.out,
        keep: false,
      });
    });
    return id;
  }
  /** Moving or resizing a track at a frame makes a keyframe there. */
  setKeyframe(id: string, t: number, r: Rect, frame: number): void {
    this.edit((p) => {
      const tr = p.tracks.find((x) => x.id === id);
      if (tr) tr.keyframes = upsertKeyframe(tr.keyframes, { t, ...r }, frame);
    });
  }
  deleteKeyframe(id: string, t: number, frame: number): void {
    this.edit((p) => {
      const tr = p.tracks.find((x) => x.id === id);
      if (tr && tr.keyframes.length > 1) tr.keyframes = tr.keyframes.filter((k) => Math.abs(k.t - t) >= frame / 2);
    });
  }
  deleteTrack(id: string): void {
    this.edit((p) => {
      p.tracks = p.tracks.filter((x) => x.id !== id);
    });
  }

  /** Adds proposed tracks in one step (one undo), replacing earlier proposals
   *  that lie inside `[from, to]`; hand-drawn tracks are never touched.
   *  Returns the ids the tracks got (an id already taken gets a suffix). */
  addProposals(found: Track[], from: number, to: number): string[] {
    const ids: string[] = [];
    this.edit((p) => {
      p.tracks = p.tracks.filter((x) => !(x.id.startsWith("auto-") && span(x)[0] >= from && span(x)[1] <= to));
      const taken = new Set(p.tracks.map((x) => x.id));
      for (const tr of found) {
        let id = tr.id,
          n = 2;
        while (taken.has(id)) id = `${tr.id}-${n++}`;
        taken.add(id);
        ids.push(id);
        p.tracks.push({ ...tr, id });
      }
    });
    return ids;
  }

  /** One person found as two tracks: `other`'s keyframes join `id`'s; `other` goes. */
  merge(id: string, other: string): void {
    this.edit((p) => {
      const a = p.tracks.find((x) => x.id === id),
        b = p.tracks.find((x) => x.id === other);
      if (!a || !b || a === b) return;
      const [a0, a1] = span(a),
        [b0, b1] = span(b);
      const keys = [...a.keyframes, ...b.keyframes].sort((x, y) => x.t - y.t);
      a.keyframes = keys.filter((k, i) => i === 0 || k.t - keys[i - 1].t > 1e-6);
      a.from = Math.min(a0, b0);
      a.to = Math.max(a1, b1);
      p.tracks = p.tracks.filter((x) => x !== b);
    });
  }

  /** Two people on one track: everything from `t` on becomes a new track; returns its id. */
  split(id: string, t: number): string | null {
    const tr = this.plan.tracks.find((x) => x.id === id);
    if (!tr) return null;
    const [from, to] = span(tr);
    if (t <= from || t >= to) return null;
    const here = interpolate(tr.keyframes, t);
    if (!here) return null;
    const nid = `${id}-b${Date.now().toString(36)}`;
    this.edit((p) => {
      const a = p.tracks.find((x) => x.id === id);
      if (!a) return;
      const at: Keyframe = { t, x: here.x, y: here.y, w: here.w, h: here.h };
      const before = a.keyframes.filter((k) => k.t < t),
        after = a.keyframes.filter((k) => k.t > t);
      p.tracks.splice(p.tracks.indexOf(a) + 1, 0, {
        ...a,
        id: nid,
        label: a.label ? `${a.label} (2)` : "",
        keyframes: [at, ...after],
        from: t,
        to,
      });
      a.keyframes = [...before, at];
      a.to = t;
    });
    return nid;
  }
  setTrack(id: string, f: (t: Track) => void): void {
    this.edit((p) => {
      const tr = p.tracks.find((x) => x.id === id);
      if (tr) f(tr);
    });
  }
}
