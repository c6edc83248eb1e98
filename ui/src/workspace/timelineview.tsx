// The timeline: thumbnails, the activity graph, in/out, the playhead, one lane per track.

import { useEffect, useRef } from "preact/hooks";
import { timeToX, type View, xToTime, zoom } from "../timeline.js";
import { changed, clipOf, type Ws } from "./ws.js";

const THUMB = 44,
  GRAPH = 36,
  LANE = 14;

function draw(ws: Ws, c: HTMLCanvasElement, v: View, thumbs: Map<string, HTMLImageElement>): void {
  const lanes = ws.store.plan.tracks.length;
  c.height = THUMB + GRAPH + 8 + Math.max(1, lanes) * LANE;
  const ctx = c.getContext("2d");
  if (!ctx) return;
  ctx.fillStyle = "#1b1f24";
  ctx.fillRect(0, 0, c.width, c.height);
  for (const th of ws.thumbs) {
    const img = thumbs.get(th.url);
    if (img?.complete)
      ctx.drawImage(img, timeToX(th.t, v), 0, (THUMB * img.naturalWidth) / Math.max(1, img.naturalHeight), THUMB);
  }
  ctx.fillStyle = "#e0a030";
  ws.activity.forEach((a, s) => {
    const x = timeToX(s, v);
    const w = Math.max(1, timeToX(s + 1, v) - x - 1);
    ctx.fillRect(x, THUMB + GRAPH - a * GRAPH, w, a * GRAPH);
  });
  const clip = clipOf(ws);
  ctx.fillStyle = "rgba(0,0,0,0.55)";
  ctx.fillRect(0, 0, timeToX(clip.in, v), c.height);
  ctx.fillRect(timeToX(clip.out, v), 0, c.width, c.height);
  ctx.fillStyle = "rgba(123,211,137,0.35)";
  for (const other of ws.store.plan.clips)
    if (other !== clip) ctx.fillRect(timeToX(other.in, v), 0, timeToX(other.out, v) - timeToX(other.in, v), 4);
  ctx.fillStyle = "#7bd389";
  ctx.fillRect(timeToX(clip.in, v) - 1, 0, 2, c.height);
  ctx.fillRect(timeToX(clip.out, v) - 1, 0, 2, c.height);
  ws.store.plan.tracks.forEach((tr, i) => {
    const y = THUMB + GRAPH + 8 + i * LANE;
    const from = tr.from ?? tr.keyframes[0].t,
      to = tr.to ?? tr.keyframes[tr.keyframes.length - 1].t;
    ctx.fillStyle = tr.id === ws.selected ? "#4fc3f7" : "#5c6b7a";
    ctx.fillRect(timeToX(from, v), y + 4, Math.max(2, timeToX(to, v) - timeToX(from, v)), LANE - 8);
    ctx.fillStyle = "#fff";
    for (const k of tr.keyframes) {
      const x = timeToX(k.t, v);
      ctx.beginPath();
      ctx.moveTo(x, y + 1);
      ctx.lineTo(x + 5, y + LANE / 2);
      ctx.lineTo(x, y + LANE - 1);
      ctx.lineTo(x - 5, y + LANE / 2);
      ctx.fill();
    }
  });
  ctx.fillStyle = "#ff5252";
  ctx.fillRect(timeToX(ws.t, v) - 1, 0, 2, c.height);
}

/** The timeline; clicking seeks (and selects the track of a lane), the wheel zooms. */
export function Timeline(props: { ws: Ws; seek: (t: number) => void }) {
  const ws = props.ws;
  ws.rev.value;
  const ref = useRef<HTMLCanvasElement>(null);
  const view = useRef<View>({ start: 0, end: ws.info.duration, width: 1200 });
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
      view.current = zoom(view.current, e.deltaY < 0 ? 1.5 : 1 / 1.5, at, ws.info.duration);
      redraw();
    };
    c.addEventListener("wheel", wheel, { passive: false });
    return () => c.removeEventListener("wheel", wheel);
  }, []); // once: the view and thumbnails live in refs, the workspace state is one object
  const down = (e: PointerEvent) => {
    const c = e.currentTarget as HTMLCanvasElement;
    const b = c.getBoundingClientRect();
    const x = ((e.clientX - b.left) / b.width) * c.width,
      y = ((e.clientY - b.top) / b.height) * c.height;
    const lane = Math.floor((y - THUMB - GRAPH - 8) / LANE);
    const tr = ws.store.plan.tracks[lane];
    if (lane >= 0 && tr) {
      ws.selected = tr.id;
      changed(ws);
    }
    props.seek(xToTime(x, view.current));
  };
  return <canvas ref={ref} class="timeline" data-testid="timeline" width={1200} height={120} onPointerDown={down} />;
}
