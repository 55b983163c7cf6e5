/** Reading the server's JSON answers field by field: every problem located (`video.chunk_size`), all at once. */
import { WorkspaceError, type WorkspaceIssue } from "../../workspace/errors";

type Loc = readonly (string | number)[];

export class Reader {
  private readonly issues: WorkspaceIssue[] = [];
  private readonly record: Readonly<Record<string, unknown>>;

  constructor(
    raw: unknown,
    private readonly loc: Loc,
  ) {
    const ok = typeof raw === "object" && raw !== null && !Array.isArray(raw);
    if (!ok) this.issues.push({ loc, msg: "expected a JSON object", type: "invalid_answer" });
    this.record = ok ? (raw as Record<string, unknown>) : {};
  }

  private bad(key: string, expected: string): void {
    this.issues.push({ loc: [...this.loc, key], msg: `expected ${expected}, got ${JSON.stringify(this.record[key]) ?? "nothing"}`, type: "invalid_answer" });
  }

  int(key: string, min = 0): number {
    const v = this.record[key];
    if (typeof v === "number" && Number.isInteger(v) && v >= min) return v;
    this.bad(key, `a whole number ≥ ${min}`);
    return min;
  }

  intOrNull(key: string, min = 0): number | null {
    const v = this.record[key];
    return v === null || v === undefined ? null : this.int(key, min);
  }

  /** A list of anything (its items are checked by whoever takes them). */
  list(key: string): readonly unknown[] {
    const v = this.record[key];
    if (Array.isArray(v)) return v;
    this.bad(key, "a list");
    return [];
  }

  positiveOrNull(key: string): number | null {
    const v = this.record[key];
    if (v === null || v === undefined) return null;
    if (typeof v === "number" && Number.isFinite(v) && v > 0) return v;
    this.bad(key, "a positive number or null");
    return null;
  }

  fraction(key: string): number {
    const v = this.record[key];
    if (typeof v === "number" && v >= 0 && v <= 1) return v;
    this.bad(key, "a number from 0 to 1");
    return 0;
  }

  string(key: string): string {
    const v = this.record[key];
    if (typeof v === "string") return v;
    this.bad(key, "a string");
    return "";
  }

  stringOrNull(key: string): string | null {
    const v = this.record[key];
    if (v === null || v === undefined) return null;
    return this.string(key);
  }

  bool(key: string): boolean {
    const v = this.record[key];
    if (typeof v === "boolean") return v;
    this.bad(key, "true or false");
    return false;
  }

  oneOf<T extends string>(key: string, choices: readonly T[]): T {
    const v = this.record[key];
    if (typeof v === "string" && (choices as readonly string[]).includes(v)) return v as T;
    this.bad(key, `one of ${choices.join(", ")}`);
    return choices[0] as T;
  }

  object(key: string): Readonly<Record<string, unknown>> | null {
    const v = this.record[key];
    if (v === null || v === undefined) return null;
    if (typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
    this.bad(key, "an object or null");
    return null;
  }

  /** Throws one WorkspaceError naming every problem found, or returns `value`. */
  done<T>(value: T): T {
    if (this.issues.length > 0) throw new WorkspaceError(this.issues);
    return value;
  }
}
