/**
 * Reading untrusted JSON field by field. Each reader records a located issue and returns null
 * instead of throwing, so one pass over a document reports every problem at once.
 */
import type { Issue, Loc } from "../errors";

export type Json = Readonly<Record<string, unknown>>;

export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "string") return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  return typeof v === "object" ? "an object" : String(v);
}

export function readRecord(v: unknown, loc: Loc, issues: Issue[]): Json | null {
  if (typeof v === "object" && v !== null && !Array.isArray(v)) return v as Json;
  issues.push({ loc, msg: `expected an object, got ${describe(v)}`, type: "invalid" });
  return null;
}

export interface NumberRules {
  readonly integer?: boolean;
  readonly min?: number;
}

function checkNumber(v: unknown, loc: Loc, issues: Issue[], rules: NumberRules): number | null {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    issues.push({ loc, msg: `expected a finite number, got ${describe(v)}`, type: "invalid" });
    return null;
  }
  if (rules.integer === true && !Number.isInteger(v)) {
    issues.push({ loc, msg: `expected an integer, got ${v}`, type: "invalid" });
    return null;
  }
  if (rules.min !== undefined && v < rules.min) {
    issues.push({ loc, msg: `expected a number ≥ ${rules.min}, got ${v}`, type: "invalid" });
    return null;
  }
  return v;
}

export function readNumber(obj: Json, key: string, loc: Loc, issues: Issue[], rules: NumberRules = {}): number | null {
  if (!(key in obj)) {
    issues.push({ loc: [...loc, key], msg: "field required", type: "missing" });
    return null;
  }
  return checkNumber(obj[key], [...loc, key], issues, rules);
}

/** An optional number field; `fallback` when absent or null. */
export function readOptionalNumber<F extends number | null>(
  obj: Json,
  key: string,
  loc: Loc,
  issues: Issue[],
  fallback: F,
  rules: NumberRules = {},
): number | F {
  const v = obj[key];
  if (v === undefined || v === null) return fallback;
  return checkNumber(v, [...loc, key], issues, rules) ?? fallback;
}

export function readString(obj: Json, key: string, loc: Loc, issues: Issue[]): string | null {
  const v = obj[key];
  if (typeof v === "string") return v;
  issues.push({
    loc: [...loc, key],
    msg: v === undefined ? "field required" : `expected a string, got ${describe(v)}`,
    type: v === undefined ? "missing" : "invalid",
  });
  return null;
}

export function readOptionalBoolean(obj: Json, key: string, loc: Loc, issues: Issue[]): boolean {
  const v = obj[key];
  if (v === undefined || v === null) return false;
  if (typeof v === "boolean") return v;
  issues.push({ loc: [...loc, key], msg: `expected true or false, got ${describe(v)}`, type: "invalid" });
  return false;
}

export function readOneOf<T extends string>(
  obj: Json,
  key: string,
  allowed: readonly T[],
  loc: Loc,
  issues: Issue[],
  fallback?: T,
): T | null {
  const v = obj[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  issues.push({
    loc: [...loc, key],
    msg: `expected one of ${allowed.join(", ")}, got ${describe(v)}`,
    type: v === undefined ? "missing" : "invalid",
  });
  return null;
}

export interface NumberListRules extends NumberRules {
  /** Exact length. */
  readonly length?: number;
  /** Minimum number of (x, y) pairs; also requires an even length. */
  readonly minPairs?: number;
}

/** A list of finite numbers; one issue per bad element, located by index. */
export function readNumberList(obj: Json, key: string, loc: Loc, issues: Issue[], rules: NumberListRules = {}): number[] | null {
  return readNumbers(obj[key], [...loc, key], issues, rules);
}

/** Like `readNumberList` for a value already taken out of its object. */
export function readNumbers(v: unknown, at: Loc, issues: Issue[], rules: NumberListRules = {}): number[] | null {
  if (!Array.isArray(v)) {
    issues.push({
      loc: at,
      msg: v === undefined ? "field required" : `expected a list of numbers, got ${describe(v)}`,
      type: v === undefined ? "missing" : "invalid",
    });
    return null;
  }
  const before = issues.length;
  const out: number[] = [];
  v.forEach((item, i) => {
    const n = checkNumber(item, [...at, i], issues, rules);
    if (n !== null) out.push(n);
  });
  if (issues.length > before) return null;
  if (rules.length !== undefined && out.length !== rules.length) {
    issues.push({ loc: at, msg: `expected ${rules.length} numbers, got ${out.length}`, type: "invalid" });
    return null;
  }
  if (rules.minPairs !== undefined) {
    if (out.length % 2 !== 0) {
      issues.push({ loc: at, msg: `expected (x, y) pairs, got an odd count of ${out.length} numbers`, type: "invalid" });
      return null;
    }
    if (out.length / 2 < rules.minPairs) {
      issues.push({ loc: at, msg: `expected at least ${rules.minPairs} points, got ${out.length / 2}`, type: "too_few_points" });
      return null;
    }
  }
  return out;
}
