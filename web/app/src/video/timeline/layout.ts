/**
 * A timeline's geometry: the job's frames across a width in CSS pixels, and what a track's row shows
 * (where the object is present, where it is outside, its keyframes) in frame spans.
 */
import type { TrackTimeline } from "@annota/canvas-core";

export interface TimelineScale {
  readonly first: number;
  readonly last: number;
  /** CSS pixels the frames span. */
  readonly width: number;
}

/** Frames `start` … `stop`, both included. */
export interface Span {
  readonly start: number;
  readonly stop: number;
}

function count(scale: TimelineScale): number {
  return Math.max(1, scale.last - scale.first + 1);
}

/** The left edge of a frame's cell. */
export function frameLeft(scale: TimelineScale, frame: number): number {
  return ((frame - scale.first) * scale.width) / count(scale);
}

/** The middle of a frame's cell (where its keyframe mark goes). */
export function frameX(scale: TimelineScale, frame: number): number {
  return ((frame - scale.first + 0.5) * scale.width) / count(scale);
}

/** The frame under x (clamped to the job). */
export function frameAt(scale: TimelineScale, x: number): number {
  const f = scale.first + Math.floor((x / Math.max(1, scale.width)) * count(scale));
  return Math.min(Math.max(f, scale.first), scale.last);
}

export interface RowSpans {
  /** Where the object is shown: from its first keyframe on, outside spans excepted. */
  readonly present: readonly Span[];
  readonly outside: readonly Span[];
}

/** A track's presence along the job's frames (frames before its first keyframe show nothing). */
export function rowSpans(timeline: TrackTimeline, last: number): RowSpans {
  const outside = timeline.outside.map((s) => ({ start: s.start, stop: s.stop ?? last })).filter((s) => s.start <= last);
  const present: Span[] = [];
  let from = timeline.keyframes[0];
  if (from === undefined) return { present, outside };
  for (const o of outside) {
    if (o.start > from) present.push({ start: from, stop: o.start - 1 });
    from = Math.max(from, o.stop + 1);
  }
  if (from <= last) present.push({ start: from, stop: last });
  return { present, outside };
}

/**
 * The same, within frames `first` … `last` only: outside spans are found by binary search, so the work
 * grows with the spans in the window, not with the track.
 */
export function rowSpansIn(timeline: TrackTimeline, first: number, last: number): RowSpans {
  const all = timeline.outside;
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const stop = all[mid]?.stop ?? Infinity;
    if (stop < first) lo = mid + 1;
    else hi = mid;
  }
  const outside: Span[] = [];
  for (let i = lo; i < all.length; i++) {
    const s = all[i] as (typeof all)[number];
    if (s.start > last) break;
    outside.push({ start: Math.max(s.start, first), stop: Math.min(s.stop ?? last, last) });
  }
  const present: Span[] = [];
  const start = timeline.keyframes[0];
  if (start === undefined || start > last) return { present, outside };
  let from = Math.max(start, first);
  for (const o of outside) {
    if (o.start > from) present.push({ start: from, stop: o.start - 1 });
    from = Math.max(from, o.stop + 1);
  }
  if (from <= last) present.push({ start: from, stop: last });
  return { present, outside };
}

/** `30-39,50-` style text of outside spans (open end: to the end of the job), for tests and tooltips. */
export function spansText(timeline: TrackTimeline): string {
  return timeline.outside.map((s) => `${s.start}-${s.stop ?? ""}`).join(",");
}

/** Frame numbers worth labelling on a ruler of this width: a round step leaving at least `gap` px between labels. */
export function rulerTicks(scale: TimelineScale, gap = 60): number[] {
  const perPixel = count(scale) / Math.max(1, scale.width);
  const raw = Math.max(1, perPixel * gap);
  let step = 1;
  for (let power = 1; ; power *= 10) {
    const fit = [1, 2, 5].find((s) => s * power >= raw);
    if (fit !== undefined) {
      step = fit * power;
      break;
    }
  }
  const out: number[] = [];
  for (let f = Math.ceil(scale.first / step) * step; f <= scale.last; f += step) out.push(f);
  return out;
}
