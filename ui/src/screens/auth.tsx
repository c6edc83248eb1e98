// First-run setup and login.

import { useState } from "preact/hooks";
import { call, type Status } from "../api.js";
import { t } from "../i18n.js";
import { ErrorLine, Field, message, formValues as values } from "../ui.js";

export function Setup(props: { onDone: () => void }) {
  const [err, setErr] = useState("");
  const submit = async (e: Event) => {
    e.preventDefault();
    const v = values(e.currentTarget as HTMLFormElement);
    if (v.pw !== v.pw2) return setErr(t("setup.mismatch"));
    try {
      await call("setup", { organisation: v.org, admin: v.admin, password: v.pw });
      props.onDone();
    } catch (x) {
      setErr(message(x));
    }
  };
  return (
    <div class="center">
      <form class="card narrow" data-testid="setup" onSubmit={submit}>
        <h1>{t("setup.title")}</h1>
        <p>{t("setup.intro")}</p>
        <Field label={t("setup.org")}>
          <input id="org" required autocomplete="organization" />
        </Field>
        <Field label={t("setup.admin")}>
          <input id="admin" required autocomplete="username" />
        </Field>
        <Field label={t("login.password")} hint={t("setup.pwhint")}>
          <input id="pw" type="password" required minLength={8} />
        </Field>
        <Field label={t("setup.repeat")}>
          <input id="pw2" type="password" required />
        </Field>
        <ErrorLine text={err} />
        <button type="submit" class="primary">
          {t("setup.create")}
        </button>
      </form>
    </div>
  );
}

export function Login(props: { status: Status; onDone: () => void }) {
  const [err, setErr] = useState("");
  const submit = async (e: Event) => {
    e.preventDefault();
    const v = values(e.currentTarget as HTMLFormElement);
    try {
      await call("login", { username: v.user, password: v.pw });
      props.onDone();
    } catch (x) {
      setErr(message(x));
    }
  };
  return (
    <div class="center">
      <form class="card narrow" data-testid="login" onSubmit={submit}>
        <h1>Bevis</h1>
        <p>{props.status.organisation}</p>
        <Field label={t("login.user")}>
          <input id="user" required autocomplete="username" />
        </Field>
        <Field label={t("login.password")}>
          <input id="pw" type="password" required autocomplete="current-password" />
        </Field>
        <ErrorLine text={err} />
        <button type="submit" class="primary">
          {t("login.submit")}
        </button>
      </form>
    </div>
  );
}
