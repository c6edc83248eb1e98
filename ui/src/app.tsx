// The app: first run, login, or the logged-in shell (header, navigation, the current
// screen, export jobs). Locking — by inactivity, logout or the shell — shows the
// login and unmounts every screen of the session, which releases what it held.

import { useEffect } from "preact/hooks";
import { type Account, call, type Status, whenLocked } from "./api.js";
import { type Key, t } from "./i18n.js";
import { JobChips, JobDialogs, loggedIn } from "./jobs.js";
import { Login, Setup } from "./screens/auth.js";
import { Home } from "./screens/home.js";
import { Audit, Report } from "./screens/oversight.js";
import { Register } from "./screens/register.js";
import { Requests } from "./screens/requests.js";
import { NewSession } from "./screens/session.js";
import { SettingsScreen } from "./screens/settings.js";
import { go, locked, refreshStatus, role, route, type Screen, status } from "./state.js";
import { Workspace } from "./workspace/workspace.js";

const NAV: [Screen, Key, string[]][] = [
  ["home", "nav.home", ["admin", "reviewer", "auditor"]],
  ["requests", "nav.requests", ["admin", "reviewer", "auditor"]],
  ["register", "nav.register", ["admin", "reviewer", "auditor"]],
  ["audit", "nav.audit", ["admin", "auditor"]],
  ["report", "nav.report", ["admin", "auditor"]],
  ["settings", "nav.settings", ["admin"]],
];

/** Locked: the login shows; running exports go on (jobs.tsx). */
function lock(): void {
  locked();
}

/** Logs out after the configured minutes without a key, click or wheel. */
function useIdleLock(minutes: number): void {
  useEffect(() => {
    let last = Date.now();
    const seen = () => {
      last = Date.now();
    };
    const events = ["keydown", "pointerdown", "wheel"];
    for (const ev of events) window.addEventListener(ev, seen, { capture: true });
    const timer = setInterval(() => {
      if (Date.now() - last > minutes * 60_000) void call("logout").finally(lock);
    }, 15_000);
    return () => {
      clearInterval(timer);
      for (const ev of events) window.removeEventListener(ev, seen, { capture: true });
    };
  }, [minutes]);
}

function CurrentScreen() {
  const r = route.value;
  document.body.dataset.screen = r.screen;
  switch (r.screen) {
    case "home":
      return <Home />;
    case "new-session":
      return <NewSession key={r.arg} request={r.arg} />;
    case "requests":
      return <Requests />;
    case "workspace":
      return <Workspace key={r.arg} id={r.arg ?? 0} />;
    case "register":
      return <Register />;
    case "audit":
      return <Audit />;
    case "report":
      return <Report />;
    case "settings":
      return <SettingsScreen />;
  }
}

function Shell(props: { st: Status; user: Account }) {
  const { st, user } = props;
  useIdleLock(st.auto_lock_minutes);
  useEffect(() => {
    void loggedIn(user.username);
  }, []);
  const logout = () => void call("logout").finally(lock);
  return (
    <>
      <header>
        <strong>Bevis</strong>
        <span class="org">{st.organisation}</span>
        <nav>
          {NAV.filter(([, , roles]) => roles.includes(role())).map(([screen, label]) => (
            <button type="button" class="nav" key={screen} data-testid={`nav-${screen}`} onClick={() => go(screen)}>
              {t(label)}
            </button>
          ))}
        </nav>
        <JobChips user={user.username} />
        <span class="who" data-testid="who">{`${user.display_name} · ${t(`role.${user.role}` as Key)}`}</span>
        <button type="button" data-testid="logout" onClick={logout}>
          {t("nav.logout")}
        </button>
      </header>
      <main id="main">
        <CurrentScreen />
      </main>
      <JobDialogs user={user.username} />
    </>
  );
}

export function App() {
  useEffect(() => {
    whenLocked(lock);
    void refreshStatus();
  }, []);
  const st = status.value;
  if (!st) return <p class="center">Bevis…</p>;
  if (st.first_run) return <Setup onDone={() => void refreshStatus()} />;
  if (!st.user) return <Login status={st} onDone={() => void refreshStatus()} />;
  return <Shell st={st} user={st.user} />;
}
