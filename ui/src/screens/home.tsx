// Home: reminders, my open review sessions, open cases.

import { useEffect, useState } from "preact/hooks";
import { call, type Home as HomeData, type Reminder, type Session } from "../api.js";
import { date, t } from "../i18n.js";
import { go, role } from "../state.js";

function ReminderItem(props: { r: Reminder }) {
  const r = props.r;
  const text =
    r.kind === "recording_auto_delete"
      ? t("home.autodelete", { camera: r.place, days: r.days_left, date: date(r.date) })
      : r.kind === "package_expired"
        ? t("home.expired", { date: date(r.date) })
        : t("home.duesoon", { days: r.days_left, date: date(r.date) });
  return (
    <li class={`reminder ${r.kind}`}>
      <strong>{r.case_ref}</strong> {text}{" "}
      {r.kind === "recording_auto_delete" ? null : (
        <button type="button" onClick={() => go("register")}>
          {t("home.toregister")}
        </button>
      )}
    </li>
  );
}

/** Open requests by due date: overdue in red, due within three days in amber. */
function RequestList(props: { reminders: Reminder[] }) {
  const mine = props.reminders.filter((r) => r.kind.startsWith("request_"));
  if (!mine.length) return <p class="muted">{t("home.norequests")}</p>;
  const cls = (k: string) => (k === "request_overdue" ? "overdue" : k === "request_due_soon" ? "soon" : "");
  return (
    <ul class="requests" data-testid="home-requests">
      {mine.map((r) => (
        <li key={r.subject} class={cls(r.kind)}>
          <button type="button" class="link" onClick={() => go("requests")}>
            {`${date(r.date)} · ${r.subject.replace(/^request/, t("req.one"))} · ${r.place}`}
          </button>
          {r.days_left < 0
            ? ` ${t("home.overdue", { days: -r.days_left })}`
            : ` ${t("home.daysleft", { days: r.days_left })}`}
        </li>
      ))}
    </ul>
  );
}

function Sessions(props: { sessions: Session[] }) {
  if (!props.sessions.length) return <p class="muted">{t("home.nosessions")}</p>;
  return (
    <ul>
      {props.sessions.map((s) => (
        <li key={s.id}>
          <button type="button" class="link" data-testid={`session-${s.id}`} onClick={() => go("workspace", s.id)}>
            {`${t(`reason.${s.reason}` as never)} — ${s.sources.map((x) => x.camera).join(", ")}, ${s.from.replace("T", " ")}`}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function Home() {
  const [home, setHome] = useState<HomeData | null>(null);
  useEffect(() => {
    void call<HomeData>("home").then(setHome);
  }, []);
  if (!home)
    return (
      <section class="home" data-testid="home">
        <p>{t("common.loading")}</p>
      </section>
    );
  const reviewer = role() !== "auditor";
  const open = home.cases.filter((c) => c.status === "open");
  return (
    <section class="home" data-testid="home">
      <div class="row">
        <h1>{t("home.title")}</h1>
        {reviewer ? (
          <button type="button" class="primary" data-testid="new-session" onClick={() => go("new-session")}>
            {t("home.newsession")}
          </button>
        ) : null}
      </div>
      <h2>{t("home.requests")}</h2>
      <RequestList reminders={home.reminders} />
      <h2>{t("home.reminders")}</h2>
      {home.reminders.some((r) => !r.kind.startsWith("request_")) ? (
        <ul class="reminders">
          {home.reminders
            .filter((r) => !r.kind.startsWith("request_"))
            .map((r) => (
              <ReminderItem key={`${r.kind}${r.case_ref}${r.subject}`} r={r} />
            ))}
        </ul>
      ) : (
        <p class="muted">{t("home.noreminders")}</p>
      )}
      {reviewer ? <h2>{t("home.sessions")}</h2> : null}
      {reviewer ? <Sessions sessions={home.sessions} /> : null}
      <h2>{t("home.cases")}</h2>
      {open.length ? (
        <ul>
          {open.map((c) => (
            <li key={c.id}>
              <strong>{c.reference}</strong> {`${c.title} · ${date(c.opened_at)}`}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t("home.nocases")}</p>
      )}
    </section>
  );
}
