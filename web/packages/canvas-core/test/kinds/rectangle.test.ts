import { describe, expect, it } from "vitest";

import { rectangleCorners, rectangleKind as k } from "../../src/kinds/rectangle";
import type { RectangleGeometry } from "../../src/model/geometry";
import { RecordingContext } from "../support/recording-context";

const box: RectangleGeometry = { x1: 0, y1: 0, x2: 40, y2: 20, rotation: 0 };
const turned: RectangleGeometry = { ...box, rotation: 90 };
const params = { scale: 1, pixel: 1 };

function handle(g: RectangleGeometry, id: string): { x: number; y: number } {
  const h = k.handles(g, { scale: 1 }).find((x) => x.id === id);
  if (h === undefined) throw new Error(`no handle ${id}`);
  return h;
}

describe("rectangle", () => {
  it("has its bounds after rotation", () => {
    expect(k.bbox(box)).toEqual({ minX: 0, minY: 0, maxX: 40, maxY: 20 });
    const b = k.bbox(turned)!;
    expect([b.minX, b.minY, b.maxX, b.maxY].map((v) => Math.round(v * 1e9) / 1e9)).toEqual([10, -10, 30, 30]);
  });

  it("is hit inside, and near its edge within the tolerance", () => {
    expect(k.hitTest(box, { x: 20, y: 10 }, 2)).toBe(0);
    expect(k.hitTest(box, { x: 41.5, y: 10 }, 2)).toBeCloseTo(1.5);
    expect(k.hitTest(box, { x: 43, y: 10 }, 2)).toBeNull();
  });

  it("is hit where the rotated shape is, not where its unrotated box was", () => {
    // Turned 90° about (20, 10): it now spans x 10..30, y -10..30.
    expect(k.hitTest(turned, { x: 20, y: -8 }, 0)).toBe(0);
    expect(k.hitTest(turned, { x: 2, y: 10 }, 0)).toBeNull();
  });

  it("puts eight resize handles and a rotate handle on the rotated outline", () => {
    const hs = k.handles(turned, { scale: 2 });
    expect(hs.map((h) => h.id)).toEqual(["nw", "n", "ne", "e", "se", "s", "sw", "w", "rotate"]);
    const nw = handle(turned, "nw");
    expect(nw.x).toBeCloseTo(30);
    expect(nw.y).toBeCloseTo(-10);
    // 24 screen px above the top edge at scale 2 is 12 image px; the top edge faces +x after 90°.
    const r = hs.find((h) => h.id === "rotate")!;
    expect(r.x).toBeCloseTo(20 + 10 + 12);
    expect(r.y).toBeCloseTo(10);
  });

  it("resizes from a corner keeping the opposite corner fixed", () => {
    const { geometry, handleId } = k.dragHandle(box, "se", { x: 50, y: 30 }, { shift: false })!;
    expect(geometry).toEqual({ x1: 0, y1: 0, x2: 50, y2: 30, rotation: 0 });
    expect(handleId).toBe("se");
  });

  it("keeps the opposite corner fixed on screen when resizing a rotated rectangle", () => {
    const anchorBefore = rectangleCorners(turned)[0];
    const se = handle(turned, "se");
    const { geometry } = k.dragHandle(turned, "se", { x: se.x - 5, y: se.y + 7 }, { shift: false })!;
    const anchorAfter = rectangleCorners(geometry)[0];
    expect(anchorAfter.x).toBeCloseTo(anchorBefore.x);
    expect(anchorAfter.y).toBeCloseTo(anchorBefore.y);
    expect(geometry.rotation).toBe(90);
    expect(geometry.x2 - geometry.x1).toBeCloseTo(47);
    expect(geometry.y2 - geometry.y1).toBeCloseTo(25);
  });

  it("moves only one side with an edge handle", () => {
    const { geometry } = k.dragHandle(box, "n", { x: 999, y: -10 }, { shift: false })!;
    expect(geometry).toEqual({ x1: 0, y1: -10, x2: 40, y2: 20, rotation: 0 });
  });

  it("flips when dragged past the opposite side, and the handle becomes the opposite one", () => {
    const { geometry, handleId } = k.dragHandle(box, "e", { x: -10, y: 10 }, { shift: false })!;
    expect(geometry).toEqual({ x1: -10, y1: 0, x2: 0, y2: 20, rotation: 0 });
    expect(handleId).toBe("w");
  });

  it("keeps its aspect ratio with Shift on a corner", () => {
    const { geometry } = k.dragHandle(box, "se", { x: 80, y: 22 }, { shift: true })!;
    expect(geometry.x2 - geometry.x1).toBeCloseTo(80);
    expect(geometry.y2 - geometry.y1).toBeCloseTo(40);
  });

  it("never becomes empty", () => {
    const { geometry } = k.dragHandle(box, "e", { x: 0, y: 10 }, { shift: false })!;
    expect(geometry.x2).toBeGreaterThan(geometry.x1);
  });

  it("rotates toward the pointer, snapping to 15° with Shift", () => {
    expect(k.dragHandle(box, "rotate", { x: 40, y: 10 }, { shift: false })!.geometry.rotation).toBeCloseTo(90);
    expect(k.dragHandle(box, "rotate", { x: 20, y: 40 }, { shift: false })!.geometry.rotation).toBeCloseTo(180);
    expect(k.dragHandle(box, "rotate", { x: 30, y: -1 }, { shift: true })!.geometry.rotation).toBe(45);
  });

  it("has no handle it does not list", () => {
    expect(k.dragHandle(box, "v:0", { x: 0, y: 0 }, { shift: false })).toBeNull();
  });

  it("translates by a float offset", () => {
    expect(k.translate(turned, 0.5, -2.25)).toEqual({ x1: 0.5, y1: -2.25, x2: 40.5, y2: 17.75, rotation: 90 });
  });

  it("traces an axis-aligned rect, or its four rotated corners", () => {
    const ctx = new RecordingContext();
    k.traceOutline(ctx, box, params);
    expect(ctx.calls.map((c) => [c.op, ...c.args])).toEqual([["rect", 0, 0, 40, 20]]);
    ctx.reset();
    k.traceOutline(ctx, turned, params);
    expect(ctx.calls.map((c) => c.op)).toEqual(["moveTo", "lineTo", "lineTo", "lineTo", "closePath"]);
  });

  it("reads and writes its wire fields, normalising the rotation", () => {
    expect(k.parse({ points: [1, 2, 3, 4], rotation: -30 }, [], [])).toEqual({ x1: 1, y1: 2, x2: 3, y2: 4, rotation: 330 });
    expect(k.parse({ points: [1, 2, 3, 4] }, [], [])?.rotation).toBe(0);
    expect(k.serialize({ x1: 1, y1: 2, x2: 3, y2: 4, rotation: 330 })).toEqual({ points: [1, 2, 3, 4], rotation: 330 });
    const issues: never[] = [];
    expect(k.parse({ points: [1, 2, 3, 4], rotation: "a" }, ["shapes", 0], issues)).toBeNull();
    expect(issues).toEqual([{ loc: ["shapes", 0, "rotation"], msg: 'expected degrees, got "a"', type: "invalid" }]);
  });
});
