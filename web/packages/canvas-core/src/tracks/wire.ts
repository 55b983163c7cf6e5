/**
 * Tracks on the wire (ADR 0001 `TrackWire`): reading a job's tracks with every problem located
 * (`tracks[2].keyframes[0].frame`), and writing a track back for the save diff.
 */
import { CanvasError, type Issue, type Loc } from "../errors";
import type { AnyTrack, TrackKeyframe } from "../interpolation/model";
import { parseTrack } from "../interpolation/wire";
import type { KindRegistry } from "../kinds/registry";
import type { ShapeKind } from "../model/geometry";
import type { AnyObject, AttributeValue, Source } from "../model/object";
import { parseAnnotations, type AnnotationInput, type ParseOptions } from "../model/wire";

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
    const labelId = typeof raw === "object" && raw !== null ? (raw as { label_id?: unknown }).label_id : undefined;
    const unknownLabel = labelIds !== undefined && typeof labelId === "number" && !labelIds.has(labelId);
    if (unknownLabel) issues.push({ loc: [...loc, i, "label_id"], msg: `unknown label ${labelId}`, type: "not_found" });
    try {
      const track = parseTrack(raw, [...loc, i]);
      if (!unknownLabel) out.push(track);
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

/** A job's annotations as `GET /jobs/{id}/annotations` gives them: shapes and tags of every frame, and tracks. */
export interface JobAnnotationInput extends AnnotationInput {
  readonly tracks?: readonly unknown[];
}

/**
 * Parses a whole job. Throws one CanvasError listing every problem (`tracks[1].keyframes[0].points`,
 * an id used twice across the collections); nothing is returned when anything is invalid.
 */
export function parseJob(input: JobAnnotationInput, registry: KindRegistry, opts: ParseOptions): { objects: AnyObject[]; tracks: AnyTrack[] } {
  const issues: Issue[] = [];
  let objects: AnyObject[] = [];
  try {
    objects = parseAnnotations(input, registry, opts);
  } catch (error) {
    if (!(error instanceof CanvasError)) throw error;
    issues.push(...error.issues);
  }
  const tracks = readTracks(input.tracks, ["tracks"], issues, opts.labelIds);
  const seen = new Set<string>();
  for (const list of [input.shapes, input.tags]) {
    for (const raw of list ?? []) if (typeof raw === "object" && raw !== null && typeof (raw as { id?: unknown }).id === "string") seen.add((raw as { id: string }).id);
  }
  (input.tracks ?? []).forEach((raw, i) => {
    const id = typeof raw === "object" && raw !== null ? (raw as { id?: unknown }).id : undefined;
    if (typeof id !== "string") return;
    if (seen.has(id)) issues.push({ loc: ["tracks", i, "id"], msg: `duplicate id ${id}`, type: "invalid" });
    seen.add(id);
  });
  if (issues.length > 0) throw new CanvasError(issues);
  return { objects, tracks };
}
