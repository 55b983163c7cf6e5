import { describe, expect, it } from "vitest";

import { ellipseFromCorners, ellipseKind as k } from "../../src/kinds/ellipse";
import type { EllipseGeometry } from "../../src/model/geometry";
import { RecordingContext } from "../support/recording-context";

const e: EllipseGeometry = { cx: 100, cy: 50, rx: 40, ry: 10, rotation: 0 };
const turned: EllipseGeometry = { ...e, rotation: 90 };

describe("ellipse", () => {
  it("has the bounds of its rotated outline", () => {
    expect(k.bbox(e)).toEqual({ minX: 60, minY: 40, maxX: 140, maxY: 60 });
    const b = k.bbox(turned)!;
    expect(b.minX).toBeCloseTo(90);
    expect(b.maxY).toBeCloseTo(90);
    const diag = k.bbox({ ...e, rx: 10, ry: 10, rotation: 33 })!;
    expect(diag.maxX - diag.minX).toBeCloseTo(20);
  });

  it("is hit inside and near the outline, along its rotated axes", () => {
    expect(k.hitTest(e, { x: 139, y: 50 }, 0)).toBe(0);
    expect(k.hitTest(e, { x: 142, y: 50 }, 3)).toBeCloseTo(2);
    expect(k.hitTest(e, { x: 100, y: 63 }, 2)).toBeNull();
    expect(k.hitTest(turned, { x: 100, y: 85 }, 0)).toBe(0);
    expect(k.hitTest(turned, { x: 135, y: 50 }, 0)).toBeNull();
  });

  it("is built inscribed in a box", () => {
    expect(ellipseFromCorners({ x: 10, y: 30 }, { x: 0, y: 0 })).toEqual({ cx: 5, cy: 15, rx: 5, ry: 15, rotation: 0 });
  });

  it("resizes one radius symmetrically with an axis handle, and both with Shift", () => {
    expect(k.dragHandle(e, "e", { x: 160, y: 55 }, { shift: false })!.geometry).toEqual({ ...e, rx: 60 });
    expect(k.dragHandle(e, "n", { x: 0, y: 30 }, { shift: false })!.geometry).toEqual({ ...e, ry: 20 });
    const both = k.dragHandle(e, "w", { x: 20, y: 50 }, { shift: true })!.geometry;
    expect(both.rx).toBeCloseTo(80);
    expect(both.ry).toBeCloseTo(20);
  });

  it("resizes along its own axis when rotated", () => {
    const east = k.handles(turned, { scale: 1 }).find((h) => h.id === "e")!;
    expect(east.x).toBeCloseTo(100);
    expect(east.y).toBeCloseTo(90);
    expect(k.dragHandle(turned, "e", { x: 100, y: 110 }, { shift: false })!.geometry.rx).toBeCloseTo(60);
  });

  it("rotates with the rotate handle and translates", () => {
    expect(k.dragHandle(e, "rotate", { x: 100, y: 100 }, { shift: false })!.geometry.rotation).toBeCloseTo(180);
    expect(k.translate(e, 1, 2)).toEqual({ ...e, cx: 101, cy: 52 });
  });

  it("traces a new sub-path so that batched ellipses are not joined", () => {
    const ctx = new RecordingContext();
    k.traceOutline(ctx, e, { scale: 1, pixel: 1 });
    expect(ctx.calls.map((c) => c.op)).toEqual(["moveTo", "ellipse"]);
    expect(ctx.calls[0]?.args).toEqual([140, 50]);
  });

  it("rejects a zero radius", () => {
    const issues: never[] = [];
    expect(k.parse({ points: [0, 0, 0, 5] }, ["s"], issues)).toBeNull();
    expect(issues).toHaveLength(1);
  });
});
