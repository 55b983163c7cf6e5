/**
 * Drawing a track's row of the timeline into a 2D context: the present spans in the label's colour,
 * outside spans hatched, keyframes as diamonds (hollow for those a tracker wrote). Rows are drawn on
 * their own canvas and only when their track changes; the playhead is a DOM line over all rows.
 */
import type { TrackTimeline } from "@annota/canvas-core";
import { frameLeft, frameX, rowSpans, type TimelineScale } from "./layout";

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
  const spans = rowSpans(timeline, scale.last);
  p.globalAlpha = 0.35;
  p.fillStyle = color;
  for (const s of spans.present) spanRect(p, scale, s.start, s.stop, mid - 4, 8);
  p.globalAlpha = 1;
  p.fillStyle = style.outside;
  for (const s of spans.outside) spanRect(p, scale, s.start, s.stop, mid - 1, 2);
  // Keyframes closer than a diamond's width would overlap: one mark per pixel column is enough.
  const tracked = new Set(timeline.tracked);
  let lastX = -Infinity;
  p.fillStyle = color;
  p.strokeStyle = color;
  p.lineWidth = 1.5;
  for (const f of timeline.keyframes) {
    const x = frameX(scale, f);
    if (x - lastX < 1) continue;
    lastX = x;
    diamond(p, x, mid, tracked.has(f));
  }
}

/** The frames holding single-frame shapes, as ticks. */
export function paintTicks(p: Paint, scale: TimelineScale, frames: readonly number[], style: RowStyle): void {
  p.clearRect(0, 0, scale.width, style.height);
  p.fillStyle = style.color;
  for (const f of frames) p.fillRect(Math.round(frameX(scale, f)) - 1, 3, 2, style.height - 6);
}
