/**
 * Painting into a mask bitmap: brush and eraser strokes, and filling a polygon. A pixel is
 * painted when its centre (x + 0.5, y + 0.5) falls inside the stroke or polygon.
 */
import { distanceToSegment, type Point } from "../geometry/point";

import { MaskBitmap } from "./mask-rle";

/** Image size the painting is clipped to; unbounded when null. */
export type PaintBounds = { readonly width: number; readonly height: number } | null;

function clipRange(min: number, max: number, limit: number | undefined): [number, number] {
  return [Math.max(min, 0), limit === undefined ? max : Math.min(max, limit)];
}

/**
 * Paints (value 1) or erases (value 0) the capsule of `radius` around the segment from–to.
 * Painting grows the bitmap as needed; the result may be a new bitmap.
 */
export function paintStroke(bm: MaskBitmap, from: Point, to: Point, radius: number, value: 0 | 1, bounds: PaintBounds): MaskBitmap {
  const [x0, x1] = clipRange(Math.floor(Math.min(from.x, to.x) - radius), Math.ceil(Math.max(from.x, to.x) + radius), bounds?.width);
  const [y0, y1] = clipRange(Math.floor(Math.min(from.y, to.y) - radius), Math.ceil(Math.max(from.y, to.y) + radius), bounds?.height);
  if (x0 >= x1 || y0 >= y1) return bm;
  const out = value === 1 ? bm.grownTo(x0, y0, x1, y1) : bm;
  for (let py = Math.max(y0, out.y); py < Math.min(y1, out.y + out.height); py++) {
    const base = (py - out.y) * out.width - out.x;
    for (let px = Math.max(x0, out.x); px < Math.min(x1, out.x + out.width); px++) {
      if (distanceToSegment(px + 0.5, py + 0.5, from.x, from.y, to.x, to.y) <= radius) out.data[base + px] = value;
    }
  }
  return out;
}

/** Fills (value 1) or clears (value 0) the pixels whose centres lie inside the polygon (even-odd). */
export function fillPolygon(bm: MaskBitmap, points: readonly number[], value: 0 | 1, bounds: PaintBounds): MaskBitmap {
  const n = points.length >> 1;
  if (n < 3) return bm;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, points[2 * i] as number);
    maxX = Math.max(maxX, points[2 * i] as number);
    minY = Math.min(minY, points[2 * i + 1] as number);
    maxY = Math.max(maxY, points[2 * i + 1] as number);
  }
  const [x0, x1] = clipRange(Math.floor(minX), Math.ceil(maxX), bounds?.width);
  const [y0, y1] = clipRange(Math.floor(minY), Math.ceil(maxY), bounds?.height);
  if (x0 >= x1 || y0 >= y1) return bm;
  const out = value === 1 ? bm.grownTo(x0, y0, x1, y1) : bm;
  const xs: number[] = [];
  for (let py = Math.max(y0, out.y); py < Math.min(y1, out.y + out.height); py++) {
    const cy = py + 0.5;
    xs.length = 0;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const yi = points[2 * i + 1] as number;
      const yj = points[2 * j + 1] as number;
      if (yi > cy !== yj > cy) {
        const xi = points[2 * i] as number;
        const xj = points[2 * j] as number;
        xs.push(xi + ((cy - yi) * (xj - xi)) / (yj - yi));
      }
    }
    xs.sort((a, b) => a - b);
    const base = (py - out.y) * out.width - out.x;
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // Pixels whose centre px + 0.5 lies in [xs[k], xs[k+1]).
      const from = Math.max(Math.ceil((xs[k] as number) - 0.5), out.x);
      const to = Math.min(Math.ceil((xs[k + 1] as number) - 0.5), out.x + out.width);
      for (let px = from; px < to; px++) out.data[base + px] = value;
    }
  }
  return out;
}

export function emptyBitmap(): MaskBitmap {
  return new MaskBitmap(0, 0, 0, 0);
}
