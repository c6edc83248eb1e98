// Another camera for the incident: its recording, name and start, and why (logged).
// The workspace reopens with the grid once the core has added it.

import { useState } from "preact/hooks";
import { call } from "../api.js";
import { t } from "../i18n.js";
import { PickFootage } from "../screens/recordings.js";
import { ErrorLine, Field, FormActions, Modal, message } from "../ui.js";
import type { Ws } from "./ws.js";

export function AddCamera(props: { ws: Ws; onClose: () => void; onAdded: () => void }) {
  const [f, setF] = useState({ path: "", camera: "", start: "", why: "" });
  const [err, setErr] = useState("");
  const text = (k: keyof typeof f) => (e: Event) => {
    const v = (e.currentTarget as HTMLInputElement).value;
    setF((old) => ({ ...old, [k]: v }));
  };
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await call("add_camera", { id: props.ws.id, ...f, path: f.path.trim() });
      props.onAdded();
    } catch (x) {
      setErr(message(x));
    }
  };
  return (
    <Modal testid="add-camera" onClose={props.onClose}>
      <form onSubmit={save}>
        <h2>{t("cam.title")}</h2>
        <p class="muted">{t("cam.intro")}</p>
        <Field label={t("cam.path")}>
          <input id="cam-path" required value={f.path} onInput={text("path")} />
        </Field>
        <div class="row">
          <PickFootage onPick={(path) => setF((old) => ({ ...old, path }))} />
        </div>
        <Field label={t("cam.name")}>
          <input id="cam-name" required value={f.camera} onInput={text("camera")} />
        </Field>
        <Field label={t("cam.start")} hint={t("cam.starthint")}>
          <input id="cam-start" placeholder="2026-11-21T12:40:00" value={f.start} onInput={text("start")} />
        </Field>
        <Field label={t("cam.why")}>
          <input id="cam-why" required minLength={10} value={f.why} onInput={text("why")} />
        </Field>
        <ErrorLine text={err} />
        <FormActions onCancel={props.onClose} label={t("cam.save")} testid="cam-save" />
      </form>
    </Modal>
  );
}
