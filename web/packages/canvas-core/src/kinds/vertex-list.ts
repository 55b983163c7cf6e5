/**
 * Editing and drawing shared by the kinds whose geometry is a flat vertex list (polygon,
 * polyline, points): vertex handles, edge-midpoint handles that insert a vertex, removal
 * bounded by the kind's minimum, and a decimated outline.
 */
import type { Issue, Loc } from "../errors";
import type { Point } from "../geometry/point";
import { signedArea } from "../geometry/polyline";
import type { VertexGeometry } from "../model/geometry";
import { readNumberList, type Json } from "../model/read";
import type { DrawParams, PathSink } from "../render/context";
import { parseVertexId, type Handle, type HandleDrag, type VertexEditing } from "./kind";

export function parseVertices(wire: Json, loc: Loc, issues: Issue[], minPoints: number): VertexGeometry | null {
  const points = readNumberList(wire, "points", loc, issues, { minPairs: minPoints });
  return points === null ? null : { points };
}

/** `v:i` on every vertex; with `edges`, `e:i` on the midpoint of the edge from vertex i (closing edge included when `closed`). */
export function vertexHandles(points: readonly number[], edges: boolean, closed: boolean): Handle[] {
  const n = points.length >> 1;
  const out: Handle[] = [];
  for (let i = 0; i < n; i++) out.push({ id: `v:${i}`, role: "vertex", x: points[2 * i] as number, y: points[2 * i + 1] as number });
  if (!edges) return out;
  const last = closed ? n : n - 1;
  for (let i = 0; i < last; i++) {
    const j = (i + 1) % n;
    out.push({
      id: `e:${i}`,
      role: "edge",
      x: ((points[2 * i] as number) + (points[2 * j] as number)) / 2,
      y: ((points[2 * i + 1] as number) + (points[2 * j + 1] as number)) / 2,
    });
  }
  return out;
}

export function moveVertex(points: readonly number[], index: number, to: Point): number[] {
  const out = points.slice();
  out[2 * index] = to.x;
  out[2 * index + 1] = to.y;
  return out;
}

/** Dragging `v:i` moves vertex i; dragging `e:i` inserts a vertex after i, which the drag then moves as `v:i+1`. */
export function dragVertexHandle(points: readonly number[], handleId: string, to: Point, edges: boolean): HandleDrag<VertexGeometry> | null {
  const n = points.length >> 1;
  const v = parseVertexId(handleId, "v");
  if (v !== null) return v < n ? { geometry: { points: moveVertex(points, v, to) }, handleId } : null;
  const e = edges ? parseVertexId(handleId, "e") : null;
  if (e === null || e >= n) return null;
  const out = points.slice();
  out.splice(2 * (e + 1), 0, to.x, to.y);
  return { geometry: { points: out }, handleId: `v:${e + 1}` };
}

export function vertexEditing(minPoints: number): VertexEditing<VertexGeometry> {
  return {
    insertVertex(g: VertexGeometry, after: number, p: Point): VertexGeometry {
      const out = g.points.slice();
      out.splice(2 * (after + 1), 0, p.x, p.y);
      return { points: out };
    },
    removeVertex(g: VertexGeometry, index: number): VertexGeometry | null {
      const n = g.points.length >> 1;
      if (index < 0 || index >= n || n - 1 < minPoints) return null;
      const out = g.points.slice();
      out.splice(2 * index, 2);
      return { points: out };
    },
  };
}

const clockwise = new WeakMap<readonly number[], boolean>();

/** Cached per points array (geometry is immutable), so a redraw does not recompute it. */
function isClockwise(points: readonly number[]): boolean {
  let cw = clockwise.get(points);
  if (cw === undefined) {
    cw = signedArea(points) >= 0;
    clockwise.set(points, cw);
  }
  return cw;
}

/**
 * Adds the vertex list to the path. Vertices closer than one screen pixel to the previous
 * one are skipped (level of detail: a 5,000-point outline seen small costs a few dozen lineTo).
 * Closed outlines are always traced clockwise so that many of them batched into one path
 * and filled with the nonzero rule never cancel out where they overlap.
 */
export function traceVertices(path: PathSink, points: readonly number[], params: DrawParams, closed: boolean): void {
  const n = points.length >> 1;
  if (n === 0) return;
  const reverse = closed && !isClockwise(points);
  const at = (k: number): number => 2 * (reverse ? n - 1 - k : k);
  let px = points[at(0)] as number;
  let py = points[at(0) + 1] as number;
  path.moveTo(px, py);
  const min = params.pixel;
  for (let k = 1; k < n; k++) {
    const i = at(k);
    const x = points[i] as number;
    const y = points[i + 1] as number;
    if (k < n - 1 && Math.abs(x - px) < min && Math.abs(y - py) < min) continue;
    path.lineTo(x, y);
    px = x;
    py = y;
  }
  if (closed) path.closePath();
}
