// The recordings of a new review session, one per camera: an incident that moved
// between cameras is opened on all of them at once (the workspace shows them as a
// grid on one real-time playhead). Each row says what its footage is as it is read.

import { useEffect, useState } from "preact/hooks";
import { call, type MediaInfo, type Settings } from "../api.js";
import { date, num, t } from "../i18n.js";
import { spanOf, typedStart } from "../timeline.js";
import { Field } from "../ui.js";

export type Rec = { path: string; camera: string; start: string; info: MediaInfo | null; error: string };
export const blankRec = (path = ""): Rec => ({ path, camera: "", start: "", info: null, error: "" });

/** The first row keeps the plain ids (`#path`), the next ones are numbered (`#path-2`). */
export const recId = (base: string, i: number): string => (i === 0 ? base : `${base}-${i + 1}`);

/** What the footage is, as the shell reads it. */
export const probe = (path: string): Promise<MediaInfo> => call<MediaInfo>("probe", { path });

/** When the recording started: as typed, else as the file says. */
const startOf = (rec: Rec): string | null => typedStart(rec.start) ?? rec.info?.start?.at ?? null;

/** The window a recording suggests: all of it, once its start is known. */
export function windowOf(rec: Rec): { from: string; to: string } | null {
  const start = startOf(rec);
  return rec.info && start ? spanOf(start, rec.info.duration) : null;
}

/** What the footage is, in one sentence, with when the server deletes it (start + retention). */
function facts(rec: Rec, retention: number | null): string {
  const info = rec.info;
  if (rec.error || !info) return rec.error;
  const start = startOf(rec);
  const auto = retention !== null && start ? new Date(Date.parse(`${start}Z`) + retention * 86_400_000) : null;
  return t("session.facts", {
    codec: info.codec,
    w: info.width,
    h: info.height,
    fps: num(info.rate.num / info.rate.den, 2),
    s: num(info.duration, 1),
    start: start ? start.replace("T", " ") : t("session.unknownstart"),
    auto: auto ? date(auto.toISOString().slice(0, 10)) : "–",
  });
}

/** The server's retention (days), for the deletion date each row shows. */
function useRetention(): number | null {
  const [days, setDays] = useState<number | null>(null);
  useEffect(() => {
    void call<Settings>("settings").then((s) => setDays(s.retention_days));
  }, []);
  return days;
}

type RowProps = {
  rec: Rec;
  i: number;
  many: boolean;
  retention: number | null;
  edit: (r: Partial<Rec>) => void;
  /** The start was typed: the window it suggests. */
  started: (rec: Rec) => void;
  read: (path: string) => void;
  remove: () => void;
};

/** The system's file and folder choosers for footage (an NVR folder is one recording). */
export function PickFootage(props: { onPick: (path: string) => void }) {
  const pick = async (folder: boolean) => {
    const path = await call<string | null>("pick_footage", { folder });
    if (path) props.onPick(path);
  };
  return (
    <>
      <button type="button" onClick={() => void pick(false)}>
        {t("session.pickfile")}
      </button>
      <button type="button" onClick={() => void pick(true)}>
        {t("session.pickfolder")}
      </button>
    </>
  );
}

function Row(p: RowProps) {
  const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;
  return (
    <div class="drop" data-testid={recId("recording", p.i)}>
      <Field
        label={p.many ? t("session.footagen", { n: p.i + 1 }) : t("session.footage")}
        hint={p.i === 0 ? t("session.drophint") : undefined}
      >
        <input
          id={recId("path", p.i)}
          required
          value={p.rec.path}
          placeholder="/media/nvr/kamera2/"
          onInput={(e) => p.edit({ path: value(e) })}
          onChange={(e) => p.read(value(e))}
        />
      </Field>
      <PickFootage onPick={p.read} />
      {p.many ? (
        <button type="button" data-testid={recId("remove-recording", p.i)} onClick={p.remove}>
          {t("session.removerec")}
        </button>
      ) : null}
      <p class="muted" data-testid={recId("facts", p.i)}>
        {facts(p.rec, p.retention)}
      </p>
      <div class="grid2">
        <Field label={t("session.camera")}>
          <input
            id={recId("camera", p.i)}
            value={p.rec.camera}
            placeholder={t("session.cameraph")}
            onInput={(e) => p.edit({ camera: value(e) })}
          />
        </Field>
        <Field label={t("session.start")} hint={t("session.starthint")}>
          <input
            id={recId("start", p.i)}
            value={p.rec.start}
            placeholder="2026-11-21T12:30:00"
            onInput={(e) => p.edit({ start: value(e) })}
            onChange={(e) => p.started({ ...p.rec, start: value(e) })}
          />
        </Field>
      </div>
    </div>
  );
}

/** Every recording of the session, and the button that adds another camera's. */
export function Recordings(props: {
  recs: Rec[];
  edit: (i: number, r: Partial<Rec>) => void;
  read: (i: number, path: string) => void;
  add: () => void;
  remove: (i: number) => void;
  suggest: (rec: Rec) => void;
}) {
  const many = props.recs.length > 1;
  const retention = useRetention();
  return (
    <>
      {props.recs.map((rec, i) => (
        <Row
          // The inputs are controlled: a row's index is all its key needs to be.
          key={i}
          rec={rec}
          i={i}
          edit={(r) => props.edit(i, r)}
          read={(path) => props.read(i, path)}
          many={many}
          retention={retention}
          started={props.suggest}
          remove={() => props.remove(i)}
        />
      ))}
      <button type="button" data-testid="add-recording" onClick={props.add}>
        {t("session.addrec")}
      </button>
    </>
  );
}
