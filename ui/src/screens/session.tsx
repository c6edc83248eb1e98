// A new review session: the case, the reason, the footage and the incident window.

import { useEffect, useRef, useState } from "preact/hooks";
import { type Case, call, onDrop, type RequestDetail, type Session } from "../api.js";
import { type Key, t } from "../i18n.js";
import { go, status } from "../state.js";
import { typedStart } from "../timeline.js";
import { ErrorLine, Field, FormActions, message } from "../ui.js";
import { blankRec, probe, type Rec, Recordings, windowOf } from "./recordings.js";

const REASONS = ["suspected_crime", "violence_threat", "vandalism", "accident", "data_subject_request", "other"];
const FIELDS = ["case", "title", "reason", "note", "from", "to"] as const;
type Form = Record<(typeof FIELDS)[number], string>;

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

/** The recordings' rows: a path is read as it is entered (its facts), and a recording
 *  whose start is known — from the file, or typed — suggests the window while it is
 *  empty. Dropped files fill an empty row, then new ones. */
function useRecordings(fill: (f: Partial<Form>) => void) {
  const [recs, setRecs] = useState<Rec[]>(() => [blankRec(status.value?.footage ?? "")]);
  const now = useRef(recs);
  now.current = recs;
  const edit = (i: number, r: Partial<Rec>) => setRecs((all) => all.map((x, j) => (j === i ? { ...x, ...r } : x)));
  const read = async (i: number, path: string) => {
    edit(i, { path, info: null, error: "" });
    if (!path.trim()) return;
    try {
      const info = await probe(path.trim());
      if (now.current[i]?.path !== path) return; // the row changed meanwhile: its own read answers
      edit(i, { info });
      fill(windowOf({ ...now.current[i], info }) ?? {});
    } catch (e) {
      if (now.current[i]?.path === path) edit(i, { error: message(e) });
    }
  };
  const drop = (paths: string[]) => {
    const keep = now.current.length === 1 && !now.current[0].path.trim() ? [] : now.current;
    setRecs([...keep, ...paths.map((path) => blankRec(path))]);
    // One after the other: many files dropped at once must not start as many probes.
    void (async () => {
      for (const [k, path] of paths.entries()) await read(keep.length + k, path);
    })();
  };
  const add = () => setRecs((all) => [...all, blankRec()]);
  const remove = (i: number) => setRecs((all) => all.filter((_, j) => j !== i));
  const suggest = (rec: Rec) => fill(windowOf(rec) ?? {});
  return { recs, edit, read, drop, add, remove, suggest };
}

export function NewSession(props: { request?: number }) {
  const [form, setForm] = useState<Form>(() => {
    const empty = Object.fromEntries(FIELDS.map((f) => [f, ""])) as Form;
    return { ...empty, reason: REASONS[0] };
  });
  const [err, setErr] = useState("");
  const cases = useCases();
  // The window is suggested once, by the first recording read; typed values are kept.
  const fill = (f: Partial<Form>) =>
    setForm((old) => ({ ...old, from: old.from || f.from || "", to: old.to || f.to || "" }));
  const rec = useRecordings(fill);
  useRequest(props.request, (f) => setForm((old) => ({ ...old, ...f })));
  const set = (k: keyof Form) => (e: Event) => {
    const v = (e.currentTarget as HTMLInputElement).value;
    setForm((f) => ({ ...f, [k]: v }));
  };
  useEffect(() => {
    if (rec.recs[0].path) void rec.read(0, rec.recs[0].path);
    const off = onDrop(rec.drop);
    return () => void off.then((f) => f());
  }, []);
  const submit = async (e: Event) => {
    e.preventDefault();
    setErr("");
    try {
      const known = (await call<{ cases: Case[] }>("home")).cases.some((c) => c.reference === form.case.trim());
      if (!known) await call("open_case", { reference: form.case.trim(), title: form.title.trim() });
      const { title: _, case: caseRef, ...rest } = form;
      // A start typed as the facts line read it goes to the core in its one form; anything else as typed (refused clearly there).
      const sources = rec.recs.map((r) => ({
        path: r.path.trim(),
        camera: r.camera,
        start: typedStart(r.start) ?? r.start,
      }));
      const req = { ...rest, case_ref: caseRef.trim(), sources, request: props.request ?? null };
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
      <Recordings
        recs={rec.recs}
        edit={rec.edit}
        read={(i, p) => void rec.read(i, p)}
        add={rec.add}
        remove={rec.remove}
        suggest={rec.suggest}
      />
      <div class="grid2">
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
