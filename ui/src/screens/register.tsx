// The evidence register: every package, its handover, and deleting expired ones from a drive.

import { useEffect, useState } from "preact/hooks";
import { call, type EvidenceRow, type SweepItem } from "../api.js";
import { date, type Key, num, t } from "../i18n.js";
import { role } from "../state.js";
import { attempt, message } from "../ui.js";

function Row(props: { e: EvidenceRow; reload: () => void }) {
  const e = props.e;
  const staff = role() !== "auditor";
  const act = (f: () => Promise<unknown>) => attempt(f, props.reload, alert);
  const handOver = () => {
    const r = prompt(t("reg.recipient"));
    if (r) void act(() => call("hand_over", { packageId: e.package_id, recipient: r }));
  };
  return (
    <tr data-testid={`export-${e.package_id}`}>
      <td>{e.case_ref}</td>
      <td>
        <code>{e.package_id.slice(0, 8)}</code>
      </td>
      <td>{t(`status.${e.status}` as Key)}</td>
      <td>{date(e.delete_by)}</td>
      <td>{e.recipient ?? "–"}</td>
      <td>{e.drive_label ?? "–"}</td>
      <td>
        {staff && e.status === "exported" ? (
          <button type="button" onClick={handOver}>
            {t("reg.handover")}
          </button>
        ) : null}
        {staff && e.status === "handed_over" ? (
          <button type="button" onClick={() => void act(() => call("returned", { packageId: e.package_id }))}>
            {t("reg.returned")}
          </button>
        ) : null}
      </td>
    </tr>
  );
}

function SweepRow(props: { it: SweepItem }) {
  const it = props.it;
  const [confirmed, setConfirmed] = useState(false);
  const [state, setState] = useState<{ busy?: boolean; wiped?: string; error?: string }>({});
  const wipe = async () => {
    setState({ busy: true });
    try {
      const bytes = await call<number>("sweep_wipe", { item: it, confirmed });
      setState({ wiped: t("reg.wiped", { case: it.case_ref, mb: num(bytes / 2 ** 20, 1) }) });
    } catch (x) {
      setState({ error: message(x) });
    }
  };
  if (state.wiped) return <li class={it.verdict}>{state.wiped}</li>;
  const ask = it.verdict === "unknown" || it.verdict === "not_due";
  return (
    <li class={state.busy ? `${it.verdict} busy` : it.verdict}>
      {`${it.case_ref} · ${it.package_id.slice(0, 8)} · ${date(it.delete_by)} · ${t(`verdict.${it.verdict}` as Key)} `}
      {ask ? (
        <label>
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} />
          {t("reg.confirm")}
        </label>
      ) : null}
      <button type="button" class="danger" data-testid={`wipe-${it.package_id}`} disabled={state.busy} onClick={wipe}>
        {t("reg.delete")}
      </button>
      {state.error ? <span class="error">{state.error}</span> : null}
    </li>
  );
}

function Sweep() {
  const [drive, setDrive] = useState("");
  const [items, setItems] = useState<SweepItem[] | null>(null);
  const [error, setError] = useState("");
  const scan = async () => {
    setError("");
    try {
      setItems(await call<SweepItem[]>("sweep_scan", { drive: drive.trim() }));
    } catch (x) {
      setError(message(x));
    }
  };
  return (
    <div class="card">
      <h2>{t("reg.sweep")}</h2>
      <p class="muted">{t("reg.sweephint")}</p>
      <div class="row">
        <input
          id="sweep-drive"
          placeholder="/media/usb"
          data-testid="sweep-drive"
          value={drive}
          onInput={(e) => setDrive(e.currentTarget.value)}
        />
        <button type="button" data-testid="sweep-scan" onClick={scan}>
          {t("reg.scan")}
        </button>
      </div>
      <div data-testid="sweep-result">
        {error ? <p class="error">{error}</p> : null}
        {items && !items.length ? <p class="muted">{t("reg.nothing")}</p> : null}
        {items?.length ? (
          <ul>
            {items.map((it) => (
              <SweepRow key={it.container} it={it} />
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

const COLUMNS: Key[] = [
  "reg.case",
  "reg.package",
  "reg.status",
  "reg.deleteby",
  "reg.recipientcol",
  "reg.drive",
  "reg.actions",
];

export function Register() {
  const [rows, setRows] = useState<EvidenceRow[]>([]);
  const reload = () => void call<EvidenceRow[]>("exports").then(setRows);
  useEffect(reload, []);
  return (
    <section data-testid="register">
      <h1>{t("reg.title")}</h1>
      <table>
        <thead>
          <tr>
            {COLUMNS.map((k) => (
              <th key={k}>{t(k)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <Row key={e.package_id} e={e} reload={reload} />
          ))}
        </tbody>
      </table>
      {role() !== "auditor" ? <Sweep /> : null}
    </section>
  );
}
