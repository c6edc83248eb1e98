// The review workspace: picture, transport, timeline, tracks; keyboard like a video editor.
// Everything it holds — the key listener, the play loop, the core's decoder — is
// released when it unmounts (navigation, logout, the lock), so nothing more is
// shown, fetched or recorded as seen after the user left.

import { useEffect, useRef, useState } from "preact/hooks";
import { call, type MediaInfo, type Session, tell } from "../api.js";
import { t } from "../i18n.js";
import { go } from "../state.js";
import { snap } from "../timeline.js";
import { message } from "../ui.js";
import { AddCamera } from "./addcamera.js";
import { ClockDialog } from "./clock.js";
import { ExportWizard } from "./exportwizard.js";
import { FindPeople } from "./findpeople.js";
import { refetch, show, showAt } from "./frames.js";
import { Grid } from "./grid.js";
import { Timeline } from "./timelineview.js";
import { TrackPanel } from "./trackpanel.js";
import { addStill, type Moves, Transport } from "./transport.js";
import { Viewer } from "./viewer.js";
import { changed, clipOf, multi, newWs, viewWidth, type Ws } from "./ws.js";

/** Plays several cameras on the real-time playhead: each tick moves it by the frames
 *  of the fastest camera that real time allows, so a slow machine skips frames in
 *  every camera alike (they never drift apart). Stops where no camera has footage. */
async function playGrid(ws: Ws): Promise<void> {
  const step = Math.min(...ws.cams.map((c) => c.frame));
  let last = performance.now();
  while (ws.playing !== 0 && !ws.gone) {
    const now = performance.now();
    const steps = Math.max(1, Math.round((((now - last) / 1000) * ws.speed) / step));
    last = now;
    const ok = await showAt(ws, ws.at + ws.playing * steps * step, viewWidth());
    if (!ok || ws.cams.every((c) => c.empty !== "")) {
      ws.playing = 0;
      changed(ws);
      break;
    }
    const wait = (step * 1000) / ws.speed - (performance.now() - now);
    await new Promise((r) => setTimeout(r, Math.max(0, wait)));
  }
}

async function play(ws: Ws): Promise<void> {
  if (multi(ws)) return playGrid(ws);
  while (ws.playing !== 0 && !ws.gone) {
    const started = performance.now();
    const ok = await show(ws, ws.playing > 0 ? "next" : "prev", ws.t, viewWidth());
    const clip = clipOf(ws);
    const atEnd = ws.playing > 0 && ws.t >= clip.out - ws.frame / 2;
    const atStart = ws.playing < 0 && ws.t <= clip.in + ws.frame / 2;
    if (!ok || atEnd || atStart) {
      ws.playing = 0;
      changed(ws);
      break;
    }
    const wait = (ws.frame * 1000) / ws.speed - (performance.now() - started);
    await new Promise((r) => setTimeout(r, Math.max(0, wait)));
  }
}

function movesOf(ws: Ws): Moves {
  const seek = (to: number) => {
    ws.playing = 0;
    ws.want = snap(Math.max(0, Math.min(ws.info.duration - ws.frame, to)), ws.frame);
    void show(ws, "at", ws.want, viewWidth());
  };
  const seekAt = (at: number) => {
    ws.playing = 0;
    void showAt(ws, at, viewWidth());
  };
  const step = (d: 1 | -1) => {
    if (!multi(ws)) return seek(ws.want + d * ws.frame);
    ws.playing = 0;
    void show(ws, d > 0 ? "next" : "prev", ws.want, viewWidth());
  };
  const toggle = (dir: 1 | -1) => {
    ws.playing = ws.playing === dir ? 0 : dir;
    changed(ws);
    if (ws.playing) void play(ws);
  };
  return { seek, seekAt, step, toggle };
}

/** What the editor keys do; false for a key that is not one of them. */
function onKey(ws: Ws, m: Moves, e: KeyboardEvent): boolean {
  const k = e.key.toLowerCase();
  const faster = (dir: 1 | -1) => {
    if (ws.playing === dir) ws.speed = Math.min(4, ws.speed * 2);
    else m.toggle(dir);
  };
  if (k === " ") m.toggle(1);
  else if (k === "k") {
    ws.playing = 0;
    changed(ws);
  } else if (k === "l") faster(1);
  else if (k === "j") faster(-1);
  else if (e.key === "ArrowRight") e.shiftKey ? m.seek(ws.want + 1) : m.step(1);
  else if (e.key === "ArrowLeft") e.shiftKey ? m.seek(ws.want - 1) : m.step(-1);
  else if (k === "s") addStill(ws);
  else if (k === "i") ws.store.setIn(ws.want);
  else if (k === "o") ws.store.setOut(ws.want + ws.frame);
  else if (e.key === "Delete" && ws.selected) deleteSelected(ws);
  else if (k === "z" && (e.ctrlKey || e.metaKey)) e.shiftKey ? ws.store.redo() : ws.store.undo();
  else return false;
  return true;
}

/** Delete: the keyframe under the playhead, or the whole track if there is none (or only one). */
function deleteSelected(ws: Ws): void {
  const tr = ws.store.plan.tracks.find((x) => x.id === ws.selected);
  const here = tr?.keyframes.some((q) => Math.abs(q.t - ws.t) < ws.frame / 2);
  if (tr && here && tr.keyframes.length > 1) ws.store.deleteKeyframe(tr.id, ws.t, ws.frame);
  else if (ws.selected) {
    const id = ws.selected;
    ws.selected = null;
    ws.store.deleteTrack(id);
  }
}

function useWorkspace(id: number, opened: number): { ws: Ws | null; error: string } {
  const [state, setState] = useState<{ ws: Ws | null; error: string }>({ ws: null, error: "" });
  useEffect(() => {
    let ws: Ws | null = null;
    let left = false;
    void (async () => {
      try {
        const [session, media] = await call<[Session, MediaInfo[]]>("session_media", { id });
        if (left) return;
        ws = newWs(id, session, media);
        const w = ws;
        w.store.onChange = () => {
          changed(w);
          refetch(w);
        };
        setState({ ws: w, error: "" });
        await (multi(w) ? showAt(w, 0, viewWidth()) : show(w, "at", w.want, viewWidth()));
        for (const cam of w.cams) {
          cam.activity = await call<number[]>("activity", { id, source: cam.source });
          const thumbs = await call<[number, string][]>("thumbnails", { id, source: cam.source, count: 16 });
          cam.thumbs = thumbs.map(([t, url]) => ({ t, url }));
          changed(w);
        }
      } catch (e) {
        if (!left) setState({ ws, error: message(e) });
      }
    })();
    return () => {
      left = true;
      if (ws) {
        ws.gone = true;
        ws.playing = 0;
      }
      tell("leave_workspace");
    };
  }, [id, opened]);
  return state;
}

/** The editor keys: one listener for the workspace's life that reads, at each key, what is
 *  current — a listener added again after a dialog closes missed the keys pressed before. */
function useKeys(ws: Ws | null, moves: Moves | null, active: boolean): void {
  const now = useRef({ ws, moves, active });
  now.current = { ws, moves, active };
  useEffect(() => {
    const handler = (e: KeyboardEvent) => {
      const { ws, moves, active } = now.current;
      if (!ws || !moves || !active) return;
      if ((e.target as HTMLElement).closest("input, select, textarea")) return;
      if (onKey(ws, moves, e)) e.preventDefault();
    };
    document.addEventListener("keydown", handler);
    return () => document.removeEventListener("keydown", handler);
  }, []);
}

export function Workspace(props: { id: number }) {
  const [opened, setOpened] = useState(0);
  const { ws, error } = useWorkspace(props.id, opened);
  const [dialog, setDialog] = useState<"export" | "find" | "clock" | "camera" | null>(null);
  const [moves] = useState<{ m: Moves | null; of: Ws | null }>({ m: null, of: null });
  if (ws && moves.of !== ws) [moves.m, moves.of] = [movesOf(ws), ws];
  useKeys(ws, moves.m, dialog === null);
  const m = moves.m;
  if (!ws || !m)
    return (
      <section>
        {error ? (
          <p class="error" data-testid="error">
            {error}
          </p>
        ) : (
          <p>{t("common.loading")}</p>
        )}
      </section>
    );
  const open = (d: "export" | "find" | "clock" | "camera") => {
    ws.playing = 0;
    changed(ws);
    setDialog(d);
  };
  const close = async () => {
    ws.playing = 0;
    await call("close_session", { id: ws.id });
    go("home");
  };
  ws.rev.value; // the grid or one camera, and the maximise button's label
  const src = ws.session.sources[ws.focus];
  const maximise = () => {
    ws.maximised = !ws.maximised;
    changed(ws);
    refetch(ws);
  };
  return (
    <section class="workspace" data-testid="workspace">
      <div class="row">
        <h1>{`${src.camera} · ${ws.session.from.replace("T", " ")} – ${ws.session.to.slice(11)}`}</h1>
        <button type="button" onClick={() => ws.store.undo()}>
          {t("ws.undo")}
        </button>
        <button type="button" onClick={() => ws.store.redo()}>
          {t("ws.redo")}
        </button>
        {multi(ws) ? (
          <button type="button" data-testid="maximise" onClick={maximise}>
            {ws.maximised ? t("grid.all") : t("grid.maximise")}
          </button>
        ) : null}
        <button type="button" data-testid="add-camera-button" onClick={() => open("camera")}>
          {t("cam.button")}
        </button>
        <button type="button" data-testid="clock-button" onClick={() => open("clock")}>
          {t("ws.clock")}
        </button>
        <button type="button" class="primary" data-testid="export" onClick={() => open("export")}>
          {t("ws.export")}
        </button>
        <button type="button" data-testid="close-session" onClick={() => void close()}>
          {t("ws.close")}
        </button>
      </div>
      <div class="stage">
        <div class="picture">
          {multi(ws) && !ws.maximised ? <Grid ws={ws} /> : <Viewer ws={ws} />}
          <Transport ws={ws} moves={m} />
        </div>
        <TrackPanel ws={ws} onFind={() => open("find")} />
      </div>
      <Timeline ws={ws} seek={m.seek} seekAt={m.seekAt} />
      {dialog === "export" ? <ExportWizard ws={ws} onClose={() => setDialog(null)} /> : null}
      {dialog === "find" ? <FindPeople ws={ws} onClose={() => setDialog(null)} /> : null}
      {dialog === "clock" ? <ClockDialog ws={ws} onClose={() => setDialog(null)} /> : null}
      {dialog === "camera" ? (
        <AddCamera
          ws={ws}
          onClose={() => setDialog(null)}
          onAdded={() => {
            setDialog(null);
            setOpened((n) => n + 1);
          }}
        />
      ) : null}
    </section>
  );
}
