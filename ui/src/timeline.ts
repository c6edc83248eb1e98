// Timeline and coordinate maths: pure functions, unit-tested in test/timeline.test.mjs.

export interface Keyframe {
  t: number;
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface View {
  start: number;
  end: number;
  width: number;
}

/** Seconds → pixels on a timeline showing [start, end] in `width` pixels. */
export function timeToX(t: number, v: View): number {
  return ((t - v.start) / (v.end - v.start)) * v.width;
}

/** Pixels → seconds, clamped to the view. */
export function xToTime(x: number, v: View): number {
  const t = v.start + (x / v.width) * (v.end - v.start);
  return Math.min(v.end, Math.max(v.start, t));
}

/** The start of the frame nearest `t` (frames of `frame` seconds). */
export function snap(t: number, frame: number): number {
  return Math.round(t / frame) * frame;
}

/** Zooms a view by `factor` around time `at`, never beyond [0, duration]. */
export function zoom(v: View, factor: number, at: number, duration: number): View {
  const span = Math.min(duration, Math.max(1, (v.end - v.start) / factor));
  let start = at - (at - v.start) / factor;
  start = Math.min(Math.max(0, start), Math.max(0, duration - span));
  return { start, end: start + span, width: v.width };
}

/** Same as the Rust `interpolate`: hold before the first and after the last keyframe, linear between. */
export function interpolate(keys: Keyframe[], t: number): Keyframe | null {
  if (keys.length === 0) return null;
  const first = keys[0],
    last = keys[keys.length - 1];
  if (t <= first.t) return { ...first, t };
  if (t >= last.t) return { ...last, t };
  let i = 1;
  while (keys[i].t <= t) i++;
  const a = keys[i - 1],
    b = keys[i];
  const f = (t - a.t) / (b.t - a.t);
  const lerp = (p: number, q: number) => p + (q - p) * f;
  return { t, x: lerp(a.x, b.x), y: lerp(a.y, b.y), w: lerp(a.w, b.w), h: lerp(a.h, b.h) };
}

/** Inserts or replaces the keyframe at `k.t` (same frame within half a frame), keeping order. */
export function upsertKeyframe(keys: Keyframe[], k: Keyframe, frame: number): Keyframe[] {
  const out = keys.filter((q) => Math.abs(q.t - k.t) >= frame / 2);
  out.push(k);
  return out.sort((a, b) => a.t - b.t);
}

/** Maps a point from the displayed image (dw × dh) to source pixels (sw × sh), offset by a crop. */
export function toSource(px: number, py: number, dw: number, dh: number, src: Rect): { x: number; y: number } {
  return { x: src.x + (px / dw) * src.w, y: src.y + (py / dh) * src.h };
}

/** Maps a source-pixel rectangle into the displayed image. */
export function toDisplay(r: Rect, dw: number, dh: number, src: Rect): Rect {
  const sx = dw / src.w,
    sy = dh / src.h;
  return { x: (r.x - src.x) * sx, y: (r.y - src.y) * sy, w: r.w * sx, h: r.h * sy };
}

/** A rectangle from two corner points, clamped to [0, W] × [0, H]. */
export function rectFrom(a: { x: number; y: number }, b: { x: number; y: number }, W: number, H: number): Rect {
  const x0 = Math.max(0, Math.min(a.x, b.x)),
    y0 = Math.max(0, Math.min(a.y, b.y));
  const x1 = Math.min(W, Math.max(a.x, b.x)),
    y1 = Math.min(H, Math.max(a.y, b.y));
  return { x: Math.round(x0), y: Math.round(y0), w: Math.round(x1 - x0), h: Math.round(y1 - y0) };
}

/** Wall-clock label of `t` seconds into a recording that started at `start` (ISO, camera clock). */
export function clock(start: string | null, t: number): string {
  if (!start) return secondsLabel(t);
  const d = new Date(`${start.replace(" ", "T")}Z`);
  d.setUTCMilliseconds(d.getUTCMilliseconds() + Math.round(t * 1000));
  return d.toISOString().slice(11, 19);
}

/** 83.4 → "1:23.4". */
export function secondsLabel(t: number): string {
  const m = Math.floor(t / 60);
  const s = t - m * 60;
  return `${m}:${s.toFixed(1).padStart(4, "0")}`;
}

/** Seconds left, from progress so far. */
export function eta(elapsed: number, done: number, total: number): number | null {
  if (done <= 0 || total <= 0) return null;
  return (elapsed * (total - done)) / done;
}

/** Seconds the recorder was ahead of real time, from "the recorder showed `recorder`
 *  when the real time was `real`" (both `HH:MM` or `HH:MM:SS`); negative when it was
 *  behind. Across midnight the nearer way round counts. Null if either is not a time. */
export function offsetFromClocks(recorder: string, real: string): number | null {
  const secs = (s: string) => {
    const m = /^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(s);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) return null;
    return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
  };
  const a = secs(recorder),
    b = secs(real);
  if (a === null || b === null) return null;
  const d = a - b;
  return d > 43_200 ? d - 86_400 : d < -43_200 ? d + 86_400 : d;
}

/** A recording's start as typed (`2026-11-21 12:40`, with T, with seconds) in the
 *  form the core takes (`2026-11-21T12:40:00`); null if it is not one. */
export function typedStart(s: string): string | null {
  const v = s.trim().replace(" ", "T");
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(v)) return null;
  const full = v.length === 16 ? `${v}:00` : v;
  return Number.isNaN(Date.parse(`${full}Z`)) ? null : full;
}

/** The window a whole recording spans, as the new-session form shows it. */
export function spanOf(start: string, duration: number): { from: string; to: string } {
  const end = new Date(Date.parse(`${start}Z`) + duration * 1000).toISOString().slice(0, 19);
  return { from: start.replace("T", " "), to: end.replace("T", " ") };
}

/** The recording's start in real time: the recorder's start minus its clock offset. */
export function realStart(start: string, offsetS: number): string {
  const d = new Date(`${start.replace(" ", "T")}Z`);
  d.setUTCMilliseconds(d.getUTCMilliseconds() - Math.round(offsetS * 1000));
  return d.toISOString().slice(0, 19);
}

/** A recording as the camera grid lines it up: its files (timeline offset, length,
 *  start on the recorder's clock), the recorder's start and its clock offset. */
export interface Lineup {
  segments: { offset: number; duration: number; start: string | null }[];
  start: string;
  offsetS: number;
}

const ms = (iso: string) => Date.parse(`${iso.replace(" ", "T")}Z`);

/** Real time, in seconds after `from`, at which file `i` of the recording starts. */
function fileStart(r: Lineup, from: string, i: number): number {
  const seg = r.segments[i];
  const start = seg.start ? ms(seg.start) : ms(r.start) + seg.offset * 1000;
  return (start - ms(from)) / 1000 - r.offsetS;
}

/** Real time, in seconds after `from`, at which timeline time `t` was recorded. */
export function realAt(r: Lineup, from: string, t: number): number {
  let i = 0;
  while (i + 1 < r.segments.length && r.segments[i + 1].offset <= t + 1e-9) i++;
  return fileStart(r, from, i) + (t - r.segments[i].offset);
}

/** Where the recording has footage, as real-time spans in seconds after `from`. */
export function coverage(r: Lineup, from: string): [number, number][] {
  return r.segments.map((s, i) => {
    const a = fileStart(r, from, i);
    return [a, a + s.duration];
  });
}

/** Timeline time of the recording at real time `at` (seconds after `from`): the
 *  nearest file's, clamped into it — for seeking the camera being edited. */
export function timelineAt(r: Lineup, from: string, at: number): number {
  let best = 0,
    dist = Number.POSITIVE_INFINITY;
  r.segments.forEach((s, i) => {
    const a = fileStart(r, from, i);
    const local = Math.min(Math.max(0, at - a), s.duration);
    const d = Math.abs(at - a - local);
    if (d < dist) [best, dist] = [s.offset + local, d];
  });
  return best;
}
