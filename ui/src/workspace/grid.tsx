// The camera grid: every camera of the session at the playhead's real moment. The
// edited camera is the full viewer with its tools; the others show exactly what
// their clips will export, and a click makes one the edited camera.

import { useEffect, useRef } from "preact/hooks";
import { t } from "../i18n.js";
import { clock } from "../timeline.js";
import { focusOn } from "./frames.js";
import { Viewer } from "./viewer.js";
import type { Cam, Ws } from "./ws.js";

function Caption(props: { ws: Ws; cam: Cam }) {
  const { ws, cam } = props;
  const src = ws.session.sources[cam.source];
  const why = cam.empty === "nofootage" ? t("grid.nofootage") : cam.empty === "outside" ? t("grid.outside") : "";
  const frame = cam.empty ? "" : ` · ${t("ws.frame", { n: cam.index })}`;
  const corrected = src.clock_offset_s ? ` (${t("grid.offset", { s: src.clock_offset_s })})` : "";
  return (
    <div class="caption" data-testid={`caption-${cam.source}`}>
      <strong>{src.camera}</strong>
      {corrected}
      {frame}
      {why ? <span class="muted">{` · ${why}`}</span> : null}
    </div>
  );
}

/** A camera not being edited: its picture, drawn after each render. */
function Tile(props: { ws: Ws; cam: Cam }) {
  const { ws, cam } = props;
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current,
      ctx = c?.getContext("2d");
    if (!c || !ctx) return;
    ctx.fillStyle = "#111";
    ctx.fillRect(0, 0, c.width, c.height);
    if (cam.image) ctx.drawImage(cam.image, 0, 0, c.width, c.height);
  });
  const h = Math.round((960 * cam.info.height) / Math.max(1, cam.info.width));
  return (
    <button type="button" class="tile" title={t("grid.edit")} onClick={() => focusOn(ws, cam.source)}>
      <canvas ref={ref} width={960} height={h} data-testid={`tile-${cam.source}`} />
    </button>
  );
}

export function Grid(props: { ws: Ws }) {
  const ws = props.ws;
  ws.rev.value;
  return (
    <div class="grid" data-testid="grid">
      <div class="gridclock" data-testid="grid-clock">
        {`${clock(ws.session.from, ws.at)} ${t("grid.realtime")}`}
      </div>
      <div class="cells">
        {ws.cams.map((cam) => (
          <div key={cam.source} class={cam.source === ws.focus ? "cell on" : "cell"} data-testid={`cell-${cam.source}`}>
            {cam.source === ws.focus ? <Viewer ws={ws} /> : <Tile ws={ws} cam={cam} />}
            <Caption ws={ws} cam={cam} />
          </div>
        ))}
      </div>
    </div>
  );
}
