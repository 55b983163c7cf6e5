import { describe, expect, it } from "vitest";

import { MARKER_RADIUS_PX } from "../../src/kinds/kind";
import { pointsKind as k } from "../../src/kinds/points";
import { RecordingContext } from "../support/recording-context";

const g = { points: [10, 10, 50, 10] };

describe("points", () => {
  it("is hit near a point but not between points", () => {
    expect(k.hitTest(g, { x: 12, y: 10 }, 3)).toBe(2);
    expect(k.hitTest(g, { x: 30, y: 10 }, 3)).toBeNull();
  });

  it("has vertex handles only, and keeps at least one point", () => {
    expect(k.handles(g, { scale: 1 }).map((h) => h.id)).toEqual(["v:0", "v:1"]);
    expect(k.dragHandle(g, "e:0", { x: 0, y: 0 }, { shift: false })).toBeNull();
    expect(k.vertices!.removeVertex(g, 0)).toEqual({ points: [50, 10] });
    expect(k.vertices!.removeVertex({ points: [1, 1] }, 0)).toBeNull();
  });

  it("draws markers of a fixed screen size at any zoom", () => {
    const ctx = new RecordingContext();
    k.traceOutline(ctx, g, { scale: 4, pixel: 0.25 });
    expect(ctx.ops("arc").map((c) => c.args[2])).toEqual([MARKER_RADIUS_PX / 4, MARKER_RADIUS_PX / 4]);
  });

  it("translates every point", () => {
    expect(k.translate(g, 1, -1)).toEqual({ points: [11, 9, 51, 9] });
  });
});
