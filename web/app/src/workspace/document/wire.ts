/**
 * The annotation wire format as the server speaks it (ADR 0001, `ShapeWire` / `TagWire` / `TrackWire`
 * in the OpenAPI schema), which the canvas core reads and writes too. The canvas keeps fields it does
 * not interpret and sends them back, and the server rejects unknown fields, so what goes out is
 * rebuilt field by field rather than passed through.
 */
import type { components } from "@annota/api-client";
import type { PendingDiff, WireShape, WireTag, WireTrack } from "@annota/canvas-core";

export type ShapeWire = components["schemas"]["ShapeWire"];
export type TagWire = components["schemas"]["TagWire"];
export type TrackWire = components["schemas"]["TrackWire"];

/** A stored shape, tag or track always has its id (chosen by the client, ADR 0001). */
export type SavedShape = ShapeWire & { id: string };
export type SavedTag = TagWire & { id: string };
export type SavedTrack = TrackWire & { id: string };

export type Collection = "shapes" | "tags" | "tracks";

export interface Changes<W> {
  create: W[];
  update: W[];
  delete: string[];
}

/**
 * One save: the PATCH body of `/api/jobs/{id}/annotations`. `tracks` is left out when a diff has no
 * track change (image jobs, and diffs queued before tracks were edited here, read the same).
 */
export interface ServerDiff {
  shapes: Changes<SavedShape>;
  tags: Changes<SavedTag>;
  tracks?: Changes<SavedTrack>;
}

const SHAPE_GEOMETRY = ["points", "rotation", "visibility", "bbox", "rle"] as const;

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

/** A canvas shape row as the server wants it: known fields only. */
export function shapeToServer(w: WireShape): SavedShape {
  const out: SavedShape = {
    id: w.id,
    kind: w.kind,
    label_id: w.label_id,
    frame: w.frame,
    z_order: w.z_order,
    occluded: w.occluded,
    outside: w.outside,
    attributes: { ...w.attributes },
    group: w.group,
    source: w.source,
    score: w.score,
  };
  const fields = out as Record<string, unknown>;
  for (const key of SHAPE_GEOMETRY) if (w[key] !== undefined && w[key] !== null) fields[key] = w[key];
  return out;
}

/** A canvas tag row as the server wants it (`stop_frame` kept when the tag spans frames). */
export function tagToServer(w: WireTag): SavedTag {
  const out: SavedTag = {
    id: w.id,
    label_id: w.label_id,
    frame: w.frame,
    attributes: { ...w.attributes },
    source: w.source,
    score: w.score,
  };
  if (typeof w.stop_frame === "number") out.stop_frame = w.stop_frame;
  return out;
}

const KEYFRAME_GEOMETRY = ["points", "rotation", "visibility", "bbox", "rle"] as const;

/** A canvas track as the server wants it: known fields only, on the track and on each keyframe. */
export function trackToServer(w: WireTrack): SavedTrack {
  return {
    id: w.id,
    kind: w.kind,
    label_id: w.label_id,
    z_order: w.z_order,
    attributes: { ...w.attributes },
    group: w.group,
    source: w.source,
    keyframes: w.keyframes.map((k) => {
      const out: Record<string, unknown> = { frame: k.frame, outside: k.outside, occluded: k.occluded, attributes: { ...k.attributes }, source: k.source };
      for (const key of KEYFRAME_GEOMETRY) if (k[key] !== undefined && k[key] !== null) out[key] = k[key];
      return out as SavedTrack["keyframes"][number];
    }),
  };
}

/** A stored shape as the canvas reads it: as it is (no copy: an image can hold tens of thousands). */
export function shapeToCanvas(s: SavedShape): Record<string, unknown> {
  return record(s);
}

export function tagToCanvas(t: SavedTag): Record<string, unknown> {
  return record(t);
}

export function emptyDiff(): ServerDiff {
  return { shapes: { create: [], update: [], delete: [] }, tags: { create: [], update: [], delete: [] } };
}

/** How many objects a diff touches. */
export function changeCount(diff: ServerDiff): number {
  const n = (c: Changes<unknown> | undefined) => (c === undefined ? 0 : c.create.length + c.update.length + c.delete.length);
  return n(diff.shapes) + n(diff.tags) + n(diff.tracks);
}

export function isEmptyDiff(diff: ServerDiff): boolean {
  return changeCount(diff) === 0;
}

/** The canvas's pending changes as a server diff. */
export function diffFromCanvas(pending: PendingDiff): ServerDiff {
  const tracks = pending.tracks;
  const withTracks = tracks.create.length + tracks.update.length + tracks.delete.length > 0;
  return {
    ...(withTracks ? { tracks: { create: tracks.create.map(trackToServer), update: tracks.update.map(trackToServer), delete: [...tracks.delete] } } : {}),
    shapes: {
      create: pending.shapes.create.map(shapeToServer),
      update: pending.shapes.update.map(shapeToServer),
      delete: [...pending.shapes.delete],
    },
    tags: {
      create: pending.tags.create.map(tagToServer),
      update: pending.tags.update.map(tagToServer),
      delete: [...pending.tags.delete],
    },
  };
}
