/**
 * The ADR 0001 wire forms of tracks and frame-range tags, read into `Track` and `FrameRangeTag`.
 *
 * Track: {id, kind, label_id, attributes (immutable ones), group, source, z_order, keyframes: [{frame,
 * outside, occluded, attributes (mutable ones), source, <the kind's geometry fields>}]}.
 * Tag: {id, kind ("tag", optional), label_id, frame, stop_frame (defaults to frame), attributes, source, score}.
 * Each reader throws one CanvasError listing every problem, located as `keyframes[2].frame`.
 */
import { CanvasError, type Issue, type Loc } from "../errors";
import { KIND_REGISTRY } from "../kinds/registry";
import type { ShapeKind } from "../model/geometry";
import { SOURCES, type AttributeValue } from "../model/object";
import { describe, readNumber, readOneOf, readOptionalBoolean, readOptionalNumber, readRecord, type Json } from "../model/read";
import type { AnyTrack, Attributes, FrameRangeTag, TrackKeyframe } from "./model";

const TRACK_FIELDS: ReadonlySet<string> = new Set(["id", "kind", "label_id", "attributes", "group", "source", "z_order", "keyframes"]);
const KEYFRAME_FIELDS = ["frame", "outside", "occluded", "attributes", "source"];
const TAG_FIELDS: ReadonlySet<string> = new Set(["id", "kind", "label_id", "frame", "stop_frame", "attributes", "source", "score"]);
const SHAPE_KINDS = (Object.keys(KIND_REGISTRY) as (keyof typeof KIND_REGISTRY)[]).filter((k): k is ShapeKind => KIND_REGISTRY[k].collection === "shapes");
/** The fields a keyframe of each kind may have, built once: a track of 1,000 keyframes checks 1,000 of them. */
const KEYFRAME_FIELDS_BY_KIND: ReadonlyMap<ShapeKind, ReadonlySet<string>> = new Map(SHAPE_KINDS.map((k) => [k, new Set([...KEYFRAME_FIELDS, ...KIND_REGISTRY[k].wireFields])]));

export function parseTrack(raw: unknown, loc: Loc = []): AnyTrack {
  const issues: Issue[] = [];
  const rec = readRecord(raw, loc, issues);
  if (rec === null) throw new CanvasError(issues);
  const kind = readOneOf(rec, "kind", SHAPE_KINDS, loc, issues);
  rejectUnknown(rec, TRACK_FIELDS, loc, issues);
  const id = readId(rec, loc, issues);
  const labelId = readNumber(rec, "label_id", loc, issues, { integer: true });
  const attributes = readAttributes(rec, loc, issues);
  const group = readOptionalNumber(rec, "group", loc, issues, null, { integer: true });
  const source = readOneOf(rec, "source", SOURCES, loc, issues, "manual");
  const zOrder = readOptionalNumber(rec, "z_order", loc, issues, 0, { integer: true });
  const keyframes = kind === null ? null : readKeyframes(rec, kind, loc, issues);
  if (issues.length > 0 || id === null || kind === null || labelId === null || source === null || keyframes === null) throw new CanvasError(issues);
  return { id, kind, labelId, keyframes, attributes, group, source, zOrder } as AnyTrack;
}

export function parseFrameRangeTag(raw: unknown, loc: Loc = []): FrameRangeTag {
  const issues: Issue[] = [];
  const rec = readRecord(raw, loc, issues);
  if (rec === null) throw new CanvasError(issues);
  rejectUnknown(rec, TAG_FIELDS, loc, issues);
  if (rec.kind !== undefined && rec.kind !== "tag") issues.push({ loc: [...loc, "kind"], msg: `the tags collection holds kind "tag" only, got ${describe(rec.kind)}`, type: "invalid" });
  const id = readId(rec, loc, issues);
  const labelId = readNumber(rec, "label_id", loc, issues, { integer: true });
  const frame = readNumber(rec, "frame", loc, issues, { integer: true, min: 0 });
  const stopFrame = readOptionalNumber(rec, "stop_frame", loc, issues, frame, { integer: true, min: 0 });
  if (frame !== null && stopFrame !== null && stopFrame < frame) issues.push({ loc: [...loc, "stop_frame"], msg: `stop_frame ${stopFrame} is before frame ${frame}`, type: "invalid" });
  const attributes = readAttributes(rec, loc, issues);
  const source = readOneOf(rec, "source", SOURCES, loc, issues, "manual");
  readOptionalNumber(rec, "score", loc, issues, null);
  if (issues.length > 0 || id === null || labelId === null || frame === null || stopFrame === null || source === null) throw new CanvasError(issues);
  return { id, labelId, frame, stopFrame, attributes, source };
}

function readKeyframes(rec: Json, kind: ShapeKind, loc: Loc, issues: Issue[]): TrackKeyframe[] | null {
  const raw = rec.keyframes;
  const at = [...loc, "keyframes"];
  if (!Array.isArray(raw)) {
    issues.push({ loc: at, msg: raw === undefined ? "field required" : `expected a list of keyframes, got ${describe(raw)}`, type: raw === undefined ? "missing" : "invalid" });
    return null;
  }
  if (raw.length === 0) {
    issues.push({ loc: at, msg: "a track needs at least one keyframe", type: "invalid" });
    return null;
  }
  const util = KIND_REGISTRY[kind];
  const before = issues.length;
  const out: TrackKeyframe[] = [];
  let previous: number | null = null;
  raw.forEach((item: unknown, i) => {
    const kloc = [...at, i];
    const k = readRecord(item, kloc, issues);
    if (k === null) return;
    rejectUnknown(k, KEYFRAME_FIELDS_BY_KIND.get(kind) as ReadonlySet<string>, kloc, issues);
    const frame = readNumber(k, "frame", kloc, issues, { integer: true, min: 0 });
    if (frame !== null && previous !== null && frame <= previous) {
      const msg = frame === previous ? `two keyframes on frame ${frame}` : `keyframes are sorted by frame: ${frame} comes after ${previous}`;
      issues.push({ loc: [...kloc, "frame"], msg, type: "invalid" });
    }
    if (frame !== null) previous = Math.max(frame, previous ?? frame);
    const geometry = util.parse(k, kloc, issues);
    const keyframe = {
      frame,
      geometry,
      outside: readOptionalBoolean(k, "outside", kloc, issues),
      occluded: readOptionalBoolean(k, "occluded", kloc, issues),
      attributes: readAttributes(k, kloc, issues),
      source: readOneOf(k, "source", SOURCES, kloc, issues, "manual"),
    };
    if (frame !== null && geometry !== null && keyframe.source !== null) out.push({ ...keyframe, frame, geometry, source: keyframe.source });
  });
  return issues.length > before ? null : out;
}

function readId(rec: Json, loc: Loc, issues: Issue[]): string | null {
  if (typeof rec.id === "string" && rec.id.length > 0) return rec.id;
  issues.push({ loc: [...loc, "id"], msg: `expected a non-empty id string, got ${describe(rec.id)}`, type: rec.id === undefined ? "missing" : "invalid" });
  return null;
}

function readAttributes(rec: Json, loc: Loc, issues: Issue[]): Attributes {
  const v = rec.attributes;
  if (v === undefined || v === null) return {};
  const attrs = readRecord(v, [...loc, "attributes"], issues);
  if (attrs === null) return {};
  const out: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) out[name] = value;
    else issues.push({ loc: [...loc, "attributes", name], msg: `expected a string, number or boolean, got ${describe(value)}`, type: "invalid" });
  }
  return out;
}

function rejectUnknown(rec: Json, allowed: ReadonlySet<string>, loc: Loc, issues: Issue[]): void {
  for (const key in rec) if (Object.hasOwn(rec, key) && !allowed.has(key)) issues.push({ loc: [...loc, key], msg: "unknown field", type: "invalid" });
}
