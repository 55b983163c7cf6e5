/** Geometry over flat `[x0, y0, x1, y1, ...]` vertex lists (polygons, polylines, point sets). */
import { distanceToSegment } from "./point";

export function vertexCount(points: readonly number[]): number {
  return points.length >> 1;
}

/** Even-odd point-in-polygon test; the polygon is implicitly closed. */
export function pointInPolygon(points: readonly number[], x: number, y: number): boolean {
  let inside = false;
  const n = points.length >> 1;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = points[2 * i] as number;
    const yi = points[2 * i + 1] as number;
    const xj = points[2 * j] as number;
    const yj = points[2 * j + 1] as number;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Signed area (shoelace); positive when the vertices run clockwise on screen (y down). */
export function signedArea(points: readonly number[]): number {
  const n = points.length >> 1;
  let sum = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    sum += (points[2 * j] as number) * (points[2 * i + 1] as number) - (points[2 * i] as number) * (points[2 * j + 1] as number);
  }
  return sum / 2;
}

/** Smallest distance from (x, y) to the edges; `closed` adds the edge from the last vertex to the first. */
export function distanceToEdges(points: readonly number[], x: number, y: number, closed: boolean): number {
  const n = points.length >> 1;
  if (n === 0) return Infinity;
  if (n === 1) return Math.hypot(x - (points[0] as number), y - (points[1] as number));
  let best = Infinity;
  const last = closed ? n : n - 1;
  for (let i = 0; i < last; i++) {
    const j = (i + 1) % n;
    const d = distanceToSegment(
      x,
      y,
      points[2 * i] as number,
      points[2 * i + 1] as number,
      points[2 * j] as number,
      points[2 * j + 1] as number,
    );
    if (d < best) best = d;
  }
  return best;
}

/** The vertex nearest to (x, y) and its distance; index -1 for an empty list. */
export function nearestVertex(points: readonly number[], x: number, y: number): { index: number; distance: number } {
  let index = -1;
  let best = Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const d = Math.hypot(x - (points[i] as number), y - (points[i + 1] as number));
    if (d < best) {
      best = d;
      index = i >> 1;
    }
  }
  return { index, distance: best };
}

export function translatePoints(points: readonly number[], dx: number, dy: number): number[] {
  const out = new Array<number>(points.length);
  for (let i = 0; i + 1 < points.length; i += 2) {
    out[i] = (points[i] as number) + dx;
    out[i + 1] = (points[i + 1] as number) + dy;
  }
  return out;
}
