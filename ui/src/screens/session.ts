// A new review session: the case, the reason, the footage and the incident window.

import { call, Case, MediaInfo, onDrop, Session, Settings } from "../api.js";
import { field, h, val } from "../dom.js";
import { date, num, t, Key } from "../i18n.js";
import type { App } from "../main.js";

const REASONS = ["suspected_crime", "violence_threat", "vandalism", "accident", "data_subject_request", "other"];

export function newSessionScreen(app: App): HTMLElement {
  const err = h("p", { class: "error", role: "alert", "data-testid": "error" });
  const path = h("input", { id: "path", required: true, value: app.status.footage ?? "", placeholder: "/media/nvr/kamera2/" });
  const pick = (folder: boolean) => async () => { const p = await call<string | null>("pick_footage", { folder }); if (p) { path.value = p; path.dispatchEvent(new Event("change")); } };
  const cases = h("datalist", { id: "cases" });
  const facts = h("p", { class: "muted", "data-testid": "facts" });
  const form = h("form", { class: "card", "data-testid": "new-session-form" },
    h("h1", {}, t("session.title")), h("p", { class: "muted" }, t("session.intro")),
    h("div", { class: "grid2" },
      field(t("session.case"), h("input", { id: "case", required: true, list: "cases", placeholder: "K-2026-0042" }), t("session.casehint")), cases,
      field(t("session.casetitle"), h("input", { id: "title", placeholder: t("session.casetitleph") })),
      field(t("session.reason"), h("select", { id: "reason", required: true }, ...REASONS.map((r) => h("option", { value: r }, t(`reason.${r}` as Key))))),
      field(t("session.note"), h("input", { id: "note", required: true, placeholder: t("session.noteph") }))),
    h("div", { class: "drop", "data-testid": "drop" },
      field(t("session.footage"), path, t("session.drophint")),
      h("button", { type: "button", onclick: pick(false) }, t("session.pickfile")),
      h("button", { type: "button", onclick: pick(true) }, t("session.pickfolder")), facts),
    h("div", { class: "grid2" },
      field(t("session.camera"), h("input", { id: "camera", placeholder: t("session.cameraph") })),
      field(t("session.start"), h("input", { id: "start", placeholder: "2026-11-21T12:30:00" }), t("session.starthint")),
      field(t("session.from"), h("input", { id: "from", required: true, placeholder: "2026-11-21 12:38" }), t("session.windowhint")),
      field(t("session.to"), h("input", { id: "to", required: true, placeholder: "2026-11-21 12:45" }))),
    err,
    h("div", { class: "row" }, h("button", { type: "button", onclick: () => app.go("home") }, t("common.cancel")),
      h("button", { type: "submit", class: "primary", "data-testid": "open-session" }, t("session.open"))));
  const probe = async () => {
    if (!path.value.trim()) return;
    try {
      const [info, settings] = await Promise.all([call<MediaInfo>("probe", { path: path.value.trim() }), call<Settings>("settings")]);
      const start = info.start?.at ?? null;
      const auto = start ? new Date(Date.parse(start + "Z") + settings.retention_days * 86_400_000).toISOString().slice(0, 10) : null;
      facts.textContent = t("session.facts", { codec: info.codec, w: info.width, h: info.height, fps: num(info.rate.num / info.rate.den, 2), s: num(info.duration, 1),
        start: start ? start.replace("T", " ") : t("session.unknownstart"), auto: auto ? date(auto) : "–" });
      const set = (id: string, v: string) => { const el = form.querySelector<HTMLInputElement>(`#${id}`)!; if (!el.value) el.value = v; };
      if (start) {
        set("start", start);
        set("from", start.replace("T", " "));
        set("to", new Date(Date.parse(start + "Z") + info.duration * 1000).toISOString().slice(0, 19).replace("T", " "));
      }
    } catch (e) { facts.textContent = (e as Error).message; }
  };
  path.addEventListener("change", () => void probe());
  void onDrop((paths) => { if (paths[0]) { path.value = paths[0]; void probe(); } });
  void call<{ cases: Case[] }>("home").then((home) => cases.replaceChildren(...home.cases.filter((c) => c.status === "open").map((c) => h("option", { value: c.reference }, c.title))));
  if (path.value) setTimeout(() => void probe(), 0);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    err.textContent = "";
    const caseRef = val(form, "case");
    try {
      const home = await call<{ cases: Case[] }>("home");
      if (!home.cases.some((c) => c.reference === caseRef)) await call("open_case", { reference: caseRef, title: val(form, "title") });
      const req = { case_ref: caseRef, reason: val(form, "reason"), note: val(form, "note"), path: path.value.trim(), camera: val(form, "camera"), start: val(form, "start"), from: val(form, "from"), to: val(form, "to") };
      const s = await call<Session>("open_session", { req });
      app.go("workspace", s.id);
    } catch (x) { err.textContent = (x as Error).message; }
  });
  return form;
}
