// Unit tests of the timeline and coordinate maths and the plan store (run on the compiled JS).

import assert from "node:assert/strict";
import { test } from "node:test";
import { newPlan, PlanStore } from "../build/plan.js";
import {
  clock,
  eta,
  interpolate,
  offsetFromClocks,
  realStart,
  rectFrom,
  snap,
  spanOf,
  timeToX,
  toDisplay,
  toSource,
  typedStart,
  upsertKeyframe,
  xToTime,
  zoom,
} from "../build/timeline.js";

test("time and pixels map both ways and clamp", () => {
  const v = { start: 10, end: 30, width: 400 };
  assert.equal(timeToX(20, v), 200);
  assert.equal(xToTime(100, v), 15);
  assert.equal(xToTime(-50, v), 10);
  assert.equal(xToTime(9999, v), 30);
});

test("snap lands on frame starts", () => {
  assert.equal(snap(12.34, 0.1), 12.3);
  assert.ok(Math.abs(snap(1.021, 0.04) - 1.04) < 1e-9, "nearer the later frame");
  assert.ok(Math.abs(snap(1.019, 0.04) - 1.0) < 1e-9, "nearer the earlier frame");
});

test("zoom keeps the point under the cursor and stays inside the recording", () => {
  const z = zoom({ start: 0, end: 100, width: 800 }, 2, 50, 100);
  assert.deepEqual([z.start, z.end], [25, 75]);
  const edge = zoom({ start: 0, end: 100, width: 800 }, 4, 0, 100);
  assert.equal(edge.start, 0);
  const tight = zoom({ start: 0, end: 2, width: 800 }, 10, 1, 2);
  assert.ok(Math.abs(tight.end - tight.start - 1) < 1e-9, "never narrower than a second");
});

test("interpolation holds at the ends and is linear between keyframes (like the Rust core)", () => {
  const keys = [
    { t: 1, x: 0, y: 0, w: 10, h: 10 },
    { t: 3, x: 100, y: 50, w: 30, h: 10 },
  ];
  assert.deepEqual(interpolate(keys, 0), { t: 0, x: 0, y: 0, w: 10, h: 10 });
  assert.deepEqual(interpolate(keys, 2), { t: 2, x: 50, y: 25, w: 20, h: 10 });
  assert.deepEqual(interpolate(keys, 9), { t: 9, x: 100, y: 50, w: 30, h: 10 });
  assert.equal(interpolate([], 1), null);
});

test("a keyframe on the same frame replaces the old one, others stay ordered", () => {
  const k = (t, x) => ({ t, x, y: 0, w: 1, h: 1 });
  const out = upsertKeyframe([k(1, 0), k(2, 0)], k(1.01, 5), 0.04);
  assert.deepEqual(
    out.map((q) => [q.t, q.x]),
    [
      [1.01, 5],
      [2, 0],
    ],
  );
  assert.deepEqual(
    upsertKeyframe([k(2, 0)], k(1, 1), 0.04).map((q) => q.t),
    [1, 2],
  );
});

test("display and source coordinates round-trip, with and without a crop", () => {
  const full = { x: 0, y: 0, w: 768, h: 576 };
  assert.deepEqual(toSource(480, 270, 960, 540, full), { x: 384, y: 288 });
  const crop = { x: 100, y: 50, w: 400, h: 300 };
  const r = { x: 150, y: 80, w: 40, h: 60 };
  const d = toDisplay(r, 800, 600, crop);
  assert.deepEqual(d, { x: 100, y: 60, w: 80, h: 120 });
  assert.deepEqual(toSource(d.x, d.y, 800, 600, crop), { x: 150, y: 80 });
  assert.deepEqual(rectFrom({ x: 50, y: 40 }, { x: -5, y: 700 }, 768, 576), { x: 0, y: 40, w: 50, h: 536 });
});

test("clock labels and time left", () => {
  assert.equal(clock("2026-11-21T12:40:00", 83.4), "12:41:23");
  assert.equal(clock(null, 83.4), "1:23.4");
  assert.equal(eta(10, 25, 100), 30);
  assert.equal(eta(10, 0, 100), null);
});

test("plan edits undo and redo; in/out stay ordered", () => {
  const s = new PlanStore(newPlan("/v.avi", "cam", null, 80));
  s.setIn(10);
  s.setOut(20);
  const id = s.addTrack(12, { x: 1, y: 2, w: 30, h: 40 });
  s.setKeyframe(id, 15, { x: 50, y: 2, w: 30, h: 40 }, 0.1);
  assert.equal(s.plan.tracks[0].keyframes.length, 2);
  assert.deepEqual([s.plan.tracks[0].from, s.plan.tracks[0].to], [10, 20], "a new mask covers the clip");
  s.setOut(5);
  assert.ok(s.plan.clips[0].out > s.plan.clips[0].in, "out never before in");
  assert.ok(s.undo() && s.undo());
  assert.equal(s.plan.tracks[0].keyframes.length, 1);
  assert.ok(s.redo());
  assert.equal(s.plan.tracks[0].keyframes.length, 2);
});

test("several clips: in/out and crop apply to the clip being edited", () => {
  const s = new PlanStore(newPlan("/v.avi", "cam", null, 80));
  s.setIn(10);
  s.setOut(20);
  s.addClip(40, 10, 80);
  assert.equal(s.clip, 1);
  s.setOut(45);
  s.setCrop({ x: 0, y: 0, w: 100, h: 100 });
  assert.deepEqual(
    s.plan.clips.map((c) => [c.in, c.out, c.crop !== null]),
    [
      [10, 20, false],
      [40, 45, true],
    ],
  );
  s.addClip(75, 10, 80);
  assert.equal(s.plan.clips[2].out, 80, "a new clip ends at the end of the recording at the latest");
  s.deleteClip(0);
  assert.equal(s.plan.clips.length, 2);
  assert.ok(s.clip < s.plan.clips.length);
});

/** A track as "find people" proposes it, from `a` to `b` seconds (moving right). */
const found = (id, a, b) => ({
  id,
  source: "s1",
  label: id,
  shape: "rect",
  style: "blur",
  strength: 1,
  keyframes: [
    { t: a, x: 0, y: 10, w: 20, h: 40 },
    { t: b, x: 100, y: 10, w: 20, h: 40 },
  ],
  from: a,
  to: b,
  keep: false,
  confidence: 0.8,
});

test("proposals replace earlier ones in the range, merge joins two tracks, split cuts one in two (each one undo)", () => {
  const s = new PlanStore(newPlan("/v.avi", "A", null, 60));
  s.addTrack(5, { x: 1, y: 1, w: 5, h: 5 });
  s.addProposals([found("auto-1", 0, 4), found("auto-2", 6, 9)], 0, 10);
  assert.equal(s.plan.tracks.length, 3);
  s.addProposals([found("auto-1", 1, 3)], 0, 10);
  assert.deepEqual(
    s.plan.tracks.map((x) => x.id).slice(1),
    ["auto-1"],
    "old proposals in the range replaced, the hand-drawn track kept",
  );
  s.undo();
  assert.equal(s.plan.tracks.length, 3);
  s.merge("auto-1", "auto-2");
  const m = s.plan.tracks.find((x) => x.id === "auto-1");
  assert.deepEqual([m.from, m.to, m.keyframes.map((k) => k.t)], [0, 9, [0, 4, 6, 9]]);
  assert.ok(!s.plan.tracks.some((x) => x.id === "auto-2"));
  const b = s.split("auto-1", 2);
  const a = s.plan.tracks.find((x) => x.id === "auto-1"),
    c = s.plan.tracks.find((x) => x.id === b);
  assert.deepEqual([a.from, a.to, a.keyframes.map((k) => k.t)], [0, 2, [0, 2]]);
  assert.deepEqual([c.from, c.to, c.keyframes.map((k) => k.t)], [2, 9, [2, 4, 6, 9]]);
  assert.equal(a.keyframes[1].x, 50, "the cut is interpolated");
  assert.equal(s.split("auto-1", 30), null, "outside the track: nothing to split");
  s.undo();
  assert.equal(s.plan.tracks.find((x) => x.id === "auto-1").to, 9);
});

test("a proposal whose id is taken outside the range gets a new one, and says so; every change counts", () => {
  const s = new PlanStore(newPlan("/v.avi", "A", null, 60));
  const r0 = s.revision;
  assert.deepEqual(s.addProposals([found("auto-1", 30, 40)], 30, 40), ["auto-1"]);
  assert.deepEqual(
    s.addProposals([found("auto-1", 0, 4), found("auto-2", 5, 6)], 0, 10),
    ["auto-1-2", "auto-2"],
    "the accepted auto-1 at 30–40 s keeps its id",
  );
  assert.equal(s.plan.tracks.find((x) => x.id === "auto-1").from, 30);
  s.undo();
  assert.equal(s.revision, r0 + 3, "edits and undo each count once");
});

test("a recorder's clock offset from what it showed against the real time", () => {
  assert.equal(offsetFromClocks("12:40:00", "12:41:07"), -67, "67 s slow");
  assert.equal(offsetFromClocks("13:40", "12:40"), 3600, "an hour fast (summer time not set back)");
  assert.equal(offsetFromClocks("00:00:30", "23:59:50"), 40, "across midnight, the near way");
  assert.equal(offsetFromClocks("12:61", "12:00"), null);
  assert.equal(offsetFromClocks("noon", "12:00"), null);
  assert.equal(realStart("2026-11-21T12:40:00", 67), "2026-11-21T12:38:53");
  assert.equal(realStart("2026-11-21T12:40:00", -3600), "2026-11-21T13:40:00");
});

test("cameras line up on real time: offsets, files with a gap, and back", async () => {
  const { realAt, coverage, timelineAt } = await import("../build/timeline.js");
  const from = "2026-11-21T12:40:00";
  const b = {
    segments: [{ offset: 0, duration: 100, start: "2026-11-21T12:41:12" }],
    start: "2026-11-21T12:41:12",
    offsetS: 67,
  };
  assert.equal(realAt(b, from, 0), 5, "a recorder 67 s fast that says 12:41:12 started at 12:40:05");
  assert.ok(Math.abs(timelineAt(b, from, 7.3) - 2.3) < 1e-9);
  const nvr = {
    segments: [
      { offset: 0, duration: 10, start: "2026-11-21T12:40:00" },
      { offset: 10, duration: 10, start: "2026-11-21T12:40:30" },
    ],
    start: "2026-11-21T12:40:00",
    offsetS: 0,
  };
  assert.equal(realAt(nvr, from, 12), 32, "after the gap, the second file's own start counts");
  assert.deepEqual(
    coverage(nvr, from).map(([a, z]) => [Math.round(a), Math.round(z)]),
    [
      [0, 10],
      [30, 40],
    ],
  );
  assert.equal(timelineAt(nvr, from, 20), 10, "in the gap: the nearest file's edge");
  assert.equal(timelineAt(nvr, from, 35), 15);
});

test("a typed recording start, and the window a whole recording spans", () => {
  assert.equal(typedStart("2026-11-21 12:40"), "2026-11-21T12:40:00");
  assert.equal(typedStart(" 2026-11-21T12:40:05 "), "2026-11-21T12:40:05");
  for (const bad of ["", "12:40", "2026-11-21", "2026-13-01 12:40", "2026-11-21 25:00", "igår 12:40"]) {
    assert.equal(typedStart(bad), null, bad);
  }
  assert.deepEqual(spanOf("2026-11-21T23:59:30", 79.5), { from: "2026-11-21 23:59:30", to: "2026-11-22 00:00:49" });
});
