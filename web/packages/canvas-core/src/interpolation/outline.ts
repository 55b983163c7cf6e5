/**
 * Point-by-point correspondence of two outlines (polygon or polyline) with any point counts
 * (docs/interpolation.md, "Outline correspondence"): equal counts pair by index; otherwise a
 * polygon's second outline is aligned to the first (start vertex, direction), both are placed by
 * arc length, and the two position lists are merged so that every vertex of each outline is kept,
 * unmoved, on its own side. Outlines are flat lists `[x0, y0, x1, y1, ...]`.
 */

type Flat = readonly number[];

function at(p: Flat, i: number): number {
  return p[i] as number;
}

/** Two equally long flat lists: point i of the first is matched with point i of the second. */
export function correspond(a: Flat, b: Flat, closed: boolean): [number[], number[]] {
  if (a.length === b.length) return [a.slice(), b.slice()];
  const bb = closed ? aligned(a, b) : b;
  return merge(a, positions(a, closed), bb, positions(bb, closed), closed);
}

/** Polygon `b` read from the vertex placed like `a`'s first one, in `a`'s direction. */
export function aligned(a: Flat, b: Flat): number[] {
  const m = b.length / 2;
  const [max, may] = mean(a);
  const [mbx, mby] = mean(b);
  const ox = at(a, 0) - max;
  const oy = at(a, 1) - may;
  let start = 0;
  let best = Infinity;
  for (let k = 0; k < m; k++) {
    const dx = at(b, 2 * k) - mbx - ox;
    const dy = at(b, 2 * k + 1) - mby - oy;
    const d2 = dx * dx + dy * dy;
    if (d2 < best) {
      start = k;
      best = d2;
    }
  }
  const sa = signedAreaSum(a);
  const sb = signedAreaSum(b);
  const backwards = (sa < 0 && sb > 0) || (sb < 0 && sa > 0);
  const out: number[] = [];
  for (let s = 0; s < m; s++) {
    const i = ((((backwards ? start - s : start + s) % m) + m) % m);
    out.push(at(b, 2 * i), at(b, 2 * i + 1));
  }
  return out;
}

/** Each point's arc-length position along the outline: 0 at the first point, 1 at a polyline's last. */
export function positions(p: Flat, closed: boolean): number[] {
  const k = p.length / 2;
  const cumulative = new Array<number>(k).fill(0);
  let total = 0;
  for (let i = 0; i < k - 1; i++) {
    total += length(at(p, 2 * i + 2) - at(p, 2 * i), at(p, 2 * i + 3) - at(p, 2 * i + 1));
    cumulative[i + 1] = total;
  }
  if (closed) total += length(at(p, 0) - at(p, 2 * k - 2), at(p, 1) - at(p, 2 * k - 1));
  if (total === 0) {
    const spans = closed ? k : k - 1;
    return cumulative.map((_, i) => i / spans);
  }
  return cumulative.map((c) => c / total);
}

/** Σ (x_i·y_(i+1) − x_(i+1)·y_i) over every edge of the ring: twice the signed area. */
export function signedAreaSum(p: Flat): number {
  const k = p.length / 2;
  let total = 0;
  for (let i = 0; i < k; i++) {
    const j = (i + 1) % k;
    total += at(p, 2 * i) * at(p, 2 * j + 1) - at(p, 2 * j) * at(p, 2 * i + 1);
  }
  return total;
}

function merge(a: Flat, u: readonly number[], b: Flat, v: readonly number[], closed: boolean): [number[], number[]] {
  const n = u.length;
  const m = v.length;
  const outA: number[] = [];
  const outB: number[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const ui = u[i];
    const vj = v[j];
    if (vj === undefined || (ui !== undefined && ui < vj)) {
      outA.push(at(a, 2 * i), at(a, 2 * i + 1));
      outB.push(...pointAt(b, v, j, ui as number, closed));
      i++;
    } else if (ui === undefined || vj < ui) {
      outA.push(...pointAt(a, u, i, vj, closed));
      outB.push(at(b, 2 * j), at(b, 2 * j + 1));
      j++;
    } else {
      outA.push(at(a, 2 * i), at(a, 2 * i + 1));
      outB.push(at(b, 2 * j), at(b, 2 * j + 1));
      i++;
      j++;
    }
  }
  return [outA, outB];
}

/** The point of outline `p` at position `w`, on the edge ending at its next unused point `k` (k ≥ 1). */
function pointAt(p: Flat, pos: readonly number[], k: number, w: number, closed: boolean): [number, number] {
  const x0 = at(p, 2 * k - 2);
  const y0 = at(p, 2 * k - 1);
  const s0 = pos[k - 1] as number;
  let x1: number;
  let y1: number;
  let s1: number;
  if (k < pos.length) {
    x1 = at(p, 2 * k);
    y1 = at(p, 2 * k + 1);
    s1 = pos[k] as number;
  } else if (closed) {
    x1 = at(p, 0);
    y1 = at(p, 1);
    s1 = 1;
  } else {
    return [x0, y0];
  }
  if (!(s1 > s0)) return [x0, y0];
  const s = (w - s0) / (s1 - s0);
  return [x0 + (x1 - x0) * s, y0 + (y1 - y0) * s];
}

function mean(p: Flat): [number, number] {
  const k = p.length / 2;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < k; i++) {
    sx += at(p, 2 * i);
    sy += at(p, 2 * i + 1);
  }
  return [sx / k, sy / k];
}

function length(dx: number, dy: number): number {
  return Math.sqrt(dx * dx + dy * dy);
}
