// The review workspace: picture, transport, timeline, tracks; keyboard like a video editor.

import { call, MediaInfo, Session } from "../api.js";
import { h, mount } from "../dom.js";
import { num, t } from "../i18n.js";
import { newPlan, PlanStore } from "../plan.js";
import { clock, snap } from "../timeline.js";
import type { App } from "../main.js";
import { exportWizard } from "./exportwizard.js";
import { timelinePanel } from "./timelineview.js";
import { trackPanel } from "./trackpanel.js";
import { viewerPanel } from "./viewer.js";
import { changed, clipOf, show, Ws } from "./ws.js";

const width = () => Math.min(1920, Math.round((document.querySelector(".video")?.clientWidth ?? 960) * devicePixelRatio));

async function play(ws: Ws): Promise<void> {
  while (ws.playing !== 0) {
    const started = performance.now();
    const ok = await show(ws, ws.playing > 0 ? "next" : "prev", ws.t, width());
    const clip = clipOf(ws);
    if (!ok || (ws.playing > 0 && ws.t >= clip.out - ws.frame / 2) || (ws.playing < 0 && ws.t <= clip.in + ws.frame / 2)) { ws.playing = 0; changed(ws); break; }
    const wait = (ws.frame * 1000) / ws.speed - (performance.now() - started);
    await new Promise((r) => setTimeout(r, Math.max(0, wait)));
  }
}

/** The transport bar. Its controls are built once and only their texts change, so a
 *  click on pause during playback lands (a control rebuilt per frame would swallow it)
 *  and the speed drop-down stays open. */
function transport(ws: Ws, seek: (t: number) => void, step: (d: 1 | -1) => void): HTMLElement {
  const toggle = (dir: 1 | -1) => { ws.playing = ws.playing === dir ? 0 : dir; changed(ws); if (ws.playing) void play(ws); };
  (ws as Ws & { toggle?: (d: 1 | -1) => void }).toggle = toggle;
  const playBtn = h("button", { class: "primary", "data-testid": "play", title: t("ws.play"), onclick: () => toggle(1) });
  const clockEl = h("span", { class: "clock", "data-testid": "clock" });
  const stillBtn = h("button", { "data-testid": "still", onclick: () => addStill(ws) });
  const range = h("span", { class: "muted" });
  const error = h("span", { class: "error", "data-testid": "ws-error" });
  const el = h("div", { class: "transport" },
    h("button", { title: t("ws.toin"), onclick: () => seek(clipOf(ws).in) }, "◀◀"),
    h("button", { title: t("ws.prev"), "data-testid": "prev", onclick: () => step(-1) }, "◀|"),
    playBtn,
    h("button", { title: t("ws.next"), "data-testid": "next", onclick: () => step(1) }, "|▶"),
    h("button", { title: t("ws.toout"), onclick: () => seek(clipOf(ws).out - ws.frame) }, "▶▶"),
    h("select", { "data-testid": "speed", onchange: (e: Event) => { ws.speed = Number((e.target as HTMLSelectElement).value); } },
      ...[0.25, 0.5, 1, 2, 4].map((s) => h("option", { value: s, selected: s === ws.speed }, `${num(s, 2)}×`))),
    clockEl,
    h("button", { "data-testid": "mark-in", onclick: () => ws.store.setIn(ws.t) }, t("ws.in")),
    h("button", { "data-testid": "mark-out", onclick: () => ws.store.setOut(ws.t + ws.frame) }, t("ws.out")),
    stillBtn, range, error);
  const start = ws.session.sources[0].start;
  const render = () => {
    const clip = clipOf(ws);
    playBtn.textContent = ws.playing ? "❚❚" : "▶";
    clockEl.textContent = `${clock(start, ws.t)} · ${t("ws.frame", { n: ws.index })}`;
    stillBtn.textContent = t("ws.still", { n: ws.stills.length });
    range.textContent = `${clock(start, clip.in)}–${clock(start, clip.out)}`;
    error.textContent = ws.error;
    error.hidden = !ws.error;
  };
  ws.listeners.push(render);
  return el;
}

/** Marks the shown frame as a still image for the package (again: removes it). */
function addStill(ws: Ws): void {
  const i = ws.stills.findIndex((s) => Math.abs(s - ws.t) < ws.frame / 2);
  if (i >= 0) ws.stills.splice(i, 1);
  else ws.stills.push(ws.t);
  changed(ws);
}

function keys(ws: Ws, seek: (t: number) => void, step: (d: 1 | -1) => void): (e: KeyboardEvent) => void {
  const toggle = (d: 1 | -1) => (ws as Ws & { toggle: (d: 1 | -1) => void }).toggle(d);
  return (e) => {
    if ((e.target as HTMLElement).closest("input, select, textarea") || !document.body.contains(document.querySelector(".workspace"))) return;
    const k = e.key.toLowerCase();
    if (k === " ") toggle(1);
    else if (k === "k") { ws.playing = 0; changed(ws); }
    else if (k === "l") { if (ws.playing === 1) ws.speed = Math.min(4, ws.speed * 2); else toggle(1); }
    else if (k === "j") { if (ws.playing === -1) ws.speed = Math.min(4, ws.speed * 2); else toggle(-1); }
    else if (e.key === "ArrowRight") { if (e.shiftKey) seek(ws.want + 1); else step(1); }
    else if (e.key === "ArrowLeft") { if (e.shiftKey) seek(ws.want - 1); else step(-1); }
    else if (k === "s") addStill(ws);
    else if (k === "i") ws.store.setIn(ws.want);
    else if (k === "o") ws.store.setOut(ws.want + ws.frame);
    else if (e.key === "Delete" && ws.selected) { const tr = ws.store.plan.tracks.find((x) => x.id === ws.selected); if (tr && tr.keyframes.some((q) => Math.abs(q.t - ws.t) < ws.frame / 2) && tr.keyframes.length > 1) ws.store.deleteKeyframe(tr.id, ws.t, ws.frame); else { ws.store.deleteTrack(ws.selected); ws.selected = null; } }
    else if (k === "z" && (e.ctrlKey || e.metaKey)) { if (e.shiftKey) ws.store.redo(); else ws.store.undo(); }
    else return;
    e.preventDefault();
  };
}

function build(app: App, ws: Ws): HTMLElement {
  const seek = (to: number) => {
    ws.playing = 0;
    ws.want = snap(Math.max(0, Math.min(ws.info.duration - ws.frame, to)), ws.frame);
    void show(ws, "at", ws.want, width());
  };
  const step = (d: 1 | -1) => seek(ws.want + d * ws.frame);
  ws.refetch = () => void show(ws, "at", ws.want, width());
  const onKey = keys(ws, seek, step);
  document.addEventListener("keydown", onKey);
  const close = async () => { ws.playing = 0; document.removeEventListener("keydown", onKey); await call("close_session", { id: ws.id }); app.go("home"); };
  const header = h("div", { class: "row" },
    h("h1", {}, `${ws.session.sources[0].camera} · ${ws.session.from.replace("T", " ")} – ${ws.session.to.slice(11)}`),
    h("button", { onclick: () => ws.store.undo() }, t("ws.undo")), h("button", { onclick: () => ws.store.redo() }, t("ws.redo")),
    h("button", { class: "primary", "data-testid": "export", onclick: () => { ws.playing = 0; document.body.append(exportWizard(app, ws)); } }, t("ws.export")),
    h("button", { "data-testid": "close-session", onclick: () => void close() }, t("ws.close")));
  return h("section", { class: "workspace", "data-testid": "workspace" }, header,
    h("div", { class: "stage" }, h("div", { class: "picture" }, viewerPanel(ws), transport(ws, seek, step)), trackPanel(ws)),
    timelinePanel(ws, seek));
}

export function workspaceScreen(app: App, id: number): HTMLElement {
  const el = h("section", {}, h("p", {}, t("common.loading")));
  void (async () => {
    try {
      const [session, media] = await call<[Session, MediaInfo[]]>("session_media", { id });
      const info = media[0], src = session.sources[0];
      const ws: Ws = {
        id, session, info, frame: info.rate.den / info.rate.num, store: new PlanStore(newPlan(src.path, src.camera, src.start, info.duration)),
        t: 0, want: 0, index: 0, image: null, imageSize: { w: 0, h: 0 }, playing: 0, speed: 1, selected: null, tool: "select", exact: false,
        stills: [], activity: [], thumbs: [], error: "", proposals: new Map(), listeners: [], refetch: () => {},
      };
      ws.store.onChange = () => { changed(ws); ws.refetch(); };
      mount(el, build(app, ws));
      const startAt = Math.max(0, (Date.parse(session.from + "Z") - Date.parse(src.start + "Z")) / 1000);
      ws.want = snap(Math.min(startAt, info.duration - ws.frame), ws.frame);
      await show(ws, "at", ws.want, width());
      ws.activity = await call<number[]>("activity", { id, source: 0 });
      ws.thumbs = (await call<[number, string][]>("thumbnails", { id, source: 0, count: 16 })).map(([t, url]) => ({ t, url }));
      changed(ws);
    } catch (e) { mount(el, h("p", { class: "error", "data-testid": "error" }, (e as Error).message)); }
  })();
  return el;
}
