// The timeline: thumbnails, the activity graph, in/out, the playhead, one lane per track.
// With several cameras its axis is real time: above the edited camera's rows, one
// row per camera shows where it has footage and its activity, stacked.

import { useEffect, useRef } from "preact/hooks";
import { coverage, realAt, timeToX, type View, xToTime, zoom } from "../timeline.js";
import { changed, clipOf, lineup, multi, tracksOf, type Ws } from "./ws.js";

const THUMB = 44,
  GRAPH = 36,
  LANE = 14,
  CAM = 22;

/** The axis: timeline time of the edited camera, or real time with several. */
function axis(ws: Ws): { at: (t: number) => number; span: [number, number]; head: number } {
  if (!multi(ws)) return { at: (t) => t, span: [0, ws.info.duration], head: ws.t };
  const all = ws.cams.flatMap((_, i) => coverage(lineup(ws, i), ws.session.from)).flat();
  const line = lineup(ws, ws.focus);
  return { at: (t) => realAt(line, ws.session.from, t), span: [Math.min(...all), Math.max(...all)], head: ws.at };
}

/** One row per camera: where it has footage (grey), its activity (amber), the edited one marked. */
function drawCams(ws: Ws, ctx: CanvasRenderingContext2D, v: View): number {
  if (!multi(ws)) return 0;
  ws.cams.forEach((cam, i) => {
    const y = i * CAM,
      line = lineup(ws, i);
    const x = (t: number) => timeToX(realAt(line, ws.session.from, t), v);
    ctx.fillStyle = i === ws.focus ? "#3a4a5c" : "#2a3038";
    for (const [a, b] of coverage(line, ws.session.from))
      ctx.fillRect(timeToX(a, v), y + 2, timeToX(b, v) - timeToX(a, v), CAM - 4);
    ctx.fillStyle = "#e0a030";
    cam.activity.forEach((a, s) => {
      ctx.fillRect(x(s), y + CAM - 2 - a * (CAM - 6), Math.max(1, x(s + 1) - x(s) - 1), a * (CAM - 6));
    });
    ctx.fillStyle = "#fff";
    ctx.font = "11px sans-serif";
    ctx.fillText(ws.session.sources[i].camera, 4, y + 14);
  });
  return ws.cams.length * CAM;
}

function draw(ws: Ws, c: HTMLCanvasElement, v: View, thumbs: Map<string, HTMLImageElement>): void {
  const tracks = tracksOf(ws);
  const top = multi(ws) ? ws.cams.length * CAM : 0;
  c.height = top + THUMB + GRAPH + 8 + Math.max(1, tracks.length) * LANE;
  const ctx = c.getContext("2d");
  if (!ctx) return;
  const ax = axis(ws);
  const x = (t: number) => timeToX(ax.at(t), v);
  ctx.fillStyle = "#1b1f24";
  ctx.fillRect(0, 0, c.width, c.height);
  drawCams(ws, ctx, v);
  for (const th of ws.thumbs) {
    const img = thumbs.get(th.url);
    if (img?.complete)
      ctx.drawImage(img, x(th.t), top, (THUMB * img.naturalWidth) / Math.max(1, img.naturalHeight), THUMB);
  }
  ctx.fillStyle = "#e0a030";
  ws.activity.forEach((a, s) => {
    const w = Math.max(1, x(s + 1) - x(s) - 1);
    ctx.fillRect(x(s), top + THUMB + GRAPH - a * GRAPH, w, a * GRAPH);
  });
  const clip = clipOf(ws);
  ctx.fillStyle = "rgba(0,0,0,0.55)";
  ctx.fillRect(0, top, x(clip.in), c.height);
  ctx.fillRect(x(clip.out), top, c.width, c.height);
  ctx.fillStyle = "rgba(123,211,137,0.35)";
  for (const other of ws.store.plan.clips)
    if (other !== clip && other.source === clip.source) ctx.fillRect(x(other.in), top, x(other.out) - x(other.in), 4);
  ctx.fillStyle = "#7bd389";
  ctx.fillRect(x(clip.in) - 1, top, 2, c.height);
  ctx.fillRect(x(clip.out) - 1, top, 2, c.height);
  tracks.forEach((tr, i) => {
    drawLane(ws, ctx, tr, top + THUMB + GRAPH + 8 + i * LANE, x);
  });
  ctx.fillStyle = "#ff5252";
  ctx.fillRect(timeToX(ax.head, v) - 1, 0, 2, c.height);
}

function drawLane(
  ws: Ws,
  ctx: CanvasRenderingContext2D,
  tr: Ws["store"]["plan"]["tracks"][number],
  y: number,
  x: (t: number) => number,
): void {
  const from = tr.from ?? tr.keyframes[0].t,
    to = tr.to ?? tr.keyframes[tr.keyframes.length - 1].t;
  ctx.fillStyle = tr.id === ws.selected ? "#4fc3f7" : "#5c6b7a";
  ctx.fillRect(x(from), y + 4, Math.max(2, x(to) - x(from)), LANE - 8);
  ctx.fillStyle = "#fff";
  for (const k of tr.keyframes) {
    const kx = x(k.t);
    ctx.beginPath();
    ctx.moveTo(kx, y + 1);
    ctx.lineTo(kx + 5, y + LANE / 2);
    ctx.lineTo(kx, y + LANE - 1);
    ctx.lineTo(kx - 5, y + LANE / 2);
    ctx.fill();
  }
}

/** The timeline; clicking seeks (the edited camera's time, or real time with several
 *  cameras) and selects the track of a lane or the camera of a row; the wheel zooms. */
export function Timeline(props: { ws: Ws; seek: (t: number) => void; seekAt: (at: number) => void }) {
  const ws = props.ws;
  ws.rev.value;
  const ref = useRef<HTMLCanvasElement>(null);
  const [s0, s1] = axis(ws).span;
  const view = useRef<View>({ start: s0, end: s1, width: 1200 });
  const thumbs = useRef(new Map<string, HTMLImageElement>());
  const redraw = () => {
    const c = ref.current;
    if (!c) return;
    for (const th of ws.thumbs) {
      if (thumbs.current.has(th.url)) continue;
      const img = new Image();
      img.onload = () => ref.current && draw(ws, ref.current, view.current, thumbs.current);
      img.src = th.url;
      thumbs.current.set(th.url, img);
    }
    draw(ws, c, view.current, thumbs.current);
  };
  useEffect(redraw);
  useEffect(() => {
    // A wheel listener that may prevent scrolling must not be passive.
    const c = ref.current;
    if (!c) return;
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      const b = c.getBoundingClientRect();
      const at = xToTime(((e.clientX - b.left) / b.width) * c.width, view.current);
      const [a, z] = axis(ws).span;
      const zoomed = zoom(
        { ...view.current, start: view.current.start - a, end: view.current.end - a },
        e.deltaY < 0 ? 1.5 : 1 / 1.5,
        at - a,
        z - a,
      );
      view.current = { ...zoomed, start: zoomed.start + a, end: zoomed.end + a };
      redraw();
    };
    c.addEventListener("wheel", wheel, { passive: false });
    return () => c.removeEventListener("wheel", wheel);
  }, []); // once: the view and thumbnails live in refs, the workspace state is one object
  const down = (e: PointerEvent) => down_(ws, e, view.current, props);
  return <canvas ref={ref} class="timeline" data-testid="timeline" width={1200} height={120} onPointerDown={down} />;
}

function down_(
  ws: Ws,
  e: PointerEvent,
  v: View,
  props: { seek: (t: number) => void; seekAt: (at: number) => void },
): void {
  const c = e.currentTarget as HTMLCanvasElement;
  const b = c.getBoundingClientRect();
  const x = ((e.clientX - b.left) / b.width) * c.width,
    y = ((e.clientY - b.top) / b.height) * c.height;
  const top = multi(ws) ? ws.cams.length * CAM : 0;
  const lane = Math.floor((y - top - THUMB - GRAPH - 8) / LANE);
  const tr = tracksOf(ws)[lane];
  if (lane >= 0 && tr) {
    ws.selected = tr.id;
    changed(ws);
  }
  if (multi(ws)) props.seekAt(xToTime(x, v));
  else props.seek(xToTime(x, v));
}
