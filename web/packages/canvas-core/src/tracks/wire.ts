/**
 * Tracks on the wire (ADR 0001 `TrackWire`): reading a job's tracks with every problem located
 * (`tracks[2].keyframes[0].frame`), and writing a track back for the save diff.
 */
import { CanvasError, type Issue, type Loc } from "../errors";
import type { AnyTrack, TrackKeyframe } from "../interpolation/model";
import { parseTrack } from "../interpolation/wire";
import type { KindRegistry } from "../kinds/registry";
import type { ShapeKind } from "../model/geometry";
import type { AttributeValue, Source } from "../model/object";

/** One keyframe of a wire track: the common fields and the kind's geometry fields (`points`, `rotation`, ...). */
export interface WireKeyframe {
  frame: number;
  outside: boolean;
  occluded: boolean;
  attributes: Record<string, AttributeValue>;
  source: Source;
  [field: string]: unknown;
}

/** A row of the `tracks` collection. */
export interface WireTrack {
  id: string;
  kind: ShapeKind;
  label_id: number;
  z_order: number;
  /** The immutable attributes (the mutable ones are on the keyframes). */
  attributes: Record<string, AttributeValue>;
  group: number | null;
  source: Source;
  keyframes: WireKeyframe[];
}

/** Reads wire tracks; issues are collected (located under `loc`) instead of thrown, so one pass reports everything. */
export function readTracks(list: readonly unknown[] | undefined, loc: Loc, issues: Issue[], labelIds?: ReadonlySet<number>): AnyTrack[] {
  const out: AnyTrack[] = [];
  (list ?? []).forEach((raw, i) => {
    try {
      const track = parseTrack(raw, [...loc, i]);
      if (labelIds !== undefined && !labelIds.has(track.labelId)) issues.push({ loc: [...loc, i, "label_id"], msg: `unknown label ${track.labelId}`, type: "not_found" });
      else out.push(track);
    } catch (error) {
      if (!(error instanceof CanvasError)) throw error;
      issues.push(...error.issues);
    }
  });
  return out;
}

export function keyframeToWire(kind: ShapeKind, kf: TrackKeyframe, registry: KindRegistry): WireKeyframe {
  const util = registry[kind] as { serialize(g: TrackKeyframe["geometry"]): Record<string, unknown> };
  return { frame: kf.frame, outside: kf.outside, occluded: kf.occluded, attributes: { ...kf.attributes }, source: kf.source, ...util.serialize(kf.geometry) };
}

export function trackToWire(track: AnyTrack, registry: KindRegistry): WireTrack {
  return {
    id: track.id,
    kind: track.kind,
    label_id: track.labelId,
    z_order: track.zOrder,
    attributes: { ...track.attributes },
    group: track.group,
    source: track.source,
    keyframes: (track.keyframes as readonly TrackKeyframe[]).map((k) => keyframeToWire(track.kind, k, registry)),
  };
}
