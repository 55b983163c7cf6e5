/**
 * Skeleton: `points` in the order of the label's template and one `visibility` per point.
 * Edges come from the label's template, which the renderer and the picker pass in.
 */
import type { Issue, Loc } from "../errors";
import { boxOfPoints, type Box } from "../geometry/box";
import { distanceToSegment, type Point } from "../geometry/point";
import { translatePoints } from "../geometry/polyline";
import type { SkeletonGeometry, Visibility } from "../model/geometry";
import type { Label, SkeletonTemplate } from "../model/label";
import { describe, readNumberList, type Json } from "../model/read";
import type { DrawContext, DrawParams, PathSink, ShapeStyle } from "../render/context";
import { MARKER_RADIUS_PX, parseVertexId, type DragModifiers, type Handle, type HandleDrag, type HandleView, type KindUtil } from "./kind";
import { moveVertex } from "./vertex-list";

const VISIBILITIES: readonly Visibility[] = ["visible", "occluded", "outside"];

/** The template's points scaled into `into` (its bounds mapped onto the box), all visible. */
export function skeletonFromTemplate(template: SkeletonTemplate, into: Box): SkeletonGeometry {
  const tb = boxOfPoints(template.points.flatMap((p) => [p.x, p.y]));
  const points: number[] = [];
  for (const p of template.points) {
    const tw = tb === null ? 0 : tb.maxX - tb.minX;
    const th = tb === null ? 0 : tb.maxY - tb.minY;
    const u = tw > 0 && tb !== null ? (p.x - tb.minX) / tw : 0.5;
    const v = th > 0 && tb !== null ? (p.y - tb.minY) / th : 0.5;
    points.push(into.minX + u * (into.maxX - into.minX), into.minY + v * (into.maxY - into.minY));
  }
  return { points, visibility: template.points.map(() => "visible") };
}

/** Points that are drawn and hit: those not `outside`. */
function shown(g: SkeletonGeometry, i: number): boolean {
  return g.visibility[i] !== "outside";
}

/** Adds the template's edges between shown points to the path. */
export function traceSkeletonEdges(path: PathSink, g: SkeletonGeometry, edges: SkeletonTemplate["edges"]): void {
  for (const [a, b] of edges) {
    if (!shown(g, a) || !shown(g, b) || 2 * Math.max(a, b) + 1 >= g.points.length) continue;
    path.moveTo(g.points[2 * a] as number, g.points[2 * a + 1] as number);
    path.lineTo(g.points[2 * b] as number, g.points[2 * b + 1] as number);
  }
}

/** Distance from `p` to the nearest template edge between shown points. */
export function distanceToSkeletonEdges(g: SkeletonGeometry, edges: SkeletonTemplate["edges"], p: Point): number {
  let best = Infinity;
  for (const [a, b] of edges) {
    if (!shown(g, a) || !shown(g, b) || 2 * Math.max(a, b) + 1 >= g.points.length) continue;
    const pts = g.points;
    best = Math.min(best, distanceToSegment(p.x, p.y, pts[2 * a] as number, pts[2 * a + 1] as number, pts[2 * b] as number, pts[2 * b + 1] as number));
  }
  return best;
}

/** Cycles one point's visibility: visible → occluded → outside → visible. */
export function cycleVisibility(g: SkeletonGeometry, index: number): SkeletonGeometry {
  const current = g.visibility[index];
  if (current === undefined) return g;
  const next = VISIBILITIES[(VISIBILITIES.indexOf(current) + 1) % VISIBILITIES.length] as Visibility;
  const visibility = g.visibility.slice();
  visibility[index] = next;
  return { points: g.points, visibility };
}

export const skeletonKind: KindUtil<"skeleton"> = {
  kind: "skeleton",
  collection: "shapes",
  wireFields: ["points", "visibility"],
  closed: false,

  parse(wire: Json, loc: Loc, issues: Issue[]): SkeletonGeometry | null {
    const points = readNumberList(wire, "points", loc, issues, { minPairs: 1 });
    const raw = wire.visibility;
    if (!Array.isArray(raw)) {
      const type = raw === undefined ? "missing" : "invalid";
      issues.push({ loc: [...loc, "visibility"], msg: `expected a list of visible/occluded/outside, got ${describe(raw)}`, type });
      return null;
    }
    const before = issues.length;
    raw.forEach((v, i) => {
      if (!(VISIBILITIES as readonly unknown[]).includes(v)) {
        issues.push({ loc: [...loc, "visibility", i], msg: `expected visible, occluded or outside, got ${describe(v)}`, type: "invalid" });
      }
    });
    if (points === null || issues.length > before) return null;
    if (raw.length !== points.length / 2) {
      issues.push({ loc: [...loc, "visibility"], msg: `expected one visibility per point (${points.length / 2}), got ${raw.length}`, type: "invalid" });
      return null;
    }
    return { points, visibility: raw as Visibility[] };
  },

  serialize(g: SkeletonGeometry): Record<string, unknown> {
    return { points: g.points.slice(), visibility: g.visibility.slice() };
  },

  bbox(g: SkeletonGeometry): Box | null {
    const pts: number[] = [];
    for (let i = 0; i < g.visibility.length; i++) if (shown(g, i)) pts.push(g.points[2 * i] as number, g.points[2 * i + 1] as number);
    return boxOfPoints(pts.length > 0 ? pts : g.points);
  },

  /** Joints, and the template's edges when the label is given. */
  hitTest(g: SkeletonGeometry, p: Point, tolerance: number, label?: Label): number | null {
    let best = label?.skeleton ? distanceToSkeletonEdges(g, label.skeleton.edges, p) : Infinity;
    for (let i = 0; i < g.visibility.length; i++) {
      if (!shown(g, i)) continue;
      best = Math.min(best, Math.hypot(p.x - (g.points[2 * i] as number), p.y - (g.points[2 * i + 1] as number)));
    }
    return best <= tolerance ? best : null;
  },

  /** Every joint, outside ones included, so that a joint marked outside can be brought back. */
  handles(g: SkeletonGeometry, _view: HandleView): Handle[] {
    const out: Handle[] = [];
    for (let i = 0; i < g.visibility.length; i++) out.push({ id: `v:${i}`, role: "vertex", x: g.points[2 * i] as number, y: g.points[2 * i + 1] as number });
    return out;
  },

  dragHandle(g: SkeletonGeometry, handleId: string, to: Point, _mods: DragModifiers): HandleDrag<SkeletonGeometry> | null {
    const v = parseVertexId(handleId, "v");
    if (v === null || v >= g.visibility.length) return null;
    return { geometry: { points: moveVertex(g.points, v, to), visibility: g.visibility }, handleId };
  },

  translate(g: SkeletonGeometry, dx: number, dy: number): SkeletonGeometry {
    return { points: translatePoints(g.points, dx, dy), visibility: g.visibility };
  },

  /** The template's edges between shown points; without the label, nothing (joints are detail). */
  traceOutline(path: PathSink, g: SkeletonGeometry, _params: DrawParams, label?: Label): void {
    if (label?.skeleton) traceSkeletonEdges(path, g, label.skeleton.edges);
  },

  /** Joints: filled when visible, hollow when occluded, absent when outside. */
  drawDetail(ctx: DrawContext, g: SkeletonGeometry, style: ShapeStyle, params: DrawParams): void {
    const r = MARKER_RADIUS_PX * params.pixel;
    for (const state of ["visible", "occluded"] as const) {
      ctx.beginPath();
      let any = false;
      for (let i = 0; i < g.visibility.length; i++) {
        if (g.visibility[i] !== state) continue;
        const x = g.points[2 * i] as number;
        const y = g.points[2 * i + 1] as number;
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, 2 * Math.PI);
        any = true;
      }
      if (!any) continue;
      ctx.strokeStyle = style.color;
      ctx.lineWidth = style.lineWidth * params.pixel;
      if (state === "visible") {
        ctx.fillStyle = style.color;
        ctx.fill();
      }
      ctx.stroke();
    }
  },
};
