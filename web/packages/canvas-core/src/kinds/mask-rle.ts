/**
 * Mask pixels: decoding the row-major RLE over the mask's bbox into a bitmap, encoding a bitmap
 * back over its tight bbox, and per-row spans for drawing and hit testing.
 */
import type { MaskGeometry } from "../model/geometry";

/** A 0/1 bitmap placed at integer image pixel (x, y). */
export class MaskBitmap {
  readonly data: Uint8Array;

  constructor(
    readonly x: number,
    readonly y: number,
    readonly width: number,
    readonly height: number,
    data?: Uint8Array,
  ) {
    this.data = data ?? new Uint8Array(width * height);
  }

  /** The value at image pixel (px, py); 0 outside the bitmap. */
  get(px: number, py: number): number {
    const i = px - this.x;
    const j = py - this.y;
    if (i < 0 || j < 0 || i >= this.width || j >= this.height) return 0;
    return this.data[j * this.width + i] as number;
  }

  /** A copy that also covers pixels [minX, maxX) × [minY, maxY); this bitmap when it already does. */
  grownTo(minX: number, minY: number, maxX: number, maxY: number): MaskBitmap {
    if (this.width === 0 || this.height === 0) return new MaskBitmap(minX, minY, maxX - minX, maxY - minY);
    const x1 = Math.min(this.x, minX);
    const y1 = Math.min(this.y, minY);
    const x2 = Math.max(this.x + this.width, maxX);
    const y2 = Math.max(this.y + this.height, maxY);
    if (x1 === this.x && y1 === this.y && x2 === this.x + this.width && y2 === this.y + this.height) return this;
    const out = new MaskBitmap(x1, y1, x2 - x1, y2 - y1);
    for (let j = 0; j < this.height; j++) {
      const row = this.data.subarray(j * this.width, (j + 1) * this.width);
      out.data.set(row, (j + this.y - y1) * out.width + (this.x - x1));
    }
    return out;
  }

  /** Number of set pixels. */
  count(): number {
    let n = 0;
    for (let i = 0; i < this.data.length; i++) n += this.data[i] as number;
    return n;
  }
}

export function decodeMask(g: MaskGeometry): MaskBitmap {
  const bm = new MaskBitmap(g.x1, g.y1, g.x2 - g.x1, g.y2 - g.y1);
  let pos = 0;
  let value = 0;
  for (const run of g.rle) {
    if (value === 1) bm.data.fill(1, pos, Math.min(pos + run, bm.data.length));
    pos += run;
    value ^= 1;
  }
  return bm;
}

/** Encodes the set pixels over their tight bbox; null when no pixel is set. */
export function encodeMask(bm: MaskBitmap): MaskGeometry | null {
  let minI = Infinity;
  let minJ = Infinity;
  let maxI = -1;
  let maxJ = -1;
  for (let j = 0; j < bm.height; j++) {
    const base = j * bm.width;
    for (let i = 0; i < bm.width; i++) {
      if (bm.data[base + i] === 1) {
        if (i < minI) minI = i;
        if (i > maxI) maxI = i;
        if (j < minJ) minJ = j;
        maxJ = j;
      }
    }
  }
  if (maxI < 0) return null;
  const rle: number[] = [];
  let value = 0;
  let run = 0;
  for (let j = minJ; j <= maxJ; j++) {
    const base = j * bm.width;
    for (let i = minI; i <= maxI; i++) {
      const v = bm.data[base + i] as number;
      if (v === value) run++;
      else {
        rle.push(run);
        value = v;
        run = 1;
      }
    }
  }
  rle.push(run);
  return { x1: bm.x + minI, y1: bm.y + minJ, x2: bm.x + maxI + 1, y2: bm.y + maxJ + 1, rle };
}

/** Runs of set pixels per row: row j's spans are `spans[2k], spans[2k+1]` ([x0, x1) in image pixels) for k in rowStart[j]..rowStart[j+1]. */
export interface MaskRows {
  readonly rowStart: Uint32Array;
  readonly spans: Int32Array;
}

const rowsCache = new WeakMap<MaskGeometry, MaskRows>();

/** Spans of the mask, cached per geometry (immutable), without decoding to a full bitmap. */
export function maskRows(g: MaskGeometry): MaskRows {
  const cached = rowsCache.get(g);
  if (cached !== undefined) return cached;
  const width = g.x2 - g.x1;
  const height = g.y2 - g.y1;
  const spans: number[] = [];
  const rowOf: number[] = [];
  let pos = 0;
  let value = 0;
  for (const run of g.rle) {
    if (value === 1 && run > 0) {
      // A run of ones may wrap over several rows: cut it at row ends.
      let start = pos;
      const end = pos + run;
      while (start < end) {
        const row = Math.floor(start / width);
        const rowEnd = Math.min(end, (row + 1) * width);
        spans.push(g.x1 + (start - row * width), g.x1 + (rowEnd - row * width));
        rowOf.push(row);
        start = rowEnd;
      }
    }
    pos += run;
    value ^= 1;
  }
  const rowStart = new Uint32Array(height + 1);
  for (const r of rowOf) if (r < height) (rowStart[r + 1] as number)++;
  for (let j = 0; j < height; j++) rowStart[j + 1] = (rowStart[j + 1] as number) + (rowStart[j] as number);
  const rows: MaskRows = { rowStart, spans: Int32Array.from(spans) };
  rowsCache.set(g, rows);
  return rows;
}

/**
 * Distance from (x, y) to the nearest set pixel square, looking only at the rows within
 * `radius`: a result above `radius` means no set pixel is that near (Infinity: none in those rows).
 */
export function distanceToMask(g: MaskGeometry, x: number, y: number, radius: number): number {
  const rows = maskRows(g);
  const j0 = Math.max(0, Math.floor(y - radius) - g.y1);
  const j1 = Math.min(g.y2 - g.y1 - 1, Math.floor(y + radius) - g.y1);
  let best = Infinity;
  for (let j = j0; j <= j1; j++) {
    const py = g.y1 + j;
    const dy = Math.max(py - y, 0, y - (py + 1));
    for (let k = rows.rowStart[j] as number; k < (rows.rowStart[j + 1] as number); k++) {
      const x0 = rows.spans[2 * k] as number;
      const x1 = rows.spans[2 * k + 1] as number;
      const dx = Math.max(x0 - x, 0, x - x1);
      const d = Math.hypot(dx, dy);
      if (d < best) best = d;
    }
  }
  return best;
}
