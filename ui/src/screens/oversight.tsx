// The audit log (with the chain check) and the annual report.

import { useEffect, useRef, useState } from "preact/hooks";
import { call, type Entry } from "../api.js";
import { dateTime, t } from "../i18n.js";

export function Audit() {
  const [log, setLog] = useState<Entry[]>([]);
  const [verdict, setVerdict] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    void call<Entry[]>("audit_log").then((l) => setLog(l.reverse().slice(0, 500)));
  }, []);
  const verify = async () => {
    const [state, a, ...rest] = (await call<string>("audit_verify")).split(" ");
    const ok = state === "OK";
    const text = ok
      ? t("audit.intact", { rows: Number(a) })
      : t("audit.broken", { row: Number(a), why: rest.join(" ") });
    setVerdict({ ok, text });
  };
  return (
    <section data-testid="audit">
      <div class="row">
        <h1>{t("audit.title")}</h1>
        <button type="button" data-testid="audit-verify" onClick={verify}>
          {t("audit.verify")}
        </button>
      </div>
      <p data-testid="audit-verdict" class={verdict ? (verdict.ok ? "ok" : "error") : ""}>
        {verdict?.text}
      </p>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>{t("audit.at")}</th>
            <th>{t("audit.actor")}</th>
            <th>{t("audit.action")}</th>
            <th>{t("audit.detail")}</th>
          </tr>
        </thead>
        <tbody>
          {log.map((e) => (
            <tr key={e.id}>
              <td>{e.id}</td>
              <td>{dateTime(e.at)}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td>{e.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The report is HTML from the core's template (escaped there); it is parsed as a
 *  document and its body moved in, without its style or any script. */
export function Report() {
  const [year, setYear] = useState(new Date().getFullYear());
  const out = useRef<HTMLDivElement>(null);
  const load = async () => {
    const html = await call<string>("report", { year });
    const doc = new DOMParser().parseFromString(html, "text/html");
    for (const n of doc.querySelectorAll("style, script")) n.remove();
    out.current?.replaceChildren(...Array.from(doc.body.childNodes));
  };
  useEffect(() => void load(), []);
  return (
    <section>
      <div class="row">
        <h1>{t("report.title")}</h1>
        <input
          type="number"
          min={2000}
          max={2200}
          value={year}
          onInput={(e) => setYear(Number(e.currentTarget.value))}
        />
        <button type="button" onClick={load}>
          {t("report.show")}
        </button>
        <button type="button" onClick={() => window.print()}>
          {t("report.print")}
        </button>
      </div>
      <div class="report" data-testid="report" ref={out} />
    </section>
  );
}
