/** How quality figures read: rates as percentages, missing rates as a dash, and the order things are listed in. */
import type { QualityMetrics } from "./api";

/** The four headline figures of a report, in the order the dashboard shows them. */
export const HEADLINE_RATES = ["precision", "recall", "f1", "mean_iou"] as const;
export type HeadlineRate = (typeof HEADLINE_RATES)[number];

/** Conflict types as docs/quality.md lists them: errors first, then warnings. */
export const CONFLICT_TYPES = [
  "missing_object",
  "extra_object",
  "wrong_label",
  "low_overlap",
  "wrong_attribute",
  "mismatched_group",
  "reversed_direction",
] as const;
export type ConflictType = (typeof CONFLICT_TYPES)[number];

export function isConflictType(value: string): value is ConflictType {
  return (CONFLICT_TYPES as readonly string[]).includes(value);
}

/** Shown where a rate has nothing to measure (the server sends null, never a made-up 0 or 1). */
export const NO_RATE = "—";

/** `0.8234` → `"82.3 %"` (`"82,3 %"` in French); null → a dash. */
export function formatRate(locale: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_RATE;
  return new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/** A similarity (IoU, OKS) with two decimals: `0.8181` → `"0.82"`; null → a dash. */
export function formatSimilarity(locale: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_RATE;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

export interface ConflictCount {
  type: string;
  count: number;
}

/** A report's conflicts by type, every documented type listed (0 included) in the documented order, then any
 * type this page does not know yet (a newer server), so no count is ever hidden. */
export function conflictCounts(metrics: Pick<QualityMetrics, "conflicts">): ConflictCount[] {
  const known = CONFLICT_TYPES.map((type) => ({ type, count: metrics.conflicts[type] ?? 0 }));
  const others = Object.entries(metrics.conflicts)
    .filter(([type]) => !isConflictType(type))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, count]) => ({ type, count }));
  return [...known, ...others];
}
