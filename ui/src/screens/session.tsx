// A new review session: the case, the reason, the footage and the incident window.

import { useEffect, useState } from "preact/hooks";
import { type Case, call, type MediaInfo, onDrop, type RequestDetail, type Session, type Settings } from "../api.js";
import { date, type Key, num, t } from "../i18n.js";
import { go, status } from "../state.js";
import { ErrorLine, Field, FormActions, message } from "../ui.js";

const REASONS = ["suspected_crime", "violence_threat", "vandalism", "accident", "data_subject_request", "other"];
const FIELDS = ["case", "title", "reason", "note", "path", "camera", "start", "from", "to"] as const;
type Form = Record<(typeof FIELDS)[number], string>;

/** What the footage is, in one sentence, and the window it suggests. */
async function probe(path: string): Promise<{ facts: string; start?: string; from?: string; to?: string }> {
  const [info, settings] = await Promise.all([call<MediaInfo>("probe", { path }), call<Settings>("settings")]);
  const start = info.start?.at ?? null;
  const at = start ? Date.parse(`${start}Z`) : 0;
  const auto = start ? new Date(at + settings.retention_days * 86_400_000).toISOString().slice(0, 10) : null;
  const facts = t("session.facts", {
    codec: info.codec,
    w: info.width,
    h: info.height,
    fps: num(info.rate.num / info.rate.den, 2),
    s: num(info.duration, 1),
    start: start ? start.replace("T", " ") : t("session.unknownstart"),
    auto: auto ? date(auto) : "–",
  });
  if (!start) return { facts };
  const to = new Date(at + info.duration * 1000).toISOString().slice(0, 19).replace("T", " ");
  return { facts, start, from: start.replace("T", " "), to };
}

function useCases(): Case[] {
  const [cases, setCases] = useState<Case[]>([]);
  useEffect(() => {
    void call<{ cases: Case[] }>("home").then((h) => setCases(h.cases.filter((c) => c.status === "open")));
  }, []);
  return cases;
}

const REASON_OF: Record<string, string> = {
  police: "suspected_crime",
  data_subject_access: "data_subject_request",
  public_access: "other",
  other: "other",
};

/** Opened from a request: its case, the reason its kind sets, a note naming it. */
function useRequest(id: number | undefined, fill: (f: Partial<Form>) => void) {
  useEffect(() => {
    if (id === undefined) return;
    void call<RequestDetail>("request_detail", { id }).then((d) => {
      const r = d.request;
      fill({ case: d.case_ref ?? "", reason: REASON_OF[r.kind], note: `${t("req.one")} ${r.id}: ${r.asked}` });
    });
  }, [id]);
}

export function NewSession(props: { request?: number }) {
  const [form, setForm] = useState<Form>(() => {
    const empty = Object.fromEntries(FIELDS.map((f) => [f, ""])) as Form;
    return { ...empty, reason: REASONS[0], path: status.value?.footage ?? "" };
  });
  const [facts, setFacts] = useState("");
  const [err, setErr] = useState("");
  const cases = useCases();
  useRequest(props.request, (f) => setForm((old) => ({ ...old, ...f })));
  const set = (k: keyof Form) => (e: Event) => {
    const v = (e.currentTarget as HTMLInputElement).value;
    setForm((f) => ({ ...f, [k]: v }));
  };
  const read = async (path: string) => {
    if (!path.trim()) return;
    try {
      const p = await probe(path.trim());
      setFacts(p.facts);
      setForm((f) => ({ ...f, start: f.start || p.start || "", from: f.from || p.from || "", to: f.to || p.to || "" }));
    } catch (e) {
      setFacts(message(e));
    }
  };
  const usePath = (path: string) => {
    setForm((f) => ({ ...f, path }));
    void read(path);
  };
  useEffect(() => {
    if (form.path) void read(form.path);
    const off = onDrop((paths) => paths[0] && usePath(paths[0]));
    return () => void off.then((f) => f());
  }, []);
  const pick = async (folder: boolean) => {
    const p = await call<string | null>("pick_footage", { folder });
    if (p) usePath(p);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setErr("");
    try {
      const known = (await call<{ cases: Case[] }>("home")).cases.some((c) => c.reference === form.case.trim());
      if (!known) await call("open_case", { reference: form.case.trim(), title: form.title.trim() });
      const { title: _, case: caseRef, ...rest } = form;
      const req = { ...rest, case_ref: caseRef.trim(), path: form.path.trim(), request: props.request ?? null };
      const s = await call<Session>("open_session", { req });
      go("workspace", s.id);
    } catch (x) {
      setErr(message(x));
    }
  };
  const input = (k: keyof Form, extra: Record<string, unknown> = {}) => (
    <input id={k} value={form[k]} onInput={set(k)} {...extra} />
  );
  return (
    <form class="card" data-testid="new-session-form" onSubmit={submit}>
      <h1>{t("session.title")}</h1>
      <p class="muted">{t("session.intro")}</p>
      {props.request === undefined ? null : (
        <p class="notice" data-testid="for-request">
          {t("session.forrequest", { id: props.request })}
        </p>
      )}
      <div class="grid2">
        <Field label={t("session.case")} hint={t("session.casehint")}>
          {input("case", { required: true, list: "cases", placeholder: "K-2026-0042" })}
        </Field>
        <datalist id="cases">
          {cases.map((c) => (
            <option key={c.id} value={c.reference}>
              {c.title}
            </option>
          ))}
        </datalist>
        <Field label={t("session.casetitle")}>{input("title", { placeholder: t("session.casetitleph") })}</Field>
        <Field label={t("session.reason")}>
          <select
            id="reason"
            required
            value={form.reason}
            onChange={set("reason")}
            disabled={props.request !== undefined}
          >
            {REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`reason.${r}` as Key)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("session.note")}>{input("note", { required: true, placeholder: t("session.noteph") })}</Field>
      </div>
      <div class="drop" data-testid="drop">
        <Field label={t("session.footage")} hint={t("session.drophint")}>
          {input("path", {
            required: true,
            placeholder: "/media/nvr/kamera2/",
            onChange: (e: Event) => void read((e.currentTarget as HTMLInputElement).value),
          })}
        </Field>
        <button type="button" onClick={() => void pick(false)}>
          {t("session.pickfile")}
        </button>
        <button type="button" onClick={() => void pick(true)}>
          {t("session.pickfolder")}
        </button>
        <p class="muted" data-testid="facts">
          {facts}
        </p>
      </div>
      <div class="grid2">
        <Field label={t("session.camera")}>{input("camera", { placeholder: t("session.cameraph") })}</Field>
        <Field label={t("session.start")} hint={t("session.starthint")}>
          {input("start", { placeholder: "2026-11-21T12:30:00" })}
        </Field>
        <Field label={t("session.from")} hint={t("session.windowhint")}>
          {input("from", { required: true, placeholder: "2026-11-21 12:38" })}
        </Field>
        <Field label={t("session.to")}>{input("to", { required: true, placeholder: "2026-11-21 12:45" })}</Field>
      </div>
      <ErrorLine text={err} />
      <FormActions onCancel={() => go("home")} label={t("session.open")} testid="open-session" />
    </form>
  );
}
