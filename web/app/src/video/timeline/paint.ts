/**
 * Drawing a track's row of the timeline into a 2D context: the present spans in the label's colour,
 * outside spans hatched, keyframes as diamonds (hollow for those a tracker wrote). Rows are drawn on
 * their own canvas and only when their track changes; the playhead is a DOM line over all rows.
 *
 * Only the scale's frames are drawn, and the work is bounded by what is visible: keyframes are found by
 * binary search, at most one mark per pixel column, so a 40,000-keyframe track costs what its window
 * and width cost.
 */
import type { TrackTimeline } from "@annota/canvas-core";
import { frameLeft, frameX, rowSpansIn, type TimelineScale } from "./layout";
import { lowerBound } from "./window";

/** What the painting uses of a CanvasRenderingContext2D. */
export type Paint = Pick<CanvasRenderingContext2D, "clearRect" | "fillRect" | "beginPath" | "moveTo" | "lineTo" | "closePath" | "fill" | "stroke"> & {
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  globalAlpha: number;
};

export interface RowStyle {
  readonly color: string;
  readonly outside: string;
  readonly height: number;
}

const DIAMOND = 4;

function spanRect(p: Paint, scale: TimelineScale, start: number, stop: number, y: number, h: number): void {
  const x = frameLeft(scale, start);
  p.fillRect(x, y, Math.max(1, frameLeft(scale, stop + 1) - x), h);
}

function diamond(p: Paint, x: number, y: number, hollow: boolean): void {
  p.beginPath();
  p.moveTo(x, y - DIAMOND);
  p.lineTo(x + DIAMOND, y);
  p.lineTo(x, y + DIAMOND);
  p.lineTo(x - DIAMOND, y);
  p.closePath();
  if (hollow) p.stroke();
  else p.fill();
}

export function paintRow(p: Paint, scale: TimelineScale, timeline: TrackTimeline, style: RowStyle): void {
  const { height: h, color } = style;
  const mid = h / 2;
  p.clearRect(0, 0, scale.width, h);
  const spans = rowSpansIn(timeline, scale.first, scale.last);
  p.globalAlpha = 0.35;
  p.fillStyle = color;
  for (const s of spans.present) spanRect(p, scale, s.start, s.stop, mid - 4, 8);
  p.globalAlpha = 1;
  p.fillStyle = style.outside;
  for (const s of spans.outside) spanRect(p, scale, s.start, s.stop, mid - 1, 2);
  p.fillStyle = color;
  p.strokeStyle = color;
  p.lineWidth = 1.5;
  const tracked = (frame: number) => timeline.tracked[lowerBound(timeline.tracked, frame)] === frame;
  for (const f of visibleKeyframes(timeline.keyframes, scale)) diamond(p, frameX(scale, f), mid, tracked(f));
}

/**
 * The keyframes to mark in the scale's frames: all of them when they are fewer than the pixel columns,
 * else the first keyframe of each column (marks closer than a pixel would overlap), each found by
 * binary search.
 */
export function visibleKeyframes(keyframes: readonly number[], scale: TimelineScale): number[] {
  const from = lowerBound(keyframes, scale.first);
  const to = lowerBound(keyframes, scale.last + 1, from);
  const out: number[] = [];
  const columns = Math.max(1, Math.floor(scale.width));
  if (to - from <= columns) {
    let lastX = -Infinity;
    for (let i = from; i < to; i++) {
      const f = keyframes[i] as number;
      const x = frameX(scale, f);
      if (x - lastX < 1) continue;
      lastX = x;
      out.push(f);
    }
    return out;
  }
  const frames = scale.last - scale.first + 1;
  let at = from;
  for (let c = 0; c < columns && at < to; c++) {
    const end = scale.first + Math.ceil(((c + 1) * frames) / columns);
    at = lowerBound(keyframes, scale.first + Math.floor((c * frames) / columns), at, to);
    if (at < to && (keyframes[at] as number) < end) out.push(keyframes[at] as number);
  }
  return out;
}

/** The frames holding single-frame shapes, as ticks. */
export function paintTicks(p: Paint, scale: TimelineScale, frames: readonly number[], style: RowStyle): void {
  p.clearRect(0, 0, scale.width, style.height);
  p.fillStyle = style.color;
  for (const f of visibleKeyframes(frames, scale)) p.fillRect(Math.round(frameX(scale, f)) - 1, 3, 2, style.height - 6);
}
