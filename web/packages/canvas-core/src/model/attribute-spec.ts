/**
 * A label's attribute specs as the server gives them (`LabelPublic.attributes`: `{name, kind,
 * values, default, mutable, required, min, max, step}`), checked by the server's rules
 * (`annota.domain.attributes`) so that a spec the server would refuse is refused here too, and
 * the value an object starts with.
 */
import type { Issue, Loc } from "../errors";
import type { AttributeValue } from "./object";
import { describe, readOneOf, readRecord, readString, type Json } from "./read";

/** The kinds of attribute a label may have (the server's `AttributeKindName`). */
export type AttributeKind = "select" | "radio" | "checkbox" | "number" | "text";
export const ATTRIBUTE_KINDS: readonly AttributeKind[] = ["select", "radio", "checkbox", "number", "text"];

/** One attribute of a label, checked as the server checks it (`annota.domain.attributes.AttributeSpec`). */
export interface AttributeSpec {
  readonly name: string;
  readonly kind: AttributeKind;
  /** The choices of a select or radio attribute. */
  readonly values: readonly string[];
  readonly default: AttributeValue | null;
  /** May change from keyframe to keyframe on a track; the others are the track's own. */
  readonly mutable: boolean;
  readonly required: boolean;
  /** Number attributes: bounds (both required) and an optional step from `min`. */
  readonly min: number | null;
  readonly max: number | null;
  readonly step: number | null;
}

/** An attribute spec as the server gives it in `LabelPublic.attributes`. */
export interface AttributeSpecInput {
  readonly name: string;
  readonly kind: AttributeKind;
  readonly values?: readonly string[];
  readonly default?: AttributeValue | null;
  readonly mutable?: boolean;
  readonly required?: boolean;
  readonly min?: number | null;
  readonly max?: number | null;
  readonly step?: number | null;
}

/** The value an object gets for an attribute it does not set, as the server computes it (`effective_default`). */
export function effectiveDefault(spec: AttributeSpec): AttributeValue {
  if (spec.default !== null) return spec.default;
  switch (spec.kind) {
    case "select":
    case "radio":
      return spec.values[0] as string;
    case "checkbox":
      return false;
    case "number":
      return spec.min as number;
    case "text":
      return "";
  }
}

/** Reads a label's `attributes`; records located issues (`labels[1].attributes[0].default`) and skips bad specs. */
export function parseAttributeSpecs(v: unknown, loc: Loc, issues: Issue[]): AttributeSpec[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    issues.push({ loc, msg: `expected a list of attribute specs, got ${describe(v)}`, type: "invalid" });
    return [];
  }
  const out: AttributeSpec[] = [];
  const names = new Set<string>();
  v.forEach((raw: unknown, i) => {
    const at = [...loc, i];
    const rec = readRecord(raw, at, issues);
    if (rec === null) return;
    // Duplicates are checked on the raw name, so an invalid first spec still counts.
    const name = rec.name;
    const duplicate = typeof name === "string" && names.has(name);
    if (duplicate) issues.push({ loc: [...at, "name"], msg: `duplicate attribute ${name}`, type: "invalid" });
    if (typeof name === "string") names.add(name);
    const spec = parseSpec(rec, at, issues);
    if (spec !== null && !duplicate) out.push(spec);
  });
  return out;
}

function parseSpec(rec: Json, loc: Loc, issues: Issue[]): AttributeSpec | null {
  const before = issues.length;
  const name = readString(rec, "name", loc, issues);
  if (name === "") issues.push({ loc: [...loc, "name"], msg: "expected a non-empty name", type: "invalid" });
  const kind = readOneOf(rec, "kind", ATTRIBUTE_KINDS, loc, issues);
  const values = readValues(rec.values, [...loc, "values"], issues);
  const mutable = readFlag(rec, "mutable", loc, issues);
  const required = readFlag(rec, "required", loc, issues);
  const [min, max, step] = (["min", "max", "step"] as const).map((key) => readBound(rec, key, loc, issues));
  const d = rec.default;
  if (d !== undefined && d !== null && typeof d !== "string" && typeof d !== "boolean" && !(typeof d === "number" && Number.isFinite(d))) {
    issues.push({ loc: [...loc, "default"], msg: `expected a string, number or boolean, got ${describe(d)}`, type: "invalid" });
  }
  if (issues.length > before || name === null || kind === null || values === null) return null;
  const spec: AttributeSpec = { name, kind, values, default: (d ?? null) as AttributeValue | null, mutable, required, min: min ?? null, max: max ?? null, step: step ?? null };
  for (const issue of specIssues(spec)) issues.push({ ...issue, loc: [...loc, ...issue.loc] });
  return issues.length > before ? null : spec;
}

function readValues(v: unknown, loc: Loc, issues: Issue[]): string[] | null {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    issues.push({ loc, msg: `expected a list of strings, got ${describe(v)}`, type: "invalid" });
    return null;
  }
  const before = issues.length;
  v.forEach((item: unknown, i) => {
    if (typeof item !== "string") issues.push({ loc: [...loc, i], msg: `expected a string, got ${describe(item)}`, type: "invalid" });
  });
  return issues.length > before ? null : (v as string[]).slice();
}

function readFlag(rec: Json, key: string, loc: Loc, issues: Issue[]): boolean {
  const v = rec[key];
  if (v === undefined || v === null) return false;
  if (typeof v === "boolean") return v;
  issues.push({ loc: [...loc, key], msg: `expected true or false, got ${describe(v)}`, type: "invalid" });
  return false;
}

function readBound(rec: Json, key: string, loc: Loc, issues: Issue[]): number | null {
  const v = rec[key];
  if (v === undefined || v === null) return null;
  if (typeof v === "number" && Number.isFinite(v)) return v;
  issues.push({ loc: [...loc, key], msg: `expected a finite number, got ${describe(v)}`, type: "invalid" });
  return null;
}

/** The server's rules for a spec of a known kind (`_spec_problems`), located inside the spec. */
function specIssues(spec: AttributeSpec): Issue[] {
  const out: Issue[] = [];
  const choice = spec.kind === "select" || spec.kind === "radio";
  if (choice && spec.values.length === 0) out.push({ loc: ["values"], msg: `a ${spec.kind} attribute needs values`, type: "invalid" });
  if (!choice && spec.values.length > 0) out.push({ loc: ["values"], msg: `a ${spec.kind} attribute has no values`, type: "invalid" });
  if (spec.kind === "number") {
    if (spec.min === null) out.push({ loc: ["min"], msg: "a number attribute needs min and max", type: "missing" });
    if (spec.max === null) out.push({ loc: ["max"], msg: "a number attribute needs min and max", type: "missing" });
    if (spec.min !== null && spec.max !== null && spec.min > spec.max) out.push({ loc: ["max"], msg: `max ${spec.max} is below min ${spec.min}`, type: "invalid" });
    if (spec.step !== null && !(spec.step > 0)) out.push({ loc: ["step"], msg: `step must be a positive number, got ${spec.step}`, type: "invalid" });
  } else {
    for (const key of ["min", "max", "step"] as const) if (spec[key] !== null) out.push({ loc: [key], msg: `only number attributes have ${key}`, type: "invalid" });
  }
  if (out.length === 0 && spec.default !== null && !acceptsValue(spec, spec.default)) {
    out.push({ loc: ["default"], msg: `attribute ${spec.name} does not accept ${describe(spec.default)}`, type: "invalid" });
  }
  return out;
}

/** Whether `value` is a valid value of the attribute (the server's `validate_value`). */
export function acceptsValue(spec: AttributeSpec, value: AttributeValue): boolean {
  switch (spec.kind) {
    case "select":
    case "radio":
      return typeof value === "string" && spec.values.includes(value);
    case "checkbox":
      return typeof value === "boolean";
    case "text":
      return typeof value === "string";
    case "number": {
      if (typeof value !== "number" || spec.min === null || spec.max === null || value < spec.min || value > spec.max) return false;
      if (spec.step === null) return true;
      const k = (value - spec.min) / spec.step;
      return Math.abs(k - Math.round(k)) <= 1e-9 * Math.max(1, Math.abs(k));
    }
  }
}
