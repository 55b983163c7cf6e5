/**
 * A label's attribute specs as the server stores them (`{name, kind, values, default, mutable, required,
 * min, max, step}`), read into typed specs, with the value a new object starts with and the check of
 * required values the panels flag.
 */
import type { AttributeValue } from "@annota/canvas-core";
import { WorkspaceError, type WorkspaceIssue } from "./errors";

export const ATTRIBUTE_KINDS = ["select", "radio", "checkbox", "number", "text"] as const;
export type AttributeKind = (typeof ATTRIBUTE_KINDS)[number];

export interface AttributeSpec {
  readonly name: string;
  readonly kind: AttributeKind;
  readonly values: readonly string[];
  readonly default: AttributeValue | null;
  readonly mutable: boolean;
  readonly required: boolean;
  readonly min: number | null;
  readonly max: number | null;
  readonly step: number | null;
}

type Loc = readonly (string | number)[];

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** Reads one label's `attributes`; throws a WorkspaceError listing every malformed spec. */
export function parseAttributeSpecs(raw: readonly unknown[], loc: Loc): AttributeSpec[] {
  const issues: WorkspaceIssue[] = [];
  const out: AttributeSpec[] = [];
  raw.forEach((item, i) => {
    const at = [...loc, i];
    if (typeof item !== "object" || item === null) {
      issues.push({ loc: at, msg: "expected an attribute spec object", type: "invalid" });
      return;
    }
    const r = item as Record<string, unknown>;
    const kind = ATTRIBUTE_KINDS.find((k) => k === r.kind);
    if (typeof r.name !== "string" || r.name === "") issues.push({ loc: [...at, "name"], msg: "expected a non-empty name", type: "invalid" });
    if (kind === undefined) issues.push({ loc: [...at, "kind"], msg: `expected one of ${ATTRIBUTE_KINDS.join(", ")}, got ${String(r.kind)}`, type: "invalid" });
    if (typeof r.name !== "string" || r.name === "" || kind === undefined) return;
    const values = Array.isArray(r.values) ? r.values.filter((v): v is string => typeof v === "string") : [];
    const d = r.default;
    out.push({
      name: r.name,
      kind,
      values,
      default: typeof d === "string" || typeof d === "boolean" || num(d) !== null ? (d as AttributeValue) : null,
      mutable: r.mutable === true,
      required: r.required === true,
      min: num(r.min),
      max: num(r.max),
      step: num(r.step),
    });
  });
  if (issues.length > 0) throw new WorkspaceError(issues);
  return out;
}

/**
 * The value a new object gets: the explicit default, else the kind's first value (the server refuses an
 * object without a required attribute, so every attribute starts with a value). A required text starts
 * empty, and the panels flag it until it is filled in.
 */
export function initialValue(spec: AttributeSpec): AttributeValue | null {
  if (spec.default !== null) return spec.default;
  switch (spec.kind) {
    case "select":
    case "radio":
      return spec.values[0] ?? null;
    case "checkbox":
      return false;
    case "number":
      return spec.min ?? 0;
    case "text":
      return "";
  }
}

/** Whether `value` is acceptable for `spec`, as the server checks it. */
export function isValidValue(spec: AttributeSpec, value: AttributeValue | undefined): boolean {
  if (value === undefined) return false;
  switch (spec.kind) {
    case "select":
    case "radio":
      return typeof value === "string" && spec.values.includes(value);
    case "checkbox":
      return typeof value === "boolean";
    case "text":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && (spec.min === null || value >= spec.min) && (spec.max === null || value <= spec.max);
  }
}

/** Names of the required attributes an object has no (valid, non-empty) value for. */
export function missingRequired(specs: readonly AttributeSpec[], values: Readonly<Record<string, AttributeValue>>): string[] {
  return specs
    .filter((s) => s.required)
    .filter((s) => {
      const v = values[s.name];
      return !isValidValue(s, v) || (s.kind === "text" && v === "");
    })
    .map((s) => s.name);
}
