// Requests (Förfrågningar): what made footage leave, by due date; a new request;
// one request with its sessions, packages, decision and letter. Every rule
// (deadlines, what an export may be, who may decide) is in bevis::desk.

import { signal } from "@preact/signals";
import { useEffect, useState } from "preact/hooks";
import { call, type Home, type RequestDetail, type RequestRecord } from "../api.js";
import { date, type Key, t } from "../i18n.js";
import { go, role } from "../state.js";
import { attempt, ErrorLine, Field, FormActions, formValues, Modal, printHtml } from "../ui.js";

const KINDS = ["police", "data_subject_access", "public_access", "other"] as const;
const OPEN = ["received", "in_review", "decided"];
/** Today on the register's clock (the shell's `home` says). */
const today = signal("");

/** `overdue` (red), `soon` (amber, due within 3 days) or "" for an open request. */
export function urgency(r: { status: string; due: string }, now = today.value): string {
  if (!OPEN.includes(r.status) || !now) return "";
  const d = Math.round((Date.parse(r.due) - Date.parse(now)) / 86_400_000);
  return d < 0 ? "overdue" : d <= 3 ? "soon" : "";
}

function NewRequest(props: { onClose: (id?: number) => void }) {
  const [err, setErr] = useState("");
  const submit = (e: Event) => {
    e.preventDefault();
    const v = formValues(e.currentTarget as HTMLFormElement);
    const req = { ...v, identity_check: v.identity, case_ref: v.case || null };
    void attempt(
      async () => props.onClose((await call<RequestRecord>("new_request", { req })).id),
      () => {},
      setErr,
    );
  };
  return (
    <Modal testid="request-form" onClose={() => props.onClose()}>
      <form onSubmit={submit}>
        <h2>{t("req.new")}</h2>
        <Field label={t("req.kind")}>
          <select id="kind">
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`req.kind.${k}` as Key)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("req.received")} hint="ÅÅÅÅ-MM-DD">
          <input id="received" required value={today.value} />
        </Field>
        <Field label={t("req.requester")}>
          <input id="requester" required placeholder={t("req.requesterph")} />
        </Field>
        <Field label={t("req.contact")}>
          <input id="contact" />
        </Field>
        <Field label={t("req.identity")} hint={t("req.identityhint")}>
          <input id="identity" />
        </Field>
        <Field label={t("req.asked")}>
          <input id="asked" required placeholder={t("req.askedph")} />
        </Field>
        <Field label={t("session.case")}>
          <input id="case" placeholder="K-2026-0042" />
        </Field>
        <ErrorLine text={err} />
        <FormActions onCancel={() => props.onClose()} label={t("req.save")} testid="save-request" />
      </form>
    </Modal>
  );
}

/** A one-line form: the fields named, a button, the error under it. */
function Act(props: {
  label: string;
  testid: string;
  fields: [string, string][];
  run: (v: Record<string, string>) => Promise<unknown>;
  done: () => void;
}) {
  const [err, setErr] = useState("");
  const submit = (e: Event) => {
    e.preventDefault();
    void attempt(() => props.run(formValues(e.currentTarget as HTMLFormElement)), props.done, setErr);
  };
  return (
    <form class="act" data-testid={props.testid} onSubmit={submit}>
      {props.fields.map(([id, label]) =>
        id === "outcome" ? (
          <select key={id} id={id}>
            {["granted", "disclosed", "partly_disclosed", "refused"].map((o) => (
              <option key={o} value={o}>
                {t(`req.outcome.${o}` as Key)}
              </option>
            ))}
          </select>
        ) : (
          <input key={id} id={id} placeholder={label} required={id !== "told"} />
        ),
      )}
      <button type="submit">{props.label}</button>
      <ErrorLine text={err} />
    </form>
  );
}

function Detail(props: { id: number; reload: () => void }) {
  const [d, setD] = useState<RequestDetail | null>(null);
  const load = () => void call<RequestDetail>("request_detail", { id: props.id }).then(setD);
  useEffect(load, [props.id]);
  if (!d) return <p>{t("common.loading")}</p>;
  const r = d.request;
  const staff = role() !== "auditor" && OPEN.includes(r.status);
  const done = () => {
    load();
    props.reload();
  };
  const id = r.id;
  return (
    <section class="card" data-testid="request-detail">
      <h2>{`${t("req.one")} ${r.id} · ${t(`req.kind.${r.kind}` as Key)}`}</h2>
      <dl class="summary">
        <dt>{t("req.status")}</dt>
        <dd data-testid="request-status">{t(`req.status.${r.status}` as Key)}</dd>
        <dt>{t("req.due")}</dt>
        <dd class={urgency(r)}>{date(r.due)}</dd>
        <dt>{t("req.requester")}</dt>
        <dd>{`${r.requester} ${r.contact}`}</dd>
        <dt>{t("req.asked")}</dt>
        <dd>{r.asked}</dd>
        <dt>{t("session.case")}</dt>
        <dd>{d.case_ref ?? "–"}</dd>
        {r.extensions.map((x) => [
          <dt key={`${x.at}a`}>{t("req.extended")}</dt>,
          <dd key={`${x.at}b`}>{`+${x.months} → ${date(x.due)} (${x.why})`}</dd>,
        ])}
        {r.decisions.map((x) => [
          <dt key={`${x.id}a`}>{t("req.decision")}</dt>,
          <dd key={`${x.id}b`}>{`${t(`req.outcome.${x.outcome}` as Key)} — ${x.ground} (${x.by}, ${date(x.at)})`}</dd>,
        ])}
      </dl>
      <h3>{t("req.sessions")}</h3>
      <ul>
        {d.sessions.map((s) => (
          <li key={s.id}>
            <button type="button" class="link" onClick={() => go("workspace", s.id)}>
              {`${t(`reason.${s.reason}` as Key)} · ${s.sources.map((x) => x.camera).join(", ")} · ${s.from.replace("T", " ")}`}
            </button>
          </li>
        ))}
      </ul>
      {staff ? (
        <button type="button" data-testid="open-review" onClick={() => go("new-session", r.id)}>
          {t("req.openreview")}
        </button>
      ) : null}
      <h3>{t("req.packages")}</h3>
      <ul>
        {d.exports.map((e) => (
          <li key={e.package_id}>
            <code>{e.package_id.slice(0, 8)}</code>
            {` · ${e.recipient ?? "–"} · ${t(`status.${e.status}` as Key)} `}
            {staff && r.status === "decided" ? (
              <button
                type="button"
                data-testid="deliver"
                onClick={() =>
                  void attempt(() => call("deliver_request", { id, packageId: e.package_id }), done, alert)
                }
              >
                {t("req.deliver")}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {staff ? (
        <Act
          label={t("req.decide")}
          testid="decide"
          fields={[
            ["outcome", ""],
            ["ground", t("req.ground")],
          ]}
          run={(v) => call("decide_request", { id, outcome: v.outcome, ground: v.ground })}
          done={done}
        />
      ) : null}
      {staff && r.kind === "data_subject_access" ? (
        <Act
          label={t("req.extend")}
          testid="extend"
          fields={[
            ["months", t("req.months")],
            ["why", t("req.why")],
            ["told", t("req.told")],
          ]}
          run={(v) => call("extend_request", { id, months: Number(v.months), why: v.why, told: v.told || null })}
          done={done}
        />
      ) : null}
      {r.decisions.length ? (
        <button type="button" onClick={() => void call<string>("request_letter", { id }).then(printHtml)}>
          {t("req.letter")}
        </button>
      ) : null}
    </section>
  );
}

export function Requests() {
  const [list, setList] = useState<RequestRecord[]>([]);
  const [filter, setFilter] = useState("open");
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<number | null>(null);
  const load = () => void call<RequestRecord[]>("requests").then(setList);
  useEffect(() => {
    void call<Home>("home").then((h) => {
      today.value = h.today;
    });
    load();
  }, []);
  const rows = list.filter(
    (r) => filter === "all" || (filter === "open" ? OPEN.includes(r.status) : r.kind === filter),
  );
  return (
    <section class="requests" data-testid="requests">
      <div class="row">
        <h1>{t("req.title")}</h1>
        <select
          data-testid="request-filter"
          value={filter}
          onChange={(e) => setFilter((e.currentTarget as HTMLSelectElement).value)}
        >
          {["open", "all", ...KINDS].map((f) => (
            <option key={f} value={f}>
              {f === "open" || f === "all" ? t(`req.filter.${f}` as Key) : t(`req.kind.${f}` as Key)}
            </option>
          ))}
        </select>
        {role() !== "auditor" ? (
          <button type="button" class="primary" data-testid="new-request" onClick={() => setAdding(true)}>
            {t("req.new")}
          </button>
        ) : null}
      </div>
      <table>
        <thead>
          <tr>
            {["req.due", "req.kind", "req.requester", "req.received", "req.status"].map((k) => (
              <th key={k}>{t(k as Key)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} class={urgency(r)}>
              <td>
                <button type="button" class="link" data-testid={`request-${r.id}`} onClick={() => setShown(r.id)}>
                  {date(r.due)}
                </button>
              </td>
              <td>{t(`req.kind.${r.kind}` as Key)}</td>
              <td>{r.requester}</td>
              <td>{date(r.received)}</td>
              <td>{t(`req.status.${r.status}` as Key)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length ? null : <p class="muted">{t("req.none")}</p>}
      {shown === null ? null : <Detail key={shown} id={shown} reload={load} />}
      {adding ? (
        <NewRequest
          onClose={(id) => {
            setAdding(false);
            load();
            if (id) setShown(id);
          }}
        />
      ) : null}
    </section>
  );
}
