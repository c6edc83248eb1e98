// The transport bar: to in/out, step, play/pause, speed, the clock, in/out marks, stills.

import { num, t } from "../i18n.js";
import { clock, realStart } from "../timeline.js";
import { changed, clipOf, focusId, multi, shownStart, type Ws } from "./ws.js";

export interface Moves {
  /** To timeline time `t` of the edited camera. */
  seek: (t: number) => void;
  /** To real time `at` (seconds after the window's start; several cameras). */
  seekAt: (at: number) => void;
  step: (d: 1 | -1) => void;
  toggle: (d: 1 | -1) => void;
}

/** Marks the shown frame as a still image for the package (again: removes it). */
export function addStill(ws: Ws): void {
  const source = focusId(ws);
  const i = ws.stills.findIndex((s) => s.source === source && Math.abs(s.t - ws.t) < ws.frame / 2);
  if (i >= 0) ws.stills.splice(i, 1);
  else ws.stills.push({ source, t: ws.t });
  changed(ws);
}

/** The time of the shown frame: real time when the recorder's offset is known (said so),
 *  with the recorder's own time as the tooltip. */
function Clock(props: { ws: Ws }) {
  const ws = props.ws;
  const src = ws.session.sources[ws.focus];
  const frame = t("ws.frame", { n: ws.index });
  if (multi(ws))
    return (
      <span class="clock" data-testid="clock">
        {`${clock(ws.session.from, ws.at)} ${t("ws.corrected")} · ${src.camera} ${frame}`}
      </span>
    );
  if (!src.clock_offset_s)
    return <span class="clock" data-testid="clock">{`${clock(src.start, ws.t)} · ${frame}`}</span>;
  const real = clock(realStart(src.start, src.clock_offset_s), ws.t);
  const title = t("ws.recordertime", { time: clock(src.start, ws.t) });
  return (
    <span class="clock" data-testid="clock" title={title}>
      {`${real} ${t("ws.corrected")} · ${frame}`}
    </span>
  );
}

export function Transport(props: { ws: Ws; moves: Moves }) {
  const { ws, moves } = props;
  ws.rev.value;
  const start = shownStart(ws);
  const clip = clipOf(ws);
  const speed = (e: Event) => {
    ws.speed = Number((e.currentTarget as HTMLSelectElement).value);
  };
  return (
    <div class="transport">
      <button type="button" title={t("ws.toin")} onClick={() => moves.seek(clipOf(ws).in)}>
        ◀◀
      </button>
      <button type="button" title={t("ws.prev")} data-testid="prev" onClick={() => moves.step(-1)}>
        ◀|
      </button>
      <button type="button" class="primary" data-testid="play" title={t("ws.play")} onClick={() => moves.toggle(1)}>
        {ws.playing ? "❚❚" : "▶"}
      </button>
      <button type="button" title={t("ws.next")} data-testid="next" onClick={() => moves.step(1)}>
        |▶
      </button>
      <button type="button" title={t("ws.toout")} onClick={() => moves.seek(clipOf(ws).out - ws.frame)}>
        ▶▶
      </button>
      <select data-testid="speed" value={String(ws.speed)} onChange={speed}>
        {[0.25, 0.5, 1, 2, 4].map((s) => (
          <option key={s} value={String(s)}>{`${num(s, 2)}×`}</option>
        ))}
      </select>
      <Clock ws={ws} />
      <button type="button" data-testid="mark-in" onClick={() => ws.store.setIn(ws.t)}>
        {t("ws.in")}
      </button>
      <button type="button" data-testid="mark-out" onClick={() => ws.store.setOut(ws.t + ws.frame)}>
        {t("ws.out")}
      </button>
      <button type="button" data-testid="still" onClick={() => addStill(ws)}>
        {t("ws.still", { n: ws.stills.length })}
      </button>
      <span class="muted">{`${clock(start, clip.in)}–${clock(start, clip.out)}`}</span>
      {ws.error ? (
        <span class="error" data-testid="ws-error">
          {ws.error}
        </span>
      ) : null}
    </div>
  );
}
