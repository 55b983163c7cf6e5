/** Polygon: flat `points`, at least 3, the first point not repeated at the end. */
import type { Issue, Loc } from "../errors";
import { boxOfPoints, type Box } from "../geometry/box";
import type { Point } from "../geometry/point";
import { distanceToEdges, pointInPolygon, translatePoints } from "../geometry/polyline";
import type { VertexGeometry } from "../model/geometry";
import type { Json } from "../model/read";
import type { DrawParams, PathSink } from "../render/context";
import type { DragModifiers, Handle, HandleDrag, HandleView, KindUtil } from "./kind";
import { dragVertexHandle, parseVertices, traceVertices, vertexEditing, vertexHandles } from "./vertex-list";

export const POLYGON_MIN_POINTS = 3;

export const polygonKind: KindUtil<"polygon"> = {
  kind: "polygon",
  collection: "shapes",
  wireFields: ["points"],
  closed: true,

  parse(wire: Json, loc: Loc, issues: Issue[]): VertexGeometry | null {
    return parseVertices(wire, loc, issues, POLYGON_MIN_POINTS);
  },

  serialize(g: VertexGeometry): Record<string, unknown> {
    return { points: g.points.slice() };
  },

  bbox(g: VertexGeometry): Box | null {
    return boxOfPoints(g.points);
  },

  hitTest(g: VertexGeometry, p: Point, tolerance: number): number | null {
    if (pointInPolygon(g.points, p.x, p.y)) return 0;
    const d = distanceToEdges(g.points, p.x, p.y, true);
    return d <= tolerance ? d : null;
  },

  handles(g: VertexGeometry, _view: HandleView): Handle[] {
    return vertexHandles(g.points, true, true);
  },

  dragHandle(g: VertexGeometry, handleId: string, to: Point, _mods: DragModifiers): HandleDrag<VertexGeometry> | null {
    return dragVertexHandle(g.points, handleId, to, true);
  },

  translate(g: VertexGeometry, dx: number, dy: number): VertexGeometry {
    return { points: translatePoints(g.points, dx, dy) };
  },

  traceOutline(path: PathSink, g: VertexGeometry, params: DrawParams): void {
    traceVertices(path, g.points, params, true);
  },

  vertices: vertexEditing(POLYGON_MIN_POINTS),
};
