// Home: open cases, my open review sessions, reminders.

import { call, Case, Reminder, Session } from "../api.js";
import { h, mount } from "../dom.js";
import { date, t } from "../i18n.js";
import type { App } from "../main.js";

interface Home { cases: Case[]; sessions: Session[]; reminders: Reminder[] }

function reminder(r: Reminder, app: App): HTMLElement {
  const text = r.kind === "recording_auto_delete"
    ? t("home.autodelete", { camera: r.place, days: r.days_left, date: date(r.date) })
    : r.kind === "package_expired" ? t("home.expired", { date: date(r.date) }) : t("home.duesoon", { days: r.days_left, date: date(r.date) });
  const action = r.kind === "recording_auto_delete" ? null : h("button", { onclick: () => app.go("register") }, t("home.toregister"));
  return h("li", { class: `reminder ${r.kind}` }, h("strong", {}, r.case_ref), " ", text, " ", action);
}

export function homeScreen(app: App): HTMLElement {
  const el = h("section", { class: "home", "data-testid": "home" }, h("p", {}, t("common.loading")));
  void (async () => {
    const home = await call<Home>("home");
    const reviewer = app.status.user?.role !== "auditor";
    const sessions = home.sessions.map((s) => h("li", {},
      h("button", { class: "link", "data-testid": `session-${s.id}`, onclick: () => app.go("workspace", s.id) },
        `${t(`reason.${s.reason}` as never)} — ${s.sources.map((x) => x.camera).join(", ")}, ${s.from.replace("T", " ")}`)));
    const open = home.cases.filter((c) => c.status === "open");
    mount(el, 
      h("div", { class: "row" }, h("h1", {}, t("home.title")),
        reviewer ? h("button", { class: "primary", "data-testid": "new-session", onclick: () => app.go("new-session") }, t("home.newsession")) : null),
      h("h2", {}, t("home.reminders")),
      home.reminders.length ? h("ul", { class: "reminders" }, ...home.reminders.map((r) => reminder(r, app))) : h("p", { class: "muted" }, t("home.noreminders")),
      reviewer ? h("h2", {}, t("home.sessions")) : null,
      reviewer ? (sessions.length ? h("ul", {}, ...sessions) : h("p", { class: "muted" }, t("home.nosessions"))) : null,
      h("h2", {}, t("home.cases")),
      open.length ? h("ul", {}, ...open.map((c) => h("li", {}, h("strong", {}, c.reference), ` ${c.title} · ${date(c.opened_at)}`))) : h("p", { class: "muted" }, t("home.nocases")));
  })();
  return el;
}
