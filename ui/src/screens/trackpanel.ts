// The side panel: tools, the redaction mode, and the selected track's settings.

import { h, mount } from "../dom.js";
import { t, Key } from "../i18n.js";
import { acceptAll, findPeople, proposalRow } from "./findpeople.js";
import { changed, Tool, Ws } from "./ws.js";

function select(id: string, value: string, options: string[], prefix: string, onchange: (v: string) => void): HTMLSelectElement {
  const s = h("select", { id, "data-testid": id, onchange: () => onchange(s.value) }, ...options.map((o) => h("option", { value: o }, t(`${prefix}.${o}` as Key))));
  s.value = value;
  return s;
}

function toolButton(ws: Ws, tool: Tool, label: Key): HTMLElement {
  return h("button", { class: ws.tool === tool ? "tool on" : "tool", "data-testid": `tool-${tool}`, onclick: () => { ws.tool = tool; changed(ws); } }, t(label));
}

function trackEditor(ws: Ws): HTMLElement | null {
  const tr = ws.store.plan.tracks.find((x) => x.id === ws.selected);
  if (!tr) return h("p", { class: "muted" }, t("ws.notrack"));
  const onFrame = tr.keyframes.some((k) => Math.abs(k.t - ws.t) < ws.frame / 2);
  return h("div", { class: "track", "data-testid": "track-editor" },
    h("input", { value: tr.label, placeholder: t("ws.label"), onchange: (e: Event) => ws.store.setTrack(tr.id, (x) => { x.label = (e.target as HTMLInputElement).value; }) }),
    select("shape", tr.shape, ["ellipse", "rect"], "shape", (v) => ws.store.setTrack(tr.id, (x) => { x.shape = v as "rect"; })),
    select("style", tr.style, ["blur", "pixelate", "solid"], "style", (v) => ws.store.setTrack(tr.id, (x) => { x.style = v as "blur"; })),
    h("label", { class: "field" }, h("span", {}, t("ws.strength")),
      h("input", { type: "range", min: 0.2, max: 3, step: 0.1, value: tr.strength, onchange: (e: Event) => ws.store.setTrack(tr.id, (x) => { x.strength = Number((e.target as HTMLInputElement).value); }) })),
    ws.store.plan.mode === "keep_visible" ? h("label", {}, h("input", { type: "checkbox", checked: tr.keep, onchange: (e: Event) => ws.store.setTrack(tr.id, (x) => { x.keep = (e.target as HTMLInputElement).checked; }) }), " ", t("ws.keep")) : null,
    h("p", { class: "muted" }, t("ws.keyframes", { n: tr.keyframes.length })),
    mergeWith(ws, tr.id),
    h("button", { "data-testid": "split", onclick: () => { const id = ws.store.split(tr.id, ws.t); if (id) { ws.selected = id; changed(ws); } } }, t("find.split")),
    h("button", { disabled: !onFrame || tr.keyframes.length < 2, onclick: () => ws.store.deleteKeyframe(tr.id, ws.t, ws.frame) }, t("ws.delkey")),
    h("button", { class: "danger", "data-testid": "delete-track", onclick: () => { ws.store.deleteTrack(tr.id); ws.selected = null; } }, t("ws.deltrack")));
}

/** "Merge with …": the chosen track's keyframes join this one. */
function mergeWith(ws: Ws, id: string): HTMLElement | null {
  const others = ws.store.plan.tracks.filter((x) => x.id !== id);
  if (!others.length) return null;
  const s = h("select", { "data-testid": "merge", onchange: () => { if (s.value) { ws.proposals.delete(s.value); ws.store.merge(id, s.value); } } },
    h("option", { value: "" }, t("find.merge")), ...others.map((o) => h("option", { value: o.id }, o.label || o.id)));
  return s;
}

function trackList(ws: Ws): HTMLElement {
  return h("ul", { class: "tracks" }, ...ws.store.plan.tracks.map((tr, i) => {
    const label = tr.label || t("ws.trackn", { n: i + 1 });
    const p = ws.proposals.get(tr.id);
    if (p) return proposalRow(ws, tr, p, label);
    return h("li", {}, h("button", { class: tr.id === ws.selected ? "link on" : "link", onclick: () => { ws.selected = tr.id; changed(ws); } }, label));
  }));
}

/** What the panel shows, as a key: frame fetches during playback change none of it,
 *  so the panel is not rebuilt under the user's pointer (or an open drop-down). */
function shownKey(ws: Ws): string {
  const tr = ws.store.plan.tracks.find((x) => x.id === ws.selected);
  const onFrame = tr?.keyframes.some((k) => Math.abs(k.t - ws.t) < ws.frame / 2) ?? false;
  return [ws.store.revision, ws.store.clip, ws.selected, ws.tool, ws.exact, [...ws.proposals.keys()].join(), onFrame].join("|");
}

export function trackPanel(ws: Ws): HTMLElement {
  const el = h("aside", { class: "panel" });
  let last = "";
  const render = () => {
    const key = shownKey(ws);
    if (key === last) return;
    last = key;
    const plan = ws.store.plan;
    mount(el, 
      h("h3", {}, t("ws.tools")),
      h("div", { class: "tools" }, toolButton(ws, "select", "ws.select"), toolButton(ws, "crop", "ws.crop"), toolButton(ws, "track", "ws.newtrack")),
      plan.clips[ws.store.clip].crop ? h("button", { onclick: () => ws.store.setCrop(null) }, t("ws.nocrop")) : null,
      h("label", {}, h("input", { type: "checkbox", "data-testid": "exact", checked: ws.exact, onchange: (e: Event) => { ws.exact = (e.target as HTMLInputElement).checked; ws.refetch(); } }), " ", t("ws.exact")),
      h("h3", {}, t("ws.clips", { n: plan.clips.length })),
      h("ul", { class: "tracks" }, ...plan.clips.map((_, i) => h("li", {},
        h("button", { class: i === ws.store.clip ? "link on" : "link", "data-testid": `clip-${i + 1}`, onclick: () => { ws.store.clip = i; changed(ws); ws.refetch(); } }, t("ws.clipn", { n: i + 1 })),
        plan.clips.length > 1 ? h("button", { class: "link", title: t("ws.delclip"), onclick: () => ws.store.deleteClip(i) }, "×") : null))),
      h("button", { "data-testid": "new-clip", onclick: () => ws.store.addClip(ws.t, 10, ws.info.duration) }, t("ws.newclip")),
      h("h3", {}, t("ws.mode")),
      select("mode", plan.mode, ["blur_tracks", "keep_visible"], "mode", (v) => ws.store.edit((p) => { p.mode = v as "blur_tracks"; })),
      h("h3", {}, t("ws.tracks", { n: plan.tracks.length })),
      h("button", { "data-testid": "find-people", onclick: () => document.body.append(findPeople(ws)) }, t("find.button")),
      ws.proposals.size ? h("p", { class: "muted" }, t("find.review", { n: ws.proposals.size }), " ",
        h("button", { class: "link", "data-testid": "accept-all", onclick: () => acceptAll(ws) }, t("find.acceptall"))) : null,
      trackList(ws),
      trackEditor(ws));
  };
  ws.listeners.push(render);
  return el;
}
