// The recorder's clock against real time: "the recorder showed 12:40:00 when the
// real time was 12:41:07", or the difference in seconds, how it was checked, and
// the time zone. Saved in the core (audited); the window is real time from then on.

import { useState } from "preact/hooks";
import { call, type Session } from "../api.js";
import { t } from "../i18n.js";
import { offsetFromClocks } from "../timeline.js";
import { ErrorLine, Field, FormActions, Modal, message } from "../ui.js";
import { refetch } from "./frames.js";
import { changed, focusId, multi, type Ws, windowClip } from "./ws.js";

export function ClockDialog(props: { ws: Ws; onClose: () => void }) {
  const ws = props.ws;
  const src = ws.session.sources[ws.focus];
  const [f, setF] = useState({ recorder: "", real: "", seconds: "", how: src.clock_how, tz: src.time_zone });
  const [err, setErr] = useState("");
  const text = (k: keyof typeof f) => (e: Event) => {
    const v = (e.currentTarget as HTMLInputElement).value;
    setF((old) => ({ ...old, [k]: v }));
  };
  const save = async (e: Event) => {
    e.preventDefault();
    const typed = f.seconds.trim() ? Number(f.seconds.replace(",", ".")) : offsetFromClocks(f.recorder, f.real);
    if (typed === null || !Number.isFinite(typed)) return setErr(t("clock.bad"));
    try {
      const args = { id: ws.id, source: ws.focus, offsetS: typed, how: f.how, timeZone: f.tz.trim() };
      ws.session = await call<Session>("set_clock", args);
      const own = ws.store.plan.clips.filter((c) => c.source === focusId(ws));
      if (multi(ws) && own.length === 1) {
        // The camera's clip follows the window on its corrected clock (undoable).
        const fresh = windowClip(ws.session, ws.info, ws.focus);
        ws.store.edit((p) => Object.assign(p.clips[p.clips.indexOf(own[0])], { in: fresh.in, out: fresh.out }));
      }
      changed(ws);
      refetch(ws);
      props.onClose();
    } catch (x) {
      setErr(message(x));
    }
  };
  return (
    <Modal testid="clock-dialog" onClose={props.onClose}>
      <form onSubmit={save}>
        <h2>{`${t("clock.title")} · ${src.camera}`}</h2>
        <p class="muted">{t("clock.intro")}</p>
        <div class="grid2">
          <Field label={t("clock.recorder")}>
            <input id="clock-recorder" placeholder="12:40:00" value={f.recorder} onInput={text("recorder")} />
          </Field>
          <Field label={t("clock.real")}>
            <input id="clock-real" placeholder="12:41:07" value={f.real} onInput={text("real")} />
          </Field>
        </div>
        <Field label={t("clock.seconds")} hint={t("clock.secondshint")}>
          <input id="clock-seconds" placeholder="+67" value={f.seconds} onInput={text("seconds")} />
        </Field>
        <Field label={t("clock.how")}>
          <input id="clock-how" required placeholder={t("clock.howph")} value={f.how} onInput={text("how")} />
        </Field>
        <Field label={t("clock.tz")}>
          <input id="clock-tz" required value={f.tz} onInput={text("tz")} />
        </Field>
        <ErrorLine text={err} />
        <FormActions onCancel={props.onClose} label={t("clock.save")} testid="clock-save" />
      </form>
    </Modal>
  );
}
