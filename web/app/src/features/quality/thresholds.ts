/** The report thresholds a page was asked for, kept in its URL (`?iou=0.7&low=0.9`) so a view can be shared.
 * Without them the server applies the project's quality settings; the page shows what it applied. */
import type { ReportThresholds } from "./api";

/** docs/quality.md's defaults: shown until the server says which thresholds it applied. */
export const DEFAULT_THRESHOLDS: ReportThresholds = { iou_threshold: 0.5, low_overlap_threshold: 0.8 };

const PARAMS = { iou_threshold: "iou", low_overlap_threshold: "low" } as const;
const KEYS = Object.keys(PARAMS) as (keyof ReportThresholds)[];

/** The thresholds named in `params`; a missing or non-numeric one is left out (the server's choice).
 * Out-of-range values are kept: the server refuses them with the field named, and the page shows that. */
export function readThresholds(params: URLSearchParams): Partial<ReportThresholds> {
  const out: Partial<ReportThresholds> = {};
  for (const key of KEYS) {
    const text = params.get(PARAMS[key]);
    const value = text === null || text.trim() === "" ? NaN : Number(text);
    if (Number.isFinite(value)) out[key] = value;
  }
  return out;
}

/** `params` with `thresholds` written in, other parameters kept. */
export function writeThresholds(params: URLSearchParams, thresholds: ReportThresholds): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of KEYS) next.set(PARAMS[key], String(thresholds[key]));
  return next;
}

/** What the form shows: the thresholds the server applied, else those asked for, else the defaults. */
export function shownThresholds(asked: Partial<ReportThresholds>, applied: ReportThresholds | undefined): ReportThresholds {
  return applied ? { iou_threshold: applied.iou_threshold, low_overlap_threshold: applied.low_overlap_threshold } : { ...DEFAULT_THRESHOLDS, ...asked };
}
