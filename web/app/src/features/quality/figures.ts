/** The rows of the quality tables and of their CSV files: the same figures, in the same column order. */
import type { Cell } from "./csv";
import type { LabelQuality, QualityMetrics } from "./api";

/** The figures of one row, after its name column(s); the CSV header uses these names as they are. */
export const METRIC_COLUMNS = [
  "reference",
  "annotated",
  "matched",
  "wrong_label",
  "missing",
  "extra",
  "precision",
  "recall",
  "f1",
  "mean_iou",
] as const;
export type MetricColumn = (typeof METRIC_COLUMNS)[number];

/** Columns holding a rate (0..1 or null), shown as percentages (mean IoU as a similarity). */
export const RATE_COLUMNS: ReadonlySet<MetricColumn> = new Set(["precision", "recall", "f1", "mean_iou"]);

export function metricCells(metrics: QualityMetrics): Cell[] {
  return METRIC_COLUMNS.map((column) => metrics[column]);
}

/** A name for a label the report has no name for (deleted since, or another project's). */
export function labelName(names: ReadonlyMap<number, string>, labelId: number): string {
  return names.get(labelId) ?? `#${labelId}`;
}

/** Label id → name, for the labels a report names. */
export function labelNames(labels: readonly Pick<LabelQuality, "label_id" | "name">[]): Map<number, string> {
  return new Map(labels.flatMap((l) => (l.name === null ? [] : [[l.label_id, l.name] as const])));
}
