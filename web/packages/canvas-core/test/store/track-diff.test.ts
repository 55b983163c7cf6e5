/** Folding track changes into the save diff: a track is the unit of saving, folded like a shape. */
import { describe, expect, it } from "vitest";

import type { AnyTrack } from "../../src/interpolation/model";
import type { AnyObject } from "../../src/model/object";
import { AnnotationStore } from "../../src/store/store";
import { putKeyframe } from "../../src/tracks/keyframes";
import { boxTrack, rect } from "../support/fixtures";

function job(tracks: AnyTrack[], frame = 0): AnnotationStore {
  const s = new AnnotationStore();
  s.loadJob([], tracks, frame);
  return s;
}

function ops(s: AnnotationStore): { create: string[]; update: string[]; delete: string[] } {
  const d = s.pendingDiff().tracks;
  return { create: d.create.map((w) => w.id), update: d.update.map((w) => w.id), delete: d.delete };
}

function nudged(s: AnnotationStore, id: string): AnyObject {
  const o = s.get(id)!;
  if (o.kind !== "rectangle") throw new Error("rectangle expected");
  return { ...o, geometry: { ...o.geometry, x1: o.geometry.x1 + 1, x2: o.geometry.x2 + 1 } };
}

const NONE = { create: [], update: [], delete: [] };

describe("pending diff of tracks", () => {
  it("is empty after a load", () => {
    expect(ops(job([boxTrack("t", [[0, 0, 0, 1, 1]])]))).toEqual(NONE);
  });

  it("sends a track edited on two frames as one update with the whole track", () => {
    const s = job([boxTrack("t", [[0, 0, 0, 10, 10], [10, 10, 0, 20, 10]])], 3);
    s.apply({ update: [nudged(s, "t")] }, "nudge");
    s.setFrame(7);
    s.apply({ update: [nudged(s, "t")] }, "nudge");
    expect(ops(s)).toEqual({ create: [], update: ["t"], delete: [] });
    expect(s.pendingDiff().tracks.update[0]!.keyframes.map((k) => k.frame)).toEqual([0, 3, 7, 10]);
  });

  it("writes a track in the ADR 0001 wire form", () => {
    const s = job([]);
    s.apply({ tracks: { create: [boxTrack("t", [[2, 0, 0, 10, 10, "occluded"]])] } }, "draw");
    expect(s.pendingDiff().tracks.create).toEqual([
      {
        id: "t",
        kind: "rectangle",
        label_id: 1,
        z_order: 0,
        attributes: {},
        group: null,
        source: "manual",
        keyframes: [{ frame: 2, outside: false, occluded: true, attributes: {}, source: "manual", points: [0, 0, 10, 10], rotation: 0 }],
      },
    ]);
  });

  it("sends a track created then edited as one create with the final keyframes", () => {
    const s = job([]);
    s.apply({ tracks: { create: [boxTrack("t", [[0, 0, 0, 1, 1]])] } }, "draw");
    s.apply({ update: [nudged(s, "t")] }, "nudge");
    expect(ops(s)).toEqual({ create: ["t"], update: [], delete: [] });
    expect(s.pendingDiff().tracks.create[0]!.keyframes[0]).toMatchObject({ points: [1, 0, 2, 1] });
  });

  it("sends nothing for a track created then deleted", () => {
    const s = job([]);
    s.apply({ tracks: { create: [boxTrack("t", [[0, 0, 0, 1, 1]])] } }, "draw");
    s.apply({ delete: ["t"] }, "delete");
    expect(ops(s)).toEqual(NONE);
  });

  it("sends only a delete for a track edited then deleted", () => {
    const s = job([boxTrack("t", [[0, 0, 0, 1, 1]])]);
    s.apply({ update: [nudged(s, "t")] }, "nudge");
    s.apply({ tracks: { delete: ["t"] } }, "delete track");
    expect(ops(s)).toEqual({ create: [], update: [], delete: ["t"] });
  });

  it("sends nothing for a keyframe edit that was undone", () => {
    const s = job([boxTrack("t", [[0, 0, 0, 1, 1]])], 4);
    s.apply({ update: [nudged(s, "t")] }, "nudge");
    s.undo();
    expect(ops(s)).toEqual(NONE);
    expect(s.hasPendingChanges()).toBe(false);
  });

  it("counts a track change as unsaved work", () => {
    const s = job([boxTrack("t", [[0, 0, 0, 1, 1]])]);
    const t = s.track("t")!;
    s.apply({ tracks: { update: [putKeyframe(t, { ...t.keyframes[0]!, frame: 9 })] } }, "copy keyframe");
    expect(s.hasPendingChanges()).toBe(true);
  });

  it("keeps track changes made while a save was in flight pending after the acknowledgement", () => {
    const s = job([boxTrack("a", [[0, 0, 0, 1, 1]]), boxTrack("b", [[0, 5, 5, 6, 6]])]);
    s.apply({ update: [nudged(s, "a")] }, "nudge");
    const inFlight = s.pendingDiff();
    s.apply({ update: [nudged(s, "b")] }, "nudge");
    s.acknowledge(inFlight.through);
    expect(ops(s)).toEqual({ create: [], update: ["b"], delete: [] });
  });

  it("sends a shape turned into a track as a shape delete and a track create", () => {
    const s = new AnnotationStore();
    s.loadJob([rect("s", 0, 0, 1, 1)], [], 0);
    s.apply({ delete: ["s"], tracks: { create: [boxTrack("t", [[0, 0, 0, 1, 1]])] } }, "convert");
    const d = s.pendingDiff();
    expect([d.shapes.delete, d.tracks.create.map((w) => w.id)]).toEqual([["s"], ["t"]]);
  });
});
