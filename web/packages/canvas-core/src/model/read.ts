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

const NO_RULES: NumberRules = {};

/** What is wrong with `v` as a number under `rules`, or null. Allocates nothing for a good value. */
function numberProblem(v: unknown, rules: NumberRules): string | null {
  if (typeof v !== "number" || !Number.isFinite(v)) return `expected a finite number, got ${describe(v)}`;
  if (rules.integer === true && !Number.isInteger(v)) return `expected an integer, got ${v}`;
  if (rules.min !== undefined && v < rules.min) return `expected a number ≥ ${rules.min}, got ${v}`;
  return null;
}

/** `loc` extended by `key`; built only when an issue is reported, so that reading a good document allocates no paths. */
function at(loc: Loc, key: string | number | null): Loc {
  return key === null ? loc : [...loc, key];
}

function checkNumber(v: unknown, loc: Loc, key: string, issues: Issue[], rules: NumberRules): number | null {
  const problem = numberProblem(v, rules);
  if (problem === null) return v as number;
  issues.push({ loc: at(loc, key), msg: problem, type: "invalid" });
  return null;
}

export function readNumber(obj: Json, key: string, loc: Loc, issues: Issue[], rules: NumberRules = NO_RULES): number | null {
  if (!(key in obj)) {
    issues.push({ loc: at(loc, key), msg: "field required", type: "missing" });
    return null;
  }
  return checkNumber(obj[key], loc, key, issues, rules);
}

/** An optional number field; `fallback` when absent or null. */
export function readOptionalNumber<F extends number | null>(
  obj: Json,
  key: string,
  loc: Loc,
  issues: Issue[],
  fallback: F,
  rules: NumberRules = NO_RULES,
): number | F {
  const v = obj[key];
  if (v === undefined || v === null) return fallback;
  return checkNumber(v, loc, key, issues, rules) ?? fallback;
}

export function readString(obj: Json, key: string, loc: Loc, issues: Issue[]): string | null {
  const v = obj[key];
  if (typeof v === "string") return v;
  issues.push({
    loc: at(loc, key),
    msg: v === undefined ? "field required" : `expected a string, got ${describe(v)}`,
    type: v === undefined ? "missing" : "invalid",
  });
  return null;
}

export function readOptionalBoolean(obj: Json, key: string, loc: Loc, issues: Issue[]): boolean {
  const v = obj[key];
  if (v === undefined || v === null) return false;
  if (typeof v === "boolean") return v;
  issues.push({ loc: at(loc, key), msg: `expected true or false, got ${describe(v)}`, type: "invalid" });
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
    loc: at(loc, key),
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
export function readNumberList(obj: Json, key: string, loc: Loc, issues: Issue[], rules: NumberListRules = NO_RULES): number[] | null {
  return readList(obj[key], loc, key, issues, rules);
}

/** Like `readNumberList` for a value already taken out of its object. */
export function readNumbers(v: unknown, loc: Loc, issues: Issue[], rules: NumberListRules = NO_RULES): number[] | null {
  return readList(v, loc, null, issues, rules);
}

/** The list at `loc` (extended by `key`): checked element by element, copied only when every element is good. */
function readList(v: unknown, loc: Loc, key: string | null, issues: Issue[], rules: NumberListRules): number[] | null {
  if (!Array.isArray(v)) {
    issues.push({
      loc: at(loc, key),
      msg: v === undefined ? "field required" : `expected a list of numbers, got ${describe(v)}`,
      type: v === undefined ? "missing" : "invalid",
    });
    return null;
  }
  let bad = false;
  for (let i = 0; i < v.length; i++) {
    const problem = numberProblem(v[i], rules);
    if (problem === null) continue;
    issues.push({ loc: [...at(loc, key), i], msg: problem, type: "invalid" });
    bad = true;
  }
  if (bad) return null;
  const n = v.length;
  if (rules.length !== undefined && n !== rules.length) {
    issues.push({ loc: at(loc, key), msg: `expected ${rules.length} numbers, got ${n}`, type: "invalid" });
    return null;
  }
  if (rules.minPairs !== undefined) {
    if (n % 2 !== 0) {
      issues.push({ loc: at(loc, key), msg: `expected (x, y) pairs, got an odd count of ${n} numbers`, type: "invalid" });
      return null;
    }
    if (n / 2 < rules.minPairs) {
      issues.push({ loc: at(loc, key), msg: `expected at least ${rules.minPairs} points, got ${n / 2}`, type: "too_few_points" });
      return null;
    }
  }
  return (v as number[]).slice();
}
