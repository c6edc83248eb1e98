// The evidence register: every package, its handover, and deleting expired ones from a drive.

import { call, ExportRow, SweepItem } from "../api.js";
import { h, mount } from "../dom.js";
import { date, num, t, Key } from "../i18n.js";
import type { App } from "../main.js";

function row(app: App, e: ExportRow, reload: () => void): HTMLElement {
  const staff = app.status.user?.role !== "auditor";
  const act = async (f: () => Promise<unknown>) => { try { await f(); reload(); } catch (x) { alert((x as Error).message); } };
  return h("tr", { "data-testid": `export-${e.package_id}` },
    h("td", {}, e.case_ref), h("td", {}, h("code", {}, e.package_id.slice(0, 8))), h("td", {}, t(`status.${e.status}` as Key)),
    h("td", {}, date(e.delete_by)), h("td", {}, e.recipient ?? "–"), h("td", {}, e.drive_label ?? "–"),
    h("td", {}, staff && e.status === "exported" ? h("button", { onclick: () => { const r = prompt(t("reg.recipient")); if (r) void act(() => call("hand_over", { packageId: e.package_id, recipient: r })); } }, t("reg.handover")) : null,
      staff && e.status === "handed_over" ? h("button", { onclick: () => void act(() => call("returned", { packageId: e.package_id })) }, t("reg.returned")) : null));
}

function sweep(): HTMLElement {
  const drive = h("input", { id: "sweep-drive", placeholder: "/media/usb", "data-testid": "sweep-drive" });
  const out = h("div", { "data-testid": "sweep-result" });
  const scan = async () => {
    try {
      const items = await call<SweepItem[]>("sweep_scan", { drive: drive.value.trim() });
      if (!items.length) { mount(out, h("p", { class: "muted" }, t("reg.nothing"))); return; }
      mount(out, h("ul", {}, ...items.map((it) => {
        const confirm = h("input", { type: "checkbox" });
        const li = h("li", { class: it.verdict }, `${it.case_ref} · ${it.package_id.slice(0, 8)} · ${date(it.delete_by)} · ${t(`verdict.${it.verdict}` as Key)} `);
        if (it.verdict === "unknown" || it.verdict === "not_due") li.append(h("label", {}, confirm, t("reg.confirm")));
        li.append(h("button", { class: "danger", "data-testid": `wipe-${it.package_id}`, onclick: async () => {
          li.classList.add("busy");
          try { const bytes = await call<number>("sweep_wipe", { item: it, confirmed: confirm.checked }); li.replaceChildren(t("reg.wiped", { case: it.case_ref, mb: num(bytes / 2 ** 20, 1) })); }
          catch (x) { li.append(h("span", { class: "error" }, (x as Error).message)); }
        } }, t("reg.delete")));
        return li;
      })));
    } catch (x) { mount(out, h("p", { class: "error" }, (x as Error).message)); }
  };
  return h("div", { class: "card" }, h("h2", {}, t("reg.sweep")), h("p", { class: "muted" }, t("reg.sweephint")),
    h("div", { class: "row" }, drive, h("button", { "data-testid": "sweep-scan", onclick: () => void scan() }, t("reg.scan"))), out);
}

export function registerScreen(app: App): HTMLElement {
  const table = h("tbody");
  const reload = async () => mount(table, ...(await call<ExportRow[]>("exports")).map((e) => row(app, e, () => void reload())));
  void reload();
  return h("section", { "data-testid": "register" }, h("h1", {}, t("reg.title")),
    h("table", {}, h("thead", {}, h("tr", {}, ...(["reg.case", "reg.package", "reg.status", "reg.deleteby", "reg.recipientcol", "reg.drive", "reg.actions"] as Key[]).map((k) => h("th", {}, t(k))))), table),
    app.status.user?.role !== "auditor" ? sweep() : null);
}
