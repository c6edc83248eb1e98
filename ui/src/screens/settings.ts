// Settings, users and the language (admin; the language for everyone).

import { call, Account, Settings } from "../api.js";
import { field, h, mount, val } from "../dom.js";
import { currentLang, setLang, t, Key } from "../i18n.js";
import type { App } from "../main.js";

interface AccountState extends Account { disabled: boolean; locked_until: string | null }

function settingsForm(s: Settings): HTMLElement {
  const msg = h("p", { role: "status" });
  const form = h("form", { class: "card" }, h("h2", {}, t("set.title")),
    field(t("setup.org"), h("input", { id: "organisation", value: s.organisation })),
    field(t("set.retention"), h("input", { id: "retention_days", type: "number", value: s.retention_days }), t("set.retentionhint")),
    field(t("set.deleteby"), h("input", { id: "delete_by_days", type: "number", value: s.delete_by_days })),
    field(t("set.autolock"), h("input", { id: "auto_lock_minutes", type: "number", value: s.auto_lock_minutes })),
    msg, h("button", { type: "submit", class: "primary" }, t("common.save")));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      for (const key of ["organisation", "retention_days", "delete_by_days", "auto_lock_minutes"] as const) {
        if (String(s[key]) !== val(form, key)) await call("set_setting", { key, value: val(form, key) });
      }
      msg.textContent = t("common.saved");
    } catch (x) { msg.textContent = (x as Error).message; }
  });
  return form;
}

function users(list: AccountState[], reload: () => void): HTMLElement {
  const err = h("p", { class: "error" });
  const form = h("form", { class: "row" },
    h("input", { id: "nu", placeholder: t("login.user"), required: true }), h("input", { id: "nd", placeholder: t("set.display") }),
    h("select", { id: "nr" }, ...["reviewer", "admin", "auditor"].map((r) => h("option", { value: r }, t(`role.${r}` as Key)))),
    h("input", { id: "np", type: "password", placeholder: t("login.password"), required: true, minlength: 8 }),
    h("button", { type: "submit" }, t("set.adduser")));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try { await call("add_user", { username: val(form, "nu"), display: val(form, "nd") || val(form, "nu"), role: val(form, "nr"), password: val(form, "np") }); reload(); }
    catch (x) { err.textContent = (x as Error).message; }
  });
  return h("div", { class: "card" }, h("h2", {}, t("set.users")),
    h("table", {}, h("tbody", {}, ...list.map((u) => h("tr", {}, h("td", {}, u.username), h("td", {}, u.display_name), h("td", {}, t(`role.${u.role}` as Key)),
      h("td", {}, u.disabled ? t("set.disabled") : h("button", { onclick: async () => { try { await call("disable_user", { username: u.username }); reload(); } catch (x) { err.textContent = (x as Error).message; } } }, t("set.disable"))))))),
    form, err);
}

export function settingsScreen(_app: App): HTMLElement {
  const el = h("section", {});
  const lang = h("select", { onchange: () => { localStorage.setItem("lang", lang.value); setLang(lang.value); location.reload(); } }, h("option", { value: "sv" }, "Svenska"), h("option", { value: "en" }, "English"));
  lang.value = currentLang();
  const reload = async () => mount(el, h("h1", {}, t("nav.settings")), field(t("set.language"), lang), settingsForm(await call<Settings>("settings")), users(await call<AccountState[]>("users"), () => void reload()));
  void reload();
  return el;
}
