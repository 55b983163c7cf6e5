import { describe, expect, it } from "vitest";

import { CanvasError } from "../../src/errors";
import type { AnyObject } from "../../src/model/object";
import { AnnotationStore } from "../../src/store/store";
import { obj, rect } from "../support/fixtures";

function store(...objs: AnyObject[]): AnnotationStore {
  const s = new AnnotationStore();
  s.load(objs);
  return s;
}

function moved(s: AnnotationStore, id: string, dx: number): AnyObject {
  const o = s.get(id)!;
  if (o.kind !== "rectangle") throw new Error("rectangle expected");
  return { ...o, geometry: { ...o.geometry, x1: o.geometry.x1 + dx, x2: o.geometry.x2 + dx } };
}

function ops(s: AnnotationStore): { create: string[]; update: string[]; delete: string[]; tags: string[] } {
  const d = s.pendingDiff();
  return {
    create: d.shapes.create.map((w) => w.id),
    update: d.shapes.update.map((w) => w.id),
    delete: d.shapes.delete,
    tags: [...d.tags.create.map((w) => `+${w.id}`), ...d.tags.update.map((w) => `~${w.id}`), ...d.tags.delete.map((id) => `-${id}`)],
  };
}

describe("pending diff", () => {
  it("is empty after a load", () => {
    expect(ops(store(rect("a", 0, 0, 1, 1)))).toEqual({ create: [], update: [], delete: [], tags: [] });
  });

  it("sends a create followed by updates as one create with the final state", () => {
    const s = store();
    s.apply({ create: [rect("n", 0, 0, 1, 1)] }, "draw");
    s.apply({ update: [moved(s, "n", 5)] }, "move");
    const d = s.pendingDiff();
    expect(ops(s)).toEqual({ create: ["n"], update: [], delete: [], tags: [] });
    expect(d.shapes.create[0]).toMatchObject({ id: "n", kind: "rectangle", points: [5, 0, 6, 1] });
  });

  it("sends nothing for an object created then deleted", () => {
    const s = store();
    s.apply({ create: [rect("n", 0, 0, 1, 1)] }, "draw");
    s.apply({ delete: ["n"] }, "delete");
    expect(ops(s)).toEqual({ create: [], update: [], delete: [], tags: [] });
  });

  it("sends only a delete for an object updated then deleted", () => {
    const s = store(rect("a", 0, 0, 1, 1));
    s.apply({ update: [moved(s, "a", 1)] }, "move");
    s.apply({ delete: ["a"] }, "delete");
    expect(ops(s)).toEqual({ create: [], update: [], delete: ["a"], tags: [] });
  });

  it("sends nothing for a change that was undone", () => {
    const s = store(rect("a", 0, 0, 1, 1));
    s.apply({ update: [moved(s, "a", 1)] }, "move");
    s.undo();
    expect(ops(s)).toEqual({ create: [], update: [], delete: [], tags: [] });
  });

  it("sends a full object for an update", () => {
    const s = store(rect("a", 0, 0, 1, 1, { attributes: { make: "vw" }, extra: { revision: 3 } }));
    s.apply({ update: [moved(s, "a", 1)] }, "move");
    expect(s.pendingDiff().shapes.update).toEqual([
      { id: "a", label_id: 1, kind: "rectangle", frame: 0, z_order: 0, occluded: false, outside: false, attributes: { make: "vw" }, group: null, source: "manual", score: null, revision: 3, points: [1, 0, 2, 1], rotation: 0 },
    ]);
  });

  it("puts tags in their own collection", () => {
    const s = store();
    s.apply({ create: [obj("t", "tag", {}, { labelId: 6 })] }, "tag");
    expect(ops(s)).toEqual({ create: [], update: [], delete: [], tags: ["+t"] });
    expect(s.pendingDiff().tags.create[0]).not.toHaveProperty("kind");
  });

  it("keeps changes made while a save was in flight pending after the acknowledgement", () => {
    const s = store(rect("a", 0, 0, 1, 1), rect("b", 0, 0, 1, 1));
    s.apply({ update: [moved(s, "a", 1)] }, "move");
    const inFlight = s.pendingDiff();
    s.apply({ update: [moved(s, "b", 1)] }, "move");
    s.acknowledge(inFlight.through);
    expect(ops(s)).toEqual({ create: [], update: ["b"], delete: [], tags: [] });
    s.acknowledge(s.pendingDiff().through);
    expect(s.hasPendingChanges()).toBe(false);
  });

  it("turns an undo of a saved change into an update back", () => {
    const s = store(rect("a", 0, 0, 1, 1));
    s.apply({ update: [moved(s, "a", 1)] }, "move");
    s.acknowledge(s.pendingDiff().through);
    s.undo();
    expect(s.pendingDiff().shapes.update[0]).toMatchObject({ id: "a", points: [0, 0, 1, 1] });
  });

  it("keeps everything pending when a save failed (never acknowledged)", () => {
    const s = store(rect("a", 0, 0, 1, 1));
    s.apply({ delete: ["a"] }, "delete");
    s.pendingDiff();
    expect(ops(s).delete).toEqual(["a"]);
  });

  it("rejects an acknowledgement of a position it never gave", () => {
    const s = store(rect("a", 0, 0, 1, 1));
    expect(() => s.acknowledge(5)).toThrowError(CanvasError);
  });

  it("does not send a preview that is still in progress", () => {
    const s = store(rect("a", 0, 0, 1, 1));
    s.beginPreview();
    s.updatePreview({ update: [moved(s, "a", 1)] });
    expect(s.hasPendingChanges()).toBe(false);
  });
});
