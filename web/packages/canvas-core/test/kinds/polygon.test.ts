import { describe, expect, it } from "vitest";

import { polygonKind as k } from "../../src/kinds/polygon";
import { polylineKind } from "../../src/kinds/polyline";
import type { VertexGeometry } from "../../src/model/geometry";
import { RecordingContext } from "../support/recording-context";

const tri: VertexGeometry = { points: [0, 0, 100, 0, 0, 100] };

describe("polygon", () => {
  it("has the bounds of its vertices", () => {
    expect(k.bbox(tri)).toEqual({ minX: 0, minY: 0, maxX: 100, maxY: 100 });
  });

  it("is hit inside and near an edge, including the closing edge", () => {
    expect(k.hitTest(tri, { x: 10, y: 10 }, 0)).toBe(0);
    expect(k.hitTest(tri, { x: 55, y: 55 }, 8)).toBeCloseTo(10 / Math.SQRT2);
    expect(k.hitTest(tri, { x: 55, y: 55 }, 5)).toBeNull();
    expect(k.hitTest(tri, { x: -2, y: 50 }, 3)).toBeCloseTo(2);
  });

  it("has a handle per vertex and per edge midpoint", () => {
    const hs = k.handles(tri, { scale: 1 });
    expect(hs.map((h) => h.id)).toEqual(["v:0", "v:1", "v:2", "e:0", "e:1", "e:2"]);
    expect(hs.find((h) => h.id === "e:2")).toMatchObject({ x: 0, y: 50, role: "edge" });
  });

  it("moves a vertex with its handle", () => {
    expect(k.dragHandle(tri, "v:1", { x: 120, y: 5 }, { shift: false })).toEqual({ geometry: { points: [0, 0, 120, 5, 0, 100] }, handleId: "v:1" });
  });

  it("inserts a vertex when an edge handle is dragged, and then drags that vertex", () => {
    const first = k.dragHandle(tri, "e:0", { x: 50, y: -10 }, { shift: false })!;
    expect(first).toEqual({ geometry: { points: [0, 0, 50, -10, 100, 0, 0, 100] }, handleId: "v:1" });
    const next = k.dragHandle(first.geometry, first.handleId, { x: 50, y: -20 }, { shift: false })!;
    expect(next.geometry.points).toEqual([0, 0, 50, -20, 100, 0, 0, 100]);
  });

  it("translates every vertex by a float offset", () => {
    expect(k.translate(tri, 0.5, -1)).toEqual({ points: [0.5, -1, 100.5, -1, 0.5, 99] });
  });

  it("removes vertices down to three and no further", () => {
    const quad = k.vertices!.insertVertex(tri, 0, { x: 50, y: -10 });
    expect(quad.points).toHaveLength(8);
    expect(k.vertices!.removeVertex(quad, 1)?.points).toEqual(tri.points);
    expect(k.vertices!.removeVertex(tri, 0)).toBeNull();
  });

  it("traces clockwise even when its vertices run the other way, so batched fills never cancel", () => {
    const ccw: VertexGeometry = { points: [0, 0, 0, 100, 100, 0] };
    const ctx = new RecordingContext();
    k.traceOutline(ctx, ccw, { scale: 1, pixel: 1 });
    expect(ctx.calls.map((c) => [c.op, ...c.args])).toEqual([["moveTo", 100, 0], ["lineTo", 0, 100], ["lineTo", 0, 0], ["closePath"]]);
  });

  it("skips vertices closer than a screen pixel when seen small (level of detail)", () => {
    const dense: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const t = (2 * Math.PI * i) / 1000;
      dense.push(100 + 50 * Math.cos(t), 100 + 50 * Math.sin(t));
    }
    const near = new RecordingContext();
    k.traceOutline(near, { points: dense }, { scale: 10, pixel: 0.1 });
    const far = new RecordingContext();
    k.traceOutline(far, { points: dense }, { scale: 0.05, pixel: 20 });
    expect(near.count("lineTo")).toBe(999);
    expect(far.count("lineTo")).toBeLessThan(30);
  });
});

describe("polyline", () => {
  const line: VertexGeometry = { points: [0, 0, 100, 0, 100, 100] };

  it("is hit only near the line, not in the area it bends around", () => {
    expect(polylineKind.hitTest(line, { x: 50, y: 1 }, 2)).toBeCloseTo(1);
    expect(polylineKind.hitTest(line, { x: 80, y: 20 }, 2)).toBeNull();
  });

  it("has no closing-edge handle and keeps at least two points", () => {
    expect(polylineKind.handles(line, { scale: 1 }).map((h) => h.id)).toEqual(["v:0", "v:1", "v:2", "e:0", "e:1"]);
    expect(polylineKind.vertices!.removeVertex({ points: [0, 0, 1, 1] }, 0)).toBeNull();
  });

  it("translates every vertex", () => {
    expect(polylineKind.translate(line, 1, 1)).toEqual({ points: [1, 1, 101, 1, 101, 101] });
  });

  it("traces an open path", () => {
    const ctx = new RecordingContext();
    polylineKind.traceOutline(ctx, line, { scale: 1, pixel: 1 });
    expect(ctx.count("closePath")).toBe(0);
    expect(polylineKind.closed).toBe(false);
  });
});
