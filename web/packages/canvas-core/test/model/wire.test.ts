import { describe, expect, it } from "vitest";

import { CanvasError } from "../../src/errors";
import { KIND_REGISTRY } from "../../src/kinds/registry";
import { parseAnnotations, toWire } from "../../src/model/wire";

const opts = { frame: 7 };

function issuesOf(fn: () => unknown): { loc: string; msg: string; type: string }[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof CanvasError) return e.issues.map((i) => ({ loc: i.loc.join("."), msg: i.msg, type: i.type }));
    throw e;
  }
  throw new Error("expected a CanvasError");
}

describe("wire format", () => {
  it("parses a shape of every kind and writes it back unchanged", () => {
    const shapes = [
      { id: "r", label_id: 1, kind: "rectangle", frame: 7, z_order: 2, occluded: true, outside: false, attributes: { color: "red" }, group: 3, source: "model", score: 0.9, points: [1, 2, 30, 40], rotation: 15 },
      { id: "e", label_id: 1, kind: "ellipse", frame: 7, z_order: 0, occluded: false, outside: false, attributes: {}, group: null, source: "manual", score: null, points: [50, 50, 10, 5], rotation: 0 },
      { id: "p", label_id: 1, kind: "polygon", frame: 7, z_order: 0, occluded: false, outside: false, attributes: {}, group: null, source: "manual", score: null, points: [0, 0, 10, 0, 5, 5] },
      { id: "l", label_id: 1, kind: "polyline", frame: 7, z_order: 0, occluded: false, outside: false, attributes: {}, group: null, source: "manual", score: null, points: [0, 0, 10, 0] },
      { id: "k", label_id: 1, kind: "points", frame: 7, z_order: 0, occluded: false, outside: false, attributes: {}, group: null, source: "manual", score: null, points: [3, 3] },
      { id: "s", label_id: 1, kind: "skeleton", frame: 7, z_order: 0, occluded: false, outside: false, attributes: {}, group: null, source: "manual", score: null, points: [0, 0, 1, 1], visibility: ["visible", "outside"] },
      { id: "m", label_id: 1, kind: "mask", frame: 7, z_order: 0, occluded: false, outside: false, attributes: {}, group: null, source: "manual", score: null, bbox: [0, 0, 2, 2], rle: [1, 2, 1] },
    ];
    const tags = [{ id: "t", label_id: 6, frame: 7, attributes: {}, source: "manual", score: null, stop_frame: 9 }];
    const objects = parseAnnotations({ shapes, tags }, KIND_REGISTRY, opts);
    expect(objects.map((o) => o.kind)).toEqual(["rectangle", "ellipse", "polygon", "polyline", "points", "skeleton", "mask", "tag"]);
    expect(objects.map((o) => toWire(o, KIND_REGISTRY))).toEqual([...shapes, ...tags]);
  });

  it("reads and writes the group as the server's `group` and gives tags none", () => {
    const [shape, tag] = parseAnnotations({ shapes: [{ id: "a", label_id: 1, kind: "points", points: [1, 1], group: 4 }], tags: [{ id: "t", label_id: 6 }] }, KIND_REGISTRY, opts);
    expect(shape?.groupId).toBe(4);
    expect(toWire(shape!, KIND_REGISTRY)).toMatchObject({ group: 4 });
    expect(toWire(shape!, KIND_REGISTRY)).not.toHaveProperty("group_id");
    expect(Object.keys(toWire(tag!, KIND_REGISTRY)).sort()).toEqual(["attributes", "frame", "id", "label_id", "score", "source"]);
  });

  it("refuses the old `group_id` field, which the server would reject", () => {
    const issues = issuesOf(() => parseAnnotations({ shapes: [{ id: "a", label_id: 1, kind: "points", points: [1, 1], group_id: 4 }], tags: [{ id: "t", label_id: 6, group_id: null }] }, KIND_REGISTRY, opts));
    expect(issues.map((i) => [i.loc, i.type])).toEqual([
      ["shapes.0.group_id", "invalid"],
      ["tags.0.group_id", "invalid"],
    ]);
  });

  it("keeps fields it does not interpret, such as the revision, for the save", () => {
    const [o] = parseAnnotations({ shapes: [{ id: "a", label_id: 1, kind: "points", points: [1, 1], revision: 12, job_id: 4 }] }, KIND_REGISTRY, opts);
    expect(o?.extra).toEqual({ revision: 12, job_id: 4 });
    expect(toWire(o!, KIND_REGISTRY)).toMatchObject({ revision: 12, job_id: 4 });
  });

  it("fills defaults for optional fields and the frame", () => {
    const [o] = parseAnnotations({ shapes: [{ id: "a", label_id: 1, kind: "points", points: [1, 1] }] }, KIND_REGISTRY, opts);
    expect(o).toMatchObject({ frame: 7, zOrder: 0, occluded: false, outside: false, attributes: {}, groupId: null, source: "manual", score: null });
  });

  it("reports every problem at once, each at its JSON path", () => {
    const issues = issuesOf(() =>
      parseAnnotations(
        {
          shapes: [
            { id: "a", label_id: 1, kind: "rectangle", points: [0, 0, 10] },
            { id: "b", label_id: 1, kind: "triangle", points: [] },
            { id: "c", label_id: 1, kind: "polygon", points: [0, 0, 1, "x", 2, 2] },
            { id: "d", label_id: 1, kind: "rectangle", points: [10, 0, 0, 10] },
            { id: "e", label_id: 1, kind: "mask", bbox: [0, 0, 2, 2], rle: [1, 2] },
            { id: "a", label_id: 1, kind: "points", points: [1, 1] },
          ],
        },
        KIND_REGISTRY,
        opts,
      ),
    );
    expect(issues).toEqual([
      { loc: "shapes.0.points", msg: "expected 4 numbers, got 3", type: "invalid" },
      { loc: "shapes.1.kind", msg: 'expected one of rectangle, ellipse, polygon, polyline, points, skeleton, mask, got "triangle"', type: "invalid" },
      { loc: "shapes.2.points.3", msg: 'expected a finite number, got "x"', type: "invalid" },
      { loc: "shapes.3.points", msg: "expected x1 < x2 and y1 < y2, got [10, 0, 0, 10]", type: "invalid" },
      { loc: "shapes.4.rle", msg: "runs cover 3 pixels, the bbox has 4", type: "invalid" },
      { loc: "shapes.5.id", msg: "duplicate id a", type: "invalid" },
    ]);
  });

  it("rejects labels that are not among the known ones", () => {
    const issues = issuesOf(() => parseAnnotations({ shapes: [{ id: "a", label_id: 99, kind: "points", points: [1, 1] }] }, KIND_REGISTRY, { frame: 0, labelIds: new Set([1]) }));
    expect(issues).toEqual([{ loc: "shapes.0.label_id", msg: "unknown label 99", type: "not_found" }]);
  });

  it("rejects a polygon with fewer than three points and a skeleton whose visibility list is short", () => {
    const issues = issuesOf(() =>
      parseAnnotations(
        {
          shapes: [
            { id: "a", label_id: 1, kind: "polygon", points: [0, 0, 1, 1] },
            { id: "b", label_id: 1, kind: "skeleton", points: [0, 0, 1, 1], visibility: ["visible"] },
          ],
        },
        KIND_REGISTRY,
        opts,
      ),
    );
    expect(issues.map((i) => [i.loc, i.type])).toEqual([
      ["shapes.0.points", "too_few_points"],
      ["shapes.1.visibility", "invalid"],
    ]);
  });

  it("names the place of a bad attribute value and a bad source", () => {
    const issues = issuesOf(() => parseAnnotations({ shapes: [{ id: "a", label_id: 1, kind: "points", points: [1, 1], attributes: { size: [1] }, source: "robot" }] }, KIND_REGISTRY, opts));
    expect(issues.map((i) => i.loc)).toEqual(["shapes.0.attributes.size", "shapes.0.source"]);
  });
});
