// Exports run as jobs of the app, not of a screen: the wizard hands its export over
// here, so the user may keep working (or look at the register) while it runs; the
// header shows its progress and the result (the password, shown once) pops up when
// it is done. Each job belongs to the user who started it and shows to nobody else.
// Across a lock: a job that ends while its author is locked out is answered
// "locked" and dropped here — the shell keeps its result for the author
// (`waiting_exports`, collected at login); one that ends after they logged in
// again shows as usual; another user's login drops the author's jobs.

import { signal } from "@preact/signals";
import { CommandError, call, channel, type ExportDone as Done, jobId, type ExportProgress as Progress } from "./api.js";
import { t } from "./i18n.js";
import { eta } from "./timeline.js";
import { Modal, message, printHtml } from "./ui.js";

interface Job {
  id: string;
  /** The user who started it. */
  owner: string;
  began: number;
  line: string;
  fraction: number;
  open: boolean;
  done?: Done;
  error?: string;
}

const jobs = signal<Job[]>([]);

function update(id: string, f: (j: Job) => Partial<Job>): void {
  jobs.value = jobs.value.map((j) => (j.id === id ? { ...j, ...f(j) } : j));
}

function progressLine(j: Job, p: Progress): Partial<Job> {
  const left = eta((performance.now() - j.began) / 1000, p.done, p.total);
  if (!p.total) return { line: t(`exp.stage.${p.stage}` as never), fraction: 0 };
  const line = t("exp.frames", { done: p.done, total: p.total, left: left === null ? "…" : Math.ceil(left) });
  return { line, fraction: p.done / p.total };
}

/** Starts an export for `owner` (`req` without its job name); its dialog shows at once. */
export function startExport(req: object, owner: string): void {
  const id = jobId("export");
  const job = { id, owner, began: performance.now(), line: t("exp.preparing"), fraction: 0, open: true };
  jobs.value = [...jobs.value, job];
  const onProgress = channel<Progress>((p) => update(id, (j) => progressLine(j, p)));
  call<Done>("export", { req: { ...req, job: id }, onProgress })
    .then((done) => update(id, () => ({ done, open: true })))
    .catch((e) => {
      if (e instanceof CommandError && e.code === "locked") close(id);
      else update(id, () => ({ error: message(e), open: true }));
    });
}

/** `user` logged in: other users' jobs go (never shown to anybody else), and the
 *  results that finished while `user` was locked out are collected. */
export async function loggedIn(user: string): Promise<void> {
  jobs.value = jobs.value.filter((j) => j.owner === user);
  const waiting = await call<Done[]>("waiting_exports");
  const now = performance.now();
  const found = waiting.map((done) => ({
    id: jobId("export"),
    owner: user,
    began: now,
    line: "",
    fraction: 1,
    open: true,
    done,
  }));
  jobs.value = [...jobs.value, ...found];
}

function close(id: string): void {
  jobs.value = jobs.value.filter((j) => j.id !== id);
}

function Result(props: { d: Done; onClose: () => void }) {
  const d = props.d;
  return (
    <div data-testid="export-done">
      <h2>{t("exp.done")}</h2>
      <p>{d.read_back_direct ? t("exp.verified") : t("exp.verifiedcache")}</p>
      {d.password ? (
        <div class="password">
          <p>{t("exp.password")}</p>
          <code data-testid="password">{d.password}</code>
          <button type="button" onClick={() => void navigator.clipboard.writeText(d.password ?? "")}>
            {t("exp.copy")}
          </button>
          <button type="button" onClick={() => printHtml(d.slip ?? "")}>
            {t("exp.slip")}
          </button>
        </div>
      ) : null}
      <p>
        {t("exp.fingerprint")} <code>{d.fingerprint}</code>
      </p>
      <p class="muted" data-testid="container">
        {d.container}
      </p>
      <div class="row">
        <button type="button" onClick={() => printHtml(d.receipt)}>
          {t("exp.receipt")}
        </button>
        <button type="button" class="primary" data-testid="export-close" onClick={props.onClose}>
          {t("common.close")}
        </button>
      </div>
    </div>
  );
}

function Running(props: { j: Job }) {
  const j = props.j;
  return (
    <>
      <h2>{t("exp.working")}</h2>
      <progress max={1} value={j.fraction} />
      <p data-testid="progress">{j.line}</p>
      <div class="row">
        <button type="button" data-testid="cancel-export" onClick={() => void call("cancel_job", { job: j.id })}>
          {t("common.cancel")}
        </button>
        <button type="button" data-testid="export-background" onClick={() => update(j.id, () => ({ open: false }))}>
          {t("exp.background")}
        </button>
      </div>
    </>
  );
}

function JobDialog(props: { j: Job }) {
  const j = props.j;
  const body = j.done ? (
    <Result d={j.done} onClose={() => close(j.id)} />
  ) : j.error ? (
    <>
      <h2>{t("exp.failed")}</h2>
      <p class="error" data-testid="error">
        {j.error}
      </p>
      <button type="button" onClick={() => close(j.id)}>
        {t("common.close")}
      </button>
    </>
  ) : (
    <Running j={j} />
  );
  // Escape leaves a running export to go on in the background, and closes a finished one.
  const onClose = j.done || j.error ? () => close(j.id) : () => update(j.id, () => ({ open: false }));
  return (
    <Modal testid="export-wizard" onClose={onClose}>
      {body}
    </Modal>
  );
}

/** `user`'s open job dialogs, over whatever screen shows. */
export function JobDialogs(props: { user: string }) {
  return (
    <>
      {jobs.value
        .filter((j) => j.open && j.owner === props.user)
        .map((j) => (
          <JobDialog key={j.id} j={j} />
        ))}
    </>
  );
}

/** The header's note of `user`'s exports in the background; a click shows the dialog. */
export function JobChips(props: { user: string }) {
  return (
    <>
      {jobs.value
        .filter((j) => !j.open && j.owner === props.user)
        .map((j) => (
          <button
            type="button"
            key={j.id}
            class="chip"
            data-testid="job-chip"
            onClick={() => update(j.id, () => ({ open: true }))}
          >
            {j.done
              ? t("exp.chipdone")
              : j.error
                ? t("exp.failed")
                : t("exp.chip", { pct: Math.round(j.fraction * 100) })}
          </button>
        ))}
    </>
  );
}
