/** Polyline: flat `points`, at least 2, open. */
import type { Issue, Loc } from "../errors";
import { boxOfPoints, type Box } from "../geometry/box";
import type { Point } from "../geometry/point";
import { distanceToEdges, translatePoints } from "../geometry/polyline";
import type { VertexGeometry } from "../model/geometry";
import type { Json } from "../model/read";
import type { DrawParams, PathSink } from "../render/context";
import type { DragModifiers, Handle, HandleDrag, HandleView, KindUtil } from "./kind";
import { dragVertexHandle, parseVertices, traceVertices, vertexEditing, vertexHandles } from "./vertex-list";

export const POLYLINE_MIN_POINTS = 2;

export const polylineKind: KindUtil<"polyline"> = {
  kind: "polyline",
  collection: "shapes",
  wireFields: ["points"],
  closed: false,

  parse(wire: Json, loc: Loc, issues: Issue[]): VertexGeometry | null {
    return parseVertices(wire, loc, issues, POLYLINE_MIN_POINTS);
  },

  serialize(g: VertexGeometry): Record<string, unknown> {
    return { points: g.points.slice() };
  },

  bbox(g: VertexGeometry): Box | null {
    return boxOfPoints(g.points);
  },

  /** Only the line itself is hit: a polyline encloses nothing. */
  hitTest(g: VertexGeometry, p: Point, tolerance: number): number | null {
    const d = distanceToEdges(g.points, p.x, p.y, false);
    return d <= tolerance ? d : null;
  },

  handles(g: VertexGeometry, _view: HandleView): Handle[] {
    return vertexHandles(g.points, true, false);
  },

  dragHandle(g: VertexGeometry, handleId: string, to: Point, _mods: DragModifiers): HandleDrag<VertexGeometry> | null {
    return dragVertexHandle(g.points, handleId, to, true);
  },

  translate(g: VertexGeometry, dx: number, dy: number): VertexGeometry {
    return { points: translatePoints(g.points, dx, dy) };
  },

  traceOutline(path: PathSink, g: VertexGeometry, params: DrawParams): void {
    traceVertices(path, g.points, params, false);
  },

  vertices: vertexEditing(POLYLINE_MIN_POINTS),
};
