/** Points: flat `points`, at least 1; drawn as markers of a fixed screen size. */
import type { Issue, Loc } from "../errors";
import { boxOfPoints, type Box } from "../geometry/box";
import type { Point } from "../geometry/point";
import { nearestVertex, translatePoints } from "../geometry/polyline";
import type { VertexGeometry } from "../model/geometry";
import type { Json } from "../model/read";
import type { DrawParams, PathSink } from "../render/context";
import { MARKER_RADIUS_PX, type DragModifiers, type Handle, type HandleDrag, type HandleView, type KindUtil } from "./kind";
import { dragVertexHandle, parseVertices, vertexEditing, vertexHandles } from "./vertex-list";

export const POINTS_MIN_POINTS = 1;

export const pointsKind: KindUtil<"points"> = {
  kind: "points",
  collection: "shapes",
  wireFields: ["points"],
  closed: true,

  parse(wire: Json, loc: Loc, issues: Issue[]): VertexGeometry | null {
    return parseVertices(wire, loc, issues, POINTS_MIN_POINTS);
  },

  serialize(g: VertexGeometry): Record<string, unknown> {
    return { points: g.points.slice() };
  },

  bbox(g: VertexGeometry): Box | null {
    return boxOfPoints(g.points);
  },

  /** A point is hit within the tolerance; the space between points is not part of the shape. */
  hitTest(g: VertexGeometry, p: Point, tolerance: number): number | null {
    const { distance } = nearestVertex(g.points, p.x, p.y);
    return distance <= tolerance ? distance : null;
  },

  handles(g: VertexGeometry, _view: HandleView): Handle[] {
    return vertexHandles(g.points, false, false);
  },

  dragHandle(g: VertexGeometry, handleId: string, to: Point, _mods: DragModifiers): HandleDrag<VertexGeometry> | null {
    return dragVertexHandle(g.points, handleId, to, false);
  },

  translate(g: VertexGeometry, dx: number, dy: number): VertexGeometry {
    return { points: translatePoints(g.points, dx, dy) };
  },

  traceOutline(path: PathSink, g: VertexGeometry, params: DrawParams): void {
    const r = MARKER_RADIUS_PX * params.pixel;
    for (let i = 0; i + 1 < g.points.length; i += 2) {
      const x = g.points[i] as number;
      const y = g.points[i + 1] as number;
      path.moveTo(x + r, y);
      path.arc(x, y, r, 0, 2 * Math.PI);
    }
  },

  vertices: vertexEditing(POINTS_MIN_POINTS),
};
