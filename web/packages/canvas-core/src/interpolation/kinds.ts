/**
 * The interpolation rule of each shape kind (docs/interpolation.md, "Geometry per kind"), one line
 * each in `SEGMENTS`. A segment is built once per pair of keyframes and evaluated at any t in (0, 1).
 */
import type { EllipseGeometry, GeometryByKind, MaskGeometry, RectangleGeometry, ShapeKind, SkeletonGeometry, VertexGeometry } from "../model/geometry";
import { lerp, lerpAngle, linearPath } from "./numeric";
import { correspond } from "./outline";

/** The geometry at `t`, or null where it would break the kind's invariants (the state then holds A). */
type RawSegment<G> = (t: number) => G | null;
type SegmentMaker<K extends ShapeKind> = (a: GeometryByKind[K], b: GeometryByKind[K]) => RawSegment<GeometryByKind[K]>;

export type Segment<K extends ShapeKind> = (t: number) => GeometryByKind[K];

function rectangle(a: RectangleGeometry, b: RectangleGeometry): RawSegment<RectangleGeometry> {
  return (t) => {
    const g = { x1: lerp(a.x1, b.x1, t), y1: lerp(a.y1, b.y1, t), x2: lerp(a.x2, b.x2, t), y2: lerp(a.y2, b.y2, t), rotation: lerpAngle(a.rotation, b.rotation, t) };
    return allFinite(g.x1, g.y1, g.x2, g.y2) && g.x1 < g.x2 && g.y1 < g.y2 ? g : null;
  };
}

function ellipse(a: EllipseGeometry, b: EllipseGeometry): RawSegment<EllipseGeometry> {
  return (t) => {
    const g = { cx: lerp(a.cx, b.cx, t), cy: lerp(a.cy, b.cy, t), rx: lerp(a.rx, b.rx, t), ry: lerp(a.ry, b.ry, t), rotation: lerpAngle(a.rotation, b.rotation, t) };
    return allFinite(g.cx, g.cy, g.rx, g.ry) && g.rx > 0 && g.ry > 0 ? g : null;
  };
}

function points(a: VertexGeometry, b: VertexGeometry): RawSegment<VertexGeometry> {
  if (a.points.length !== b.points.length) return () => a;
  const path = linearPath(a.points, b.points);
  return (t) => ({ points: path(t) });
}

function skeleton(a: SkeletonGeometry, b: SkeletonGeometry): RawSegment<SkeletonGeometry> {
  if (a.points.length !== b.points.length) return () => a;
  const target = b.points.slice();
  a.visibility.forEach((va, i) => {
    // Not interpolated: a + (a - a) * t is exactly a.
    if (va === "outside" || b.visibility[i] === "outside") {
      target[2 * i] = a.points[2 * i] as number;
      target[2 * i + 1] = a.points[2 * i + 1] as number;
    }
  });
  const path = linearPath(a.points, target);
  return (t) => ({ points: path(t), visibility: a.visibility });
}

function polygon(a: VertexGeometry, b: VertexGeometry): RawSegment<VertexGeometry> {
  const path = linearPath(...correspond(a.points, b.points, true));
  return (t) => {
    const p = path(t);
    const n = p.length;
    // The wire form never repeats the first point at the end (closing is implicit).
    return p[0] === p[n - 2] && p[1] === p[n - 1] ? null : { points: p };
  };
}

function polyline(a: VertexGeometry, b: VertexGeometry): RawSegment<VertexGeometry> {
  const path = linearPath(...correspond(a.points, b.points, false));
  return (t) => ({ points: path(t) });
}

/** A mask changes only on keyframes: never blended. */
function mask(a: MaskGeometry, _b: MaskGeometry): RawSegment<MaskGeometry> {
  return () => a;
}

export const SEGMENTS: { readonly [K in ShapeKind]: SegmentMaker<K> } = {
  rectangle,
  ellipse,
  points,
  skeleton,
  polygon,
  polyline,
  mask,
};

/** The geometry `t` of the way from `a` to `b` (0 < t < 1) by the kind's rule, or `a` where that result is invalid. */
export function segment<K extends ShapeKind>(kind: K, a: GeometryByKind[K], b: GeometryByKind[K]): Segment<K> {
  const make = SEGMENTS[kind] as SegmentMaker<K>;
  const path = make(a, b);
  return (t) => path(t) ?? a;
}

export function interpolateGeometry<K extends ShapeKind>(kind: K, a: GeometryByKind[K], b: GeometryByKind[K], t: number): GeometryByKind[K] {
  return segment(kind, a, b)(t);
}

function allFinite(...values: number[]): boolean {
  return values.every(Number.isFinite);
}
