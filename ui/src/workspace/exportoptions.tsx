// What the working copy carries besides the redacted picture: the burned-in caption
// (camera and real time) and the sound. Both are plan options, set through the plan
// store (undoable), so the picture in the workspace shows the caption exactly as the
// export will — what you see is what is exported.

import { t } from "../i18n.js";
import type { Ws } from "./ws.js";

export function ExportOptions(props: { ws: Ws }) {
  const ws = props.ws;
  const o = ws.store.plan.options;
  const sound = ws.cams.some((c) => c.info.audio);
  const checked = (e: Event) => (e.currentTarget as HTMLInputElement).checked;
  return (
    <fieldset data-testid="export-options">
      <legend>{t("exp.options")}</legend>
      <label class="radio">
        <input
          type="checkbox"
          id="burn"
          checked={o.burn_timestamp}
          onChange={(e) => ws.store.setOptions({ burn_timestamp: checked(e), burn_camera: checked(e) })}
        />{" "}
        {t("exp.burn")}
      </label>
      {sound ? (
        <label class="radio">
          <input
            type="checkbox"
            id="keep-audio"
            checked={o.keep_audio}
            onChange={(e) => ws.store.setOptions({ keep_audio: checked(e) })}
          />{" "}
          {t("exp.audio")}
        </label>
      ) : null}
      {sound && o.keep_audio ? <p class="warning">{t("exp.audiowarn")}</p> : null}
    </fieldset>
  );
}
