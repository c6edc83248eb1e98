// The side panel: tools, clips, the redaction mode, the tracks and the selected track's settings.

import { type Key, t } from "../i18n.js";
import type { Track } from "../plan.js";
import { acceptAll, ProposalRow } from "./findpeople.js";
import { focusOn, refetch } from "./frames.js";
import { changed, multi, type Tool, tracksOf, type Ws } from "./ws.js";

function Select(props: {
  id: string;
  value: string;
  options: string[];
  prefix: string;
  onChange: (v: string) => void;
}) {
  return (
    <select
      id={props.id}
      data-testid={props.id}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    >
      {props.options.map((o) => (
        <option key={o} value={o}>
          {t(`${props.prefix}.${o}` as Key)}
        </option>
      ))}
    </select>
  );
}

function ToolButton(props: { ws: Ws; tool: Tool; label: Key }) {
  const { ws, tool } = props;
  const pick = () => {
    ws.tool = tool;
    changed(ws);
  };
  return (
    <button type="button" class={ws.tool === tool ? "tool on" : "tool"} data-testid={`tool-${tool}`} onClick={pick}>
      {t(props.label)}
    </button>
  );
}

/** "Merge with …": the chosen track's keyframes join this one. */
function MergeWith(props: { ws: Ws; id: string }) {
  const { ws, id } = props;
  const others = ws.store.plan.tracks.filter((x) => x.id !== id);
  if (!others.length) return null;
  const merge = (other: string) => {
    if (!other) return;
    ws.proposals.delete(other);
    ws.store.merge(id, other);
  };
  return (
    <select data-testid="merge" value="" onChange={(e) => merge(e.currentTarget.value)}>
      <option value="">{t("find.merge")}</option>
      {others.map((o) => (
        <option key={o.id} value={o.id}>
          {o.label || o.id}
        </option>
      ))}
    </select>
  );
}

function TrackEditor(props: { ws: Ws; tr: Track }) {
  const { ws, tr } = props;
  const set = <K extends keyof Track>(k: K, v: Track[K]) =>
    ws.store.setTrack(tr.id, (x) => {
      x[k] = v;
    });
  const onFrame = tr.keyframes.some((k) => Math.abs(k.t - ws.t) < ws.frame / 2);
  const split = () => {
    const id = ws.store.split(tr.id, ws.t);
    if (id) {
      ws.selected = id;
      changed(ws);
    }
  };
  const remove = () => {
    ws.selected = null;
    ws.store.deleteTrack(tr.id);
  };
  return (
    <div class="track" data-testid="track-editor">
      <input value={tr.label} placeholder={t("ws.label")} onChange={(e) => set("label", e.currentTarget.value)} />
      <Select
        id="shape"
        value={tr.shape}
        options={["ellipse", "rect"]}
        prefix="shape"
        onChange={(v) => set("shape", v as Track["shape"])}
      />
      <Select
        id="style"
        value={tr.style}
        options={["blur", "pixelate", "solid"]}
        prefix="style"
        onChange={(v) => set("style", v as Track["style"])}
      />
      <label class="field">
        <span>{t("ws.strength")}</span>
        <input
          type="range"
          min={0.2}
          max={3}
          step={0.1}
          value={tr.strength}
          onChange={(e) => {
            const v = Number(e.currentTarget.value);
            set("strength", v);
          }}
        />
      </label>
      {ws.store.plan.mode === "keep_visible" ? (
        <label>
          <input
            type="checkbox"
            checked={tr.keep}
            onChange={(e) => {
              const v = e.currentTarget.checked;
              set("keep", v);
            }}
          />{" "}
          {t("ws.keep")}
        </label>
      ) : null}
      <p class="muted">{t("ws.keyframes", { n: tr.keyframes.length })}</p>
      <MergeWith ws={ws} id={tr.id} />
      <button type="button" data-testid="split" onClick={split}>
        {t("find.split")}
      </button>
      <button
        type="button"
        disabled={!onFrame || tr.keyframes.length < 2}
        onClick={() => ws.store.deleteKeyframe(tr.id, ws.t, ws.frame)}
      >
        {t("ws.delkey")}
      </button>
      <button type="button" class="danger" data-testid="delete-track" onClick={remove}>
        {t("ws.deltrack")}
      </button>
    </div>
  );
}

function TrackList(props: { ws: Ws }) {
  const ws = props.ws;
  return (
    <ul class="tracks">
      {tracksOf(ws).map((tr, i) => {
        const label = tr.label || t("ws.trackn", { n: i + 1 });
        const p = ws.proposals.get(tr.id);
        if (p) return <ProposalRow key={tr.id} ws={ws} tr={tr} p={p} label={label} />;
        const select = () => {
          ws.selected = tr.id;
          changed(ws);
        };
        return (
          <li key={tr.id}>
            <button type="button" class={tr.id === ws.selected ? "link on" : "link"} onClick={select}>
              {label}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function Clips(props: { ws: Ws }) {
  const ws = props.ws;
  const plan = ws.store.plan;
  const cam = (source: string) => plan.sources.findIndex((x) => x.id === source);
  const choose = (i: number) => {
    ws.store.clip = i;
    const at = cam(plan.clips[i].source);
    if (at !== ws.focus && at >= 0) return focusOn(ws, at, i);
    changed(ws);
    refetch(ws);
  };
  return (
    <>
      <h3>{t("ws.clips", { n: plan.clips.length })}</h3>
      <ul class="tracks">
        {plan.clips.map((c, i) => (
          <li key={i}>
            <button
              type="button"
              class={i === ws.store.clip ? "link on" : "link"}
              data-testid={`clip-${i + 1}`}
              onClick={() => choose(i)}
            >
              {t("ws.clipn", { n: i + 1 })}
              {multi(ws) ? ` · ${plan.sources[cam(c.source)]?.camera ?? ""}` : ""}
            </button>
            {plan.clips.length > 1 ? (
              <button type="button" class="link" title={t("ws.delclip")} onClick={() => ws.store.deleteClip(i)}>
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <button type="button" data-testid="new-clip" onClick={() => ws.store.addClip(ws.t, 10, ws.info.duration)}>
        {t("ws.newclip")}
      </button>
    </>
  );
}

export function TrackPanel(props: { ws: Ws; onFind: () => void }) {
  const ws = props.ws;
  ws.rev.value;
  const plan = ws.store.plan;
  const selected = plan.tracks.find((x) => x.id === ws.selected);
  const exact = (v: boolean) => {
    ws.exact = v;
    changed(ws);
    refetch(ws);
  };
  return (
    <aside class="panel">
      <h3>{t("ws.tools")}</h3>
      <div class="tools">
        <ToolButton ws={ws} tool="select" label="ws.select" />
        <ToolButton ws={ws} tool="crop" label="ws.crop" />
        <ToolButton ws={ws} tool="track" label="ws.newtrack" />
      </div>
      {plan.clips[ws.store.clip].crop ? (
        <button type="button" onClick={() => ws.store.setCrop(null)}>
          {t("ws.nocrop")}
        </button>
      ) : null}
      <label>
        <input
          type="checkbox"
          data-testid="exact"
          checked={ws.exact}
          onChange={(e) => exact(e.currentTarget.checked)}
        />{" "}
        {t("ws.exact")}
      </label>
      <Clips ws={ws} />
      <h3>{t("ws.mode")}</h3>
      <Select
        id="mode"
        value={plan.mode}
        options={["blur_tracks", "keep_visible"]}
        prefix="mode"
        onChange={(v) =>
          ws.store.edit((p) => {
            p.mode = v as typeof p.mode;
          })
        }
      />
      <h3>{t("ws.tracks", { n: tracksOf(ws).length })}</h3>
      <button type="button" data-testid="find-people" onClick={props.onFind}>
        {t("find.button")}
      </button>
      {ws.unsteady ? (
        <p class="warning" role="alert" data-testid="find-unsteady">
          {t("find.unsteady")}
        </p>
      ) : null}
      {ws.proposals.size ? (
        <p class="muted">
          {t("find.review", { n: ws.proposals.size })}{" "}
          <button type="button" class="link" data-testid="accept-all" onClick={() => acceptAll(ws)}>
            {t("find.acceptall")}
          </button>
        </p>
      ) : null}
      <TrackList ws={ws} />
      {selected ? <TrackEditor ws={ws} tr={selected} /> : <p class="muted">{t("ws.notrack")}</p>}
    </aside>
  );
}
