// First-run setup and login.

import { call, Status } from "../api.js";
import { field, h, val } from "../dom.js";
import { t } from "../i18n.js";

function errorLine(): HTMLElement {
  return h("p", { class: "error", role: "alert", "data-testid": "error" });
}

export function setupScreen(done: () => void): HTMLElement {
  const err = errorLine();
  const form = h("form", { class: "card narrow", "data-testid": "setup" },
    h("h1", {}, t("setup.title")), h("p", {}, t("setup.intro")),
    field(t("setup.org"), h("input", { id: "org", required: true, autocomplete: "organization" })),
    field(t("setup.admin"), h("input", { id: "admin", required: true, autocomplete: "username" })),
    field(t("login.password"), h("input", { id: "pw", type: "password", required: true, minlength: 8 }), t("setup.pwhint")),
    field(t("setup.repeat"), h("input", { id: "pw2", type: "password", required: true })),
    err, h("button", { type: "submit", class: "primary" }, t("setup.create")));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (val(form, "pw") !== val(form, "pw2")) { err.textContent = t("setup.mismatch"); return; }
    try {
      await call("setup", { organisation: val(form, "org"), admin: val(form, "admin"), password: val(form, "pw") });
      done();
    } catch (x) { err.textContent = String((x as Error).message); }
  });
  return h("div", { class: "center" }, form);
}

export function loginScreen(status: Status, done: () => void): HTMLElement {
  const err = errorLine();
  const form = h("form", { class: "card narrow", "data-testid": "login" },
    h("h1", {}, "Bevis"), h("p", {}, status.organisation),
    field(t("login.user"), h("input", { id: "user", required: true, autocomplete: "username" })),
    field(t("login.password"), h("input", { id: "pw", type: "password", required: true, autocomplete: "current-password" })),
    err, h("button", { type: "submit", class: "primary" }, t("login.submit")));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await call("login", { username: val(form, "user"), password: val(form, "pw") });
      done();
    } catch (x) { err.textContent = String((x as Error).message); }
  });
  return h("div", { class: "center" }, form);
}
