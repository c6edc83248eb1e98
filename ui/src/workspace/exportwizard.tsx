// The export wizard: summary → recipient, delete-by, original footage, drive → start. The export then
// runs as a job of the app (jobs.tsx): its progress, the password and the receipt
// show over any screen, so the user may go on working meanwhile.

import { useEffect, useState } from "preact/hooks";
import { call, type Drive, type Settings } from "../api.js";
import { dateInputHint, daysFromToday, fromDateInput, num, t, toDateInput } from "../i18n.js";
import { startExport } from "../jobs.js";
import { status } from "../state.js";
import { clock } from "../timeline.js";
import { ErrorLine, Field, FormActions, Modal } from "../ui.js";
import { ExportOptions } from "./exportoptions.js";
import { LeakCheck, type LeakState } from "./leakcheck.js";
import { multi, shownStart, stillsOfPlan, type Ws } from "./ws.js";

function Summary(props: { ws: Ws }) {
  const ws = props.ws;
  const plan = ws.store.plan;
  const cam = (c: (typeof plan.clips)[number]) =>
    Math.max(
      0,
      plan.sources.findIndex((x) => x.id === c.source),
    );
  const { stills, outside } = stillsOfPlan(ws);
  const crop = (c: (typeof plan.clips)[number]) => (c.crop ? `${c.crop.w}×${c.crop.h}` : t("exp.nocrop"));
  const name = (c: (typeof plan.clips)[number]) => (multi(ws) ? `${ws.session.sources[cam(c)].camera} ` : "");
  const at = (c: (typeof plan.clips)[number], secs: number) => clock(shownStart(ws, cam(c)), secs);
  return (
    <dl class="summary">
      <dt>{t("exp.clip")}</dt>
      <dd data-testid="export-clips">
        {plan.clips.map((c) => (
          <div
            key={`${c.source}-${c.in}-${c.out}`}
          >{`${name(c)}${at(c, c.in)}–${at(c, c.out)} (${num(c.out - c.in, 1)} s, ${crop(c)})`}</div>
        ))}
      </dd>
      <dt>{t("exp.tracks")}</dt>
      <dd>{plan.tracks.length}</dd>
      <dt>{t("exp.mode")}</dt>
      <dd>{t(`mode.${plan.mode}`)}</dd>
      <dt>{t("exp.stills")}</dt>
      <dd data-testid="export-stills">
        {stills.length
          ? stills.map((s) => `${name(plan.clips[s.clip])}${at(plan.clips[s.clip], s.t)}`).join(", ")
          : "–"}
        {outside ? <div class="warning">{t("exp.stillsoutside", { n: outside })}</div> : null}
      </dd>
    </dl>
  );
}

type Form = "none" | "files" | "cut";

/** The optional master exhibit: never offered for a data subject's access request. */
function Original(props: { ws: Ws; form: Form; why: string; onForm: (f: Form) => void; onWhy: (w: string) => void }) {
  if (props.ws.session.reason === "data_subject_request") return <p class="muted">{t("exp.original.dsr")}</p>;
  return (
    <fieldset data-testid="export-original">
      <legend>{t("exp.original")}</legend>
      {(["none", "files", "cut"] as const).map((f) => (
        <label key={f} class="radio">
          <input type="radio" name="original" value={f} checked={props.form === f} onChange={() => props.onForm(f)} />
          {t(`exp.original.${f}`)}
        </label>
      ))}
      {props.form === "none" ? null : (
        <Field label={t("exp.original.why")} hint={t("exp.original.hint")}>
          <textarea
            id="original-why"
            required
            value={props.why}
            onInput={(e) => props.onWhy((e.currentTarget as HTMLTextAreaElement).value)}
          />
        </Field>
      )}
    </fieldset>
  );
}

function Drives(props: { onPick: (mountpoint: string) => void }) {
  const [list, setList] = useState<Drive[] | null>(null);
  useEffect(() => {
    void call<Drive[]>("drives").then(setList);
  }, []);
  const gb = (n: number | null) => (n === null ? "?" : num(n / 2 ** 30, 1));
  return (
    <ul class="drives">
      {list && !list.length ? <li class="muted">{t("exp.nodrives")}</li> : null}
      {list?.map((d) => (
        <li key={d.mountpoint}>
          <button type="button" class="link" onClick={() => props.onPick(d.mountpoint)}>
            {`${d.label ?? d.device} · ${d.fstype ?? "?"} · ${gb(d.size)} GB, ${gb(d.free)} GB ${t("exp.free")}`}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function ExportWizard(props: { ws: Ws; onClose: () => void }) {
  const ws = props.ws;
  const [drive, setDrive] = useState("");
  const [recipient, setRecipient] = useState("");
  const [deleteBy, setDeleteBy] = useState("");
  const [err, setErr] = useState("");
  const [form, setForm] = useState<Form>("none");
  const [why, setWhy] = useState("");
  const [leak, setLeak] = useState<LeakState>("unchecked");
  const [override, setOverride] = useState("");
  useEffect(() => {
    void call<Settings>("settings").then((s) => setDeleteBy((d) => d || toDateInput(daysFromToday(s.delete_by_days))));
  }, []);
  const pickFolder = async () => {
    const p = await call<string | null>("pick_footage", { folder: true });
    if (p) setDrive(p);
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const date = fromDateInput(deleteBy);
    if (!drive.trim()) return setErr(t("exp.choosedrive"));
    if (!date) return setErr(t("exp.baddate", { hint: dateInputHint() }));
    if (form !== "none" && why.trim().length < 10) return setErr(t("exp.original.nowhy"));
    if (leak !== "passed" && override.trim().length < 10) return setErr(t("leak.needed"));
    const req = {
      session: ws.id,
      plan: ws.store.plan,
      delete_by: date,
      recipient,
      drive: drive.trim(),
      stills: stillsOfPlan(ws).stills,
      original: form === "none" ? null : { form, why: why.trim() },
      override_why: leak === "passed" ? null : override.trim(),
    };
    startExport(req, status.value?.user?.username ?? "");
    props.onClose();
  };
  const text = (set: (v: string) => void) => (e: Event) => set((e.currentTarget as HTMLInputElement).value);
  return (
    <Modal testid="export-form" onClose={props.onClose}>
      <form onSubmit={submit}>
        <h2>{t("exp.title")}</h2>
        <Summary ws={ws} />
        <Field label={t("exp.recipient")}>
          <input id="recipient" placeholder={t("exp.recipientph")} value={recipient} onInput={text(setRecipient)} />
        </Field>
        <Field label={t("exp.deleteby")} hint={`${t("exp.deletebyhint")} (${dateInputHint()})`}>
          <input id="deleteby" required value={deleteBy} onInput={text(setDeleteBy)} placeholder={dateInputHint()} />
        </Field>
        <ExportOptions ws={ws} />
        <Original ws={ws} form={form} why={why} onForm={setForm} onWhy={setWhy} />
        <LeakCheck ws={ws} onState={setLeak} />
        {leak === "passed" ? null : (
          <Field label={t("leak.override")} hint={t("leak.overridehint")}>
            <textarea
              id="override-why"
              value={override}
              onInput={(e) => setOverride((e.currentTarget as HTMLTextAreaElement).value)}
            />
          </Field>
        )}
        <h3>{t("exp.drive")}</h3>
        <Drives onPick={setDrive} />
        <Field label={t("exp.folder")}>
          <input id="drive" required placeholder="/media/usb" value={drive} onInput={text(setDrive)} />
        </Field>
        <button type="button" onClick={() => void pickFolder()}>
          {t("session.pickfolder")}
        </button>
        <ErrorLine text={err} />
        <FormActions onCancel={props.onClose} label={t("exp.start")} testid="start-export" />
      </form>
    </Modal>
  );
}
