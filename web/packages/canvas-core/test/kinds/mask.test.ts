import { describe, expect, it } from "vitest";

import { fillPolygon, paintStroke } from "../../src/kinds/mask-paint";
import { MaskBitmap, decodeMask, distanceToMask, encodeMask, maskRows } from "../../src/kinds/mask-rle";
import { maskKind as k } from "../../src/kinds/mask";
import type { MaskGeometry } from "../../src/model/geometry";
import { RecordingContext } from "../support/recording-context";

/** 4×3 mask at (10, 20):
 *  . X X .
 *  X X X X
 *  . . . X
 */
const m: MaskGeometry = { x1: 10, y1: 20, x2: 14, y2: 23, rle: [1, 2, 1, 4, 3, 1] };

function rows(bm: MaskBitmap): string[] {
  const out: string[] = [];
  for (let j = 0; j < bm.height; j++) {
    let r = "";
    for (let i = 0; i < bm.width; i++) r += bm.data[j * bm.width + i] ? "X" : ".";
    out.push(r);
  }
  return out;
}

describe("mask RLE", () => {
  it("decodes row-major runs starting with zeros", () => {
    const bm = decodeMask(m);
    expect([bm.x, bm.y, bm.width, bm.height]).toEqual([10, 20, 4, 3]);
    expect(rows(bm)).toEqual([".XX.", "XXXX", "...X"]);
  });

  it("encodes back to the same runs", () => {
    expect(encodeMask(decodeMask(m))).toEqual(m);
  });

  it("encodes over the tight bbox and starts with an empty run of zeros when the first pixel is set", () => {
    const bm = new MaskBitmap(0, 0, 5, 5);
    bm.data[2 * 5 + 1] = 1;
    bm.data[2 * 5 + 2] = 1;
    expect(encodeMask(bm)).toEqual({ x1: 1, y1: 2, x2: 3, y2: 3, rle: [0, 2] });
  });

  it("encodes an empty bitmap as nothing", () => {
    expect(encodeMask(new MaskBitmap(0, 0, 3, 3))).toBeNull();
  });

  it("lists spans per row, cutting runs that wrap over a row end", () => {
    const r = maskRows(m);
    expect(Array.from(r.rowStart)).toEqual([0, 1, 2, 3]);
    expect(Array.from(r.spans)).toEqual([11, 13, 10, 14, 13, 14]);
  });

  it("measures the distance to the nearest set pixel", () => {
    expect(distanceToMask(m, 11.5, 20.5, 1)).toBe(0);
    expect(distanceToMask(m, 10.5, 22.5, 0.4)).toBeGreaterThan(0.4);
    expect(distanceToMask(m, 10.5, 22.5, 1)).toBeCloseTo(0.5);
  });
});

describe("mask painting", () => {
  it("paints a dot whose pixel centres fall in the brush, growing the bitmap", () => {
    const bm = paintStroke(new MaskBitmap(0, 0, 0, 0), { x: 5, y: 5 }, { x: 5, y: 5 }, 2, 1, null);
    expect(bm.count()).toBe(12);
    expect(encodeMask(bm)?.x1).toBe(3);
  });

  it("paints a stroke as a capsule and erases along another", () => {
    let bm = paintStroke(new MaskBitmap(0, 0, 0, 0), { x: 2, y: 2.5 }, { x: 12, y: 2.5 }, 0.5, 1, null);
    // The round caps reach the pixel centres 1.5 and 12.5, half a brush beyond the ends.
    expect(encodeMask(bm)).toEqual({ x1: 1, y1: 2, x2: 13, y2: 3, rle: [0, 12] });
    bm = paintStroke(bm, { x: 6, y: 0 }, { x: 6, y: 5 }, 1, 0, null);
    expect(rows(bm)).toEqual(["XXXX..XXXXXX"]);
  });

  it("clips painting to the image", () => {
    const bm = paintStroke(new MaskBitmap(0, 0, 0, 0), { x: 0, y: 0 }, { x: 0, y: 0 }, 3, 1, { width: 100, height: 100 });
    expect(encodeMask(bm)).toMatchObject({ x1: 0, y1: 0 });
  });

  it("fills a polygon at pixel centres", () => {
    const bm = fillPolygon(new MaskBitmap(0, 0, 0, 0), [1, 1, 5, 1, 5, 4, 1, 4], 1, null);
    expect(encodeMask(bm)).toEqual({ x1: 1, y1: 1, x2: 5, y2: 4, rle: [0, 12] });
    const tri = fillPolygon(new MaskBitmap(0, 0, 0, 0), [0, 0, 4, 0, 0, 4], 1, null);
    // Pixel centres on the hypotenuse (x + y = 4) are outside.
    expect(rows(tri)).toEqual(["XXX.", "XX..", "X...", "...."]);
  });
});

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
