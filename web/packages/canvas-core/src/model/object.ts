import type { GeometryByKind, Kind, Visibility } from "./geometry";
import type { LabelId } from "./label";

export type Source = "manual" | "imported" | "tracker" | "model";
export const SOURCES: readonly Source[] = ["manual", "imported", "tracker", "model"];

export type AttributeValue = string | number | boolean;

/**
 * One annotation on the current frame: a shape of some kind, or a tag. The common fields are
 * the ADR 0001 columns; `extra` keeps wire fields the canvas does not interpret (`revision`,
 * `job_id`, `stop_frame`, ...) so that a save sends them back unchanged.
 */
export interface AnnotationObject<K extends Kind = Kind> {
  readonly id: string;
  readonly kind: K;
  readonly labelId: LabelId;
  readonly frame: number;
  readonly zOrder: number;
  readonly occluded: boolean;
  readonly outside: boolean;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly groupId: number | null;
  readonly source: Source;
  readonly score: number | null;
  readonly geometry: GeometryByKind[K];
  readonly extra: Readonly<Record<string, unknown>>;
}

/** An object of any kind, narrowed by `kind`. */
export type AnyObject = { [K in Kind]: AnnotationObject<K> }[Kind];

/**
 * Geometry fields in their wire form (ADR 0001), as `updateObjects` takes them: the fields given
 * replace the object's, the others stay, and the kind's `KindUtil.parse` checks the result
 * (`{visibility: [...]}` on a skeleton, `{points: [...]}` on a polygon, `{rotation}` on a box).
 */
export interface GeometryPatch {
  readonly points?: readonly number[];
  readonly rotation?: number;
  readonly visibility?: readonly Visibility[];
  readonly bbox?: readonly number[];
  readonly rle?: readonly number[];
}

/** Fields a command may change on an existing object. */
export interface ObjectPatch {
  readonly labelId?: LabelId;
  readonly zOrder?: number;
  readonly occluded?: boolean;
  readonly outside?: boolean;
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
  readonly groupId?: number | null;
  readonly geometry?: GeometryPatch;
}

export function withGeometry<K extends Kind>(obj: AnnotationObject<K>, geometry: GeometryByKind[K]): AnnotationObject<K> {
  return { ...obj, geometry };
}
