// The audit log (with the chain check) and the annual report.

import { call } from "../api.js";
import { h, mount } from "../dom.js";
import { dateTime, t } from "../i18n.js";
import type { App } from "../main.js";

interface Entry { id: number; at: string; actor: string; action: string; detail: string }

export function auditScreen(_app: App): HTMLElement {
  const verdict = h("p", { "data-testid": "audit-verdict" });
  const rows = h("tbody");
  const verify = async () => {
    const r = await call<string>("audit_verify");
    const [state, a, ...rest] = r.split(" ");
    verdict.className = state === "OK" ? "ok" : "error";
    verdict.textContent = state === "OK" ? t("audit.intact", { rows: Number(a) }) : t("audit.broken", { row: Number(a), why: rest.join(" ") });
  };
  void call<Entry[]>("audit_log").then((log) => mount(rows, ...log.reverse().slice(0, 500).map((e) =>
    h("tr", {}, h("td", {}, String(e.id)), h("td", {}, dateTime(e.at)), h("td", {}, e.actor), h("td", {}, e.action), h("td", {}, e.detail)))));
  return h("section", { "data-testid": "audit" }, h("div", { class: "row" }, h("h1", {}, t("audit.title")), h("button", { "data-testid": "audit-verify", onclick: () => void verify() }, t("audit.verify"))),
    verdict, h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, "#"), h("th", {}, t("audit.at")), h("th", {}, t("audit.actor")), h("th", {}, t("audit.action")), h("th", {}, t("audit.detail")))), rows));
}

export function reportScreen(_app: App): HTMLElement {
  const year = h("input", { type: "number", value: new Date().getFullYear(), min: 2000, max: 2200 });
  const out = h("div", { class: "report", "data-testid": "report" });
  const load = async () => {
    const html = await call<string>("report", { year: Number(year.value) });
    const doc = new DOMParser().parseFromString(html, "text/html");
    doc.querySelectorAll("style, script").forEach((n) => n.remove());
    mount(out, ...Array.from(doc.body.childNodes));
  };
  void load();
  return h("section", {}, h("div", { class: "row" }, h("h1", {}, t("report.title")), year, h("button", { onclick: () => void load() }, t("report.show")), h("button", { onclick: () => window.print() }, t("report.print"))), out);
}
