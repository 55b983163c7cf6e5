import { describe, expect, it } from "vitest";

import { fillPolygon, paintStroke } from "../../src/kinds/mask-paint";
import { MaskBitmap, encodeMask } from "../../src/kinds/mask-rle";

function rows(bm: MaskBitmap): string[] {
  const out: string[] = [];
  for (let j = 0; j < bm.height; j++) {
    let r = "";
    for (let i = 0; i < bm.width; i++) r += bm.data[j * bm.width + i] ? "X" : ".";
    out.push(r);
  }
  return out;
}

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
