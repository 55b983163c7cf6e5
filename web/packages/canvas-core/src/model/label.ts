import { CanvasError, type Issue, type Loc } from "../errors";
import { KINDS, type Kind } from "./geometry";
import type { AttributeValue } from "./object";
import { effectiveDefault, parseAttributeSpecs, type AttributeSpec, type AttributeSpecInput } from "./attribute-spec";
import { describe, readNumber, readNumbers, readOneOf, readRecord, readString } from "./read";

export type LabelId = number;

/** The kind a label allows; `any` allows every kind; kinds the canvas cannot draw (cuboid) allow none here. */
export type LabelKind = Kind | "any" | "cuboid";
const LABEL_KINDS: readonly LabelKind[] = [...KINDS, "any", "cuboid"];

export interface SkeletonPoint {
  readonly name: string;
  readonly x: number;
  readonly y: number;
}

/** A label's named points, the edges drawn between them, and their default positions. */
export interface SkeletonTemplate {
  readonly points: readonly SkeletonPoint[];
  readonly edges: readonly (readonly [number, number])[];
}

export interface Label {
  readonly id: LabelId;
  readonly name: string;
  readonly color: string;
  readonly kind: LabelKind;
  readonly skeleton: SkeletonTemplate | null;
  readonly attributes: readonly AttributeSpec[];
  /** Values new objects of this label start with: each attribute's effective default (see `effectiveDefault`). */
  readonly attributeDefaults: Readonly<Record<string, AttributeValue>>;
  /** Attributes that may change from keyframe to keyframe on a track (the spec's `mutable`); the others are the track's. */
  readonly mutableAttributes: ReadonlySet<string>;
}

/**
 * A label as the server's `LabelPublic` gives it; `setLabels` validates it into a `Label`. The
 * generated client types `attributes` and `skeleton` loosely (`{[key: string]: unknown}`), so
 * those are accepted as they come and checked here.
 */
export interface LabelInput {
  readonly id: number;
  readonly name: string;
  readonly color: string;
  readonly kind: string;
  readonly skeleton?: unknown;
  readonly attributes?: readonly (AttributeSpecInput | Readonly<Record<string, unknown>>)[];
  readonly project_id?: number;
  readonly position?: number;
}

export function labelAllowsKind(label: Label, kind: Kind): boolean {
  return label.kind === "any" || label.kind === kind;
}

/** Validates labels; throws one CanvasError listing every problem (`labels[2].skeleton.edges[0]: ...`). */
export function parseLabels(input: readonly LabelInput[]): Label[] {
  const issues: Issue[] = [];
  const out: Label[] = [];
  const seen = new Set<number>();
  input.forEach((raw, i) => {
    const loc: Loc = ["labels", i];
    const rec = readRecord(raw, loc, issues);
    if (rec === null) return;
    const id = readNumber(rec, "id", loc, issues, { integer: true });
    const name = readString(rec, "name", loc, issues);
    const color = readString(rec, "color", loc, issues);
    const kind = readOneOf(rec, "kind", LABEL_KINDS, loc, issues);
    const skeleton = rec.skeleton === undefined || rec.skeleton === null ? null : parseSkeleton(rec.skeleton, [...loc, "skeleton"], issues);
    if (id !== null && seen.has(id)) issues.push({ loc: [...loc, "id"], msg: `duplicate label id ${id}`, type: "invalid" });
    if (id !== null) seen.add(id);
    if (kind === "skeleton" && rec.skeleton == null) issues.push({ loc: [...loc, "skeleton"], msg: "a skeleton label needs a template", type: "missing" });
    const attributes = parseAttributeSpecs(rec.attributes, [...loc, "attributes"], issues);
    const attributeDefaults: Record<string, AttributeValue> = {};
    for (const spec of attributes) attributeDefaults[spec.name] = effectiveDefault(spec);
    const mutableAttributes = new Set(attributes.filter((a) => a.mutable).map((a) => a.name));
    if (id !== null && name !== null && color !== null && kind !== null) out.push({ id, name, color, kind, skeleton, attributes, attributeDefaults, mutableAttributes });
  });
  if (issues.length > 0) throw new CanvasError(issues);
  return out;
}

/** `{points: [{name, x, y}, ...], edges: [[i, j], ...]}` with edge indices inside the point list. */
export function parseSkeleton(v: unknown, loc: Loc, issues: Issue[]): SkeletonTemplate | null {
  const rec = readRecord(v, loc, issues);
  if (rec === null) return null;
  const before = issues.length;
  const points: SkeletonPoint[] = [];
  const rawPoints = rec.points;
  if (!Array.isArray(rawPoints) || rawPoints.length === 0) {
    issues.push({ loc: [...loc, "points"], msg: `expected a non-empty list of points, got ${describe(rawPoints)}`, type: "invalid" });
  } else {
    rawPoints.forEach((p, i) => {
      const at = [...loc, "points", i];
      const pr = readRecord(p, at, issues);
      if (pr === null) return;
      const name = readString(pr, "name", at, issues);
      const x = readNumber(pr, "x", at, issues);
      const y = readNumber(pr, "y", at, issues);
      if (name !== null && x !== null && y !== null) points.push({ name, x, y });
    });
  }
  const edges: [number, number][] = [];
  const rawEdges = rec.edges ?? [];
  if (!Array.isArray(rawEdges)) {
    issues.push({ loc: [...loc, "edges"], msg: `expected a list of [i, j] pairs, got ${describe(rawEdges)}`, type: "invalid" });
  } else {
    rawEdges.forEach((e, i) => {
      const pair = readNumbers(e, [...loc, "edges", i], issues, { integer: true, min: 0, length: 2 });
      if (pair === null) return;
      const [a, b] = pair as [number, number];
      if (a >= points.length || b >= points.length) {
        issues.push({ loc: [...loc, "edges", i], msg: `edge [${a}, ${b}] names a point beyond the ${points.length} points`, type: "invalid" });
      } else edges.push([a, b]);
    });
  }
  return issues.length > before ? null : { points, edges };
}
