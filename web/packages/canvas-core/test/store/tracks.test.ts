/** The store with a whole job loaded: frames, tracks shown as their states, edits through them, history across frames. */
import { describe, expect, it } from "vitest";

import { CanvasError } from "../../src/errors";
import type { AnyTrack } from "../../src/interpolation/model";
import type { AnyObject } from "../../src/model/object";
import type { StoreEvent } from "../../src/store/changes";
import { AnnotationStore } from "../../src/store/store";
import { boxTrack, obj, rect } from "../support/fixtures";

function job(objects: AnyObject[], tracks: AnyTrack[], frame = 0, mutable: readonly string[] = []): AnnotationStore {
  const s = new AnnotationStore({ mutableAttributes: () => new Set(mutable) });
  s.loadJob(objects, tracks, frame);
  return s;
}

function geometryOf(s: AnnotationStore, id: string): number[] {
  const g = s.get(id)!.geometry as { x1: number; y1: number; x2: number; y2: number };
  return [g.x1, g.y1, g.x2, g.y2];
}

function moved(o: AnyObject, dx: number): AnyObject {
  if (o.kind !== "rectangle") throw new Error("rectangle expected");
  return { ...o, geometry: { ...o.geometry, x1: o.geometry.x1 + dx, x2: o.geometry.x2 + dx } };
}

const car = (): AnyTrack => boxTrack("car", [
  [0, 0, 0, 10, 10],
  [10, 100, 0, 110, 10],
]);

describe("a loaded job", () => {
  it("shows the shapes of the current frame, the tags covering it and each track's state there", () => {
    const s = job([rect("s0", 0, 0, 1, 1, { frame: 0 }), rect("s5", 0, 0, 1, 1, { frame: 5 }), obj("day", "tag", {}, { frame: 3, extra: { stop_frame: 6 } })], [car()], 5);
    expect(s.ordered().map((o) => o.id).sort()).toEqual(["car", "day", "s5"]);
    expect(geometryOf(s, "car")).toEqual([50, 0, 60, 10]);
    expect(s.get("car")).toMatchObject({ frame: 5, labelId: 1 });
    expect(s.trackState("car")).toMatchObject({ keyframe: false, outside: false });
  });

  it("switches frames keeping history, the selection of what is still shown and view flags", () => {
    const s = job([rect("s0", 0, 0, 1, 1, { frame: 0 })], [car()]);
    s.apply({ update: [moved(s.get("s0")!, 1)] }, "move");
    s.select(["car", "s0"]);
    s.setHidden(["car"], true);
    s.setFrame(10);
    expect(s.canUndo).toBe(true);
    expect(s.selected()).toEqual(["car"]);
    expect(s.isHidden("car")).toBe(true);
    expect(s.has("s0")).toBe(false);
    expect(s.trackState("car")).toMatchObject({ keyframe: true });
  });

  it("emits the new frame's objects as a load, then the frame", () => {
    const s = job([rect("s0", 0, 0, 1, 1, { frame: 0 }), rect("s1", 0, 0, 1, 1, { frame: 1 })], [car()]);
    const events: string[] = [];
    s.subscribe((e: StoreEvent) => {
      if (e.type === "objects") events.push(`${e.cause}:${e.changes.map((c) => `${c.before === null ? "+" : c.after === null ? "-" : "~"}${c.id}`).join(",")}`);
      else if (e.type === "frame") events.push(`frame:${e.frame}`);
    });
    s.setFrame(1);
    expect(events).toEqual(["load:-s0,+s1,~car", "frame:1"]);
  });

  it("refuses to switch frames when it holds one image's objects", () => {
    const s = new AnnotationStore();
    s.load([rect("a", 0, 0, 1, 1)]);
    expect(() => s.setFrame(1)).toThrowError(/setAnnotations/);
  });

  it("does not show a track before its first keyframe", () => {
    const s = job([], [boxTrack("late", [[5, 0, 0, 1, 1]])], 2);
    expect(s.has("late")).toBe(false);
    s.setFrame(5);
    expect(s.has("late")).toBe(true);
  });

  it("lists an outside state without an object to pick: flagged outside", () => {
    const s = job([], [boxTrack("gone", [[0, 0, 0, 1, 1, "outside"]])]);
    expect(s.get("gone")).toMatchObject({ outside: true });
    expect(s.isOutsideState("gone")).toBe(true);
  });
});

describe("editing a track through its state", () => {
  it("creates a keyframe where an interpolated state is moved, as one change set", () => {
    const s = job([], [car()], 5);
    s.apply({ update: [moved(s.get("car")!, 3)] }, "nudge");
    expect(s.track("car")!.keyframes.map((k) => k.frame)).toEqual([0, 5, 10]);
    expect(geometryOf(s, "car")).toEqual([53, 0, 63, 10]);
    expect(s.trackState("car")).toMatchObject({ keyframe: true, source: "manual" });
    expect(s.history()).toHaveLength(1);
    expect(s.history()[0]).toMatchObject({ label: "nudge", changes: [], frame: 5 });
    expect(s.history()[0]!.tracks.map((c) => c.id)).toEqual(["car"]);
  });

  it("updates the keyframe on a keyframe frame instead of adding one", () => {
    const s = job([], [car()], 10);
    s.apply({ update: [moved(s.get("car")!, 5)] }, "nudge");
    expect(s.track("car")!.keyframes.map((k) => k.frame)).toEqual([0, 10]);
    expect(geometryOf(s, "car")).toEqual([105, 0, 115, 10]);
  });

  it("turns a drag (a preview) into one keyframe when it is committed", () => {
    const s = job([], [car()], 5);
    s.beginPreview();
    for (let step = 1; step <= 4; step++) s.updatePreview({ update: [moved(s.get("car")!, 1)] });
    expect(s.track("car")!.keyframes).toHaveLength(2);
    s.commitPreview("move");
    expect(s.track("car")!.keyframes.map((k) => k.frame)).toEqual([0, 5, 10]);
    expect(geometryOf(s, "car")).toEqual([54, 0, 64, 10]);
    expect(s.history().map((c) => c.label)).toEqual(["move"]);
  });

  it("puts a cancelled drag back without touching the track", () => {
    const s = job([], [car()], 5);
    const before = s.track("car");
    s.beginPreview();
    s.updatePreview({ update: [moved(s.get("car")!, 7)] });
    s.cancelPreview();
    expect(s.track("car")).toBe(before);
    expect(geometryOf(s, "car")).toEqual([50, 0, 60, 10]);
  });

  it("changes the label, z-order and immutable attributes on the track, mutable ones on a keyframe", () => {
    const s = job([], [car()], 5, ["moving"]);
    s.apply({ update: [{ ...s.get("car")!, labelId: 2, zOrder: 4, attributes: { make: "vw", moving: true } }] }, "edit");
    const t = s.track("car")!;
    expect(t).toMatchObject({ labelId: 2, zOrder: 4, attributes: { make: "vw" } });
    expect(t.keyframes.map((k) => [k.frame, k.attributes])).toEqual([
      [0, {}],
      [5, { moving: true }],
      [10, {}],
    ]);
    s.setFrame(20);
    expect(s.get("car")!.attributes).toEqual({ make: "vw", moving: true });
  });

  it("changes only the track when no keyframe field changed", () => {
    const s = job([], [car()], 5);
    s.apply({ update: [{ ...s.get("car")!, labelId: 3 }] }, "relabel");
    expect(s.track("car")!.keyframes).toHaveLength(2);
  });

  it("deletes the whole track when its state is deleted", () => {
    const s = job([], [car()], 5);
    s.select(["car"]);
    s.apply({ delete: ["car"] }, "delete");
    expect(s.track("car")).toBeUndefined();
    expect(s.has("car")).toBe(false);
    expect(s.selected()).toEqual([]);
  });

  it("refuses a request naming an unknown track, changing nothing", () => {
    const s = job([], [car()], 5);
    expect(() => s.apply({ tracks: { update: [boxTrack("nope", [[0, 0, 0, 1, 1]])], delete: ["car"] } }, "x")).toThrowError(CanvasError);
    expect(s.track("car")).toBeDefined();
  });
});

describe("undo and redo across frames", () => {
  it("undoes a keyframe made on frame 5 while frame 8 is shown", () => {
    const s = job([], [car()], 5);
    s.apply({ update: [moved(s.get("car")!, 20)] }, "nudge");
    s.setFrame(8);
    // Between the new keyframe (70 on frame 5) and frame 10's box (100): 70 + 30 × 3/5.
    expect(geometryOf(s, "car")).toEqual([88, 0, 98, 10]);
    s.undo();
    expect(s.track("car")!.keyframes.map((k) => k.frame)).toEqual([0, 10]);
    expect(geometryOf(s, "car")).toEqual([80, 0, 90, 10]);
    s.redo();
    expect(s.track("car")!.keyframes.map((k) => k.frame)).toEqual([0, 5, 10]);
  });

  it("undoes a shape drawn on another frame without showing it, still reporting the undo", () => {
    const s = job([], [], 0);
    s.apply({ create: [rect("n", 0, 0, 5, 5, { frame: 0 })] }, "draw");
    s.setFrame(3);
    const events: string[] = [];
    s.subscribe((e) => events.push(e.type === "objects" ? `objects:${e.cause}:${e.changes.length}` : e.type));
    s.undo();
    expect(s.documentObject("n")).toBeUndefined();
    expect(events).toEqual(["objects:undo:0", "history"]);
    expect(s.pendingDiff().shapes.create).toEqual([]);
  });

  it("emits tracks events for track changes, with the cause", () => {
    const s = job([], [car()], 5);
    const causes: string[] = [];
    s.subscribe((e) => {
      if (e.type === "tracks") causes.push(`${e.cause}:${e.changes.map((c) => c.id).join()}`);
    });
    s.apply({ update: [moved(s.get("car")!, 1)] }, "nudge");
    s.undo();
    expect(causes).toEqual(["action:car", "undo:car"]);
  });
});
