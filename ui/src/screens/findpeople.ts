// "Find people": searches the current clip, shows progress with ETA and cancel,
// then adds one proposed track per person (one undo step) and lists them with
// thumbnails to accept or reject.

import { call, channel } from "../api.js";
import { h, mount } from "../dom.js";
import { num, t } from "../i18n.js";
import { Track } from "../plan.js";
import { eta } from "../timeline.js";
import { changed, clipOf, Ws } from "./ws.js";

interface Progress { done_s: number; total_s: number; detections: number; tracks: number }
interface Found { track: Track; kind: "person" | "motion"; thumb: string }

/** What the review list shows for a proposal not yet accepted. */
export interface Proposal { thumb: string; kind: "person" | "motion"; confidence: number }

export function findPeople(ws: Ws): HTMLElement {
  ws.playing = 0;
  const clip = clipOf(ws);
  const bar = h("progress", { max: 1, value: 0 });
  const line = h("p", { "data-testid": "find-progress" }, t("find.starting"));
  const body = h("div", { class: "card" }, h("h2", {}, t("find.title")), bar, line,
    h("button", { "data-testid": "cancel-find", onclick: () => void call("cancel_export") }, t("common.cancel")));
  const dialog = h("div", { class: "modal", "data-testid": "find-dialog" }, body);
  const began = performance.now();
  const onProgress = channel<Progress>((p) => {
    const left = eta((performance.now() - began) / 1000, p.done_s, p.total_s);
    bar.value = p.total_s ? p.done_s / p.total_s : 0;
    line.textContent = t("find.progress", { pct: Math.round((100 * p.done_s) / Math.max(p.total_s, 1e-9)), n: p.tracks, left: left === null ? "…" : Math.ceil(left) });
  });
  void (async () => {
    try {
      const found = await call<Found[]>("find_people", { id: ws.id, source: clip.source, from: clip.in, to: clip.out, onProgress });
      const ids = ws.store.addProposals(found.map((f) => f.track), clip.in, clip.out);
      found.forEach((f, i) => ws.proposals.set(ids[i], { thumb: f.thumb, kind: f.kind, confidence: f.track.confidence ?? 0 }));
      dialog.remove();
      changed(ws);
    } catch (e) {
      mount(body, h("h2", {}, t("find.title")), h("p", { class: "error", "data-testid": "find-error" }, (e as Error).message),
        h("button", { onclick: () => dialog.remove() }, t("common.close")));
    }
  })();
  return dialog;
}

/** A proposed track in the list: thumbnail, how sure, accept / reject. */
export function proposalRow(ws: Ws, tr: Track, p: Proposal, label: string): HTMLElement {
  const accept = () => { ws.proposals.delete(tr.id); changed(ws); };
  const reject = () => { ws.proposals.delete(tr.id); ws.store.deleteTrack(tr.id); if (ws.selected === tr.id) ws.selected = null; };
  return h("li", { class: "proposal", "data-testid": "proposal" },
    h("img", { src: p.thumb, alt: "", class: "thumb" }),
    h("button", { class: tr.id === ws.selected ? "link on" : "link", onclick: () => { ws.selected = tr.id; changed(ws); } },
      `${label} · ${num(p.confidence * 100, 0)} %`),
    h("button", { title: t("find.accept"), "data-testid": "accept", onclick: accept }, "✓"),
    h("button", { title: t("find.reject"), "data-testid": "reject", onclick: reject }, "✗"));
}

/** "Accept all": the remaining proposals become ordinary tracks. */
export function acceptAll(ws: Ws): void {
  ws.proposals.clear();
  changed(ws);
}
