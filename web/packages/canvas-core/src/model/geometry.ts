/**
 * Geometry of each kind, as held in memory. Values are immutable: an edit makes a new object, so
 * a change set keeps `before`/`after` by reference and caches key on the geometry object.
 */

/** `points: [x1,y1,x2,y2]` (x1<x2, y1<y2, before rotation) + `rotation`, degrees clockwise about the centre. */
export interface RectangleGeometry {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly rotation: number;
}

/** `points: [cx,cy,rx,ry]` + `rotation`. */
export interface EllipseGeometry {
  readonly cx: number;
  readonly cy: number;
  readonly rx: number;
  readonly ry: number;
  readonly rotation: number;
}

/** Flat `[x0,y0,x1,y1,...]`: polygon (≥3 points, not closed), polyline (≥2), points (≥1). */
export interface VertexGeometry {
  readonly points: readonly number[];
}

export type Visibility = "visible" | "occluded" | "outside";

/** Points in the order of the label's skeleton template, one visibility per point. */
export interface SkeletonGeometry {
  readonly points: readonly number[];
  readonly visibility: readonly Visibility[];
}

/**
 * `bbox: [x1,y1,x2,y2]` integer pixels, x2/y2 exclusive; `rle` run lengths over the bbox,
 * row-major, alternating 0s and 1s and starting with a (possibly empty) run of 0s.
 */
export interface MaskGeometry {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly rle: readonly number[];
}

/** A tag has no geometry. */
export type TagGeometry = Readonly<Record<string, never>>;

export interface GeometryByKind {
  rectangle: RectangleGeometry;
  ellipse: EllipseGeometry;
  polygon: VertexGeometry;
  polyline: VertexGeometry;
  points: VertexGeometry;
  skeleton: SkeletonGeometry;
  mask: MaskGeometry;
  tag: TagGeometry;
}

export type Kind = keyof GeometryByKind;
export type ShapeKind = Exclude<Kind, "tag">;

export const KINDS: readonly Kind[] = ["rectangle", "ellipse", "polygon", "polyline", "points", "skeleton", "mask", "tag"];
