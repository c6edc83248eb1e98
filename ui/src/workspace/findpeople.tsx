// "Find people": searches the current clip, shows progress with ETA and cancel,
// then adds one proposed track per person (one undo step) and lists them with
// thumbnails to accept or reject. Leaving the workspace cancels the search.

import { useEffect, useState } from "preact/hooks";
import { call, channel, type FoundPeople, jobId, type Progress } from "../api.js";
import { num, t } from "../i18n.js";
import type { Track } from "../plan.js";
import { eta } from "../timeline.js";
import { Modal, message } from "../ui.js";
import { changed, clipOf, type Proposal, type Ws } from "./ws.js";

export function FindPeople(props: { ws: Ws; onClose: () => void }) {
  const ws = props.ws;
  const [job] = useState(() => jobId("find"));
  const [line, setLine] = useState({ text: t("find.starting"), fraction: 0 });
  const [error, setError] = useState("");
  useEffect(() => {
    const clip = clipOf(ws);
    const began = performance.now();
    let open = true;
    const onProgress = channel<Progress>((p) => {
      const left = eta((performance.now() - began) / 1000, p.done_s, p.total_s);
      const pct = Math.round((100 * p.done_s) / Math.max(p.total_s, 1e-9));
      const text = t("find.progress", { pct, n: p.tracks, left: left === null ? "…" : Math.ceil(left) });
      if (open) setLine({ text, fraction: p.total_s ? p.done_s / p.total_s : 0 });
    });
    const args = { job, id: ws.id, index: ws.focus, source: clip.source, range: [clip.in, clip.out], onProgress };
    call<FoundPeople>("find_people", args)
      .then(({ people: found, unsteady }) => {
        if (!open) return;
        ws.unsteady = unsteady;
        const ids = ws.store.addProposals(
          found.map((f) => f.track),
          clip.in,
          clip.out,
        );
        found.forEach((f, i) => {
          ws.proposals.set(ids[i], { thumb: f.thumb, kind: f.kind, confidence: f.track.confidence ?? 0 });
        });
        changed(ws);
        props.onClose();
      })
      .catch((e) => open && setError(message(e)));
    return () => {
      open = false;
      void call("cancel_job", { job }).catch(() => {});
    };
  }, []);
  return (
    <Modal testid="find-dialog" onClose={props.onClose}>
      <h2>{t("find.title")}</h2>
      {error ? (
        <>
          <p class="error" data-testid="find-error">
            {error}
          </p>
          <button type="button" onClick={props.onClose}>
            {t("common.close")}
          </button>
        </>
      ) : (
        <>
          <progress max={1} value={line.fraction} />
          <p data-testid="find-progress">{line.text}</p>
          <button type="button" data-testid="cancel-find" onClick={() => void call("cancel_job", { job })}>
            {t("common.cancel")}
          </button>
        </>
      )}
    </Modal>
  );
}

/** A proposed track in the list: thumbnail, how sure, accept / reject. */
export function ProposalRow(props: { ws: Ws; tr: Track; p: Proposal; label: string }) {
  const { ws, tr, p } = props;
  const accept = () => {
    ws.proposals.delete(tr.id);
    changed(ws);
  };
  const reject = () => {
    ws.proposals.delete(tr.id);
    if (ws.selected === tr.id) ws.selected = null;
    ws.store.deleteTrack(tr.id);
  };
  const select = () => {
    ws.selected = tr.id;
    changed(ws);
  };
  return (
    <li class="proposal" data-testid="proposal">
      <img src={p.thumb} alt="" class="thumb" />
      <button type="button" class={tr.id === ws.selected ? "link on" : "link"} onClick={select}>
        {`${props.label} · ${num(p.confidence * 100, 0)} %`}
      </button>
      <button type="button" title={t("find.accept")} data-testid="accept" onClick={accept}>
        ✓
      </button>
      <button type="button" title={t("find.reject")} data-testid="reject" onClick={reject}>
        ✗
      </button>
    </li>
  );
}

/** "Accept all": the remaining proposals become ordinary tracks. */
export function acceptAll(ws: Ws): void {
  ws.proposals.clear();
  changed(ws);
}
