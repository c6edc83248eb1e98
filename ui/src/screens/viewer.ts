// The picture: the composed frame, the crop outline, the tracks, and the drawing tools.

import { h } from "../dom.js";
import { interpolate, Rect, rectFrom, toDisplay, toSource } from "../timeline.js";
import { changed, clipOf, Ws } from "./ws.js";

/** Source-pixel rectangle the displayed image shows. */
function shown(ws: Ws): Rect {
  const crop = clipOf(ws).crop;
  return ws.exact && crop ? crop : { x: 0, y: 0, w: ws.info.width, h: ws.info.height };
}

function trackRect(ws: Ws, id: string): Rect | null {
  const tr = ws.store.plan.tracks.find((x) => x.id === id);
  if (!tr) return null;
  const from = tr.from ?? tr.keyframes[0]?.t ?? 0, to = tr.to ?? tr.keyframes[tr.keyframes.length - 1]?.t ?? 0;
  if (ws.t < from - ws.frame / 2 || ws.t > to + ws.frame / 2) return null;
  return interpolate(tr.keyframes, ws.t);
}

function draw(ws: Ws, canvas: HTMLCanvasElement, drag: Rect | null): void {
  const ctx = canvas.getContext("2d")!;
  const W = canvas.width, H = canvas.height;
  ctx.fillStyle = "#111";
  ctx.fillRect(0, 0, W, H);
  if (!ws.image) return;
  ctx.drawImage(ws.image, 0, 0, W, H);
  const src = shown(ws);
  const crop = clipOf(ws).crop;
  if (crop && !ws.exact) {
    const r = toDisplay(crop, W, H, src);
    ctx.fillStyle = "rgba(0,0,0,0.45)";
    ctx.fillRect(0, 0, W, r.y); ctx.fillRect(0, r.y + r.h, W, H - r.y - r.h);
    ctx.fillRect(0, r.y, r.x, r.h); ctx.fillRect(r.x + r.w, r.y, W - r.x - r.w, r.h);
    ctx.setLineDash([6, 4]); ctx.strokeStyle = "#ffd54a"; ctx.strokeRect(r.x, r.y, r.w, r.h); ctx.setLineDash([]);
  }
  for (const tr of ws.store.plan.tracks) {
    const k = trackRect(ws, tr.id);
    if (!k) continue;
    const r = toDisplay(k, W, H, src);
    ctx.strokeStyle = tr.id === ws.selected ? "#4fc3f7" : "rgba(255,255,255,0.7)";
    ctx.lineWidth = tr.id === ws.selected ? 2 : 1;
    ctx.beginPath();
    if (tr.shape === "ellipse") ctx.ellipse(r.x + r.w / 2, r.y + r.h / 2, r.w / 2, r.h / 2, 0, 0, Math.PI * 2);
    else ctx.rect(r.x, r.y, r.w, r.h);
    ctx.stroke();
    if (tr.keyframes.some((q) => Math.abs(q.t - ws.t) < ws.frame / 2)) { ctx.fillStyle = "#4fc3f7"; ctx.fillRect(r.x - 3, r.y - 3, 6, 6); }
  }
  if (drag) { ctx.strokeStyle = "#ffd54a"; ctx.lineWidth = 2; ctx.strokeRect(drag.x, drag.y, drag.w, drag.h); }
}

type Grab = { kind: "new" | "move" | "resize"; start: { x: number; y: number }; orig: Rect | null };

/** The picture with its pointer tools. */
export function viewerPanel(ws: Ws): HTMLElement {
  const canvas = h("canvas", { class: "video", "data-testid": "video", width: 960, height: 540 });
  let grab: Grab | null = null;
  let drag: Rect | null = null;
  const point = (e: PointerEvent) => { const b = canvas.getBoundingClientRect(); return { x: ((e.clientX - b.left) / b.width) * canvas.width, y: ((e.clientY - b.top) / b.height) * canvas.height }; };
  const toSrc = (p: { x: number; y: number }) => toSource(p.x, p.y, canvas.width, canvas.height, shown(ws));
  canvas.addEventListener("pointerdown", (e) => {
    const p = point(e);
    canvas.setPointerCapture(e.pointerId);
    const sel = ws.selected ? trackRect(ws, ws.selected) : null;
    const d = sel ? toDisplay(sel, canvas.width, canvas.height, shown(ws)) : null;
    if (ws.tool === "select" && d && p.x >= d.x + d.w - 10 && p.x <= d.x + d.w + 10 && p.y >= d.y + d.h - 10 && p.y <= d.y + d.h + 10) grab = { kind: "resize", start: p, orig: sel };
    else if (ws.tool === "select" && d && p.x >= d.x && p.x <= d.x + d.w && p.y >= d.y && p.y <= d.y + d.h) grab = { kind: "move", start: p, orig: sel };
    else if (ws.tool === "select") {
      const hit = ws.store.plan.tracks.find((tr) => { const r = trackRect(ws, tr.id); if (!r) return false; const q = toDisplay(r, canvas.width, canvas.height, shown(ws)); return p.x >= q.x && p.x <= q.x + q.w && p.y >= q.y && p.y <= q.y + q.h; });
      ws.selected = hit?.id ?? null; changed(ws); grab = null;
    } else grab = { kind: "new", start: p, orig: null };
  });
  canvas.addEventListener("pointermove", (e) => {
    if (!grab) return;
    const p = point(e);
    if (grab.kind === "new") drag = rectFrom(grab.start, p, canvas.width, canvas.height);
    else drag = moved(grab, p, canvas, ws);
    draw(ws, canvas, drag);
  });
  canvas.addEventListener("pointerup", (e) => {
    if (!grab) return;
    const a = toSrc(grab.start), b = toSrc(point(e));
    if (grab.kind === "new") finishNew(ws, rectFrom(a, b, ws.info.width, ws.info.height));
    else if (drag && ws.selected) {
      const s1 = toSrc({ x: drag.x, y: drag.y }), s2 = toSrc({ x: drag.x + drag.w, y: drag.y + drag.h });
      ws.store.setKeyframe(ws.selected, ws.t, rectFrom(s1, s2, ws.info.width, ws.info.height), ws.frame);
    }
    grab = null; drag = null;
  });
  ws.listeners.push(() => draw(ws, canvas, drag));
  return canvas;
}

function moved(g: Grab, p: { x: number; y: number }, canvas: HTMLCanvasElement, ws: Ws): Rect | null {
  if (!g.orig) return null;
  const d = toDisplay(g.orig, canvas.width, canvas.height, shown(ws));
  const dx = p.x - g.start.x, dy = p.y - g.start.y;
  return g.kind === "move" ? { ...d, x: d.x + dx, y: d.y + dy } : { ...d, w: Math.max(8, d.w + dx), h: Math.max(8, d.h + dy) };
}

function finishNew(ws: Ws, r: Rect): void {
  if (r.w < 8 || r.h < 8) return;
  if (ws.tool === "crop") ws.store.setCrop(r);
  else { ws.selected = ws.store.addTrack(ws.t, r); ws.tool = "select"; }
  changed(ws);
}
