// The export wizard: summary → recipient, delete-by, drive → progress → password and receipt.

import { call, channel, Drive, Settings } from "../api.js";
import { field, h, mount, val } from "../dom.js";
import { num, t } from "../i18n.js";
import { clock, eta } from "../timeline.js";
import type { App } from "../main.js";
import type { Ws } from "./ws.js";

interface Done { package_id: string; container: string; password: string | null; fingerprint: string; receipt: string; slip: string | null; read_back_direct: boolean }
interface Progress { stage: string; done: number; total: number }

function printHtml(html: string): void {
  const frame = h("iframe", { class: "print", srcdoc: html });
  frame.onload = () => { frame.contentWindow?.print(); setTimeout(() => frame.remove(), 60_000); };
  document.body.append(frame);
}

function summary(ws: Ws): HTMLElement {
  const start = ws.session.sources[0].start;
  const clips = ws.store.plan.clips.map((c) => `${clock(start, c.in)}–${clock(start, c.out)} (${num(c.out - c.in, 1)} s, ${c.crop ? `${c.crop.w}×${c.crop.h}` : t("exp.nocrop")})`);
  return h("dl", { class: "summary" },
    h("dt", {}, t("exp.clip")), h("dd", { "data-testid": "export-clips" }, ...clips.map((c) => h("div", {}, c))),
    h("dt", {}, t("exp.tracks")), h("dd", {}, String(ws.store.plan.tracks.length)),
    h("dt", {}, t("exp.mode")), h("dd", {}, t(`mode.${ws.store.plan.mode}`)),
    h("dt", {}, t("exp.stills")), h("dd", {}, ws.stills.length ? ws.stills.map((s) => clock(start, s)).join(", ") : "–"));
}

function result(d: Done, close: () => void): HTMLElement {
  return h("div", { "data-testid": "export-done" },
    h("h2", {}, t("exp.done")),
    h("p", {}, d.read_back_direct ? t("exp.verified") : t("exp.verifiedcache")),
    d.password ? h("div", { class: "password" }, h("p", {}, t("exp.password")), h("code", { "data-testid": "password" }, d.password),
      h("button", { onclick: () => void navigator.clipboard.writeText(d.password ?? "") }, t("exp.copy")),
      h("button", { onclick: () => printHtml(d.slip ?? "") }, t("exp.slip"))) : null,
    h("p", {}, t("exp.fingerprint"), " ", h("code", {}, d.fingerprint)),
    h("p", { class: "muted", "data-testid": "container" }, d.container),
    h("div", { class: "row" }, h("button", { onclick: () => printHtml(d.receipt) }, t("exp.receipt")), h("button", { class: "primary", "data-testid": "export-close", onclick: close }, t("common.close"))));
}

export function exportWizard(_app: App, ws: Ws): HTMLElement {
  const body = h("div", { class: "card" });
  const dialog = h("div", { class: "modal", "data-testid": "export-wizard" }, body);
  const close = () => dialog.remove();
  const drive = h("input", { id: "drive", required: true, placeholder: "/media/usb" });
  const drives = h("ul", { class: "drives" });
  const err = h("p", { class: "error", role: "alert", "data-testid": "error" });
  const deleteBy = h("input", { id: "deleteby", type: "date", required: true });
  void call<Settings>("settings").then((s) => { const d = new Date(); d.setDate(d.getDate() + s.delete_by_days); deleteBy.value = d.toISOString().slice(0, 10); }).catch(() => {});
  void call<Drive[]>("drives").then((list) => mount(drives, ...(list.length ? list.map((d) => h("li", {},
    h("button", { class: "link", onclick: () => { drive.value = d.mountpoint; } }, `${d.label ?? d.device} · ${d.fstype ?? "?"} · ${num(d.size / 2 ** 30, 1)} GB, ${d.free === null ? "?" : num(d.free / 2 ** 30, 1)} GB ${t("exp.free")}`))) : [h("li", { class: "muted" }, t("exp.nodrives"))])));
  const start = async () => {
    err.textContent = "";
    const began = performance.now();
    const bar = h("progress", { max: 1, value: 0 }), line = h("p", { "data-testid": "progress" }, t("exp.preparing"));
    mount(body, h("h2", {}, t("exp.working")), bar, line, h("button", { "data-testid": "cancel-export", onclick: () => void call("cancel_export") }, t("common.cancel")));
    const onProgress = channel<Progress>((p) => {
      const left = eta((performance.now() - began) / 1000, p.done, p.total);
      bar.value = p.total ? p.done / p.total : 0;
      line.textContent = p.total ? t("exp.frames", { done: p.done, total: p.total, left: left === null ? "…" : Math.ceil(left) }) : t(`exp.stage.${p.stage}` as never);
    });
    try {
      const req = { session: ws.id, plan: ws.store.plan, delete_by: deleteBy.value, recipient: val(form, "recipient"), drive: drive.value.trim(), stills: ws.stills };
      const d = await call<Done>("export", { req, onProgress });
      mount(body, result(d, close));
    } catch (e) { mount(body, h("h2", {}, t("exp.failed")), h("p", { class: "error", "data-testid": "error" }, (e as Error).message), h("button", { onclick: close }, t("common.close"))); }
  };
  const form = h("form", {},
    h("h2", {}, t("exp.title")), summary(ws),
    field(t("exp.recipient"), h("input", { id: "recipient", placeholder: t("exp.recipientph") })),
    field(t("exp.deleteby"), deleteBy, t("exp.deletebyhint")),
    h("h3", {}, t("exp.drive")), drives,
    field(t("exp.folder"), drive),
    h("button", { type: "button", onclick: async () => { const p = await call<string | null>("pick_footage", { folder: true }); if (p) drive.value = p; } }, t("session.pickfolder")),
    err,
    h("div", { class: "row" }, h("button", { type: "button", onclick: close }, t("common.cancel")), h("button", { type: "submit", class: "primary", "data-testid": "start-export" }, t("exp.start"))));
  form.addEventListener("submit", (e) => { e.preventDefault(); if (!drive.value.trim()) { err.textContent = t("exp.choosedrive"); return; } void start(); });
  mount(body, form);
  return dialog;
}
