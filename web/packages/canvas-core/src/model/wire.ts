/**
 * The ADR 0001 wire format of shapes and tags (the JSON the server stores and the diff carries),
 * and its conversion to and from `AnnotationObject`.
 */
import { CanvasError, type Issue, type Loc } from "../errors";
import { kindUtil, type KindRegistry } from "../kinds/registry";
import type { Kind, ShapeKind } from "./geometry";
import type { AnyObject, AttributeValue, Source } from "./object";
import { SOURCES } from "./object";
import { describe, readNumber, readOneOf, readOptionalBoolean, readOptionalNumber, readRecord, type Json } from "./read";

interface WireCommon {
  id: string;
  label_id: number;
  frame: number;
  attributes: Record<string, AttributeValue>;
  source: Source;
  score: number | null;
  /** Kind fields (`points`, `rotation`, `visibility`, `bbox`, `rle`) and fields kept as they came. */
  [field: string]: unknown;
}

/** A row of the `shapes` collection (the server's `ShapeWire`). */
export interface WireShape extends WireCommon {
  kind: ShapeKind;
  z_order: number;
  occluded: boolean;
  outside: boolean;
  group: number | null;
}

/** A row of the `tags` collection (the server's `TagWire`: no kind, geometry or group; `stop_frame` is kept as it came). */
export type WireTag = WireCommon;

/** What `setObjects` takes: the current frame's part of a job's `{shapes, tags}`. */
export interface AnnotationInput {
  readonly shapes?: readonly unknown[];
  readonly tags?: readonly unknown[];
}

const SHAPE_FIELDS = ["id", "label_id", "kind", "frame", "z_order", "occluded", "outside", "attributes", "group", "source", "score"];
/** A tag's own fields; `kind`, `z_order`, `occluded` and `outside` are read when present and not written back. */
const TAG_FIELDS = ["id", "label_id", "kind", "frame", "z_order", "occluded", "outside", "attributes", "source", "score"];

export interface ParseOptions {
  /** Frame used when an object has none. */
  readonly frame: number;
  /** When given, a `label_id` outside this set is an error. */
  readonly labelIds?: ReadonlySet<number>;
}

/** What parsing needs of a registry, computed once per registry rather than once per object. */
interface RegistryFields {
  readonly shapeKinds: readonly ShapeKind[];
  /** The wire fields each kind's objects own (the common columns and the kind's fields); the rest is `extra`. */
  readonly owned: ReadonlyMap<Kind, ReadonlySet<string>>;
}

const FIELDS = new WeakMap<KindRegistry, RegistryFields>();

function fieldsOf(registry: KindRegistry): RegistryFields {
  let fields = FIELDS.get(registry);
  if (fields === undefined) {
    const kinds = Object.keys(registry) as Kind[];
    const owned = new Map<Kind, ReadonlySet<string>>();
    for (const k of kinds) owned.set(k, new Set([...(registry[k].collection === "tags" ? TAG_FIELDS : SHAPE_FIELDS), ...registry[k].wireFields]));
    fields = { shapeKinds: kinds.filter((k): k is ShapeKind => registry[k].collection === "shapes"), owned };
    FIELDS.set(registry, fields);
  }
  return fields;
}

const INTEGER = { integer: true } as const;
const FRAME = { integer: true, min: 0 } as const;

/** Shared by every object without attributes or kept fields (values are never mutated in place). */
const NO_ATTRIBUTES: Readonly<Record<string, AttributeValue>> = Object.freeze({});
const NO_EXTRA: Readonly<Record<string, unknown>> = Object.freeze({});

function readAttributes(rec: Json, loc: Loc, issues: Issue[]): Readonly<Record<string, AttributeValue>> {
  const v = rec.attributes;
  if (v === undefined || v === null) return NO_ATTRIBUTES;
  const attrs = readRecord(v, [...loc, "attributes"], issues);
  if (attrs === null) return NO_ATTRIBUTES;
  const out: Record<string, AttributeValue> = {};
  for (const name in attrs) {
    if (!Object.hasOwn(attrs, name)) continue;
    const value = attrs[name];
    if (typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) out[name] = value;
    else issues.push({ loc: [...loc, "attributes", name], msg: `expected a string, number or boolean, got ${describe(value)}`, type: "invalid" });
  }
  return out;
}

/** The fields of `rec` no one owns, kept to be sent back; the shared empty object when there are none. */
function extraFields(rec: Json, owned: ReadonlySet<string>): Readonly<Record<string, unknown>> {
  let extra: Record<string, unknown> | null = null;
  for (const k in rec) {
    if (owned.has(k) || !Object.hasOwn(rec, k)) continue;
    extra ??= {};
    extra[k] = rec[k];
  }
  return extra ?? NO_EXTRA;
}

function parseOne(raw: unknown, loc: Loc, tag: boolean, registry: KindRegistry, fields: RegistryFields, opts: ParseOptions, issues: Issue[]): AnyObject | null {
  const rec = readRecord(raw, loc, issues);
  if (rec === null) return null;
  const before = issues.length;
  const id = typeof rec.id === "string" && rec.id.length > 0 ? rec.id : null;
  if (id === null) {
    issues.push({ loc: [...loc, "id"], msg: `expected a non-empty id string, got ${describe(rec.id)}`, type: rec.id === undefined ? "missing" : "invalid" });
  }
  // The server rejects unknown fields: an old caller's `group_id` would otherwise be kept and sent back.
  if (rec.group_id !== undefined) issues.push({ loc: [...loc, "group_id"], msg: 'unknown field; the group is "group" (ADR 0001)', type: "invalid" });
  const labelId = readNumber(rec, "label_id", loc, issues, INTEGER);
  if (labelId !== null && opts.labelIds !== undefined && !opts.labelIds.has(labelId)) {
    issues.push({ loc: [...loc, "label_id"], msg: `unknown label ${labelId}`, type: "not_found" });
  }
  const kind = tag ? "tag" : readOneOf(rec, "kind", fields.shapeKinds, loc, issues);
  const geometry = kind === null ? null : registry[kind].parse(rec, loc, issues);
  const frame = readOptionalNumber(rec, "frame", loc, issues, opts.frame, FRAME);
  const zOrder = readOptionalNumber(rec, "z_order", loc, issues, 0, INTEGER);
  const occluded = readOptionalBoolean(rec, "occluded", loc, issues);
  const outside = readOptionalBoolean(rec, "outside", loc, issues);
  const attributes = readAttributes(rec, loc, issues);
  const groupId = tag ? null : readOptionalNumber(rec, "group", loc, issues, null, INTEGER);
  const source = readOneOf(rec, "source", SOURCES, loc, issues, "manual");
  const score = readOptionalNumber(rec, "score", loc, issues, null);
  if (issues.length > before || id === null || labelId === null || kind === null || geometry === null || source === null) return null;
  const extra = extraFields(rec, fields.owned.get(kind) as ReadonlySet<string>);
  return { id, kind, labelId, frame, zOrder, occluded, outside, attributes, groupId, source, score, geometry, extra } as AnyObject;
}

/**
 * Parses a frame's shapes and tags. Throws one CanvasError listing every problem, located as
 * `shapes[3].points[1]`; nothing is returned when any object is invalid.
 */
export function parseAnnotations(input: AnnotationInput, registry: KindRegistry, opts: ParseOptions): AnyObject[] {
  const issues: Issue[] = [];
  const out: AnyObject[] = [];
  const seen = new Set<string>();
  const fields = fieldsOf(registry);
  const take = (list: readonly unknown[] | undefined, collection: "shapes" | "tags"): void => {
    (list ?? []).forEach((raw, i) => {
      const obj = parseOne(raw, [collection, i], collection === "tags", registry, fields, opts, issues);
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

/** The wire form of an object: a `shapes` row (`ShapeWire`), or a `tags` row (`TagWire`) for a tag. */
export function toWire(obj: AnyObject, registry: KindRegistry): WireShape | WireTag {
  if (obj.kind === "tag") {
    const tag: WireTag = { ...obj.extra, id: obj.id, label_id: obj.labelId, frame: obj.frame, attributes: { ...obj.attributes }, source: obj.source, score: obj.score };
    return tag;
  }
  const shape: WireShape = {
    ...obj.extra,
    id: obj.id,
    kind: obj.kind,
    label_id: obj.labelId,
    frame: obj.frame,
    z_order: obj.zOrder,
    occluded: obj.occluded,
    outside: obj.outside,
    attributes: { ...obj.attributes },
    group: obj.groupId,
    source: obj.source,
    score: obj.score,
    ...kindUtil(registry, obj).serialize(obj.geometry),
  };
  return shape;
}

export function isWireShape(w: WireShape | WireTag): w is WireShape {
  return typeof w.kind === "string";
}
