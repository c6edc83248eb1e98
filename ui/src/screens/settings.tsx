// Settings, users and the language (admin; the language for everyone).

import { useEffect, useState } from "preact/hooks";
import { type AccountState, call, type Settings } from "../api.js";
import { currentLang, type Key, setLang, t } from "../i18n.js";
import { attempt, Field, formValues, message } from "../ui.js";

const KEYS = ["organisation", "retention_days", "delete_by_days", "auto_lock_minutes"] as const;

function SettingsForm(props: { s: Settings }) {
  const s = props.s;
  const [msg, setMsg] = useState("");
  const submit = async (e: Event) => {
    e.preventDefault();
    const v = formValues(e.currentTarget as HTMLFormElement);
    try {
      for (const key of KEYS) if (String(s[key]) !== v[key]) await call("set_setting", { key, value: v[key] });
      setMsg(t("common.saved"));
    } catch (x) {
      setMsg(message(x));
    }
  };
  return (
    <form class="card" onSubmit={submit}>
      <h2>{t("set.title")}</h2>
      <Field label={t("setup.org")}>
        <input id="organisation" defaultValue={s.organisation} />
      </Field>
      <Field label={t("set.retention")} hint={t("set.retentionhint")}>
        <input id="retention_days" type="number" defaultValue={String(s.retention_days)} />
      </Field>
      <Field label={t("set.deleteby")}>
        <input id="delete_by_days" type="number" defaultValue={String(s.delete_by_days)} />
      </Field>
      <Field label={t("set.autolock")}>
        <input id="auto_lock_minutes" type="number" defaultValue={String(s.auto_lock_minutes)} />
      </Field>
      <p role="status">{msg}</p>
      <button type="submit" class="primary">
        {t("common.save")}
      </button>
    </form>
  );
}

function Users(props: { list: AccountState[]; reload: () => void }) {
  const [err, setErr] = useState("");
  const run = (f: () => Promise<unknown>) => attempt(f, props.reload, setErr);
  const add = (e: Event) => {
    e.preventDefault();
    const v = formValues(e.currentTarget as HTMLFormElement);
    void run(() => call("add_user", { username: v.nu, display: v.nd || v.nu, role: v.nr, password: v.np }));
  };
  return (
    <div class="card">
      <h2>{t("set.users")}</h2>
      <table>
        <tbody>
          {props.list.map((u) => (
            <tr key={u.id}>
              <td>{u.username}</td>
              <td>{u.display_name}</td>
              <td>{t(`role.${u.role}` as Key)}</td>
              <td>
                {u.disabled ? (
                  t("set.disabled")
                ) : (
                  <button type="button" onClick={() => void run(() => call("disable_user", { username: u.username }))}>
                    {t("set.disable")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="row" onSubmit={add}>
        <input id="nu" placeholder={t("login.user")} required />
        <input id="nd" placeholder={t("set.display")} />
        <select id="nr">
          {["reviewer", "admin", "auditor"].map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}` as Key)}
            </option>
          ))}
        </select>
        <input id="np" type="password" placeholder={t("login.password")} required minLength={8} />
        <button type="submit">{t("set.adduser")}</button>
      </form>
      <p class="error">{err}</p>
    </div>
  );
}

export function SettingsScreen() {
  const [data, setData] = useState<{ s: Settings; users: AccountState[] } | null>(null);
  const reload = () =>
    void Promise.all([call<Settings>("settings"), call<AccountState[]>("users")]).then(([s, users]) =>
      setData({ s, users }),
    );
  useEffect(reload, []);
  const switchLang = (value: string) => {
    localStorage.setItem("lang", value);
    setLang(value);
    location.reload();
  };
  return (
    <section>
      <h1>{t("nav.settings")}</h1>
      <Field label={t("set.language")}>
        <select value={currentLang()} onChange={(e) => switchLang(e.currentTarget.value)}>
          <option value="sv">Svenska</option>
          <option value="en">English</option>
        </select>
      </Field>
      {data ? <SettingsForm key={JSON.stringify(data.s)} s={data.s} /> : null}
      {data ? <Users list={data.users} reload={reload} /> : null}
    </section>
  );
}
