import { formatLoc } from "@annota/api-client";
import type { BackgroundJob } from "./transfer";

/** A located problem or warning, ready to show: `where` is e.g. `instances.json: annotations[7].bbox`. */
export interface Located {
  where: string;
  msg: string;
  type: string;
  /** How many times it was seen (a warning is located where it was first seen). */
  count: number;
}

export interface ImportedTask {
  id: number;
  name: string;
  subset: string;
  newMedia: number;
  matchedMedia: number;
}

export interface ImportSummary {
  format: string;
  /** How sure the detection was (0..1); null when the format was forced. */
  confidence: number | null;
  labelsCreated: string[];
  tasks: ImportedTask[];
  /** Annotations by kind (`rectangle`, `tag`, ...; `tracks` counts tracks). */
  counts: Record<string, number>;
  warnings: Located[];
}

export interface ExportSummary {
  format: string;
  items: number;
  fileName: string;
  sizeBytes: number;
  counts: Record<string, number>;
  /** Annotations left out by kind, because the format cannot hold them. */
  dropped: Record<string, number>;
  warnings: Located[];
}

type Loc = readonly (string | number)[];

/** A loc whose first part names a dataset file (`a.json`, `labels/x.txt`, or "" for the whole dataset). */
const looksLikeFile = (part: string | number | undefined): part is string =>
  typeof part === "string" && (part === "" || /[./]/.test(part));

/**
 * Where a job's problem is: a dataset problem's loc is `[file, line?, ...path]` (see the server's
 * FormatProblem.as_dict), written `file:line: path`; any other loc as the API writes locations.
 */
export function whereOf(loc: Loc): string {
  if (!looksLikeFile(loc[0])) return formatLoc(loc);
  const line = typeof loc[1] === "number" ? loc[1] : null;
  const file = line === null ? loc[0] : `${loc[0]}:${line}`;
  const path = formatLoc(loc.slice(line === null ? 1 : 2));
  return [file, path].filter((part) => part !== "").join(": ");
}

function located(value: unknown): Located | null {
  if (typeof value === "string") return { where: "", msg: value, type: "", count: 1 };
  if (typeof value !== "object" || value === null) return null;
  const item = value as Record<string, unknown>;
  if (typeof item.msg !== "string") return null;
  const loc = Array.isArray(item.loc) ? (item.loc.filter((p) => typeof p === "string" || typeof p === "number") as Loc) : [];
  const seen = typeof item.count === "number" && item.count > 1 ? item.count : 1;
  return { where: whereOf(loc), msg: item.msg, type: typeof item.type === "string" ? item.type : "", count: seen };
}

function locatedList(value: unknown): Located[] {
  return Array.isArray(value) ? value.map(located).filter((item): item is Located => item !== null) : [];
}

/** Every problem of a failed job, in the server's order. */
export function problemsOf(job: BackgroundJob): Located[] {
  return locatedList(job.errors ?? []);
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");
const count = (value: unknown): number => (typeof value === "number" && Number.isFinite(value) ? value : 0);

function counts(value: unknown): Record<string, number> {
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([kind, n]) => [kind, count(n)]));
}

function task(value: unknown): ImportedTask | null {
  if (typeof value !== "object" || value === null) return null;
  const t = value as Record<string, unknown>;
  if (typeof t.id !== "number") return null;
  return {
    id: t.id,
    name: text(t.name),
    subset: text(t.subset),
    newMedia: count(t.new_media),
    matchedMedia: count(t.matched_media),
  };
}

/** The summary of a succeeded import; null for any other job. */
export function importSummary(job: BackgroundJob): ImportSummary | null {
  const result = job.result;
  if (job.kind !== "import" || job.status !== "succeeded" || !result) return null;
  return {
    format: text(result.format),
    confidence: typeof result.confidence === "number" ? result.confidence : null,
    labelsCreated: Array.isArray(result.labels_created) ? result.labels_created.map(String) : [],
    tasks: Array.isArray(result.tasks) ? result.tasks.map(task).filter((t): t is ImportedTask => t !== null) : [],
    counts: counts(result.counts),
    warnings: locatedList(result.warnings),
  };
}

/** The summary of a succeeded export; null for any other job. */
export function exportSummary(job: BackgroundJob): ExportSummary | null {
  const result = job.result;
  if (job.kind !== "export" || job.status !== "succeeded" || !result) return null;
  return {
    format: text(result.format),
    items: count(result.items),
    fileName: text(result.file_name),
    sizeBytes: count(result.size_bytes),
    counts: counts(result.counts),
    dropped: counts(result.dropped),
    warnings: locatedList(result.warnings),
  };
}

/** Annotations in a count by kind: every kind but `tracks`, as the server's own job message counts them. */
export function objectCount(byKind: Record<string, number>): number {
  return Object.entries(byKind).reduce((sum, [kind, n]) => (kind === "tracks" ? sum : sum + n), 0);
}

/** Media an import added or matched, over all its tasks. */
export function mediaCount(summary: ImportSummary): number {
  return summary.tasks.reduce((sum, t) => sum + t.newMedia + t.matchedMedia, 0);
}
