/**
 * Tracks as the canvas holds them: the ADR 0001 wire track (`keyframes` sorted by frame, one per
 * frame, at least one) and the state of a track on one frame (docs/interpolation.md).
 */
import type { GeometryByKind, ShapeKind } from "../model/geometry";
import type { AttributeValue, Source } from "../model/object";

export type Attributes = Readonly<Record<string, AttributeValue>>;

export interface TrackKeyframe<K extends ShapeKind = ShapeKind> {
  readonly frame: number;
  readonly geometry: GeometryByKind[K];
  readonly outside: boolean;
  readonly occluded: boolean;
  /** The mutable attributes set on this keyframe. */
  readonly attributes: Attributes;
  readonly source: Source;
}

export interface Track<K extends ShapeKind = ShapeKind> {
  readonly id: string;
  readonly kind: K;
  readonly labelId: number;
  /** Sorted by frame, one per frame, at least one. */
  readonly keyframes: readonly TrackKeyframe<K>[];
  /** The immutable attributes. */
  readonly attributes: Attributes;
  readonly group: number | null;
  readonly source: Source;
  readonly zOrder: number;
}

/** A track of any kind, narrowed by `kind`. */
export type AnyTrack = { [K in ShapeKind]: Track<K> }[ShapeKind];

/**
 * A track on one frame. `keyframe` is true only on a stored keyframe (false: interpolated, held,
 * or inside an outside span); an `outside` state is absent from the frame (not drawn, not exported
 * as a shape). `attributes` holds the track's immutable attributes and the mutable ones in force.
 */
export interface TrackState<K extends ShapeKind = ShapeKind> {
  readonly frame: number;
  readonly geometry: GeometryByKind[K];
  readonly keyframe: boolean;
  readonly outside: boolean;
  readonly occluded: boolean;
  readonly attributes: Attributes;
  readonly source: Source;
}

/** The wire form of a state (what the vectors in spec/interpolation/ expect): the common fields and the kind's geometry fields. */
export interface WireTrackState {
  readonly frame: number;
  readonly keyframe: boolean;
  readonly outside: boolean;
  readonly occluded: boolean;
  readonly source: Source;
  readonly attributes: Record<string, AttributeValue>;
  readonly [field: string]: unknown;
}

/** Anything that covers the frames `frame` to `stopFrame`, both included. */
export interface FrameRange {
  readonly frame: number;
  readonly stopFrame: number;
}

/** A tag on a range of frames (a single-frame tag has `stopFrame === frame`). */
export interface FrameRangeTag extends FrameRange {
  readonly id: string;
  readonly labelId: number;
  readonly attributes: Attributes;
  readonly source: Source;
}
