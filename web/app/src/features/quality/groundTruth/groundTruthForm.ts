/** The ground-truth form as data: which frames to mark (a list, a number or a share drawn at random), read
 * into the request the server takes, with the problem of the field when the text does not say it. */
import type { GroundTruthCreate } from "../controlApi";

export type SampleMode = "frames" | "count" | "fraction";
export const SAMPLE_MODES: readonly SampleMode[] = ["frames", "count", "fraction"];

export interface GroundTruthDraft {
  mode: SampleMode;
  /** `0, 4, 10-12`: frames and ranges of frames. */
  frames: string;
  count: string;
  /** A percentage: `10` is a tenth of the frames. */
  percent: string;
  /** Sample inside each annotation job: honeypots mixed into everyone's work. */
  perJob: boolean;
}

export const EMPTY_DRAFT: GroundTruthDraft = { mode: "fraction", frames: "", count: "10", percent: "10", perJob: false };

export type GroundTruthProblem = "frames" | "count" | "percent";

/** `"0, 4, 10-12"` → `[0, 4, 10, 11, 12]` (sorted, once each); null when a part is not a frame or a range. */
export function parseFrames(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== "");
  if (parts.length === 0) return null;
  const frames = new Set<number>();
  for (const part of parts) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!range) return null;
    const first = Number(range[1]);
    const last = range[2] === undefined ? first : Number(range[2]);
    if (last < first || last - first > 100_000) return null;
    for (let f = first; f <= last; f += 1) frames.add(f);
  }
  return [...frames].sort((a, b) => a - b);
}

export function readGroundTruth(draft: GroundTruthDraft): { ok: true; body: GroundTruthCreate } | { ok: false; problem: GroundTruthProblem } {
  const per_job = draft.perJob;
  if (draft.mode === "frames") {
    const frames = parseFrames(draft.frames);
    return frames === null ? { ok: false, problem: "frames" } : { ok: true, body: { frames, per_job: false } };
  }
  if (draft.mode === "count") {
    const count = Number(draft.count);
    return Number.isInteger(count) && count >= 1 ? { ok: true, body: { count, per_job } } : { ok: false, problem: "count" };
  }
  const percent = Number(draft.percent);
  return draft.percent.trim() !== "" && percent > 0 && percent <= 100
    ? { ok: true, body: { fraction: percent / 100, per_job } }
    : { ok: false, problem: "percent" };
}
