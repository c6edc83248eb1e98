// The app shell: which screen shows, the header, and the inactivity lock.

import { call, whenLocked, Status } from "./api.js";
import { h, mount } from "./dom.js";
import { setLang, t, Key } from "./i18n.js";
import { setupScreen, loginScreen } from "./screens/auth.js";
import { homeScreen } from "./screens/home.js";
import { newSessionScreen } from "./screens/session.js";
import { workspaceScreen } from "./screens/workspace.js";
import { registerScreen } from "./screens/register.js";
import { auditScreen, reportScreen } from "./screens/oversight.js";
import { settingsScreen } from "./screens/settings.js";

export type Screen = "home" | "new-session" | "workspace" | "register" | "audit" | "report" | "settings";
export interface App { status: Status; go: (s: Screen, arg?: number) => void; refresh: () => Promise<void>; main: HTMLElement }

const root = document.getElementById("app") as HTMLElement;
let lastActivity = Date.now();
let app: App;

async function start(): Promise<void> {
  setLang(localStorage.getItem("lang") ?? navigator.language);
  whenLocked(() => void showLogin());
  for (const ev of ["keydown", "pointerdown", "wheel"]) window.addEventListener(ev, () => (lastActivity = Date.now()), { capture: true });
  setInterval(checkIdle, 15_000);
  const status = await call<Status>("status");
  if (status.first_run) mount(root, setupScreen(() => void enter()));
  else if (!status.user) await showLogin();
  else await enter();
}

async function showLogin(): Promise<void> {
  const status = await call<Status>("status");
  mount(root, loginScreen(status, () => void enter()));
}

async function checkIdle(): Promise<void> {
  if (!app?.status.user) return;
  if (Date.now() - lastActivity > app.status.auto_lock_minutes * 60_000) {
    await call("logout");
    app.status.user = null;
    await showLogin();
  }
}

function nav(screen: Screen, label: Key, roles: string[]): HTMLElement | null {
  const role = app.status.user?.role ?? "";
  return roles.includes(role) ? h("button", { class: "nav", "data-testid": `nav-${screen}`, onclick: () => app.go(screen) }, t(label)) : null;
}

async function enter(): Promise<void> {
  const main = h("main", { id: "main" });
  app = { status: await call<Status>("status"), go, refresh: async () => { app.status = await call<Status>("status"); }, main };
  const user = app.status.user!;
  const header = h("header", {},
    h("strong", {}, "Bevis"), h("span", { class: "org" }, app.status.organisation),
    h("nav", {},
      nav("home", "nav.home", ["admin", "reviewer", "auditor"]), nav("register", "nav.register", ["admin", "reviewer", "auditor"]),
      nav("audit", "nav.audit", ["admin", "auditor"]), nav("report", "nav.report", ["admin", "auditor"]), nav("settings", "nav.settings", ["admin"])),
    h("span", { class: "who", "data-testid": "who" }, `${user.display_name} · ${t(`role.${user.role}` as Key)}`),
    h("button", { "data-testid": "logout", onclick: async () => { await call("logout"); await showLogin(); } }, t("nav.logout")));
  mount(root, header, main);
  go("home");
}

function go(screen: Screen, arg?: number): void {
  const screens: Record<Screen, () => HTMLElement> = {
    "home": () => homeScreen(app),
    "new-session": () => newSessionScreen(app),
    "workspace": () => workspaceScreen(app, arg ?? 0),
    "register": () => registerScreen(app),
    "audit": () => auditScreen(app),
    "report": () => reportScreen(app),
    "settings": () => settingsScreen(app),
  };
  document.body.dataset.screen = screen;
  mount(app.main, screens[screen]());
}

void start();
