import { describe, expect, it } from "vitest";

import { maskKind as k } from "../../src/kinds/mask";
import type { MaskGeometry } from "../../src/model/geometry";
import { RecordingContext } from "../support/recording-context";

/** 4×3 mask at (10, 20):
 *  . X X .
 *  X X X X
 *  . . . X
 */
const m: MaskGeometry = { x1: 10, y1: 20, x2: 14, y2: 23, rle: [1, 2, 1, 4, 3, 1] };

describe("mask kind", () => {
  it("is hit on set pixels only", () => {
    expect(k.hitTest(m, { x: 10.5, y: 20.5 }, 0)).toBeNull();
    expect(k.hitTest(m, { x: 11.5, y: 20.5 }, 0)).toBe(0);
    expect(k.hitTest(m, { x: 50, y: 50 }, 3)).toBeNull();
  });

  it("moves by whole pixels only", () => {
    expect(k.translate(m, 1.4, -0.6)).toEqual({ ...m, x1: 11, x2: 15, y1: 19, y2: 22 });
  });

  it("has no handles", () => {
    expect(k.handles(m, { scale: 1 })).toEqual([]);
  });

  it("fills one path of one rect per span", () => {
    const ctx = new RecordingContext();
    k.drawDetail!(ctx, m, { color: "#0f0", fillOpacity: 0, lineWidth: 1 }, { scale: 1, pixel: 1 });
    expect(ctx.ops("rect").map((c) => c.args)).toEqual([
      [11, 20, 2, 1],
      [10, 21, 4, 1],
      [13, 22, 1, 1],
    ]);
    expect(ctx.ops("fill")[0]?.globalAlpha).toBeGreaterThan(0);
  });

  it("rejects a bbox of non-integers", () => {
    const issues: never[] = [];
    expect(k.parse({ bbox: [0, 0, 1.5, 2], rle: [3] }, ["m"], issues)).toBeNull();
    expect(issues).toHaveLength(1);
  });
});
