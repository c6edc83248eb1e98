// The picture: the composed frame, the crop outline, the tracks, and the drawing tools.
// The canvas is drawn imperatively after each render; pointer work lives in a ref.

import { useEffect, useRef } from "preact/hooks";
import { interpolate, type Rect, rectFrom, toDisplay, toSource } from "../timeline.js";
import { changed, clipOf, tracksOf, type Ws } from "./ws.js";

/** Source-pixel rectangle the displayed image shows. */
function shown(ws: Ws): Rect {
  const crop = clipOf(ws).crop;
  return ws.exact && crop ? crop : { x: 0, y: 0, w: ws.info.width, h: ws.info.height };
}

function trackRect(ws: Ws, id: string): Rect | null {
  const tr = ws.store.plan.tracks.find((x) => x.id === id);
  if (!tr) return null;
  const from = tr.from ?? tr.keyframes[0]?.t ?? 0,
    to = tr.to ?? tr.keyframes[tr.keyframes.length - 1]?.t ?? 0;
  if (ws.t < from - ws.frame / 2 || ws.t > to + ws.frame / 2) return null;
  return interpolate(tr.keyframes, ws.t);
}

function draw(ws: Ws, canvas: HTMLCanvasElement, drag: Rect | null): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const W = canvas.width,
    H = canvas.height;
  ctx.fillStyle = "#111";
  ctx.fillRect(0, 0, W, H);
  if (!ws.image) return;
  ctx.drawImage(ws.image, 0, 0, W, H);
  const src = shown(ws);
  const crop = clipOf(ws).crop;
  if (crop && !ws.exact) {
    const r = toDisplay(crop, W, H, src);
    ctx.fillStyle = "rgba(0,0,0,0.45)";
    ctx.fillRect(0, 0, W, r.y);
    ctx.fillRect(0, r.y + r.h, W, H - r.y - r.h);
    ctx.fillRect(0, r.y, r.x, r.h);
    ctx.fillRect(r.x + r.w, r.y, W - r.x - r.w, r.h);
    ctx.setLineDash([6, 4]);
    ctx.strokeStyle = "#ffd54a";
    ctx.strokeRect(r.x, r.y, r.w, r.h);
    ctx.setLineDash([]);
  }
  for (const tr of tracksOf(ws)) {
    const k = trackRect(ws, tr.id);
    if (!k) continue;
    const r = toDisplay(k, W, H, src);
    ctx.strokeStyle = tr.id === ws.selected ? "#4fc3f7" : "rgba(255,255,255,0.7)";
    ctx.lineWidth = tr.id === ws.selected ? 2 : 1;
    ctx.beginPath();
    if (tr.shape === "ellipse") ctx.ellipse(r.x + r.w / 2, r.y + r.h / 2, r.w / 2, r.h / 2, 0, 0, Math.PI * 2);
    else ctx.rect(r.x, r.y, r.w, r.h);
    ctx.stroke();
    if (tr.keyframes.some((q) => Math.abs(q.t - ws.t) < ws.frame / 2)) {
      ctx.fillStyle = "#4fc3f7";
      ctx.fillRect(r.x - 3, r.y - 3, 6, 6);
    }
  }
  if (drag) {
    ctx.strokeStyle = "#ffd54a";
    ctx.lineWidth = 2;
    ctx.strokeRect(drag.x, drag.y, drag.w, drag.h);
  }
}

type Grab = { kind: "new" | "move" | "resize"; start: { x: number; y: number }; orig: Rect | null };

type Point = { x: number; y: number };

function point(canvas: HTMLCanvasElement, e: PointerEvent): Point {
  const b = canvas.getBoundingClientRect();
  return { x: ((e.clientX - b.left) / b.width) * canvas.width, y: ((e.clientY - b.top) / b.height) * canvas.height };
}

/** What a press on the picture grabs: the selected track's corner or body, a new
 *  rectangle, or (with the select tool, elsewhere) another track to select. */
function press(ws: Ws, canvas: HTMLCanvasElement, p: Point): Grab | null {
  const inside = (q: Rect) => p.x >= q.x && p.x <= q.x + q.w && p.y >= q.y && p.y <= q.y + q.h;
  const disp = (r: Rect) => toDisplay(r, canvas.width, canvas.height, shown(ws));
  if (ws.tool !== "select") return { kind: "new", start: p, orig: null };
  const sel = ws.selected ? trackRect(ws, ws.selected) : null;
  const d = sel ? disp(sel) : null;
  if (d && Math.abs(p.x - (d.x + d.w)) <= 10 && Math.abs(p.y - (d.y + d.h)) <= 10)
    return { kind: "resize", start: p, orig: sel };
  if (d && inside(d)) return { kind: "move", start: p, orig: sel };
  const hit = tracksOf(ws).find((tr) => {
    const r = trackRect(ws, tr.id);
    return r ? inside(disp(r)) : false;
  });
  ws.selected = hit?.id ?? null;
  changed(ws);
  return null;
}

/** The picture with its pointer tools. */
export function Viewer(props: { ws: Ws }) {
  const ws = props.ws;
  ws.rev.value;
  const ref = useRef<HTMLCanvasElement>(null);
  const grab = useRef<Grab | null>(null);
  const drag = useRef<Rect | null>(null);
  useEffect(() => {
    if (ref.current) draw(ws, ref.current, drag.current);
  });
  const toSrc = (c: HTMLCanvasElement, p: Point) => toSource(p.x, p.y, c.width, c.height, shown(ws));
  const down = (e: PointerEvent) => {
    const c = e.currentTarget as HTMLCanvasElement;
    c.setPointerCapture(e.pointerId);
    grab.current = press(ws, c, point(c, e));
  };
  const move = (e: PointerEvent) => {
    const c = e.currentTarget as HTMLCanvasElement,
      g = grab.current;
    if (!g) return;
    const p = point(c, e);
    drag.current = g.kind === "new" ? rectFrom(g.start, p, c.width, c.height) : moved(g, p, c, ws);
    draw(ws, c, drag.current);
  };
  const up = (e: PointerEvent) => {
    const c = e.currentTarget as HTMLCanvasElement,
      g = grab.current,
      d = drag.current;
    grab.current = null;
    drag.current = null;
    if (!g) return;
    const a = toSrc(c, g.start),
      b = toSrc(c, point(c, e));
    if (g.kind === "new") finishNew(ws, rectFrom(a, b, ws.info.width, ws.info.height));
    else if (d && ws.selected) {
      const s1 = toSrc(c, { x: d.x, y: d.y }),
        s2 = toSrc(c, { x: d.x + d.w, y: d.y + d.h });
      ws.store.setKeyframe(ws.selected, ws.t, rectFrom(s1, s2, ws.info.width, ws.info.height), ws.frame);
    }
  };
  // The canvas has the picture's shape (4:3 SD CCTV is not stretched to 16:9) and
  // stays short enough for the transport and timeline to fit below it.
  const view = shown(ws);
  const aspect = view.w / Math.max(1, view.h);
  const height = Math.round(960 / aspect);
  return (
    <canvas
      ref={ref}
      class="video"
      data-testid="video"
      width={960}
      height={height}
      style={{ maxWidth: `calc((100vh - 340px) * ${aspect})` }}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
    />
  );
}

function moved(g: Grab, p: { x: number; y: number }, canvas: HTMLCanvasElement, ws: Ws): Rect | null {
  if (!g.orig) return null;
  const d = toDisplay(g.orig, canvas.width, canvas.height, shown(ws));
  const dx = p.x - g.start.x,
    dy = p.y - g.start.y;
  return g.kind === "move"
    ? { ...d, x: d.x + dx, y: d.y + dy }
    : { ...d, w: Math.max(8, d.w + dx), h: Math.max(8, d.h + dy) };
}

function finishNew(ws: Ws, r: Rect): void {
  if (r.w < 8 || r.h < 8) return;
  if (ws.tool === "crop") ws.store.setCrop(r);
  else {
    ws.selected = ws.store.addTrack(ws.t, r);
    ws.tool = "select";
  }
  changed(ws);
}
