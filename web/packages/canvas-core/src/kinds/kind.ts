/**
 * The one interface every kind implements (tldraw's ShapeUtil): wire format, bounds, hit test,
 * handles and drawing. Adding a kind is one module here and one line in `registry.ts`.
 */
import type { Issue, Loc } from "../errors";
import type { Box } from "../geometry/box";
import type { Point } from "../geometry/point";
import type { GeometryByKind, Kind } from "../model/geometry";
import type { Label } from "../model/label";
import type { Json } from "../model/read";
import type { DrawContext, DrawParams, PathSink, ShapeStyle } from "../render/context";

export type HandleRole = "vertex" | "edge" | "resize" | "rotate";

/**
 * A point the user can drag on a selected shape. Ids are stable per geometry: `v:3` (vertex 3),
 * `e:3` (midpoint of the edge after vertex 3), `nw`…`w` (resize), `rotate`.
 */
export interface Handle {
  readonly id: string;
  readonly role: HandleRole;
  readonly x: number;
  readonly y: number;
}

export interface HandleView {
  /** Screen pixels per image pixel, to keep the rotate handle a fixed screen distance away. */
  readonly scale: number;
}

export interface DragModifiers {
  /** Keep the aspect ratio (resize) or snap to 15° (rotate). */
  readonly shift: boolean;
}

/** The result of dragging a handle; the id changes when a resize flips a side or an edge drag inserts a vertex. */
export interface HandleDrag<G> {
  readonly geometry: G;
  readonly handleId: string;
}

/** Vertex-list editing, for kinds whose vertices may be added and removed. */
export interface VertexEditing<G> {
  /** Inserts `p` after vertex `after` (on the edge from `after` to `after + 1`). */
  insertVertex(g: G, after: number, p: Point): G;
  /** Null when the kind's minimum number of points would be broken. */
  removeVertex(g: G, index: number): G | null;
}

export interface KindUtil<K extends Kind> {
  readonly kind: K;
  /** The diff collection objects of this kind are saved in. */
  readonly collection: "shapes" | "tags";
  /** Wire fields this kind owns (the rest are common columns or kept as `extra`). */
  readonly wireFields: readonly string[];
  /** Whether the outline encloses an area (filled with the fill opacity). */
  readonly closed: boolean;

  /** Reads the kind's fields from a wire object; records located issues and returns null when invalid. */
  parse(wire: Json, loc: Loc, issues: Issue[]): GeometryByKind[K] | null;
  serialize(g: GeometryByKind[K]): Record<string, unknown>;

  /** Axis-aligned bounds after rotation; null for kinds without geometry. */
  bbox(g: GeometryByKind[K]): Box | null;
  /**
   * Distance from `p` to the shape when within `tolerance` (image units; callers convert their
   * screen-pixel tolerance with the viewport's scale), 0 inside a closed shape; null for a miss.
   * `label` is the object's label, for kinds whose shape depends on it (skeleton edges).
   */
  hitTest(g: GeometryByKind[K], p: Point, tolerance: number, label?: Label): number | null;
  handles(g: GeometryByKind[K], view: HandleView): Handle[];
  /** Drags handle `handleId` to `to`; null when the kind has no such handle. */
  dragHandle(g: GeometryByKind[K], handleId: string, to: Point, mods: DragModifiers): HandleDrag<GeometryByKind[K]> | null;
  translate(g: GeometryByKind[K], dx: number, dy: number): GeometryByKind[K];

  /**
   * Adds the outline to the current path, in image coordinates, without beginPath/fill/stroke:
   * the renderer batches many objects of one style into one path.
   */
  traceOutline(path: PathSink, g: GeometryByKind[K], params: DrawParams, label?: Label): void;
  /** Draws what is not an outline (skeleton joints, mask pixels) with its own fill/stroke calls. */
  drawDetail?(ctx: DrawContext, g: GeometryByKind[K], style: ShapeStyle, params: DrawParams): void;

  readonly vertices?: VertexEditing<GeometryByKind[K]>;
}

/** Minimum width/height a resize leaves, in image pixels, so that x1 < x2 always holds. */
export const MIN_EXTENT = 0.01;
/** Distance of the rotate handle above the shape, in screen pixels. */
export const ROTATE_HANDLE_OFFSET_PX = 24;
/** Radius of point markers and skeleton joints, in screen pixels. */
export const MARKER_RADIUS_PX = 4;

export function parseVertexId(id: string, prefix: "v" | "e"): number | null {
  if (!id.startsWith(`${prefix}:`)) return null;
  const n = Number(id.slice(2));
  return Number.isInteger(n) && n >= 0 ? n : null;
}
