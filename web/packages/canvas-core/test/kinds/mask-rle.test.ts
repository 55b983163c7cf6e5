import { describe, expect, it } from "vitest";

import { MaskBitmap, decodeMask, distanceToMask, encodeMask, maskRows } from "../../src/kinds/mask-rle";
import type { MaskGeometry } from "../../src/model/geometry";

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
