// The leak check in the export wizard: the person detector over the clips, and
// every person the plan would leave unmasked with a still as the recipient
// would see it — to mask (one click makes a track from the detection) or to
// name as involved. The core records the check and refuses an export of a plan
// that has not passed it unless a written reason overrides (bevis::desk).

import { useEffect, useState } from "preact/hooks";
import { call, channel, jobId, type Progress } from "../api.js";
import type { Checked, LeakResolution } from "../bindings.js";
import { t } from "../i18n.js";
import { clock, eta } from "../timeline.js";
import { message } from "../ui.js";
import { changed, shownStart, type Ws } from "./ws.js";

export type LeakState = "unchecked" | "open" | "passed";

export function LeakCheck(props: { ws: Ws; onState: (s: LeakState) => void }) {
  const ws = props.ws;
  const [job, setJob] = useState("");
  const [line, setLine] = useState("");
  const [result, setResult] = useState<Checked | null>(null);
  const [error, setError] = useState("");
  useEffect(() => () => void (job && call("cancel_job", { job }).catch(() => {})), [job]);
  const run = (resolutions: LeakResolution[]) => {
    const id = jobId("leak");
    const began = performance.now();
    setJob(id);
    setError("");
    const onProgress = channel<Progress>((p) => {
      const left = eta((performance.now() - began) / 1000, p.done_s, p.total_s);
      const pct = Math.round((100 * p.done_s) / Math.max(p.total_s, 1e-9));
      setLine(t("leak.progress", { pct, left: left === null ? "…" : Math.ceil(left) }));
    });
    call<Checked>("leak_check", { job: id, id: ws.id, plan: ws.store.plan, resolutions, onProgress })
      .then((r) => {
        if (resolutions.length) {
          ws.store.edit((p) => Object.assign(p, { tracks: r.plan.tracks, involved: r.plan.involved }));
          changed(ws);
        }
        setResult(r);
        props.onState(r.findings.length ? "open" : "passed");
      })
      .catch((e) => setError(message(e)))
      .finally(() => setJob(""));
  };
  const start = (source: string) =>
    shownStart(
      ws,
      Math.max(
        0,
        ws.store.plan.sources.findIndex((x) => x.id === source),
      ),
    );
  const involved = (finding: string) => {
    const label = prompt(t("leak.label"));
    if (label?.trim()) run([{ involved: { finding, label: label.trim() } }]);
  };
  const findings = result?.findings ?? [];
  return (
    <fieldset data-testid="leak">
      <legend>{t("leak.title")}</legend>
      <p class="muted">{t("leak.intro")}</p>
      {job ? (
        <p data-testid="leak-progress">
          {line || t("leak.starting")}{" "}
          <button type="button" onClick={() => void call("cancel_job", { job })}>
            {t("common.cancel")}
          </button>
        </p>
      ) : (
        <button type="button" data-testid="leak-check" onClick={() => run([])}>
          {result ? t("leak.again") : t("leak.run")}
        </button>
      )}
      {result && !findings.length ? <p data-testid="leak-passed">{t("leak.passed")}</p> : null}
      {result?.unsteady.length ? (
        <p class="warning" role="alert" data-testid="leak-unsteady">
          {t("leak.unsteady")}
        </p>
      ) : null}
      {findings.length && !job ? (
        <>
          <p class="error">{t("leak.found", { n: findings.length })}</p>
          <button
            type="button"
            data-testid="leak-mask-all"
            onClick={() => run(findings.map((f) => ({ mask: { finding: f.id } })))}
          >
            {t("leak.maskall")}
          </button>
          <ul class="leaks">
            {findings.map((f, i) => (
              <li key={f.id} data-testid={`leak-${i}`}>
                {result?.thumbs[i] ? <img src={result.thumbs[i]} alt="" height={64} /> : null}
                <span>{`${clock(start(f.source), f.from)}–${clock(start(f.source), f.to)} (${t(`leak.kind.${f.kind}`)}, ${f.frames} ${t("leak.frames")})`}</span>
                <button type="button" onClick={() => run([{ mask: { finding: f.id } }])}>
                  {t("leak.mask")}
                </button>
                <button type="button" onClick={() => involved(f.id)}>
                  {t("leak.involved")}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {error ? <p class="error">{error}</p> : null}
    </fieldset>
  );
}
