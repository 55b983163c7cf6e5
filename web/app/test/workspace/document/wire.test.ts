import type { PendingDiff, WireShape } from "@annota/canvas-core";
import { describe, expect, it } from "vitest";
import { diffFromCanvas, shapeToCanvas, shapeToServer } from "../../../src/workspace/document/wire";
import { rect } from "../support";

const canvasRow: WireShape = {
  id: "a",
  kind: "rectangle",
  label_id: 1,
  frame: 2,
  z_order: 3,
  occluded: true,
  outside: false,
  attributes: { colour: "red" },
  group: 4,
  source: "manual",
  score: null,
  points: [1, 2, 3, 4],
  rotation: 30,
  revision: 7,
  job_id: 1,
};

describe("the wire adapter", () => {
  it("sends the canvas's group and drops fields the server does not know", () => {
    const out = shapeToServer(canvasRow) as Record<string, unknown>;
    expect(out.group).toBe(4);
    expect(Object.keys(out).sort()).toEqual(
      ["attributes", "frame", "group", "id", "kind", "label_id", "occluded", "outside", "points", "rotation", "score", "source", "z_order"].sort(),
    );
  });

  it("gives the canvas the server's shape as it is, group included", () => {
    const shape = { ...rect("a", 0, 0, 0, 1, 1), group: 5 };
    expect(shapeToCanvas(shape)).toBe(shape);
  });

  it("turns a canvas pending diff into a server diff, tags included", () => {
    const pending: PendingDiff = {
      shapes: { create: [canvasRow], update: [], delete: ["b"] },
      tags: { create: [{ id: "t", label_id: 9, frame: 2, attributes: {}, source: "manual", score: null }], update: [], delete: [] },
      tracks: { create: [], update: [], delete: [] },
      through: 3,
    };
    const out = diffFromCanvas(pending);
    expect(out.shapes.delete).toEqual(["b"]);
    expect(out.shapes.create[0]?.group).toBe(4);
    expect(out.tags.create).toEqual([{ id: "t", label_id: 9, frame: 2, attributes: {}, source: "manual", score: null }]);
  });

  it("sends the canvas's tracks in the tracks collection, known fields only, and none when no track changed", () => {
    const keyframe = { frame: 3, outside: false, occluded: false, attributes: { speed: 2 }, source: "manual" as const, points: [1, 2, 3, 4], rotation: 0, visibility: null, cached: true };
    const wireTrack = { id: "t", kind: "rectangle" as const, label_id: 1, z_order: 0, attributes: {}, group: null, source: "manual" as const, keyframes: [keyframe] };
    const empty = { create: [], update: [], delete: [] };
    const out = diffFromCanvas({ shapes: empty, tags: empty, tracks: { create: [], update: [wireTrack], delete: ["old"] }, through: 1 });
    expect(out.tracks?.update[0]?.keyframes).toEqual([{ frame: 3, outside: false, occluded: false, attributes: { speed: 2 }, source: "manual", points: [1, 2, 3, 4], rotation: 0 }]);
    expect(out.tracks?.delete).toEqual(["old"]);
    expect("tracks" in diffFromCanvas({ shapes: empty, tags: empty, tracks: empty, through: 1 })).toBe(false);
  });
});
