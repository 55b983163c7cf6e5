/**
 * The ADR 0001 wire format of shapes and tags (the JSON the server stores and the diff carries),
 * and its conversion to and from `AnnotationObject`.
 */
import { CanvasError, type Issue, type Loc } from "../errors";
import { kindUtil, type KindRegistry } from "../kinds/registry";
import type { ShapeKind } from "./geometry";
import type { AnyObject, AttributeValue, Source } from "./object";
import { SOURCES } from "./object";
import { describe, readNumber, readOneOf, readOptionalBoolean, readOptionalNumber, readRecord, type Json } from "./read";

interface WireCommon {
  id: string;
  label_id: number;
  frame: number;
  attributes: Record<string, AttributeValue>;
  group_id: number | null;
  source: Source;
  score: number | null;
  /** Kind fields (`points`, `rotation`, `visibility`, `bbox`, `rle`) and fields kept as they came. */
  [field: string]: unknown;
}

/** A row of the `shapes` collection. */
export interface WireShape extends WireCommon {
  kind: ShapeKind;
  z_order: number;
  occluded: boolean;
  outside: boolean;
}

/** A row of the `tags` collection (no kind, no geometry; `stop_frame` is kept as it came). */
export type WireTag = WireCommon;

/** What `setObjects` takes: the current frame's part of a job's `{shapes, tags}`. */
export interface AnnotationInput {
  readonly shapes?: readonly unknown[];
  readonly tags?: readonly unknown[];
}

const COMMON_FIELDS = ["id", "label_id", "kind", "frame", "z_order", "occluded", "outside", "attributes", "group_id", "source", "score"];

export interface ParseOptions {
  /** Frame used when an object has none. */
  readonly frame: number;
  /** When given, a `label_id` outside this set is an error. */
  readonly labelIds?: ReadonlySet<number>;
}

function readAttributes(rec: Json, loc: Loc, issues: Issue[]): Record<string, AttributeValue> {
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

function parseOne(raw: unknown, loc: Loc, tag: boolean, registry: KindRegistry, opts: ParseOptions, issues: Issue[]): AnyObject | null {
  const rec = readRecord(raw, loc, issues);
  if (rec === null) return null;
  const before = issues.length;
  const id = typeof rec.id === "string" && rec.id.length > 0 ? rec.id : null;
  if (id === null) {
    issues.push({ loc: [...loc, "id"], msg: `expected a non-empty id string, got ${describe(rec.id)}`, type: rec.id === undefined ? "missing" : "invalid" });
  }
  const labelId = readNumber(rec, "label_id", loc, issues, { integer: true });
  if (labelId !== null && opts.labelIds !== undefined && !opts.labelIds.has(labelId)) {
    issues.push({ loc: [...loc, "label_id"], msg: `unknown label ${labelId}`, type: "not_found" });
  }
  const shapeKinds = (Object.keys(registry) as (keyof KindRegistry)[]).filter((k) => registry[k].collection === "shapes");
  const kind = tag ? "tag" : readOneOf(rec, "kind", shapeKinds, loc, issues);
  const geometry = kind === null ? null : registry[kind].parse(rec, loc, issues);
  const common = {
    frame: readOptionalNumber(rec, "frame", loc, issues, opts.frame, { integer: true, min: 0 }),
    zOrder: readOptionalNumber(rec, "z_order", loc, issues, 0, { integer: true }),
    occluded: readOptionalBoolean(rec, "occluded", loc, issues),
    outside: readOptionalBoolean(rec, "outside", loc, issues),
    attributes: readAttributes(rec, loc, issues),
    groupId: readOptionalNumber(rec, "group_id", loc, issues, null, { integer: true }),
    source: readOneOf(rec, "source", SOURCES, loc, issues, "manual"),
    score: readOptionalNumber(rec, "score", loc, issues, null),
  };
  if (issues.length > before || id === null || labelId === null || kind === null || geometry === null || common.source === null) return null;
  const owned = new Set([...COMMON_FIELDS, ...registry[kind].wireFields]);
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) if (!owned.has(k)) extra[k] = v;
  return { id, kind, labelId, geometry, extra, ...common, source: common.source } as AnyObject;
}

/**
 * Parses a frame's shapes and tags. Throws one CanvasError listing every problem, located as
 * `shapes[3].points[1]`; nothing is returned when any object is invalid.
 */
export function parseAnnotations(input: AnnotationInput, registry: KindRegistry, opts: ParseOptions): AnyObject[] {
  const issues: Issue[] = [];
  const out: AnyObject[] = [];
  const seen = new Set<string>();
  const take = (list: readonly unknown[] | undefined, collection: "shapes" | "tags"): void => {
    (list ?? []).forEach((raw, i) => {
      const obj = parseOne(raw, [collection, i], collection === "tags", registry, opts, issues);
      // Duplicates are checked on the raw id, so an invalid first copy still counts.
      const id = typeof raw === "object" && raw !== null ? (raw as Json).id : undefined;
      if (typeof id === "string") {
        if (seen.has(id)) issues.push({ loc: [collection, i, "id"], msg: `duplicate id ${id}`, type: "invalid" });
        seen.add(id);
      }
      if (obj !== null) out.push(obj);
    });
  };
  take(input.shapes, "shapes");
  take(input.tags, "tags");
  if (issues.length > 0) throw new CanvasError(issues);
  return out;
}

/** The wire form of an object: a `shapes` row, or a `tags` row for a tag. */
export function toWire(obj: AnyObject, registry: KindRegistry): WireShape | WireTag {
  const common: WireCommon = {
    ...obj.extra,
    id: obj.id,
    label_id: obj.labelId,
    frame: obj.frame,
    attributes: { ...obj.attributes },
    group_id: obj.groupId,
    source: obj.source,
    score: obj.score,
  };
  if (obj.kind === "tag") return common;
  const shape: WireShape = {
    ...common,
    kind: obj.kind,
    z_order: obj.zOrder,
    occluded: obj.occluded,
    outside: obj.outside,
    ...kindUtil(registry, obj).serialize(obj.geometry),
  };
  return shape;
}

export function isWireShape(w: WireShape | WireTag): w is WireShape {
  return typeof w.kind === "string";
}
