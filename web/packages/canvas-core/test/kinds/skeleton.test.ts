import { describe, expect, it } from "vitest";

import { cycleVisibility, skeletonFromTemplate, skeletonKind as k } from "../../src/kinds/skeleton";
import type { SkeletonGeometry } from "../../src/model/geometry";
import { parseLabels } from "../../src/model/label";
import { LABELS } from "../support/fixtures";
import { RecordingContext } from "../support/recording-context";

const pose = parseLabels(LABELS).find((l) => l.id === 4)!;
const g: SkeletonGeometry = { points: [50, 0, 0, 100, 100, 100], visibility: ["visible", "occluded", "outside"] };

describe("skeleton", () => {
  it("places the label's template scaled into a box", () => {
    expect(skeletonFromTemplate(pose.skeleton!, { minX: 10, minY: 20, maxX: 110, maxY: 220 })).toEqual({
      points: [60, 20, 10, 220, 110, 220],
      visibility: ["visible", "visible", "visible"],
    });
  });

  it("leaves points that are outside out of its bounds and hit test, but keeps their handles", () => {
    expect(k.bbox(g)).toEqual({ minX: 0, minY: 0, maxX: 50, maxY: 100 });
    expect(k.hitTest(g, { x: 100, y: 100 }, 5)).toBeNull();
    expect(k.handles(g, { scale: 1 }).map((h) => h.id)).toEqual(["v:0", "v:1", "v:2"]);
  });

  it("is hit on its template's edges when the label is given", () => {
    const all: SkeletonGeometry = { ...g, visibility: ["visible", "visible", "visible"] };
    expect(k.hitTest(all, { x: 25, y: 50 }, 1)).toBeNull();
    expect(k.hitTest(all, { x: 25, y: 50 }, 1, pose)).toBeCloseTo(0);
  });

  it("moves one joint with its handle and keeps the visibility", () => {
    expect(k.dragHandle(g, "v:1", { x: 5, y: 95 }, { shift: false })!.geometry).toEqual({ points: [50, 0, 5, 95, 100, 100], visibility: g.visibility });
  });

  it("draws edges between shown joints only, and joints filled or hollow by visibility", () => {
    const ctx = new RecordingContext();
    k.traceOutline(ctx, g, { scale: 1, pixel: 1 }, pose);
    // Edge 0–2 touches an outside point: only 0–1 is drawn.
    expect(ctx.calls.map((c) => [c.op, ...c.args])).toEqual([["moveTo", 50, 0], ["lineTo", 0, 100]]);
    ctx.reset();
    k.drawDetail!(ctx, g, { color: "#f00", fillOpacity: 0.2, lineWidth: 1 }, { scale: 1, pixel: 1 });
    expect(ctx.count("arc")).toBe(2);
    expect(ctx.count("fill")).toBe(1);
    expect(ctx.count("stroke")).toBe(2);
  });

  it("cycles a joint's visibility", () => {
    expect(cycleVisibility(g, 0).visibility[0]).toBe("occluded");
    expect(cycleVisibility(g, 2).visibility[2]).toBe("visible");
  });
});
